"""Faults of a template, a file or the machine end in a sentence with the place to look, never a
traceback, and the previous site stays as it was; builds replace the site in one step, one at a time."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest
from briefing.cli import PROJECT
from briefing.problems import Problem
from conftest import copy_project, run_briefing


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def _build_fails(project, out=None):
    out = out or project / "site"
    (out / "ja").mkdir(parents=True, exist_ok=True)
    (out / "ja" / "index.html").write_text("previous site", encoding="utf-8")
    result = run_briefing("build", "--out", str(out), project=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    assert (out / "ja" / "index.html").read_text(encoding="utf-8") == "previous site"
    return result.stderr


def test_a_template_error_names_the_template_and_its_line(project):
    template = project / "templates" / "fields" / "item.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "{{ item.no_such_key }}")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stderr = _build_fails(project)
    assert "templates/fields/item.md.j2:4:1: template error:" in stderr and "no_such_key" in stderr
    assert "site was left as it was" in stderr


def test_missing_interface_strings_are_named_by_make_check(project):
    (project / "templates" / "strings" / "en.yml").unlink()
    result = run_briefing("check", project=project)
    assert result.returncode == 1
    assert "templates/strings/en.yml:1:1: the interface strings in this language are missing" in result.stderr


def test_a_hand_written_page_the_navigation_lists_must_exist(project):
    (project / "docs" / "en" / "accessibility.md").unlink()
    result = run_briefing("check", project=project)  # make check checks what the build would fail on
    assert result.returncode == 1
    assert "docs/en/accessibility.md does not exist" in result.stderr


def test_a_place_the_site_cannot_be_written_is_named(project, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = run_briefing("build", "--out", str(blocked / "site"), project=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Could not write the site" in result.stderr and "was left as it was" in result.stderr


def test_what_is_printed_cannot_drive_the_terminal():
    problem = Problem("data/fields.yml", 3, 9, "materials\x1b[2J", "id", "bad\x07")
    assert "\x1b" not in str(problem) and "\x07" not in str(problem)
    assert "materials<U+001B>[2J" in str(problem)


def _complete(site) -> bool:
    return all((site / part).is_file() for part in ("index.html", "ja/index.html", "en/index.html", "en/404.html"))


def test_a_killed_build_leaves_a_complete_site_and_the_next_one_cleans_up(project):
    out = project / "site"
    assert run_briefing("build", "--out", str(out), project=project).returncode == 0
    files = sorted(path.relative_to(out) for path in out.rglob("*"))
    rng = random.Random(20261202)
    command = [sys.executable, "-m", "briefing", "--project", str(project), "build", "--out", str(out), "--no-pdf"]
    for _ in range(6):
        build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 9.0))
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert _complete(out)
        assert sorted(path.relative_to(out) for path in out.rglob("*")) == files
    assert run_briefing("build", "--out", str(out), project=project).returncode == 0
    assert not list(project.glob(".site-build-*")), "a killed build's leftovers were not cleaned"


def test_two_builds_at_once_wait_for_each_other(project):
    out = project / "site"
    command = [sys.executable, "-m", "briefing", "--project", str(project), "build", "--out", str(out), "--no-pdf"]
    builds = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [build.communicate() for build in builds]
    assert [build.returncode for build in builds] == [0, 0], results
    assert any("waiting for it to finish" in stderr for _, stderr in results)
    assert _complete(out) and not list(project.glob(".site-build-*"))


def test_the_project_is_the_folder_the_command_runs_in(project):
    """A copied folder builds itself, not the folder the generator was installed from."""
    (project / "data" / "briefing.yml").write_text(
        (project / "data" / "briefing.yml").read_text(encoding="utf-8").replace("2026-11-29", "2026-11-30"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--out", "site", "--no-pdf"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert 'datetime="2026-11-30"' in (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert not (PROJECT / "site" / "en").exists() or "2026-11-30" not in (
        PROJECT / "site" / "en" / "index.html"
    ).read_text(encoding="utf-8")
