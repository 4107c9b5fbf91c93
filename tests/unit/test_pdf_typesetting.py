"""Typesetting the PDF (hooks/briefing/publish/pdf.py, pdf_content.py, fonts.py), without building a site:
a document's text is never read as Typst markup, the same inputs give the same bytes, the fonts are found
without fontconfig, and the converter keeps Japanese marks with what they follow."""

from __future__ import annotations

import subprocess
import sys

from base import PROJECT, in_a_child, needs
from briefing.build.parallel import can_fork, run_all
from briefing.project.template_folders import load_strings, template_folders
from briefing.publish import fonts, pdf, typeset


def _small_document(text: str) -> dict:
    """A document as pdf.document makes one, with one part, one page of the site and ``text`` in it."""
    strings = load_strings(template_folders(PROJECT), "en")
    return {
        "lang": "en",
        "fonts": [fonts.FAMILY],
        "meta": {"title": "A test", "author": "Tests", "subject": "", "keywords": [], "date": [2026, 1, 21]},
        "ui": {key: strings[key] for key in pdf.STRINGS},
        "cover": {"title": ["A test"], "facts": [], "notice": None, "licence": ""},
        "running": {"source": "Source", "edition": "21 January 2026"},
        "sections": [{"anchor": "page", "title": "Page", "address": "en/page/", "url": None}],
        "parts": [
            {
                "title": ["Part"],
                "sections": [[{"t": "heading", "level": 2, "id": "page", "c": ["Page"]}, {"t": "par", "c": [text]}]],
            }
        ],
        "abbreviations": [],
    }


def _typeset_twice(document: dict, found) -> tuple[bytes, int, bytes]:
    content, pages = typeset.typeset(document, found)
    again, _ = typeset.typeset(document, found)
    return content, pages, again


def test_data_text_is_never_read_as_markup_and_the_same_inputs_give_the_same_bytes(tmp_path):
    needs(pdf.unavailable())
    from pypdf import PdfReader

    hostile = '#set page(width: 1cm) *bold* _x_ $x^2$ <label> @ref \\ ] } ` // /* "quoted" = Heading'
    found = fonts.find_fonts()
    content, pages, again = in_a_child(_typeset_twice, _small_document(hostile), found)
    assert content == again  # no time of the build in it: a build can keep it by its inputs' digest
    assert typeset.digest(_small_document(hostile), found) == typeset.digest(_small_document(hostile), found)
    assert typeset.digest(_small_document("other"), found) != typeset.digest(_small_document(hostile), found)
    (tmp_path / "small.pdf").write_bytes(content)
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "small.pdf").pages)
    assert hostile in " ".join(text.split()), text
    assert pages == 3  # the cover, the contents and the page: the text set no page size
    assert {"template", "typst", "standard"} <= set(typeset.made_from(found))
    assert any(key.startswith("font ") for key in typeset.made_from(found))


def test_fonts_are_found_in_the_font_folders_without_fontconfig(tmp_path, monkeypatch):
    """Where fc-list is not installed, the usual font folders are searched for Noto Sans CJK's files."""
    share = tmp_path / "share"
    (share / "fonts" / "opentype" / "noto").mkdir(parents=True)
    (share / "fonts" / "opentype" / "noto" / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    (share / "fonts" / "truetype" / "dejavu").mkdir(parents=True)
    (share / "fonts" / "truetype" / "dejavu" / "DejaVuSans.ttf").write_bytes(b"")
    monkeypatch.setenv("XDG_DATA_DIRS", str(share))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts.find_fonts() == fonts.Fonts((str(share / "fonts" / "opentype" / "noto"),))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "nothing"))
    assert fonts.find_fonts() is None


def test_without_typst_it_says_so_in_one_line():
    """In a process of its own: Typst is hidden from its imports."""
    hidden = "import sys; sys.modules['typst'] = None; from briefing.publish import pdf; print(pdf.available(True))"
    result = subprocess.run([sys.executable, "-c", hidden], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["PDF skipped: Typst is not installed (pip install -e '.[pdf]').", "None"]


def test_a_mark_after_an_element_joins_its_last_box_not_the_whole_element():
    """「警察、」 stays together (a line may break after a box), but a bold sentence followed by 。 stays
    breakable: boxing it whole would leave the line before it half empty and stretched."""
    from briefing.publish.pdf_content import Converter
    from briefing.publish.pdf_html import parse
    from briefing.publish.pdf_links import Links
    from briefing.text.phrases import PhraseBreaker

    converter = Converter(Links("downloads/", {}, None), PhraseBreaker(["警察"]))
    html = '<p>また、<strong>関連する技術も支援の対象とする</strong>。<abbr title="警察庁">警察</abbr>、文科</p>'
    [paragraph] = converter.convert(parse(html))
    strong, mark, abbr = paragraph["c"][1], paragraph["c"][2], paragraph["c"][3]
    assert strong["t"] == "strong" and mark.startswith("。")  # not boxed with the sentence
    assert abbr["t"] == "abbr" and abbr["c"][-1] == {"t": "keep", "c": ["警察", "、"]}


def _typeset_then_run_jobs() -> tuple[bool, list[int]]:
    typeset.typeset(_small_document("text"), fonts.find_fonts())
    return can_fork(), run_all([lambda: 1, lambda: 2])


def test_a_process_that_has_typeset_does_its_jobs_itself_rather_than_fork():
    """Typst leaves a pool of threads in a process once it has typeset there; a forked child would wait for
    them forever (a PDF job, say). Such a process runs its jobs one after another instead."""
    needs(pdf.unavailable())
    assert in_a_child(_typeset_then_run_jobs) == (False, [1, 2])
