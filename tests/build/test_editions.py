"""Editions: a briefing frozen, then edited into a second edition, both published with what changed.

The fixture is made as an editor would make it, in a copy of the project: freeze the current edition,
then give data/ a new edition date, change an amount and a name, change a Japanese text but not its
English, add a technology area and remove another (redirecting its addresses to the older edition).
The facts of the second edition are invented for the test; the real data/ stays one edition.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from briefing.check.addresses import MANIFEST, read_manifest
from briefing.check.editions import FOLDER
from briefing.load.loader import load_briefing
from conftest import LANGS, article, copy_project, page_file, run_briefing, soup, text_of

OLD, NEW = "2026-01-21", "2026-04-01"
REDIRECTS = """redirects:
  - old: technology-areas/ocean/
    new: editions/2026-01-21/technology-areas/ocean/
    reason: {ja: 次の版で領域から外れた, en: No longer an area in the next edition}
  - old: technology-areas/#ocean
    new: editions/2026-01-21/technology-areas/#ocean
"""
POLAR = """  - id: polar
    kind: emerging-foundational
    name:
      ja: 極域関連技術
      en: Polar technologies
      en_status: ours
    examples:
      - ja: 極域観測技術
        en: Polar observation technologies
    fields:
      - ocean
    source: csti-technology-areas

"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _remove_block(path: Path, start: str, end: str) -> None:
    text = path.read_text(encoding="utf-8")
    begin = text.index(start)
    path.write_text(text[:begin] + text[text.index(end, begin) :], encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("editions") / "project")
    data = project / "data"
    assert load_briefing(data).edition.edition_date.isoformat() == OLD
    if not (project / FOLDER / OLD).exists():
        frozen = run_briefing("freeze", project=project)
        assert frozen.returncode == 0, frozen.stderr
    _edit(data / "briefing.yml", f'edition_date: "{OLD}"', f'edition_date: "{NEW}"')
    _edit(data / "briefing.yml", "  last_updated:", "  # last_updated:")
    _edit(data / "budget.yml", "fy2026-draft: 181", "fy2026-draft: 182.5")  # the programme's total, then ARIM
    _edit(data / "budget.yml", "fy2026-draft: 21.9", "fy2026-draft: 23.4")
    _edit(data / "budget.yml", "全国26の大学等において", "全国27の大学等において")  # Japanese only: the English lags
    _edit(data / "technology_areas.yml", "ja: 航空関連技術", "ja: 航空・宇宙関連技術")
    _edit(data / "technology_areas.yml", "en: Aviation-related technologies", "en: Aviation and space technologies")
    _remove_block(data / "technology_areas.yml", "  - id: ocean\n", "  # -----")
    _edit(data / "technology_areas.yml", "  - id: aviation\n", POLAR + "  - id: aviation\n")
    _edit(data / "redirects.yml", "redirects: []\n", REDIRECTS)
    return project


@pytest.fixture(scope="module")
def built(project) -> tuple[Path, object]:
    out = project / "built"
    result = run_briefing("build", "--record-addresses", "--out", str(out), project=project)
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


