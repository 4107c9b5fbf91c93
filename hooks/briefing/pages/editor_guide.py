"""The editor's guide: how to edit data/, with a reference of every key generated from the models."""

from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

from ..models import ADDRESS_PATTERN, ID_PATTERN
from ..schema import DATA_MODELS, schema_name, schemas
from ..site import Context, Page

_LABELS = {
    "id": {"ja": "ID（英小文字・数字・ハイフン）", "en": "id (a–z, 0–9, single hyphens)"},
    "address": {"ja": "アドレス（例：fields/materials/）", "en": "address (e.g. fields/materials/)"},
    "date": {"ja": "日付（YYYY-MM-DD）", "en": "date (YYYY-MM-DD)"},
    "integer": {"ja": "整数", "en": "whole number"},
    "boolean": {"ja": "true または false", "en": "true or false"},
    "amount": {"ja": "金額（億円、例：21.9）", "en": "amount in 億円 (e.g. 21.9)"},
    "string": {"ja": "文字列", "en": "text"},
    "list": {"ja": "{} のリスト", "en": "list of {}"},
    "map": {"ja": "予算区分ID → {}", "en": "phase id → {}"},
    "one_of": {"ja": "次のいずれか：{}", "en": "one of: {}"},
}


def _anchor(model: str) -> str:
    return "model-" + re.sub(r"(?<!^)(?=[A-Z])", "-", model).lower()


def _type(prop: dict, defs: dict, lang: str) -> tuple[str, list[str]]:
    """A reader's label for a property's type, and the models it refers to."""
    label = lambda key: _LABELS[key][lang]  # noqa: E731
    if "oneOf" in prop:  # a choice of block kinds
        labels, refs = zip(*(_type(option, defs, lang) for option in prop["oneOf"]), strict=True)
        return Markup(" | ").join(labels), [ref for group in refs for ref in group]
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        if {option.get("type") for option in options} == {"number", "string"}:
            return label("amount"), []
        return _type(options[0], defs, lang)
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        target = defs[name]
        if "enum" in target:
            return label("one_of").format(", ".join(target["enum"])), []
        return Markup('<a href="#{}"><code>{}</code></a>').format(_anchor(name), name), [name]
    if prop.get("type") == "array":
        inner, refs = _type(prop["items"], defs, lang)
        return Markup(escape(label("list"))).format(inner), refs
    if prop.get("type") == "object":
        values = prop.get("additionalProperties") or next(iter(prop["patternProperties"].values()))
        inner, refs = _type(values, defs, lang)
        return Markup(escape(label("map"))).format(inner), refs
    if prop.get("pattern") == ID_PATTERN:
        return label("id"), []
    if prop.get("pattern") == ADDRESS_PATTERN:
        return label("address"), []
    if prop.get("format") == "date":
        return label("date"), []
    return label(prop.get("type", "string")), []


def reference(lang: str) -> list[dict]:
    """For each data file, its models in the order they appear, each with one row per key."""
    files = []
    all_schemas = schemas()
    seen: set[str] = set()  # a model shared by several files (Text, Name…) is described once
    for data_file, model in DATA_MODELS.items():
        schema = json.loads(all_schemas[schema_name(data_file)])
        defs = schema.get("$defs", {})
        queue, models = [(model.__name__, schema)], []
        while queue:
            name, definition = queue.pop(0)
            if name in seen:
                continue
            seen.add(name)
            rows = []
            for key, prop in definition.get("properties", {}).items():
                kind, refs = _type(prop, defs, lang)
                queue.extend((ref, defs[ref]) for ref in refs)
                description = prop.get("description_ja") if lang == "ja" else prop.get("description")
                rows.append(
                    {
                        "key": key,
                        "type": kind,
                        "required": key in definition.get("required", []),
                        "description": description or "",
                    }
                )
            models.append({"name": name, "anchor": _anchor(name), "rows": rows})
        files.append(
            {"file": f"data/{data_file}", "anchor": data_file.replace(".", "-").replace("_", "-"), "models": models}
        )
    return files


def pages(ctx: Context) -> list[Page]:
    return [ctx.render("editor-guide.md.j2", "editing.md", files=reference(ctx.lang))]
