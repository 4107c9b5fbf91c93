"""Editions: the data of each published edition, frozen in editions/<edition date>/data/.

``briefing freeze`` (publish/freeze.py) copies data/ there (never changing data/) with a checksum of every
file, so that ``make check`` can tell when a frozen edition was changed afterwards. Each frozen edition
is loaded like data/ (with its own file names in messages), checked as data/ is (its checks between
items too: a figure changed with its checksum recomputed must still add up), and published at
<lang>/editions/<date>/, the same paths inside.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..load.briefing import Briefing
from ..load.domain import load_domain
from ..load.loader import LoadedFiles, load_briefing
from ..messages import Message
from ..problems import DataError, Problem
from ..project.template_folders import template_exists
from .declaration import checked_declaration
from .edition_diff import compare
from .items import check

FOLDER = "editions"
CHECKSUMS = "SHA256SUMS"
# The site's own records, not an edition's content: the addresses published and the moves between them.
KEPT_OUT = ("published-addresses.txt", "redirects.yml")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class FrozenEdition:
    date: str  # YYYY-MM-DD, the folder's name
    folder: Path  # editions/<date>

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def label(self) -> str:
        return f"{FOLDER}/{self.date}/data"


def frozen_editions(project: Path) -> list[FrozenEdition]:
    """The frozen editions, oldest first."""
    root = project / FOLDER
    # (a name starting with "." is a copy being made or replaced)
    found = (
        sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith("."))
        if root.is_dir()
        else []
    )
    return [FrozenEdition(path.name, path) for path in found]


def checksums(data: Path) -> str:
    """One line per file (its SHA-256 and path), without the site's own records."""
    kept = [path for path in sorted(data.rglob("*")) if path.is_file() and path.name not in KEPT_OUT]
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(data).as_posix()}" for path in kept]
    return "\n".join(lines) + "\n"


def check_frozen(
    project: Path,
    current: Briefing | None = None,
    current_sums: str | None = None,
    known: dict | None = None,
    refreezing: bool = False,
    files: LoadedFiles | None = None,
) -> tuple[list[tuple[FrozenEdition, Briefing]], list[Problem]]:
    """Every frozen edition, loaded, and what is wrong with them: a folder not named after its edition
    date, files changed since freezing, data that no longer passes the checks (between items too). A
    frozen copy of ``current`` (the data in data/, loaded and checked, whose ``current_sums`` are given),
    the same file for file, is not loaded again: it is ``current``. ``known`` keeps the editions loaded
    and checked before, by folder and checksums (a frozen edition cannot change without its checksums
    changing): the caller's, to reuse them (the live preview). ``refreezing``: the frozen copy of
    ``current``'s edition is about to be replaced by data/ (``make freeze AGAIN=1``), whatever it holds
    now: it stands for ``current``, and is neither compared with its checksums nor checked. ``files``: data
    files validated before (loader.LoadedFiles): a frozen file the same as one of data/ is not read again."""
    known = {} if known is None else known
    loaded, problems = [], []
    now = current_sums if current is not None else None
    domain = current.domain if current is not None else load_domain(project)
    for edition in frozen_editions(project):
        if not _is_date(edition.date):
            problems.append(Problem(f"{FOLDER}/{edition.date}", 1, 1, "", "", Message("edition_folder_name")))
            continue
        if refreezing and current is not None and edition.date == current.edition.edition_date.isoformat():
            loaded.append((edition, current))
            continue
        sums = edition.folder / CHECKSUMS
        if not sums.is_file() or not edition.data.is_dir():
            problems.append(Problem(f"{FOLDER}/{edition.date}", 1, 1, "", "", Message("edition_incomplete")))
            continue
        recorded, found = sums.read_text(encoding="utf-8"), checksums(edition.data)
        if recorded != found:
            changed = _changed_files(recorded, found)
            is_current = current is not None and edition.date == current.edition.edition_date.isoformat()
            problems.append(
                Problem(
                    f"{edition.label}/{changed[0]}" if changed else edition.label,
                    1,
                    1,
                    "",
                    "",
                    Message("edition_changed_current" if is_current else "edition_changed", changed=changed[:5]),
                )
            )
            continue
        key = (str(edition.folder), recorded, domain.digest)  # loaded with the models of the domain as it is
        if recorded == now:
            briefing = current
        elif key in known:
            loaded.append((edition, known[key]))
            continue
        else:
            try:
                exists = lambda name: template_exists(project, name)  # noqa: E731
                declared = checked_declaration(edition.data, domain, exists, root=edition.label)
                briefing = load_briefing(edition.data, domain, label=edition.label, kept=files, declared=declared)
            except DataError as err:
                problems += err.problems
                continue
        if briefing.edition.edition_date.isoformat() != edition.date:
            date = briefing.edition.edition_date.isoformat()
            message = Message("edition_date_folder", date=date, folder=edition.date)
            found = briefing.problem(briefing.edition, ("edition_date",), message)
            problems.append(replace(found, file=f"{edition.label}/briefing.yml"))  # (data/'s copy: the same lines)
            continue
        if briefing is not current and (found := _edition_problems(briefing)):
            problems += found
            continue
        if briefing is not current:
            known[key] = briefing
        loaded.append((edition, briefing))
    return loaded, problems


