"""The YAML loader: exact numbers, text dates, duplicate keys, positions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from briefing.load.positions import read_yaml
from briefing.problems import DataError


def load(tmp_path, text: str, name: str = "x.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, f"data/{name}")


def test_decimals_and_dates_stay_text(tmp_path):
    data, _ = load(tmp_path, "amount: 21.9\nday: 2026-01-21\ncount: 17\nflag: true\n")
    assert data == {"amount": "21.9", "day": "2026-01-21", "count": 17, "flag": True}
    assert Decimal(data["amount"]) * 10 == 219


def test_positions_are_recorded(tmp_path):
    _, source = load(tmp_path, "items:\n  - id: a\n    name: x\n  - id: b\n    name: y\n")
    assert source.where(("items", 1, "name")) == (5, 11)
    assert source.entry_id(("items", 1, "name")) == ("b", ("name",))


def test_duplicate_keys_name_both_lines(tmp_path):
    with pytest.raises(DataError) as err:
        load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert "data/x.yml:3:1: a: the key 'a' appears twice (lines 1 and 3)" in str(err.value)


def test_aliases_are_refused(tmp_path):
    with pytest.raises(DataError, match="anchors and aliases"):
        load(tmp_path, "a: &x [1, 2]\nb: *x\n")


def test_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path):
    path = tmp_path / "bom.yml"
    path.write_bytes("\ufeffa: 1\r\nb: テスト\r\n".encode())
    data, _ = read_yaml(path, "data/bom.yml")
    assert data == {"a": 1, "b": "テスト"}


def test_non_utf8_is_refused(tmp_path):
    path = tmp_path / "sjis.yml"
    path.write_bytes("a: テスト\n".encode("shift_jis"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_yaml(path, "data/sjis.yml")


def test_a_quote_left_open_mid_file_is_pointed_out(tmp_path):
    text = 'a:\n  b: "open\n  c: fine\nd:\n  e: "closed"\n  - f\n'
    with pytest.raises(DataError) as err:
        load(tmp_path, text)
    assert 'line 2 opens a quote (") that it does not close' in str(err.value)


def test_alias_bombs_are_refused_at_once(tmp_path):
    bomb = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    with pytest.raises(DataError, match="anchors and aliases"):
        load(tmp_path, bomb)
