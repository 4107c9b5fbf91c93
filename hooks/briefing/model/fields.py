"""The field types every briefing's models are made of: texts in both languages, names, ids, numbers,
amounts, and the marks the checks walk (``Ref``: an id naming an item of another collection; ``Unique``: a
value that differs between items).

``doc`` gives a field its description in both languages (the editor's guide, the JSON Schemas' hover help);
a briefing's own models (its domain, loaded from its templates/ folder) are written with the same pieces.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from ..messages import Message, MessageError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A site address without the language: topics/energy/, topics/#energy.
ADDRESS_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*/)*(#[a-z0-9]+(-[a-z0-9]+)*)?$"
# {?phrase?} in a text: a phrase of the source that cannot be read with confidence ({??}: the label alone).
UNCLEAR = re.compile(r"\{\?(.*?)\?\}")


@dataclass(frozen=True)
class Ref:
    """Marks an id that names an item of another collection: ``Annotated[Id, Ref("fields")]``.

    ``each_once``: every item of that collection must be named by exactly one item of this one
    (each strategic field has one working group).
    """

    collection: str
    each_once: bool = False

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema["x-refers-to"] = self.collection  # for the editor's guide
        return schema


@dataclass(frozen=True)
class Unique:
    """Marks a value that must differ between the items of one collection (a field's number)."""


# What a model's ``problems`` method yields: the path inside the item and what is wrong there (a Message).
ItemProblem = tuple[tuple[str | int, ...], Message]

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="Stable ASCII id: lower-case letters, digits and single hyphens. It becomes the URL."),
]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Address = Annotated[
    str,
    StringConstraints(pattern=ADDRESS_PATTERN),
    Field(description="A site address without the language: 'topics/energy/' or 'topics/#energy'."),
]


def plain_number(value: Any) -> Any:
    """Accept a number as people type it when it can mean only one thing; refuse it otherwise.

    Full-width digits (２１．９) are normalised. Thousands separators, units and notes
    are refused with a message, never guessed at: "1,5" or "21.9億円" must not be misread.
    """
    if isinstance(value, bool):
        raise MessageError("number_not_true_false")
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    if re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        return text
    if re.search(r"\d,\d", text):
        raise MessageError("number_thousands", value=value)
    if re.search(r"\d", text):
        raise MessageError("number_with_unit", value=value)
    raise MessageError("number_needed", value=value)


Count = Annotated[int, BeforeValidator(plain_number)]

# Amounts in 億円 (units of ¥100 million), kept exact: YAML numbers reach the model as text.
OkuYen = Annotated[
    Decimal,
    BeforeValidator(plain_number),
    Field(ge=0, max_digits=12, decimal_places=2, description="Amount in 億円 (¥100 million), e.g. 21.9"),
]


