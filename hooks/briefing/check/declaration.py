"""The checks of data/collections.yml itself, beyond the shape its models give it: the models, collections,
templates, sidebar sections and places for anchors it names must exist."""

from __future__ import annotations

import difflib
from pathlib import Path

from ..load.declaration import EDITION, CollectionSpec, Declaration, FieldType, id_keys, item_model, orderable_keys
from ..load.loader import read_declaration
from ..load.positions import SourceMap
from ..messages import Message
from ..model.domain import Domain
from ..model.edition import EditionFile
from ..model.fields import Entry, Strict
from ..model.walk import refs_of
from ..plan.urls import page_url
from ..problems import DataError


def checked_declaration(
    data_dir: Path, domain: Domain, has_template, root: str | None = None
) -> tuple[Declaration, SourceMap]:
    """data/collections.yml read and checked, as ``load_briefing`` takes it: the data files are read the way
    it says (their models, the lists nested in items, the order of the items), so its problems stop the check
    before any of them is read, rather than be followed by what an unsound declaration makes of the data."""
    declaration, source = read_declaration(data_dir, domain, root)
    problems = [source.problem(path, message) for path, message in declaration_problems(declaration, has_template)]
    if problems:
        raise DataError(problems)
    return declaration, source


def nested_model(declaration: Declaration, spec: CollectionSpec) -> type[Strict] | None:
    """The model whose items hold ``spec``'s items (the Edition for collections within the edition)."""
    if spec.within == EDITION:
        return EditionFile.model_fields["briefing"].annotation
    parent = next((other for other in declaration.collections if other.id == spec.within), None)
    if parent is None or (parent.model is not None and parent.model not in declaration.models):
        return None  # (no such collection, or no such model: reported as such)
    return item_model(parent)


def _guess(value: str, known) -> Message | str:
    """A likely name for a mistyped one (case aside: Kpi for KPI)."""
    by_lower = {name.lower(): name for name in known}
    close = difflib.get_close_matches(value.lower(), list(by_lower), n=1)
    return Message("did_you_mean", guess=by_lower[close[0]]) if close else ""


def _listed(keys: list[str]) -> list[str]:
    """Keys as a message lists them: the model's own first, those every item has (Entry's) after."""
    return sorted(keys, key=lambda key: key != "id" and key in Entry.model_fields)


