"""From data/ to the pages of one language: the pipeline that the MkDocs hook, ``briefing build``
and ``briefing export`` share.

    load (loader) → check (checks, addresses) → render (pages, downloads) → MkDocs

Checks run on the models, before any page is rendered: ``make check`` renders nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError

from .addresses import (
    EDITIONS,
    edition_paths,
    item_addresses,
    moved_pages,
    moved_rows,
    removed_rows,
)
from .changes import stale_translations
from .content import Briefing
from .downloads import download_files
from .formats import long_date
from .guide import collection_names, reference
from .messages import say
from .offline import ARCHIVE, fresh_archive, shim_files
from .pages import Page, edition_sources, navigation, page_sources, reading_order, render_pages, title_of
from .pdf import PdfSettings, make_pdf
from .problems import DataError
from .render import Renderer, load_strings, phrase_breaker, template_folders, template_problem
from .urls import page_url, relative_url
from .validation import LANGUAGES, validate

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
    "breadcrumb",
    "breadcrumb_home",
    "editor_guide",
)
GUIDE_TEMPLATE = "editor-guide.md.j2"
THEME_PAGE_STRINGS = ("not_found", "not_found_text")
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
class LanguageSite:
    """What MkDocs needs to build one language: pages, other files, navigation, theme values."""

    pages: list[Page]
    files: list[tuple[str, bytes | str]]  # data downloads and forwarding pages for moved addresses
    nav: list
    metadata: dict


def build_language(
    project: Path,
    lang: str,
    offline: bool = False,
    pdf: dict[str, PdfSettings] | None = None,
    site_url: str | None = None,
) -> LanguageSite:
    """Every generated page and file of one language (``offline``: for the copy opened from file://),
    and its PDF if ``pdf`` says how to make each language's; raises ``DataError`` if the data or a
    template has problems (a template's with its file and line). ``site_url`` is where the language is
    published, as MkDocs has it (https://…/ja/): files that must give absolute addresses use it.

    Both languages are rendered (once for a build: MkDocs asks for one, then the other), because each
    page's citation names the page in both languages, by the titles of both."""
    briefing, _ = validate(project)
    # (a PDF prints the site's address: it is made again if that changes)
    pdf_urls = pdf and tuple(settings.site_url for settings in pdf.values())
    urls = language_urls(site_url, lang)
    key = (str(project), id(briefing), offline, pdf_urls, tuple(urls.items()), _templates_stamp(project))
    if _rendered.get("key") != key:
        try:
            sites = {
                code: _render_language(project, code, briefing, offline, pdf and pdf[code], urls[code])
                for code in LANGUAGES
            }
        except TemplateError as err:
            raise DataError([template_problem(err, project)]) from None
        titles = _titles(project, sites)
        for site in sites.values():
            site.metadata["titles"] = titles
        _rendered.clear()
        _rendered.update(key=key, sites=sites)
    return _rendered["sites"][lang]


_rendered: dict = {}  # the last build's languages, and what they were rendered from


def language_urls(site_url: str | None, lang: str) -> dict[str, str | None]:
    """Where each language is published, from the address MkDocs has for ``lang``: `briefing build
    --site-url` gives …/<lang>/, beside which the other languages are. Any other address (`mkdocs serve`
    serves one language at http://127.0.0.1:8000/) says nothing about the other languages."""
    tail = f"/{lang}/"
    if site_url and site_url.endswith(tail):
        root = site_url.removesuffix(tail[1:])
        return {code: f"{root}{code}/" for code in LANGUAGES}
    return {code: site_url if code == lang else None for code in LANGUAGES}


def _templates_stamp(project: Path) -> tuple:
    """What the templates are now (names, sizes, times): a rendering is reused only while they are."""
    return tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for folder in template_folders(project)
        for path in sorted(folder.rglob("*"))
        if (stat := path.stat()) and path.is_file()
    )


def _titles(project: Path, sites: dict[str, LanguageSite]) -> dict[str, dict[str, str]]:
    """Page address → its title in each language: the generated pages' and the hand-written ones'."""
    titles: dict[str, dict[str, str]] = {}
    for lang, site in sites.items():
        written = [(page.url, page.markdown) for page in site.pages]
        docs = project / "docs" / lang
        written += [
            (page_url(path.relative_to(docs).as_posix()), path.read_text(encoding="utf-8"))
            for path in docs.rglob("*.md")
        ]
        for url, markdown in written:
            if title := title_of(markdown):
                titles.setdefault(url, {})[lang] = title
    return {url: found for url, found in titles.items() if len(found) == len(sites)}


def _render_language(
    project: Path, lang: str, briefing: Briefing, offline: bool, pdf: PdfSettings | None, site_url: str | None
) -> LanguageSite:
    history = briefing.timeline
    latest = history.latest
    stale = {(change.collection, change.item_id) for change in _stale_changes(briefing)}
    renderer = Renderer(project, lang, briefing)
    files = download_files(renderer)
    sources = page_sources(briefing)
    removed = removed_rows(briefing)
    for source in sources:
        if page_url(source.path) in removed:
            source.context["removed_rows"] = removed[page_url(source.path)]
    renderer.env.globals.update(
        reading=reading_order(briefing, sources),
        downloads=files,
        moved=moved_rows(briefing),
        guide=reference(briefing.declaration),
        guide_names=collection_names(briefing.declaration),
        history=history,
        changes_of=lambda collection, item_id: latest.of(collection, item_id) if latest else None,
        lagging=lambda collection, item_id: (collection, item_id) in stale,
        item_address=_item_address(history),
        # The offline copy, linked while it matches what this build is made from (not from the copy itself).
        offline_copy=None if offline or (archive := fresh_archive(project)) is None else archive.stat().st_size,
        offline_archive=ARCHIVE,
    )
    made = []
    # Before the pages: the downloads page gives its size.
    if pdf is not None and (pdf_file := make_pdf(renderer, renderer.env.globals["reading"], pdf)):
        renderer.env.globals["pdf_file"] = pdf_file
        made.append((pdf_file.path, pdf_file.content))
        print(pdf_file.summary(lang))
    pages = render_pages(renderer, sources)
    forwarding = [_forwarding(renderer, old, new) for old, new in moved_pages(briefing)]
    current_paths = {source.path for source in sources}
    for edition, frozen in history.superseded:  # older editions, in full, at editions/<date>/
        prefix = f"{EDITIONS}/{edition.date}/"
        older = Renderer(project, lang, frozen, prefix)
        edition_pages = edition_sources(frozen, prefix)
        for source in edition_pages:
            path = source.path.removeprefix(prefix)
            current = page_url(path if path in current_paths else "index.md")
            source.context["edition_banner"] = {"date": frozen.edition.edition_date, "current": current}
        older.env.globals.update(reading=reading_order(frozen, edition_pages, prefix), history=history)
        pages += render_pages(older, edition_pages)
    if history.current_is_frozen:  # its pinned addresses lead to the current pages, until it is superseded
        prefix = f"{EDITIONS}/{history.current_date}/"
        forwarding += [
            _forwarding(renderer, page_url(prefix + path), page_url(path), history.current_date)
            for path in edition_paths(briefing)
        ]
    feed = renderer.render("feed.xml.j2", "index.md", base=site_url or "")  # absolute with a site URL
    return LanguageSite(
        pages,
        [
            *forwarding,
            (FEED, feed),
            *((file.path, file.content) for file in files),
            *made,
            *(shim_files() if offline else []),
        ],
        navigation(briefing, renderer),
        page_metadata(project, briefing, renderer),
    )


def _forwarding(renderer: Renderer, old: str, new: str, pinned: str = "") -> tuple[str, str]:
    """The page left at address ``old`` that leads on to ``new`` (``pinned``: the current edition's date,
    for its pinned addresses)."""
    target, script = relative_url(new, old), relative_url(REDIRECT_SCRIPT, old)
    page = renderer.render("redirect.html.j2", f"{old}index.md", target=target, script=script, pinned=pinned)
    return f"{old}index.html", page


def _item_address(history):
    """(edition date, collection, item id) → the item's address in that edition, or None."""
    found = {
        edition.date: (f"{EDITIONS}/{edition.date}/", item_addresses(frozen)) for edition, frozen in history.superseded
    }
    found[history.current_date] = ("", item_addresses(history.current))

    def address(date: str, collection: str, item_id: str) -> str | None:
        prefix, addresses = found[date]
        where = addresses.get((collection, item_id))
        return None if where is None else prefix + where

    return address


def _stale_changes(briefing: Briefing) -> list:
    """The changed items with a text whose English may lag its Japanese."""
    latest = briefing.timeline.latest
    if latest is None:
        return []
    found = {id(item) for item, _, _ in stale_translations(latest, briefing)}
    return [change for changes in latest.changed.values() for change in changes if id(change.new) in found]


def _citation(project: Path, briefing: Briefing, lang: str) -> dict:
    strings = load_strings(template_folders(project), lang)
    parts: dict = {part: strings[f"cite_{part}"] for part in CITATION_PARTS}
    parts["based_on"] = strings["cite_based_on"].format(date=long_date(briefing.edition.edition_date, lang))
    parts["based_on_runs"] = phrase_breaker(briefing).runs(parts["based_on"])
    return parts


def page_metadata(project: Path, briefing: Briefing, renderer: Renderer) -> dict:
    """What the theme templates need on every page: dates, source, notice, names, a few UI strings;
    and the same for each older edition, whose pages name their own edition (``older[<date>]``)."""
    history = briefing.timeline
    return _edition_metadata(project, briefing, renderer.lang) | {
        "ui": {key: renderer.strings[key] for key in (*THEME_STRINGS, *THEME_PAGE_STRINGS)},
        "languages": LANGUAGES,
        "cite_labels": {code: renderer.strings[f"cite_in_{code}"] for code in LANGUAGES},
        "editions": [edition.date for edition, _ in history.frozen],
        # The editor's guide, for the footer: editors find it there, out of the readers' sidebar.
        "guide_url": next(
            (page_url(page.path) for page in briefing.declaration.pages if page.template == GUIDE_TEMPLATE), ""
        ),
        "pinned": f"{EDITIONS}/{history.current_date}/" if history.current_is_frozen else "",
        # The pages an edition keeps (the hand-written ones, such as about/, are not part of it).
        "pinned_urls": sorted(page_url(path) for path in edition_paths(briefing)) if history.current_is_frozen else [],
        "older": {
            edition.date: _edition_metadata(project, frozen, renderer.lang) for edition, frozen in history.superseded
        },
    }


def _edition_metadata(project: Path, briefing: Briefing, lang: str) -> dict:
    edition = briefing.edition
    updated = edition.last_updated or edition.edition_date
    texts = {
        "edition_date_text": long_date(edition.edition_date, lang),
        "last_updated_text": long_date(updated, lang),
        "source_document": edition.source_document(lang),
        "notice": edition.notice(lang) if edition.notice else "",
    }
    breaker = phrase_breaker(briefing)
    return texts | {
        "edition_date": edition.edition_date.isoformat(),
        "cite": {code: _citation(project, briefing, code) for code in LANGUAGES},
        "last_updated": updated.isoformat(),
        "issuer": edition.issuer(lang),
        "title": {code: edition.title(code) for code in LANGUAGES},
        # The same texts as runs of (text, kept whole), for the theme's templates to keep their dates
        # and names on one line (overrides/partials/kept.html).
        "runs": {name: breaker.runs(text) for name, text in texts.items()},
    }


def root_files(project: Path, site_url: str | None, offline: bool = False) -> list[tuple[str, str]]:
    """The files at the root of the site, beside the languages: the language chooser and a
    sitemap index (Material fetches sitemap.xml beside every alternate link, the chooser's too).

    Without a site URL, a sitemap cannot give the absolute addresses it must (MkDocs leaves the
    languages' sitemaps empty, and so is the index): this prints what the build leaves out."""
    if not site_url and not offline:  # (a copy opened from a folder has no address)
        print(say("without_site_url"))  # what a build without a site URL leaves out, said once per build
    briefing, _ = validate(project)
    renderers = {lang: Renderer(project, lang, briefing) for lang in LANGUAGES}
    env = renderers[LANGUAGES[0]]
    values = {
        "ui_by_lang": {lang: renderer.ui for lang, renderer in renderers.items()},
        "languages": LANGUAGES,
        "base": f"{site_url.rstrip('/')}/" if site_url else "",
        "updated": (briefing.edition.last_updated or briefing.edition.edition_date).isoformat(),
    }
    return [
        ("index.html", env.render("language-chooser.html.j2", "index.md", **values)),
        ("sitemap.xml", env.render("sitemap-index.xml.j2", "index.md", **values)),
    ]
