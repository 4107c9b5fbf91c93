"""The build cache's SQLite file (build/object_store.py): whole rows or none, both processes of a build
writing at once, and a damaged file started again rather than read."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest
from base import write_briefing
from briefing.build.object_store import ObjectStore


def keep(store: ObjectStore, *pieces: bytes) -> str:
    """Keep an object as the build cache does, named by its content's SHA-256; return the name."""
    name = hashlib.sha256(b"".join(pieces)).hexdigest()
    store.put(name, pieces)
    return name


def test_an_object_whose_writing_fails_half_way_is_not_kept(tmp_path):
    """Its row is made first and its bytes written into it after: a failure between the two must not leave a
    row that another build would take for the object (zeros in place of a page)."""
    store = ObjectStore(tmp_path / "objects.sqlite")
    whole = keep(store, b"<p>1</p>")

    class Unwritable:  # counted in the row's size, refused when written into it
        def __len__(self):
            return 4

    with pytest.raises(TypeError):
        store.put("a name", (b"<p>2</p>", Unwritable()))
    store.close()
    again = ObjectStore(tmp_path / "objects.sqlite")
    assert again.has(whole) and again.get(whole) == b"<p>1</p>"
    assert not again.has("a name")


def test_objects_stored_by_two_forked_processes_at_once_are_all_kept(tmp_path):
    """The two languages are built in forked children (parallel.run_all), each writing into the file its
    parent opened: batches as they fill up, and the last when the child's job is done."""
    from briefing.build.parallel import can_fork, run_all

    assert can_fork()
    store = ObjectStore(tmp_path / "objects.sqlite")
    parent = keep(store, b"made before the fork")  # (in the parent's batch: written before it forks)

    def job(child: int):
        return lambda: [keep(store, b"x" * 50_000, f"{child}-{number}".encode()) for number in range(200)]

    made = run_all([job(0), job(1)])
    assert store.get(parent) == b"made before the fork"
    fresh = ObjectStore(tmp_path / "objects.sqlite")  # (nothing of the children's batches in this process)
    for child in range(2):
        for number in range(200):
            data = b"x" * 50_000 + f"{child}-{number}".encode()
            assert fresh.get(hashlib.sha256(data).hexdigest()) == data
    assert [len(names) for names in made] == [200, 200]


def test_a_file_that_is_not_a_database_is_started_again(tmp_path):
    path = tmp_path / "objects.sqlite"
    path.write_bytes(b"not a database, but long enough to be read as one" * 100)
    store = ObjectStore(path)
    assert not store.has("anything")
    page = keep(store, b"<p>")
    assert store.get(page) == b"<p>"


def test_pieces_are_kept_as_one_object_and_kept_once(tmp_path):
    store = ObjectStore(tmp_path / "objects.sqlite")
    page = keep(store, b'{"title": "a"}', b"\n", b"<h1>a</h1>")
    store.put(page, (b"ignored: the same name is the same content",))
    assert store.get(page) == b'{"title": "a"}\n<h1>a</h1>'
    store.keep_only(["other"])
    assert not store.has(page)


def test_a_child_keeps_writing_safely_when_its_parent_lets_go_of_the_file(tmp_path):
    """The parent's connection is not carried into a forked child: the child takes locks of its own, so the
    parent closing its connection (a build stopped early) does not fold the log away under the child."""
    store = ObjectStore(tmp_path / "objects.sqlite")
    names = [keep(store, b"made before the fork")]
    wrote, go_on = os.pipe(), os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            keep(store, b"1")
            store.flush()
            os.write(wrote[1], b".")
            os.read(go_on[0], 1)
            keep(store, b"2")
            store.flush()
            code = 0
        finally:
            os._exit(code)
    os.read(wrote[0], 1)
    store.close()
    os.write(go_on[1], b".")
    assert os.waitpid(pid, 0)[1] == 0
    fresh = ObjectStore(tmp_path / "objects.sqlite")
    names += [hashlib.sha256(data).hexdigest() for data in (b"1", b"2")]
    assert [fresh.has(name) for name in names] == [True, True, True]


def test_a_damaged_file_is_said_so_and_removed_for_the_next_build(tmp_path):
    from briefing.messages import say

    path = tmp_path / "objects.sqlite"
    store = ObjectStore(path)
    page = keep(store, b"<p>the page</p>" * 1000)
    store.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of the file overwritten
    path.write_bytes(bytes(data))
    damaged = ObjectStore(path)
    with pytest.raises(OSError) as raised:
        damaged.get(page)
    assert raised.value.strerror.startswith(say("cache_damaged", error="").split("(")[0])
    assert not path.exists()
    assert not ObjectStore(path).has(page)


def test_what_make_check_compiled_is_kept_when_its_process_ends(tmp_path):
    """make check keeps the templates it compiled for the build and the next check, in a batch that is written
    when its process ends, although the check let go of the store before."""
    from briefing.build.cache import cache_folder

    project = write_briefing(tmp_path / "briefing")
    command = [sys.executable, "-m", "briefing", "--project", str(project), "check"]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(cache_folder(project / "site") / "objects.sqlite") as db:
        kept = db.execute("SELECT count(*) FROM code").fetchone()[0]
    assert kept > 20  # every template, the engine's and the theme's, and the names each uses
