"""The generated content of the whole site: both languages' pages and files, each page's own theme values
(its title in each language, for the citation in each; its pinned address), and the files at the site's
root. The MkDocs hook, ``make export`` and the build take it from here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..check.validate import LANGUAGES, Checked
from ..plan.pages import SitePlan
from ..plan.urls import page_url
from ..render.navigation import title_of
from ..render.renderer import Renderer
from .cache import BuildCache
from .language import Extras, LanguageContent, render_language
from .theme_values import page_meta


def render_site(
    project: Path, checked: Checked, extras: Extras, cache: BuildCache | None = None
) -> tuple[dict[str, LanguageContent], dict[str, dict]]:
    """Both languages' generated pages and files, and each page's own theme values (page_meta), by address."""
    contents = {lang: render_language(project, checked, lang, extras, cache) for lang in LANGUAGES}
    return contents, pages_meta(checked, contents, all_titles(project, checked, contents))


def pages_meta(
    checked: Checked, contents: dict[str, LanguageContent], titles: dict[str, dict[str, str]]
) -> dict[str, dict]:
    """Each page's own theme values (``page_meta``), by address: the generated pages' and the written ones'."""
    urls = {page.url for content in contents.values() for page in content.pages} | set(titles)
    return {url: page_meta(url, titles, checked) for url in urls}


def with_front_matter(markdown: str, meta: dict[str, Any]) -> str:
    """A page as a Markdown file for MkDocs (or another engine) to read: its values as YAML front matter."""
    import yaml

    if not meta:
        return markdown
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, default_flow_style=False)
    return f"---\n{front}---\n\n{markdown}"


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
