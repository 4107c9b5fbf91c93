"""What the generator says to the people who edit and build a briefing, in their language.

Every sentence lives in templates/messages/<lang>.yml, one key per kind of problem or report, grouped
under the section of the editor's guide that explains the rule (``group_of``). Python names the key and
the values (a file, an id, a number…); the words are chosen only when the message is shown, so the same
problem reads in Japanese in the banner of a Japanese page and in English on an English one.

A briefing's domain (its Python in its templates/ folder) has a catalogue of its own, in the same form
(``Catalogue``): its messages carry it, and the editor's guide adds its groups to the engine's (``guided``).

The language of the command line: ``BRIEFING_LANG`` (ja or en), else the locale (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``, as POSIX orders them) when it starts with ``ja``; English otherwise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
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


class Catalogue:
    """The messages in <folder>/<lang>.yml, each file read when first needed, and again once it has changed.
    ``guided``: the groups the editor's guide explains (all, when not given)."""

    def __init__(self, folder: Path, guided: tuple[str, ...] | None = None):
        self.folder = folder
        self._guided = guided
        self._read: dict[str, tuple[tuple[int, int], tuple[dict[str, Any], dict[str, str]]]] = {}

    def _language(self, lang: str) -> tuple[dict[str, Any], dict[str, str]]:
        """(key → text, key → group) of one language: read again once its file has changed (the live preview
        runs for hours, and a message edited meanwhile must be said as it is now)."""
        path = self.folder / f"{lang}.yml"
        stat = path.stat()
        seen = (stat.st_mtime_ns, stat.st_size)
        if lang not in self._read or self._read[lang][0] != seen:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            groups = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
            texts: dict[str, Any] = {}
            group_of: dict[str, str] = {}
            for group, entries in groups.items():
                for key, text in entries.items():
                    texts[key] = text
                    group_of[key] = group
            self._read[lang] = seen, (texts, group_of)
        return self._read[lang][1]

    def texts(self, lang: str) -> dict[str, Any]:
        return self._language(lang)[0]

    def group_of(self, key: str) -> str:
        return self._language(LANGUAGES[0])[1][key]

    @property
    def groups(self) -> list[str]:
        """The groups, in the order of the file."""
        return list(dict.fromkeys(self._language(LANGUAGES[0])[1].values()))

    @property
    def guided(self) -> tuple[str, ...]:
        return self._guided if self._guided is not None else tuple(self.groups)

    def message(self, key: str, /, **values: Any) -> Message:
        return Message(key, _catalogue=self, **values)

    def error(self, key: str, /, **values: Any) -> MessageError:
        return MessageError(key, _catalogue=self, **values)


ENGINE_MESSAGES = Catalogue(FOLDER, GUIDED)


def texts(lang: str) -> dict[str, Any]:
    """Every message of a language: a text, or for English a {one, other} pair chosen by ``count``."""
    return ENGINE_MESSAGES.texts(lang)


def group_of(key: str) -> str:
    """The group of a message: the section of the editor's guide that explains it (#rule-<group>)."""
    return ENGINE_MESSAGES.group_of(key)


def guided(*catalogues: Catalogue) -> tuple[str, ...]:
    """The sections of the editor's guide, in order: the engine's groups, and each other catalogue's after the
    group that comes before it in its own file (a domain's ``totals`` after its ``references``)."""
    order = list(ENGINE_MESSAGES.guided)
    for catalogue in catalogues:
        after = len(order) - 1
        for group in catalogue.guided:
            if group in order:
                after = order.index(group)
            else:
                after += 1
                order.insert(after, group)
    return tuple(order)


@dataclass(frozen=True)
class Words:
    """A few words that come in both languages from the data or the models (a collection's name, a key's
    label), shown in the language of the message they are put into."""

    ja: str
    en: str

    def text(self, lang: str) -> str:
        return getattr(self, lang) or self.ja


class Message:
    """A kind of message (its key) and the values it is said with; worded only when shown (``text``), from
    the engine's catalogue or the one a domain's message was made with (``Catalogue.message``)."""

    __slots__ = ("catalogue", "key", "values")

    def __init__(self, key: str, /, _catalogue: Catalogue | None = None, **values: Any):
        self.key = key
        self.values = tuple(values.items())
        self.catalogue = _catalogue or ENGINE_MESSAGES

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        values = dict(self.values)
        template = self.catalogue.texts(lang)[self.key]
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

    def guide_section(self) -> str | None:
        """The section of the editor's guide that explains this message (#rule-<group>), if it has one."""
        group = self.catalogue.group_of(self.key)
        return group if group in self.catalogue.guided else None


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

    def __init__(self, key: str, /, _catalogue: Catalogue | None = None, **values: Any):
        self.message = Message(key, _catalogue=_catalogue, **values)
        super().__init__(key)
