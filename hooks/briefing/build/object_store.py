"""The build cache's kept objects and compiled templates, in one SQLite file beside its manifest.

One file, not a file for each object: making a file is the dearest part of writing a small one (on the
ext4 disk the benchmarks ran on, about half a millisecond of CPU, most of it spent finding a free inode),
and a cold build keeps hundreds of them. SQLite writes them all into one file, from both of the build's
processes at once (its write-ahead log), and a process stopped half-way leaves the file whole.

Objects are written a batch at a time, in one transaction: each commit writes the table's pages into the
log again, which cost more than the objects themselves (most are a few KB). A batch is written when it
holds enough, before the process forks, at the end of a child's job (parallel.py), and when the file is let
go; objects not yet written are found in memory meanwhile. A batch lost (a process killed) is a cache's
loss: what it held is made again.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import os
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..messages import say
from .parallel import at_child_end

_TABLES = (
    "CREATE TABLE IF NOT EXISTS objects (name TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS code (key TEXT PRIMARY KEY, data BLOB NOT NULL)",
)
_DAMAGED = (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)
_BATCH_BYTES = 4 << 20  # written when a batch holds this much (bounded memory at ×100)


class _Damaged(sqlite3.DatabaseError):
    """An object the file should hold and does not hold whole."""


_open: weakref.WeakSet[ObjectStore] = weakref.WeakSet()  # the stores of this process with a connection
# The stores with a batch not written yet, held until it is: a store let go of with its batch (make check's)
# is written at exit.
_batched: set[ObjectStore] = set()


class ObjectStore:
    """Objects by name, and compiled templates by key, in the SQLite file ``path``. A failure of the file
    (a full disk, a file that is not a database) is raised as an OSError, as a failed write would be."""

    def __init__(self, path: Path):
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._owner = os.getpid()  # the process that may remove a damaged file: the build's, which holds its lock
        self._objects: dict[str, tuple[memoryview, ...]] = {}  # the batch not yet written: name → pieces
        self._code: dict[str, bytes] = {}
        self._batch_bytes = 0  # bytes in the batch

    def put(self, name: str, pieces: tuple[bytes, ...]) -> None:
        """Keep the object ``name``, made of ``pieces``: written into its row one by one, not joined in
        memory first (a long page's HTML would be held twice)."""
        if name not in self._objects:
            views = tuple(memoryview(piece).cast("B") for piece in pieces)  # (not copied; not bytes: a TypeError here)
            self._objects[name] = views
            self._added(sum(len(view) for view in views))

    def get(self, name: str) -> bytes:
        """The object ``name``, checked against its name (the SHA-256 of its content): a file damaged in a
        way SQLite does not notice never gives a wrong page."""
        if name in self._objects:
            return b"".join(self._objects[name])
        row = self._one("SELECT data FROM objects WHERE name = ?", name)
        if row is not None and hashlib.sha256(row[0]).hexdigest() == name:
            return row[0]
        with self._as_oserror():
            raise _Damaged(f"object {name}: missing, or not what its name says")

    def has(self, name: str) -> bool:
        return name in self._objects or self._one("SELECT 1 FROM objects WHERE name = ?", name) is not None

    def keep_only(self, names: Iterable[str]) -> None:
        """Remove every object not named."""
        self.flush()
        if not self._there():
            return
        with contextlib.suppress(OSError), self._as_oserror():  # (left for the next build, if it fails)
            db = self._connection()
            with _transaction(db):
                db.execute("CREATE TEMP TABLE IF NOT EXISTS named (name TEXT PRIMARY KEY)")
                db.execute("DELETE FROM named")
                db.executemany("INSERT OR IGNORE INTO named VALUES (?)", ((name,) for name in names))
                db.execute("DELETE FROM objects WHERE name NOT IN (SELECT name FROM named)")

    def code(self, key: str) -> bytes | None:
        if key in self._code:
            return self._code[key]
        row = self._one("SELECT data FROM code WHERE key = ?", key)
        return None if row is None else row[0]

    def set_code(self, key: str, data: bytes) -> None:
        self._code[key] = data
        self._added(len(data))

    def _added(self, size: int) -> None:
        _batched.add(self)  # (its batch is written before a fork, at the end of a child's job and at exit)
        self._batch_bytes += size
        if self._batch_bytes >= _BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Write the batch, in one transaction: every object in it whole, or none (a failure is raised)."""
        if not self._objects and not self._code:
            return
        objects, code = self._objects, self._code
        self._objects, self._code, self._batch_bytes = {}, {}, 0
        _batched.discard(self)
        try:
            self._write(objects, code)
        except OSError:  # kept for another try (a full disk): this build may still need what it holds
            self._objects, self._code = objects | self._objects, code | self._code
            _batched.add(self)
            raise

    def _write(self, objects: dict[str, tuple[memoryview, ...]], code: dict[str, bytes]) -> None:
        with self._as_oserror():
            db = self._connection()
            with _transaction(db):
                for name, pieces in objects.items():
                    size = sum(len(piece) for piece in pieces)
                    cursor = db.execute(
                        "INSERT OR IGNORE INTO objects (name, data) VALUES (?, zeroblob(?))", (name, size)
                    )
                    if cursor.rowcount:
                        with db.blobopen("objects", "data", cursor.lastrowid, readonly=False) as blob:
                            for piece in pieces:
                                blob.write(piece)
                db.executemany("INSERT OR REPLACE INTO code (key, data) VALUES (?, ?)", code.items())

    def _one(self, query: str, key: str) -> tuple | None:
        """The row ``query`` finds for ``key``; None if none, or if there is no file yet."""
        if not self._there():
            return None
        with self._as_oserror():
            return self._connection().execute(query, (key,)).fetchone()

    def _there(self) -> bool:
        """Whether there is anything to ask (asking would make the file). A file removed while it is open
        is still read (the live preview's, if something removes it): what this process kept stays there."""
        return self._db is not None or self.path.exists()

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = _opened(self.path)
            except sqlite3.DatabaseError as error:
                if error.sqlite_errorcode not in _DAMAGED:
                    raise
                self._remove()  # not a database (damaged, or not ours): started again, empty
                self._db = _opened(self.path)
            _open.add(self)
        return self._db

    def close(self) -> None:
        """Write the batch (a failure to is a cache's loss, not the build's) and let go of the file."""
        with contextlib.suppress(OSError):
            self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
        _open.discard(self)

    def _remove(self) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    @contextlib.contextmanager
    def _as_oserror(self) -> Iterator[None]:
        """SQLite's errors raised as the OSError a failed file would raise: the commands tell a person those.
        A damaged file is removed by the build's own process (the other may be using it), so that the
        next build starts again without it."""
        try:
            yield
        except sqlite3.Error as error:
            damaged = isinstance(error, _Damaged) or getattr(error, "sqlite_errorcode", None) in _DAMAGED
            if damaged and os.getpid() == self._owner:
                self._remove()
            reason = say("cache_damaged", error=error) if damaged else str(error)
            raise OSError(errno.EIO, reason, str(self.path)) from error


def _close_before_fork() -> None:
    """No SQLite connection is carried into a forked child (SQLite's rule: the child would take the parent's
    locks for its own and take none), nor a batch (both would write it). Each process opens its own when it
    next needs one."""
    for store in {*_open, *_batched}:
        store.close()


def _write_batches() -> None:
    for store in list(_batched):
        with contextlib.suppress(OSError):  # (made again by the next build)
            store.flush()


os.register_at_fork(before=_close_before_fork)
at_child_end(_write_batches)  # a child ends with os._exit: nothing of it runs after its job
atexit.register(_write_batches)  # (the command's process: make check keeps what it compiled)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """Statements made together or not at all (the connection is in autocommit mode: Python's own
    transactions would not hold the blob written after its row). IMMEDIATE: the write lock is taken at
    once, so that the other process waits for it rather than failing half-way."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:  # (SQLite has rolled back already after some errors: a full disk)
            db.execute("ROLLBACK")
        raise


def _opened(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # both processes of a build write at once
        db.execute("PRAGMA synchronous=NORMAL")  # a cache: a write lost to a power cut is made again
        for table in _TABLES:
            db.execute(table)
    except BaseException:
        db.close()
        raise
    return db