def test_freezing_copies_data_once_and_never_changes_it(tmp_path):
    project = copy_project(tmp_path / "project")
    before = {path: path.read_bytes() for path in (project / "data").rglob("*") if path.is_file()}
    if not (project / FOLDER / OLD).exists():
        assert run_briefing("freeze", project=project).returncode == 0
    assert (project / FOLDER / OLD / "data" / "budget.yml").read_bytes() == before[project / "data" / "budget.yml"]
    again = run_briefing("freeze", project=project)
    assert again.returncode == 1
    assert again.stderr.startswith(f"The edition of {OLD} is frozen already") and "Traceback" not in again.stderr
    assert "problem" not in again.stderr and "make freeze AGAIN=1" in again.stderr  # a step to take, not a data error
    assert {path: path.read_bytes() for path in (project / "data").rglob("*") if path.is_file()} == before
    # A correction to the current edition after freezing: a warning, until the frozen copy records it.
    _edit(project / "data" / "budget.yml", "全国26の大学等", "全国２６の大学等")
    check = run_briefing("check", project=project)
    assert check.returncode == 0
    assert f"data/ has changed since the edition of {OLD} was frozen (budget.yml)" in check.stdout + check.stderr
    assert run_briefing("freeze", "--again", project=project).returncode == 0
    check = run_briefing("check", project=project)
    assert check.returncode == 0 and "has changed since" not in check.stdout + check.stderr
    # A frozen edition edited afterwards is caught, with the file named.
    _edit(project / FOLDER / OLD / "data" / "budget.yml", "fy2026-draft: 21.9", "fy2026-draft: 21.8")
    check = run_briefing("check", project=project)
    assert check.returncode == 1
    assert f"{FOLDER}/{OLD}/data/budget.yml:1:1: a frozen edition was changed after it was frozen" in check.stderr


