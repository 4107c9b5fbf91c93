"""Problems found in the data, worded for the people who edit it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters in what is printed would act on the terminal (a bad id could hold ESC): shown as text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return _CONTROL.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: ``data/x.yml:LINE:COL: <id> › <field>: <message>``."""

    file: str
    line: int
    col: int
    entry: str
    field: str
    message: str
    warning: bool = False  # advice that does not stop a build (terminology, translations that may lag)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" + (": warning" if self.warning else "")
        what = " › ".join(part for part in (self.entry, self.field) if part)
        return printable(f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}")


class DataError(Exception):
    """Raised with every problem at once, so an editor can fix them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))

    def __reduce__(self):  # sent back from a child process of the build (parallel.py) as it was
        return (DataError, (self.problems,))
