"""The committed JSON Schemas match the models and the data, every data file points its editor at one, and
a standard validator (check-jsonschema) finds with them what make check finds, wherever a schema can."""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from base import BROKEN, PROJECT, break_data
from briefing.load.domain import load_domain
from briefing.load.loader import load_briefing
from briefing.load.schema import DRAFT, SCHEMA_DIR, data_models, known_ids, schema_comment, schemas
from jinja2 import Environment, FileSystemLoader

BRIEFING = load_briefing(PROJECT / "data", load_domain(PROJECT))
DECLARATION = BRIEFING.declaration
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
HERE = Path(__file__).parent  # schema_validator.py


def test_committed_schemas_are_up_to_date():
    for name, text in schemas(DECLARATION, known_ids(BRIEFING)).items():
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


def _schema(name: str) -> dict:
    return json.loads(schemas(DECLARATION, known_ids(BRIEFING))[name])


def test_schemas_say_what_the_checks_say_in_keywords_validators_honour():
    budget = _schema("budget.schema.json")
    assert budget["$schema"] == DRAFT  # what the YAML language server supports
    line = budget["definitions"]["BudgetLine"]
    assert line["additionalProperties"] is False
    assert "amounts" in line["required"]
    amounts = line["properties"]["amounts"]
    amount = next(iter(amounts["patternProperties"].values()))
    assert amount["type"] == "number" and amount["minimum"] == 0 and amount["multipleOf"] == 0.01
    assert not {"ge", "decimal_places", "max_digits", "anyOf"} & set(amount)  # keywords no validator reads
    assert amounts["propertyNames"]["enum"] == sorted(BRIEFING.index("phases"))
    assert "en" in budget["definitions"]["Name"]["required"]
    assert line["properties"]["source"]["enum"] == sorted(BRIEFING.index("sections"))
    assert "億円" in json.dumps(amounts, ensure_ascii=False)


def _check_jsonschema(schema: Path, *instances: Path) -> subprocess.CompletedProcess:
    """check-jsonschema over ``instances``, dividing amounts in decimals as the YAML language server does
    (schema_validator.py says why)."""
    command = [str(CHECK_JSONSCHEMA), "--validator-class", "schema_validator:Draft7Decimal"]
    command += ["--schemafile", str(schema), "-o", "json", *map(str, instances)]
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def _schema_of(data_file: str) -> Path:
    from briefing.load.schema import schema_name

    pattern = next(pattern for pattern in data_models(DECLARATION) if fnmatch.fnmatch(data_file, pattern))
    return PROJECT / SCHEMA_DIR / schema_name(pattern)


def test_the_real_data_passes_its_schemas():
    for pattern in data_models(DECLARATION):
        paths = sorted((PROJECT / "data").glob(pattern))
        assert paths, pattern
        result = _check_jsonschema(_schema_of(paths[0].relative_to(PROJECT / "data").as_posix()), *paths)
        assert result.returncode == 0, f"{pattern}: {result.stdout}{result.stderr}"


def _verdicts(schema: Path, paths: list[Path]) -> dict[Path, tuple[str, str]]:
    """What check-jsonschema makes of each data file: caught (with its first message), syntax (the YAML cannot
    be read: it says so, or stops on it), or missed. One run for them all, halved while a file stops it."""
    found_files = [path for path in paths if path.exists()]
    verdicts = dict.fromkeys(paths, ("missed", ""))
    if not found_files:
        return verdicts
    result = _check_jsonschema(schema, *found_files)
    try:
        found = json.loads(result.stdout)
    except json.JSONDecodeError:  # it stopped: ruamel could not read the YAML (a tag on a value it cannot be)
        if len(found_files) == 1:
            return verdicts | {found_files[0]: ("syntax", (result.stderr.strip().splitlines() or [""])[-1])}
        half = len(found_files) // 2  # which file stopped it: each half on its own
        return verdicts | _verdicts(schema, found_files[:half]) | _verdicts(schema, found_files[half:])
    for kind, key in (("caught", "errors"), ("syntax", "parse_errors")):  # a file that cannot be read: syntax
        for error in found.get(key, []):
            path = Path(error["filename"])
            if verdicts[path][0] in ("missed", "caught" if kind == "syntax" else None):
                verdicts[path] = (kind, error["message"])
    return verdicts


def _verdict(data_file: str, path: Path) -> tuple[str, str]:
    return _verdicts(_schema_of(data_file), [path])[path]


def test_check_jsonschema_over_the_broken_data_catches_what_a_schema_can(tmp_path):
    """Each case of tests/broken says what the schema makes of it (caught, syntax, or missed and why); make
    check catches every one (tests/unit/test_broken_data.py). The table goes to test-artifacts/."""
    cases = []
    for case in BROKEN:
        spec = yaml.safe_load(case.read_text(encoding="utf-8"))
        project = tmp_path / case.stem
        shutil.copytree(PROJECT / "data", project / "data")
        break_data(spec, project / "data")
        cases.append((case.stem, spec, project / "data" / spec["file"]))
    by_schema: dict[Path, list[Path]] = {}
    for _, spec, path in cases:
        by_schema.setdefault(_schema_of(spec["file"]), []).append(path)
    verdicts = {
        path: verdict for schema, paths in by_schema.items() for path, verdict in _verdicts(schema, paths).items()
    }
    rows, wrong = [], []
    for name, spec, path in cases:
        verdict, said = verdicts[path]
        declared = spec["schema"]
        if declared.partition(":")[0] != verdict:
            wrong.append(f"{name}: declared {declared!r}, check-jsonschema: {verdict} {said}")
        rows.append({"case": name, "verdict": verdict, "why": declared.partition(":")[2].strip()})
    out = PROJECT / "test-artifacts" / "schema-coverage.md"
    out.parent.mkdir(exist_ok=True)
    template = Environment(loader=FileSystemLoader(HERE), trim_blocks=True, keep_trailing_newline=True)
    out.write_text(template.get_template("schema-coverage.md.j2").render(rows=rows), encoding="utf-8")
    assert not wrong, "\n".join(wrong)
    caught = sum(1 for row in rows if row["verdict"] == "caught")
    assert caught >= 20, f"only {caught} mistakes underlined by the schemas"


@pytest.mark.parametrize("value", ["21.9", "13.6", "0.07", "102.3", "181"])
def test_amounts_the_data_writes_are_multiples_of_a_hundredth(tmp_path, value):
    """The reason for the decimal validator: python-jsonschema's float division refuses these."""
    budget = (PROJECT / "data" / "budget.yml").read_text(encoding="utf-8")
    path = tmp_path / "budget.yml"
    path.write_text(budget.replace("fy2026-draft: 21.9", f"fy2026-draft: {value}", 1), encoding="utf-8")
    assert _verdict("budget.yml", path)[0] == "missed"
