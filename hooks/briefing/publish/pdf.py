"""The whole briefing as one A4 PDF per language: tagged PDF/UA-1, typeset by Typst.

It is made in two steps:

- ``document``: the pages of the print page, in reading order, rendered by the site's own renderer
  from the same templates as the site (print-entry.md.j2) and converted to HTML with the Markdown
  extensions of the language's MkDocs configuration, then read into a tree of plain data
  (pdf_content.py), with the cover, the metadata, the list of abbreviations and the interface strings.
  A fraction of a second.
- ``typeset`` (typeset.py): that document laid out by Typst with templates/pdf.typ, in the fonts
  ``fonts.py`` found. Pure: the same document and fonts give the same bytes (the creation date is the edition's
  last update, never the time of the build), and its inputs are plain data, so that a build can keep
  a PDF by the digest of what it is made from (``digest``) and make the two languages' PDFs in
  separate processes.

It is made before the pages are rendered, so that the downloads page can give its size. Only
``briefing build``, ``publish``, ``offline`` and ``export`` ask for it; the live preview does not.
Typst is optional (pip install -e '.[pdf]') and needs a Japanese font: without either, the build says
so in one line and makes everything else (``available``).
"""

from __future__ import annotations

import copy
import itertools
import time
from dataclasses import dataclass
from typing import Any

import markdown

from ..messages import Message, say
from ..plan.pages import ReadingEntry
from ..plan.urls import page_url
from ..render.renderer import Renderer
from ..text.formats import long_date
from .downloads import FOLDER
from .fonts import Fonts, find_fonts, missing
from .pdf_content import Converter
from .pdf_html import parse, text_of
from .pdf_links import Links
from .pdf_nodes import keep_anchors, plain_text
from .typeset import typeset

# The address of each language's PDF, the same at every build and edition: a link to it keeps working.
NAME = "briefing-{lang}.pdf"
# Where the PDF's pages are rendered from: the print page's folder, so their links are relative to it.
SOURCE_PATH = f"{FOLDER}/index.md"
# The interface strings the PDF's template uses (strings/<lang>.yml), as ui.<key> there.
STRINGS = (
    "source",
    "edition",
    "last_updated",
    "colon",
    "pdf_address",
    "pdf_contents",
    "pdf_abbreviations",
    "pdf_abbreviations_intro",
    "pdf_abbreviation",
    "pdf_meaning",
    "pdf_continued",
    "pdf_table_continued",
    "pdf_page_of",
    "pdf_separator",
)


def available(asked: bool) -> Fonts | None:
    """The fonts to make the PDFs with, if they are asked for and can be made here; if they cannot,
    says why in one line (and the build makes everything else)."""
    if not asked:
        return None
    fonts, reason = _find()
    if reason:
        print(say("pdf_skipped", reason=reason))
    return fonts


def unavailable() -> Message | None:
    """Why no PDF can be made on this machine, in a sentence; None if it can."""
    return _find()[1]


def _find() -> tuple[Fonts | None, Message | None]:
    try:
        import typst
    except ImportError:
        return None, Message("pdf_no_typst")
    fonts = find_fonts()
    if fonts is None:
        return None, missing()
    loaded = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=list(fonts.folders))
    if fonts.family not in loaded.families():  # a file fontconfig names, which Typst cannot read
        return None, missing()
    return fonts, None


@dataclass(frozen=True)
class PdfSettings:
    """What the PDF takes from the language's MkDocs configuration, and the fonts it is set in."""

    extensions: list  # markdown_extensions, as MkDocs resolved them (with its built-in ones)
    extension_configs: dict[str, Any]
    site_url: str | None  # the language's address (https://…/ja/), if the site has one
    author: str  # who the document is by: the site's author (not the ministry whose deck it is based on)
    fonts: Fonts

    @classmethod
    def of(cls, config, fonts: Fonts) -> PdfSettings:
        """From a loaded MkDocs configuration (MkDocsConfig)."""
        author = config.site_author or config.site_name
        return cls(config.markdown_extensions, config.mdx_configs, config.site_url or None, author, fonts)


@dataclass(frozen=True)
class PdfFile:
    path: str  # under the language's site: downloads/briefing-ja.pdf
    content: bytes
    pages: int
    seconds: float  # the time it took to make

    def summary(self, lang: str) -> str:
        """What the build says it made (benchmarks/measure.py reads the time from it)."""
        size = len(self.content) // 1024
        return say("pdf_made", file=f"{lang}/{self.path}", pages=self.pages, size=size, seconds=f"{self.seconds:.1f}")


def path_of(lang: str) -> str:
    return f"{FOLDER}/{NAME.format(lang=lang)}"


