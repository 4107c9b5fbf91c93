"""What the engine's own pages of a collection show, for a briefing that has no template for them
(templates/collection/): every key of its items but the id, the name and the editors' marks, each
labelled in both languages, and the collection it refers to, if any."""

from __future__ import annotations

from collections.abc import Mapping

from ..load.declaration import CollectionSpec, item_model
from ..model.fields import Entry, Ref
from ..model.labels import field_label
from ..model.walk import declared


def shown_keys(spec: CollectionSpec, labels: Mapping[str, tuple[str, str]]) -> dict:
    """What the pages show: ``name``, the key an item is named by (its name, else its id), and ``keys``, the
    others in the model's order. Each key as ``key``, ``label`` ({"ja": …, "en": …}: the key's label, else its
    description without its full stop) and ``refers_to`` (a collection id, or None)."""
    model = item_model(spec)
    fields = model.model_fields
    name = spec.name_key if spec.name_key in fields else spec.id_key
    hidden = {spec.id_key, name, *Entry.model_fields}  # (awaiting_translation and the like are for editors)
    keys = []
    for key, info in fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        described = {"ja": str(extra.get("description_ja") or key).rstrip("。"), "en": (info.description or key)}
        described["en"] = described["en"].rstrip(".")
        marks = [mark for _, found in declared(info.annotation, tuple(info.metadata)) for mark in found]
        refers_to = next((mark.collection for mark in marks if isinstance(mark, Ref)), None)
        keys.append({"key": key, "label": field_label(model, key, labels) or described, "refers_to": refers_to})
    return {
        "name": next(key for key in keys if key["key"] == name),
        "keys": [key for key in keys if key["key"] not in hidden],
    }
