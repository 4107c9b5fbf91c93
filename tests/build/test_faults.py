"""Faults of a template, a file or the machine end in a sentence with the place to look, never a
traceback, and the previous site stays as it was; builds replace the site in one step, one at a time."""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from briefing.check.editions import checksums
from briefing.check.expressions import ExpressionError, Expressions
from briefing.check.validate import validate
from briefing.cli import PROJECT, main
from briefing.messages import Message
from briefing.problems import DataError, Problem
from briefing.project.files import link_problems
from briefing.project.outputs import MARKER, mark
from conftest import copy_project, run_briefing


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def _build_fails(project, out=None):
    out = out or project / "site"
    (out / "ja").mkdir(parents=True, exist_ok=True)
    mark(out, "build")  # made by an earlier build
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
    problem = Problem("data/fields.yml", 3, 9, "materials\x1b[2J", "id", Message("expression_error", error="bad\x07"))
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


# --- Nothing a command does can lose work, publish the build machine's files or run code from data (issue 18) ---


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory):
    """A copy of the project that the tests below never change for good (each undoes what it adds)."""
    return copy_project(tmp_path_factory.mktemp("shared") / "project")


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


def test_a_run_that_stops_after_replacing_its_output_says_so(shared_project, tmp_path, monkeypatch, capsys):
    """Never "nothing was changed" once something was: here the site is in place when recording its
    addresses fails unexpectedly."""
    from briefing import cli

    def fails(*_args):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(cli, "record_addresses", fails)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "site"
    assert main(["--project", str(shared_project), "build", "--out", str(out), "--record-addresses", "--no-pdf"]) == 2
    stderr = capsys.readouterr().err
    assert "briefing build stopped: RuntimeError: the disk went away" in stderr
    assert "it had already written site" in stderr and "nothing was changed" not in stderr
    assert (out / "ja" / "index.html").is_file()


# Links: a link to a file of the project may be followed; any other is refused before anything is read.
SECRET = "the build machine's secret\n"


@pytest.mark.parametrize(
    "link", ["docs/ja/passwd.md", "overrides/assets/leak.txt", "data/pages/leak.yml", "templates/leak.md.j2"]
)
def test_a_link_out_of_the_project_is_refused_by_check_the_site_the_offline_copy_the_pdf_and_the_preview(
    shared_project, tmp_path, link, capsys
):
    from briefing.preview.server import Preview

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (shared_project / link).symlink_to(secret)
    expected = f"{link}:1:1: a symbolic link to {secret}, outside the project's files"
    try:
        assert main(["--project", str(shared_project), "check"]) == 1
        assert expected in capsys.readouterr().err
        for command in (["build", "--out", str(tmp_path / "site")], ["offline", "--out", str(tmp_path / "copy")]):
            assert main(["--project", str(shared_project), *command]) == 1  # the PDFs asked for too
            assert expected in capsys.readouterr().err
        assert not (tmp_path / "site").exists() and not (tmp_path / "copy.zip").exists()
        preview = Preview(shared_project)
        try:
            preview.rebuild()
            assert any(expected in str(problem) for problem in preview.problems), preview.problems
            assert not preview.site.exists()
        finally:
            shutil.rmtree(preview.folder)
    finally:
        (shared_project / link).unlink()


def test_a_link_to_a_file_of_the_project_is_followed_and_a_link_to_a_folder_is_not(shared_project):
    shared = shared_project / "docs" / "ja" / "shared.md"
    shared.symlink_to(shared_project / "docs" / "en" / "about.md")
    folder = shared_project / "overrides" / "everything"
    folder.symlink_to(shared_project)
    try:
        problems = [str(problem) for problem in link_problems(shared_project)]
        assert problems == [
            f"overrides/everything:1:1: a symbolic link to a folder ({shared_project}): only a link "
            "to a file of the project is followed; copy the folder instead, or link its files one by one"
        ]
    finally:
        shared.unlink()
        folder.unlink()


# Data never runs code: the download expressions of data/collections.yml run in Jinja's sandbox.


