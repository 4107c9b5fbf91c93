"""The build cache's SQLite file (build/object_store.py): whole rows or none, both processes of a build
writing at once, and a damaged file started again rather than read."""

from __future__ import annotations

import os

import pytest
from briefing.build.object_store import ObjectStore


def test_an_object_whose_writing_fails_half_way_is_not_kept(tmp_path):
    """Its row is made first and its bytes written into it after: a failure between the two must not leave a
    row that another build would take for the object (zeros in place of a page)."""
    store = ObjectStore(tmp_path / "objects.sqlite")
    store.put("whole", (b"<p>1</p>",))

    class Unwritable:  # counted in the row's size, refused when written into it
        def __len__(self):
            return 4

    with pytest.raises(TypeError):
        store.put("half", (b"<p>2</p>", Unwritable()))
    store.close()
    again = ObjectStore(tmp_path / "objects.sqlite")
    assert again.has("whole") and again.get("whole") == b"<p>1</p>"
    assert not again.has("half")


def test_objects_stored_by_two_forked_processes_at_once_are_all_kept(tmp_path):
    """The two languages are built in forked children, each writing into the file its parent opened."""
    store = ObjectStore(tmp_path / "objects.sqlite")
    store.put("parent", (b"made before the fork",))
    children = []
    for child in range(2):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                for number in range(200):
                    store.put(f"{child}-{number}", (b"x" * 5000, str(number).encode()))
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    assert all(os.waitpid(pid, 0)[1] == 0 for pid in children)
    assert store.get("parent") == b"made before the fork"
    for child in range(2):
        for number in range(200):
            assert store.get(f"{child}-{number}") == b"x" * 5000 + str(number).encode()


def test_a_file_that_is_not_a_database_is_started_again(tmp_path):
    path = tmp_path / "objects.sqlite"
    path.write_bytes(b"not a database, but long enough to be read as one" * 100)
    store = ObjectStore(path)
    assert not store.has("anything")
    store.put("page", (b"<p>",))
    assert store.get("page") == b"<p>"


def test_pieces_are_kept_as_one_object_and_kept_once(tmp_path):
    store = ObjectStore(tmp_path / "objects.sqlite")
    store.put("page", (b'{"title": "a"}', b"\n", b"<h1>a</h1>"))
    store.put("page", (b"ignored: the same name is the same content",))
    assert store.get("page") == b'{"title": "a"}\n<h1>a</h1>'
    store.keep_only(["other"])
    assert not store.has("page")
