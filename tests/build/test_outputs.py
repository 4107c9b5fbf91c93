"""A command replaces only a folder it made: the project, a folder of its files, a folder above it, the
home folder, a folder of a person's own files and a file where the output goes are all refused before
anything is written, with the reason, and nothing is changed. Tried on the tiny briefing."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from base import PROJECT, write_briefing
from briefing.cli import main
from briefing.project.outputs import MARKER, mark


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory):
    """A tiny briefing that the tests below never change for good (each undoes what it adds)."""
    return write_briefing(tmp_path_factory.mktemp("shared") / "briefing")


def _tiny_project(folder: Path) -> Path:
    """A folder that looks like a project to the command line but has no valid data: on a generator that
    did not refuse the folder first, the build would stop at the data before deleting anything."""
    (folder / "data").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text("site_name: tiny\n", encoding="utf-8")
    (folder / "data" / "notes.yml").write_text("mine: true\n", encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


COMMANDS = {
    "build": lambda out: ["build", "--out", out, "--no-pdf"],
    "offline": lambda out: ["offline", "--out", out, "--no-pdf"],
    "export": lambda out: ["export", out, "--no-pdf"],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("target", [".", "docs", "docs/ja", "data", "templates", "editions", ".git"])
def test_a_command_never_replaces_the_project_or_a_folder_of_its_files(shared_project, command, target, capsys):
    project = shared_project
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    draft = project / "docs" / "ja" / "draft.md"
    draft.write_text("# 下書き\n\nまだ保存していない原稿。\n", encoding="utf-8")
    before = _files(project)
    try:
        with contextlib.chdir(project):
            code = main(["--project", str(project), *COMMANDS[command](target)])
        stderr = capsys.readouterr().err
        assert code == 2, stderr
        assert stderr.startswith(f"{target} cannot be the output folder: ")
        assert stderr.rstrip().endswith("Nothing was changed.")
        assert _files(project) == before
    finally:
        shutil.rmtree(project / ".git", ignore_errors=True)
        draft.unlink(missing_ok=True)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_never_replaces_a_folder_above_the_project_the_home_folder_or_the_root(
    tmp_path, monkeypatch, command, capsys
):
    home = tmp_path / "home"
    project = _tiny_project(home / "briefings" / "tiny")
    monkeypatch.setenv("HOME", str(home))
    before = _files(home)
    for target, reason in (
        (str(home / "briefings"), "it holds the project"),
        (str(home), "it is your home folder"),
        ("/", "it is the root of the file system"),
    ):
        code = main(["--project", str(project), *COMMANDS[command](target)])
        stderr = capsys.readouterr().err
        assert code == 2 and f"cannot be the output folder: {reason}" in stderr, stderr
    assert _files(home) == before


def test_a_folder_the_generator_did_not_make_is_refused_and_one_it_made_is_not(tmp_path, capsys):
    project = _tiny_project(tmp_path / "project")
    mine = tmp_path / "reports"
    mine.mkdir()
    (mine / "minutes.md").write_text("not the generator's\n", encoding="utf-8")
    assert main(["--project", str(project), "export", str(mine), "--no-pdf"]) == 2
    stderr = capsys.readouterr().err
    assert f"it holds files the generator did not make (it has no {MARKER} file" in stderr
    assert (mine / "minutes.md").is_file()
    # A folder marked by an earlier run may be replaced (here the tiny project's data then stops the export).
    mark(mine, "export")
    assert main(["--project", str(project), "export", str(mine), "--no-pdf"]) == 1
    assert "cannot be the output folder" not in capsys.readouterr().err


def test_the_offline_zip_never_replaces_a_file_it_did_not_make(tmp_path, capsys):
    project = _tiny_project(tmp_path / "project")
    (tmp_path / "copy.zip").write_bytes(b"the minutes of the last meeting\n")
    assert main(["--project", str(project), "offline", "--out", str(tmp_path / "copy"), "--no-pdf"]) == 2
    assert "cannot be replaced by the offline copy's zip" in capsys.readouterr().err
    assert (tmp_path / "copy.zip").read_bytes() == b"the minutes of the last meeting\n"


def test_make_export_refuses_the_docs_folder(shared_project):
    """As a person types it: ``make export OUT=docs`` (the Makefile's own set-up step left out: this
    environment is the one that runs the tests)."""
    (shared_project / "docs" / "ja" / "index.md").write_text("# 下書き\n", encoding="utf-8")
    before = _files(shared_project / "docs")
    bin_folder = Path(sys.executable).parent
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-f",
            str(PROJECT / "Makefile"),
            "export",
            "OUT=docs",
            "READY=",
            f"BIN={bin_folder}",
        ],
        cwd=shared_project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "docs cannot be the output folder: it is a folder of the project's own files" in result.stderr
    assert _files(shared_project / "docs") == before
    (shared_project / "docs" / "ja" / "index.md").unlink()


def test_a_file_where_the_site_goes_is_refused_not_moved(shared_project, capsys):
    site = shared_project / "site"
    site.write_text("a note someone saved as 'site'\n", encoding="utf-8")
    try:
        assert main(["--project", str(shared_project), "build", "--out", str(site), "--no-pdf"]) == 2
        assert "cannot be the output folder: it is a file. Move or rename the file" in capsys.readouterr().err
        assert site.read_text(encoding="utf-8") == "a note someone saved as 'site'\n"
        assert not list(shared_project.glob(".site-build-*"))
    finally:
        site.unlink()
