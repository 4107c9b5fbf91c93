"""Building the site: both languages, their PDFs and the root files, into a staging folder that
replaces the output in one step (swap.py), redoing only what changed since the last build there.

    inputs unchanged? → check (validation) → PDFs ∥ → each language's pages → MkDocs per language ∥ → swap

Every output is kept in the build cache (buildcache.py) by the digest of what it was made from and
reused while that digest is the same; a build whose inputs are all the same as the last one's says
so and stops. The PDFs and the two languages' MkDocs builds run side by side (parallel.py).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..check.validate import LANGUAGES, Checked, validate
from ..messages import Message, say
from ..problems import Problem
from ..project.digests import digest, files_digest, generator_digest, project_digest, versions_digest
from ..project.files import CONFIGS
from ..project.outputs import check_archive, check_output, mark, note_written
from ..project.swap import clean_leftovers, locked, replace, staging_folder
from ..publish import pdf, typeset
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
from .parallel import run_all


@dataclass(frozen=True)
class BuildOptions:
    site_url: str | None = None  # where the site is published (https://…/), if known
    offline: bool = False  # the copy that works opened from file:// (offline.py)
    make_pdf: bool = False  # each language's PDF of the whole briefing
    parallel: bool = True  # the languages and PDFs in child processes, on both cores

    def language_url(self, lang: str) -> str | None:
        """Where a language's pages are published: each language is a site of its own, in its folder."""
        return self.site_url and f"{self.site_url.rstrip('/')}/{lang}/"


@dataclass
class BuildResult:
    """What a build did and found."""

    warnings: list[str]
    addresses: set[str] | None  # the addresses published (None when nothing was rebuilt)
    up_to_date: bool = False
    # What was done again, stage by stage: pages (both languages) rendered from their templates,
    # converted to HTML, rendered in the theme; the PDFs made. The rest was taken from the cache.
    counts: dict[str, int] = field(default_factory=dict)


class Progress:
    """One line per stage, with counts and the time it took: what a build is doing, never a flood."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.started = self.last = time.perf_counter()

    def say(self, key: str, **values) -> None:
        """A stage done: its message (templates/messages/<lang>.yml) and the time it took."""
        now = time.perf_counter()
        print(say("stage_done", stage=Message(key, **values), seconds=f"{now - self.last:.1f}"), file=self.stream)
        self.stream.flush()
        self.last = now


def build_site(
    project: Path,
    out: Path,
    options: BuildOptions,
    progress: Progress | None = None,
    shown: str | None = None,
    record: Callable[[set[str]], None] | None = None,
) -> BuildResult:
    """Build into ``out``, replacing it in one step. Raises ``OutputRefused`` if ``out`` is not a folder the
    generator may replace (``shown``: its name as the person gave it), and ``DataError``,
    ``MkDocsException`` or ``OSError`` if anything fails, leaving ``out`` as it was. With
    ``options.offline``, the copy's zip is written beside it (``archive_of``), under the same lock and
    replaced in one step too. ``record``: called with the published addresses once ``out`` is in place,
    still under the lock (``make publish``)."""
    progress = progress or Progress()
    check_output(project, out, shown or str(out))
    archive = archive_of(out) if options.offline else None
    if archive is not None:
        check_archive(archive, f"{shown or out}.zip", is_archive_comment)
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out):
        clean_leftovers(out)
        cache = BuildCache(out)
        fingerprint = _fingerprint(project, options)
        stamp = _output_stamp(out, archive)
        if cache.value("fingerprint") == fingerprint and cache.value("output") == stamp and record is None:
            return BuildResult(cache.value("warnings") or [], None, up_to_date=True)
        checked = validate(project)
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
            note_written(out)
            if zipped is not None:
                os.replace(zipped, archive)
                note_written(archive)
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
    from .mkdocs_session import LanguageSession
    from .site_content import render_site, root_files
    from .theme import prepare_theme

    counts: dict[str, int] = {}
    pdfs = _pdfs(project, checked, options, cache, progress, counts)
    archive = None if options.offline else fresh_archive(project)
    extras = Extras(
        pdf=pdfs,
        offline_copy=archive.stat().st_size if archive else None,
        offline=options.offline,
        site_url=options.site_url,
    )
    contents, meta = render_site(project, checked, extras, cache)
    theme = prepare_theme(project / CONFIGS[LANGUAGES[0]], cache.template_code())
    counts["pages"] = sum(len(content.pages) for content in contents.values())
    counts["rendered"] = sum(content.rendered for content in contents.values())
    progress.say("stage_pages", rendered=counts["rendered"], count=counts["pages"])

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
            report = session.build(contents[lang], meta)
            if options.offline:
                write_search_script(staging / lang)
            report.cache = cache.record_of(f":{lang}")
            return report

        return job

    for report in run_all([language_job(lang) for lang in LANGUAGES], options.parallel):
        cache.absorb(report.cache)
        for name, number in (("converted", report.converted), ("themed", report.rendered)):
            counts[name] = counts.get(name, 0) + number
        progress.say(
            "stage_language",
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


def make_pdfs(project: Path, checked: Checked, options: BuildOptions) -> dict:
    """Each language's PDF, made now (``make export``), if asked and possible."""
    return _pdfs(project, checked, options, BuildCache(None), Progress(), {})


