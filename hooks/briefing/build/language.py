"""The generated pages and files of one language, rendered from the page plan, each only if what it
read last time has changed (reads.py, buildcache.py).

    plan (plan.py) → render each page (render.py) → pages, files, navigation, theme values → MkDocs

Checks run on the models before: a page is only rendered from checked data.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from ..check.addresses import item_addresses, moved_rows
from ..check.edition_diff import stale_translations
from ..check.validate import LANGUAGES, Checked
from ..plan.pages import EDITIONS, ForwardingPage, PlannedPage, SitePlan
from ..plan.urls import page_url, relative_url
from ..problems import DataError
from ..project.digests import digest, generator_digest, versions_digest
from ..project.template_folders import load_strings, template_folders
from ..publish.downloads import download_files
from ..publish.offline import ARCHIVE, shim_files
from ..render.jinja import template_problem
from ..render.names import BuildValues
from ..render.navigation import index_label, navigation, title_of
from ..render.reads import InputDigests, Reads
from ..render.renderer import Renderer
from ..render.texts import phrase_breaker
from ..text.formats import long_date
from .cache import BuildCache

FEED = "feed.xml"  # each language's Atom feed of its editions
# What the pages at moved addresses run to go on to the new address (overrides/assets/briefing/).
REDIRECT_SCRIPT = "assets/briefing/redirect.js"
CONFIGS = {"ja": "mkdocs.yml", "en": "mkdocs.en.yml"}
# Interface strings the theme overrides (overrides/) use: config.extra.briefing.ui.<key>.
THEME_STRINGS = (
    "cite_heading",
    "copy_button",
    "copied",
    "licence_footer",
    "edition",
    "last_updated",
    "source",
    "cite_pinned",
    "cite_current",
    "feed_title",
    "not_found",
    "not_found_text",
    "breadcrumb",
    "breadcrumb_home",
    "editor_guide",
)
GUIDE_TEMPLATE = "editor-guide.md.j2"
# The citation in each language, whatever the page's language: config.extra.briefing.cite.<lang>.<part>.
CITATION_PARTS = (
    "title_open",
    "title_close",
    "site_open",
    "site_close",
    "url_placeholder",
    "accessed_before",
    "date_placeholder",
    "accessed_after",
)


@dataclass(frozen=True)
class GeneratedPage:
    """A page's Markdown and what MkDocs is told about it (``meta``: its front matter)."""

    path: str
    markdown: str
    in_nav: bool
    meta: dict[str, Any] = field(default_factory=dict)
    reads_pdf: bool = False

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
        return {page.url: title for page in self.pages if (title := title_of(page.markdown))}


@dataclass(frozen=True)
class Extras:
    """What a build adds to the pages beyond the data: the PDF (per language), the offline copy's size."""

    pdf: dict[str, Any] = field(default_factory=dict)  # lang → pdf.PdfFile, or absent
    offline_copy: int | None = None  # the size of the offline copy the downloads page links, if any
    offline: bool = False  # this is the offline copy itself
    site_url: str | None = None  # where the site is published (its root, above the languages), if known

    def language_url(self, lang: str) -> str | None:
        """Where a language's pages are published: each language is a site of its own, in its folder."""
        return self.site_url and f"{self.site_url.rstrip('/')}/{lang}/"


