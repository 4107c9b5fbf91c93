"""A preview that never stops: a fault in a rebuild is shown and the watching goes on, and every request gets
an answer. Tried on the tiny briefing with a frozen edition. (The preview as an editor uses it, in a
browser: tests/browser/test_preview.py.)"""

from __future__ import annotations

import http.client
import os
import shutil
import threading
import time
from decimal import Decimal

import pytest
from base import run, write_briefing
from briefing.problems import DataError


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


def test_a_save_reads_again_only_the_changed_file_and_never_keeps_a_stale_one(tmp_path):
    """The checks of successive saves share the data files whose bytes did not change (loader.LoadedFiles):
    an unchanged file's items are the very objects of the last check; the saved file's are new, and so is
    every file's once data/collections.yml, which makes their models, has changed."""
    from base import replace_in
    from briefing.check.validate import Reuse, validate

    project = write_briefing(tmp_path / "briefing")
    reuse = Reuse()
    first = validate(project, reuse).briefing
    replace_in(project / "data" / "events.yml", "cost: 1.5", "cost: 1.7")
    second = validate(project, reuse).briefing
    assert second.themes[0] is first.themes[0]
    assert second.events[0].cost == Decimal("1.7")
    replace_in(project / "data" / "events.yml", "cost: 1.7", "cost: [1.7]")  # a mistake, then put right
    with pytest.raises(DataError, match=r"events\.yml"):
        validate(project, reuse)
    replace_in(project / "data" / "events.yml", "cost: [1.7]", "cost: 1.8")
    assert validate(project, reuse).briefing.events[0].cost == Decimal("1.8")
    replace_in(project / "data" / "collections.yml", "id: themes", "id: themes  # the themes")
    assert validate(project, reuse).briefing.themes[0] is not first.themes[0]


def test_a_save_after_the_cache_lost_its_folders_is_built_and_shown(tmp_path, capsys):
    """The preview runs for hours: files of its cache that are gone between saves (folders of it went at ×100)
    are made again by the next save, which builds as if those outputs had not been kept; and what is wrong,
    if anything, is said in the terminal too."""
    from base import replace_in
    from briefing.preview.session import Preview

    project = write_briefing(tmp_path / "briefing")
    preview = Preview(project)
    try:
        preview.rebuild()
        assert preview.problems == []
        for path in list(preview.cache.objects.iterdir())[::2]:
            path.unlink()
        preview.cache.kept.close()
        preview.cache.kept.path.unlink()
        events = project / "data" / "events.yml"
        replace_in(events, "en: Open day}", "en: Open house}")
        preview.rebuild({events})
        assert preview.problems == []
        page = preview.site / "en" / "events" / "open-day" / "index.html"
        assert "Open house" in page.read_text(encoding="utf-8")
        replace_in(events, "cost: 1.5", "cost: [1.5]")
        preview.rebuild({events})
        assert preview.problems
        assert "data/events.yml:" in capsys.readouterr().err  # (the state line names no file)
    finally:
        shutil.rmtree(preview.folder, ignore_errors=True)


def test_the_preview_stops_and_says_why_if_its_web_server_stops(shared_project, monkeypatch, capsys, tmp_path):
    """A server that ended while the watching went on would leave a page that no longer loads and a terminal
    that says nothing: the preview stops with it, says so in a sentence and removes its temporary folder."""
    import signal
    import tempfile

    from briefing.preview import server as server_module

    def fails(self):  # called by the server's loop between requests
        raise OSError("the network went away")

    monkeypatch.setattr(server_module._Server, "service_actions", fails)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the preview makes its folder
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = server_module.serve(shared_project, port=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    said = capsys.readouterr()
    assert code == 1
    assert "The preview's web server stopped (the network went away)" in said.err, said.err
    assert "Traceback" not in said.err
    assert not list(tmp_path.glob("briefing-preview-*"))


def test_a_preview_that_cannot_serve_says_why_and_removes_its_folder(shared_project, monkeypatch, capsys, tmp_path):
    """A port another program holds: the preview says so and which to try instead, exits 2, and removes the
    site it built (at ×100, a GB left in the temporary folder at every try)."""
    import signal
    import socket
    import tempfile

    from briefing.preview import server as server_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the preview makes its folder
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        try:
            code = server_module.serve(shared_project, port=port)
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)
    said = capsys.readouterr()
    assert code == 2
    assert f"Cannot serve on port {port}: Address already in use. Try another: make serve PORT=8001" in said.err
    assert not list(tmp_path.glob("briefing-preview-*"))
