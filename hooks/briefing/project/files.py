"""The project's own files: what a build reads, and the one rule for symbolic links among them.

``INPUTS`` is the one list of what a build reads: the checks walk it for links, the preview and
``mkdocs serve`` (the hook) watch it, the digests of what a build is made from are made from it, and the
tests and benchmarks copy it to make a project of their own (``copy_inputs``).

A symbolic link may lead from one of these files to another of them (a page shared by both
languages, say); any other link is refused, by ``make check`` and by every build, before anything is
read: a link committed to docs/ or overrides/ would otherwise publish whatever it points at on the
machine that builds (/etc/passwd, /proc/self/environ), and a link to a folder can make a loop.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from ..messages import Message
from ..problems import Problem

# Each language's MkDocs configuration; the first is the source language's, which the others inherit.
CONFIGS = {"ja": "mkdocs.yml", "en": "mkdocs.en.yml"}
LANGUAGES = tuple(CONFIGS)  # the languages the site is built in: the first is the source language
INPUTS = (*CONFIGS.values(), "data", "editions", "docs", "hooks", "templates", "overrides")
# The inputs whose files each page records reading (render/reads.py), so that a change to one of them
# makes again only the pages that read it; a change to any other input (the configurations, the
# hand-written pages, the theme, the generator) makes every page again.
READ_BY_PAGES = ("data", "editions", "templates")
# Made by Python and pip inside hooks/, never read into a site.
_NOT_INPUTS = ("__pycache__",)
_NOT_INPUT_SUFFIXES = (".egg-info",)


def is_input(path: Path) -> bool:
    """Whether a path found under an input folder is one of the project's files (not Python's or pip's)."""
    return not any(part in _NOT_INPUTS or part.endswith(_NOT_INPUT_SUFFIXES) for part in path.parts)


def input_paths(project: Path) -> Iterator[Path]:
    """Every file, folder and link among the project's inputs, without following any link."""
    for name in INPUTS:
        top = project / name
        if top.is_symlink() or top.is_file():
            yield top
            continue
        if not top.is_dir():
            continue
        for folder, folders, files in os.walk(top, followlinks=False):
            here = Path(folder)
            folders[:] = sorted(name for name in folders if is_input(here / name))
            for entry in (*folders, *sorted(files)):
                if is_input(here / entry):
                    yield here / entry


def copy_inputs(project: Path, target: Path) -> Path:
    """A project of its own in ``target``: a copy of this project's inputs (not Python's or pip's files)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in INPUTS:
        source = project / name
        if source.is_dir():
            ignored = lambda _folder, names: [found for found in names if not is_input(Path(found))]  # noqa: E731
            shutil.copytree(source, target / name, ignore=ignored, dirs_exist_ok=True)
        elif source.exists():  # (editions/: none frozen yet)
            shutil.copy2(source, target / name)
    return target


def input_files(project: Path) -> Iterator[Path]:
    """Every file among the project's inputs (links to files of the project included), in a stable order."""
    for path in input_paths(project):
        if path.is_file():
            yield path


def inputs_stamp(project: Path) -> tuple:
    """What the inputs are now (names, times, sizes): a result worked out from them is reused only while
    they are the same."""
    stamp = []
    for path in input_paths(project):
        try:
            stat = path.lstat()
        except OSError:  # removed while it was looked at
            continue
        stamp.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamp)


def link_problems(project: Path) -> list[Problem]:
    """Every symbolic link among the project's inputs that leads anywhere but to one of its files."""
    root = project.resolve()
    inputs = [root / name for name in INPUTS]
    problems = []
    for path in input_paths(project):
        if not path.is_symlink():
            continue
        target = os.readlink(path)
        resolved = Path(os.path.realpath(path))
        if not resolved.exists():
            kind = "link_nowhere"
        elif resolved.is_dir():
            kind = "link_folder"
        elif not any(resolved == top or resolved.is_relative_to(top) for top in inputs) or not is_input(resolved):
            kind = "link_outside"
        else:
            continue
        shown = path.relative_to(project).as_posix()
        problems.append(Problem(shown, 1, 1, "", "", Message(kind, target=target)))
    return problems
