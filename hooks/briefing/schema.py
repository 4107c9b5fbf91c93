"""JSON Schemas of the data files, exported from the models for editors (VS Code's YAML extension).

Each data file names its schema on its first line, ``# yaml-language-server: $schema=…``,
so the editor completes keys and underlines mistakes while the person types. The files and their
models come from the declaration (data/collections.yml), which has a schema of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

from .declaration import DECLARATION, Declaration, file_models
from .models import Strict

SCHEMA_DIR = "schema"


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


def schemas(declaration: Declaration) -> dict[str, str]:
    """File name → JSON text of its schema, exactly as committed."""
    result = {}
    for data_file, model in data_models(declaration).items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"data/{data_file}",
            **model.model_json_schema(mode="validation"),
        }
        result[schema_name(data_file)] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return result


def write_schemas(project: Path, declaration: Declaration) -> list[str]:
    """Write every schema that changed; return the names written."""
    folder = project / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schemas(declaration).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written