def test_the_old_edition_keeps_its_values_at_its_own_address(site):
    for lang, old, new in (("ja", "21.9億円", "23.4億円"), ("en", "¥2.19 billion", "¥2.34 billion")):
        current = article(site, lang, "budget/arim/")
        frozen = article(site, lang, f"editions/{OLD}/budget/arim/")
        assert new in text_of(current.select_one("table")) and new not in text_of(frozen)
        assert old in text_of(frozen.select_one("table"))
        # The removed area lives on in its edition, and the current site leads there.
        assert page_file(site, lang, f"editions/{OLD}/technology-areas/ocean/").is_file()
        assert text_of(article(site, lang, f"editions/{OLD}/technology-areas/").select_one("tr#ocean"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_the_old_edition_says_which_it_is_and_its_links_resolve(site, lang):
    pages = sorted((site / lang / FOLDER / OLD).rglob("index.html"))
    assert len(pages) > 50
    for path in pages:
        html = soup(path)
        banner = html.select_one("article .briefing-edition-banner")
        assert banner is not None, f"{path} has no banner"
        assert ("2026年1月21日" if lang == "ja" else "21 January 2026") in text_of(banner)
        # The footer and the citation name this edition, not the current one.
        footer = text_of(html.select_one(".briefing-footer"))
        assert ("2026年1月21日" if lang == "ja" else "21 January 2026") in footer
        for link in banner.select("a[href]"):
            target = urlsplit(urljoin(path.as_uri(), link["href"])).path
            assert Path(target, "index.html").is_file() or Path(target).is_file(), f"{path}: {link['href']}"
    # The banner of an item page leads to the same item in the current edition; a removed item's to the home.
    banner = soup(page_file(site, lang, f"editions/{OLD}/budget/arim/")).select_one(".briefing-edition-banner")
    assert banner.select_one("a[data-keep-hash]")["href"] == "../../../../budget/arim/"
    banner = soup(page_file(site, lang, f"editions/{OLD}/technology-areas/ocean/")).select_one(
        ".briefing-edition-banner"
    )
    assert banner.select_one("a[data-keep-hash]")["href"] == "../../../../"


def test_a_removed_address_leads_to_the_edition_that_had_it(site):
    for lang in LANGS:
        stub = soup(page_file(site, lang, "technology-areas/ocean/"))
        assert stub.select_one('meta[http-equiv="refresh"]')["content"].endswith(
            f"editions/{OLD}/technology-areas/ocean/"
        )
        # The row's anchor stays on the current page, in a note that leads to the row in the old edition.
        row = article(site, lang, "technology-areas/").select_one("li#ocean")
        link = row.select_one("a")["href"]
        assert link == f"../editions/{OLD}/technology-areas/#ocean"
        assert ("2026年1月21日" if lang == "ja" else "21 January 2026") in text_of(row)


@pytest.mark.parametrize("lang", LANGS)
def test_the_changes_page_lists_each_change_in_the_page_language(site, lang):
    for url in ("changes/", f"changes/{OLD}--{NEW}/"):
        page = article(site, lang, url)
        text = text_of(page)
        arim = page.select_one("table#budget_lines--arim")
        assert arim is not None, url
        amounts = text_of(arim)
        if lang == "ja":
            assert "21.9億円" in amounts and "23.4億円" in amounts and "+1.5億円" in amounts
            assert "航空・宇宙関連技術" in text and "極域関連技術" in text and "海洋関連技術" in text
            inserted = [text_of(node) for node in arim.select("ins")]
            assert any("27" in words for words in inserted)
        else:
            assert "¥2.19 billion" in amounts and "¥2.34 billion" in amounts and "+¥150 million" in amounts
            assert "Aviation and space technologies" in text and "Polar technologies" in text
            assert "Ocean-related technologies" in text
            # The English description did not change: the English page says only the Japanese did.
            assert "Description Only the Japanese text changed (the English translation may lag it)." in amounts
            names = page.select_one("table#technology_areas--aviation")
            for hidden in names.select(".briefing-sr-only"):  # "added: ", for screen readers
                hidden.decompose()
            assert [text_of(node) for node in names.select("ins")] == ["Aviation and space"]
            assert [text_of(node) for node in names.select("del")] == ["Aviation-related"]
        # Each field is named by its label in the page's language, not by its path in the data.
        fields = [text_of(th) for th in arim.select("tbody th")]
        amount = "金額 › 令和8年度（2026年度）予算額（案）" if lang == "ja" else "Amounts › FY2026 budget (draft)"
        assert amount in fields, fields
        assert not any("fy2026-draft" in field or "amounts" in field for field in fields)
        # Links: the added item to its page now, the removed one to the edition that had it.
        hrefs = {a["href"] for a in page.select("a[href]")}
        prefix = "../" if url == "changes/" else "../../"
        assert f"{prefix}technology-areas/polar/" in hrefs
        assert f"{prefix}editions/{OLD}/technology-areas/ocean/" in hrefs


def test_an_item_that_changed_says_so_on_its_page(site):
    for lang in LANGS:
        box = article(site, lang, "budget/arim/").select_one(".briefing-changes-box")
        assert box is not None and ("23.4億円" if lang == "ja" else "¥2.34 billion") in text_of(box)
        assert (
            "金額 › 令和8年度（2026年度）予算額（案）" if lang == "ja" else "Amounts › FY2026 budget (draft)"
        ) in text_of(box)
        assert article(site, lang, "budget/dxmt/").select_one(".briefing-changes-box") is None


def test_a_lagging_translation_is_reported_and_shown(project, built):
    _, result = built
    warning = "data/budget.yml:"
    assert any(
        line.startswith(warning)
        and "arim › description.en: the Japanese has changed since the edition of 2026-01-21" in line
        for line in result.stderr.splitlines() + result.stdout.splitlines()
    ), result.stderr
    notice = article(built[0], "en", "budget/arim/").select_one(".briefing-translation-lag")
    assert notice is not None
    assert article(built[0], "ja", "budget/arim/").select_one(".briefing-translation-lag") is None
    assert article(built[0], "en", "budget/dxmt/").select_one(".briefing-translation-lag") is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_feed_is_atom_and_lists_both_editions(site, lang):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(site / lang / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"a:{required}", ns) is not None and feed.find(f"a:{required}", ns).text
    entries = feed.findall("a:entry", ns)
    assert [entry.find("a:updated", ns).text[:10] for entry in entries] == [NEW, OLD]
    for entry in entries:
        for required in ("id", "title", "updated", "summary"):
            assert entry.find(f"a:{required}", ns).text, required
        dt.datetime.fromisoformat(entry.find("a:updated", ns).text)
        for link in entry.findall("a:link", ns):
            target = site / lang / urlsplit(link.get("href")).path.lstrip("/") / "index.html"
            assert target.is_file(), link.get("href")
    # Each edition leads to what changed in it (the first: to the list of editions, which says so), and to its pages.
    links = [{link.get("rel"): link.get("href") for link in entry.findall("a:link", ns)} for entry in entries]
    assert links == [
        {"alternate": f"changes/{OLD}--{NEW}/", "related": "./"},
        {"alternate": "editions/", "related": f"editions/{OLD}/"},
    ]
    assert "1" in entries[0].find("a:summary", ns).text  # the counts of what changed
    # Discoverable from every page's head.
    head = soup(page_file(site, lang, "budget/arim/")).select_one('link[rel="alternate"][type="application/atom+xml"]')
    assert urljoin(f"http://x/{lang}/budget/arim/", head["href"]) == f"http://x/{lang}/feed.xml"


def test_citations_offer_the_pinned_address_and_metadata_names_every_edition(site):
    import json

    for lang in LANGS:
        old = soup(page_file(site, lang, f"editions/{OLD}/budget/arim/"))
        links = [a["href"] for a in old.select(".briefing-cite a[data-cite-link]")]
        assert links == [f"../../../../editions/{OLD}/budget/arim/", "../../../../budget/arim/"]
        data = json.loads(old.select_one('script[type="application/ld+json"]').string)
        assert data["version"] == OLD
        current = soup(page_file(site, lang, "budget/arim/"))
        data = json.loads(current.select_one('script[type="application/ld+json"]').string)
        assert data["version"] == NEW
        assert [(work["version"], work["url"]) for work in data["workExample"]] == [
            (OLD, f"../../editions/{OLD}/budget/arim/")
        ]


def test_every_address_a_citation_offers_leads_to_a_page(site):
    """In the real site, whose current edition is frozen: the permanent address a page's citation offers
    exists (pages that are no part of an edition, such as about/, offer none)."""
    import re

    for lang in LANGS:
        offered = 0
        for html in (site / lang).rglob("index.html"):
            for href in re.findall(r'data-cite-link href="([^"]+)"', html.read_text(encoding="utf-8")):
                target = (html.parent / href).resolve()
                assert (target / "index.html").is_file(), f"{html.relative_to(site)}: {href}"
                offered += 1
        assert offered > 50  # every page of the edition offers it
        about = soup(page_file(site, lang, "about/"))
        assert about.select(".briefing-cite") and not about.select(".briefing-cite a[data-cite-link]")


def test_every_edition_address_is_recorded_and_cannot_disappear(project, built):
    recorded = {address for _, address in read_manifest(project / "data")}
    assert f"editions/{OLD}/budget/#arim" in recorded and f"editions/{OLD}/technology-areas/ocean/" in recorded
    assert f"changes/{OLD}--{NEW}/" in recorded
    # Deleting the frozen edition would take its addresses away: the check says so.
    frozen = project / FOLDER / OLD
    moved = project / "elsewhere"
    frozen.rename(moved)
    try:
        result = run_briefing("check", project=project)
    finally:
        moved.rename(frozen)
    assert result.returncode == 1
    assert f"{MANIFEST}:" in result.stderr and f"editions/{OLD}/budget/: this address was published" in result.stderr


def test_every_key_an_item_can_change_has_a_label_in_both_languages():
    """The changes page names a changed field by its label (models.field_label), never by its key: every key
    of every model a collection's items are made of has one."""
    from briefing.model.models import MODELS, field_label
    from pydantic import BaseModel

    seen: set = set()

    def walk(model) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            label = field_label(model, name)
            assert label and label["ja"] and label["en"], f"{model.__name__}.{name} has no label"
            todo = [info.annotation]
            while todo:
                annotation = todo.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    walk(annotation)
                todo += list(getattr(annotation, "__args__", ()) or ())

    for model in MODELS.values():
        walk(model)
    assert len(seen) > 20
