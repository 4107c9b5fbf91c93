"""Links pasted into memos keep working: published addresses are recorded, and moves need redirects."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from briefing.addresses import MANIFEST, read_manifest
from briefing.cli import PROJECT
from briefing.validation import validate
from conftest import LANGS, copy_project, run_briefing, soup


def test_committed_manifest_holds_every_current_address():
    recorded = {address for _, address in read_manifest(PROJECT / "data")}
    current = validate(PROJECT).addresses
    missing = current - recorded
    assert not missing, f"run `make site` and commit data/{MANIFEST}: {sorted(missing)[:5]}"
    assert "working-groups/#materials" in current and "budget/arim/" in current


@pytest.mark.parametrize("lang", LANGS)
def test_the_addresses_worked_out_before_rendering_are_those_the_pages_have(site, lang):
    """The declaration says which rows can be linked to; the rendered pages must agree, in both languages."""
    current = validate(PROJECT).addresses
    pages = {address for address in current if "#" not in address}
    rows = {address for address in current if "#" in address}
    built, pinned = set(), set()
    for page in pages - {"print/"}:  # the print page repeats every table; its rows are not addresses to cite
        path = site / lang / page / "index.html"
        assert path.is_file(), f"{lang}/{page} was not built"
        html = soup(path)
        if html.select_one('meta[http-equiv="refresh"]'):  # the current edition's pinned address: it leads on
            pinned.add(page)
            continue
        built |= {f"{page}#{row['id']}" for row in html.select("article tr[id]")}
    # A pinned row leads to the same row of the current page (the stub keeps the #row).
    leading = {address for address in rows if address.split("#")[0] in pinned}
    assert {address.split("/", 2)[2] for address in leading} <= built
    assert rows - leading == built


@pytest.fixture
def renamed(tmp_path) -> Path:
    """A copy of the project in which the ARIM budget line's id has been renamed."""
    project = copy_project(tmp_path / "project")
    budget = project / "data" / "budget.yml"
    budget.write_text(budget.read_text(encoding="utf-8").replace("id: arim\n", "id: arim-infra\n"), encoding="utf-8")
    return project


def test_renaming_an_id_without_a_redirect_fails(renamed):
    result = run_briefing("check", project=renamed)
    assert result.returncode == 1
    lines = (renamed / "data" / MANIFEST).read_text(encoding="utf-8").splitlines()
    expected = lines.index("budget/arim/") + 1
    assert f"data/{MANIFEST}:{expected}:1: budget/arim/: this address was published and no longer exists" in (
        result.stderr
    )
    assert "budget/#arim:" in result.stderr and "programmes/materials-innovation/#arim:" in result.stderr


def test_declared_redirects_keep_old_links_working_in_both_languages(renamed, tmp_path):
    (renamed / "data" / "redirects.yml").write_text(
        "redirects:\n"
        "  - {old: budget/arim/, new: budget/arim-infra/}\n"
        "  - {old: 'budget/#arim', new: 'budget/#arim-infra'}\n"
        "  - {old: 'programmes/materials-innovation/#arim', new: 'programmes/materials-innovation/#arim-infra'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run_briefing("build", "--out", str(out), project=renamed)
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        moved = soup(out / lang / "budget" / "arim" / "index.html")
        refresh = moved.select_one('meta[http-equiv="refresh"]')["content"]
        target = urljoin(f"http://x/{lang}/budget/arim/", refresh.split("url=")[1])
        assert target == f"http://x/{lang}/budget/arim-infra/"
        assert (out / lang / "budget" / "arim-infra" / "index.html").is_file()
        row = soup(out / lang / "budget" / "index.html").select_one("tr#arim-infra")
        assert row.select_one("span#arim") is not None


def test_a_redirect_must_lead_somewhere(renamed):
    (renamed / "data" / "redirects.yml").write_text(
        "redirects:\n  - old: budget/arim/\n    new: budget/arim-infrastructure/\n", encoding="utf-8"
    )
    result = run_briefing("check", project=renamed)
    assert result.returncode == 1
    assert "data/redirects.yml:3:10: redirects[1].new: 'budget/arim-infrastructure/' is not an address" in (
        result.stderr
    )
