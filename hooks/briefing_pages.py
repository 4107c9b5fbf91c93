"""MkDocs hook: plain ``mkdocs build`` and ``mkdocs serve`` with the generated pages.

``make site`` and ``make serve`` build without it (builder.py drives MkDocs itself and reuses what
has not changed); this hook lets MkDocs alone build the same pages, every page every time. on_config
checks data/ and renders the pages of both languages (each page's citation names it in both) and
sets the navigation; on_files adds the generated pages and files; on_page_markdown gives each page its
own theme values. Nothing is kept between builds: MkDocs imports this module once per ``serve``.
"""

from __future__ import annotations

from pathlib import Path

from briefing.build.language import Extras
from briefing.build.site_content import render_site, with_front_matter
from briefing.check.validate import validate
from briefing.plan.urls import site_root
from briefing.problems import DataError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

_built: dict = {}  # this build's language: its content and each page's theme values


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        extras = Extras(site_url=site_root(config.site_url, config.theme["language"]))
        contents, meta = render_site(root, validate(root), extras)
    except DataError as err:
        raise PluginError(str(err)) from None
    content = contents[config.theme["language"]]
    _built.clear()
    _built.update(content=content, meta=meta)
    config.nav = content.nav
    config.extra["briefing"] = content.metadata
    return config


@event_priority(50)  # before other plugins, so that they see the generated pages
def on_files(files: Files, config) -> Files:
    content = _built["content"]
    for page in content.pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, page.path, content=with_front_matter(page.markdown, page.meta), inclusion=inclusion)
        )
    for path, data in content.files:  # data downloads, the feed, pages at moved addresses
        files.append(File.generated(config, path, content=data))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    page.meta["briefing"] = _built["meta"].get(page.url, {})
    return markdown
