"""A slip of YAML in the interface strings (templates/strings/<lang>.yml) is a check problem at its line and
column, named as the same slip in data/ is; a malformed placeholder in one is said in words."""

from __future__ import annotations

import pytest
from base import replace_in, run, write_briefing

STRINGS = "templates/strings"


@pytest.mark.parametrize(
    ("lang", "text", "where", "said"),
    [
        ("en", "event: 'Editor's event'\n", "1:15", "a text in single quotes ends at its next single quote"),
        ("en", "event: Note: an event\n", "1:12", "a text contains ': ' (colon and space)"),
        ("en", "event: Event\n\theld_on: Held on\n", "2:1", "a tab character is used here"),
        ("ja", "event：行事\nheld_on: 開催日\n", "1:6", "a full-width colon (：) follows 'event'"),
        ("en", "- event\n- held_on\n", "1:1", "the interface strings must be 'key: text' lines"),
    ],
)
def test_a_slip_in_the_interface_strings_is_a_check_problem(tmp_path, lang, text, where, said):
    project = write_briefing(tmp_path / "briefing", {f"{STRINGS}/{lang}.yml": text})
    result = run("check", project=project)
    assert result.code == 1, result.err
    assert f"{STRINGS}/{lang}.yml:{where}: {said}" in result.err


def test_strings_saved_in_shift_jis_are_a_check_problem_in_japanese(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    (project / STRINGS / "ja.yml").write_bytes("event: 行事\nheld_on: 開催日\n".encode("cp932"))
    result = run("check", project=project, env={"BRIEFING_LANG": "ja"})
    assert result.code == 1
    assert f"{STRINGS}/ja.yml:1:1: ファイルが UTF-8 で保存されていません" in result.err


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Held on {day", "has a brace that does not make a placeholder: a placeholder is a name in braces"),
        ("Held on {}", "has a placeholder without a name ({} or a number): name it as the template gives it"),
        ("Held on {days}", "has a placeholder {days} it is not given"),
    ],
)
def test_a_malformed_placeholder_is_said_in_words(tmp_path, text, said):
    project = write_briefing(tmp_path / "briefing", {f"{STRINGS}/en.yml": f"event: Event\nheld_on: {text}\n"})
    line = replace_in(project / "templates" / "events" / "item.md.j2", "ui('held_on')", "ui('held_on', day=1)")
    result = run("build", "--out", project / "site", "--no-pdf", project=project)
    assert result.code == 1
    assert f"templates/events/item.md.j2:{line}:1: template error: the interface string 'held_on' {said}" in result.err


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("event: Event\nheld_on:\n", "en.yml:2:9: held_on: the interface string 'held_on' is empty"),
        ("event: Event\nheld_on: [a, b]\n", "en.yml:2:10: held_on: the interface string 'held_on' must be a text"),
        ("event: Event\n", "en.yml:1:1: the interface string 'held_on' is in strings/ja.yml but not in this file"),
        ("# the strings, to be written\n", "en.yml:1:1: this file of interface strings is empty"),
    ],
)
def test_a_string_left_empty_not_a_text_or_in_one_language_only_is_a_check_problem(tmp_path, text, said):
    """Each passed the check before: the pages showed "None", or the build stopped on a page using it."""
    project = write_briefing(tmp_path / "briefing", {f"{STRINGS}/en.yml": text})
    result = run("check", project=project)
    assert result.code == 1, result.err
    assert f"{STRINGS}/{said}" in result.err, result.err
