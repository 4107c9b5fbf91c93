"""The preview's web server on 127.0.0.1: each page of the latest good build, with the reloading script and,
while something is wrong, the banner of problems (session.py); the events a page waits on to reload; and
``serve``, which builds, watches (watcher.py) and serves until stopped."""

from __future__ import annotations

import contextlib
import ctypes
import platform
import shutil
import signal
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..check.validate import LANGUAGES
from ..messages import language, say
from .session import ENDPOINT, Preview
from .watcher import follow, start_watching

# glibc's mallopt parameters (malloc.h), and the thresholds it starts with.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _STARTING_THRESHOLD = -1, -3, 128 * 1024


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format, *args):  # quiet: the terminal is for the editor's messages
        pass

    def do_GET(self):
        """Every request gets an answer with a status, never a reset connection."""
        try:
            self._get()
        except (BrokenPipeError, ConnectionResetError):  # the browser went away (an event stream closed)
            pass
        except OSError:  # a path the file system cannot hold (a name over 255 bytes…): no such page
            self._send(404, "text/plain; charset=utf-8", self._own_words("preview_not_found"))
        except Exception:  # a fault of the preview: said, and the server goes on
            self._send(500, "text/plain; charset=utf-8", self._own_words("preview_fault"))

    def do_HEAD(self):
        try:
            super().do_HEAD()
        except Exception:
            self._send(404, "text/plain; charset=utf-8", b"")

    def _get(self):
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path.startswith(ENDPOINT):
            return self._endpoint(path.removeprefix(ENDPOINT), parse_qs(parts.query))
        lang = next((code for code in LANGUAGES if path.startswith(f"/{code}/") or path == f"/{code}"), LANGUAGES[0])
        url = path.removeprefix(f"/{lang}").lstrip("/")
        url = url.removesuffix("index.html")
        preview = self.preview
        if not preview.serves(lang):
            return self._send(200, "text/html; charset=utf-8", preview.error_page(lang, url).encode())
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" or not file.exists():
            status = 200 if file.is_file() else 404
            page = file if file.is_file() else preview.site / lang / "404.html"
            if status == 200:
                preview.viewed = (lang, url)
            html = page.read_text(encoding="utf-8") if page.is_file() else ""
            return self._send(status, "text/html; charset=utf-8", preview.page(html, lang, url).encode())
        return super().do_GET()

    def _endpoint(self, name: str, query: dict):
        if name == "live.js":
            return self._send(200, "text/javascript; charset=utf-8", self.preview.live_js)
        if name == "events":
            return self._events(query.get("page", ["/"])[0])
        return self._send(404, "text/plain; charset=utf-8", self._own_words("preview_not_found"))

    def _own_words(self, key: str) -> bytes:
        """A sentence of the preview's own, in the language of the address asked for."""
        path = urlsplit(self.path).path
        lang = next((code for code in LANGUAGES if path.startswith(f"/{code}/")), language())
        return f"{say(key, lang)}\n".encode()

    def _events(self, page: str) -> None:
        """Server-sent events: this page's version now, and again each time it changes."""
        lang = next((code for code in LANGUAGES if page.startswith(f"/{code}/")), LANGUAGES[0])
        url = page.removeprefix(f"/{lang}/")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent = None
        while True:
            version = self.preview.version_of(lang, url)
            self.wfile.write(f"data: {version}\n\n".encode() if version != sent else b": waiting\n\n")
            self.wfile.flush()
            sent = version
            self.preview.wait_for_change(15)

    def _send(self, status: int, kind: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # the open event streams end with the preview


def server_of(preview: Preview, port: int) -> ThreadingHTTPServer:
    """The preview's web server on 127.0.0.1 (port 0: any free one)."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    return _Server(("127.0.0.1", port), partial(handler, directory=str(preview.site)))


def serve(project: Path, port: int = 8000) -> int:
    _give_back_freed_memory()
    # Stopped like Ctrl+C, from the start: the first build may take minutes (×100), and a preview stopped
    # during it, or one that cannot serve, must still remove its folder (a built site: a GB at ×100).
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    preview = Preview(project)
    try:
        return _serve(preview, project, port)
    finally:
        for number in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl+C does not stop the cleaning up
            signal.signal(number, signal.SIG_IGN)
        with contextlib.suppress(OSError):
            shutil.rmtree(preview.folder)


def _serve(preview: Preview, project: Path, port: int) -> int:
    watching = start_watching(project)  # before the first build: a save made while it runs is not lost
    preview.rebuild()
    try:
        server = server_of(preview, port)
    except OSError as err:
        print(say("cannot_serve", port=port, error=err.strerror), file=sys.stderr)
        return 2
    # The rebuilds run in this thread, as the first build did, and the server in one of its own: C's
    # allocator gives each thread that builds a pool of its own, which keeps what a build freed. With the
    # rebuilds in a thread of their own, the process held both pools (at ×100, some 100 MB more at its peak).
    ended, failures = threading.Event(), []

    def run_server() -> None:
        try:
            server.serve_forever()
        except Exception as error:  # (said below, in a sentence)
            failures.append(error)
        finally:
            ended.set()  # the preview stops with its server: a page that no longer loads would not say why

    threading.Thread(target=run_server, daemon=True).start()
    print(say("serving", port=server.server_port), flush=True)
    try:
        follow(watching, preview.rebuild, ended)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    if failures:
        print(say("server_failed", error=failures[0]), file=sys.stderr)
        return 1
    return 0


def _give_back_freed_memory() -> None:
    """Keep C's allocator (glibc) at the thresholds it starts with, for the preview's long run. Once a large
    block (a long page's HTML) is freed, glibc raises them, so that blocks up to that size come from its heap
    and stay there when freed: between saves, the heap grew by what earlier saves freed (at ×100, some 60 MB
    more at the preview's peak). Another C library: nothing to do."""
    if platform.libc_ver()[0] != "glibc":
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_TRIM_THRESHOLD, _STARTING_THRESHOLD)
        libc.mallopt(_M_MMAP_THRESHOLD, _STARTING_THRESHOLD)
