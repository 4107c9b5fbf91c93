"""What changed between two editions, collection by collection, item by item, field by field.

Items are matched by id in every collection the declaration lists; a changed item lists each value
that differs, with its path inside the item, the old and the new value. Computed from the models,
never typed. Texts are compared in each language, so that a Japanese text that changed while its
English did not is found (a translation that may lag).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..load.briefing import Briefing
from ..model.fields import Entry, Ref, Text
from ..model.labels import KEY_LABELS, field_label
from ..model.walk import unwrap
from ..text.phrases import phrases


@dataclass(frozen=True)
class FieldChange:
    path: tuple  # inside the item: ("amounts", "fy2026-draft")
    kind: str  # text, amount, value, added, removed
    old: Any
    new: Any

    def steps(self, model: type[BaseModel], labels: Mapping[str, tuple[str, str]] = KEY_LABELS) -> list[dict]:
        """The changed value's place inside an item of ``model``, as a reader names it (``field_steps``)."""
        return field_steps(model, self.path, labels)

    @property
    def difference(self) -> Decimal | None:
        return self.new - self.old if self.kind == "amount" else None

    def changed_in(self, lang: str) -> bool:
        """For a text: whether its ``lang`` version differs."""
        return self.kind != "text" or getattr(self.old, lang) != getattr(self.new, lang)


@dataclass
class ItemChange:
    collection: str
    item_id: str
    old: Any
    new: Any
    fields: list[FieldChange]


@dataclass
class Comparison:
    """From the edition of ``old_date`` to that of ``new_date``."""

    old_date: str
    new_date: str
    added: dict[str, list[Any]] = field(default_factory=dict)
    removed: dict[str, list[Any]] = field(default_factory=dict)
    changed: dict[str, list[ItemChange]] = field(default_factory=dict)

    @property
    def collections(self) -> list[str]:
        return [name for name in dict.fromkeys([*self.added, *self.removed, *self.changed])]

    def counts(self) -> dict[str, int]:
        return {
            "added": sum(map(len, self.added.values())),
            "removed": sum(map(len, self.removed.values())),
            "changed": sum(map(len, self.changed.values())),
        }

    def of(self, collection: str, item_id: str) -> ItemChange | None:
        return next((change for change in self.changed.get(collection, []) if change.item_id == item_id), None)


def compare(old: Briefing, new: Briefing) -> Comparison:
    result = Comparison(old.edition.edition_date.isoformat(), new.edition.edition_date.isoformat())
    for spec in new.declaration.collections:
        if spec.id not in old.items:
            continue
        before, after = old.index(spec.id), new.index(spec.id)
        nested = new.nested_keys(spec.id)
        added = [item for item_id, item in after.items() if item_id not in before]
        removed = [item for item_id, item in before.items() if item_id not in after]
        changed = []
        for item_id, item in after.items():
            if item_id in before:
                fields = list(_diff(before[item_id], item, (), nested))
                if fields:
                    changed.append(ItemChange(spec.id, item_id, before[item_id], item, fields))
        for name, found in (("added", added), ("removed", removed), ("changed", changed)):
            if found:
                getattr(result, name)[spec.id] = found
    return result


def _diff(old: Any, new: Any, path: tuple, skip: frozenset = frozenset()):
    if old == new:
        return
    if isinstance(old, Text) and isinstance(new, Text):
        yield FieldChange(path, "text", old, new)
    elif isinstance(old, Decimal) and isinstance(new, Decimal):
        yield FieldChange(path, "amount", old, new)
    elif _same_model(old, new):
        for name in type(new).model_fields:
            if name not in skip:
                yield from _diff(getattr(old, name, None), getattr(new, name), (*path, name))
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            if key not in old:
                yield FieldChange((*path, key), "added", None, new[key])
            elif key not in new:
                yield FieldChange((*path, key), "removed", old[key], None)
            else:
                yield from _diff(old[key], new[key], (*path, key))
    elif isinstance(old, list) and isinstance(new, list):
        yield from _diff_list(old, new, path)
    elif old is None:
        yield FieldChange(path, "added", None, new)
    elif new is None:
        yield FieldChange(path, "removed", old, None)
    else:
        yield FieldChange(path, "value", old, new)


def _same_model(old: Any, new: Any) -> bool:
    """Two entries of one model. A model declared in data/collections.yml is made again each time a briefing
    is loaded (each edition's is a class of its own), so the same name counts as the same model."""
    return (
        isinstance(old, BaseModel)
        and isinstance(new, BaseModel)
        and (type(old) is type(new) or type(old).__name__ == type(new).__name__)
    )


