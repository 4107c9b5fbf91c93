"""JSON Schemas of the data files, exported from the models for editors (VS Code's YAML extension).

Each data file names its schema on its first line, ``# yaml-language-server: $schema=…``,
so the editor completes keys and underlines mistakes while the person types.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import FILE_MODELS, PAGES_DIR, NarrativePage

SCHEMA_DIR = "schema"
PAGE_FILES = f"{PAGES_DIR}/*.yml"
# Every kind of data file and its model; each file in data/pages/ is one NarrativePage.
DATA_MODELS = {**FILE_MODELS, PAGE_FILES: NarrativePage}


def schema_name(data_file: str) -> str:
    return "page.schema.json" if data_file == PAGE_FILES else data_file.removesuffix(".yml") + ".schema.json"


def schema_comment(data_file: str) -> str:
    up = "../../" if data_file.startswith(f"{PAGES_DIR}/") else "../"
    pattern = PAGE_FILES if data_file.startswith(f"{PAGES_DIR}/") else data_file
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{schema_name(pattern)}"


def schemas() -> dict[str, str]:
    """File name → JSON text of its schema, exactly as committed."""
    result = {}
    for data_file, model in DATA_MODELS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"data/{data_file}",
            **model.model_json_schema(mode="validation"),
        }
        result[schema_name(data_file)] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return result


def write_schemas(project: Path) -> list[str]:
    """Write every schema that changed; return the names written."""
    folder = project / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written
