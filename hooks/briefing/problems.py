"""Problems found in the data, worded for the people who edit it, in their language (messages.py)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import total_ordering

from .messages import Message, language, say

# Control characters in what is printed would act on the terminal (a bad id could hold ESC), and invisible
# ones (a zero-width space in an id) would hide the very mistake: both are shown by their code, U+200B.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return "".join(
        f"<U+{ord(char):04X}>" if _CONTROL.match(char) or unicodedata.category(char) == "Cf" else char for char in text
    )


@total_ordering
@dataclass(frozen=True, eq=False)
class Problem:
    """One thing wrong in one place: ``data/x.yml:LINE:COL: <id> › <field>: <message>``. The place, the id
    and the field are shown as they are; the message in the language it is read in."""

    file: str
    line: int
    col: int
    entry: str
    field: str
    message: Message
    warning: bool = False  # advice that does not stop a build (terminology, translations that may lag)
    snippet: tuple[str, ...] = field(default=())  # lines to paste into a file, shown under the message

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        where = f"{self.file}:{self.line}:{self.col}"
        if self.warning:
            where += say("warning_mark", lang)
        what = " › ".join(part for part in (self.entry, self.field) if part)
        said = self.message.text(lang)
        line = f"{where}: {what}: {said}" if what else f"{where}: {said}"
        return printable("\n".join([line, *self.snippet]))

    def __str__(self) -> str:
        return self.text()

    def _key(self) -> tuple:
        return (self.file, self.line, self.col, self.entry, self.field, self.message.key, repr(self.message.values))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and (self._key(), self.warning) == (other._key(), other.warning)

    def __lt__(self, other: Problem) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class DataError(Exception):
    """Raised with every problem at once, so an editor can fix them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.text("en"))

    def text(self, lang: str | None = None) -> str:
        heading = say("data_problems", lang, count=len(self.problems))
        return "\n".join([heading, *(problem.text(lang) for problem in self.problems)])

    def __str__(self) -> str:
        return self.text()

    def __reduce__(self):  # sent back from a child process of the build (parallel.py) as it was
        return (DataError, (self.problems,))