def field_steps(model: type[BaseModel], path: tuple, labels: Mapping[str, tuple[str, str]] = KEY_LABELS) -> list[dict]:
    """A path inside an item, step by step, as the changes page names it: a key by its label in both
    languages ({"kind": "field", "label": {"ja": …, "en": …}}), an id that names an item of another
    collection by that item ({"kind": "ref", "collection": …, "id": …}), an entry of a list by its number
    ({"kind": "number", "number": 2}), and anything else as written ({"kind": "key", "key": …}). ``labels``:
    the engine's and the domain's names of keys (labels.py)."""
    steps: list[dict] = []
    current: Any = model
    for step in path:
        current = unwrap(current)[0]
        if get_origin(current) in (Union, UnionType):  # a choice of models (a page's blocks): the one with the key
            options = [unwrap(option)[0] for option in get_args(current)]
            current = next(
                (o for o in options if isinstance(o, type) and step in getattr(o, "model_fields", {})), current
            )
        if isinstance(current, type) and issubclass(current, BaseModel) and step in current.model_fields:
            label = field_label(current, step, labels) or {"ja": step, "en": step}
            steps.append({"kind": "field", "label": label})
            current = current.model_fields[step].annotation
            continue
        args = get_args(current)
        key, element = (args[0], args[-1]) if get_origin(current) is dict else (None, args[0] if args else Any)
        if isinstance(step, int):
            steps.append({"kind": "number", "number": step + 1})
        else:
            refs = [mark for mark in unwrap(key)[1] if isinstance(mark, Ref)] if key is not None else []
            refs = refs or _identity_refs(element)
            steps.append(
                {"kind": "ref", "collection": refs[0].collection, "id": step} if refs else {"kind": "key", "key": step}
            )
        current = element
    return steps


def _identity_refs(element: Any) -> list[Ref]:
    """The reference that identifies the entries of a list (a working group's ``minister``), if any."""
    element = unwrap(element)[0]
    if not (isinstance(element, type) and issubclass(element, BaseModel)):
        return []
    for info in element.model_fields.values():
        found = [mark for mark in (*info.metadata, *unwrap(info.annotation)[1]) if isinstance(mark, Ref)]
        if found:
            return found
    return []


def identity(value: BaseModel) -> str | None:
    """What identifies an entry of a list inside an item: its id, else its first reference to another
    item (a working group's minister, a budget line's ministry)."""
    for name, info in type(value).model_fields.items():
        if name == "id" or any(isinstance(mark, Ref) for mark in info.metadata):
            found = getattr(value, name)
            return found if isinstance(found, str) else None
    return None


def _keys(values: list) -> list | None:
    """The identities of a list's entries, if each has one and no two share it."""
    keys = [identity(value) if isinstance(value, BaseModel) else None for value in values]
    return keys if all(keys) and len(set(keys)) == len(keys) else None


def _diff_list(old: list, new: list, path: tuple):
    keys_old, keys_new = _keys(old), _keys(new)
    if keys_old and keys_new:
        before = dict(zip(keys_old, old, strict=True))
        for key, value in zip(keys_new, new, strict=True):
            if key in before:
                yield from _diff(before[key], value, (*path, key))
            else:
                yield FieldChange((*path, key), "added", None, value)
        for key, value in before.items():
            if key not in keys_new:
                yield FieldChange((*path, key), "removed", value, None)
    elif len(old) == len(new):
        for index, (before, after) in enumerate(zip(old, new, strict=True)):
            yield from _diff(before, after, (*path, index))
    else:
        common = min(len(old), len(new))
        for index in range(common):
            yield from _diff(old[index], new[index], (*path, index))
        for index in range(common, len(new)):
            yield FieldChange((*path, index), "added", None, new[index])
        for index in range(common, len(old)):
            yield FieldChange((*path, index), "removed", old[index], None)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The new text as segments (same, inserted, deleted), in words for English and phrases for Japanese."""
    split = phrases if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", old + new) else _words
    before, after = split(old), split(new)
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("deleted", "".join(before[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("inserted", "".join(after[j1:j2])))
    return segments


def _words(text: str) -> list[str]:
    return re.findall(r"\S+\s*|\s+", text)


def stale_translations(comparison: Comparison, current: Briefing) -> list[tuple[Any, Any, FieldChange]]:
    """(item, entry, change) for every text whose Japanese changed since the edition compared with while
    its English did not, unless the entry says its translation was checked against that edition."""
    found = []
    for changes in comparison.changed.values():
        for change in changes:
            for field_change in change.fields:
                if field_change.kind != "text" or field_change.old.en is None or field_change.new.en is None:
                    continue
                if field_change.old.ja != field_change.new.ja and field_change.old.en == field_change.new.en:
                    entry = _entry_at(change.new, field_change.path)
                    checked = getattr(entry, "translation_checked", None)
                    if checked is None or checked.isoformat() != comparison.old_date:
                        found.append((change.new, entry, field_change))
    return found


def _entry_at(item: Any, path: tuple) -> Any:
    """The innermost entry on ``path`` inside ``item`` (whose translation_checked applies)."""
    entry, value = item, item
    for step in path:
        value = value[step] if isinstance(value, list | dict) else getattr(value, step, None)
        if isinstance(value, Entry):
            entry = value
    return entry