def _pdfs(
    project: Path, checked: Checked, options: BuildOptions, cache: BuildCache, progress: Progress, counts: dict
) -> dict:
    """Each language's PDF: from the cache if what it is made from has not changed, else made (the two
    side by side). Without Typst or a Japanese font, says so in one line and makes none."""
    fonts = pdf.available(options.make_pdf)
    if fonts is None:
        return {}
    from ..render.reads import InputDigests

    everything = InputDigests({None: checked.briefing}, {}, lambda name: "")(("everything", None))
    made_from = repr(sorted(typeset.made_from(fonts).items()))
    keys = {
        lang: digest(
            generator_digest(),
            versions_digest(),
            everything,
            _templates_and_configs(project),
            made_from,
            repr(options.language_url(lang)),
            lang,
        )
        for lang in LANGUAGES
    }
    found, wanted = {}, []
    for lang in LANGUAGES:
        known = cache.get("pdf", lang)
        if known is not None and known["key"] == keys[lang]:
            found[lang] = pdf.PdfFile(known["path"], cache.load(known["object"]), known["pages"], 0.0)
            cache.put("pdf", lang, known)
        else:
            wanted.append(lang)
    made = run_all([_pdf_job(project, checked, lang, options, fonts, cache) for lang in wanted], options.parallel)
    counts["pdf"] = len(wanted)
    for lang, pdf_file in zip(wanted, made, strict=True):
        if pdf_file is None:
            continue
        found[lang] = pdf_file
        entry = {"key": keys[lang], "object": cache.store(pdf_file.content), "path": pdf_file.path}
        cache.put("pdf", lang, entry | {"pages": pdf_file.pages})
    for lang, pdf_file in found.items():
        print(pdf_file.summary(lang) if lang in wanted else say("pdf_kept", file=f"{lang}/{pdf_file.path}"))
    progress.say("stage_pdf", count=len(found))
    return found


def _pdf_job(project: Path, checked: Checked, lang: str, options: BuildOptions, fonts, cache: BuildCache):
    def job():
        from mkdocs.config import load_config

        from .language import current_renderer

        config = load_config(config_file=str(project / CONFIGS[lang]), site_url=options.language_url(lang), hooks=[])
        renderer = current_renderer(project, checked, lang, cache)
        return pdf.make_pdf(renderer, checked.plan.reading[None], pdf.PdfSettings.of(config, fonts))

    return job


def _templates_and_configs(project: Path) -> str:
    """The briefing's templates and its configuration files: what a PDF is made from besides the data."""
    from ..project.files import input_files

    named = ("templates", "mkdocs.yml", "mkdocs.en.yml")
    return files_digest(project, [path for path in input_files(project) if path.relative_to(project).parts[0] in named])


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


def problems_of(checked: Checked) -> list[Problem]:
    return checked.warnings
