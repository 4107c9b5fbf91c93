"""What the site says about the deck is no more certain than the deck: a body's status the deck does not give is
"not stated", an identification or a budget phase the site infers is said to be inferred, a qualifier the text
already gives is not added again, and the sources page lists every page each part of the deck feeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from base import LANGS, PROJECT, article, soup, text_of
from briefing.project.template_folders import load_strings, template_folders
from briefing.render.texts import mentioning


@pytest.fixture(scope="module")
def strings() -> dict[str, dict[str, str]]:
    return {lang: load_strings(template_folders(PROJECT), lang) for lang in LANGS}


def _row(site: Path, lang: str, url: str, row_id: str):
    row = article(site, lang, url).select_one(f"tr[id='{row_id}']")
    assert row is not None, f"{lang}/{url}#{row_id}"
    return row


@pytest.mark.parametrize("lang", LANGS)
def test_a_status_the_deck_does_not_give_is_not_stated(site, briefing, strings, lang):
    unstated = [group for group in briefing.working_groups if group.status.value == "not-stated"]
    assert [group.id for group in unstated] == ["cybersecurity"]
    for group in briefing.working_groups:
        status = strings[lang][f"status_{group.status.value}"]
        assert text_of(_row(site, lang, "working-groups/", group.id).select_one("td[data-label]:nth-of-type(2)")) == (
            status
        ), group.id
        facts = article(site, lang, f"working-groups/{group.id}/").select_one("dl.briefing-facts")
        labels = [text_of(dt) for dt in facts.select("dt")]
        assert text_of(facts.select("dd")[labels.index(strings[lang]["status"])]) == status


@pytest.mark.parametrize("lang", LANGS)
def test_a_body_identified_by_inference_is_marked_probable_wherever_it_is_listed(site, briefing, strings, lang):
    probable = [ministry for ministry in briefing.ministries if ministry.probable]
    assert [ministry.code for ministry in probable] == ["cao-cyber"]
    for ministry in probable:
        groups = [g for g in briefing.working_groups if ministry.code in {role.code for role in g.ministries}]
        assert groups
        for group in groups:
            for url in ("working-groups/", f"working-groups/{group.id}/"):
                page = article(site, lang, url)
                scope = page.select_one(f"tr[id='{group.id}']") if url == "working-groups/" else page
                (abbr,) = [a for a in scope.select("abbr") if a.get("title") == ministry.name(lang).replace("{?", "")]
                if lang == "en":  # the abbreviation (NCO), then "(probable)"
                    assert text_of(abbr) == ministry.abbr
                    assert text_of(abbr.find_next_sibling("small")) == strings["en"]["identification_probable"]
                else:  # the deck's own wording, the probable body (推定) on hover
                    assert text_of(abbr) == ministry.short and "推定" in abbr["title"]
        option = soup(site / lang / "working-groups" / "index.html").select_one(f"option[value='{ministry.code}']")
        assert (strings[lang]["identification_probable"] in text_of(option)) == (lang == "en")


@pytest.mark.parametrize("lang", LANGS)
def test_a_budget_phase_the_site_infers_is_said_to_be_inferred(site, briefing, strings, lang):
    inferred = [line for line in briefing.budget_lines if line.phase_inferred]
    assert [line.id for line in inferred] == ["ai-for-science-computing"]
    for line in inferred:
        reason = " ".join(line.phase_inferred(lang).split())
        programme = briefing.parent(line)
        for url in (f"budget/{line.id}/", f"programmes/{programme.id}/", "budget/"):
            page = article(site, lang, url)
            assert reason in text_of(page), url
            notes = [text_of(note) for note in page.select("p.briefing-note") if reason in text_of(note)]
            assert len(notes) == 1 and notes[0].startswith("* " + strings[lang]["phase_inferred"]), url
        row = _row(site, lang, f"programmes/{programme.id}/", line.id)
        assert re.search(re.escape(strings[lang]["phase_inferred_short"]) + r" ?\*", text_of(row.th))
        for phase in line.amounts:  # on the line's page, the phase it is shown in is marked
            assert text_of(_row(site, lang, f"budget/{line.id}/", phase).th).removesuffix("#").endswith("*")


def _year(figure, lang: str) -> str:
    """The year the pages add after a figure (templates/_briefing.html.j2, figure)."""
    fiscal = figure.year_kind and figure.year_kind.value == "fiscal"
    if lang == "ja":
        return f"（{figure.year}{'年度' if fiscal else '年'}）"
    return f" ({'FY' if fiscal else ''}{figure.year})"


@pytest.mark.parametrize("lang", LANGS)
def test_a_qualifier_the_text_already_gives_is_not_repeated(site, briefing, lang):
    """ "380,000 (target for 2033)" gets no "(by 2033)", a figure that names its year no "(2024)", and
    "NISA (Nippon Individual Savings Account)" no "(NISA)"; where the text does not say it, it is added."""
    for kpi in briefing.kpis:
        page = text_of(article(site, lang, f"kpis/{kpi.id}/"))
        for figure in (kpi.target, *kpi.baselines):
            if figure.year:
                stated = " ".join(figure.stated(lang).split())
                with_year = f"{stated}{_year(figure, lang)}".replace("（", " （").replace(" （", "（")
                assert (with_year in page) != mentioning(stated, figure.year), with_year
        if kpi.target_year:
            target = text_of(article(site, lang, f"kpis/{kpi.id}/").select("dl.briefing-facts dd")[1])
            assert len(re.findall(rf"(?<!\d){kpi.target_year}(?!\d)", target)) == 1, target
    glossary = article(site, lang, "glossary/")
    for term in briefing.terms:
        if term.abbr and term.name.en:
            english = text_of(glossary.select_one(f"tr[id='{term.id}'] td"))
            assert len(re.findall(rf"(?<![A-Za-z0-9]){re.escape(term.abbr)}(?![A-Za-z0-9])", english)) == 1, english


def test_mentioning_matches_whole_words_and_numbers_only():
    assert mentioning("38万人（2033年目標）", 2033) and mentioning("380,000 (target for 2033)", "2033")
    assert mentioning("NISA (Nippon Individual Savings Account)", "NISA")
    assert not mentioning("20,000", 20) and not mentioning("green transformation", "GX")
    assert not mentioning("KAKENHIS", "KAKENHI")


@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_page_lists_every_page_each_part_of_the_deck_feeds(site, briefing, lang):
    """Every page whose source note names a part of the deck is listed in that part's row, and the pages the
    issue found missing are there: the working groups, the budget and programme pages, the field pages."""
    sources = article(site, lang, "sources/")
    listed: dict[str, set[str]] = {}
    for section in briefing.sections:
        row = sources.select_one(f"tr[id='{section.id}']")
        links = {(Path("/sources") / a["href"]).resolve().as_posix()[1:] for a in row.select("td a")}
        listed[section.id] = {link + "/" if link else "" for link in links}
    titles = {section.id: section.title(lang) for section in briefing.sections}
    missing = []
    for path in sorted((site / lang).rglob("index.html")):
        url = path.parent.relative_to(site / lang).as_posix() + "/"
        if url.startswith(("print/", "editions/")):
            continue  # the whole briefing in one page; the pinned copies of this edition
        for note in soup(path).select("aside.briefing-source"):
            for section_id, title in titles.items():
                if f"{title}" in text_of(note) and url not in listed[section_id]:
                    missing.append(f"{url} cites {section_id}")
    assert not missing, "\n".join(sorted(set(missing))[:10])
    structure = listed["growth-strategy-structure"]
    assert {"working-groups/"} | {f"working-groups/{g.id}/" for g in briefing.working_groups} <= structure
    assert {"budget/", "programmes/", "programmes/materials-innovation/"} <= listed["budget-materials"]
    assert {f"fields/{field.id}/" for field in briefing.fields} <= listed["growth-strategy-launch"]


def _unclear_table(site: Path, lang: str):
    table = article(site, lang, "notes-on-the-source/").select_one("table[id='unclear-table']")
    assert table is not None, f"{lang}: the notes page lists no unclear phrases"
    return table.select("tbody tr")


def _page_address(site: Path, lang: str, path: Path) -> str:
    return path.parent.relative_to(site / lang).as_posix() + "/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_notes_page_lists_every_phrase_the_pages_mark_unclear_and_where(site, lang):
    """Computed from the data, so that none is missed (課題的支援 and 企業面 were): every phrase a page shows
    marked unclear, and every page that shows one, is on the notes page."""
    rows = _unclear_table(site, lang)
    listed = {text_of(row.th): row for row in rows}
    assert {"課題的支援", "企業面", "御日・御風", "ハッド", "サイバーコントロール室"} <= set(listed)
    pages_listed = {
        (Path("/notes-on-the-source") / a["href"]).resolve().as_posix()[1:] + "/"
        for row in rows
        for a in row.select("td:nth-of-type(2) a")
    }
    unlisted = []
    for path in sorted((site / lang).rglob("index.html")):
        address = _page_address(site, lang, path)
        if address.startswith(("print/", "editions/", "notes-on-the-source/")):
            continue
        page = soup(path).select_one("article")
        marks = page.select(".briefing-unclear-label") if page else []
        if marks and address not in pages_listed:
            unlisted.append(address)
        if lang == "ja":  # the phrases themselves are Japanese on the Japanese pages
            for phrase in {text_of(span) for span in page.select(".briefing-unclear")} if page else ():
                if phrase not in listed:
                    unlisted.append(f"{address}: {phrase}")
    assert not unlisted, "\n".join(unlisted)


@pytest.mark.parametrize("lang", LANGS)
def test_a_probable_reading_is_given_with_the_phrase_wherever_it_is_shown(site, briefing, strings, lang):
    readings = {c.extracted: c.probable for c in briefing.corrections if c.probable}
    assert set(readings.values()) == {"復旧・復興", "ヘッド"}
    rows = {text_of(row.th): text_of(row.select_one("td")) for row in _unclear_table(site, lang)}
    assert rows["御日・御風"] == "復旧・復興" and rows["ハッド"] == "ヘッド"
    label = strings[lang]["unclear_probable_label"]
    shown = [("御日・御風", "復旧・復興", "briefing/economic-measures/"), ("ハッド", "ヘッド", "working-groups/wages/")]
    for phrase, reading, url in shown:
        spans = [span for span in article(site, lang, url).select(".briefing-unclear") if text_of(span) == phrase]
        assert spans, url
        for span in spans:
            assert text_of(span.find_next_sibling()) == " ".join(label.format(reading=reading).split()), url
