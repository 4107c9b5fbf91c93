"""The loaded briefing: every collection's items, and the lookups that pages and checks share.

Items are the validated models, in the order of their files. Everything a template needs to
follow a reference (an id to its item, an item to the items that name it, a nested item to
the item it sits in) is answered here, the same way for every collection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ..messages import Message, Words
from ..model.domain import Domain
from ..model.edition import Edition, Redirect
from ..model.fields import Ref
from ..model.walk import marked
from ..problems import Problem
from .declaration import EDITION, CollectionSpec, Declaration, item_model
from .positions import Path_, SourceMap


@dataclass(frozen=True)
class Place:
    """Where an item was read: its file and the path inside that file."""

    file: str
    path: Path_


@dataclass
class Briefing:
    declaration: Declaration
    edition: Edition
    redirects: list[Redirect]
    items: dict[str, list[Any]]  # collection id → items
    places: dict[int, Place]  # id(item) → where it was read
    parents: dict[int, Any]  # id(item) → the item it is nested in
    sources: dict[str, SourceMap]  # file label → positions of its values
    domain: Domain = field(default_factory=Domain)  # the project's own models, filters and messages
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _referrers: dict[tuple[str, str], list[tuple[str, Any]]] | None = field(default=None, repr=False)
    _collection_of: dict[int, str] | None = field(default=None, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def __getitem__(self, collection: str) -> list[Any]:
        """``briefing['fields']``; templates write ``data.fields``."""
        return self.items[collection]

    def __getattr__(self, name: str) -> list[Any]:
        """``briefing.fields``: a collection by its id."""
        if name.startswith("_") or name not in self.__dict__.get("items", {}):
            raise AttributeError(name)
        return self.items[name]

    def spec(self, collection: str) -> CollectionSpec:
        return self.declaration.collection(collection)

    def item_name(self, collection: str) -> Message | Words:
        """What one item of a collection is called, in messages: its model's label in Japanese (戦略分野),
        the declaration's name in English (strategic field)."""
        if collection == EDITION:
            return Message("edition_item")
        spec = self.spec(collection)
        label = (item_model(spec).model_config.get("json_schema_extra") or {}).get("label") or {}
        return Words(ja=label.get("ja") or spec.name, en=spec.name)

    def id_of(self, collection: str, item: Any) -> str:
        return getattr(item, self.spec(collection).id_key) if collection != EDITION else item.id

    def index(self, collection: str) -> dict[str, Any]:
        """The items of a collection by id (the first of a repeated id wins; checks report it)."""
        if collection not in self._index:
            found: dict[str, Any] = {}
            for item in self.items.get(collection, []):
                found.setdefault(self.id_of(collection, item), item)
            self._index[collection] = found
        return self._index[collection]

    def get(self, collection: str, item_id: str) -> Any:
        return self.index(collection)[item_id]

    def parent(self, item: Any) -> Any:
        return self.parents[id(item)]

    def nested_keys(self, collection: str) -> frozenset[str]:
        """Keys of an item that hold the items of another collection (walked as their own items)."""
        return frozenset(spec.key for spec in self.declaration.collections if spec.within == collection)

    def references(self, collection: str, item: Any) -> Iterator[tuple[Path_, Ref, str]]:
        """Every reference an item makes, as (path inside the item, mark, id named)."""
        for path, mark, value in marked(item, self.nested_keys(collection)):
            if isinstance(mark, Ref):
                yield path, mark, value

    def collection_of(self, item: Any) -> str:
        if self._collection_of is None:
            self._collection_of = {id(item): name for name, items in self.items.items() for item in items}
        return self._collection_of[id(item)]

    def referrers_of(self, item: Any, collection: str | None = None) -> list[Any]:
        """The items (of ``collection``, or of any) that name ``item``."""
        target = self.collection_of(item)
        return self.referrers(target, self.id_of(target, item), collection)

    def referrers(self, target: str, target_id: str, collection: str | None = None) -> list[Any]:
        """The items (of ``collection``, or of any) that name ``target_id`` of collection ``target``."""
        if self._referrers is None:
            self._referrers = {}
            for name, items in self.items.items():
                for item in items:
                    for _, mark, value in self.references(name, item):
                        found = self._referrers.setdefault((mark.collection, value), [])
                        if not found or found[-1][1] is not item:
                            found.append((name, item))
        return [item for name, item in self._referrers.get((target, target_id), []) if collection in (None, name)]

    def derived(self, name: str, make: Callable[[Briefing], Any]) -> Any:
        """A value worked out from the whole briefing, made once: a rule that every item of a collection
        applies (which phrases are marked unclear anywhere) would otherwise go through all the data for each."""
        if name not in self._derived:
            self._derived[name] = make(self)
        return self._derived[name]

    def problem(self, item: Any, path: Path_, message: Message, *, key: bool = False, warning: bool = False) -> Problem:
        """A problem at ``path`` inside ``item``, with the item's file, line, column and id."""
        place = self.places[id(item)]
        found = self.sources[place.file].problem((*place.path, *path), message, key=key)
        return replace(found, warning=True) if warning else found
