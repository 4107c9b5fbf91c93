"""Reader features on the built pages: row links, citations, metadata, notice and licence."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from base import LANGS, article, page_file, resolve, soup, text_of

TABLES = {
    "working-groups/": "working_groups",
    "budget/": "programmes",
    "kpis/": "kpis",
    "glossary/": "terms",
    "fields/": "fields",
    "technology-areas/": "technology_areas",
}


@pytest.mark.parametrize("url", TABLES)
def test_every_row_has_a_visible_link_identical_in_both_languages(site, briefing, url):
    anchors = {}
    for lang in LANGS:
        rows = article(site, lang, url).select("table.briefing-table tbody tr[id]")
        assert rows
        for row in rows:
            link = row.select_one("a.briefing-rowlink")
            assert link is not None and link["href"] == f"#{row['id']}", f"{lang}/{url}#{row['id']}"
            assert link.get("aria-label")
        anchors[lang] = [row["id"] for row in rows]
    assert anchors["ja"] == anchors["en"]


def test_citation_offers_japanese_and_english_with_title_edition_and_placeholders(site):
    titles = {lang: text_of(article(site, lang, "budget/arim/").select_one("h1")) for lang in LANGS}
    for lang in LANGS:
        page = soup(page_file(site, lang, "budget/arim/"))
        cite = page.select_one("details.briefing-cite")
        ja, en = cite.select_one("#cite-ja"), cite.select_one("#cite-en")
        assert ja["lang"] == "ja" and en["lang"] == "en"
        # Each citation names the page in its own language, whichever language the page is in.
        assert f"「{titles['ja']}」" in text_of(ja) and "令和8年1月21日" in text_of(ja)
        assert f"“{titles['en']}”" in text_of(en) and "21 January 2026" in text_of(en)
        assert ja.select_one("[data-cite-url]") and en.select_one("[data-cite-date]")


def test_head_metadata_names_the_source_and_both_languages(site):
    for lang in LANGS:
        page = soup(page_file(site, lang, "fields/materials/"))
        data = json.loads(page.select_one('script[type="application/ld+json"]').string)
        assert data["inLanguage"] == lang
        assert data["isBasedOn"]["datePublished"] == "2026-01-21"
        assert data["name"] == text_of(article(site, lang, "fields/materials/").select_one("h1"))
        base = f"http://x/sub/{lang}/fields/materials/"
        assert urljoin(base, data["url"]) == urljoin(base, data["@id"]) == base  # the page itself
        assert urljoin(base, data["isPartOf"]["url"]) == f"http://x/sub/{lang}/"
        alternates = {
            link["hreflang"]: urljoin(base, link["href"]) for link in page.select('link[rel="alternate"][hreflang]')
        }
        assert alternates == {
            "ja": "http://x/sub/ja/fields/materials/",
            "en": "http://x/sub/en/fields/materials/",
            "x-default": "http://x/sub/",
        }


def test_notice_dates_and_licence_on_every_page(site, briefing):
    for lang in LANGS:
        page = soup(page_file(site, lang, "technology-areas/"))
        assert text_of(page.select_one(".briefing-notice")) == briefing.edition.notice(lang)
        footer = text_of(page.select_one(".briefing-footer"))
        assert "PDL1.0" in footer
        assert (
            page.select_one(".briefing-footer time")["datetime"]
            == (briefing.edition.last_updated or briefing.edition.edition_date).isoformat()
        )


def test_working_group_table_is_sortable_and_filterable_yet_complete_without_script(site, briefing):
    for lang in LANGS:
        page = soup(page_file(site, lang, "working-groups/"))
        table = page.select_one("table#working-groups-table")
        assert table.has_attr("data-sortable")
        rows = page.select("table[data-sortable] tbody tr")
        assert len(rows) == len(briefing.working_groups)  # every row is in the HTML; scripts only hide
        form = page.select_one("form.briefing-filter")
        assert form.has_attr("hidden")  # shown by the script, so readers without scripts see no dead controls
        choices = {
            s["data-filter"]: [o["value"] for o in s.select("option") if o["value"]]
            for s in form.select("select[data-filter]")
        }
        assert set(choices) == {"ministries", "leads", "start"}
        assert form.select_one("select[data-sort-by]")  # sorting without column headings (phones show cards)
        # What the script reads: a machine-readable month to sort by, figures to add up, the totals to redo.
        for row in rows:
            start, experts = row.select("td")[2], row.select("td")[-1]
            assert re.fullmatch(r"\d{4}-\d{2}|9999", start["data-sort"]), start
            assert experts["data-value"] == experts.text.strip()
        for table in page.select("table[data-sortable]"):
            total = table.select_one("tfoot td[data-sum]")
            figures = [int(td["data-value"]) for td in table.select("tbody td[data-value]") if td["data-value"]]
            assert total.text.strip() == str(sum(figures))  # without scripts: every row's total, labelled so
            label = table.select_one("tfoot th")
            assert text_of(label) == label["data-label-all"] != label["data-label-shown"]
        for row in rows:
            group = next(g for g in briefing.working_groups if g.id == row["id"])
            assert row["data-ministries"].split() == [role.code for role in group.ministries]
            assert set(row["data-leads"].split()) <= set(choices["leads"])
        assert "meti" in choices["ministries"] and "2026-02" in choices["start"]
        scripts = [s.get("src", "") for s in page.select("script[src]")]
        assert any(src.endswith("vendor/tablesort/tablesort.min.js") for src in scripts)
    assert (site / "ja" / "assets" / "vendor" / "tablesort" / "LICENCE").is_file()


def test_no_page_repeats_an_anchor(site):
    from collections import Counter

    for lang in LANGS:
        for path in (site / lang).rglob("index.html"):
            ids = Counter(tag["id"] for tag in soup(path).select("[id]"))
            assert not [key for key, count in ids.items() if count > 1], path


def test_print_page_holds_the_whole_briefing_in_reading_order_with_working_links(site, briefing):
    for lang in LANGS:
        page = article(site, lang, "print/")
        headings = [text_of(h) for h in page.select("h2")]
        titles = [p.title(lang) for p in briefing.narrative_pages]
        positions = [headings.index(title) for title in titles]
        assert positions == sorted(positions)
        assert len(page.select("table.briefing-table")) >= 10
        for link in page.select("a[href]"):
            href = link["href"]
            if href.startswith(("http", "mailto")):
                continue
            if href.startswith("#"):
                assert page.select_one(f"[id='{href[1:]}']") is not None, href
            else:
                assert resolve(site, lang, "print/", href.split("#")[0]).is_file(), href
    css = (site / "ja" / "assets" / "briefing" / "briefing.css").read_text("utf-8")
    assert "@page { size: A4" in css and "@media print" in css