def _is_date(name: str) -> bool:
    if not _DATE.match(name):
        return False
    try:
        dt.date.fromisoformat(name)
    except ValueError:
        return False
    return True


def _edition_problems(briefing: Briefing) -> list[Problem]:
    """The checks data/ gets, on a frozen edition: the checks between items (its declaration's ran before
    it was loaded: checked_declaration)."""
    return [problem for problem in check(briefing) if not problem.warning]


def _changed_files(recorded: str, now: str) -> list[str]:
    old = {line.split("  ", 1)[1]: line for line in recorded.splitlines() if "  " in line}
    new = {line.split("  ", 1)[1]: line for line in now.splitlines() if "  " in line}
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


@dataclass
class Timeline:
    """The editions of the briefing, oldest first: the frozen ones and the current data."""

    frozen: list[tuple[FrozenEdition, Briefing]]
    current: Briefing
    comparisons: list  # Comparison of each pair of consecutive editions
    problems: list[Problem]

    @property
    def current_date(self) -> str:
        return self.current.edition.edition_date.isoformat()

    @property
    def current_is_frozen(self) -> bool:
        return bool(self.frozen) and self.frozen[-1][0].date == self.current_date

    @property
    def superseded(self) -> list[tuple[FrozenEdition, Briefing]]:
        """Frozen editions that are not the current one: published in full at editions/<date>/."""
        return [(edition, briefing) for edition, briefing in self.frozen if edition.date != self.current_date]

    @property
    def dates(self) -> list[str]:
        dates = [edition.date for edition, _ in self.frozen]
        return dates if self.current_is_frozen else [*dates, self.current_date]

    @property
    def latest(self):
        """What changed in the current edition since the one before it, if there is one."""
        return self.comparisons[-1] if self.comparisons and self.comparisons[-1].new_date == self.current_date else None


def timeline(
    project: Path,
    current: Briefing,
    known: dict | None = None,
    refreezing: bool = False,
    files: LoadedFiles | None = None,
) -> Timeline:
    """The editions, what changed between consecutive ones, and what is wrong with them (``known``,
    ``refreezing`` and ``files``: see ``check_frozen``)."""
    now = checksums(project / "data")
    frozen, problems = check_frozen(project, current, now, known, refreezing, files)
    date = current.edition.edition_date.isoformat()
    if frozen and date < frozen[-1][0].date:
        problems.append(_edition_date_problem(current, Message("edition_earlier", date=frozen[-1][0].date)))
    same = next((edition for edition, _ in frozen if edition.date == date), None)
    recorded = (same.folder / CHECKSUMS).read_text(encoding="utf-8") if same and not refreezing else now
    if recorded != now:
        # Its pinned addresses lead to the current pages until a later edition replaces it: a correction
        # made now reaches them, but the frozen copy must record it before then.
        message = Message("changed_since_frozen", date=date, changed=_changed_files(recorded, now))
        problems.append(current.problem(current.edition, ("edition_date",), message, warning=True))
    # The current data stands for its own edition, frozen or not.
    briefings = [briefing for edition, briefing in frozen if edition.date != date] + [current]
    comparisons = [compare(old, new) for old, new in itertools.pairwise(briefings)]
    return Timeline(frozen, current, comparisons, problems)


def _edition_date_problem(current: Briefing, message: Message) -> Problem:
    return current.problem(current.edition, ("edition_date",), message)
