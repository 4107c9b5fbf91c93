"""From saving an edit to the rebuilt page under a live preview (``briefing serve``, ``mkdocs serve``),
over loopback only.

The server is started on a free port of 127.0.0.1, the page is fetched until it serves, then each edit
is written and the page polled until the new text appears (polling every 20 ms adds at most that);
then, if asked, a page of the other language until it shows the edit too.
"""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.proc import start, stop

POLL = 0.02


@dataclass
class Edit:
    """Write ``text`` to ``file``; the edit has reached the page when it contains ``marker``."""

    file: Path
    text: str
    marker: str


@dataclass
class ServeResult:
    ready: float  # seconds from start to the first page served (the initial build)
    latencies: list[float] = field(default_factory=list)
    others: list[float] = field(default_factory=list)  # from the save to the other language's page
    peak_rss: int = 0  # bytes
    error: str = ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # loopback only
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def yaml_amount_edit(data_file: Path, line_id: str, phase: str, value: str) -> Edit:
    """The budget file with one amount of one line changed; the Japanese page then shows ``value``億円."""
    text = data_file.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"\s*-?\s*id:\s*{re.escape(line_id)}\s*$", line))
    pattern = re.compile(rf"^(\s*{re.escape(phase)}:\s*)([0-9.]+)(.*)$", re.DOTALL)
    for i in range(start + 1, len(lines)):
        if re.match(r"\s*-?\s*id:\s", lines[i]):
            break
        if match := pattern.match(lines[i]):
            lines[i] = f"{match[1]}{value}{match[3]}"
            return Edit(data_file, "".join(lines), f"{value}億円")
    raise ValueError(f"no amount for {phase} in budget line {line_id} of {data_file}")


def measure(
    command: list[str],
    cwd: Path,
    page_url: str,
    edits: list[Callable[[], Edit]],
    log: Path,
    timeout: float,
    others: list[tuple[str, str]] | None = None,
) -> ServeResult:
    """Start ``command`` (a server on ``page_url``'s port), apply ``edits`` one by one; with ``others``,
    (url, marker) for each edit: when the other language's page shows it too.

    Each edit is prepared (read and changed in memory) just before the clock starts, from the file
    as the previous edit left it.
    """
    started = time.perf_counter()
    proc = start(command, cwd, log, tmp=log.parent)
    result = ServeResult(ready=0.0)
    try:
        while True:
            if proc.poll() is not None:
                result.error = f"the server exited with {proc.returncode} before serving; see {log}"
                return result
            if _get(page_url, timeout) is not None:
                break
            if time.perf_counter() - started > timeout:
                result.error = f"the server did not serve {page_url} within {timeout:.0f} s"
                return result
            time.sleep(0.1)
        result.ready = time.perf_counter() - started
        for number, prepare in enumerate(edits):
            edit = prepare()
            body = _get(page_url, timeout)
            if body is None or edit.marker in body:
                result.error = f"cannot check the edit: the page is missing or already shows {edit.marker!r}"
                return result
            written = time.perf_counter()
            edit.file.write_text(edit.text, encoding="utf-8")
            while True:
                body = _get(page_url, timeout)
                if body is not None and edit.marker in body:
                    result.latencies.append(time.perf_counter() - written)
                    break
                if time.perf_counter() - written > timeout:
                    result.error = f"the edit did not reach {page_url} within {timeout:.0f} s"
                    return result
                time.sleep(POLL)
            if others:
                other_url, other_marker = others[number]
                while True:
                    body = _get(other_url, timeout)
                    if body is not None and other_marker in body:
                        result.others.append(time.perf_counter() - written)
                        break
                    if time.perf_counter() - written > timeout:
                        result.error = f"the edit did not reach {other_url} within {timeout:.0f} s"
                        return result
                    time.sleep(POLL)
            # Let a second file event (if the write produced two) rebuild before the next edit:
            # requests are held during a rebuild, so this returns once the server is idle.
            time.sleep(0.5)
            _get(page_url, timeout)
        return result
    finally:
        result.peak_rss = stop(proc)
