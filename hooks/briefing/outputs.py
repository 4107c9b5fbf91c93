"""Output folders: a command deletes or replaces only a folder it made itself.

``build``, ``publish``, ``offline`` and ``export`` replace their output folder whole. Before anything
is written, the folder they are given must be new, empty, or marked as made by an earlier run: each
run writes ``MARKER`` into the folder it makes. The project's own folder, any folder of its files
(data/, docs/, .git…), any folder above it, the home folder and ``/`` are refused whatever they hold,
as git refuses to delete untracked work and Hugo cleans only its own publish folder.

What a run has written is recorded (``written``), so that a run that stops unexpectedly says truthfully
what it had already changed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .project_files import INPUTS

MARKER = ".briefing-output"
MARKER_TEXT = (
    "This folder was made by the briefing generator (briefing {command}). Its next run deletes it and\n"
    "writes it again: keep no files of your own here. Without this file, the generator leaves the folder alone.\n"
)
# Files and folders the project is made of, besides its inputs (project_files.INPUTS).
PROJECT_FURNITURE = (".git", ".ci", "tests", "schema", "benchmarks", "pyproject.toml", "Makefile", "README.md")
# What a build wrote before outputs were marked: such a folder is still recognised as the generator's.
_UNMARKED_SITE = {"index.html", "sitemap.xml", "ja", "en", "site-offline.zip"}
_UNMARKED_EXPORT = {"docs", "overrides", "site", "mkdocs.yml", "mkdocs.en.yml"}
EXPORT_HEADER = "# Exported by `make export`"

# Every sentence said here, in one place. {out}: the folder, named as the person gave it.
REFUSED = "{out} cannot be the output folder: {reason}. {advice}. Nothing was changed."
REASONS = {
    "root": "it is the root of the file system",
    "home": "it is your home folder",
    "project": "it is the project's own folder",
    "above": "it holds the project ({project})",
    "project_part": "it is a folder of the project's own files",
    "inside_part": "it is inside {part}, a folder of the project's own files",
    "git": "it holds a .git folder (a repository of its own)",
    "foreign": "it holds files the generator did not make (it has no {marker} file, which marks the folders it made)",
    "file": "it is a file",
    "link": "it is a symbolic link",
}
ADVICE = {
    "file": "Move or rename the file, or give another folder",
    "link": "Give the folder it leads to ({target}) instead",
}
GENERAL_ADVICE = (
    "A command deletes its output folder and writes it again whole, so the folder must be new, empty, or made "
    "by an earlier run: give a folder of its own (such as site/, the default), and delete an old one yourself "
    "if you no longer need it"
)
ARCHIVE_REFUSED = (
    "{out} cannot be replaced by the offline copy's zip: it was not made by `briefing offline`. Move or rename "
    "it, or give another folder for the copy. Nothing was changed."
)


class OutputRefused(Exception):
    """The folder given for an output must not be replaced; the message says why, in a sentence."""


written: list[Path] = []  # what this run has replaced or written, for a truthful last word if it stops


def note_written(path: Path) -> None:
    written.append(path)


def check_output(project: Path, out: Path, shown: str) -> None:
    """Raise ``OutputRefused`` unless ``out`` may be deleted and written again; ``shown`` names it as the
    person would. Nothing is changed either way."""
    reason = refusal(project, out)
    if reason is not None:
        kind, values = reason
        values = {"out": shown, "marker": MARKER, **values}
        advice = ADVICE.get(kind, GENERAL_ADVICE).format(**values)
        raise OutputRefused(REFUSED.format(reason=REASONS[kind].format(**values), advice=advice, **values))


def refusal(project: Path, out: Path) -> tuple[str, dict[str, str]] | None:
    """Why ``out`` must not be replaced (a key of ``REASONS`` and its values), or None."""
    if out.is_symlink():
        return "link", {"target": str(out.resolve())}
    out, project = out.resolve(), project.resolve()
    if out == Path(out.anchor):
        return "root", {}
    if out == Path.home().resolve():
        return "home", {}
    if out == project:
        return "project", {}
    if project.is_relative_to(out):
        return "above", {"project": str(project)}
    for name in (*INPUTS, *PROJECT_FURNITURE):
        part = project / name
        if out == part:
            return "project_part", {"part": f"{name}/"}
        if out.is_relative_to(part):
            return "inside_part", {"part": f"{name}/"}
    if not out.exists():
        return None
    if not out.is_dir():
        return "file", {}
    if (out / ".git").exists():
        return "git", {}
    if any(out.iterdir()) and not made_here(out):
        return "foreign", {}
    return None


def made_here(folder: Path) -> bool:
    """Whether ``folder`` was made by an earlier run of the generator: marked, or (made before marks
    existed) holding exactly what a build or an export writes."""
    if (folder / MARKER).is_file():
        return True
    names = {path.name for path in folder.iterdir()}
    if names <= _UNMARKED_SITE and (folder / "ja" / "index.html").is_file():
        return True
    config = folder / "mkdocs.yml"
    if not (names <= _UNMARKED_EXPORT and config.is_file()):
        return False
    return config.read_text(encoding="utf-8", errors="replace").startswith(EXPORT_HEADER)


def mark(folder: Path, command: str) -> None:
    """Mark ``folder`` as made by the generator, so that its next run may replace it."""
    (folder / MARKER).write_text(MARKER_TEXT.format(command=command), encoding="utf-8")


def check_archive(archive: Path, shown: str, is_ours) -> None:
    """The offline copy's zip replaces only a zip that an earlier ``briefing offline`` wrote."""
    if archive.is_symlink() or (archive.exists() and not (archive.is_file() and _readable_zip(archive, is_ours))):
        raise OutputRefused(ARCHIVE_REFUSED.format(out=shown))


def _readable_zip(path: Path, is_ours) -> bool:
    try:
        with zipfile.ZipFile(path) as zipped:
            return is_ours(zipped.comment)
    except (OSError, zipfile.BadZipFile):
        return False


def what_was_left(outputs: list[tuple[Path, str]]) -> str:
    """A truthful last word after a failed run: which of its outputs it had replaced, and which it left
    as they were (each given with its name as shown)."""
    done = {path.resolve() for path in written}
    said = [
        MESSAGES_LEFT["replaced" if path.resolve() in done else "kept"].format(out=shown) for path, shown in outputs
    ]
    return " ".join(said)


MESSAGES_LEFT = {
    "kept": "{out} was left as it was.",
    "replaced": "{out} had already been replaced by this run.",
}
