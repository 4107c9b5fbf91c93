"""Editions: a briefing frozen for the first time, then edited into a second edition, both published with what
changed; and the checks a frozen edition gets.

The tiny briefing, with the editions' pages declared and its item pages saying what changed, is frozen as an
editor freezes a briefing the first time (no editions/ folder yet), then given a new edition date: one
event's cost changes, and its venue in Japanese but not in English; another is renamed in both languages;
one is removed (its addresses redirected to the edition that had it) and one added; one stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from base import LANGS, SMALL_BRIEFING, article, page_file, replace_in, run, small, soup, text_of, write_briefing
from briefing.check.addresses import MANIFEST, read_manifest
from briefing.check.editions import CHECKSUMS, FOLDER, checksums
from briefing.check.validate import validate
from briefing.problems import DataError

OLD, NEW = "2027-04-01", "2027-10-01"
DATES = {"ja": {OLD: "2027年4月1日", NEW: "2027年10月1日"}, "en": {OLD: "1 April 2027", NEW: "1 October 2027"}}
LECTURE = '  - id: lecture\n    name: {ja: 講演会, en: Lecture}\n    held_on: "2027-07-01"\n    themes: [outreach]\n'
SEMINAR = '  - id: seminar\n    name: {ja: 勉強会, en: Seminar}\n    held_on: "2027-08-01"\n    themes: [training]\n'
FAIR = '  - id: fair\n    name: {ja: 見本市, en: Fair}\n    held_on: "2027-11-01"\n    themes: [outreach]\n'
FILES = {
    "data/redirects.yml": "redirects: []\n",
    "data/events.yml": small("data/events.yml") + LECTURE + SEMINAR,
    "data/collections.yml": SMALL_BRIEFING["data/collections.yml"].replace(
        "          - {path: editing.md,",
        "          - {path: editions.md, template: editions.md.j2, nav: {section: about, position: 3}}\n"
        "          - {path: changes.md, template: changes.md.j2, nav: {section: about, position: 4}}\n"
        "          - {path: editing.md,",
    ),
    "templates/events/item.md.j2": SMALL_BRIEFING["templates/events/item.md.j2"].replace(
        "        {{ m.title(item.name|heading) }}\n",
        "        {{ m.title(item.name|heading) }}\n\n        {{ m.translation_notice(item) }}\n",
    ),
}
REDIRECTS = f"""redirects:
  - old: events/lecture/
    new: editions/{OLD}/events/lecture/
    reason: {{ja: 次の版で取りやめ, en: Not held in the next edition}}
  - old: events/#lecture
    new: editions/{OLD}/events/#lecture
