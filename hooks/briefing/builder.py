"""Building the site: both languages with MkDocs, in this process, into a staging folder that replaces
the output in one step (swap.py). The command line and the live preview build this way."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from . import pdf
from .messages import say
from .offline import ARCHIVE, fresh_archive, inputs_digest, is_archive_comment, write_archive, write_search_script
from .outputs import check_archive, check_output, mark, note_written
from .site import CONFIGS, root_files
from .swap import clean_leftovers, locked, replace, staging_folder
from .validation import validate


def build_site(
    project: Path,
    out: Path,
    site_url: str | None = None,
    offline: bool = False,
    make_pdf: bool = False,
    shown: str | None = None,
    record=None,
):
    """Both languages and the root files into ``out``, replaced in one step; raises ``OutputRefused`` if
    ``out`` is not a folder the generator may replace (``shown``: its name as the person gave it), and
    ``DataError``, ``MkDocsException`` or ``OSError`` if anything fails, leaving ``out`` as it was.
    ``offline``: the copy that works opened from file:// (offline.py), and its zip beside it
    (``archive_of``), written under the same lock and replaced in one step too.
    ``make_pdf``: each language's PDF too (pdf.py), if this machine can make it; if not, says why.
    ``record``: called with the published addresses once ``out`` is in place, still under the lock."""
    check_output(project, out, shown or str(out))
    archive = archive_of(out) if offline else None
    if archive is not None:
        check_archive(archive, f"{shown or out}.zip", is_archive_comment)
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out):
        clean_leftovers(out)
        briefing, current = validate(project)
        digest = inputs_digest(project) if offline else ""  # what the copy is made from, before it is made
        _log_mkdocs_warnings()
        staging = staging_folder(out)
        zipped = None
        try:
            fonts = pdf.available(make_pdf)
            settings = pdf_settings(project, site_url, fonts) if fonts else None
            with pdf.wanted(settings):
                for lang, config in CONFIGS.items():
                    print(say("building", lang=lang))
                    _mkdocs_build(project / config, staging / lang, language_url(site_url, lang), offline)
                    if offline:
                        write_search_script(staging / lang)
            for name, content in root_files(project, site_url, offline):
                (staging / name).write_text(content, encoding="utf-8")
            if not offline and (fresh := fresh_archive(project)):  # linked from the downloads pages
                shutil.copyfile(fresh, staging / ARCHIVE)
            elif not offline and (project / ARCHIVE).is_file():
                print(say("offline_zip_stale", archive=ARCHIVE))
            mark(staging, "offline" if offline else "build")
            if archive is not None:
                zipped = write_archive(staging, archive, digest)  # before anything is replaced: a full disk stops here
            replace(out, staging)
            note_written(out)
            if zipped is not None:
                os.replace(zipped, archive)
                note_written(archive)
            if record is not None:
                record(current)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if zipped is not None:
                zipped.unlink(missing_ok=True)
    return briefing, current


def archive_of(out: Path) -> Path:
    """The offline copy's zip: beside its folder, named after it (site-offline.zip)."""
    return out.parent / f"{out.name}.zip"


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
