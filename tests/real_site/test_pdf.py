"""The real briefing's PDFs (hooks/briefing/publish/pdf.py), read back as a reader's tools read it: pypdf for
the pages, the text, the outline, the tags and the metadata; poppler's pdftotext for where each word and
line sits on the page; and an outside checker, pdfua (the machine-checkable part of PDF/UA-1).

The PDFs are the ones the session's two builds made (tests/conftest.py): ``site`` without a site URL,
``published_site`` with one (what makes a PDF is tried on tiny briefings in tests/build/test_pdf_making.py).
Without Typst, a Japanese font or pdftotext these tests are skipped with the reason; with ``CI`` set they fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from base import LANGS, PROJECT, article, needs, page_file, soup
from briefing.check.validate import validate
from briefing.project.template_folders import load_strings, template_folders
from briefing.publish import pdf
from briefing.text import formats

A4 = (595.28, 841.89)  # points
MARGIN = 17 * 72 / 25.4  # left and right page margins of pdf.typ (17 mm), in points
FOOTER = A4[1] - 22 * 72 / 25.4  # where the bottom margin (the footer) starts, in points from the top
# What a line of Japanese never starts with (JIS X 4051's line-start prohibitions): closing brackets and
# quotes, the ideographic comma and full stop, the long-vowel mark, small kana, the middle dot and marks.
NO_LINE_START = set(
    "、。，．）〕］｝〉》」』】〙〗”’ー・：；？！ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ"
)
# What pdfua may report on these PDFs, each with the reason it is accepted: nothing.
ACCEPTED_FINDINGS: dict[str, str] = {}
# Rules pdfua 0.1.3 cannot run on them, with the reason; the test checks what the rule checks itself.
ACCEPTED_SKIPS = {
    "UA-14-001": "pdfua 0.1.3 raises ValueError on a heading whose /K is an array (Typst writes them so); "
    "test_headings_are_never_empty checks that every heading has content"
}


def _reader(path: Path):
    from pypdf import PdfReader

    return PdfReader(path)


@pytest.fixture(scope="module")
def pdfs(site) -> dict:
    """Each language's PDF of the build without a site URL, as pypdf reads it."""
    needs(pdf.unavailable())
    return {lang: _reader(site / lang / pdf.path_of(lang)) for lang in LANGS}


@pytest.fixture(scope="module")
def published_pdfs(published_site) -> dict:
    """Each language's PDF of the build with a site URL."""
    needs(pdf.unavailable())
    return {lang: _reader(published_site / lang / pdf.path_of(lang)) for lang in LANGS}


@pytest.fixture(scope="module")
def texts(pdfs) -> dict[str, list[str]]:
    """The extracted text of every page, per language."""
    return {lang: [page.extract_text() for page in reader.pages] for lang, reader in pdfs.items()}


@pytest.fixture(scope="module")
def lines(site, pdfs) -> dict[str, list[tuple[int, float, float, str]]]:
    """(page, top, left, text) of every line of every page, per language, as pdftotext finds them: the
    words of one page at one height, left to right (a justified line's gaps split it into pieces)."""
    return {lang: _lines(site / lang / pdf.path_of(lang)) for lang in LANGS}


