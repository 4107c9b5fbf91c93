"""The reference part of the editor's guide: every key of every data file, from the models.

What each key takes is described as data (a kind, and what it holds); the template
editor-guide.md.j2 words it in the page's language, so the guide always matches the checks.
"""

from __future__ import annotations

import re

from pydantic.json_schema import models_json_schema

from ..load.declaration import Declaration, item_model
from ..load.schema import data_models
from ..model.fields import ADDRESS_PATTERN, ID_PATTERN


def model_anchor(model: str) -> str:
    return "model-" + re.sub(r"(?<!^)(?=[A-Z])", "-", model).lower()


def describe(prop: dict, defs: dict) -> tuple[dict, list[str]]:
    """What a property takes (``{"kind": …}``), and the models it refers to."""
    if "oneOf" in prop:  # a choice of block kinds
        options, refs = zip(*(describe(option, defs) for option in prop["oneOf"]), strict=True)
        return {"kind": "choice", "options": list(options)}, [ref for group in refs for ref in group]
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        if {option.get("type") for option in options} == {"number", "string"}:
            return {"kind": "amount"}, []
        return describe(options[0], defs)
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        if "enum" in defs[name]:
            return {"kind": "one_of", "values": defs[name]["enum"]}, []
        return {"kind": "model", "name": name, "label": defs[name].get("label"), "anchor": model_anchor(name)}, [name]
    if prop.get("type") == "array":
        inner, refs = describe(prop["items"], defs)
        return {"kind": "list", "inner": inner}, refs
    if prop.get("type") == "object":
        values = prop.get("additionalProperties") or next(iter(prop["patternProperties"].values()))
        inner, refs = describe(values, defs)
        keys = prop.get("propertyNames", {}).get("x-refers-to")
        return {"kind": "map", "inner": inner, "keys": keys}, refs
    if "x-refers-to" in prop:
        return {"kind": "ref", "collection": prop["x-refers-to"]}, []
    if prop.get("pattern") == ID_PATTERN:
        return {"kind": "id"}, []
    if prop.get("pattern") == ADDRESS_PATTERN:
        return {"kind": "address"}, []
    if prop.get("format") == "date":
        return {"kind": "date"}, []
    return {"kind": prop.get("type", "string")}, []


_last: tuple[Declaration, list[dict]] | None = None  # the last reference made, and what from


def reference(declaration: Declaration) -> list[dict]:
    """For each data file, its models in the order they appear, each with one row per key. Made when the
    editor's guide is rendered (making the JSON Schemas takes a tenth of a second): render/names.py; made
    once for both languages' guides."""
    global _last
    if _last is None or _last[0] is not declaration:
        _last = (declaration, _reference(declaration))
    return _last[1]


def _reference(declaration: Declaration) -> list[dict]:
    files = []
    by_file = data_models(declaration)
    # The schemas of every file's model at once: the models they share (Text, Name…) made into schemas once.
    tops, schema = models_json_schema([(model, "validation") for model in by_file.values()])
    defs = schema.get("$defs", {})
    seen: set[str] = set()  # a model shared by several files is described once
    for data_file, model in by_file.items():
        name = tops[(model, "validation")]["$ref"].rsplit("/", 1)[-1]
        queue, models = [(name, defs[name])], []
        while queue:
            name, definition = queue.pop(0)
            if name in seen:
                continue
            seen.add(name)
            rows = []
            for key, prop in definition.get("properties", {}).items():
                kind, refs = describe(prop, defs)
                queue.extend((ref, defs[ref]) for ref in refs)
                rows.append(
                    {
                        "key": key,
                        "type": kind,
                        "required": key in definition.get("required", []),
                        "description": {"ja": prop.get("description_ja") or "", "en": prop.get("description") or ""},
                    }
                )
            models.append({"name": name, "label": definition.get("label"), "anchor": model_anchor(name), "rows": rows})
        files.append(
            {
                "file": f"data/{data_file}",
                "anchor": re.sub(r"[^a-z0-9]+", "-", data_file.lower()).strip("-"),
                "models": models,
            }
        )
    return files


def collection_names(declaration: Declaration) -> dict[str, dict]:
    """What an item of each collection is called, in both languages (for keys that name one)."""
    names = {}
    for spec in declaration.collections:
        extra = item_model(spec).model_config.get("json_schema_extra") or {}
        names[spec.id] = extra.get("label") or {"ja": spec.id, "en": spec.name}
    return names
