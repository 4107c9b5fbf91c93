"""Every package is pinned with the hashes of its files, the direct dependencies are the ones locked, and the
build's locks are never committed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from base import PROJECT


def _requirements(path: Path) -> list[str]:
    """The requirements of a pip requirements file, each with its continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", path.read_text(encoding="utf-8"))
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("lock", ["requirements.lock", "tests/engines/properdocs.txt", "tests/engines/zensical.txt"])
def test_every_package_is_pinned_with_its_hashes(lock):
    requirements = _requirements(PROJECT / lock)
    assert requirements
    for requirement in requirements:
        assert re.match(r"^[A-Za-z0-9_.-]+==[^ ]+ ", requirement), requirement
        assert "--hash=sha256:" in requirement, f"{lock}: no hash for {requirement.split()[0]}"
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line or "$(PIP) " in line]
    assert any("--require-hashes --no-deps -r requirements.lock" in line for line in installs)
    assert any("--require-hashes --no-deps -r $<" in line for line in installs)  # tests/engines/*.txt
    assert not any(" -c requirements.lock" in line for line in installs)


def test_the_direct_dependencies_are_the_ones_locked():
    import tomllib

    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = [*project["dependencies"], *(dep for deps in project["optional-dependencies"].values() for dep in deps)]
    locked = {req.split()[0].lower().replace("_", "-") for req in _requirements(PROJECT / "requirements.lock")}
    for dependency in direct:
        if dependency.startswith(project["name"]):
            continue
        assert dependency.lower().replace("_", "-") in locked, dependency


def test_build_locks_are_not_committed():
    if not (PROJECT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "--", "*.lock"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert [name for name in tracked if Path(name).name.startswith(".")] == []
    for name in (".site.lock", ".site-offline.lock", "editions/.2026-01-21.lock", ".editions.lock"):
        ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=PROJECT, check=False)
        assert ignored.returncode == 0, f"{name} is not ignored by git"