def _bbox(path: Path) -> str:
    tool = shutil.which("pdftotext")
    needs(None if tool else "pdftotext is not installed: apt-get install poppler-utils")
    return subprocess.run([tool, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, left, top, right, bottom, word) of every word."""
    words, page = [], 0
    for line in _bbox(path).splitlines():
        if "<page " in line:
            page += 1
        elif found := re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line):
            left, top, right, bottom = map(float, found.groups()[:4])
            words.append((page, left, top, right, bottom, _unescape(found.group(5))))
    return words


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def _lines(path: Path) -> list[tuple[int, float, float, str]]:
    rows: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for page, left, _top, _right, bottom, word in _words(path):
        rows.setdefault((page, round(bottom, 0)), []).append((left, word))
    return [
        (page, bottom, min(rows[key])[0], "".join(word for _, word in sorted(rows[key])))
        for key in sorted(rows)
        for page, bottom in [key]
    ]


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks: where a line of the PDF breaks is layout, not content."""
    return re.sub(r"\s+", "", text)


def ui(lang: str, key: str) -> str:
    return load_strings(template_folders(PROJECT), lang)[key]


def printed_entries(briefing) -> list:
    return [entry for entry in validate(PROJECT).plan.reading[None] if entry.printed]


def outline(reader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def front_pages(reader) -> int:
    """The number of pages before the first page of the site: the cover, the contents, the abbreviations."""
    return min(page for depth, _, page in outline(reader) if depth == 1)


# ---------------------------------------------------------------- the file and what the build says


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_is_a4_at_its_stable_address_with_a_sane_number_of_pages(pdfs, build_run, lang):
    reader = pdfs[lang]
    assert pdf.path_of(lang) == f"downloads/briefing-{lang}.pdf"  # the address the README documents
    assert 25 <= len(reader.pages) <= 120, len(reader.pages)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.1)
    made = f"Made {lang}/downloads/briefing-{lang}.pdf: {len(reader.pages)} pages, "
    assert made in build_run[1].out, build_run[1].out  # what `make site` says it made


@pytest.mark.parametrize("lang", LANGS)
def test_the_downloads_and_print_pages_list_it_with_its_size(site, pdfs, lang):
    size = (site / lang / pdf.path_of(lang)).stat().st_size
    section = article(site, lang, "downloads/").select_one("#pdf")
    assert section is not None, "the downloads page has no PDF section"
    link = section.find_next("a", download=True)
    assert link["href"] == f"briefing-{lang}.pdf"
    listed = link.parent.get_text()
    assert f"{round(size / 1024, 1)} KB" in listed, listed
    assert str(len(pdfs[lang].pages)) in section.find_next("p").get_text()  # its number of pages
    printed = soup(page_file(site, lang, "print/")).select_one(".briefing-print-intro a[download]")
    assert printed["href"] == f"../downloads/briefing-{lang}.pdf"


# ---------------------------------------------------------------- accessibility (PDF/UA-1)


@pytest.mark.parametrize("lang", LANGS)
def test_pdfua_finds_nothing_in_either_pdf(site, published_site, pdfs, lang):
    """The outside checker on both builds' PDFs: any error or warning it reports fails, unless listed
    above with its reason; so does a rule it could not run that is not listed."""
    tool = shutil.which("pdfua", path=str(Path(sys.executable).parent)) or shutil.which("pdfua")
    needs(None if tool else "pdfua is not installed (pip install -e '.[test]')")
    for folder in (site, published_site):
        path = folder / lang / pdf.path_of(lang)
        result = subprocess.run([tool, "check", "--format", "json", str(path)], capture_output=True, text=True)
        report = json.loads(result.stdout)
        findings = [
            f"{finding.get('rule_id')} {finding.get('severity')}: {finding.get('message')}"
            for finding in report["findings"]
            if finding.get("rule_id") not in ACCEPTED_FINDINGS
        ]
        assert not findings, f"{path}: {findings[:10]}"
        skipped = {skip["rule_id"] for skip in report["skipped"]}
        assert skipped <= set(ACCEPTED_SKIPS), f"{path}: rules pdfua could not run: {report['skipped']}"
        assert report["summary"]["rules_run"] >= 10, report["summary"]


def _structure(reader) -> list[dict]:
    """Every element of the structure tree."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_it_is_tagged_with_headings_lists_tables_figures_and_links(pdfs, lang):
    reader = pdfs[lang]
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == lang
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # the viewer shows the title, not the file name
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp or 'pdfuaid:part="1"' in xmp, xmp[:500]
    elements = _structure(reader)
    kinds = {element["/S"] for element in elements}
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TH", "/TD", "/Caption", "/Figure", "/Link", "/TOC"} <= kinds
    figures = [element for element in elements if element["/S"] == "/Figure"]
    assert len(figures) >= 3 and all(str(figure.get("/Alt", "")).strip() for figure in figures)  # the charts
    headers = [element for element in elements if element["/S"] == "/TH"]
    assert all("/Scope" in str(header.get("/A")) for header in headers)  # which cells each header labels


@pytest.mark.parametrize("lang", LANGS)
def test_headings_are_never_empty(pdfs, lang):
    """What pdfua's UA-14-001 would check (it cannot run on these files: ACCEPTED_SKIPS)."""
    headings = [element for element in _structure(pdfs[lang]) if re.fullmatch(r"/H\d?", element["/S"])]
    assert len(headings) > 20
    assert all(element.get("/K") not in (None, []) for element in headings)


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_says_what_it_is_and_whose_it_is(pdfs, briefing, lang):
    """Title, subject, keywords and language from the data; the author is the site's (mkdocs.yml
    site_author), not the ministry: the document says it is not an official publication."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(PROJECT / {"ja": "mkdocs.yml", "en": "mkdocs.en.yml"}[lang]))
    meta = pdfs[lang].metadata
    edition = briefing.edition
    assert meta.title == edition.title(lang)
    assert meta.author == config.site_author and edition.issuer(lang) not in meta.author
    assert meta.subject and squeezed(meta.subject)[:20] in squeezed(edition.summary(lang))
    assert meta.get("/Keywords") == ", ".join(keyword(lang) for keyword in edition.keywords)
    updated = edition.last_updated or edition.edition_date
    assert meta.get("/CreationDate", "").startswith(f"D:{updated:%Y%m%d}")  # the data's date, not the build's


# ---------------------------------------------------------------- what it says, and where


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_extracts_with_the_figures_and_names_of_the_data(texts, briefing, lang):
    everything = squeezed("".join(texts[lang]))
    assert "(cid:" not in everything and "\ufffd" not in everything
    for amount in _amounts(briefing):
        assert squeezed(formats.yen(amount, lang)) in everything, formats.yen(amount, lang)
    for field in briefing.fields:
        assert squeezed(field.name(lang)) in everything, field.name(lang)
    assert squeezed(briefing.edition.title(lang)) in squeezed(texts[lang][0])  # the cover


def test_known_figures_read_as_a_reader_would_search_for_them(texts):
    """Searching the PDF for what the briefing says: the same strings a reader would type."""
    japanese = "".join(texts["ja"])
    assert "181億円" in squeezed(japanese) and "令和8年1月21日" in japanese  # no space inside (令和 8 年)
    assert "造船" in japanese and "マテリアル革新力" in squeezed(japanese)
    english = " ".join(" ".join(texts["en"]).split())
    assert "¥18.1 billion" in english and "Shipbuilding" in english


def _amounts(briefing) -> list[Decimal]:
    return [amount for programme in briefing.programmes for amount in programme.totals.values()] + [
        amount for programme in briefing.programmes for line in programme.lines for amount in line.amounts.values()
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_cover_says_which_edition_and_the_notice_and_no_running_head(texts, pdfs, briefing, lang):
    edition = briefing.edition
    cover = squeezed(texts[lang][0])
    assert squeezed(ui(lang, "pdf_edition_value").format(date=formats.long_date(edition.edition_date, lang))) in cover
    assert squeezed(edition.notice(lang)) in cover  # not an official publication
    assert squeezed(edition.source_document(lang)) in cover
    running = squeezed(ui(lang, "edition") + ui(lang, "colon"))
    front = front_pages(pdfs[lang])
    assert all(running not in squeezed(text) for text in texts[lang][:front]), "a running head on the front pages"
    assert all(running in squeezed(text) for text in texts[lang][front:])


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_after_the_front_gives_the_source_the_date_its_addresses_and_its_number(texts, pdfs, briefing, lang):
    source = squeezed(briefing.edition.source_document(lang))
    date = squeezed(formats.long_date(briefing.edition.edition_date, lang))
    addresses = {f"{lang}/{entry.url}" for entry in printed_entries(briefing)}
    label = ui(lang, "pdf_address") + ui(lang, "colon")
    pages = texts[lang]
    for number, text in enumerate(pages, 1):
        if number > 1:
            assert f"{number} / {len(pages)}" in text, f"page {number} is not numbered"
        if number <= front_pages(pdfs[lang]):
            continue
        assert source in squeezed(text), f"page {number} does not name the source"
        assert date in squeezed(text), f"page {number} has no edition date"
        found = re.search(re.escape(label) + r"\s*(.+?)\s+\d+ / \d+\s*$", text, re.MULTILINE | re.DOTALL)
        assert found, f"page {number} gives no address"
        given = [part.strip() for part in found.group(1).split(ui(lang, "pdf_separator").strip())]
        assert given and all(part in addresses for part in given), f"page {number}: {given}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_give_the_page_each_site_page_starts_on_and_that_page_is_its(pdfs, texts, briefing, lang):
    reader, pages = pdfs[lang], texts[lang]
    sections = [(title, page) for depth, title, page in outline(reader) if depth == 1]
    entries = printed_entries(briefing)
    assert len(sections) == len(entries) >= 15
    contents = re.sub(r"[^\S\n]+", "", "\n".join(pages[1:3]))  # the contents, after the cover; a long title wraps
    for title, index in sections:
        wrapped = "\n?".join(map(re.escape, squeezed(title)))
        listed = re.search(wrapped + r"\n?\.*\n?(\d+)$", contents, re.MULTILINE)
        assert listed, f"the contents do not list {title!r}"
        assert int(listed.group(1)) == index + 1, f"{title!r}: listed on page {listed.group(1)}, starts on {index + 1}"
        assert squeezed(title) in squeezed(pages[index]), f"page {index + 1} does not hold {title!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_abbreviations_are_spelled_out_in_a_list_at_the_front(texts, pdfs, lang):
    front = squeezed("".join(texts[lang][: front_pages(pdfs[lang])]))
    assert squeezed(ui(lang, "pdf_abbreviations")) in front
    spelled = {
        "en": {"ISA": "Immigration Services Agency", "JCG": "Japan Coast Guard", "SMEA": "Small and Medium Enterprise"},
        "ja": {"文科": "文部科学省", "経産": "経済産業省", "CSTI": "総合科学技術・イノベーション会議"},
    }[lang]
    for short, meaning in spelled.items():
        assert re.search(re.escape(short) + r".{0,3}" + re.escape(squeezed(meaning)), front), short


@pytest.mark.parametrize("lang", LANGS)
def test_no_instruction_that_only_works_on_a_screen(texts, lang):
    everything = " ".join(texts[lang])
    for screen_only in ("point at", "hover", "click", "tap ", "カーソル", "クリック", "タップ"):
        assert screen_only not in everything.lower(), screen_only


# ---------------------------------------------------------------- links


def _links(reader) -> tuple[list[str], int]:
    """The addresses of the links to outside the document, and how many lead inside it."""
    outside, inside = [], 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            action = action.get_object() if action is not None else None
            if action is not None and action.get("/S") == "/URI":
                outside.append(str(action["/URI"]))
            elif annotation.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo"):
                inside += 1
    return outside, inside


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_site_url_no_link_is_relative(pdfs, texts, lang):
    outside, inside = _links(pdfs[lang])
    assert inside > 50  # the contents, and links between the pages of the site, lead inside the PDF
    assert all(re.match(r"(https?|mailto):", address) for address in outside), outside
    assert f"{lang}/working-groups/" in " ".join(texts[lang])  # a page's address, as text


@pytest.mark.parametrize("lang", LANGS)
def test_with_a_site_url_every_link_and_address_is_absolute(published_pdfs, site_url, lang):
    reader = published_pdfs[lang]
    home = f"{site_url}{lang}/"
    outside, inside = _links(reader)
    assert inside > 50
    assert all(re.match(r"(https?|mailto):", address) for address in outside), outside
    assert f"{home}working-groups/" in outside  # the footer's address, a link
    assert any(
        address.startswith(f"{home}working-groups/") and address != f"{home}working-groups/" for address in outside
    )
    assert home in outside  # the cover's link to the site
    text = " ".join(page.extract_text() for page in reader.pages)
    label = ui(lang, "pdf_address") + ui(lang, "colon")
    assert re.findall(re.escape(label) + r"\s*(\S+)", text) and all(
        address.startswith(home) for address in re.findall(re.escape(label) + r"\s*(\S+?)(?:、|,|\s|$)", text)
    )


# ---------------------------------------------------------------- setting: Japanese, tables, pages


@pytest.mark.parametrize("lang", LANGS)
def test_no_line_starts_with_a_character_that_may_not_start_one(lines, lang):
    found = [(page, text) for page, _, _, text in lines[lang] if text[:1] in NO_LINE_START]
    assert not found, found[:10]


@pytest.mark.parametrize("lang", LANGS)
def test_amounts_and_dates_stay_on_one_line(lines, briefing, lang):
    """Every amount of the budget, with its unit, and the edition's date is whole on one line."""
    whole = [squeezed(text) for _, _, _, text in lines[lang]]
    for amount in _amounts(briefing):
        shown = squeezed(formats.yen(amount, lang))
        assert any(shown in line for line in whole), f"{shown} is broken across lines"
    date = squeezed(formats.long_date(briefing.edition.edition_date, lang))
    assert any(date in line for line in whole)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_runs_past_the_margins(site, pdfs, lang):
    """Wide tables (the working groups: eight columns) fit the page; no word sits in a side margin."""
    words = _words(site / lang / pdf.path_of(lang))
    assert len(words) > 3000

    # A bracket that starts a line, or a bracket, stop, colon or middle dot that ends one, is set half as
    # wide (JIS X 4051): its blank half, not its mark, is in the margin.
    def allowed(mark: str, word) -> float:
        return (word[4] - word[2]) / 2 + 0.5 if mark and mark in "「『（［【〔“」』）］】〕”、。：；・" else 0.5

    left = [word for word in words if word[1] < MARGIN - allowed(word[5][:1], word)]
    right = [word for word in words if word[3] > A4[0] - MARGIN + allowed(word[5][-1:], word)]
    assert not left and not right, (left + right)[:10]
    assert [word for word in words if word[5] in ("有識者", "Experts")], "the working-group table is not in the PDF"


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_is_more_than_half_empty_unless_a_part_ends_there(site, pdfs, lang):
    reader = pdfs[lang]
    starts = {page for depth, _, page in outline(reader) if depth == 0}  # parts (and the front pages)
    words = _words(site / lang / pdf.path_of(lang))
    for index in range(front_pages(reader), len(reader.pages) - 1):
        if index + 1 in starts:
            continue  # the last page of a part
        lowest = max((bottom for page, _, _, _, bottom, _ in words if page == index + 1 and bottom < FOOTER), default=0)
        assert lowest > A4[1] / 2, f"page {index + 1} is more than half empty (text ends at {lowest:.0f} pt)"


@pytest.mark.parametrize("lang", LANGS)
def test_a_table_that_runs_on_says_so_and_repeats_its_header(texts, lang):
    marker = ui(lang, "pdf_table_continued").split("{what}")[0].strip()
    continued = [text for text in texts[lang] if marker in text]
    assert continued, "no page says that a table continues"
    header = {"ja": "関係省庁", "en": "Ministries and agencies"}[lang]  # the working groups' header row
    assert any(squeezed(header) in squeezed(text) for text in continued)


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_subsets_that_map_back_to_text(pdfs, lang):
    found = {}
    for page in pdfs[lang].pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found[font["/BaseFont"]] = font
    assert any("NotoSansCJK" in name.replace(" ", "") for name in found), sorted(found)
    for name, font in found.items():
        assert font["/Subtype"] != "/Type3", f"{name} is a Type 3 font"
        assert "/ToUnicode" in font, f"{name} has no map back to Unicode: its text cannot be copied"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        described = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
        descriptor = described["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"


def test_charts_are_drawn_with_their_patterns_and_values(pdfs, texts, briefing):
    for lang in LANGS:
        reader, pages = pdfs[lang], texts[lang]
        caption = {"ja": "棒グラフ", "en": "Bar chart"}[lang]
        charts = [index for index, text in enumerate(pages) if caption in text]
        assert len(charts) >= 2, f"{lang}: {len(charts)} charts"  # two budget programmes and the indicators
        patterned = [index for index in charts if reader.pages[index]["/Resources"].get("/Pattern")]
        assert patterned, f"{lang}: the hatched and dotted bars are not drawn"
        materials = next(programme for programme in briefing.programmes if len(programme.totals) == 3)
        chart_pages = squeezed("".join(pages[index] for index in range(min(charts) - 1, max(charts) + 1)))
        for line in materials.lines:
            for amount in line.amounts.values():
                assert squeezed(formats.yen(amount, lang)) in chart_pages
