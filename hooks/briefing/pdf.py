"""The whole briefing as one A4 PDF per language, made at build time by WeasyPrint.

The PDF holds the pages of the print page, in reading order, rendered from the same templates as the
site (print-entry.md.j2), converted to HTML with the Markdown extensions of the language's MkDocs
configuration and placed in our own document (pdf.html.j2 and its print style sheet pdf.css): a
cover, a table of contents with page numbers, and on every page the edition date, the source and the
address of the site's page that the text comes from. Material's own print page is no input for it:
WeasyPrint cannot lay out the theme's screen CSS.

It is made before the pages are rendered, so that the downloads page can give its size. Only
``briefing build`` and ``briefing publish`` ask for it (``wanted``): the live preview rebuilds on every
save and laying out some fifty A4 pages takes seconds.

WeasyPrint is optional (pip install -e '.[pdf]'): without it, or without the system libraries it
loads (Pango), the build says so in one line and makes everything else (``unavailable``).
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import markdown
from markupsafe import Markup

from .downloads import FOLDER
from .messages import Message, say
from .models import Text
from .pages import ReadingEntry
from .render import Renderer

# The address of each language's PDF, the same at every build and edition: a link to it keeps working.
NAME = "briefing-{lang}.pdf"
# Where the PDF is rendered from: links in it are relative to its own folder, which is as deep as the
# print page's, so that without a site URL they resolve from the downloaded file as from the site.
SOURCE_PATH = f"{FOLDER}/index.md"
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk"

_wanted: ContextVar[dict[str, PdfSettings] | None] = ContextVar("briefing_pdf_wanted", default=None)


@contextlib.contextmanager
def wanted(settings: dict[str, PdfSettings] | None) -> Iterator[None]:
    """Within this block, the builds of the languages make their PDF with these settings, per language
    (``briefing build``); with None, they make none."""
    token = _wanted.set(settings)
    try:
        yield
    finally:
        _wanted.reset(token)


def wanted_settings() -> dict[str, PdfSettings] | None:
    """Each language's PDF settings if this build makes the PDFs, else None."""
    return _wanted.get()


def possible(asked: bool) -> bool:
    """Whether to make the PDFs: if they are asked for but cannot be made here, says why in one line."""
    if asked and (reason := unavailable()):
        print(say("pdf_skipped", reason=reason))
        return False
    return asked


def unavailable() -> Message | None:
    """Why no PDF can be made on this machine, in a sentence; None if it can."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return Message("pdf_no_weasyprint")
    except OSError as err:  # WeasyPrint loads Pango and HarfBuzz when it is imported
        return Message("pdf_no_library", error=err, packages=SYSTEM_PACKAGES)
    return None


@dataclass(frozen=True)
class PdfSettings:
    """What the PDF takes from the language's MkDocs configuration."""

    extensions: list  # markdown_extensions, as MkDocs resolved them (with its built-in ones)
    extension_configs: dict[str, Any]
    site_url: str | None  # the language's address (https://…/ja/), if the site has one

    @classmethod
    def of(cls, config) -> PdfSettings:
        """From a loaded MkDocs configuration (MkDocsConfig)."""
        return cls(config.markdown_extensions, config.mdx_configs, config.site_url or None)


@dataclass(frozen=True)
class PdfFile:
    path: str  # under the language's site: downloads/briefing-ja.pdf
    content: bytes
    pages: int
    seconds: float  # the time it took to make

    def summary(self, lang: str) -> str:
        """What the build says it made (benchmarks/run.py reads the time from it)."""
        size = len(self.content) // 1024
        return say("pdf_made", file=f"{lang}/{self.path}", pages=self.pages, size=size, seconds=f"{self.seconds:.1f}")


@dataclass(frozen=True)
class Section:
    """A page of the site as a section of the PDF."""

    entry: ReadingEntry
    title: Markup  # its heading, for the table of contents
    address: str  # where the page is on the site
    html: Markup


