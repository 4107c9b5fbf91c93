"""Checks that need more than one item: unique ids and values, references, each model's own rules.

They walk the collections as data/collections.yml declares them and the marks the models carry
(``Ref``, ``Unique``), so no check names a collection. Every problem names the place to fix,
and a rule between two places names both.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..load.briefing import Briefing
from ..load.declaration import DECLARATION, EDITION, CollectionSpec, item_model
from ..messages import Message
from ..model.fields import Entry, Unique
from ..model.glossary import Term
from ..model.walk import entries, marked, refs_of, texts_in
from ..problems import Problem


def _allowed(ids) -> list[str] | Message:
    listed = sorted(ids)
    return listed if listed else Message("none_defined")


def _guess(value: str, ids) -> Message | str:
    """A likely id for a mistyped one: a close spelling, or an id that has it as one of its words."""
    close = difflib.get_close_matches(value, list(ids), n=1, cutoff=0.6)
    close = close or [known for known in sorted(ids) if value in str(known).split("-")][:1]
    return Message("did_you_mean", guess=close[0]) if close else ""


def check(briefing: Briefing) -> list[Problem]:
    problems: list[Problem] = []
    for spec in briefing.declaration.collections:
        problems += _unique(briefing, spec)
        problems += _references(briefing, spec)
        problems += _file_names(briefing, spec)
        for item in briefing[spec.id]:
            rules = getattr(item, "problems", None)
            if rules is not None:
                problems += [briefing.problem(item, path, message) for path, message in rules(briefing)]
    problems += _each_once(briefing)
    problems += _declared_parts(briefing)
    problems += _shared_nav_positions(briefing)
    problems += _translations(briefing)
    problems += _terminology(briefing)
    return problems


def _unique(briefing: Briefing, spec: CollectionSpec) -> list[Problem]:
    """Ids, and values marked ``Unique``, differ between the items of one collection."""
    problems = []
    items = briefing[spec.id]
    ids = Counter(briefing.id_of(spec.id, item) for item in items)
    values: dict[tuple, list[tuple[Any, tuple]]] = defaultdict(list)
    for item in items:
        if ids[briefing.id_of(spec.id, item)] > 1:
            value = briefing.id_of(spec.id, item)
            problems.append(
                briefing.problem(
                    item,
                    (spec.id_key,),
                    Message("id_twice", key=spec.id_key, value=value, name=briefing.item_name(spec.id)),
                )
            )
        for path, mark, value in _marks(briefing, spec, item):
            if isinstance(mark, Unique):
                values[(tuple(step for step in path if isinstance(step, str)), value)].append((item, path))
    for (key, value), places in values.items():
        if len(places) > 1:
            for item, path in places:
                problems.append(
                    briefing.problem(
                        item,
                        path,
                        Message("value_twice", name=briefing.item_name(spec.id), key=".".join(key), value=value),
                    )
                )
    return problems


def _marks(briefing: Briefing, spec: CollectionSpec, item: Any):
    return marked(item, briefing.nested_keys(spec.id))


def _references(briefing: Briefing, spec: CollectionSpec) -> list[Problem]:
    problems = []
    for item in briefing[spec.id]:
        for path, ref, value in briefing.references(spec.id, item):
            valid = briefing.index(ref.collection)
            if value not in valid:
                problems.append(
                    briefing.problem(
                        item,
                        path,
                        Message(
                            "unknown_reference",
                            name=briefing.item_name(ref.collection),
                            value=value,
                            guess=_guess(value, valid),
                            allowed=_allowed(valid),
                        ),
                    )
                )
    return problems


def _declared_parts(briefing: Briefing) -> list[Problem]:
    """The part of the deck a collection's index page or a page of the declaration belongs to (``part:`` in
    collections.yml) is one of briefing.yml's parts: under another name, the page fell out of the briefing's
    index, which lists the pages part by part, and made an untitled part in the PDF."""
    declared = _declaration_source(briefing)
    if declared is None:
        return []
    parts = {part.id for part in briefing.edition.parts}
    placed = [(("collections", n), spec.part) for n, spec in enumerate(briefing.declaration.collections)]
    placed += [(("pages", n), page.part) for n, page in enumerate(briefing.declaration.pages)]
    return [
        declared.problem(
            (*where, "part"),
            Message(
                "unknown_reference",
                name=briefing.item_name("parts") if _declares(briefing, "parts") else Message("part_of_deck"),
                value=part,
                guess=_guess(part, parts),
                allowed=_allowed(parts),
            ),
        )
        for where, part in placed
        if part is not None and part not in parts
    ]


def _shared_nav_positions(briefing: Briefing) -> list[Problem]:
    """A warning for each sidebar entry given the position of an earlier one in the same place (a section, or
    the top level with the sections): the positions then do not say which of the two comes first."""
    declared = _declaration_source(briefing)
    if declared is None:
        return []
    declaration = briefing.declaration
    entries = [
        (("sections", n), None, section.position, Message("taken_by_section", id=section.id))
        for n, section in enumerate(declaration.sections)
    ]
    entries += [
        (
            ("collections", n, "nav", "position"),
            spec.nav.section,
            spec.nav.position,
            Message("taken_by_collection", id=spec.id),
        )
        for n, spec in enumerate(declaration.collections)
        if spec.nav is not None
    ]
    entries += [
        (("pages", n, "nav", "position"), page.nav.section, page.nav.position, Message("taken_by_page", path=page.path))
        for n, page in enumerate(declaration.pages)
        if page.nav is not None
    ]
    first: dict[tuple[str | None, int], Message] = {}
    problems = []
    for where, section, position, who in entries:
        if (section, position) in first:
            message = Message("nav_position_taken", position=position, by=first[section, position])
            problems.append(replace(declared.problem(where, message), warning=True))
        first.setdefault((section, position), who)
    return problems


def _declaration_source(briefing: Briefing):
    """data/collections.yml with its positions; None for a frozen edition's data, which is checked with the
    current declaration (its problems are data/'s)."""
    return briefing.sources.get(f"data/{DECLARATION}")


def _declares(briefing: Briefing, collection: str) -> bool:
    return any(spec.id == collection for spec in briefing.declaration.collections)


def _each_once(briefing: Briefing) -> list[Problem]:
    """References marked ``each_once``: every item of the target is named exactly once."""
    problems = []
    for spec in briefing.declaration.collections:
        named: dict[tuple, list[tuple[Any, tuple]]] = defaultdict(list)
        for item in briefing[spec.id]:
            for path, ref, value in briefing.references(spec.id, item):
                if ref.each_once:
                    named[(ref.collection, path[-1], value)].append((item, path))
        targets = {(ref.collection, key) for key, ref in refs_of(item_model(spec)) if ref.each_once}
        for target, key in sorted(targets):
            target_name = briefing.item_name(target)
            # A reference to an id that does not exist is reported as such: that it leaves an item of the
            # target unnamed is its consequence, gone once it is corrected.
            mistyped = any(
                value not in briefing.index(target)
                for (collection, step, value) in named
                if (collection, step) == (target, key)
            )
            for target_id, target_item in briefing.index(target).items():
                found = named.get((target, key, target_id), [])
                if not found and not mistyped:
                    problems.append(
                        briefing.problem(
                            target_item,
                            (briefing.spec(target).id_key,),
                            Message(
                                "each_once_missing",
                                name=briefing.item_name(spec.id),
                                file=spec.file,
                                key=key,
                                id=target_id,
                                target=target_name,
                            ),
                        )
                    )
                first, first_path = found[0] if found else (None, ())
                for item, path in found[1:]:
                    where = briefing.places[id(first)]
                    line, _ = briefing.sources[where.file].where((*where.path, *first_path))
                    problems.append(
                        briefing.problem(
                            item,
                            path,
                            Message(
                                "each_once_twice",
                                target=target_name,
                                id=target_id,
                                name=briefing.item_name(spec.id),
                                other=briefing.id_of(spec.id, first),
                                place=f"{where.file}:{line}",
                            ),
                        )
                    )
    return problems


def _file_names(briefing: Briefing, spec: CollectionSpec) -> list[Problem]:
    """An item that has a file of its own is named after its id, so that it can be found."""
    if "*" not in spec.file:
        return []
    problems = []
    for item in briefing[spec.id]:
        item_id = briefing.id_of(spec.id, item)
        if Path(briefing.places[id(item)].file).stem != item_id:
            problems.append(briefing.problem(item, (spec.id_key,), Message("file_named_after_id", id=item_id)))
    return problems


def _translations(briefing: Briefing) -> list[Problem]:
    """English is required unless its entry is openly marked as awaiting translation."""
    problems: list[Problem] = []
    tops = [EDITION] + [spec.id for spec in briefing.declaration.collections if spec.within is None]
    for collection in tops:
        for item in briefing[collection]:
            complete: dict[tuple, bool] = {}
            marked_entries: dict[tuple, Entry] = {}
            for path, text, entry in texts_in(item):
                model, entry_path = entry if entry else (None, ())
                if model is not None and model.awaiting_translation:
                    marked_entries[entry_path] = model
                    complete.setdefault(entry_path, True)
                    complete[entry_path] &= not text.missing("en")
                elif text.missing("en"):
                    problems.append(
                        briefing.problem(
                            item,
                            path,
                            Message("english_missing"),
                        )
                    )
            for entry_path in marked_entries:
                if complete[entry_path]:
                    problems.append(
                        briefing.problem(
                            item,
                            (*entry_path, "awaiting_translation"),
                            Message("awaiting_but_complete"),
                            key=True,
                        )
                    )
    return problems


def _terminology(briefing: Briefing) -> list[Problem]:
    """Wherever an entry's Japanese uses a glossary term, its English uses the glossary's rendering.

    The longest term found at a place wins (科学技術・イノベーション over 科学). Capitals, spacing and
    the term's abbreviation do not matter; an entry may list a term among its ``terminology_exceptions``.
    """
    glossaries = [spec.id for spec in briefing.declaration.collections if issubclass(item_model(spec), Term)]
    terms = [term for collection in glossaries for term in briefing[collection] if term.checked and term.name.en]
    if not terms:
        return []
    forms = {form: term for term in terms for form in (term.name.ja, *term.ja_forms)}
    forms |= {word: None for term in terms for word in term.not_within}  # found, and not the term
    pattern = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    problems: list[Problem] = []
    tops = [EDITION] + [spec.id for spec in briefing.declaration.collections if spec.within is None]
    for collection in tops:
        if collection in glossaries:
            continue
        for item in briefing[collection]:
            for path, text, entry in texts_in(item):
                if text.en is None:
                    continue
                english = _folded(text.en)
                owner = entry[0] if entry else item
                excepted = {exception.term for exception in getattr(owner, "terminology_exceptions", [])}
                found_terms = (forms[found.group(0)] for found in pattern.finditer(text.ja))
                for term in {term.id: term for term in found_terms if term is not None}.values():
                    if term.id in excepted:
                        continue
                    wanted = [term.name.en, *term.en_forms, *([term.abbr] if term.abbr else [])]
                    if any(_has(english, form) for form in wanted):
                        continue
                    seen = [form for form in term.avoid if _has(english, form)]
                    found = Message("terminology_found", avoided=seen[0]) if seen else ""
                    message = Message("terminology", ja=term.name.ja, en=term.name.en, term=term.id, found=found)
                    problems.append(briefing.problem(item, (*path, "en"), message, warning=True))
    known = {term.id for collection in glossaries for term in briefing[collection]}
    for collection in tops:
        for item in briefing[collection]:
            for path, entry in entries(item):
                for n, exception in enumerate(entry.terminology_exceptions):
                    if exception.term not in known:
                        problems.append(
                            briefing.problem(
                                item,
                                (*path, "terminology_exceptions", n, "term"),
                                Message("no_glossary_term", term=exception.term, guess=_guess(exception.term, known)),
                            )
                        )
    return problems


def _folded(text: str) -> str:
    """Text as the check compares it: no capitals, curly quotes, odd hyphens or double spaces."""
    text = text.casefold().replace("’", "'").replace("‐", "-").replace("“", "").replace("”", "")
    return " ".join(text.split())


def _has(english: str, form: str) -> bool:
    """``form`` in the (folded) English as whole words, or their plural: FY in FY2026, not in FYI."""
    return re.search(rf"(?<![a-z]){re.escape(_folded(form))}(?:e?s)?(?![a-z])", english) is not None
