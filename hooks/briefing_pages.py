"""MkDocs hook: a thin adapter between MkDocs and the ``briefing`` package.

on_config loads and checks data/ (every build, so ``mkdocs serve`` sees edits) and
sets the navigation; on_files adds the generated pages. Nothing is cached at import
time: MkDocs imports this module once per ``serve`` process.
"""

from __future__ import annotations

from pathlib import Path

from briefing.addresses import apply_redirects, check_addresses, current_addresses
from briefing.loader import load_with_sources
from briefing.problems import DataError
from briefing.render import Renderer
from briefing.site import generate_site, navigation, page_metadata
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

_pages: list = []
_extra_files: list = []


def on_config(config):
    root = Path(config.config_file_path).parent
    lang = config.theme["language"]
    try:
        briefing, sources = load_with_sources(root / "data")
        pages, data_files = generate_site(briefing, lang, root / "templates")
        problems = check_addresses(root / "data", briefing, sources, current_addresses(pages, Path(config.docs_dir)))
        if problems:
            raise DataError(problems)
    except DataError as err:
        raise PluginError(str(err)) from None
    _extra_files[:] = apply_redirects(pages, briefing.redirects, root / "templates", lang) + data_files
    _pages[:] = pages
    renderer = Renderer(root / "templates", lang)
    config.nav = navigation(renderer)
    config.extra["briefing"] = page_metadata(briefing, lang, renderer)
    return config


@event_priority(50)  # before other plugins, so that they see the generated pages
def on_files(files: Files, config) -> Files:
    for page in _pages:
        in_nav = page.path == "index.md" or page.path.endswith("/index.md")
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
    for path, content in _extra_files:  # pages at moved addresses, data downloads
        files.append(File.generated(config, path, content=content))
    return files
