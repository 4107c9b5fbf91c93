"""What rendering a page reads, recorded while it is rendered, and the digest of each thing read.

A page is rendered again only if something it read has changed since it was last rendered: an item,
a collection, a template, or one of the values every page of a build is given. The template engine
tells what a template reads: every name a template looks up goes through ``RecordingContext`` and
every template it loads through ``RecordingEnvironment``; the data is reached through
``RecordingData`` and the renderer's filters, which record the collections and items they return.
A name that carries data but has no rule here is an error, so that a new global cannot escape the
record (``DATA_NAMES``).

Keys are tuples: ``("item", edition, collection, id)``, ``("collection", edition, collection)``,
``("counts", edition)``, ``("everything", edition)``, ``("template", name)``, ``("value", name)``;
``edition`` is a superseded edition's date, or None for the current data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Environment
from jinja2.runtime import Context

from ..load.briefing import Briefing
from ..load.declaration import EDITION
from ..project.digests import digest

Key = tuple


class Reads:
    """The keys read by the page being rendered (None between pages: nothing is recorded then)."""

    def __init__(self) -> None:
        self.current: set[Key] | None = None

    def add(self, key: Key) -> None:
        if self.current is not None:
            self.current.add(key)

    def start(self) -> set[Key]:
        self.current = set()
        return self.current

    def stop(self) -> None:
        self.current = None


# The names a template may look up that carry data, and what reading each means. Every other name a
# template looks up must be one of the environment's functions or constants (checked: see
# ``RecordingContext``). ``edition`` is the edition of the page being rendered.
DATA_NAMES: dict[str, Callable[[str | None], list[Key]]] = {
    "data": lambda edition: [],  # RecordingData records what is reached through it
    "edition": lambda edition: [("collection", edition, EDITION)],
    "reading": lambda edition: [("everything", edition)],
    "downloads": lambda edition: [("everything", None)],
    "history": lambda edition: [("everything", None), ("value", "editions")],
    "changes_since": lambda edition: [("value", "editions")],
    "item_address": lambda edition: [("everything", None), ("value", "editions")],
    "moved": lambda edition: [("value", "redirects")],
    "pdf_file": lambda edition: [("value", "pdf")],
    "offline_copy": lambda edition: [("value", "offline")],
    "pages_citing": lambda edition: [("everything", edition)],
    "page_at": lambda edition: [("everything", edition)],
    "unclear_phrases": lambda edition: [("everything", edition)],
    "guide": lambda edition: [],  # the declaration and the models: in every page's base digest
    "guide_names": lambda edition: [],
}


class RecordingContext(Context):
    """A template context that records the data-carrying names templates look up.

    Jinja looks up every name a template or macro uses when it starts, in branches not taken too (a macro's
    ``{% if change %}…{{ history… }}``): a function (``page_at``) is recorded when it is called, not when it
    is looked up, so that a page that never calls it is not taken to depend on what it reads."""

    def resolve_or_missing(self, key: str) -> Any:
        found = super().resolve_or_missing(key)
        environment = self.environment
        if isinstance(environment, RecordingEnvironment) and key in DATA_NAMES:
            reads = DATA_NAMES[key](environment.edition)
            if callable(found):
                return _recorded_when_called(found, reads, environment.reads)
            for read in reads:
                environment.reads.add(read)
        return found


def _recorded_when_called(function: Callable, keys: list[Key], reads: Reads) -> Callable:
    @functools.wraps(function)  # (keeps Jinja's marks, such as pass_context)
    def called(*args: Any, **kwargs: Any) -> Any:
        for key in keys:
            reads.add(key)
        return function(*args, **kwargs)

    return called


class RecordingEnvironment(Environment):
    """A Jinja environment that records which templates each page loads."""

    context_class = RecordingContext

    def __init__(self, *args: Any, reads: Reads, edition: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reads = reads
        self.edition = edition

    def _load_template(self, name, globals):  # every get_template, import, include and extends
        self.reads.add(("template", name))
        return super()._load_template(name, globals)


class RecordingData:
    """The briefing as templates reach it (``data.fields``): each collection read is recorded."""

    def __init__(self, briefing: Briefing, reads: Reads, edition: str | None):
        self._briefing, self._reads, self._edition = briefing, reads, edition

    def collection(self, name: str) -> list[Any]:
        self._reads.add(("collection", self._edition, name))
        return self._briefing[name]

    def __getattr__(self, name: str) -> list[Any]:
        if name.startswith("_") or name not in self._briefing.items:
            raise AttributeError(name)
        return self.collection(name)

    def __getitem__(self, name: str) -> list[Any]:
        return self.collection(name)

    def get(self, collection: str, item_id: str) -> Any:
        self._reads.add(("item", self._edition, collection, item_id))
        return self._briefing.get(collection, item_id)

    def referrers_of(self, item: Any, collection: str | None = None) -> list[Any]:
        """The items that name ``item``: which ones depends on every item of the collections asked."""
        if collection is None:
            self._reads.add(("everything", self._edition))
        else:
            self._reads.add(("collection", self._edition, collection))
        return self._briefing.referrers_of(item, collection)

    def parent(self, item: Any) -> Any:
        parent = self._briefing.parent(item)
        name = self._briefing.collection_of(parent)
        self._reads.add(("item", self._edition, name, self._briefing.id_of(name, parent)))
        return parent

    def counts(self) -> dict[str, int]:
        self._reads.add(("counts", self._edition))
        return {name: len(items) for name, items in self._briefing.items.items()}


class InputDigests:
    """The digest of each key, worked out when first asked and kept for the build.

    ``editions``: each edition's briefing (None: the current data). ``values``: the digest of each
    named value (``("value", name)``). ``template_source``: a template's source by name."""

    def __init__(
        self,
        editions: dict[str | None, Briefing],
        values: dict[str, str],
        template_source: Callable[[str], str],
    ):
        self._editions = editions
        self._values = values
        self._template_source = template_source
        self._known: dict[Key, str] = {}

    def __call__(self, key: Key) -> str:
        if key not in self._known:
            self._known[key] = self._work_out(key)
        return self._known[key]

    def of(self, keys: Iterable[Key]) -> str:
        """One digest of several keys (in a stable order)."""
        return digest(*(f"{key!r}={self(key)}" for key in sorted(keys, key=repr)))

    def _work_out(self, key: Key) -> str:
        kind = key[0]
        if kind == "template":
            return digest(self._template_source(key[1]))
        if kind == "value":
            return self._values[key[1]]
        briefing = self._editions[key[1]]
        if kind == "item":
            return _item_digest(briefing, key[2], key[3])
        if kind == "collection":
            ids = [briefing.id_of(key[2], item) for item in briefing[key[2]]]
            return digest(*(self(("item", key[1], key[2], item_id)) for item_id in ids), *ids)
        if kind == "counts":
            return digest(*(f"{name}:{len(items)}" for name, items in briefing.items.items()))
        if kind == "everything":
            names = sorted(briefing.items)
            return digest(*(self(("collection", key[1], name)) for name in names), repr(briefing.redirects))
        raise KeyError(key)  # a kind of read that reads.py does not know: a fault of the generator


def _item_digest(briefing: Briefing, collection: str, item_id: str) -> str:
    try:
        item = briefing.get(collection, item_id)
    except KeyError:
        return "absent"
    return digest(item.model_dump_json())
