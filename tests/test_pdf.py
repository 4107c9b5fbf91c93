"""The PDF of the whole briefing (hooks/briefing/pdf.py), read back from the session's built site as a
reader's tools would read it: pypdf for the pages, the text, the outline and the fonts, and poppler's
pdftotext for where each word sits on the page.

Without WeasyPrint (or pdftotext) these tests are skipped with the reason; with ``CI`` set they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from briefing import formats, pdf
from briefing.cli import PROJECT
from briefing.pages import page_sources, reading_order
from conftest import LANGS, article, page_file, run_briefing, soup

A4 = (595.28, 841.89)  # points
MARGIN = 16 * 72 / 25.4  # left and right page margins of pdf.css (16 mm), in points
SKIPPED = "PDF skipped: WeasyPrint is not installed (pip install -e '.[pdf]')."


def _needs(reason: str | None) -> None:
    if reason is None:
        return
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(str(reason))


@pytest.fixture(scope="module")
def pdfs(site) -> dict:
    """Each language's PDF, as pypdf reads it."""
    _needs(pdf.unavailable())
    from pypdf import PdfReader

    return {lang: PdfReader(site / lang / pdf.path_of(lang)) for lang in LANGS}


@pytest.fixture(scope="module")
def texts(pdfs) -> dict[str, list[str]]:
    """The extracted text of every page, per language."""
    return {lang: [page.extract_text() for page in reader.pages] for lang, reader in pdfs.items()}


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks: where a line of the PDF breaks is layout, not content."""
    return re.sub(r"\s+", "", text)


def printed_sections(briefing, lang: str) -> list[tuple[str, str]]:
    """(url, address) of each page of the reading order, as the PDF should name it."""
    entries = [entry for entry in reading_order(briefing, page_sources(briefing)) if entry.printed]
    return [(entry.url, f"{lang}/{entry.url}") for entry in entries]


def sections_in_outline(reader) -> list[tuple[str, int]]:
    """(title, page index) of the outline's second level: the pages of the site, under their parts."""
    found = []
    for item in reader.outline:
        if isinstance(item, list):
            found += [
                (child.title, reader.get_destination_page_number(child))
                for child in item
                if not isinstance(child, list)
            ]
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_is_a4_at_its_stable_address_with_a_sane_number_of_pages(site, pdfs, build_run, briefing, lang):
    reader = pdfs[lang]
    assert pdf.path_of(lang) == f"downloads/briefing-{lang}.pdf"  # the address the README documents
    assert 25 <= len(reader.pages) <= 120, len(reader.pages)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.1)
    assert reader.metadata.title == briefing.edition.title(lang)
    made = f"Made {lang}/downloads/briefing-{lang}.pdf: {len(reader.pages)} pages, "
    assert made in build_run[1].stdout, build_run[1].stdout  # what `make site` says it made


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