def address(site_url: str | None, lang: str, url: str) -> dict[str, str | None]:
    """A page of the site as the PDF names it: its absolute address (and a link) with a site URL, else
    its address from the site's root as text (ja/fields/): no relative link, which breaks once the file
    is downloaded."""
    if site_url:
        return {"address": f"{site_url}{url}", "url": f"{site_url}{url}"}
    return {"address": f"{lang}/{url}", "url": None}


def make_pdf(renderer: Renderer, reading: list[ReadingEntry], settings: PdfSettings) -> PdfFile | None:
    """The PDF of the renderer's language; None for a briefing with no page in reading order, which has
    nothing to print, or if Typst could not make it (said in one line)."""
    started = time.perf_counter()
    content = document(renderer, reading, settings)
    if content is None:
        return None
    try:
        pdf, pages = typeset(content, settings.fonts)
    except RuntimeError as err:  # typst.TypstError: a fault of the template, not of the data
        print(say("pdf_skipped", reason=Message("pdf_typst_failed", lang=renderer.lang, error=_first_line(err))))
        return None
    return PdfFile(path_of(renderer.lang), pdf, pages, time.perf_counter() - started)


def document(renderer: Renderer, reading: list[ReadingEntry], settings: PdfSettings) -> dict | None:
    """What the PDF shows, as plain data for templates/pdf.typ; None if no page is in reading order."""
    entries = [entry for entry in reading if entry.printed]
    if not entries:
        return None
    lang, edition = renderer.lang, renderer.briefing.edition
    configs = copy.deepcopy(settings.extension_configs)
    configs.setdefault("toc", {})["permalink"] = False  # no ¶ after the headings on paper
    converter = markdown.Markdown(extensions=settings.extensions, extension_configs=configs, output_format="html")
    pages = [
        (
            entry,
            parse(
                converter.reset().convert(renderer.render("print-entry.md.j2", SOURCE_PATH, entry=entry, for_pdf=True))
            ),
        )
        for entry in entries
    ]
    links = Links(page_url(SOURCE_PATH), {entry.url: entry.anchor for entry in entries}, settings.site_url)
    tree = Converter(links, renderer.breaker)
    for _, root in pages:
        tree.collect_ids(root)
    sections = []
    for entry, root in pages:
        content = tree.convert(root)
        if entry.anchor not in links.ids:  # the contents and the running head find each page by it
            content.insert(0, {"t": "anchor", "id": entry.anchor})
        heading = next((node for node in content if isinstance(node, dict) and node.get("t") == "heading"), None)
        title = plain_text(heading["c"]) if heading else entry.url
        where = address(settings.site_url, lang, entry.url)
        if where["url"] and heading:  # under its heading, a link to the page on the site
            content.insert(content.index(heading) + 1, {"t": "address", **where})
        sections.append((entry, content, {"anchor": entry.anchor, "title": title, **where}))
    links.targets |= {entry.anchor for entry in entries}
    titles = {part.id: part.title for part in edition.parts}
    parts = [
        {
            "title": tree.text(titles[part](lang)) if part in titles else None,
            "sections": [content for _, content, _ in inside],
        }
        for part, inside in itertools.groupby(sections, key=lambda section: section[0].part)
    ]
    keep_anchors(parts, links.targets)
    updated = edition.last_updated or edition.edition_date
    facts = [
        (renderer.ui("pdf_edition"), renderer.ui("pdf_edition_value", date=long_date(edition.edition_date, lang))),
        (renderer.ui("last_updated"), long_date(updated, lang)),
        (renderer.ui("source"), edition.source_document(lang)),
    ]
    cover_facts = [[tree.text(label), tree.text(value)] for label, value in facts]
    if settings.site_url:  # where the site is (the language's home page)
        home = settings.site_url
        cover_facts.append([tree.text(renderer.ui("pdf_site")), [{"t": "link", "url": home, "c": [home]}]])
    return {
        "lang": lang,
        "fonts": [settings.fonts.family],
        "meta": {
            "title": edition.title(lang),
            "author": settings.author,
            "subject": text_of(parse(str(renderer.translate(edition.summary)))),
            "keywords": [keyword(lang) for keyword in edition.keywords],
            "date": [updated.year, updated.month, updated.day],
        },
        "ui": {key: renderer.strings[key] for key in STRINGS},
        "cover": {
            "title": tree.text(edition.title(lang)),
            "facts": cover_facts,
            "notice": edition.notice(lang) if edition.notice else None,
            "licence": renderer.strings["downloads_licence"],
        },
        "running": {"source": edition.source_document(lang), "edition": long_date(edition.edition_date, lang)},
        "sections": [section for _, _, section in sections],
        "parts": parts,
        "abbreviations": sorted(([short, meaning] for short, meaning in tree.abbreviations.items()), key=_by_name),
    }


def _by_name(pair: list[str]) -> str:
    return pair[0].casefold()


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
