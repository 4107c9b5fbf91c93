"""The checks of data/collections.yml itself, beyond the shape its models give it: the models, collections,
templates, sidebar sections and places for anchors it names must exist."""

from __future__ import annotations

from ..load.declaration import EDITION, CollectionSpec, Declaration, item_model
from ..messages import Message
from ..model.edition import EditionFile
from ..model.fields import Strict
from ..model.walk import refs_of


def nested_model(declaration: Declaration, spec: CollectionSpec) -> type[Strict] | None:
    """The model whose items hold ``spec``'s items (the Edition for collections within the edition)."""
    if spec.within == EDITION:
        return EditionFile.model_fields["briefing"].annotation
    parent = next((other for other in declaration.collections if other.id == spec.within), None)
    return item_model(parent) if parent else None


def declaration_problems(declaration: Declaration, has_template) -> list[tuple[tuple, Message]]:
    """What is wrong with the declaration itself, as (path, message): unknown models, collections,
    templates, sidebar sections and places for anchors."""
    problems: list[tuple[tuple, Message]] = []
    ids = [spec.id for spec in declaration.collections]
    known = {*ids, EDITION}
    sections = {section.id for section in declaration.sections}
    for index, spec in enumerate(declaration.collections):
        path = ("collections", index)
        if ids.count(spec.id) > 1:
            problems.append(((*path, "id"), Message("collection_twice", id=spec.id)))
        if spec.model is not None and spec.model not in declaration.models:
            problems.append(((*path, "model"), Message("no_model", model=spec.model, models=list(declaration.models))))
            continue
        if spec.within is not None:
            if spec.within not in known:
                problems.append(((*path, "within"), Message("no_collection", id=spec.within)))
            else:
                parent = nested_model(declaration, spec)
                if parent is not None and spec.key not in parent.model_fields:
                    problems.append(((*path, "key"), Message("parent_has_no_key", within=spec.within, key=spec.key)))
        model = item_model(spec)
        for key in ("id_key", "name_key"):
            if key == "name_key" and spec.name_key == "name" and "name" not in model.model_fields:
                continue  # the default: items without a name are shown by their id
            if getattr(spec, key) not in model.model_fields:
                message = Message("items_have_no_key", key=getattr(spec, key), keys=list(model.model_fields))
                problems.append(((*path, key), message))
        for field, target in refs_of(model):
            if target.collection not in known:
                problems.append((path, Message("refers_undeclared", key=field, collection=target.collection)))
        for n, place in enumerate(spec.anchors):
            target = place.partition(":")[0]
            if target not in ("index", "parent") and target not in known:
                problems.append(((*path, "anchors", n), Message("no_collection", id=target)))
        # (a collection's pages without a template of their own are the engine's: plan/pages.py)
        if spec.template and not has_template(spec.template):
            problems.append(((*path, "template"), Message("no_template", name=spec.template)))
        if spec.nav and spec.nav.section and spec.nav.section not in sections:
            problems.append(((*path, "nav", "section"), Message("no_section", id=spec.nav.section)))
    for index, page in enumerate(declaration.pages):
        if page.template and not has_template(page.template):
            problems.append((("pages", index, "template"), Message("no_template", name=page.template)))
        if page.nav and page.nav.section and page.nav.section not in sections:
            problems.append((("pages", index, "nav", "section"), Message("no_section", id=page.nav.section)))
    return problems