def test_download_expressions_have_only_the_names_they_need(briefing):
    expressions = Expressions(briefing, "ja")
    item = briefing["fields"][0]
    assert expressions.evaluate("item.name|t_plain", item=item) == item.name.ja
    for source in (
        "lipsum.__globals__.os.popen('id').read()",
        "item.__class__.__init__.__globals__",
        "item.model_config.update({'x': 1})",
        "range(10**9)|list",
        "cycler.__init__.__globals__",
    ):
        with pytest.raises(ExpressionError):
            expressions.evaluate(source, item=item)
    assert not expressions.env.globals


# Every output replaced atomically and under the lock.


def _offline(project, out, **options):
    command = [sys.executable, "-m", "briefing", "--project", str(project), "offline", "--out", str(out), "--no-pdf"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def test_two_offline_copies_at_once_wait_for_each_other_and_leave_a_sound_zip(shared_project, tmp_path):
    out = tmp_path / "copy"
    first = _offline(shared_project, out)
    try:
        # Pause the first run while it writes the zip, as a slow disk or a busy machine would.
        while first.poll() is None and not list(tmp_path.glob(".copy.zip*partial")):
            time.sleep(0.005)
        first.send_signal(signal.SIGSTOP)
        second = _offline(shared_project, out)
        waiting = second.stderr.readline()
        first.send_signal(signal.SIGCONT)
    finally:
        first.send_signal(signal.SIGCONT)
    results = [first.communicate(), second.communicate()]
    assert [first.returncode, second.returncode] == [0, 0], results
    assert "waiting for it to finish" in waiting, (waiting, results)
    with zipfile.ZipFile(tmp_path / "copy.zip") as zipped:
        assert zipped.testzip() is None
        assert "site-offline/ja/index.html" in zipped.namelist()
    assert sorted(path.name for path in tmp_path.iterdir()) == [".copy.cache", ".copy.lock", "copy", "copy.zip"]


def _no_bigger_than(size: int):
    """A run that can write no file bigger than ``size`` bytes, as on a disk that is full."""

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_full_disk_while_zipping_leaves_the_previous_copy_and_no_temporary_file(shared_project, tmp_path):
    out = tmp_path / "copy"
    out.mkdir()
    mark(out, "offline")
    (out / "index.html").write_text("the previous copy\n", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "copy.zip", "w") as zipped:
        zipped.comment = b"briefing-inputs:the previous copy"
    previous = (tmp_path / "copy.zip").read_bytes()
    # The pages are smaller than 1.5 MB each; the zip of both languages is larger.
    run = _offline(shared_project, out, preexec_fn=_no_bigger_than(1_500_000))
    stdout, stderr = run.communicate()
    assert run.returncode == 1, (stdout, stderr)
    assert "Could not write the site: " in stderr and "File too large" in stderr
    assert stderr.rstrip().endswith(f"{out} was left as it was. {out}.zip was left as it was."), stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "the previous copy\n"
    assert (tmp_path / "copy.zip").read_bytes() == previous
    assert sorted(path.name for path in tmp_path.iterdir()) == [".copy.cache", ".copy.lock", "copy", "copy.zip"]


# Editions are checked like the current data.


def _new_edition(project: Path) -> None:
    briefing_file = project / "data" / "briefing.yml"
    briefing_file.write_text(
        briefing_file.read_text(encoding="utf-8").replace('edition_date: "2026-01-21"', 'edition_date: "2026-05-01"'),
        encoding="utf-8",
    )


def test_freeze_refuses_data_that_fails_a_check(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    _new_edition(project)
    groups = project / "data" / "working_groups.yml"
    groups.write_text(groups.read_text(encoding="utf-8").replace("field: ai-semiconductors", "field: ai", 1), "utf-8")
    assert main(["--project", str(project), "freeze"]) == 1
    stderr = capsys.readouterr().err
    assert "data/working_groups.yml:12:12: ai-semiconductors › field: there is no strategic field 'ai'" in stderr
    assert stderr.rstrip().endswith("Nothing was frozen.")
    assert sorted(path.name for path in (project / "editions").iterdir()) == ["2026-01-21"]


def test_a_frozen_edition_gets_the_checks_between_items_as_well_as_its_checksums(tmp_path):
    project = copy_project(tmp_path / "project")
    _new_edition(project)
    frozen = project / "editions" / "2026-01-21"
    budget = frozen / "data" / "budget.yml"
    budget.write_text(budget.read_text(encoding="utf-8").replace("fy2026-draft: 21.9", "fy2026-draft: 99.1"), "utf-8")
    (frozen / "SHA256SUMS").write_text(checksums(frozen / "data"), encoding="utf-8")  # the checksum recomputed
    with pytest.raises(DataError) as raised:
        validate(project)
    assert [str(problem) for problem in raised.value.problems] == [
        "editions/2026-01-21/data/budget.yml:25:21: materials-innovation › totals.fy2026-draft: the lines add up "
        "to 258.4 (99.1 + 13.9 + 34.9 + 8.2 + 102.3) but the stated total is 181; check the figures (rounding "
        "allows a difference of up to 0.75)"
    ]


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("latest", "editions/latest:1:1: an edition's folder is named after its edition date, written YYYY-MM-DD"),
        ("0000", "editions/0000:1:1: an edition's folder is named after its edition date, written YYYY-MM-DD"),
        (
            "2025-01-01",
            "editions/2025-01-01/data/briefing.yml:13:17: briefing.edition_date: the edition_date is 2026-01-21, "
            "but the edition's folder is editions/2025-01-01/: they must be the same",
        ),
    ],
)
def test_an_editions_folder_not_named_after_its_date_is_a_check_error(shared_project, folder, expected):
    copy = shared_project / "editions" / folder
    shutil.copytree(shared_project / "editions" / "2026-01-21", copy)
    try:
        with pytest.raises(DataError) as raised:
            validate(shared_project)
        assert [str(problem) for problem in raised.value.problems] == [expected] or expected in str(
            raised.value.problems[0]
        )
    finally:
        shutil.rmtree(copy)


