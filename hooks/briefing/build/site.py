"""Building the site: both languages, their PDFs and the root files, into a staging folder that
replaces the output in one step (project/swap.py), redoing only what changed since the last build there.

    inputs unchanged? → check (validation) → PDFs ∥ → each language's pages → MkDocs per language ∥ → swap

Every output is kept in the build cache (cache.py) by the digest of what it was made from and
reused while that digest is the same; a build whose inputs are all the same as the last one's says
so and stops. The PDFs (pdfs.py) and the two languages' MkDocs builds (mkdocs_session.py) run side by
side (parallel.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..check.validate import LANGUAGES, Checked, Reuse, validate
from ..messages import say
from ..project.digests import digest, generator_digest, project_digest, versions_digest
from ..project.files import CONFIGS
from ..project.outputs import Written, check_archive, check_output, mark
from ..project.swap import clean_leftovers, locked, replace, staging_folder
from ..publish import pdf
from ..publish.offline import (
    ARCHIVE,
    SHIM,
    fresh_archive,
    inputs_digest,
    is_archive_comment,
    write_archive,
    write_search_script,
)
from .cache import BuildCache
from .options import BuildOptions
from .parallel import long_lived, run_all
from .pdfs import language_pdfs
from .progress import Progress


@dataclass
class BuildResult:
    """What a build did and found."""

    warnings: list[str]
    addresses: set[str] | None  # the addresses published (None when nothing was rebuilt)
    up_to_date: bool = False
    # What was done again, stage by stage: pages (both languages) rendered from their templates,
    # converted to HTML, rendered in the theme; the PDFs made. The rest was taken from the cache.
    counts: dict[str, int] = field(default_factory=dict)


def build_site(
    project: Path,
    out: Path,
    options: BuildOptions,
    progress: Progress | None = None,
    shown: str | None = None,
    record: Callable[[set[str]], None] | None = None,
    written: Written | None = None,
) -> BuildResult:
    """Build into ``out``, replacing it in one step. Raises ``OutputRefused`` if ``out`` is not a folder the
        generator may replace (``shown``: its name as the person gave it), and ``DataError``,
        ``MkDocsException`` or ``OSError`` if anything fails, leaving ``out`` as it was. With
        ``options.offline``, the copy's zip is written beside it (``archive_of``), under the same lock and
        replaced in one step too. ``record``: called with the published addresses once ``out`` is in place,
        still under the lock (``make publish``). ``written``: the run's record of what it has written, noted
    as each output is in place."""
    progress = progress or Progress()
    written = written or Written()
    check_output(project, out, shown or str(out))
    archive = archive_of(out) if options.offline else None
    if archive is not None:
        check_archive(archive, f"{shown or out}.zip", is_archive_comment)
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out), contextlib.closing(BuildCache(out)) as cache, contextlib.ExitStack() as stack:
        clean_leftovers(out)
        fingerprint = _fingerprint(project, options)
        stamp = _output_stamp(out, archive)
        if cache.value("fingerprint") == fingerprint and cache.value("output") == stamp and record is None:
            return BuildResult(cache.value("warnings") or [], None, up_to_date=True)
        checked = validate(project, Reuse(code=cache.template_code()))
        stack.enter_context(long_lived())  # the code and the checked briefing
        briefing = checked.briefing
        progress.say(
            "stage_checked",
            items=sum(len(items) for items in briefing.items.values()),
            pages=len(checked.plan.pages) + len(checked.plan.written),
            count=len(checked.timeline.frozen),
        )
        _log_mkdocs_warnings()
        digest_of_inputs = inputs_digest(project) if archive else ""  # what the copy is made from, before it is
        staging = staging_folder(out)
        zipped = None
        try:
            counts = _build_into(project, staging, checked, options, cache, progress)
            mark(staging, "offline" if options.offline else "build")
            if archive is not None:
                zipped = write_archive(staging, archive, digest_of_inputs)  # a full disk stops here, before any swap
            replace(out, staging)
            written.note(out)
            if zipped is not None:
                os.replace(zipped, archive)
                written.note(archive)
            if record is not None:
                record(checked.addresses)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if zipped is not None:
                zipped.unlink(missing_ok=True)
        warnings = [str(problem) for problem in checked.warnings]
        cache.set_value("fingerprint", fingerprint)
        cache.set_value("output", _output_stamp(out, archive))
        cache.set_value("warnings", warnings)
        cache.commit()
    return BuildResult(warnings, checked.addresses, counts=counts)


def archive_of(out: Path) -> Path:
    """The offline copy's zip: beside its folder, named after it (site-offline.zip)."""
    return out.parent / f"{out.name}.zip"


