"""The YAML loader: exact numbers, text dates, duplicate keys, positions."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

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


# Linear time on hostile input: bounded by the CPU time reading the file may take (a limit the system
# enforces), far above what a linear reading needs (a few hundredths of a second, with Python's start) and
# below what a quadratic one did (7 s for the nesting below, 36 s for the blank lines).
WORK_BOUND = 5


def _read_yaml_within_bound(text: str, tmp_path: Path) -> str:
    path = tmp_path / "hostile.yml"
    path.write_text(text, encoding="utf-8")
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_CPU, ({WORK_BOUND}, {WORK_BOUND}))\n"
        "from briefing.load.positions import read_yaml\n"
        "from briefing.problems import DataError\n"
        "try:\n"
        f"    read_yaml(__import__('pathlib').Path({str(path)!r}), 'data/hostile.yml')\n"
        "except DataError as err:\n"
        "    print(err)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"reading a {len(text) // 1000} KB file took more than {WORK_BOUND} s of work"
    return result.stdout


def test_long_blank_lines_before_a_yaml_error_are_read_in_linear_time(tmp_path):
    text = (" " * 30_000 + "\n") * 4 + "redirects: [\n"  # 120 KB
    assert _read_yaml_within_bound(text, tmp_path).splitlines() == [
        "1 problem in the data:",
        "data/hostile.yml:6:1: a list in brackets ([ … ]) is not closed: add the ']', or check the commas between its "
        "entries",
    ]


def test_deep_nesting_is_refused_quickly(tmp_path):
    text = "redirects:\n" + "".join("  " * level + "a:\n" for level in range(1, 2001))  # 2,000 levels, 4 MB
    assert _read_yaml_within_bound(text, tmp_path).splitlines() == [
        "1 problem in the data:",
        "data/hostile.yml:1000:2000: the data is nested too deeply (brackets or indentation, over a thousand "
        "levels): no data file needs more than a few levels",
    ]
