"""The MkDocs hook (hooks/briefing_pages.py): plain ``mkdocs build`` makes the generated pages and keeps
nothing of a build once it has ended; ``mkdocs serve`` watches every input the project lists, once."""

from __future__ import annotations

from pathlib import Path

from base import write_briefing
from briefing.project.files import INPUTS
from mkdocs.commands.build import build
from mkdocs.config import load_config


def _hook(config):
    (hook,) = config.hooks.values()
    return hook


def test_plain_mkdocs_builds_the_generated_pages_and_keeps_nothing_once_done(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    page = (tmp_path / "site" / "events" / "open-day" / "index.html").read_text(encoding="utf-8")
    assert "一般公開" in page and "Open day" in page  # the page, and its citation in the other language
    assert _hook(config)._build is None


def test_mkdocs_serve_watches_every_input_of_the_project(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    (project / "editions").mkdir()
    config = load_config(config_file=str(project / "mkdocs.yml"))

    class Server:
        def __init__(self):
            self.watched: list[Path] = []

        def watch(self, path: str) -> None:
            self.watched.append(Path(path))

    server = Server()
    assert _hook(config).on_serve(server, config=config, builder=None) is server
    present = [project / name for name in INPUTS if (project / name).exists()]
    assert sorted(server.watched) == sorted(present)
    assert {"data", "editions", "templates", "mkdocs.en.yml"} <= {path.name for path in server.watched}
