"""Output folders: a command deletes or replaces only a folder it made itself.

``build``, ``publish``, ``offline`` and ``export`` replace their output folder whole. Before anything
is written, the folder they are given must be new, empty, or marked as made by an earlier run: each
run writes ``MARKER`` into the folder it makes. The project's own folder, any folder of its files
(data/, docs/, .git…), any folder above it, the home folder and ``/`` are refused whatever they hold,
as git refuses to delete untracked work and Hugo cleans only its own publish folder.

What a run has written is recorded (``Written``: one record per run, given to whatever writes), so that
a run that stops unexpectedly says truthfully what it had already changed.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import Message, say
from .files import INPUTS

MARKER = ".briefing-output"
MARKER_TEXT = (
    "This folder was made by the briefing generator (briefing {command}). Its next run deletes it and\n"
    "writes it again: keep no files of your own here. Without this file, the generator leaves the folder alone.\n"
)
# Files and folders the project is made of, besides its inputs (files.INPUTS).
PROJECT_FURNITURE = (".git", ".ci", "tests", "schema", "benchmarks", "pyproject.toml", "Makefile", "README.md")
# What a build wrote before outputs were marked: such a folder is still recognised as the generator's.
_UNMARKED_SITE = {"index.html", "sitemap.xml", "ja", "en", "site-offline.zip"}
_UNMARKED_EXPORT = {"docs", "overrides", "site", "mkdocs.yml", "mkdocs.en.yml"}
EXPORT_HEADER = "# Exported by `make export`"

# The advice for a refused folder, by the reason (any other reason: the general advice).
_ADVICE = {"refused_file": "refused_advice_file", "refused_link": "refused_advice_link"}


class OutputRefused(Exception):
    """The folder given for an output must not be replaced; the message says why, in a sentence."""

    def __init__(self, message: Message):
        super().__init__(message.text("en"))
        self.message = message

    def __str__(self) -> str:
        return self.message.text()


@dataclass
class Written:
    """What one run of a command has replaced or written so far, for a truthful last word if it stops."""

    paths: list[Path] = field(default_factory=list)

    def note(self, path: Path) -> None:
        self.paths.append(path)

    def what_was_left(self, outputs: list[tuple[Path, str]]) -> str:
        """A truthful last word after a failed run: which of its outputs it had replaced, and which it left
        as they were (each given with its name as shown)."""
        done = {path.resolve() for path in self.paths}
        said = [
            say("output_replaced" if path.resolve() in done else "output_kept", out=shown) for path, shown in outputs
        ]
        return " ".join(said)


def check_output(project: Path, out: Path, shown: str) -> None:
    """Raise ``OutputRefused`` unless ``out`` may be deleted and written again; ``shown`` names it as the
    person would. Nothing is changed either way."""
    reason = refusal(project, out)
    if reason is not None:
        kind, values = reason
        values = {"out": shown, "marker": MARKER, **values}
        said = Message(kind, **values)
        advice = Message(_ADVICE.get(kind, "refused_advice_general"), **values)
        raise OutputRefused(Message("refused", out=shown, reason=said, advice=advice))


def refusal(project: Path, out: Path) -> tuple[str, dict[str, str]] | None:
    """Why ``out`` must not be replaced (the key of the message that says it: refused_root…) and the values
    said with it, or None."""
    if out.is_symlink():
        return "refused_link", {"target": str(out.resolve())}
    out, project = out.resolve(), project.resolve()
    if out == Path(out.anchor):
        return "refused_root", {}
    if out == Path.home().resolve():
        return "refused_home", {}
    if out == project:
        return "refused_project", {}
    if project.is_relative_to(out):
        return "refused_above", {"project": str(project)}
    for name in (*INPUTS, *PROJECT_FURNITURE):
        part = project / name
        if out == part:
            return "refused_project_part", {"part": f"{name}/"}
        if out.is_relative_to(part):
            return "refused_inside_part", {"part": f"{name}/"}
    if not out.exists():
        return None
    if not out.is_dir():
        return "refused_file", {}
    if (out / ".git").exists():
        return "refused_git", {}
    if any(out.iterdir()) and not made_here(out):
        return "refused_foreign", {}
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
        raise OutputRefused(Message("archive_refused", out=shown))


def _readable_zip(path: Path, is_ours) -> bool:
    try:
        with zipfile.ZipFile(path) as zipped:
            return is_ours(zipped.comment)
    except (OSError, zipfile.BadZipFile):
        return False