def _build_into(
    project: Path, staging: Path, checked: Checked, options: BuildOptions, cache: BuildCache, progress: Progress
) -> dict[str, int]:
    """The whole site into ``staging``; returns how much of it was done again (BuildResult.counts)."""
    from .language import Extras
    from .mkdocs_session import LanguageSession, language_config
    from .site_content import render_site, root_files
    from .theme import prepare_theme

    counts: dict[str, int] = {}
    pdfs = language_pdfs(project, checked, options, cache, progress, counts)
    archive = None if options.offline else fresh_archive(project)
    extras = Extras(
        pdf=pdfs,
        offline_copy=archive.stat().st_size if archive else None,
        offline=options.offline,
        site_url=options.site_url,
    )
    contents, meta = render_site(project, checked, extras, cache)
    counts["pages"] = sum(len(content.pages) for content in contents.values())
    counts["rendered"] = sum(content.rendered for content in contents.values())
    progress.say("stage_pages", rendered=counts["rendered"], count=counts["pages"])

    # The theme is the first language's (the other's configuration inherits it), made from the configuration
    # that language's build then takes: read once.
    first = LANGUAGES[0]
    first_config = language_config(project / CONFIGS[first], staging / first, options.language_url(first))
    theme = prepare_theme(first_config, cache.template_code())

    def language_job(lang: str):
        def job():
            session = LanguageSession(
                project,
                project / CONFIGS[lang],
                staging / lang,
                cache,
                options.language_url(lang),
                [SHIM] if options.offline else None,
                theme=theme,
            )
            started = time.perf_counter()
            report = session.build(contents[lang], meta, first_config if lang == first else None)
            if options.offline:
                write_search_script(staging / lang)
            report.seconds = time.perf_counter() - started
            report.cache = cache.record_of(f":{lang}")
            return report

        return job

    for report in run_all([language_job(lang) for lang in LANGUAGES], options.parallel):
        cache.absorb(report.cache)
        for name, number in (("converted", report.converted), ("themed", report.rendered)):
            counts[name] = counts.get(name, 0) + number
        progress.say(
            "stage_language",
            took=report.seconds,
            lang=report.lang,
            count=report.pages,
            converted=report.converted,
            themed=report.rendered,
            files=report.files,
        )
    for name, content in root_files(project, checked, options.site_url, cache):
        (staging / name).write_bytes(content)
    if archive is not None:  # linked from the downloads pages
        shutil.copyfile(archive, staging / ARCHIVE)
    elif not options.offline and (project / ARCHIVE).is_file():
        print(say("offline_zip_stale", archive=ARCHIVE))
    return counts


def _fingerprint(project: Path, options: BuildOptions) -> str:
    """Everything a build is made from: the project's files, the generator, the installed versions, the
    options, the offline copy it may link, and what this machine can make a PDF with."""
    archive = None if options.offline else fresh_archive(project)
    pdf_state = pdf.unavailable() if options.make_pdf else "not asked"
    return digest(
        project_digest(project),
        generator_digest(),
        versions_digest(),
        repr(options.site_url),
        repr(options.offline),
        repr(options.make_pdf),
        repr(archive and archive.stat().st_size),
        repr(pdf_state),
    )


def _output_stamp(out: Path, archive: Path | None = None) -> str | None:
    """The output as it is now (each file's path, size and time; the offline copy's zip too): a build is
    skipped only while the output is as the last build left it."""
    if not out.is_dir() or (archive is not None and not archive.is_file()):
        return None
    parts = [f"zip:{archive.stat().st_size}:{archive.stat().st_mtime_ns}"] if archive is not None else []
    for root, _, names in sorted(os.walk(out)):
        for name in sorted(names):
            stat = os.stat(os.path.join(root, name))
            parts.append(f"{os.path.relpath(os.path.join(root, name), out)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts)


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
