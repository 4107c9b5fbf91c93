"""Outside validators on the built site.

- Frictionless (pinned in pyproject.toml) on each language's downloads/datapackage.json.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_frictionless_finds_each_languages_data_package_valid(site, lang):
    folder = site / lang / "downloads"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    errors = [f"{e['type']}: {e['message']}" for e in report.get("errors", [])]
    for task in report.get("tasks", []):
        errors += [f"{task['name']}: {e['type']}: {e['message']}" for e in task.get("errors", [])]
    assert not errors, "\n".join(errors)
    assert report["valid"] and result.returncode == 0
    # Every resource was checked (a package error stops the run before any is).
    assert sorted(task["name"] for task in report["tasks"]) == sorted(r["name"] for r in package["resources"])
