"""From data/ to the pages of one language: the pipeline that the MkDocs hook, ``briefing build``
and ``briefing export`` share.

    load (loader) → check (checks, addresses) → render (pages, downloads) → MkDocs

Checks run on the models, before any page is rendered: ``make check`` renders nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateNotFound

from .addresses import check_addresses, current_addresses, moved_pages, moved_rows
from .checks import check
from .content import Briefing
from .declaration import DECLARATION, declaration_problems
from .downloads import download_files
from .formats import long_date
from .guide import reference
from .loader import load_briefing
from .pages import Page, navigation, page_sources, reading_order, render_pages
from .problems import DataError, Problem
from .render import Renderer, load_strings, template_folders
from .urls import relative_url

LANGUAGES = ("ja", "en")
# What the pages at moved addresses run to go on to the new address (overrides/assets/briefing/).
REDIRECT_SCRIPT = "assets/briefing/redirect.js"
CONFIGS = {"ja": "mkdocs.yml", "en": "mkdocs.en.yml"}
# Interface strings the theme overrides (overrides/) use: config.extra.briefing.ui.<key>.
THEME_STRINGS = ("cite_heading", "copy_button", "copied", "licence_footer", "edition", "last_updated", "source")
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


def _template_exists(project: Path):
    loader = ChoiceLoader([FileSystemLoader(folder) for folder in template_folders(project)])
    env = Environment(loader=loader)

    def exists(name: str) -> bool:
        try:
            loader.get_source(env, name)
        except TemplateNotFound:
            return False
        return True

    return exists


def validate(project: Path) -> tuple[Briefing, set[str]]:
    """Load and check the data, the declaration and the addresses it publishes; raise ``DataError``
    with every problem. The addresses are the same in both languages (tests hold that)."""
    briefing = load_briefing(project / "data")
    if briefing.checked is None:
        declared = briefing.sources[f"data/{DECLARATION}"]
        problems: list[Problem] = [
            declared.problem(path, message)
            for path, message in declaration_problems(briefing.declaration, _template_exists(project))
        ]
        problems += check(briefing) + _missing_pages(briefing, project)
        current = current_addresses(briefing, project / "docs" / LANGUAGES[0])
        briefing.warnings = [problem for problem in problems if problem.warning]
        problems = [problem for problem in problems if not problem.warning]
        if not problems:  # addresses worked out from broken data would only repeat its problems
            problems += check_addresses(project / "data", briefing, current)
        briefing.checked = (problems, current)
    problems, current = briefing.checked
    if problems:
        raise DataError(problems)
    return briefing, current


def _missing_pages(briefing: Briefing, project: Path) -> list[Problem]:
    """Hand-written pages the declaration lists must exist in every language."""
    declared = briefing.sources[f"data/{DECLARATION}"]
    problems = []
    for index, page in enumerate(briefing.declaration.pages):
        if page.template is None:
            for lang in LANGUAGES:
                if not (project / "docs" / lang / page.path).is_file():
                    problems.append(
                        declared.problem(
                            ("pages", index, "path"),
                            f"docs/{lang}/{page.path} does not exist: write the page, or remove it from the list",
                        )
                    )
    return problems


def build_language(project: Path, lang: str) -> LanguageSite:
    """Every generated page and file of one language; raises ``DataError`` if the data has problems."""
    briefing, _ = validate(project)
    renderer = Renderer(project, lang, briefing)
    files = download_files(renderer)
    sources = page_sources(briefing)
    renderer.env.globals.update(
        reading=reading_order(briefing, sources),
        downloads=files,
        moved=moved_rows(briefing),
        guide=reference(briefing.declaration),
    )
    pages = render_pages(renderer, sources)
    forwarding = [
        (
            f"{old}index.html",
            renderer.render(
                "redirect.html.j2",
                f"{old}index.md",
                target=relative_url(new, old),
                script=relative_url(REDIRECT_SCRIPT, old),
            ),
        )
        for old, new in moved_pages(briefing)
    ]
    return LanguageSite(
        pages,
        forwarding + [(file.path, file.content) for file in files],
        navigation(briefing, renderer),
        page_metadata(project, briefing, renderer),
    )


def _citation(project: Path, lang: str, edition) -> dict[str, str]:
    strings = load_strings(template_folders(project), lang)
    parts = {part: strings[f"cite_{part}"] for part in CITATION_PARTS}
    parts["based_on"] = strings["cite_based_on"].format(date=long_date(edition.edition_date, lang))
    return parts


def page_metadata(project: Path, briefing: Briefing, renderer: Renderer) -> dict:
    """What the theme templates need on every page: dates, source, notice, names, a few UI strings."""
    edition, lang = briefing.edition, renderer.lang
    updated = edition.last_updated or edition.edition_date
    return {
        "edition_date": edition.edition_date.isoformat(),
        "edition_date_text": long_date(edition.edition_date, lang),
        "edition_date_by_lang": {code: long_date(edition.edition_date, code) for code in LANGUAGES},
        "ui": {key: renderer.strings[key] for key in (*THEME_STRINGS, *THEME_PAGE_STRINGS)},
        "languages": LANGUAGES,
        "cite": {
            code: _citation(project, code, edition) | {"label": renderer.strings[f"cite_in_{code}"]}
            for code in LANGUAGES
        },
        "last_updated": updated.isoformat(),
        "last_updated_text": long_date(updated, lang),
        "source_document": edition.source_document(lang),
        "issuer": edition.issuer(lang),
        "title": {code: edition.title(code) for code in LANGUAGES},
        "notice": edition.notice(lang) if edition.notice else "",
    }


# What a build without a site URL leaves out, said once per build (by root_files, which runs once).
WITHOUT_SITE_URL = (
    "No site URL (--site-url, SITE_URL): the sitemaps list no addresses, the hreflang links are relative, "
    "and the 404 pages expect the site at the server's root (/ja/, /en/)."
)


def root_files(project: Path, site_url: str | None) -> list[tuple[str, str]]:
    """The files at the root of the site, beside the languages: the language chooser and a
    sitemap index (Material fetches sitemap.xml beside every alternate link, the chooser's too).

    Without a site URL, a sitemap cannot give the absolute addresses it must (MkDocs leaves the
    languages' sitemaps empty, and so is the index): this prints what the build leaves out."""
    if not site_url:
        print(WITHOUT_SITE_URL)
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
