"""What the tests of the real site share besides the site itself (tests/conftest.py builds that)."""

from __future__ import annotations

from pathlib import Path

import pytest
from base import PROJECT, run


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> Path:
    """The real project's `make export`, made as the session's site is built (the PDFs included): what plain
    MkDocs (test_export.py) and the other engines (test_engines.py) build. Each builds a copy of it."""
    out = tmp_path_factory.mktemp("export") / "export"
    result = run("export", out, project=PROJECT)
    assert result.code == 0, result.err
    return out