def _amounts(briefing) -> list[Decimal]:
    return [amount for programme in briefing.programmes for amount in programme.totals.values()] + [
        amount for programme in briefing.programmes for line in programme.lines for amount in line.amounts.values()
    ]


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
    assert "181億円" in squeezed("".join(texts["ja"]))
    assert "造船" in "".join(texts["ja"]) and "マテリアル革新力" in squeezed("".join(texts["ja"]))
    english = " ".join(" ".join(texts["en"]).split())
    assert "¥18.1 billion" in english and "Shipbuilding" in english


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_carries_the_source_the_edition_date_its_address_and_its_number(texts, briefing, lang):
    source = squeezed(briefing.edition.source_document(lang))
    date = squeezed(formats.long_date(briefing.edition.edition_date, lang))
    addresses = {address for _, address in printed_sections(briefing, lang)} | {f"{lang}/"}
    label = {"ja": "サイト上のページ：", "en": "Page on the site:"}[lang]
    pages = texts[lang]
    for number, text in enumerate(pages, 1):
        assert source in squeezed(text), f"page {number} does not name the source"
        assert date in squeezed(text), f"page {number} has no edition date"
        assert f"{number} / {len(pages)}" in text, f"page {number} is not numbered"
        found = re.search(re.escape(label) + r"\s*(\S+)", text)
        assert found and found.group(1) in addresses, f"page {number}: {found and found.group(0)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_give_the_page_each_site_page_starts_on_and_that_page_is_its(pdfs, texts, briefing, lang):
    reader, pages = pdfs[lang], texts[lang]
    outline = sections_in_outline(reader)
    expected = printed_sections(briefing, lang)
    assert len(outline) == len(expected) >= 15
    contents = re.sub(r"[^\S\n]+", "", "\n".join(pages[1:3]))  # the contents, after the cover; a long title wraps
    for (title, index), (url, address) in zip(outline, expected, strict=True):
        wrapped = "\n?".join(map(re.escape, squeezed(title)))
        listed = re.search(wrapped + r"\n?\.{3,}(\d+)$", contents, re.MULTILINE)
        assert listed, f"the contents do not list {title!r}"
        assert int(listed.group(1)) == index + 1, f"{title!r}: listed on page {listed.group(1)}, starts on {index + 1}"
        assert squeezed(title) in squeezed(pages[index]), f"page {index + 1} does not start {title!r}"
        assert address in pages[index], f"page {index + 1} ({title!r}) should give the address {address} ({url})"


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_subsets_that_map_back_to_text(pdfs, lang):
    fonts = {}
    for page in pdfs[lang].pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert any("Noto-Sans-CJK-JP" in name for name in fonts), sorted(fonts)
    for name, font in fonts.items():
        assert font["/Subtype"] != "/Type3", f"{name} is a Type 3 font"
        assert "/ToUnicode" in font, f"{name} has no map back to Unicode: its text cannot be copied"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        described = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
        descriptor = described["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"


def _words(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, left, right, word) of every word, from poppler's pdftotext -bbox."""
    tool = shutil.which("pdftotext")
    _needs(None if tool else "pdftotext is not installed: apt-get install poppler-utils")
    html = subprocess.run([tool, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        elif found := re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line):
            words.append((page, float(found.group(1)), float(found.group(2)), found.group(3)))
    return words


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_runs_past_the_margins(site, pdfs, lang):
    """Wide tables (the working groups: eight columns) fit the page; no word sits in a side margin."""
    words = _words(site / lang / pdf.path_of(lang))
    assert len(words) > 5000
    outside = [word for word in words if word[1] < MARGIN - 0.5 or word[2] > A4[0] - MARGIN + 0.5]
    assert not outside, outside[:10]
    wide = [page for page, _, _, word in words if word in ("有識者", "Experts")]
    assert wide, "the working-group table is not in the PDF"


def test_a_table_too_wide_for_its_page_is_laid_out_again_to_fit(tmp_path):
    """Eight columns of long unbreakable phrases cannot fit side by side: lay_out gives them equal columns."""
    _needs(pdf.unavailable())
    from weasyprint import HTML

    style = (Path(pdf.__file__).parent / "templates" / "pdf.css").read_text(encoding="utf-8")
    cells = "".join(
        f'<td><span class="briefing-phrase">サイバーセキュリティ推進専門家会議{n}</span></td>' for n in range(8)
    )
    html = f'<html lang="ja"><style>{style}</style><table><tr>{cells}</tr></table>'
    assert pdf.too_wide(HTML(string=html).render()), "the test table should be too wide as it is"
    content, pages = pdf.lay_out(html, None)
    (tmp_path / "wide.pdf").write_bytes(content)
    words = _words(tmp_path / "wide.pdf")
    assert pages == 1 and words
    assert max(right for _, _, right, _ in words) <= A4[0] - MARGIN + 0.5


def test_charts_are_drawn_with_their_patterns_and_values(pdfs, texts, briefing):
    for lang, caption in (("ja", "棒グラフ"), ("en", "Bar chart")):
        reader, pages = pdfs[lang], texts[lang]
        charts = [index for index, text in enumerate(pages) if caption in text]
        assert len(charts) >= 3, f"{lang}: {len(charts)} charts"  # two budget programmes and the indicators
        patterned = [index for index in charts if len(reader.pages[index]["/Resources"].get("/Pattern", {})) >= 2]
        assert len(patterned) >= 2, f"{lang}: the hatched and dotted bars are not drawn"
        materials = next(programme for programme in briefing.programmes if len(programme.totals) == 3)
        chart_pages = squeezed("".join(pages[index] for index in charts))
        for line in materials.lines:
            for amount in line.amounts.values():
                assert squeezed(formats.yen(amount, lang)) in chart_pages


def test_with_a_site_url_the_addresses_are_absolute(monkeypatch):
    """The HTML the PDF is laid out from names each page by its full address, and links resolve against it."""
    from briefing.site import build_language

    laid_out = {}

    def capture(html, base_url):
        laid_out[base_url] = html
        return b"%PDF-", 1

    monkeypatch.setattr(pdf, "lay_out", capture)
    root = "https://intranet.example/briefings/materials/"
    extensions = ["toc", "tables", "attr_list", "pymdownx.escapeall"]
    settings = {lang: pdf.PdfSettings(extensions, {}, f"{root}{lang}/") for lang in ("ja", "en")}
    site = build_language(PROJECT, "en", pdf=settings)
    assert ("downloads/briefing-en.pdf", b"%PDF-") in site.files
    url = f"{root}en/"
    assert set(laid_out) == {f"{root}{lang}/downloads/" for lang in ("ja", "en")}  # each language's own
    laid_out["html"] = laid_out[url + "downloads/"]
    footers = re.findall(r'class="pdf-running pdf-running-address">[^<]*?: (\S+)</div>', laid_out["html"])
    assert footers[0] == url and f"{url}working-groups/" in footers and all(f.startswith(url) for f in footers)
    assert f'<a href="{url}">{url}</a>' in laid_out["html"]  # the cover names the website
    downloads = next(page for page in site.pages if page.path == "downloads.md")
    assert "briefing-en.pdf" in downloads.markdown


def test_without_weasyprint_the_build_says_so_in_one_line_and_builds_the_rest(tmp_path):
    out = tmp_path / "site"
    hidden = "import sys; sys.modules['weasyprint'] = None; from briefing.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run(
        [sys.executable, "-c", hidden, "--project", str(PROJECT), "build", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    said = [line for line in (result.stdout + result.stderr).splitlines() if "PDF" in line]
    assert said == [SKIPPED], said
    assert "Traceback" not in result.stderr
    for lang in LANGS:
        assert (out / lang / "downloads" / "budget-lines.csv").is_file()
        assert not (out / lang / pdf.path_of(lang)).exists()
        assert article(out, lang, "downloads/").select_one("#pdf") is None


def test_the_live_preview_makes_no_pdf():
    """Only build and publish ask for it: the preview rebuilds on every save."""
    from briefing.preview import Preview

    preview = Preview(PROJECT)
    try:
        preview.rebuild()
        assert preview.built and not preview.problems
        assert (preview.site / "ja" / "downloads" / "budget-lines.csv").is_file()
        assert not list(preview.site.rglob("*.pdf"))
    finally:
        shutil.rmtree(preview.folder, ignore_errors=True)


def test_another_briefing_gets_a_pdf_of_its_pages_in_reading_order(tmp_path):
    """The tiny second briefing: no parts, one page in reading order. Without any, it would get no PDF."""
    _needs(pdf.unavailable())
    from pypdf import PdfReader
    from test_second_briefing import FILES, write_briefing

    declared = FILES["data/collections.yml"].replace(
        "            home: true\n", "            home: true\n            order: 10\n"
    )
    assert declared != FILES["data/collections.yml"]
    for name, changes in (("none", {}), ("ordered", {"data/collections.yml": declared})):
        project = write_briefing(tmp_path / name, changes)
        result = run_briefing("build", "--out", str(project / "site"), project=project, pdf=True)
        assert result.returncode == 0, result.stderr
        made = sorted((project / "site").rglob("*.pdf"))
        if name == "none":
            assert made == [] and "Made" not in result.stdout
            continue
        reader = PdfReader(project / "site" / "en" / pdf.path_of("en"))
        pages = [page.extract_text() for page in reader.pages]
        assert len(pages) == 3, pages  # the cover, the contents, the events
        assert re.search(r"2 events \.+ ?3", pages[1]), pages[1]
        assert "Page on the site: en/events/" in pages[2] and "Open day" in pages[2]
