"""A mistake in a page template that makes Python raise while the page renders (a division by zero, a macro
given an argument it does not take, a macro calling itself) is a problem at the template's file:line, in
words, like Jinja's own errors; never "a fault of the generator"."""

from __future__ import annotations

from pathlib import Path

import pytest
from base import build, replace_in, run, write_briefing

ITEM = "templates/events/item.md.j2"
TITLE = "{{ m.title(item.name|heading) }}"


@pytest.fixture
def project(tmp_path) -> Path:
    return write_briefing(tmp_path / "briefing")


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (TITLE, "{{ 1 // 0 }}", "a number is divided by zero (ZeroDivisionError: integer division or modulo by zero)"),
        (TITLE, "{{ m.title(item.name, anchr='x') }}", "macro 'title' takes no keyword argument 'anchr')"),
        (TITLE, "{{ m.title(1, 2, 3) }}", "macro 'title' takes not more than 1 argument(s))"),
        (TITLE, "{{ item.held_on.year + 'a' }}", "TypeError: unsupported operand type(s) for +: 'int' and 'str')"),
        (TITLE, "{{ (item.themes|first)|ref('theme') }}", "an id or a key that is not there (KeyError:"),
        (TITLE, "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}", "a macro calls itself without end (RecursionError"),
    ],
)
def test_python_raised_in_a_template_is_a_problem_at_its_line(project, old, new, said):
    line = replace_in(project / ITEM, old, new)
    result = run("build", "--out", project / "site", "--no-pdf", project=project)
    assert result.code == 1, result.err
    assert "fault of the generator" not in result.err and "Traceback" not in result.err
    assert f"{ITEM}:{line}:1: the template stops at this line: " in result.err
    assert said in result.err


def test_a_macro_called_wrong_is_the_calling_line_s_mistake(project):
    """Not a line of _macros.html.j2, which the editor did not write."""
    line = replace_in(project / ITEM, TITLE, "{{ m.title() }}")
    result = run("build", "--out", project / "site", "--no-pdf", project=project)
    assert result.code == 1
    assert f"{ITEM}:{line}:1: template error: parameter 'text' was not provided" in result.err


def test_a_misspelt_item_is_named_not_numbered(project):
    replace_in(project / ITEM, TITLE, TITLE + "\n{{ m.translation_notice(itme) }}")
    result = run("build", "--out", project / "site", "--no-pdf", project=project)
    assert result.code == 1
    assert f"{ITEM}:3:1: template error: 'itme' is undefined" in result.err


def test_a_missing_include_is_said_to_be_missing(project):
    line = replace_in(project / ITEM, "<ul>", "{% include 'nosuch.html.j2' %}<ul>")
    result = run("build", "--out", project / "site", "--no-pdf", project=project, env={"BRIEFING_LANG": "ja"})
    assert result.code == 1
    said = "テンプレート「nosuch.html.j2」がありません（templates/ にも、生成プログラムのテンプレートにもありません）"
    assert f"{ITEM}:{line}:1: {said}" in result.err


def test_a_page_template_removed_since_the_last_build_gives_way_to_the_generator_s(project):
    """The last build's pages read it: the build cache must not stop at its absence."""
    out = project / "site"
    build(project, out)
    (project / ITEM).unlink()
    build(project, out)
    page = (out / "en" / "events" / "open-day" / "index.html").read_text(encoding="utf-8")
    assert "Open day" in page and "Held on:" not in page  # (the events' own template said "Held on:")
