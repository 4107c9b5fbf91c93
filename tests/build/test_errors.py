"""Broken data stops the build with a message that names the file and line; the old site stays."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from briefing.project.outputs import MARKER, mark
from conftest import copy_project, run_briefing


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def edit(project: Path, name: str, old: str, new: str) -> int:
    """Replace the first ``old`` in data/<name>; return its 1-based line number."""
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def failed_build(project: Path) -> tuple[str, Path]:
    """Build into a folder holding an earlier site; check it failed and left that site alone."""
    out = project / "site"
    (out / "ja").mkdir(parents=True)
    mark(out, "build")  # made by an earlier build
    marker = out / "ja" / "index.html"
    marker.write_text("previous site", encoding="utf-8")
    result = run_briefing("build", "--out", str(out), project=project)
    assert result.returncode != 0
    assert marker.read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "ja"]
    return result.stderr, out


def test_malformed_yaml_names_the_file_and_line(project):
    line = edit(project, "budget.yml", "id: arim", 'id: "arim')
    stderr, _ = failed_build(project)
    match = re.search(r"data/budget\.yml:(\d+):\d+: a quoted text is not closed: add the closing quote", stderr)
    assert match, stderr
    assert int(match.group(1)) >= line


def test_unknown_key_is_refused_with_its_line(project):
    line = edit(project, "fields.yml", "    measures:", "    measure:")
    stderr, _ = failed_build(project)
    assert f"data/fields.yml:{line}:5: ai-semiconductors › measure: unknown key 'measure'" in stderr


def test_reference_to_a_missing_item_lists_the_valid_ids(project):
    line = edit(project, "working_groups.yml", "field: materials", "field: material")
    stderr, _ = failed_build(project)
    found = [row for row in stderr.splitlines() if row.startswith(f"data/working_groups.yml:{line}:")]
    assert found, stderr
    assert "there is no strategic field 'material'" in found[0]
    assert "materials" in found[0] and "shipbuilding" in found[0]


def test_every_problem_is_reported_at_once(project):
    edit(project, "fields.yml", "    measures:", "    measure:")
    edit(project, "budget.yml", "fiscal_year: 2026", "fiscal_year: next")
    stderr, _ = failed_build(project)
    assert "data/fields.yml" in stderr and "data/budget.yml" in stderr
    assert "2 problems" in stderr


def test_a_line_that_breaks_the_total_is_caught(project):
    edit(project, "budget.yml", "102.3", "120.3")
    stderr, _ = failed_build(project)
    assert re.search(r"data/budget\.yml:\d+:\d+: materials-innovation › totals\.fy2026-draft: .*199\.2.*181", stderr)


def test_check_passes_on_the_real_data():
    result = run_briefing("check")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
