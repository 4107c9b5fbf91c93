"""Replacing a built site in one atomic step, one build at a time.

A build writes into a staging folder beside the output; when both languages have built, the staging
folder and the output are exchanged in one step (Linux renameat2 RENAME_EXCHANGE), so that a reader
or a web server sees either the whole old site or the whole new one, even if the build is killed.
Builds of the same output wait for each other (a lock file beside it), and a build first removes
what killed builds left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

STAGING_PREFIX = ".site-build-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the build lock of ``out``; wait (saying so) while another build holds it."""
    lock = out.parent / f".{out.name}.lock"
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Another build of {out} is running; waiting for it to finish…", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_leftovers(out: Path) -> None:
    """Remove the staging folders of builds that were killed (only called while holding the lock)."""
    for leftover in out.parent.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.rmtree(out.with_name(f".{out.name}-previous"), ignore_errors=True)  # left by older versions


def staging_folder(out: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a web server must be able to read the site
    return staging


def replace(out: Path, staging: Path) -> None:
    """Put ``staging`` in the place of ``out`` in one step, then delete what was there."""
    if not out.exists():
        staging.rename(out)  # a rename is atomic
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old site
        return
    # Without renameat2 (not Linux, or an old kernel): two renames, a moment apart.
    previous = out.with_name(f".{out.name}-previous")
    out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    done = renameat2(_AT_FDCWD, bytes(first), _AT_FDCWD, bytes(second), _RENAME_EXCHANGE)
    return done == 0