def site_root(language_url: str | None, lang: str) -> str | None:
    """The site's root from the address MkDocs has for a language: `briefing build --site-url` gives
    …/<lang>/, beside which the other languages are. Any other address (`mkdocs serve` serves one
    language at http://127.0.0.1:8000/) says nothing about where the other languages are."""
    tail = f"/{lang}/"
    if language_url and language_url.endswith(tail):
        return language_url.removesuffix(tail[1:])
    return None


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
    try:
        return _LanguageRender(project, checked, lang, extras, cache or BuildCache(None)).run(only)
    except TemplateError as err:
        raise DataError([template_problem(err, project)]) from None


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
        source, _, _ = renderer.env.loader.get_source(renderer.env, name)
        return source

    def renderer(self, edition: str | None) -> Renderer:
        if edition not in self.renderers:
            self.renderers[edition] = self._make_renderer(edition)
        return self.renderers[edition]

    def _make_renderer(self, edition: str | None) -> Renderer:
        checked, lang = self.checked, self.lang
        history = checked.timeline
        briefing = self.editions[edition]
        prefix = f"{EDITIONS}/{edition}/" if edition else ""
        plan: SitePlan = checked.plan
        values = BuildValues(reading=plan.reading[edition], history=history)
        if edition is None:
            values = BuildValues(
                reading=plan.reading[edition],
                history=history,
                current=True,
                moved=moved_rows(briefing),
                stale=frozenset(_stale_items(checked)),
                item_address=_item_address(checked),
                offline_copy=self.extras.offline_copy,
                offline_archive=ARCHIVE,
                pdf_file=self.extras.pdf.get(lang),
                downloads=self._downloads,
            )
        code = self.cache.template_code()
        return Renderer(self.project, lang, briefing, prefix, edition, self.reads, code, values)

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
            if known["key"] == self._key(planned, reads):
                markdown = self.cache.load(known["object"]).decode("utf-8")
                self.cache.put(self.section, planned.path, known)
                return self._generated(planned, markdown, reads)
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
        entry = {"key": self._key(planned, reads), "reads": reads, "object": self.cache.store(markdown.encode())}
        self.cache.put(self.section, planned.path, entry)
        return self._generated(planned, markdown, reads)

    def _generated(self, planned: PlannedPage, markdown: str, reads) -> GeneratedPage:
        meta: dict[str, Any] = {}
        if planned.edition:  # the theme names this edition, not the current one
            meta["edition"] = planned.edition
        if not planned.search:  # a page that repeats the others: each hit would appear twice
            meta["search"] = {"exclude": True}
        if planned.wide:  # its table needs the room of the table of contents
            meta["hide"] = ["toc"]
        if planned.parent in self.index_titles:  # an item page: the theme shows the way to its collection
            meta["breadcrumb"] = {"url": page_url(planned.parent), "title": self.index_titles[planned.parent]}
        return GeneratedPage(planned.path, markdown, planned.in_nav, meta, ("value", "pdf") in reads)

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


def _item_address(checked: Checked):
    """(edition date, collection, item id) → the item's address in that edition, or None."""
    history = checked.timeline
    found = {
        edition.date: (f"{EDITIONS}/{edition.date}/", item_addresses(frozen)) for edition, frozen in history.superseded
    }
    found[history.current_date] = ("", item_addresses(checked.briefing))

    def address(date: str, collection: str, item_id: str) -> str | None:
        prefix, addresses = found[date]
        where = addresses.get((collection, item_id))
        return None if where is None else prefix + where

    return address


def _stale_items(checked: Checked) -> set[tuple[str, str]]:
    """(collection, id) of the changed items with a text whose English may lag its Japanese."""
    latest = checked.timeline.latest
    if latest is None:
        return set()
    found = {id(item) for item, _, _ in stale_translations(latest, checked.briefing)}
    return {
        (change.collection, change.item_id)
        for changes in latest.changed.values()
        for change in changes
        if id(change.new) in found
    }


def _citation(project: Path, briefing, lang: str, breaker) -> dict:
    strings = load_strings(template_folders(project), lang)
    parts: dict = {part: strings[f"cite_{part}"] for part in CITATION_PARTS}
    parts["based_on"] = strings["cite_based_on"].format(date=long_date(briefing.edition.edition_date, lang))
    parts["based_on_runs"] = breaker.runs(parts["based_on"])
    return parts


def page_metadata(project: Path, checked: Checked, renderer: Renderer) -> dict:
    """What the theme templates need on every page: dates, source, notice, names, a few UI strings;
    and the same for each older edition, whose pages name their own edition (``older[<date>]``).
    What differs from page to page (its titles, its pinned address) is in each page's meta."""
    history = checked.timeline
    return _edition_metadata(project, checked.briefing, renderer.lang) | {
        "ui": {key: renderer.strings[key] for key in THEME_STRINGS},
        "languages": LANGUAGES,
        "cite_labels": {code: renderer.strings[f"cite_in_{code}"] for code in LANGUAGES},
        "editions": [edition.date for edition, _ in history.frozen],
        # The editor's guide, for the footer: editors find it there, out of the readers' sidebar.
        "guide_url": next(
            (page_url(page.path) for page in checked.briefing.declaration.pages if page.template == GUIDE_TEMPLATE),
            "",
        ),
        "pinned": f"{EDITIONS}/{history.current_date}/" if history.current_is_frozen else "",
        "older": {
            edition.date: _edition_metadata(project, frozen, renderer.lang) for edition, frozen in history.superseded
        },
    }


