"""What makes a PDF, tried on the tiny briefing: a briefing gets one of the pages in its reading order (none
without any), a machine without a Japanese font says so in one line and builds the rest, and the live
preview never makes one. (The real briefing's PDFs are read back in tests/real_site/test_pdf.py.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from base import LANGS, SMALL_BRIEFING, article, needs, run, unavailable, write_briefing
from briefing.publish import fonts, pdf

# The events in reading order: the tiny briefing's one part of a PDF.
ORDERED = {
    "data/collections.yml": SMALL_BRIEFING["data/collections.yml"].replace(
        "            home: true\n", "            home: true\n            order: 10\n"
    )
}


@pytest.fixture
def ordered(tmp_path) -> Path:
    return write_briefing(tmp_path / "briefing", ORDERED)


def test_another_briefing_gets_a_pdf_of_its_pages_in_reading_order(tmp_path, ordered):
    """No parts, one page in reading order. Without any, it gets no PDF."""
    needs(pdf.unavailable())
    assert ORDERED["data/collections.yml"] != SMALL_BRIEFING["data/collections.yml"]
    from pypdf import PdfReader

    unordered = write_briefing(tmp_path / "unordered")
    result = run("build", "--out", unordered / "site", project=unordered)
    assert result.code == 0, result.err
    assert sorted((unordered / "site").rglob("*.pdf")) == [] and "Made" not in result.out

    result = run("build", "--out", ordered / "site", project=ordered)
    assert result.code == 0, result.err
    reader = PdfReader(ordered / "site" / "en" / pdf.path_of("en"))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 3, pages  # the cover, the contents, the events
    assert re.search(r"2 events[ .]+3", pages[1]), pages[1]
    assert "Page on the site: en/events/" in pages[2] and "Open day" in pages[2]
    assert reader.metadata.author == "A small briefing"  # no site_author: the site's name


def _dejavu_only(folder: Path) -> dict[str, str]:
    """What tells fontconfig to know only the DejaVu fonts, as on a Debian machine as it comes."""
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        f"<dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(config)}


def test_without_a_japanese_font_the_build_says_so_in_one_line_and_builds_the_rest(tmp_path, ordered):
    if not shutil.which("fc-list"):
        unavailable("fontconfig (fc-list) is not installed: apt-get install fontconfig")
    needs(pdf.unavailable())  # (with the font, the PDF would be made: see the test above)
    out = tmp_path / "site"
    result = run("build", "--out", out, project=ordered, env=_dejavu_only(tmp_path))
    assert result.code == 0, result.err
    said = [line for line in (result.out + result.err).splitlines() if "PDF" in line]
    assert said == [f"PDF skipped: {fonts.missing()}."], said
    assert "apt-get install fonts-noto-cjk" in said[0]
    for lang in LANGS:
        assert (out / lang / "downloads" / "events.csv").is_file()
        assert not (out / lang / pdf.path_of(lang)).exists()
        assert article(out, lang, "downloads/").select_one("#pdf") is None


def test_the_live_preview_makes_no_pdf(ordered):
    """Only build and publish ask for it (a build of this briefing makes one: see above); the preview
    rebuilds on every save."""
    from briefing.preview.server import Preview

    preview = Preview(ordered)
    try:
        preview.rebuild()
        assert preview.built and not preview.problems
        assert (preview.site / "ja" / "downloads" / "events.csv").is_file()
        assert not list(preview.site.rglob("*.pdf"))
    finally:
        shutil.rmtree(preview.folder, ignore_errors=True)
