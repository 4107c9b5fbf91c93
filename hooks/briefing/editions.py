"""Editions: the data of each published edition, frozen in editions/<edition date>/data/.

``briefing freeze`` copies data/ there (never changing data/) with a checksum of every file, so that
``make check`` can tell when a frozen edition was changed afterwards, and refuses to freeze an edition
twice. Each frozen edition is loaded like data/ (with its own file names in messages) and published
at <lang>/editions/<date>/, the same paths inside.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
from dataclasses import dataclass
from pathlib import Path

from .changes import compare
from .content import Briefing
from .loader import load_briefing
from .problems import DataError, Problem

FOLDER = "editions"
CHECKSUMS = "SHA256SUMS"
# The site's own records, not an edition's content: the addresses published and the moves between them.
_KEPT_OUT = ("published-addresses.txt", "redirects.yml")


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


def _checksums(data: Path) -> str:
    """One line per file (its SHA-256 and path), without the site's own records."""
    kept = [path for path in sorted(data.rglob("*")) if path.is_file() and path.name not in _KEPT_OUT]
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(data).as_posix()}" for path in kept]
    return "\n".join(lines) + "\n"


def freeze(project: Path, again: bool = False) -> str:
    """Copy data/ into editions/<edition date>/data/; return the date. Raises ``DataError`` if the data
    has problems or the edition is frozen already (unless ``again``: the current edition's frozen copy
    is replaced, to record corrections made before a later edition publishes it as its own pages)."""
    briefing = load_briefing(project / "data")
    date = briefing.edition.edition_date.isoformat()
    target = project / FOLDER / date
    if target.exists() and not again:
        raise DataError(
            [
                Problem(
                    "data/briefing.yml",
                    1,
                    1,
                    "",
                    "edition_date",
                    f"the edition of {date} is frozen already ({FOLDER}/{date}/): a new edition needs a new "
                    "edition_date in data/briefing.yml (to record corrections to this edition in its frozen copy: "
                    "make freeze AGAIN=1)",
                )
            ]
        )
    staging = project / FOLDER / f".{date}-freezing"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(project / "data", staging / "data", ignore=shutil.ignore_patterns(*_KEPT_OUT))
    (staging / CHECKSUMS).write_text(_checksums(staging / "data"), encoding="utf-8")
    if target.exists():  # again: the current edition's copy, replaced whole
        old = project / FOLDER / f".{date}-replaced"
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old)
    else:
        staging.rename(target)  # all at once: a half-frozen edition never appears
    return date


def check_frozen(
    project: Path, current: Briefing | None = None, current_sums: str | None = None, known: dict | None = None
) -> tuple[list[tuple[FrozenEdition, Briefing]], list[Problem]]:
    """Every frozen edition, loaded, and what is wrong with them: data that no longer validates, files
    changed since freezing, a folder not named after its edition date. A frozen copy of ``current``
    (the data in data/, loaded, whose ``current_sums`` are given), the same file for file, is not loaded
    again: it is ``current``. ``known`` keeps the editions loaded before, by folder and checksums (a
    frozen edition cannot change without its checksums changing): the caller's, to reuse them."""
    known = {} if known is None else known
    loaded, problems = [], []
    now = current_sums if current is not None else None
    for edition in frozen_editions(project):
        sums = edition.folder / CHECKSUMS
        if not sums.is_file() or not edition.data.is_dir():
            message = "not a frozen edition (no data/ or no checksums): make freeze makes them"
            problems.append(Problem(f"{FOLDER}/{edition.date}", 1, 1, "", "", message))
            continue
        if sums.read_text(encoding="utf-8") != _checksums(edition.data):
            changed = _changed_files(sums.read_text(encoding="utf-8"), _checksums(edition.data))
            problems.append(
                Problem(
                    f"{edition.label}/{changed[0]}" if changed else edition.label,
                    1,
                    1,
                    "",
                    "",
                    "a frozen edition was changed after it was frozen: an edition's data must stay as it was "
                    f"published (restore it with git; changed: {', '.join(changed[:5])})",
                )
            )
            continue
        if sums.read_text(encoding="utf-8") == now:
            loaded.append((edition, current))
            continue
        key = (str(edition.folder), sums.read_text(encoding="utf-8"))
        try:
            briefing = known[key] if key in known else load_briefing(edition.data, label=edition.label)
        except DataError as err:
            problems += err.problems
            continue
        known[key] = briefing
        if briefing.edition.edition_date.isoformat() != edition.date:
            problems.append(
                Problem(f"{edition.label}/briefing.yml", 1, 1, "", "edition_date", "differs from the folder's name")
            )
            continue
        loaded.append((edition, briefing))
    return loaded, problems


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


def timeline(project: Path, current: Briefing, known: dict | None = None) -> Timeline:
    """The editions, what changed between consecutive ones, and what is wrong with them (``known``: see
    ``check_frozen``)."""
    now = _checksums(project / "data")
    frozen, problems = check_frozen(project, current, now, known)
    date = current.edition.edition_date.isoformat()
    if frozen and date < frozen[-1][0].date:
        problems.append(
            _edition_date_problem(
                current, f"is earlier than the last frozen edition ({frozen[-1][0].date}): editions go forward"
            )
        )
    same = next((edition for edition, _ in frozen if edition.date == date), None)
    if same is not None and (recorded := (same.folder / CHECKSUMS).read_text(encoding="utf-8")) != now:
        # Its pinned addresses lead to the current pages until a later edition replaces it: a correction
        # made now reaches them, but the frozen copy must record it before then.
        changed = ", ".join(_changed_files(recorded, now))
        problems.append(
            current.problem(
                current.edition,
                ("edition_date",),
                f"data/ has changed since the edition of {date} was frozen ({changed}): if these are corrections "
                "to this edition, record them in its frozen copy with `make freeze AGAIN=1`; if this is a new "
                "edition, give it a new edition_date",
                warning=True,
            )
        )
    # The current data stands for its own edition, frozen or not.
    briefings = [briefing for edition, briefing in frozen if edition.date != date] + [current]
    comparisons = [compare(old, new) for old, new in itertools.pairwise(briefings)]
    return Timeline(frozen, current, comparisons, problems)


def _edition_date_problem(current: Briefing, message: str) -> Problem:
    return current.problem(current.edition, ("edition_date",), message)
