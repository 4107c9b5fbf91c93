"""MkDocs hook: plain ``mkdocs build`` and ``mkdocs serve`` with the generated pages.

``make site`` and ``make serve`` build without it (briefing/build/ drives MkDocs itself and reuses what
has not changed); this hook lets MkDocs alone build the same pages, every page every time. on_config
checks data/ and renders the pages of both languages (each page's citation names it in both) and
sets the navigation; on_files adds the generated pages and files; on_page_markdown gives each page its
own theme values; on_serve watches the project's inputs (project/files.py lists them).

MkDocs imports this module once per ``serve`` and builds many times: what on_config works out is kept
for the later events of the same build only (``_Build``), and dropped when the build ends.
"""

from __future__ import annotations

from pathlib import Path

from briefing.build.language import Extras, LanguageContent
from briefing.build.site_content import render_site, with_front_matter
from briefing.check.validate import validate
from briefing.plan.urls import site_root
from briefing.problems import DataError
from briefing.project.files import INPUTS
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel


class _Build:
    """This build's language: its generated content and each page's own theme values, by address."""

    def __init__(self, content: LanguageContent, meta: dict[str, dict]):
        self.content, self.meta = content, meta


_build: _Build | None = None  # from on_config to the end of the same build


def on_config(config):
    global _build
    _build = None  # nothing of an earlier build is used again, even if this one fails
    root = Path(config.config_file_path).parent
    try:
        extras = Extras(site_url=site_root(config.site_url, config.theme["language"]))
        contents, meta = render_site(root, validate(root), extras)
    except DataError as err:
        raise PluginError(str(err)) from None
    content = contents[config.theme["language"]]
    _build = _Build(content, meta)
    config.nav = content.nav
    config.extra["briefing"] = content.metadata  # the theme's values (overrides/ read them)
    return config


@event_priority(50)  # before other plugins, so that they see the generated pages
def on_files(files: Files, config) -> Files:
    content = _build.content
    for page in content.pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, page.path, content=with_front_matter(page.markdown, page.meta), inclusion=inclusion)
        )
    for path, data in content.files:  # data downloads, the feed, pages at moved addresses
        files.append(File.generated(config, path, content=data))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    page.meta["briefing"] = _build.meta.get(page.url, {})
    return markdown


def on_post_build(config) -> None:
    global _build
    _build = None


def on_build_error(error) -> None:
    global _build
    _build = None


def on_serve(server, config, builder):
    """``mkdocs serve`` rebuilds after a change to any of the project's inputs (MkDocs itself watches only
    the docs folder, the configuration and the theme)."""
    root = Path(config.config_file_path).parent
    for name in INPUTS:
        if (root / name).exists():
            server.watch(str(root / name))
    return server
