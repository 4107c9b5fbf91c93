"""A preview that never stops: a fault in a rebuild is shown and the watching goes on, and every request gets
an answer. Tried on the tiny briefing with a frozen edition. (The preview as an editor uses it, in a
browser: tests/browser/test_preview.py.)"""

from __future__ import annotations

import http.client
import os
import shutil
import threading
import time

import pytest
from base import run, write_briefing


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory):
    """A tiny briefing with its edition frozen (editions/ is watched too)."""
    project = write_briefing(tmp_path_factory.mktemp("preview") / "briefing")
    assert run("freeze", project=project).code == 0
    return project


def test_a_fault_in_a_rebuild_is_shown_and_the_watching_goes_on(shared_project, monkeypatch):
    from briefing.preview import session as preview_module

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
        sums = shared_project / "editions" / "2027-04-01" / "SHA256SUMS"
        for seen in (2, 3):  # an edit of editions/ is seen, and the next one too: the watching goes on
            os.utime(sums, ns=(time.time_ns(), time.time_ns() + seen * 1_000_000_000))
            deadline = time.monotonic() + 20
            while len(rebuilds) < seen and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(rebuilds) == seen
    finally:
        stop.set()
        watcher.join(timeout=20)
        shutil.rmtree(preview.folder)


def test_every_request_to_the_preview_gets_an_answer(shared_project):
    from briefing.preview.server import Preview, server_of

    preview = Preview(shared_project)
    (preview.site / "ja").mkdir(parents=True)
    (preview.site / "ja" / "404.html").write_text("<html><body><h1>404</h1></body></html>", encoding="utf-8")
    preview.built = True
    server = server_of(preview, 0)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        for path, status in ((f"/ja/{'a' * 300}/", 404), (f"/ja/{'a' * 300}.css", 404), ("/ja/%00/", 404)):
            connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
            connection.request("GET", path)
            assert connection.getresponse().status == status, path
            connection.close()
    finally:
        server.shutdown()
        server.server_close()
        serving.join(timeout=20)
        shutil.rmtree(preview.folder)
