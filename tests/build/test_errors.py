"""Broken data stops the build with a message that names the file and line; the old site stays.

Each mistake is made in the tiny briefing, but for the one about this briefing's own arithmetic (a budget
line that breaks its programme's total), made in a copy of the real project. Every mistake an editor could
make in the real data, with its exact message: tests/broken/ (tests/unit/test_broken_data.py).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from base import PROJECT, SMALL_BRIEFING, copy_project, replace_in, run, write_briefing
from briefing.project.outputs import MARKER, mark


@pytest.fixture
def project(tmp_path) -> Path:
    return write_briefing(tmp_path / "briefing")


def edit(project: Path, name: str, old: str, new: str) -> int:
    """Replace the first ``old`` in data/<name>; return its 1-based line number."""
    return replace_in(project / "data" / name, old, new)


def failed_build(project: Path) -> str:
    """Build into a folder holding an earlier site; check it failed and left that site alone; what it said."""
    out = project / "site"
    (out / "ja").mkdir(parents=True)
    mark(out, "build")  # made by an earlier build
    marker = out / "ja" / "index.html"
    marker.write_text("previous site", encoding="utf-8")
    result = run("build", "--out", out, project=project)
    assert result.code != 0
    assert marker.read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "ja"]
    assert "Traceback" not in result.err
    return result.err


def test_malformed_yaml_names_the_file_and_line(project):
    line = edit(project, "events.yml", 'held_on: "2027-06-01"', 'held_on: "2027-06-01')
    stderr = failed_build(project)
    match = re.search(r"data/events\.yml:(\d+):\d+: a quoted text is not closed: add the closing quote", stderr)
    assert match, stderr
    assert int(match.group(1)) >= line
    assert f"(it opens on line {line})" in stderr


def test_unknown_key_is_refused_with_its_line(project):
    line = edit(project, "events.yml", "    venue:", "    place:")
    stderr = failed_build(project)
    assert f"data/events.yml:{line}:5: open-day › place: unknown key 'place'" in stderr


def test_reference_to_a_missing_item_lists_the_valid_ids(project):
    line = edit(project, "events.yml", "themes: [outreach]", "themes: [outreech]")
    stderr = failed_build(project)
    found = [row for row in stderr.splitlines() if row.startswith(f"data/events.yml:{line}:")]
    assert found, stderr
    assert "there is no theme 'outreech'" in found[0]
    assert "outreach" in found[0] and "training" in found[0]


def test_every_problem_is_reported_at_once(project):
    edit(project, "events.yml", "    venue:", "    place:")
    edit(project, "themes.yml", "{id: training,", "{id: training, colour: red,")
    stderr = failed_build(project)
    assert "data/events.yml" in stderr and "data/themes.yml" in stderr
    assert "2 problems" in stderr


def test_a_line_that_breaks_the_total_is_caught(tmp_path):
    """This briefing's own arithmetic (a programme's lines add up to its stated total): in a copy of it."""
    project = copy_project(tmp_path / "project")
    edit(project, "budget.yml", "102.3", "120.3")
    stderr = failed_build(project)
    assert re.search(r"data/budget\.yml:\d+:\d+: materials-innovation › totals\.fy2026-draft: .*199\.2.*181", stderr)


def test_make_check_compiles_every_template_the_build_renders_and_names_each_mistake_at_its_line(tmp_path):
    """A page template and a template of the theme, each with a mistake: make check names both at once, at
    their lines, without rendering a page (the build would stop at the first)."""
    item = textwrap.dedent(SMALL_BRIEFING["templates/events/item.md.j2"]).lstrip("\n") + "{% if %}\n"
    theme = "{% extends 'base.html' %}\n{% block content %}{{ page.content | }}{% endblock %}\n"
    changes = {
        "mkdocs.yml": SMALL_BRIEFING["mkdocs.yml"].replace(str(PROJECT / "overrides"), "overrides"),
        "templates/events/item.md.j2": item,
        "overrides/main.html": theme,
    }
    ran = run("check", project=write_briefing(tmp_path, changes))
    assert ran.code == 1, ran.out
    assert f"templates/events/item.md.j2:{item.count(chr(10))}:1: template error: Expected an expression" in ran.err
    assert "overrides/main.html:2:1: template error: expected token 'name'" in ran.err
    assert "Traceback" not in ran.err


def test_two_sidebar_entries_in_one_place_with_one_position_are_a_warning_at_the_later(project):
    """Which of two entries with the same position comes first is left to chance: each later one is said
    (the site still builds), at its line, with the earlier one named, in both languages."""
    edit(project, "collections.yml", "nav: {section: about, position: 1}", "nav: {section: about, position: 2}")
    line = edit(project, "collections.yml", "nav: {position: 10}", "nav: {position: 90}")
    text = (project / "data" / "collections.yml").read_text(encoding="utf-8").splitlines()[line - 1]
    column = text.index("90") + 1
    english, japanese = run("check", project=project), run("check", project=project, env={"BRIEFING_LANG": "ja"})
    assert english.code == japanese.code == 0
    assert (
        f"data/collections.yml:{line}:{column}: warning: events › nav.position: position 90 is also that of the "
        "sidebar section 'about', in the same place in the sidebar, so the positions do not say which of the two "
        "comes first. Give each its own position"
    ) in english.err
    assert re.search(
        r"data/collections\.yml:\d+:\d+: warning: pages\[3\]\.nav\.position: position 2 is also that of the page "
        r"'downloads\.md'",
        english.err,
    )
    assert "並び順 90 は、サイドバーの同じ場所にあるサイドバーの見出し「about」と同じため" in japanese.err
