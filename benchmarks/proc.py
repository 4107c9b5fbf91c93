"""Run a command in its own process and record its wall time, CPU time and peak memory (its own, no one else's).

CPU time (user + system, from wait4) is what the single-threaded builds cost whatever else the machine is
doing; wall time is what a person waits, and grows when other processes compete for the cores.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# The generator speaks English here whatever the locale: the benchmark reads what it prints.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "BRIEFING_LANG": "en"}
PYTHON = sys.executable


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system seconds of this one process
    peak_rss: int  # bytes (ru_maxrss of this one process)
    returncode: int
    output: str  # stdout and stderr together, for error messages


def _reap(proc: subprocess.Popen, timeout: float | None = None) -> resource.struct_rusage:
    """Wait for ``proc`` with wait4, so that its own resource usage is known; return that."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        flags = 0 if deadline is None else os.WNOHANG
        pid, status, usage = os.wait4(proc.pid, flags)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage
        if time.monotonic() > deadline:
            proc.kill()
            deadline = None
        time.sleep(0.05)


def run(command: list[str], cwd: Path, log: Path) -> Run:
    """Run to completion; output goes to ``log`` (a pipe could fill up and stall a long build)."""
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        usage = _reap(proc)
        seconds = time.perf_counter() - started
    output = log.read_text(encoding="utf-8", errors="replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode, output)


def _default_sigint() -> None:
    # A shell starting a job in the background without job control (CI, `make … &`) makes it ignore
    # SIGINT, and a Python started that way never sees Ctrl-C. The server must, to stop cleanly.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(command: list[str], cwd: Path, log: Path, tmp: Path | None = None) -> subprocess.Popen:
    """Start a server; ``tmp`` becomes its TMPDIR, so whatever it leaves there goes with our folder."""
    env = {**ENV, "TMPDIR": str(tmp)} if tmp else ENV
    with log.open("wb") as out:
        return subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env, preexec_fn=_default_sigint
        )


def stop(proc: subprocess.Popen, timeout: float = 20) -> int:
    """Interrupt a server we started (Ctrl-C, as a person would), reap it; return its peak RSS in bytes.

    If it has not stopped after ``timeout`` seconds it is terminated, then killed.
    """
    if proc.returncode is not None:
        return 0
    proc.send_signal(signal.SIGINT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss * 1024  # kilobytes on Linux
        time.sleep(0.05)
    proc.terminate()
    return _reap(proc, 10).ru_maxrss * 1024