"""


def _first_freeze(project: Path) -> None:
    """`make freeze` on a briefing that has never been frozen: editions/ is made for it."""
    assert not (project / FOLDER).exists()
    frozen = run("freeze", project=project)
    assert frozen.code == 0, frozen.err
    assert sorted(path.name for path in (project / FOLDER).iterdir() if not path.name.startswith(".")) == [OLD]
    assert (project / FOLDER / OLD / CHECKSUMS).read_text(encoding="utf-8") == checksums(project / "data")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = write_briefing(tmp_path_factory.mktemp("editions") / "briefing", FILES)
    _first_freeze(project)
    data = project / "data"
    replace_in(data / "briefing.yml", f'edition_date: "{OLD}"', f'edition_date: "{NEW}"')
    replace_in(data / "events.yml", "cost: 1.5", "cost: 1.7")
    replace_in(data / "events.yml", "venue: {ja: 本館, en: Main building}", "venue: {ja: 新館, en: Main building}")
    replace_in(
        data / "events.yml", "name: {ja: 研修会, en: Workshop}", "name: {ja: 実務研修会, en: Practical workshop}"
    )
    replace_in(data / "events.yml", LECTURE, FAIR)
    replace_in(data / "redirects.yml", "redirects: []\n", REDIRECTS)
    return project


@pytest.fixture(scope="module")
def built(project):
    out = project.parent / "built"
    result = run("build", "--record-addresses", "--out", out, project=project)
    assert result.code == 0, result.err
    return out, result


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


def test_freezing_copies_data_once_and_never_changes_it(tmp_path):
    project = write_briefing(tmp_path / "briefing", FILES)
    before = {path: path.read_bytes() for path in (project / "data").rglob("*") if path.is_file()}
    _first_freeze(project)
    assert (project / FOLDER / OLD / "data" / "events.yml").read_bytes() == before[project / "data" / "events.yml"]
    again = run("freeze", project=project)
    assert again.code == 1
    assert again.err.startswith(f"The edition of {OLD} is frozen already") and "Traceback" not in again.err
    assert "problem" not in again.err and "make freeze AGAIN=1" in again.err  # a step to take, not a data error
    assert {path: path.read_bytes() for path in (project / "data").rglob("*") if path.is_file()} == before
    # A correction to the current edition after freezing: a warning, until the frozen copy records it.
    replace_in(project / "data" / "events.yml", "本館", "本 館")
    check = run("check", project=project)
    assert check.code == 0
    assert f"data/ has changed since the edition of {OLD} was frozen (events.yml)" in check.out + check.err
    assert run("freeze", "--again", project=project).code == 0
    check = run("check", project=project)
    assert check.code == 0 and "has changed since" not in check.out + check.err
    # The current edition's frozen copy edited afterwards is caught, with the file named and both ways out.
    replace_in(project / FOLDER / OLD / "data" / "events.yml", "cost: 1.5", "cost: 1.4")
    check = run("check", project=project)
    assert check.code == 1
    said = f"{FOLDER}/{OLD}/data/events.yml:1:1: the frozen copy of the current edition was changed after it was frozen"
    assert said in check.err and "make freeze AGAIN=1" in check.err and "git restore editions/" in check.err


def test_freeze_refuses_data_that_fails_a_check(tmp_path):
    """The first freeze too: nothing is frozen, and no editions/ folder is left behind."""
    project = write_briefing(tmp_path / "briefing", FILES)
    replace_in(project / "data" / "events.yml", "themes: [outreach]", "themes: [outreech]")
    result = run("freeze", project=project)
    assert result.code == 1
    assert "data/events.yml:7:14: open-day › themes[1]: there is no theme 'outreech'" in result.err
    assert result.err.rstrip().endswith("Nothing was frozen.")
    assert not [path for path in (project / FOLDER).glob("*") if not path.name.startswith(".")]


def test_a_frozen_edition_gets_the_checks_between_items_as_well_as_its_checksums(tmp_path):
    project = write_briefing(tmp_path / "briefing", FILES)
    _first_freeze(project)
    replace_in(project / "data" / "briefing.yml", f'edition_date: "{OLD}"', f'edition_date: "{NEW}"')
    frozen = project / FOLDER / OLD
    replace_in(frozen / "data" / "events.yml", "themes: [outreach]", "themes: [outreech]")
    (frozen / CHECKSUMS).write_text(checksums(frozen / "data"), encoding="utf-8")  # the checksum recomputed
    with pytest.raises(DataError) as raised:
        validate(project)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{FOLDER}/{OLD}/data/events.yml:7:14: open-day › themes[1]: there is no theme 'outreech' (did you mean "
        "'outreach'?); use one of: outreach, training"
    ]


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("latest", "editions/latest:1:1: an edition's folder is named after its edition date, written YYYY-MM-DD"),
        ("0000", "editions/0000:1:1: an edition's folder is named after its edition date, written YYYY-MM-DD"),
        (
            "2025-01-01",
            f"editions/2025-01-01/data/briefing.yml:5:17: briefing.edition_date: the edition_date is {OLD}, "
            "but the edition's folder is editions/2025-01-01/: they must be the same",
        ),
    ],
)
def test_an_editions_folder_not_named_after_its_date_is_a_check_error(tmp_path, folder, expected):
    project = write_briefing(tmp_path / "briefing", FILES)
    _first_freeze(project)
    shutil.copytree(project / FOLDER / OLD, project / FOLDER / folder)
    with pytest.raises(DataError) as raised:
        validate(project)
    [problem] = raised.value.problems
    assert str(problem).startswith(expected)


def _amounts(site: Path, lang: str, url: str) -> set[str]:
    """The amounts an event's page states as its cost (a paragraph of its own)."""
    return {
        text_of(p) for p in article(site, lang, url).select("p") if re.fullmatch(r"[\d.]+億円|¥\S+ \w+", text_of(p))
    }


