"""``briefing freeze``: keep the current edition's data in editions/<edition date>/data/.

Only data that passes every check ``make check`` runs is frozen: a frozen edition is published as it is,
at addresses that never change. The copy is made in a folder of a unique name and put in its place in
one step (swap.py, as a build replaces site/), under a lock, so that a half-frozen edition never appears
and two freezes never mix.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..check.editions import CHECKSUMS, FOLDER, KEPT_OUT, checksums
from ..check.validate import validate
from ..messages import Message
from ..project.outputs import Written
from ..project.swap import clean_leftovers, locked, replace, staging_folder


class FrozenAlready(Exception):
    """The current edition has a frozen copy already: not a problem in the data, a step to take (a new
    edition_date, or ``make freeze AGAIN=1``), said in a sentence."""

    def __init__(self, date: str):
        super().__init__(date)
        self.message = Message("frozen_already", date=date, folder=FOLDER)


def freeze(project: Path, again: bool = False, written: Written | None = None) -> str:
    """Copy data/ into editions/<edition date>/data/; return the date. Raises ``DataError`` with every
    problem ``make check`` finds, or ``FrozenAlready`` if the edition is frozen already (unless ``again``: the current
    edition's frozen copy is replaced, to record corrections made before a later edition publishes it
    as its own pages)."""
    briefing = validate(project, refreezing=again).briefing
    date = briefing.edition.edition_date.isoformat()
    editions = project / FOLDER
    target = editions / date
    if target.exists() and not again:
        raise FrozenAlready(date)
    editions.mkdir(exist_ok=True)
    with locked(editions):  # one freeze at a time
        clean_leftovers(target)  # what a killed freeze left
        staging = staging_folder(target)
        try:
            shutil.copytree(project / "data", staging / "data", ignore=shutil.ignore_patterns(*KEPT_OUT))
            (staging / CHECKSUMS).write_text(checksums(staging / "data"), encoding="utf-8")
            replace(target, staging)  # all at once: a half-frozen edition never appears (again: replaced whole)
            if written is not None:
                written.note(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return date
