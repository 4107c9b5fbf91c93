"""The committed JSON Schemas match the models, and every data file points its editor at one."""

from __future__ import annotations

import json

from briefing.cli import PROJECT
from briefing.loader import read_declaration
from briefing.schema import SCHEMA_DIR, data_models, schema_comment, schemas

DECLARATION, _ = read_declaration(PROJECT / "data")


def test_committed_schemas_are_up_to_date():
    for name, text in schemas(DECLARATION).items():
        committed = PROJECT / SCHEMA_DIR / name
        assert committed.is_file(), f"{name} missing: run `make schema`"
        assert committed.read_text(encoding="utf-8") == text, f"{name} is stale: run `make schema` and commit it"


def test_every_data_file_names_its_schema_on_the_first_line():
    for pattern in data_models(DECLARATION):
        for path in sorted((PROJECT / "data").glob(pattern)):
            data_file = path.relative_to(PROJECT / "data").as_posix()
            first_line = path.read_text(encoding="utf-8").splitlines()[0]
            expected = schema_comment(data_file, pattern if "*" in pattern else None)
            assert first_line == expected, data_file


def test_schemas_refuse_unknown_keys_and_describe_fields():
    budget = json.loads(schemas(DECLARATION)["budget.schema.json"])
    line = budget["$defs"]["BudgetLine"]
    assert line["additionalProperties"] is False
    assert "amounts" in line["required"]
    assert "億円" in json.dumps(line["properties"]["amounts"], ensure_ascii=False)
