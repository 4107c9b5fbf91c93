"""JSON Schemas of the data files, exported from the models for editors (VS Code's YAML extension).

Each data file names its schema on its first line, ``# yaml-language-server: $schema=…``,
so the editor completes keys and underlines mistakes while the person types. The files and their
models come from the declaration (data/collections.yml), which has a schema of its own.

The exported schemas are JSON Schema draft-07, the draft the YAML language server supports, and say
what the checks say wherever a schema can: amounts are numbers with their limits in keywords validators
honour (``minimum``, ``maximum``, ``multipleOf``), every text needs its ``en``, ids have their pattern,
and a reference lists the ids that exist (``enum``: worked out from the data when ``make schema`` runs,
so a new item's id is known to the editor after ``make schema``). What a schema cannot say (ids that
must differ, totals that must add up, addresses that must keep working…) only ``make check`` checks:
schema/README.md lists it.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..messages import LANGUAGES, say
from ..model.fields import ID_PATTERN, Strict, Text
from .data_files import file_models
from .declaration import DECLARATION, Declaration

SCHEMA_DIR = "schema"
DRAFT = "http://json-schema.org/draft-07/schema#"


def data_models(declaration: Declaration) -> dict[str, type[Strict]]:
    """Every kind of data file and its model; a pattern (pages/*.yml) is one item per file."""
    return {**file_models(declaration), DECLARATION: Declaration}  # the declaration last: it is for developers


def schema_name(data_file: str) -> str:
    """fields.yml → fields.schema.json; pages/*.yml → page.schema.json (one item per file)."""
    if "*" in data_file:
        return data_file.split("/", 1)[0].removesuffix("s") + ".schema.json"
    return data_file.removesuffix(".yml") + ".schema.json"


def schema_comment(data_file: str, pattern: str | None = None) -> str:
    """The first line of a data file; ``pattern`` is the declared pattern of a one-item file."""
    up = "../" * (data_file.count("/") + 1)
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{schema_name(pattern or data_file)}"


def model_schemas(declaration: Declaration) -> dict[str, dict]:
    """Data file → the schema pydantic makes of its model (what the editor's guide describes)."""
    return {
        data_file: model.model_json_schema(mode="validation") for data_file, model in data_models(declaration).items()
    }


def schemas(declaration: Declaration, ids: dict[str, list[str]]) -> dict[str, str]:
    """File name → JSON text of its schema for editors, exactly as committed; ``ids``: collection → the ids
    its items have now (``known_ids``), listed where an item refers to one."""
    result = {}
    for data_file, schema in model_schemas(declaration).items():
        exported = {"$schema": DRAFT, "title": f"data/{data_file}", **draft07(schema, ids)}
        result[schema_name(data_file)] = json.dumps(exported, ensure_ascii=False, indent=2) + "\n"
    return result


def known_ids(briefing) -> dict[str, list[str]]:
    """Collection → the ids of its items, for the schemas' lists of the ids a reference may name."""
    return {spec.id: sorted(briefing.index(spec.id)) for spec in briefing.declaration.collections if briefing[spec.id]}


def draft07(schema: dict, ids: dict[str, list[str]]) -> dict:
    """Pydantic's schema (draft 2020-12 in form) as draft-07, with the checks' rules in its keywords."""
    schema = copy.deepcopy(schema)
    definitions = schema.pop("$defs", {})
    if definitions:
        schema["definitions"] = definitions
    texts = _text_models()
    for name, definition in definitions.items():
        if name in texts:
            _english_required(definition)
    return _visit(schema, ids)


def _text_models() -> set[str]:
    """The models of bilingual texts (Text and the models built on it): their ``en`` is required."""
    found, todo = set(), [Text]
    while todo:
        model = todo.pop()
        found.add(model.__name__)
        todo += model.__subclasses__()
    return found


def _english_required(definition: dict) -> None:
    """``en`` required, and a text (not null). The check allows it missing in an entry marked
    ``awaiting_translation: true``, a mark that is meant to go: the editor underlines it meanwhile."""
    english = definition["properties"]["en"]
    options = [option for option in english.pop("anyOf", []) if option.get("type") != "null"]
    english.pop("default", None)
    for option in options:
        english.update(option)
    definition["required"] = [*definition.get("required", []), "en"]


def _visit(node: Any, ids: dict[str, list[str]]) -> Any:
    if isinstance(node, list):
        return [_visit(element, ids) for element in node]
    if not isinstance(node, dict):
        return node
    node = {key: _visit(value, ids) for key, value in node.items()}
    if "$ref" in node:
        node["$ref"] = node["$ref"].replace("#/$defs/", "#/definitions/")
        if len(node) > 1:  # in draft-07 a $ref's siblings are ignored: the reference goes inside allOf
            node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
    if "decimal_places" in node or "max_digits" in node:
        node = _amount(node)
    collection = node.get("x-refers-to")
    if collection in ids:
        node["enum"] = ids[collection]
    if node.get("pattern") == ID_PATTERN and "enum" not in node:
        node["patternErrorMessage"] = " / ".join(say("schema_id", lang) for lang in LANGUAGES)
    return node


def _amount(node: dict) -> dict:
    """An amount (億円, exact): pydantic says 'a number or a text' with limits of its own (ge, max_digits,
    decimal_places) that no validator reads. For editors: a number, with the same limits in keywords."""
    places, digits = node.pop("decimal_places", None), node.pop("max_digits", None)
    amount: dict[str, Any] = {key: value for key, value in node.items() if key not in ("anyOf", "ge", "le")}
    amount["type"] = "number"
    if "ge" in node:
        amount["minimum"] = node["ge"]
    if places is not None:
        amount["multipleOf"] = float(Decimal(1).scaleb(-places))
    if digits is not None:
        amount["maximum"] = float(Decimal(10) ** (digits - (places or 0)) - Decimal(1).scaleb(-(places or 0)))
    amount["errorMessage"] = " / ".join(say("schema_amount", lang, places=places or 0) for lang in LANGUAGES)
    return amount


def write_schemas(project: Path, declaration: Declaration, ids: dict[str, list[str]]) -> list[str]:
    """Write every schema that changed; return the names written."""
    folder = project / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schemas(declaration, ids).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written
