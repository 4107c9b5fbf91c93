"""A download column's value is one a cell can hold (a text, a number, a date, yes/no or nothing): an item,
a list or a text in both languages is a check problem at the column's expression, not a failed build."""

from __future__ import annotations

import json

import pytest
from base import build, replace_in, run, write_briefing

COLUMN = "value: item.id, description: stable id"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("item", "this expression gives a whole item ("),
        ("item.themes", "this expression gives a list, not a value a column can hold"),
        ("item.name", "this expression gives a text in both languages, not a value a column can hold"),
    ],
)
def test_a_column_that_is_not_a_plain_value_is_a_check_problem(tmp_path, value, said):
    project = write_briefing(tmp_path / "briefing")
    collections = project / "data" / "collections.yml"
    line = replace_in(collections, COLUMN, f"value: {value}, description: stable id")
    result = run("check", project=project)
    assert result.code == 1, result.err
    assert f"data/collections.yml:{line}:" in result.err and said in result.err
    assert "fault of the generator" not in run("build", "--out", project / "site", project=project).err


def test_the_problem_reads_in_japanese(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    replace_in(project / "data" / "collections.yml", COLUMN, "value: item.themes, description: stable id")
    result = run("check", project=project, env={"BRIEFING_LANG": "ja"})
    said = "この式の値はリストで、列に入れられる値（文字列・数値・日付・はい／いいえ・空のいずれか）ではありません"
    assert said in result.err


def test_a_date_column_is_written_as_iso_8601(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    collections = project / "data" / "collections.yml"
    replace_in(collections, "value: item.held_on.isoformat()", "value: item.held_on")
    build(project, project / "site")
    rows = json.loads((project / "site" / "en" / "downloads" / "events.json").read_text(encoding="utf-8"))
    assert rows[0]["held_on"] == "2027-05-10"
