"""The preview's watching: every change to the project's inputs (project/files.py lists them) is followed,
after a moment's quiet (an editor may write a file in several steps), by a rebuild of what changed.

Watching starts before the first build: a file saved while that build runs is rebuilt after it, not lost."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..project.files import INPUTS, is_input


@dataclass
class Watching:
    """The changes noticed and not yet rebuilt."""

    project: Path
    pending: set[Path] = field(default_factory=set)
    arrived: threading.Event = field(default_factory=threading.Event)
    observer: Any = None


def start_watching(project: Path) -> Watching:
    """Start noticing changes to the project's inputs."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    watching = Watching(project)

    class Changes(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.event_type in ("opened", "closed_no_write"):
                return
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path and is_watched(project, Path(path)):
                    watching.pending.add(Path(path))
                    watching.arrived.set()

    observer = Observer()
    for name in INPUTS:
        path = project / name
        if path.is_dir():
            observer.schedule(Changes(), str(path), recursive=True)
    observer.schedule(Changes(), str(project), recursive=False)  # mkdocs.yml, mkdocs.en.yml
    observer.start()
    watching.observer = observer
    return watching


def follow(watching: Watching, rebuild: Callable[[set[Path]], None], stop: threading.Event | None = None) -> None:
    """``rebuild`` with the paths changed, after every change noticed, until the preview ends (or ``stop``):
    nothing else stops the watching, since a rebuild shows its own faults as problems (``Preview.rebuild``)."""
    arrived, pending = watching.arrived, watching.pending
    while not (stop and stop.is_set()):
        if not arrived.wait(0.5):
            continue
        time.sleep(0.03)  # an editor may write a file in several steps
        while arrived.is_set():
            arrived.clear()
            time.sleep(0.03)
        changed = set(pending)
        pending.clear()
        rebuild(changed)
    watching.observer.stop()


def watch(project: Path, rebuild: Callable[[set[Path]], None], stop: threading.Event | None = None) -> None:
    """Start watching and follow the changes (``start_watching``, ``follow``)."""
    follow(start_watching(project), rebuild, stop)


def is_watched(project: Path, path: Path) -> bool:
    """Whether a change to ``path`` is a change to the project's inputs (not to Python's caches, nor an
    editor's backup or lock file)."""
    if not is_input(path) or path.name.endswith(("~", ".swp", ".swx")) or path.name.startswith(".#"):
        return False
    relative = path.relative_to(project) if path.is_relative_to(project) else None
    return bool(relative and relative.parts and relative.parts[0] in INPUTS)