def test_the_old_edition_keeps_its_values_at_its_own_address(site):
    for lang, old, new in (("ja", "1.5億円", "1.7億円"), ("en", "¥150 million", "¥170 million")):
        assert _amounts(site, lang, "events/open-day/") == {new}
        assert _amounts(site, lang, f"editions/{OLD}/events/open-day/") == {old}
        # The removed event lives on in its edition, and the current site leads there.
        assert page_file(site, lang, f"editions/{OLD}/events/lecture/").is_file()
        assert text_of(article(site, lang, f"editions/{OLD}/events/").select_one("tr#lecture"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_the_old_edition_says_which_it_is_and_its_links_resolve(site, lang):
    edition = site / lang / FOLDER / OLD
    pages = sorted(edition.rglob("index.html"), key=lambda path: str(path.parent.relative_to(edition)))
    assert [str(path.parent.relative_to(edition)) for path in pages] == [
        ".",
        "events",
        "events/lecture",
        "events/open-day",
        "events/seminar",
        "events/workshop",
    ]
    for path in pages:
        html = soup(path)
        banner = html.select_one("article .briefing-edition-banner")
        assert banner is not None, f"{path} has no banner"
        assert DATES[lang][OLD] in text_of(banner)
        # The footer and the citation name this edition, not the current one.
        footer = text_of(html.select_one(".briefing-footer"))
        assert DATES[lang][OLD] in footer and DATES[lang][NEW] not in footer
        for link in banner.select("a[href]"):
            target = urlsplit(urljoin(path.as_uri(), link["href"])).path
            assert Path(target, "index.html").is_file() or Path(target).is_file(), f"{path}: {link['href']}"
    # The banner of an item page leads to the same item in the current edition; a removed item's to the home.
    banner = soup(page_file(site, lang, f"editions/{OLD}/events/open-day/")).select_one(".briefing-edition-banner")
    assert banner.select_one("a[data-keep-hash]")["href"] == "../../../../events/open-day/"
    banner = soup(page_file(site, lang, f"editions/{OLD}/events/lecture/")).select_one(".briefing-edition-banner")
    assert banner.select_one("a[data-keep-hash]")["href"] == "../../../../"


def test_a_removed_address_leads_to_the_edition_that_had_it(site):
    for lang in LANGS:
        stub = soup(page_file(site, lang, "events/lecture/"))
        assert stub.select_one('meta[http-equiv="refresh"]')["content"].endswith(f"editions/{OLD}/events/lecture/")
        # The row's anchor stays on the current page, in a note that leads to the row in the old edition.
        row = article(site, lang, "events/").select_one("li#lecture")
        assert row.select_one("a")["href"] == f"../editions/{OLD}/events/#lecture"
        assert DATES[lang][OLD] in text_of(row)


@pytest.mark.parametrize("lang", LANGS)
def test_the_changes_page_lists_each_change_in_the_page_language(site, lang):
    for url in ("changes/", f"changes/{OLD}--{NEW}/"):
        page = article(site, lang, url)
        text = text_of(page)
        open_day = page.select_one("table#events--open-day")
        assert open_day is not None, url
        workshop = page.select_one("table#events--workshop")
        for hidden in page.select(".briefing-sr-only"):  # "added: ", for screen readers
            hidden.decompose()
        if lang == "ja":
            assert all(amount in text_of(open_day) for amount in ("1.5億円", "1.7億円", "+0.2億円", "新館"))
            assert "実務研修会" in text and "見本市" in text and "講演会" in text
            assert [text_of(node) for node in workshop.select("ins")] == ["実務研修会"]
            assert [text_of(node) for node in workshop.select("del")] == ["研修会"]
        else:
            assert "¥150 million" in text_of(open_day) and "¥170 million" in text_of(open_day)
            assert "+¥20 million" in text_of(open_day)
            assert "Practical workshop" in text and "Fair" in text and "Lecture" in text
            # The English venue did not change: the English page says only the Japanese did.
            assert "Only the Japanese text changed (the English translation may lag it)." in text_of(open_day)
            assert [text_of(node) for node in workshop.select("ins")] == ["Practical workshop"]
            assert [text_of(node) for node in workshop.select("del")] == ["Workshop"]
        # A key the briefing's models label is named by its label in the page's language, not its key.
        fields = [text_of(th) for th in workshop.select("tbody th")]
        assert fields == [{"ja": "名称", "en": "Name"}[lang]], fields
        # The event that did not change is not listed.
        assert page.select_one("table#events--seminar") is None and "seminar" not in text.lower()
        # Links: the added item to its page now, the removed one to the edition that had it.
        hrefs = {a["href"] for a in page.select("a[href]")}
        prefix = "../" if url == "changes/" else "../../"
        assert f"{prefix}events/fair/" in hrefs
        assert f"{prefix}editions/{OLD}/events/lecture/" in hrefs


def test_an_item_that_changed_says_so_on_its_page(site):
    for lang in LANGS:
        box = article(site, lang, "events/open-day/").select_one(".briefing-changes-box")
        assert box is not None and ("1.7億円" if lang == "ja" else "¥170 million") in text_of(box)
        assert article(site, lang, "events/workshop/").select_one(".briefing-changes-box") is not None
        assert article(site, lang, "events/seminar/").select_one(".briefing-changes-box") is None
        assert article(site, lang, "events/fair/").select_one(".briefing-changes-box") is None  # new, not changed


def test_a_lagging_translation_is_reported_and_shown(built):
    out, result = built
    assert any(
        line.startswith("data/events.yml:")
        and f"open-day › venue.en: the Japanese has changed since the edition of {OLD}" in line
        for line in result.err.splitlines() + result.out.splitlines()
    ), result.err
    assert article(out, "en", "events/open-day/").select_one(".briefing-translation-lag") is not None
    assert article(out, "ja", "events/open-day/").select_one(".briefing-translation-lag") is None
    assert article(out, "en", "events/workshop/").select_one(".briefing-translation-lag") is None  # both changed


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
    counts = re.findall(r"\d+", entries[0].find("a:summary", ns).text)
    assert counts == ["1", "1", "2"]  # added, removed, changed
    # Discoverable from every page's head.
    head = soup(page_file(site, lang, "events/open-day/")).select_one(
        'link[rel="alternate"][type="application/atom+xml"]'
    )
    assert urljoin(f"http://x/{lang}/events/open-day/", head["href"]) == f"http://x/{lang}/feed.xml"


def test_citations_offer_the_pinned_address_and_metadata_names_every_edition(site):
    for lang in LANGS:
        old = soup(page_file(site, lang, f"editions/{OLD}/events/open-day/"))
        links = [a["href"] for a in old.select(".briefing-cite a[data-cite-link]")]
        assert links == [f"../../../../editions/{OLD}/events/open-day/", "../../../../events/open-day/"]
        data = json.loads(old.select_one('script[type="application/ld+json"]').string)
        assert data["version"] == OLD
        current = soup(page_file(site, lang, "events/open-day/"))
        data = json.loads(current.select_one('script[type="application/ld+json"]').string)
        assert data["version"] == NEW
        assert [(work["version"], work["url"]) for work in data["workExample"]] == [
            (OLD, f"../../editions/{OLD}/events/open-day/")
        ]


def test_every_address_a_citation_offers_leads_to_a_page(site):
    """The permanent address a page's citation offers exists (pages that are no part of an edition, such as
    editing/, offer none)."""
    for lang in LANGS:
        offered = 0
        for html in (site / lang).rglob("index.html"):
            for href in re.findall(r'data-cite-link href="([^"]+)"', html.read_text(encoding="utf-8")):
                target = (html.parent / href).resolve()
                assert (target / "index.html").is_file(), f"{html.relative_to(site)}: {href}"
                offered += 1
        assert offered == 2 * 6  # each page of the old edition: its own address and the current page's
        editing = soup(page_file(site, lang, "editing/"))
        assert editing.select(".briefing-cite") and not editing.select(".briefing-cite a[data-cite-link]")


def test_every_edition_address_is_recorded_and_cannot_disappear(project, built):
    recorded = {address for _, address in read_manifest(project / "data")}
    assert f"editions/{OLD}/events/#open-day" in recorded and f"editions/{OLD}/events/lecture/" in recorded
    assert f"changes/{OLD}--{NEW}/" in recorded
    # Deleting the frozen edition would take its addresses away: the check says so.
    frozen = project / FOLDER / OLD
    moved = project / "elsewhere"
    frozen.rename(moved)
    try:
        result = run("check", project=project)
    finally:
        moved.rename(frozen)
    assert result.code == 1
    assert f"{MANIFEST}:" in result.err and f"the frozen edition editions/{OLD}/ is not in the project" in result.err


def test_freeze_again_replaces_the_current_editions_copy_whatever_it_holds_and_never_an_older_one(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    first = run("freeze", project=project)  # the first freeze of a briefing
    assert first.code == 0, first.err
    frozen = project / FOLDER / "2027-04-01" / "data" / "events.yml"
    current = project / "data" / "events.yml"
    # A replace over the whole project changes the current edition's frozen copy too: make check says so,
    # and AGAIN records data/ in its place.
    for path in (current, frozen):
        path.write_text(path.read_text(encoding="utf-8").replace("本館", "新館"), encoding="utf-8")
    changed = run("check", project=project)
    assert changed.code == 1
    assert "the frozen copy of the current edition was changed" in changed.err and "make freeze AGAIN=1" in changed.err
    again = run("freeze", "--again", project=project)
    assert again.code == 0, again.err
    assert frozen.read_bytes() == current.read_bytes()
    assert run("check", project=project).code == 0
    # The next edition frozen, the older edition's copy changed: AGAIN refuses, and changes nothing.
    edition = project / "data" / "briefing.yml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("2027-04-01", "2027-10-01"), encoding="utf-8")
    assert run("freeze", project=project).code == 0
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("新館", "旧館"), encoding="utf-8")
    before = {path: path.read_bytes() for path in (project / FOLDER).rglob("*") if path.is_file()}
    refused = run("freeze", "--again", project=project)
    assert refused.code == 1
    assert f"{FOLDER}/2027-04-01/data/events.yml:1:1: a frozen edition was changed after it was frozen" in refused.err
    assert {path: path.read_bytes() for path in (project / FOLDER).rglob("*") if path.is_file()} == before


def test_a_published_edition_whose_folder_is_gone_is_one_problem_that_says_to_restore_it(tmp_path):
    """Not a redirect to paste for each of its pages: the edition is published, so the folder comes back."""
    project = write_briefing(tmp_path / "briefing")
    assert run("freeze", project=project).code == 0
    published = run("build", "--record-addresses", "--out", tmp_path / "site", "--no-pdf", project=project)
    assert published.code == 0, published.err
    shutil.rmtree(project / FOLDER)
    for lang, said in (
        ("en", "the frozen edition editions/2027-04-01/ is not in the project"),
        ("ja", "凍結した版 editions/2027-04-01/ がプロジェクトにありません"),
    ):
        result = run("check", project=project, env={"BRIEFING_LANG": lang})
        assert result.code == 1
        problems = [line for line in result.err.splitlines() if line.startswith("data/")]
        assert len(problems) == 1, result.err
        assert said in problems[0] and "git restore editions/2027-04-01/" in problems[0]