@dataclass(frozen=True)
class Part:
    """Consecutive sections of one part of the deck (1. policy, 2. budget…); ``title`` None if they have none."""

    title: Text | None
    sections: list[Section]


def path_of(lang: str) -> str:
    return f"{FOLDER}/{NAME.format(lang=lang)}"


def address(settings: PdfSettings, lang: str, url: str) -> str:
    """A page's address as the PDF prints it: absolute with a site URL, else from the site's root (ja/fields/)."""
    return f"{settings.site_url}{url}" if settings.site_url else f"{lang}/{url}"


def make_pdf(renderer: Renderer, reading: list[ReadingEntry], settings: PdfSettings) -> PdfFile | None:
    """The PDF of the renderer's language (WeasyPrint must be importable: see ``unavailable``); None for a
    briefing with no page in reading order, which has nothing to print."""
    if not any(entry.printed for entry in reading):
        return None
    started = time.perf_counter()
    html = document(renderer, reading, settings)
    base = f"{settings.site_url}{FOLDER}/" if settings.site_url else None
    content, pages = lay_out(html, base)
    return PdfFile(path_of(renderer.lang), content, pages, time.perf_counter() - started)


def document(renderer: Renderer, reading: list[ReadingEntry], settings: PdfSettings) -> str:
    """The PDF's HTML document (pdf.html.j2), for WeasyPrint."""
    configs = copy.deepcopy(settings.extension_configs)
    configs.setdefault("toc", {})["permalink"] = False  # no ¶ after the headings on paper
    converter = markdown.Markdown(extensions=settings.extensions, extension_configs=configs, output_format="html")
    sections = []
    for entry in reading:
        if not entry.printed:
            continue
        text = renderer.render("print-entry.md.j2", SOURCE_PATH, entry=entry, for_pdf=True)
        html = converter.reset().convert(text)
        heading = converter.toc_tokens[0]["html"] if converter.toc_tokens else entry.url  # type: ignore[attr-defined]
        sections.append(Section(entry, Markup(heading), address(settings, renderer.lang, entry.url), Markup(html)))
    titles = {part.id: part.title for part in renderer.briefing.edition.parts}
    parts = [
        Part(titles.get(part), list(inside))
        for part, inside in itertools.groupby(sections, key=lambda section: section.entry.part)
    ]
    home = address(settings, renderer.lang, "")
    return renderer.render("pdf.html.j2", SOURCE_PATH, parts=parts, home=home, site_url=settings.site_url)


def lay_out(html: str, base_url: str | None) -> tuple[bytes, int]:
    """The PDF and its number of pages. A table whose columns cannot be narrowed to the page's width
    (their longest phrases and words side by side are wider) is laid out again with equal columns."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The document holds everything it shows (styles, charts): nothing is fetched, from the network or disk.
    def document() -> HTML:
        return HTML(string=html, base_url=base_url, url_fetcher=URLFetcher(allowed_protocols=()))

    first = document()
    laid_out = first.render()
    tables = list(first.etree_element.iter("table"))
    wide = {tables.index(table) for table in too_wide(laid_out)}
    if wide:
        again = document()
        for number, table in enumerate(again.etree_element.iter("table")):
            if number in wide:
                table.set("class", f"{table.get('class', '')} pdf-fixed-layout".strip())
        laid_out = again.render()
    return laid_out.write_pdf(), len(laid_out.pages)


def too_wide(laid_out) -> list:
    """The <table> elements wider than their page's content area. WeasyPrint's layout tree is not its
    public API: its version is pinned (pyproject.toml), and the tests check that this finds them."""
    from weasyprint.formatting_structure.boxes import TableBox

    wide = []
    for page in laid_out.pages:
        box = page._page_box
        right = box.content_box_x() + box.width  # CSS px; less than half a pixel over is rounding
        for inside in box.descendants():
            over = isinstance(inside, TableBox) and inside.position_x + inside.margin_width() > right + 0.5
            if over and inside.element not in wide:
                wide.append(inside.element)
    return wide
