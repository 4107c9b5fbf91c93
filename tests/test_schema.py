"""The committed JSON Schemas match the models, and every data file points its editor at one."""

from __future__ import annotations

import json

from briefing.cli import PROJECT
from briefing.models import FILE_MODELS
from briefing.schema import SCHEMA_DIR, schema_comment, schemas


def test_committed_schemas_are_up_to_date():
    for name, text in schemas().items():
        committed = PROJECT / SCHEMA_DIR / name
        assert committed.is_file(), f"{name} missing: run `make schema`"
        assert committed.read_text(encoding="utf-8") == text, f"{name} is stale: run `make schema` and commit it"


def test_every_data_file_names_its_schema_on_the_first_line():
    page_files = [f"pages/{path.name}" for path in (PROJECT / "data" / "pages").glob("*.yml")]
    for data_file in [*FILE_MODELS, *page_files]:
        first_line = (PROJECT / "data" / data_file).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == schema_comment(data_file), data_file


def test_schemas_refuse_unknown_keys_and_describe_fields():
    budget = json.loads(schemas()["budget.schema.json"])
    line = budget["$defs"]["BudgetLine"]
    assert line["additionalProperties"] is False
    assert "amounts" in line["required"]
    assert "億円" in json.dumps(line["properties"]["amounts"], ensure_ascii=False)
