"""Faults of a template, a file or the machine end in a sentence with the place to look, never a
traceback, and the previous site stays as it was; builds replace the site in one step, one at a time.

Tried on the tiny briefing. The builds that are killed, run side by side, paused or starved of disk
space run in processes of their own, as a person's would; the others in this process.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from base import PROJECT, SMALL_BRIEFING, command, replace_in, run, write_briefing
from briefing.project.outputs import mark

# A page written by hand, which the navigation lists.
ABOUT = {
    "docs/ja/about.md": "# このサイトについて\n\n架空の課の資料です。\n",
    "docs/en/about.md": "# About this site\n\nA fictitious division's briefing.\n",
    "data/collections.yml": SMALL_BRIEFING["data/collections.yml"].replace(
        "          - {path: downloads.md,",
        "          - {path: about.md, nav: {section: about, position: 0}}\n          - {path: downloads.md,",
    ),
}


@pytest.fixture
def project(tmp_path) -> Path:
    return write_briefing(tmp_path / "briefing", ABOUT)


def _build_fails(project, out=None) -> str:
    out = out or project / "site"
    (out / "ja").mkdir(parents=True, exist_ok=True)
    mark(out, "build")  # made by an earlier build
    (out / "ja" / "index.html").write_text("previous site", encoding="utf-8")
    result = run("build", "--out", out, project=project)
    assert result.code == 1
    assert "Traceback" not in result.err and "Traceback" not in result.out, result.err
    assert (out / "ja" / "index.html").read_text(encoding="utf-8") == "previous site"
    return result.err


def test_a_template_error_names_the_template_and_its_line(project):
    template = project / "templates" / "events" / "item.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "{{ item.no_such_key }}")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stderr = _build_fails(project)
    assert "templates/events/item.md.j2:4:1: template error:" in stderr and "no_such_key" in stderr
    assert "site was left as it was" in stderr


def test_missing_interface_strings_are_named_by_make_check(project):
    (project / "templates" / "strings" / "en.yml").unlink()
    result = run("check", project=project)
    assert result.code == 1
    assert "templates/strings/en.yml:1:1: the interface strings in this language are missing" in result.err


def test_a_hand_written_page_the_navigation_lists_must_exist(project):
    assert run("check", project=project).code == 0
    (project / "docs" / "en" / "about.md").unlink()
    result = run("check", project=project)  # make check checks what the build would fail on
    assert result.code == 1
    assert "docs/en/about.md does not exist" in result.err


def test_a_place_the_site_cannot_be_written_is_named(project, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = run("build", "--out", blocked / "site", project=project)
    assert result.code == 1 and "Traceback" not in result.err
    assert "Could not write the site" in result.err and "was left as it was" in result.err


def _complete(site) -> bool:
    return all((site / part).is_file() for part in ("index.html", "ja/index.html", "en/index.html", "en/404.html"))


def _files(folder: Path) -> list[Path]:
    return sorted(path.relative_to(folder) for path in folder.rglob("*"))


def _build_command(project: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "briefing", "--project", str(project), "build", "--out", str(out), "--no-pdf"]


def test_a_killed_build_leaves_a_complete_site_and_the_next_one_cleans_up(project):
    """Killed at random moments of a build with work to do (a figure changed each time; every other time
    with no cache to take anything from), in a process of its own as a person's build would be."""
    out = project / "site"
    started = time.monotonic()
    assert command("build", "--out", out, project=project).returncode == 0
    took = time.monotonic() - started  # a cold build, the process's start included
    files = _files(out)
    rng = random.Random(20261202)
    events = project / "data" / "events.yml"
    killed = 0
    for attempt in range(6):
        events.write_text(re.sub(r"cost: [\d.]+", f"cost: 2.{attempt}", events.read_text("utf-8")), "utf-8")
        if attempt % 2:
            shutil.rmtree(project / f".{out.name}.cache", ignore_errors=True)
        build = subprocess.Popen(_build_command(project, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, took))
        build.send_signal(signal.SIGKILL)
        killed += build.wait() == -signal.SIGKILL  # (not if it had finished already)
        assert _complete(out)
        assert _files(out) == files
    assert killed >= 4, f"only {killed} of 6 builds were still running when killed"
    assert command("build", "--out", out, project=project).returncode == 0
    assert not list(project.glob(".site-build-*")), "a killed build's leftovers were not cleaned"
    assert "2.5" in (out / "en" / "events" / "open-day" / "index.html").read_text(encoding="utf-8")


def test_a_build_killed_while_its_languages_are_built_leaves_no_file_behind(tmp_path):
    """The languages are built in forked children, each sending its result back through a file: killed
    outright (here by the job itself, at the worst moment: the children still at work), the build cannot
    remove those files, so they must have no name to leave behind."""
    temporary, done = tmp_path / "tmp", tmp_path / "done"
    temporary.mkdir()
    done.mkdir()
    script = f"""
import os, signal
from briefing.build.parallel import run_all
def job(name):
    def run():
        os.kill(os.getppid(), signal.SIGKILL)
        open(os.path.join({str(done)!r}, name), "w").close()
        return name
    return run
run_all([job("ja"), job("en")])
"""
    build = subprocess.run([sys.executable, "-c", script], env={**os.environ, "TMPDIR": str(temporary)}, check=False)
    assert build.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 30
    while not any(done.iterdir()) and time.monotonic() < deadline:  # (the second child, if it was forked in time)
        time.sleep(0.05)
    assert any(done.iterdir()), "no child finished its job"
    time.sleep(0.5)  # (a child writes its result after its marker)
    assert list(temporary.iterdir()) == []


