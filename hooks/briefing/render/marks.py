"""The phrases of the deck marked unclear in the data ({?…?}), each with the pages that show it and the
corrections that explain it: what the notes page lists, computed, so that none is left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..load.briefing import Briefing
from ..model.glossary import Correction
from ..model.walk import marked_phrases
from ..plan.addresses import item_pages


@dataclass
class UnclearPhrase:
    phrase: str  # as the extracted text has it (Japanese)
    pages: list[str] = field(default_factory=list)  # the addresses of the pages that show it
    corrections: list[Correction] = field(default_factory=list)  # the corrections about it

    @property
    def probable(self) -> str | None:
        """The probable reading a correction gives, if any."""
        return next((c.probable for c in self.corrections if c.probable), None)


def unclear_phrases(briefing: Briefing) -> list[UnclearPhrase]:
    """Every phrase marked unclear in the data (the corrections aside: they are the notes page), in the order
    of the data, with the pages that show it and the corrections about it; worked out once per briefing (both
    languages' pages ask for it)."""
    return briefing.derived("unclear phrases", _unclear_phrases)


def _unclear_phrases(briefing: Briefing) -> list[UnclearPhrase]:
    shown = item_pages(briefing)
    corrections = [item for items in briefing.items.values() for item in items if isinstance(item, Correction)]
    found: dict[str, UnclearPhrase] = {}
    for spec in briefing.declaration.collections:
        for item in briefing[spec.id]:
            if isinstance(item, Correction):
                continue
            phrases = list(dict.fromkeys(marked_phrases(item)))
            if not phrases:
                continue
            pages = _pages_of(briefing, shown, spec.id, item)
            for phrase in phrases:
                entry = found.setdefault(
                    phrase, UnclearPhrase(phrase, corrections=[c for c in corrections if c.explains(phrase)])
                )
                entry.pages += [page for page in pages if page not in entry.pages]
    return list(found.values())


def _pages_of(briefing: Briefing, shown: dict, collection: str, item: Any) -> list[str]:
    """Where an item's text shows in full: its own page; else the tables that list it; else, for an item
    no page shows (a ministry), wherever the items that name it show."""
    pages = shown.get((collection, briefing.id_of(collection, item)), [])
    if pages:
        return [url for url, whole in pages if whole] or [url for url, _ in pages]
    named = []
    for other in briefing.referrers_of(item):
        other_collection = briefing.collection_of(other)
        named += [url for url, _ in shown.get((other_collection, briefing.id_of(other_collection, other)), [])]
    return list(dict.fromkeys(named))
