"""MkDocs hook: a thin adapter between MkDocs and the ``briefing`` package.

on_config loads and checks data/ and renders the language's pages (every build, so
``mkdocs serve`` sees edits) and sets the navigation; on_files adds the generated pages.
Nothing is cached at import time: MkDocs imports this module once per ``serve`` process.
"""

from __future__ import annotations

from pathlib import Path

from briefing import pdf
from briefing.offline import SHIM
from briefing.problems import DataError
from briefing.site import LanguageSite, build_language
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

_built: list[LanguageSite] = []


def on_config(config):
    root = Path(config.config_file_path).parent
    offline = bool(config.extra.get("briefing_offline"))  # set by `briefing offline`
    try:
        # Only `briefing build` and `publish` ask for the PDFs (pdf.wanted).
        site = build_language(root, config.theme["language"], offline, pdf.wanted_settings(), config.site_url)
    except DataError as err:
        raise PluginError(str(err)) from None
    _built[:] = [site]
    if offline:  # Material's template adds these scripts first on every page
        config.extra["polyfills"] = [SHIM]
    config.nav = site.nav
    config.extra["briefing"] = site.metadata
    return config


@event_priority(50)  # before other plugins, so that they see the generated pages
def on_files(files: Files, config) -> Files:
    site = _built[0]
    for page in site.pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
    for path, content in site.files:  # data downloads, pages at moved addresses
        files.append(File.generated(config, path, content=content))
    return files
