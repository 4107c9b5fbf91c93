"""The glossary (its terms, their English and abbreviations) and the corrections of the source's extracted
text: models every briefing may declare. Which collection is the glossary is said by data/collections.yml
(the collection whose model is ``Term``), never by its id in the engine's code."""

from __future__ import annotations

from collections.abc import Iterator

from ..messages import Message
from .fields import ID_DOC, Entry, Id, ItemProblem, Name, NonEmpty, SectionId, Text, doc, listing
from .walk import marked_phrases

# ---------------------------------------------------------------- glossary.yml


class Term(Entry, json_schema_extra={"label": {"ja": "用語", "en": "A glossary term"}}):
    id: Id = doc(*ID_DOC)
    name: Name = doc(
        "The term in both languages; en_status says how official the English is.",
        "用語（日英）。en_status は英語の出典。",
        label=("Term", "用語"),
    )
    abbr: str | None = doc(
        "An abbreviation to explain wherever it appears (e.g. ARIM): shown with a tooltip.",
        "ページ中に現れたら説明を表示する略語（例：ARIM）。",
        None,
    )
    explanation: Text | None = doc("A short explanation.", "短い説明。", None)
    ja_forms: list[NonEmpty] = listing(
        "Other ways the Japanese writes the term (the terminology check looks for them too).",
        "用語の別の書き方（用語の検査で同じ用語として扱います）。",
    )
    en_forms: list[NonEmpty] = listing(
        "Other accepted forms of the English (a plural, a short form); capitals and the abbreviation always count.",
        "英語として認める別の形（複数形、短縮形など）。大文字小文字の違いと略語は常に認めます。",
    )
    avoid: list[NonEmpty] = listing(
        "English renderings that are not to be used for this term (the check names them when it finds them).",
        "この用語に使わない英訳（見つかった場合、検査がそれを示します）。",
    )
    not_within: list[NonEmpty] = listing(
        "Japanese words that contain the term's characters without being the term (力強い経済 for 強い経済).",
        "用語の文字を含むが用語ではない語（「強い経済」に対する「力強い経済」など）。",
    )
    checked: bool = doc(
        "false for a term too general to check wherever its Japanese appears.",
        "一般的すぎて、日本語が現れるたびに検査できない用語は false。",
        True,
    )


# ---------------------------------------------------------------- corrections.yml


class Correction(Entry, json_schema_extra={"label": {"ja": "訂正", "en": "A correction of the extracted text"}}):
    """An extraction error in the source text, and what the site shows instead."""

    id: Id = doc(*ID_DOC)
    section: SectionId = doc("Where it occurs (a section id).", "出現箇所（sections の id）。")
    extracted: NonEmpty = doc("What the extracted text says.", "抽出された文の表記。")
    shown: NonEmpty | None = doc(
        "What the site shows; leave out if the original cannot be recovered.",
        "本サイトでの表記。原文を復元できない場合は省略。",
        None,
    )
    probable: NonEmpty | None = doc(
        "A probable reading of a garbled phrase that cannot be recovered with certainty (復旧・復興 for 御日・御風): "
        "the pages show the phrase as extracted, marked unclear ({?御日・御風?}), with this reading. The phrase "
        "must occur in `extracted`.",
        "確実には復元できない文字化けの、推定される読み（例：「御日・御風」に対する「復旧・復興」）。ページには"
        "抽出された文のまま判読不確実の印（{?御日・御風?}）を付けて示し、この読みを添えます。その語句は "
        "extracted に含まれている必要があります。",
        None,
        label=("Probable reading", "推定される読み"),
    )
    reason: Text = doc("Why.", "理由。")

    def explains(self, phrase: str) -> bool:
        """Whether this correction is about a phrase marked unclear in the data."""
        return phrase in self.extracted or f"{{?{phrase}?}}" in (self.shown or "")

    def problems(self, data) -> Iterator[ItemProblem]:
        if self.probable is None:
            return
        marked = data.derived("phrases marked unclear", _phrases_marked_unclear)
        if not any(self.explains(phrase) for phrase in marked):
            yield ("probable",), Message("probable_unmarked", extracted=self.extracted)


def _phrases_marked_unclear(data) -> frozenset[str]:
    """The phrases marked unclear ({?…?}) in the data, the corrections' own texts aside."""
    return frozenset(
        phrase
        for items in data.items.values()
        for item in items
        if not isinstance(item, Correction)
        for phrase in marked_phrases(item)
    )
