"""What changed between editions is named as a reader names it: every key of this briefing's models has a
label in both languages, and a changed value's place inside an item is given by those labels and by the
items its keys refer to (a budget line's amount by its phase), never by its path in the data. (The changes
pages themselves: tests/build/test_editions.py.)"""

from __future__ import annotations

from briefing.check.edition_diff import field_steps
from briefing.cli import PROJECT
from briefing.load.domain import load_domain
from briefing.model.labels import KEY_LABELS, field_label
from briefing.model.registry import models_of
from pydantic import BaseModel

DOMAIN = load_domain(PROJECT)
MODELS = models_of(DOMAIN)
LABELS = {**KEY_LABELS, **DOMAIN.key_labels}


def test_every_key_an_item_can_change_has_a_label_in_both_languages():
    """The changes page names a changed field by its label (labels.field_label: the engine's, or the domain's
    key_labels), never by its key: every key of every model a collection's items are made of has one."""
    seen: set = set()

    def walk(model) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            label = field_label(model, name, LABELS)
            assert label and label["ja"] and label["en"], f"{model.__name__}.{name} has no label"
            todo = [info.annotation]
            while todo:
                annotation = todo.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    walk(annotation)
                todo += list(getattr(annotation, "__args__", ()) or ())

    for model in MODELS.values():
        walk(model)
    assert len(seen) > 20


def test_a_changed_amount_is_named_by_its_key_and_its_phase():
    assert field_steps(MODELS["BudgetLine"], ("amounts", "fy2026-draft"), LABELS) == [
        {"kind": "field", "label": {"ja": "金額", "en": "Amounts"}},
        {"kind": "ref", "collection": "phases", "id": "fy2026-draft"},
    ]