# A preview that never stops.


def test_a_fault_in_a_rebuild_is_shown_and_the_watching_goes_on(shared_project, monkeypatch):
    from briefing.preview import server as preview_module

    rebuilds = []

    def fails(*_args, **_kwargs):
        rebuilds.append(1)
        raise RuntimeError("something the generator did not expect")

    monkeypatch.setattr(preview_module, "validate", fails)
    preview = preview_module.Preview(shared_project)
    stop = threading.Event()
    try:
        preview.rebuild()
        assert preview.problems and "RuntimeError: something the generator did not expect" in str(preview.problems[0])
        watcher = threading.Thread(target=preview.watch, kwargs={"stop": stop}, daemon=True)
        watcher.start()
        time.sleep(0.2)
        sums = shared_project / "editions" / "2026-01-21" / "SHA256SUMS"
        for seen in (2, 3):  # an edit of editions/ is seen, and the next one too: the watching goes on
            os.utime(sums, ns=(time.time_ns(), time.time_ns() + seen * 1_000_000_000))
            deadline = time.monotonic() + 20
            while len(rebuilds) < seen and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(rebuilds) == seen
    finally:
        stop.set()
        shutil.rmtree(preview.folder)


def test_every_request_to_the_preview_gets_an_answer(shared_project):
    from briefing.preview.server import Preview, server_of

    preview = Preview(shared_project)
    (preview.site / "ja").mkdir(parents=True)
    (preview.site / "ja" / "404.html").write_text("<html><body><h1>404</h1></body></html>", encoding="utf-8")
    preview.built = True
    server = server_of(preview, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for path, status in ((f"/ja/{'a' * 300}/", 404), (f"/ja/{'a' * 300}.css", 404), ("/ja/%00/", 404)):
            connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
            connection.request("GET", path)
            assert connection.getresponse().status == status, path
            connection.close()
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(preview.folder)


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


# Pinned with hashes.


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