def declaration_problems(declaration: Declaration, has_template) -> list[tuple[tuple, Message]]:
    """What is wrong with the declaration itself, as (path, message): unknown models, collections,
    templates, sidebar sections and places for anchors; keys its items do not have, or whose values cannot be
    ids (``id_key``), be put in order (``sort_by``) or name an item (``refers_to``)."""
    problems: list[tuple[tuple, Message]] = []
    ids = [spec.id for spec in declaration.collections]
    known = {*ids, EDITION}
    sections = {section.id for section in declaration.sections}
    for index, spec in enumerate(declaration.collections):
        path = ("collections", index)
        if ids.count(spec.id) > 1:
            problems.append(((*path, "id"), Message("collection_twice", id=spec.id)))
        if spec.model is not None and spec.model not in declaration.models:
            models = list(declaration.models)
            message = Message("no_model", model=spec.model, guess=_guess(spec.model, models), models=models)
            problems.append(((*path, "model"), message))
            continue  # (its items have no model to check the rest against)
        if spec.within is not None:
            if spec.within not in known:
                problems.append(
                    ((*path, "within"), Message("no_collection", id=spec.within, guess=_guess(spec.within, known)))
                )
            elif spec.key is None:
                problems.append(((*path, "within"), Message("within_needs_key", within=spec.within)))
            else:
                parent = nested_model(declaration, spec)
                if parent is not None and spec.key not in parent.model_fields:
                    problems.append(((*path, "key"), Message("parent_has_no_key", within=spec.within, key=spec.key)))
        model = item_model(spec)
        for key in ("id_key", "name_key"):
            if key == "name_key" and spec.name_key == "name" and "name" not in model.model_fields:
                continue  # the default: items without a name are shown by their id
            if getattr(spec, key) not in model.model_fields:
                named = getattr(spec, key)
                guess = _guess(named, model.model_fields)
                message = Message("items_have_no_key", key=named, guess=guess, keys=_listed(list(model.model_fields)))
                problems.append(((*path, key), message))
            elif key == "id_key" and spec.id_key not in id_keys(model):
                if spec.fields and spec.id_key in spec.fields:  # (else the declared model adds it, as an id)
                    message = Message("id_key_declared_not_id", key=spec.id_key)
                else:
                    message = Message("id_key_not_text", key=spec.id_key, keys=_listed(id_keys(model)))
                problems.append(((*path, key), message))
        if spec.sort_by is not None and spec.sort_by not in (orderable := orderable_keys(model)):
            if spec.sort_by in model.model_fields:
                message = Message("sort_by_unorderable", key=spec.sort_by, keys=_listed(orderable))
            else:
                guess = _guess(spec.sort_by, orderable)
                message = Message("sort_by_no_key", key=spec.sort_by, guess=guess, keys=_listed(orderable))
            problems.append(((*path, "sort_by"), message))
        for key, field in (spec.fields or {}).items():
            if field.refers_to is not None and field.type != FieldType.id:
                where = (*path, "fields", key, "refers_to")
                problems.append((where, Message("refers_to_needs_id", key=key, type=field.type.value)))
        for field, target in refs_of(model):
            if target.collection not in known:
                # A refers_to of its own is at its line, and may be a slip; a model's reference (in Python) is
                # to a collection renamed or removed here.
                if spec.fields and field in spec.fields and spec.fields[field].refers_to == target.collection:
                    guess = _guess(target.collection, known)
                    message = Message("refers_undeclared", key=field, collection=target.collection, guess=guess)
                    problems.append(((*path, "fields", field, "refers_to"), message))
                else:
                    message = Message("model_refers_undeclared", key=field, collection=target.collection)
                    problems.append((path, message))
        for n, place in enumerate(spec.anchors):
            target = place.partition(":")[0]
            if target not in ("index", "parent") and target not in known:
                problems.append(
                    ((*path, "anchors", n), Message("no_collection", id=target, guess=_guess(target, known)))
                )
        # (a collection's pages without a template of their own are the engine's: plan/pages.py)
        if spec.template and not has_template(spec.template):
            problems.append(((*path, "template"), Message("no_template", name=spec.template)))
        if spec.nav and spec.nav.section and spec.nav.section not in sections:
            problems.append(((*path, "nav", "section"), Message("no_section", id=spec.nav.section)))
    problems += _taken_twice(declaration)
    for index, page in enumerate(declaration.pages):
        if page.template and not has_template(page.template):
            problems.append((("pages", index, "template"), Message("no_template", name=page.template)))
        if page.nav and page.nav.section and page.nav.section not in sections:
            problems.append((("pages", index, "nav", "section"), Message("no_section", id=page.nav.section)))
    return problems


def _taken_twice(declaration: Declaration) -> list[tuple[tuple, Message]]:
    """A page address or a download's file name given twice: the later page or file would replace the
    earlier one in the site without a word (a collection's pages/ and page, and the pages' paths, share the
    addresses; the downloads of every collection share downloads/)."""
    problems: list[tuple[tuple, Message]] = []
    addresses: dict[str, Message] = {}  # address → whose it is
    files: dict[str, str] = {}
    for index, spec in enumerate(declaration.collections):
        path = ("collections", index)
        for key, address in (("pages", spec.pages and f"{spec.pages}/"), ("page", spec.page and page_url(spec.page))):
            if address is None:
                continue
            if address in addresses:
                problems.append(((*path, key), Message("address_taken", address=address, by=addresses[address])))
            addresses.setdefault(address, Message("taken_by_collection", id=spec.id))
        for number, download in enumerate(spec.downloads):
            if download.name in files:
                message = Message("download_taken", name=download.name, by=files[download.name])
                problems.append(((*path, "downloads", number, "name"), message))
            files.setdefault(download.name, spec.id)
    for index, page in enumerate(declaration.pages):
        address = page_url(page.path)
        if address in addresses:
            problems.append(
                (("pages", index, "path"), Message("address_taken", address=address, by=addresses[address]))
            )
        addresses.setdefault(address, Message("taken_by_page", path=page.path))
    return problems
