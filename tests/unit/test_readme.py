"""The README's Layout is the tree a newcomer finds: every path it names exists, and every folder of the
project, every stage of the engine, every part of this briefing and every group of tests is named there."""

from __future__ import annotations

import re
import subprocess

from base import PROJECT

ENGINE = PROJECT / "hooks" / "briefing"


def layout() -> set[str]:
    """The paths the Layout block names, each as a path from the project folder ("hooks/briefing/load/")."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Layout\n.*?^```\n(.*?)^```$", readme, re.MULTILINE | re.DOTALL)
    assert block, "the README has no Layout section with a block of paths"
    named: set[str] = set()
    parent = ""
    for line in block.group(1).splitlines():
        if not line.strip() or line.startswith(" " * 4):  # a description carried onto the next line
            continue
        indented = line.startswith("  ")
        names = re.split(r"\s{2,}", line.strip())[0]
        for name in (part.strip() for part in names.split(",")):
            if name in ("…", "") or "<" in name:
                continue
            named.add(f"{parent}{name}" if indented else name)
        if not indented and names.endswith("/"):
            parent = names
    return named


def test_every_path_the_readme_names_exists():
    missing = sorted(path for path in layout() if not (PROJECT / path).exists())
    assert not missing, f"the README's Layout names what is not in the project: {missing}"


def test_every_folder_stage_and_group_of_tests_is_in_the_readme():
    named = layout()
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=False
    ).stdout.splitlines()
    top = {path.split("/")[0] + ("/" if "/" in path else "") for path in tracked} - {"README.md", ".gitignore"}
    top = {".ci/run" if name == ".ci/" else name for name in top}
    if not tracked:  # not a git clone (a copy of the project): the folders as they are
        top = {f"{path.name}/" for path in PROJECT.iterdir() if path.is_dir() and not path.name.startswith(".")}
        top -= {"site/", "test-artifacts/", "node_modules/"}
    expected = top | {
        f"hooks/briefing/{path.name}" + ("/" if path.is_dir() else "")
        for path in ENGINE.iterdir()
        if path.name not in ("__init__.py", "__main__.py", "__pycache__")
    }
    expected |= {f"tests/{path.name}/" for path in (PROJECT / "tests").iterdir() if path.is_dir()}
    expected -= {"tests/__pycache__/"}
    expected |= {f"templates/{name}/" for name in ("domain", "messages", "strings")}
    # A top folder is named by naming what is in it (hooks/ by hooks/briefing/ and hooks/briefing_pages.py).
    missing = sorted(path for path in expected - named if not any(name.startswith(path) for name in named))
    assert not missing, f"the README's Layout does not name: {missing}"
    assert len(named) > 40
