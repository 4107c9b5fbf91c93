"""Every mistake in tests/broken/ gives exactly the expected error lines, with file, line and column, in
English and in Japanese; and the real data, unbroken, passes every check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from base import BROKEN, PROJECT, break_data, copy_project, fill, run
from briefing.check.validate import validate
from briefing.problems import DataError


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A copy of the project, whose data each case breaks and then puts back as it was."""
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture
def project(pristine):
    """The pristine copy, its data/ restored after the case, whatever the case did to it."""
    data = pristine / "data"
    kept = data.with_name("data-kept")
    shutil.copytree(data, kept)
    try:
        yield pristine
    finally:
        shutil.rmtree(data)
        kept.rename(data)


@pytest.mark.parametrize("case", BROKEN, ids=[case.stem for case in BROKEN])
def test_broken_data_gives_the_expected_errors(case, project):
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    line = break_data(spec, project / "data")
    with pytest.raises(DataError) as raised:
        validate(project)
    for lang, key in (("en", "expected"), ("ja", "expected_ja")):
        got = sorted(problem.text(lang) for problem in raised.value.problems)
        assert got == sorted(fill(expected, line, project / "data") for expected in spec[key]), lang


def test_the_pristine_copy_is_valid(pristine):
    """(Else every case above would compare its errors with those of a copy already broken.)"""
    validate(pristine)


def test_make_check_passes_on_the_real_data():
    result = run("check", project=PROJECT)
    assert result.code == 0, result.err
    assert "valid" in result.out