class Strict(BaseModel):
    """Refuse unknown keys everywhere: a misspelt key must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def doc(en: str, ja: str, default: Any = ..., *, label: tuple[str, str] | None = None, **constraints: Any) -> Any:
    """A field with its description in both languages: for the editor's guide and for editors' hover help.
    ``label`` (English, Japanese): what the changes page calls the key, where ``KEY_LABELS`` does not say it."""
    extra: dict[str, Any] = {"description_ja": ja}
    if label is not None:
        extra["label"] = {"en": label[0], "ja": label[1]}
    return Field(default, description=en, json_schema_extra=extra, **constraints)


def listing(en: str, ja: str, **constraints: Any) -> Any:
    """An optional list field, empty by default."""
    return Field(default_factory=list, description=en, json_schema_extra={"description_ja": ja}, **constraints)


class Text(
    Strict,
    json_schema_extra={"label": {"ja": "日本語と英語の文（ja、en）", "en": "A text in Japanese and English (ja, en)"}},
):
    """A name or sentence in both languages. Plain text: never Markdown, never HTML.

    ``en`` may be left out only in an entry marked ``awaiting_translation: true``
    (make check refuses a missing ``en`` anywhere else); the English site then shows the Japanese, announced.
    """

    ja: NonEmpty = doc("The Japanese text.", "日本語の文。")
    en: NonEmpty | None = doc("The English text.", "英語の文。", None)

    def __call__(self, lang: str) -> str:
        """The text in ``lang``, or the Japanese where the English is still missing."""
        return getattr(self, lang) or self.ja

    def missing(self, lang: str) -> bool:
        return getattr(self, lang) is None


class RichText(
    Text,
    json_schema_extra={
        "label": {
            "ja": "日本語と英語の文、Markdown で書けるもの（ja、en）",
            "en": "A text in Japanese and English that may use Markdown (ja, en)",
        }
    },
):
    """Text in both languages written in Markdown: **bold**, *emphasis*, lists, [links](https://…).

    Raw HTML is shown as typed, never interpreted; images are not allowed (the site must not
    fetch from other hosts); links may only go to http(s), mailto or addresses of this site,
    written without the language as elsewhere in the data: [the fields](fields/), [ARIM](budget/arim/).
    A line numbered on its own (2. …) is shown as written; two or more numbered lines make a
    numbered list, which keeps its numbers.
    """


class TermException(
    Strict,
    json_schema_extra={
        "label": {"ja": "用語集の英語を使わない理由", "en": "A reason not to use the glossary's English"}
    },
):
    """A glossary term this entry's English does not render the glossary's way, and why."""

    term: Id = doc("The glossary term (an id from glossary.yml).", "用語（glossary.yml の id）。")
    reason: Text = doc("Why the glossary's English does not fit here.", "用語集の英語が合わない理由。")


class Entry(Strict, json_schema_extra={"label": {"ja": "項目", "en": "An item"}}):
    """An item with its own id: the unit that can be marked as awaiting translation."""

    awaiting_translation: bool = doc(
        "true while some English text of this entry is still missing; the English page then says so.",
        "英語の文がまだない間は true にします。英語版のページにその旨が表示されます。",
        False,
    )
    translation_checked: dt.date | None = doc(
        "The date of the edition against which the English was checked after the Japanese changed "
        "(silences the warning that the translation may lag).",
        "日本語の変更後に英語を確認した際の、比較した版の日付（翻訳が遅れている可能性の警告を消します）。",
        None,
    )
    terminology_exceptions: list[TermException] = listing(
        "Glossary terms whose English this entry does not use, each with its reason (see the terminology check).",
        "用語集の英語を使わない用語と、その理由（用語の検査を参照）。",
    )


class NameStatus(StrEnum):
    """Where the English name comes from (see the glossary)."""

    official = "official"
    provisional = "provisional"
    ours = "ours"


class Name(
    Text,
    json_schema_extra={
        "label": {
            "ja": "日英の名称と英語名の出典",
            "en": "A name in Japanese and English, and where the English comes from",
        }
    },
):
    """A proper name; ``en_status`` says how far the English form can be trusted."""

    en_status: NameStatus = doc(
        "Where the English name comes from: official (a government or institution source), "
        "provisional (used by other sources, not confirmed as official) or ours (our translation).",
        "英語名の出典：official（政府・機関の公式英語名）、provisional（報道等で使われる暫定の訳）、ours（本サイトの翻訳）。",
        NameStatus.ours,
    )


# The descriptions of the keys most items have: doc(*ID_DOC), doc(*SOURCE_DOC).
ID_DOC = (
    "The item's id: it becomes its address in both languages. Do not change it once published.",
    "項目のID。日英両方のページのアドレスになります。公開後は変更しないでください。",
)
SOURCE_DOC = (
    "The part of the source deck this comes from: a section id from briefing.yml.",
    "出典となる資料の該当部分。briefing.yml の sections の id を書きます。",
)
SectionId = Annotated[Id, Ref("sections")]
