"""Building the site: both languages with MkDocs, in this process, into a staging folder that replaces
the output in one step (swap.py). The command line and the live preview build this way."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from . import pdf
from .offline import ARCHIVE, fresh_archive, write_search_script
from .site import CONFIGS, root_files
from .swap import clean_leftovers, locked, replace, staging_folder
from .validation import validate


def build_site(project: Path, out: Path, site_url: str | None = None, offline: bool = False, make_pdf: bool = False):
    """Both languages and the root files into ``out``, replaced in one step; raises ``DataError``,
    ``MkDocsException`` or ``OSError`` and leaves ``out`` as it was if anything fails.
    ``offline``: the copy that works opened from file:// (offline.py).
    ``make_pdf``: each language's PDF too (pdf.py), if this machine can make it; if not, says why."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out):
        clean_leftovers(out)
        briefing, current = validate(project)
        _log_mkdocs_warnings()
        staging = staging_folder(out)
        try:
            fonts = pdf.available(make_pdf)
            settings = pdf_settings(project, site_url, fonts) if fonts else None
            with pdf.wanted(settings):
                for lang, config in CONFIGS.items():
                    print(f"Building {lang}…")
                    _mkdocs_build(project / config, staging / lang, language_url(site_url, lang), offline)
                    if offline:
                        write_search_script(staging / lang)
            for name, content in root_files(project, site_url, offline):
                (staging / name).write_text(content, encoding="utf-8")
            if not offline and (archive := fresh_archive(project)):  # linked from the downloads pages
                shutil.copyfile(archive, staging / ARCHIVE)
            elif not offline and (project / ARCHIVE).is_file():
                print(f"{ARCHIVE} was made from other data or code than this build: not included (make offline).")
            replace(out, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return briefing, current


def language_url(site_url: str | None, lang: str) -> str | None:
    """Where a language's pages are published: each language is a site of its own, in its folder."""
    return site_url and f"{site_url.rstrip('/')}/{lang}/"


def pdf_settings(project: Path, site_url: str | None, fonts: pdf.Fonts) -> dict[str, pdf.PdfSettings]:
    """Each language's PDF settings, from its MkDocs configuration as its build will load it."""
    from mkdocs.config import load_config

    return {
        lang: pdf.PdfSettings.of(
            load_config(config_file=str(project / config), site_url=language_url(site_url, lang)), fonts
        )
        for lang, config in CONFIGS.items()
    }


def _mkdocs_build(config_file: Path, site_dir: Path, site_url: str | None, offline: bool = False) -> None:
    """One strict MkDocs build, in this process, as ``mkdocs build --strict`` would run it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    config.extra["briefing_offline"] = offline  # read by the hook (hooks/briefing_pages.py)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _log_mkdocs_warnings() -> None:
    """Show MkDocs' warnings and errors the way ``mkdocs build`` does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_briefing", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._briefing = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
