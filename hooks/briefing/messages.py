"""What the generator says to the people who edit and build a briefing, in their language.

Every sentence lives in templates/messages/<lang>.yml, one key per kind of problem or report, grouped
under the section of the editor's guide that explains the rule (``group_of``). Python names the key and
the values (a file, an id, a number…); the words are chosen only when the message is shown, so the same
problem reads in Japanese in the banner of a Japanese page and in English on an English one.

The language of the command line: ``BRIEFING_LANG`` (ja or en), else the locale (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``, as POSIX orders them) when it starts with ``ja``; English otherwise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from . import ENGINE

LANGUAGES = ("ja", "en")
FOLDER = ENGINE / "templates" / "messages"
# The groups of messages the editor's guide explains, in its order (its #rule-<group> sections); the
# others are about the generator, its templates and its commands, for the people who develop them.
GUIDED = (
    "yaml",
    "keys",
    "values",
    "amounts",
    "ids",
    "references",
    "totals",
    "english",
    "terms",
    "links",
    "addresses",
    "files",
    "editions",
)


def language() -> str:
    """The language the command line speaks: BRIEFING_LANG, else the locale's; English by default."""
    chosen = os.environ.get("BRIEFING_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


@cache
def _catalogue(lang: str) -> tuple[dict[str, Any], dict[str, str]]:
    """(key → text, key → group) of one language, read once per process."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    groups = yaml.load((FOLDER / f"{lang}.yml").read_text(encoding="utf-8"), Loader=loader)
    texts: dict[str, Any] = {}
    group_of: dict[str, str] = {}
    for group, entries in groups.items():
        for key, text in entries.items():
            texts[key] = text
            group_of[key] = group
    return texts, group_of


def texts(lang: str) -> dict[str, Any]:
    """Every message of a language: a text, or for English a {one, other} pair chosen by ``count``."""
    return _catalogue(lang)[0]


def group_of(key: str) -> str:
    """The group of a message: the section of the editor's guide that explains it (#rule-<group>)."""
    return _catalogue(LANGUAGES[0])[1][key]


@dataclass(frozen=True)
class Words:
    """A few words that come in both languages from the data or the models (a collection's name, a key's
    label), shown in the language of the message they are put into."""

    ja: str
    en: str

    def text(self, lang: str) -> str:
        return getattr(self, lang) or self.ja


class Message:
    """A kind of message (its key) and the values it is said with; worded only when shown (``text``)."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: Any):
        self.key = key
        self.values = tuple(values.items())

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        values = dict(self.values)
        template = texts(lang)[self.key]
        if isinstance(template, dict):  # {one: …, other: …}
            template = template["one" if values.get("count") == 1 else "other"]
        return template.format(**{name: shown(value, lang) for name, value in values.items()})

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {dict(self.values)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash((self.key, repr(self.values)))


def shown(value: Any, lang: str) -> str:
    """A value put into a message: a message or words in the same language, a list joined as the language
    joins one, anything else as itself."""
    if isinstance(value, Message | Words):
        return value.text(lang)
    if isinstance(value, list | tuple):
        return texts(lang)["list_separator"].join(shown(element, lang) for element in value)
    return str(value)


def say(key: str, lang: str | None = None, /, **values: Any) -> str:
    """A message worded at once (for the command line's own reports)."""
    return Message(key, **values).text(lang)


class MessageError(ValueError):
    """Raised by a model's validator with the message to show: the loader words it in the reader's
    language (pydantic keeps the exception in the error's context)."""

    def __init__(self, key: str, /, **values: Any):
        self.message = Message(key, **values)
        super().__init__(key)
