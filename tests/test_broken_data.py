"""Every mistake in tests/broken/ gives exactly the expected error lines, with file, line and column."""

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


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_broken_data_gives_the_expected_errors(case, pristine, tmp_path):
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    project = copy_project(tmp_path / "project")
    path = project / "data" / spec["file"]
    text = path.read_text(encoding="utf-8")
    old, new = spec["replace"]
    assert old in text, f"{case.name}: the text to replace is no longer in data/{spec['file']}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        validate(project)
    got = sorted(str(problem) for problem in raised.value.problems)
    assert got == sorted(_fill(expected, line, project / "data") for expected in spec["expected"])


def test_the_real_data_is_valid(pristine):
    validate(pristine)
