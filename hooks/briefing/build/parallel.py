"""Work that is independent (the two languages, the two PDFs) done in child processes, on both cores.

A child is a fork of the build: it starts with everything the build has loaded and checked (nothing
is sent to it), does one job and sends back its result. Where forking is not safe (a process with
other threads, such as the live preview's server) or not wanted, the jobs run one after another here.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from typing import IO, Any, NoReturn

from ..messages import say

WORKERS = min(2, os.cpu_count() or 1)


class _Failed:
    """An exception raised in a child, sent back to be raised again here."""

    def __init__(self, error: BaseException):
        self.error = error


def can_fork() -> bool:
    return hasattr(os, "fork") and _threads() == 1 and WORKERS > 1


def _threads() -> int:
    """The threads of this process: Python's own, and those a native library started (Typst keeps a pool of
    them once it has typeset anything here, which a forked child would wait for forever)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # no /proc: Python's own threads are all that can be counted
        return threading.active_count()


_frozen = 0  # how many long_lived() blocks are open
_at_child_end: list[Callable[[], None]] = []


def at_child_end(callback: Callable[[], None]) -> None:
    """Have ``callback`` run in a child when its job is done, before its result is sent: a child ends with
    os._exit, which runs nothing else (what it keeps to write in one go, such as the build cache's batch)."""
    _at_child_end.append(callback)


@contextlib.contextmanager
def long_lived():
    """Python's collector leaves alone what is loaded so far, which lives until the block ends: else each
    full collection goes through all of it again, and a forked child's collections would copy the pages
    it touches. Blocks nest: what the outermost froze is let go at its end, so that what a build in a
    long-running process (the live preview, the tests) leaves behind is freed."""
    global _frozen
    gc.freeze()
    _frozen += 1
    try:
        yield
    finally:
        _frozen -= 1
        if not _frozen:
            gc.unfreeze()


def run_all(jobs: list[Callable[[], Any]], parallel: bool = True) -> list[Any]:
    """Each job's result, in order; the first failure is raised (after every child has ended)."""
    if not parallel or len(jobs) < 2 or not can_fork():
        return [job() for job in jobs]
    with long_lived():  # what the build holds stays shared with the children, untouched
        results = _in_children(jobs)
    for result in results:
        if isinstance(result, _Failed):
            raise result.error
    return results


def _in_children(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Each job's result (or _Failed), in order, each job done in a forked child, WORKERS at a time. A child
    sends its result through a temporary file without a name (nothing is left behind, even when the build is
    killed outright)."""
    results: list[Any] = [None] * len(jobs)
    running: dict[int, tuple[int, IO[bytes]]] = {}  # pid → (job, its result's file)
    waiting = list(enumerate(jobs))
    try:
        while waiting or running:
            while waiting and len(running) < WORKERS:
                index, job = waiting.pop(0)
                file = tempfile.TemporaryFile(prefix="briefing-job-")  # noqa: SIM115 (closed when read)
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:  # the child: do the job, write its result, end without running the parent's cleanup
                    _child(job, file)
                running[pid] = (index, file)
            pid, _ = os.wait()
            if pid not in running:
                continue
            index, file = running.pop(pid)
            with file:
                try:
                    file.seek(0)
                    results[index] = pickle.load(file)
                except (OSError, EOFError, pickle.UnpicklingError):
                    results[index] = _Failed(RuntimeError(say("job_without_result")))
    finally:  # (the parent stopped early, by Ctrl-C or a failure of its own: no child goes on writing)
        for pid, (_, file) in running.items():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            file.close()
    return results


def _child(job: Callable[[], Any], file: IO[bytes]) -> NoReturn:
    """In a forked child: do ``job``, write its result (or its failure) into ``file``, and end there."""
    code = 0
    try:
        result = job()
        for callback in _at_child_end:
            callback()
    except BaseException as error:  # sent back: the parent raises it
        result, code = _Failed(error), 1
    try:
        pickle.dump(result, file)
    except Exception as error:
        file.seek(0)
        file.truncate()
        pickle.dump(_Failed(RuntimeError(say("job_result_unsent", error=error))), file)
    finally:
        file.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
