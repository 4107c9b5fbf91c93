"""Links and lookups for templates: a link from the page being rendered to another page or row (``href``),
anchors and heading levels that the print page shifts, the pages that show a part of the deck, the page at
an address, and an item as a change names it. What a lookup reads is recorded (reads.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import pass_context

from ..load.briefing import Briefing
from ..model.fields import UNCLEAR, Text
from ..plan.addresses import collection_pages, pages_citing
from ..plan.urls import relative_url
from .reads import Reads


@pass_context
def href(context, target: str) -> str:
    """A link from the page being rendered to ``target`` (a site address, with #row if any), in the same
    edition as the page."""
    return relative_url(context.get("site_prefix", "") + target, context["page_path"])


@pass_context
def href_current(context, target: str) -> str:
    """A link to ``target`` in the current edition, from a page of any edition."""
    return relative_url(target, context["page_path"])


@pass_context
def anchor(context, name: str) -> str:
    """An id on the page: prefixed on the print page, where every page's anchors share one page."""
    prefix = context.get("prefix")
    return f"{prefix}--{name}" if prefix else name


@pass_context
def hashes(context, level: int) -> str:
    """A Markdown heading's hashes: one level deeper on the print page."""
    return "#" * (level + context.get("offset", 0))


class Lookups:
    """What templates look up in the briefing beyond its items: worked out once per renderer, when first
    asked. ``labels``: model → how an item of it is named (a domain's, model/domain.py)."""

    def __init__(self, briefing: Briefing, reads: Reads, edition: str | None, lang: str, labels: Mapping):
        self.briefing, self.reads, self.edition, self.lang, self.labels = briefing, reads, edition, lang, labels
        self._citing: dict | None = None
        self._plan: dict | None = None

    def pages_citing(self, section_id: str) -> list:
        """The pages that show data from a part of the deck, by collection (addresses.pages_citing)."""
        if self._citing is None:
            self._citing = pages_citing(self.briefing)
        return self._citing.get(section_id, [])

    def page_at(self, address: str) -> tuple:
        """(collection, item) of the collection page at ``address`` (item None: the index page)."""
        if self._plan is None:
            self._plan = collection_pages(self.briefing)
        return self._plan[address]

    def item_label(self, collection: str, item_id: str) -> str:
        """An item as a change names it (as its domain names it, or by its name), or its id."""
        self.reads.add(("item", self.edition, collection, item_id))
        briefing = self.briefing
        item = briefing.index(collection).get(item_id) if collection in briefing.items else None
        if item is None:
            return item_id
        label: Callable[[Any], str] | None = self.labels.get(type(item))
        if label is not None:
            return label(item)
        name = getattr(item, briefing.spec(collection).name_key, None)
        return UNCLEAR.sub(r"\1", name(self.lang)) if isinstance(name, Text) else item_id
