"""Replacing a built site in one atomic step, one build at a time.

A build writes into a staging folder beside the output; when both languages have built, the staging
folder and the output are exchanged in one step (Linux renameat2 RENAME_EXCHANGE), so that a reader
or a web server sees either the whole old site or the whole new one, even if the build is killed.
Builds of the same output wait for each other (a lock file beside it), and a build first removes
what killed builds of that output left behind (the staging folders are named after the output, so that
building site/ never touches a build of site-offline/ running beside it).
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

from ..messages import say

STAGING = ".{name}-build-"  # .site-build-…, .site-offline-build-…
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
            print(say("waiting_for_build", out=out), file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_leftovers(out: Path) -> None:
    """Remove the staging folders and files of builds of ``out`` that were killed (only called while
    holding its lock). A leftover that is not a folder is not the generator's: it is left alone."""
    for leftover in out.parent.glob(f"{STAGING.format(name=out.name)}*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out.parent.glob(f".{out.name}.zip.*.partial"):  # the offline copy's zip, half-written
        leftover.unlink(missing_ok=True)
    shutil.rmtree(out.with_name(f".{out.name}-previous"), ignore_errors=True)  # left by older versions


def staging_folder(out: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=STAGING.format(name=out.name), dir=out.parent))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a web server must be able to read the site
    return staging


def temporary_file(target: Path) -> Path:
    """A new, empty file of a unique name beside ``target``, readable as ``target`` will be, to be written
    and then moved into its place (``os.replace``); named so that ``clean_leftovers`` finds it."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    os.chmod(name, 0o666 & ~_umask())
    return Path(name)


def write_atomically(path: Path, text: str) -> None:
    """Replace the file ``path`` in one step: a crash leaves the old file or the new one, never half of it."""
    partial = temporary_file(path)
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


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
