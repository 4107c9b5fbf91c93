"""The real briefing's session artefacts, made once per test run and shared by tests/real_site and tests/browser:
its data, loaded; its site, built as `make site` builds it; and its site built for a server.

The server's address is fixed before the build (a listening socket, opened here and served by the browser
tests), so that the site built for a server is the one the browser tests open, under the address it was
built for.
"""

from __future__ import annotations

import socket
import tempfile
from pathlib import Path

import pytest
from base import MOVED, PROJECT, SUB_PATH, Ran, copy_project, run
from briefing.load.briefing import Briefing
from briefing.load.domain import load_domain
from briefing.load.loader import load_briefing


@pytest.fixture(autouse=True)
def _temporary_files_kept_by_pytest(tmp_path_factory, monkeypatch):
    """What the code under test makes in the temporary folder (a preview's folder, with its built site) goes
    into a folder of pytest's, which pytest removes in time: a test that ends without removing it leaves
    nothing behind in /tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("tmp")))


@pytest.fixture(scope="session")
def briefing() -> Briefing:
    return load_briefing(PROJECT / "data", load_domain(PROJECT))


@pytest.fixture(scope="session")
def build_run(tmp_path_factory) -> tuple[Path, Ran]:
    """The real site as `make site` builds it (the PDFs included), and what the build said."""
    out = tmp_path_factory.mktemp("built") / "site"
    return out, run("build", "--out", out, project=PROJECT)


@pytest.fixture(scope="session")
def site(build_run) -> Path:
    out, result = build_run
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="session")
def site_socket():
    """A socket listening on loopback, made before anything is built for it; the browser tests serve the
    site built for a server through it (browser/conftest.py)."""
    listening = socket.create_server(("127.0.0.1", 0))
    yield listening
    listening.close()


@pytest.fixture(scope="session")
def site_url(site_socket) -> str:
    """The address the site built for a server is published at: under a sub-path, on the loopback port."""
    return f"http://127.0.0.1:{site_socket.getsockname()[1]}{SUB_PATH}"


@pytest.fixture(scope="session")
def published_run(tmp_path_factory, site_url) -> tuple[Path, Ran]:
    """The site as built for a server: with a site URL, from a copy of the project in which one address
    has moved (MOVED), so that the page that forwards from it is built too. Built into the folder served at
    the site URL's path (<root>/briefings/materials/)."""
    work = tmp_path_factory.mktemp("published")
    project = copy_project(work / "project")
    (project / "data" / "redirects.yml").write_text(
        f"redirects:\n  - {{old: {MOVED[0]}, new: {MOVED[1]}}}\n", encoding="utf-8"
    )
    out = work / "served" / SUB_PATH.strip("/")
    return out, run("build", "--out", out, "--site-url", site_url, project=project)


@pytest.fixture(scope="session")
def published_site(published_run) -> Path:
    out, result = published_run
    assert result.code == 0, result.err
    return out
