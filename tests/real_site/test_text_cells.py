"""A text that starts with its own number ("2. Data integration") shows that number: in a table cell, a
list item or a paragraph, on its page, on the print page and in the PDF. Markdown would make it a one-item
numbered list, which a browser renumbers 1."""

from __future__ import annotations

import re

import pytest
from base import LANGS, article, soup, text_of, unavailable
from briefing.model.fields import RichText
from briefing.model.walk import texts_in
from briefing.render.rich_text import RichTextRenderer

NUMBERED = re.compile(r"^\d+\.\s")
STRUCTURE = {
    "ja": ["①データ創出", "②データ統合・管理", "③データ利活用", "③データ利活用", "④人材育成・研究拠点整備等"],
    "en": [
        "1. Data creation",
        "2. Data integration and management",
        "3. Data utilization",
        "3. Data utilization",
        "4. Human resource development, research hubs and related measures",
    ],
}


def _first_column(page, caption: str) -> list[str]:
    tables = [table for table in page.select("table") if text_of(table.caption) == caption]
    assert len(tables) == 1, f"no single table captioned {caption!r}"
    return [text_of(row.select_one("th, td")) for row in tables[0].select("tbody tr")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_programme_structure_keeps_each_strands_number(site, lang):
    caption = {"ja": "事業の構成", "en": "Structure of the program"}[lang]
    assert _first_column(article(site, lang, "briefing/budget-materials"), caption) == STRUCTURE[lang]
    print_page = soup(site / lang / "print" / "index.html")
    assert _first_column(print_page, caption) == STRUCTURE[lang]


def test_every_text_numbered_on_its_own_shows_its_number_on_its_page(site, briefing):
    """Every rich text of the data that starts "N. " on a line of its own, found on its built page as
    written, and no page of either language holds a numbered list of one item."""
    numbered = [
        (lang, text(lang))
        for page in briefing["narrative_pages"]
        for _, text, _ in texts_in(page)
        if isinstance(text, RichText)
        for lang in LANGS
        if NUMBERED.match(text(lang)) and len(re.findall(r"(?m)^\s*\d+\.\s", text(lang))) == 1
    ]
    assert len(numbered) >= 5  # the strands of the materials programme, at least
    pages = {
        lang: [text_of(article(site, lang, f"briefing/{page.id}")) for page in briefing["narrative_pages"]]
        for lang in LANGS
    }
    missing = [f"{lang}: {text}" for lang, text in numbered if not any(text in page for page in pages[lang])]
    assert not missing, "\n".join(missing)
    lonely = [
        f"{path.relative_to(site)}: {text_of(ol)}"
        for lang in LANGS
        for path in sorted((site / lang).rglob("index.html"))
        for ol in soup(path).select("article ol")
        if len(ol.find_all("li", recursive=False)) == 1
    ]
    assert not lonely, "\n".join(lonely[:10])


def test_a_numbered_list_keeps_the_numbers_it_is_written_with():
    render = RichTextRenderer()
    assert str(render("3. Data utilization", inline=True)) == "3. Data utilization"
    listed = str(render("3. Data utilization\n4. Human resource development", inline=True))
    assert '<ol start="3">' in listed and listed.count("<li>") == 2
    assert str(render("2.5 times", inline=True)) == "2.5 times"


def test_the_pdf_keeps_each_strands_number(site):
    from briefing.publish import pdf

    if reason := pdf.unavailable():
        unavailable(reason)
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(site / "en" / pdf.path_of("en")).pages).split())
    for strand in STRUCTURE["en"][1:]:
        assert strand in text, strand
