"""Every mistake in tests/broken/ gives exactly the expected error lines, with file, line and column, in
English and in Japanese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from briefing.cli import validate
from briefing.problems import DataError
from conftest import copy_project

CASES = sorted((Path(__file__).parent / "broken").glob("*.yml"))


def _fill(template: str, line: int, data_dir: Path) -> str:
    """{line}, {line+N}: near the changed text; {at FILE|TEXT}: the line where TEXT first starts in FILE."""

    def line_of(match: re.Match) -> str:
        text = (data_dir / match.group(1)).read_text(encoding="utf-8")
        return str(text[: text.index(match.group(2))].count("\n") + 1)

    template = re.sub(r"\{at ([^|]+)\|([^}]+)\}", line_of, template)
    return re.sub(r"\{line([+-]\d+)?\}", lambda m: str(line + int(m.group(1) or 0)), template)


def break_data(spec: dict, project: Path) -> int:
    """Make the case's mistake in the project's data/; return the line of the changed text (1 when a whole
    file is deleted, emptied or re-encoded)."""
    path = project / "data" / spec["file"]
    if spec.get("delete"):
        path.unlink()
        return 1
    text = path.read_text(encoding="utf-8")
    if "content" in spec:
        path.write_text(spec["content"], encoding="utf-8")
        return 1
    if "encoding" in spec:
        path.write_bytes(text.encode(spec["encoding"], errors="replace"))
        return 1
    old, new = spec["replace"]
    assert old in text, f"the text to replace is no longer in data/{spec['file']}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_broken_data_gives_the_expected_errors(case, pristine, tmp_path):
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    project = copy_project(tmp_path / "project")
    line = break_data(spec, project)
    with pytest.raises(DataError) as raised:
        validate(project)
    for lang, key in (("en", "expected"), ("ja", "expected_ja")):
        got = sorted(problem.text(lang) for problem in raised.value.problems)
        assert got == sorted(_fill(expected, line, project / "data") for expected in spec[key]), lang


def test_the_real_data_is_valid(pristine):
    validate(pristine)
