"""Links pasted into memos keep working: published addresses are recorded, and moves need redirects."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from briefing.check.addresses import MANIFEST, read_manifest
from briefing.check.validate import validate
from briefing.cli import PROJECT
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


def test_renaming_an_id_is_reported_at_the_new_id_with_the_redirects_to_paste(renamed):
    result = run_briefing("check", project=renamed)
    assert result.returncode == 1
    budget = (renamed / "data" / "budget.yml").read_text(encoding="utf-8").splitlines()
    line = budget.index("      - id: arim-infra") + 1
    assert f"data/budget.yml:{line}:13: arim-infra › id: this id was 'arim' when budget/arim/ and 6 addresses" in (
        result.stderr
    )
    assert "  - {old: budget/#arim, new: budget/#arim-infra}" in result.stderr
    assert f"data/{MANIFEST}" not in result.stderr  # the cause, not its 6 consequences


def _paste_redirects(project: Path, stderr: str) -> None:
    """Do what the message says: put its lines in place of 'redirects: []' in data/redirects.yml."""
    snippet = [line for line in stderr.splitlines() if line == "redirects:" or line.startswith("  - {old: ")]
    path = project / "data" / "redirects.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("redirects: []", "\n".join(snippet)), encoding="utf-8")


@pytest.mark.parametrize(
    "slip",
    [
        ("budget.yml", "id: arim\n", "id: arim-infra\n"),  # a rename
        ("pages/fasst.yml", None, None),  # a page's file deleted
        ("glossary.yml", "  - id: growth-strategy-council\n", "  - id: growth-strategy-council-x\n"),  # a row renamed
        ("glossary.yml", "  - id: cefp\n", "  - id: zzzz\n"),  # a row removed (and another added)
    ],
    ids=["renamed-page", "deleted-file", "renamed-row", "removed-row"],
)
def test_the_redirects_a_message_offers_make_the_check_pass(slip, tmp_path):
    """Pasting the lines a message offers is enough: the check passes, every published address leads on."""
    project = copy_project(tmp_path / "project")
    name, old, new = slip
    path = project / "data" / name
    if old is None:
        path.unlink()
    else:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    first = run_briefing("check", project=project)
    assert first.returncode == 1 and "redirects:" in first.stderr, first.stderr
    assert first.stderr.count("\nredirects:") == 1, "one problem per item, not one per address"
    _paste_redirects(project, first.stderr)
    second = run_briefing("check", project=project)
    assert second.returncode == 0, second.stderr


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
