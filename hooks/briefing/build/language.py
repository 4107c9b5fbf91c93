"""The generated pages and files of one language, rendered from the page plan, each only if what it
read last time has changed (render/reads.py, cache.py).

    plan (plan/pages.py) → render each page (renderers.py) → pages, files, navigation, theme values
    (theme_values.py) → MkDocs (mkdocs_session.py)

Checks run on the models before: a page is only rendered from checked data.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound

from ..check.validate import Checked
from ..plan.pages import ForwardingPage, PlannedPage
from ..plan.urls import language_url, page_url, relative_url
from ..problems import DataError
from ..project.digests import digest, generator_digest, versions_digest
from ..publish.downloads import download_files
from ..publish.offline import shim_files
from ..render.jinja import template_problem
from ..render.navigation import index_label, navigation, title_of
from ..render.reads import InputDigests, Reads
from ..render.renderer import Renderer
from .cache import BuildCache
from .renderers import edition_renderer
from .theme_values import page_metadata

FEED = "feed.xml"  # each language's Atom feed of its editions
# What the pages at moved addresses run to go on to the new address (overrides/assets/briefing/).
REDIRECT_SCRIPT = "assets/briefing/redirect.js"


@dataclass(frozen=True)
class GeneratedPage:
    """A page's Markdown and what MkDocs is told about it (``meta``: its front matter). ``source``: the
    Markdown, or how to read it from the build cache where the build keeps one (read when the page is
    converted: a save that changes a few pages of thousands reads those, and a build does not hold every
    page's Markdown at once); ``sha``: the SHA-256 of the Markdown; ``title``: its title."""

    path: str
    source: str | Callable[[], str] = field(repr=False)
    sha: str
    title: str | None
    in_nav: bool
    meta: dict[str, Any] = field(default_factory=dict)
    reads_pdf: bool = False

    @property
    def markdown(self) -> str:
        return self.source if isinstance(self.source, str) else self.source()

    @property
    def url(self) -> str:
        return page_url(self.path)


@dataclass
class LanguageContent:
    """What MkDocs needs to build one language besides the hand-written pages."""

    lang: str
    pages: list[GeneratedPage]
    files: list[tuple[str, bytes]]  # downloads, the feed, the PDF, pages at moved addresses, the shim
    nav: list
    metadata: dict  # the theme's values: config.extra.briefing
    rendered: int = 0  # how many pages were rendered (the others were taken from the cache)

    @property
    def titles(self) -> dict[str, str]:
        return {page.url: page.title for page in self.pages if page.title}


@dataclass(frozen=True)
class Extras:
    """What a build adds to the pages beyond the data: the PDF (per language), the offline copy's size."""

    pdf: dict[str, Any] = field(default_factory=dict)  # lang → pdf.PdfFile, or absent
    offline_copy: int | None = None  # the size of the offline copy the downloads page links, if any
    offline: bool = False  # this is the offline copy itself
    site_url: str | None = None  # where the site is published (its root, above the languages), if known

    def language_url(self, lang: str) -> str | None:
        return language_url(self.site_url, lang)


def render_language(
    project: Path,
    checked: Checked,
    lang: str,
    extras: Extras,
    cache: BuildCache | None = None,
    only: set[str] | None = None,
) -> LanguageContent:
    """Every generated page and file of one language; raises ``DataError`` for a template's problem
    (with its file and line). Pages are taken from ``cache`` where nothing they read has changed.
    ``only``: just these pages (by address), and no other file (the page being read, first)."""
    with template_problems_raised(project):
        return _LanguageRender(project, checked, lang, extras, cache or BuildCache(None)).run(only)


@contextmanager
def template_problems_raised(project: Path) -> Iterator[None]:
    """Any exception a template raises (a mistake in a template can raise any: a division by zero, a macro
    given a wrong argument) raised again as ``DataError``, at the template's file:line; any other goes on,
    a fault of the generator."""
    try:
        yield
    except DataError:
        raise
    except Exception as err:
        problem = template_problem(err, project)
        if problem is None:
            raise
        raise DataError([problem]) from None


def current_renderer(project: Path, checked: Checked, lang: str, cache: BuildCache | None = None) -> Renderer:
    """The renderer of the current edition's pages in ``lang``, with every value a page is given (the PDF
    renders the print page's entries with it)."""
    return _LanguageRender(project, checked, lang, Extras(), cache or BuildCache(None)).renderer(None)


class _LanguageRender:
    def __init__(self, project: Path, checked: Checked, lang: str, extras: Extras, cache: BuildCache):
        self.project, self.checked, self.lang, self.extras, self.cache = project, checked, lang, extras, cache
        self.section = f"render:{lang}"
        history = checked.timeline
        self.editions = {None: checked.briefing} | {edition.date: frozen for edition, frozen in history.superseded}
        pdf_file = extras.pdf.get(lang)
        values = {
            "editions": digest(*(f"{e.date}:{e.folder}" for e, _ in history.frozen), history.current_date),
            "redirects": digest(repr(checked.briefing.redirects)),
            "pdf": digest(pdf_file.content) if pdf_file else "none",
            "offline": repr(extras.offline_copy),
            "pages": digest(*(page.path for page in checked.plan.pages if page.edition is None)),
        }
        # The editions' frozen data: named by their checksums, which change with any file.
        values["editions"] = digest(
            values["editions"], *((edition.folder / "SHA256SUMS").read_bytes() for edition, _ in history.frozen)
        )
        self.reads = Reads()
        self.renderers: dict[str | None, Renderer] = {}
        self.digests = InputDigests(self.editions, values, self._template_source)
        self.base = digest(generator_digest(), versions_digest(), repr(extras.offline), repr(extras.site_url))
        self.rendered = 0
        self._index_titles: dict[str, str] | None = None

    @property
    def index_titles(self) -> dict[str, str]:
        """The collection indexes among the pages, by path, with their names (for the breadcrumbs)."""
        if self._index_titles is None:
            self._index_titles = {
                page.path: index_label(self.renderer(page.edition), page.context["collection"]).striptags()
                for page in self.checked.plan.pages
                if "collection" in page.context and "items" in page.context
            }
        return self._index_titles

    def _template_source(self, name: str) -> str:
        renderer = self.renderer(None)
        try:
            source, _, _ = renderer.env.loader.get_source(renderer.env, name)
        except TemplateNotFound:  # read last time, since removed: the pages that read it are rendered again
            return "\x00none"
        return source

    def renderer(self, edition: str | None) -> Renderer:
        if edition not in self.renderers:
            briefing, code = self.editions[edition], self.cache.template_code()
            pdf_file, offline_copy = self.extras.pdf.get(self.lang), self.extras.offline_copy
            self.renderers[edition] = edition_renderer(
                self.project,
                self.checked,
                self.lang,
                edition,
                briefing,
                self.reads,
                code,
                pdf_file,
                offline_copy,
                self._downloads,
            )
        return self.renderers[edition]

    def run(self, only: set[str] | None = None) -> LanguageContent:
        checked, lang = self.checked, self.lang
        current = self.renderer(None)
        if only is not None:
            pages = [self._page(planned) for planned in checked.plan.pages if planned.url in only]
            nav, metadata = navigation(checked.briefing, current), page_metadata(self.project, checked, current)
            return LanguageContent(lang, pages, [], nav, metadata, self.rendered)
        downloads = current.downloads
        pages = [self._page(planned) for planned in checked.plan.pages]
        forwarding = [self._forwarding(current, page) for page in checked.plan.forwarding]
        base = self.extras.language_url(lang) or ""  # absolute with a site URL
        feed = current.render("feed.xml.j2", "index.md", base=base).encode("utf-8")
        pdf_file = self.extras.pdf.get(lang)
        files = [
            *forwarding,
            (FEED, feed),
            *((file.path, file.content) for file in downloads),
            *([(pdf_file.path, pdf_file.content)] if pdf_file else []),
            *(shim_files() if self.extras.offline else []),
        ]
        nav, metadata = navigation(checked.briefing, current), page_metadata(self.project, checked, current)
        return LanguageContent(lang, pages, files, nav, metadata, self.rendered)

    def _key(self, planned: PlannedPage, reads) -> str:
        renderer = self.renderer(planned.edition)
        definition = repr((planned.path, planned.template, planned.in_nav, planned.search, planned.wide))
        return digest(self.base, renderer.base_digest(), definition, self.digests.of(reads))

    def _page(self, planned: PlannedPage) -> GeneratedPage:
        """The page, taken from the cache if nothing it read last time has changed, else rendered."""
        known = self.cache.get(self.section, planned.path)
        if known is not None:
            reads = [tuple(key) for key in known["reads"]]
            if known["key"] == self._key(planned, reads) and "title" in known:
                self.cache.put(self.section, planned.path, known)
                return self._generated(planned, self._stored(known["object"]), reads, known["object"], known["title"])
        renderer = self.renderer(planned.edition)
        markdown, reads = renderer.page(planned.template, planned.path, planned.context)
        self.rendered += 1
        context = planned.context
        if "edition_banner" in context:  # a page of an older edition says so first
            banner = renderer.render("edition-banner.html.j2", planned.path, **context["edition_banner"])
            markdown = banner + "\n" + markdown
        if "removed_rows" in context:  # rows since removed keep their anchors, leading to an older edition
            note = renderer.render("removed-rows.html.j2", planned.path, redirects=context["removed_rows"])
            markdown = markdown + "\n" + note
        # Dates, amounts and names on one line in the text outside the tables too (headings, paragraphs).
        markdown = renderer.breaker.units_in_page(markdown)
        reads = sorted(reads | {("template", "edition-banner.html.j2"), ("template", "removed-rows.html.j2")}, key=repr)
        obj, title = self.cache.store(markdown.encode()), title_of(markdown)
        entry = {"key": self._key(planned, reads), "reads": reads, "object": obj, "title": title}
        self.cache.put(self.section, planned.path, entry)
        # Kept in the cache, the page is read again when it is converted rather than held until then:
        # a language's pages together are hundreds of MB at ×100.
        return self._generated(planned, self._stored(obj) if self.cache.enabled else markdown, reads, obj, title)

    def _stored(self, obj: str) -> Callable[[], str]:
        """How to read a page's Markdown kept in the build cache (when it is converted)."""
        return lambda: self.cache.load(obj).decode("utf-8")

    def _generated(
        self, planned: PlannedPage, markdown: str | Callable[[], str], reads, sha: str, title: str | None
    ) -> GeneratedPage:
        meta: dict[str, Any] = {}
        if planned.edition:  # the theme names this edition, not the current one
            meta["edition"] = planned.edition
        if not planned.search:  # a page that repeats the others: each hit would appear twice
            meta["search"] = {"exclude": True}
        if planned.wide:  # its table needs the room of the table of contents
            meta["hide"] = ["toc"]
        if planned.parent in self.index_titles:  # an item page: the theme shows the way to its collection
            meta["breadcrumb"] = {"url": page_url(planned.parent), "title": self.index_titles[planned.parent]}
        return GeneratedPage(planned.path, markdown, sha, title, planned.in_nav, meta, ("value", "pdf") in reads)

    def _downloads(self, renderer: Renderer) -> list:
        """The data downloads, made again only when the data (or what makes them) has changed."""
        key = digest(self.base, renderer.base_digest(), self.digests(("everything", None)))
        known = self.cache.get(self.section, "downloads")
        if known is not None and known["key"] == key:
            self.cache.put(self.section, "downloads", known)
            return pickle.loads(self.cache.load(known["object"]))
        files = download_files(renderer, self.checked.download_values.get(self.lang))
        self.cache.put(self.section, "downloads", {"key": key, "object": self.cache.store(pickle.dumps(files))})
        return files

    def _forwarding(self, renderer: Renderer, page: ForwardingPage) -> tuple[str, bytes]:
        """The page left at an old address that leads on to the new one."""
        target, script = relative_url(page.new, page.old), relative_url(REDIRECT_SCRIPT, page.old)
        html = renderer.render(
            "redirect.html.j2", f"{page.old}index.md", target=target, script=script, pinned=page.pinned
        )
        return f"{page.old}index.html", html.encode("utf-8")