def test_two_builds_at_once_wait_for_each_other(project):
    out = project / "site"
    builds = [
        subprocess.Popen(_build_command(project, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [build.communicate() for build in builds]
    assert [build.returncode for build in builds] == [0, 0], results
    assert any("waiting for it to finish" in stderr for _, stderr in results)
    assert _complete(out) and not list(project.glob(".site-build-*"))


def test_the_project_is_the_folder_the_command_runs_in(project):
    """A copied folder builds itself, not the folder the generator was installed from."""
    replace_in(project / "data" / "briefing.yml", 'edition_date: "2027-04-01"', 'edition_date: "2027-04-02"')
    result = command("build", "--out", "site", project=None, cwd=project)
    assert result.returncode == 0, result.stderr
    assert 'datetime="2027-04-02"' in (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert not (PROJECT / "site" / "en").exists() or "2027-04-02" not in (
        PROJECT / "site" / "en" / "index.html"
    ).read_text(encoding="utf-8")


def test_a_run_that_stops_after_replacing_its_output_says_so(project, tmp_path, monkeypatch):
    """Never "nothing was changed" once something was: here the site is in place when recording its
    addresses fails unexpectedly."""
    from briefing.cli import commands

    def fails(*_args):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(commands, "record_addresses", fails)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "site"
    result = run("build", "--out", out, "--record-addresses", "--no-pdf", project=project)
    assert result.code == 2
    assert "briefing build stopped: RuntimeError: the disk went away" in result.err
    assert "it had already written site" in result.err and "nothing was changed" not in result.err
    assert (out / "ja" / "index.html").is_file()


# Every output replaced atomically and under the lock.


def _offline(project, out, **options):
    command = [sys.executable, "-m", "briefing", "--project", str(project), "offline", "--out", str(out), "--no-pdf"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def test_two_offline_copies_at_once_wait_for_each_other_and_leave_a_sound_zip(project, tmp_path):
    # A file the zip takes a while to write (it cannot be compressed), for the pause to land in.
    (project / "docs" / "en" / "scan.bin").write_bytes(random.Random(1).randbytes(8_000_000))
    work = tmp_path / "work"
    out = work / "copy"
    first = _offline(project, out)
    try:
        # Pause the first run while it writes the zip, as a slow disk or a busy machine would.
        while first.poll() is None and not list(work.glob(".copy.zip*partial")):
            time.sleep(0.002)
        first.send_signal(signal.SIGSTOP)
        second = _offline(project, out)
        waiting = second.stderr.readline()
        first.send_signal(signal.SIGCONT)
    finally:
        first.send_signal(signal.SIGCONT)
    results = [first.communicate(), second.communicate()]
    assert [first.returncode, second.returncode] == [0, 0], results
    assert "waiting for it to finish" in waiting, (waiting, results)
    with zipfile.ZipFile(work / "copy.zip") as zipped:
        assert zipped.testzip() is None
        assert "site-offline/ja/index.html" in zipped.namelist()
    assert sorted(path.name for path in work.iterdir()) == [".copy.cache", ".copy.lock", "copy", "copy.zip"]


def _no_bigger_than(size: int):
    """A run that can write no file bigger than ``size`` bytes, as on a disk that is full."""

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_full_disk_while_zipping_leaves_the_previous_copy_and_no_temporary_file(project, tmp_path):
    # How big the copy's files are, its cache's and its zip: the limit lets every file of the copy and of its
    # cache be written, not the zip. A download that does not compress makes the zip the largest by far.
    for lang in ("ja", "en"):
        (project / "docs" / lang / "survey.bin").write_bytes(random.Random(lang).randbytes(2_000_000))
    trial = tmp_path / "trial"
    assert run("offline", "--out", trial / "copy", "--no-pdf", project=project).code == 0
    largest = max(path.stat().st_size for path in trial.rglob("*") if path.is_file() and path.name != "copy.zip")
    zipped = (trial / "copy.zip").stat().st_size
    assert largest < zipped
    work = tmp_path / "work"
    out = work / "copy"
    out.mkdir(parents=True)
    mark(out, "offline")
    (out / "index.html").write_text("the previous copy\n", encoding="utf-8")
    with zipfile.ZipFile(work / "copy.zip", "w") as archive:
        archive.comment = b"briefing-inputs:the previous copy"
    previous = (work / "copy.zip").read_bytes()
    run_ = _offline(project, out, preexec_fn=_no_bigger_than((largest + zipped) // 2))
    stdout, stderr = run_.communicate()
    assert run_.returncode == 1, (stdout, stderr)
    assert "Could not write the site: " in stderr and "File too large" in stderr
    assert stderr.rstrip().endswith(f"{out} was left as it was. {out}.zip was left as it was."), stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "the previous copy\n"
    assert (work / "copy.zip").read_bytes() == previous
    assert sorted(path.name for path in work.iterdir()) == [".copy.cache", ".copy.lock", "copy", "copy.zip"]
