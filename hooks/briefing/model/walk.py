"""The one walk over models: every value inside an item, with its path, what its model declares there (its
annotation and marks: ``Ref``, ``Unique``…) and the innermost entry it belongs to; and the same walk over a
model's declaration, for what an item of it can hold.

Everything that looks inside items goes through here: the references and unique values the checks follow
(``marked``, ``refs_of``), the texts the translation and terminology checks read (``texts_in``), the phrases
marked unclear (``marked_phrases``), the entries that may carry their own marks (``entries``), and the changes
page's names for a path (``unwrap``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .fields import UNCLEAR, Entry, Ref, Text, Unique


@dataclass(frozen=True, slots=True)
class Node:
    """A value inside an item."""

    path: tuple  # from the item: ("lines", 2, "amounts", "fy2026-draft")
    value: Any
    annotation: Any  # what the model declares there, Annotated and Optional peeled
    marks: tuple  # the marks given with it (Ref, Unique and pydantic's own constraints)
    entry: tuple | None  # (the innermost entry holding it, or it itself; that entry's path)
    key: bool = False  # a key of a mapping (an id in `amounts`), not a value


def unwrap(annotation: Any, marks: tuple = ()) -> tuple[Any, tuple]:
    """``Annotated[X | None, marks…]`` → (X, marks): the type itself, and every mark given with it."""
    while True:
        if isinstance(annotation, type):  # a class: nothing to peel (most values)
            return annotation, marks
        if get_origin(annotation) is Annotated:
            annotation, *more = get_args(annotation)
            marks = (*marks, *more)
        elif get_origin(annotation) in (Union, UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation, marks
            annotation = options[0]
        else:
            return annotation, marks


def walk(
    value: Any,
    annotation: Any = None,
    *,
    marks: tuple = (),
    path: tuple = (),
    skip: frozenset = frozenset(),
    enter: Callable[[Node], bool] | None = None,
    keys: Callable[[type[BaseModel]], Iterable[str]] | None = None,
    typed: bool = True,
    entry: tuple | None = None,
) -> Iterator[Node]:
    """Every value under ``value``, itself first, depth first, in the order of the model's keys (None is no
    value). ``enter(node)`` false: nothing under that node; ``keys(model)``: the keys of a model worth walking
    (all of them by default). ``skip``: keys of the outer item not to walk (the items of a nested collection,
    walked as their own). ``typed`` false: the nodes have no annotation and no marks (a walk over values
    alone is quicker)."""
    root = path
    stack: list[tuple] = [(value, annotation, marks, path, entry, False)]
    while stack:  # (a stack rather than recursion: this walk runs over every item several times a build)
        value, annotation, marks, path, entry, is_key = stack.pop()
        if value is None:
            continue
        if is_key:
            yield Node(path, value, annotation, marks, entry, key=True)
            continue
        if typed:
            annotation, marks = unwrap(annotation if annotation is not None else type(value), marks)
        if isinstance(value, Entry):
            entry = (value, path)
        node = Node(path, value, annotation, marks, entry)
        yield node
        if enter is not None and not enter(node):
            continue
        children: list[tuple] = []
        if isinstance(value, BaseModel):
            fields = type(value).model_fields
            for name in keys(type(value)) if keys is not None else fields:
                if path is not root or name not in skip:
                    field = fields[name]
                    child = getattr(value, name)
                    children.append((child, field.annotation, tuple(field.metadata), (*path, name), False))
        elif isinstance(value, list | tuple):
            args = get_args(annotation) if typed and get_origin(annotation) in (list, tuple) else ()
            children = [(element, args[0] if args else None, (), (*path, n), False) for n, element in enumerate(value)]
        elif isinstance(value, dict):
            key_type, value_type = get_args(annotation) if typed and get_origin(annotation) is dict else (None, None)
            for key, element in value.items():
                inner, key_marks = unwrap(key_type if key_type is not None else type(key)) if typed else (None, ())
                children.append((key, inner, key_marks, (*path, key), True))
                children.append((element, value_type, (), (*path, key), False))
        stack += [(child, inner, given, where, entry, key) for child, inner, given, where, key in reversed(children)]


def declared(annotation: Any, marks: tuple = (), key: str = "", seen: frozenset = frozenset()) -> Iterator[tuple]:
    """Every place a value of ``annotation`` can hold a value, as (dotted key, marks): the walk above over a
    model's declaration rather than over an item (a nested model's keys are ``lines.amounts``)."""
    while get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        marks = (*marks, *more)
    yield key, marks
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        for name, field in annotation.model_fields.items():
            inner = f"{key}.{name}" if key else name
            yield from declared(field.annotation, tuple(field.metadata), inner, seen | {annotation})
        return
    for arg in get_args(annotation):
        yield from declared(arg, (), key, seen)


def refs_of(model: type[BaseModel]) -> list[tuple[str, Ref]]:
    """The references a model can hold (its nested models' included), as (key, Ref)."""
    return [(key, mark) for key, marks in declared(model) for mark in marks if isinstance(mark, Ref)]


# The keys of each model that can hold a marked value (texts, amounts and the like cannot): worked out once
# per model, and kept as long as the model exists.
_MARKED_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _marked_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys of ``model`` that can hold a marked value: the walk for marks skips the rest, most of the data."""
    if model not in _MARKED_KEYS:
        _MARKED_KEYS[model] = tuple(
            name
            for name, field in model.model_fields.items()
            if any(
                isinstance(mark, Ref | Unique)
                for _, marks in declared(field.annotation, tuple(field.metadata))
                for mark in marks
            )
        )
    return _MARKED_KEYS[model]


def marked(value: Any, skip: frozenset = frozenset()) -> Iterator[tuple[tuple, Ref | Unique, Any]]:
    """Every value under the item ``value`` whose model marks it with ``Ref`` or ``Unique``, as (path, mark,
    value). ``skip`` names keys of the item not to enter (nested collections)."""
    for node in walk(value, skip=skip, keys=_marked_keys):
        for mark in node.marks:
            if isinstance(mark, Ref | Unique):
                yield node.path, mark, node.value


def _not_a_text(node: Node) -> bool:
    return not isinstance(node.value, Text)


def texts_in(value: Any) -> Iterator[tuple[tuple, Text, tuple | None]]:
    """Every bilingual text under ``value`` with its path and its innermost entry (entry, its path)."""
    for node in walk(value, enter=_not_a_text, typed=False):
        if isinstance(node.value, Text) and not node.key:
            yield node.path, node.value, node.entry


def entries(value: Any) -> Iterator[tuple[tuple, Entry]]:
    """Every entry (an item, or an entry nested in it) under ``value``, with its path."""
    for node in walk(value, enter=_not_a_text, typed=False):
        if isinstance(node.value, Entry):
            yield node.path, node.value


def marked_phrases(value: Any) -> Iterator[str]:
    """The phrases marked unclear ({?…?}) under ``value``: in the Japanese of its texts and in its plain strings
    (an abbreviation of the deck), in order."""
    for node in walk(value, enter=_not_a_text, typed=False):
        if node.key:
            continue
        text = node.value.ja if isinstance(node.value, Text) else node.value
        if isinstance(text, str):
            yield from (phrase for phrase in UNCLEAR.findall(text) if phrase)