def _edition_metadata(project: Path, briefing, lang: str) -> dict:
    edition = briefing.edition
    updated = edition.last_updated or edition.edition_date
    texts = {
        "edition_date_text": long_date(edition.edition_date, lang),
        "last_updated_text": long_date(updated, lang),
        "source_document": edition.source_document(lang),
        "notice": edition.notice(lang) if edition.notice else "",
    }
    breaker = phrase_breaker(briefing)  # (this edition's names kept whole)
    return texts | {
        "edition_date": edition.edition_date.isoformat(),
        "cite": {code: _citation(project, briefing, code, breaker) for code in LANGUAGES},
        "last_updated": updated.isoformat(),
        "issuer": edition.issuer(lang),
        "title": {code: edition.title(code) for code in LANGUAGES},
        # The same texts as runs of (text, kept whole), for the theme's templates to keep their dates
        # and names on one line (overrides/partials/kept.html).
        "runs": {name: breaker.runs(text) for name, text in texts.items()},
    }


def page_meta(url: str, titles: dict[str, dict[str, str]], pinned: frozenset[str], pinned_prefix: str) -> dict:
    """What the theme shows on one page that differs from page to page: its title in each language
    (for the citation in each language) and its edition-pinned address, if the current edition keeps it."""
    meta: dict[str, Any] = {}
    if url in titles:
        meta["titles"] = titles[url]
    if url in pinned:
        meta["pinned"] = f"{pinned_prefix}{url}"
    return meta


def root_files(
    project: Path, checked: Checked, site_url: str | None, cache: BuildCache | None = None
) -> list[tuple[str, bytes]]:
    """The files at the root of the site, beside the languages: the language chooser and a sitemap
    index (Material fetches sitemap.xml beside every alternate link, the chooser's too)."""
    briefing = checked.briefing
    code = (cache or BuildCache(None)).template_code()
    renderers = {lang: Renderer(project, lang, briefing, code=code) for lang in LANGUAGES}
    env = renderers[LANGUAGES[0]]
    values = {
        "ui_by_lang": {lang: renderer.ui for lang, renderer in renderers.items()},
        "languages": LANGUAGES,
        "base": f"{site_url.rstrip('/')}/" if site_url else "",
        "updated": (briefing.edition.last_updated or briefing.edition.edition_date).isoformat(),
    }
    return [
        ("index.html", env.render("language-chooser.html.j2", "index.md", **values).encode("utf-8")),
        ("sitemap.xml", env.render("sitemap-index.xml.j2", "index.md", **values).encode("utf-8")),
    ]


def written_titles(project: Path, plan: SitePlan) -> dict[str, dict[str, str]]:
    """The hand-written pages' titles in each language, by address."""
    titles: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for path in plan.written:
            file = project / "docs" / lang / path
            if file.is_file() and (title := title_of(file.read_text(encoding="utf-8"))):
                titles.setdefault(page_url(path), {})[lang] = title
    return titles


def all_titles(project: Path, checked: Checked, contents: dict[str, LanguageContent]) -> dict[str, dict[str, str]]:
    """Page address → its title in each language (the citation names the page in each language)."""
    titles = written_titles(project, checked.plan)
    for lang, content in contents.items():
        for url, title in content.titles.items():
            titles.setdefault(url, {})[lang] = title
    return {url: found for url, found in titles.items() if len(found) == len(LANGUAGES)}


def render_site(
    project: Path, checked: Checked, extras: Extras, cache: BuildCache | None = None
) -> tuple[dict[str, LanguageContent], dict[str, dict]]:
    """Both languages' generated pages and files, and each page's own theme values (page_meta), by address."""
    contents = {lang: render_language(project, checked, lang, extras, cache) for lang in LANGUAGES}
    titles = all_titles(project, checked, contents)
    pinned_prefix = f"{EDITIONS}/{checked.timeline.current_date}/"
    urls = {page.url for content in contents.values() for page in content.pages} | set(titles)
    meta = {url: page_meta(url, titles, checked.plan.pinned, pinned_prefix) for url in urls}
    return contents, meta


def with_front_matter(markdown: str, meta: dict[str, Any]) -> str:
    """A page as a Markdown file for MkDocs (or another engine) to read: its values as YAML front matter."""
    import yaml

    if not meta:
        return markdown
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, default_flow_style=False)
    return f"---\n{front}---\n\n{markdown}"
