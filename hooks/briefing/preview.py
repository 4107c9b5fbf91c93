"""Live preview of both languages while editing (``make serve``).

The site is built as ``make site`` builds it, into a folder of its own (never site/), and served at
http://127.0.0.1:8000/ with both languages and the language chooser, so the switcher works. The
project's files are watched; after a change the data is checked at once and, if it is valid, the
site is built again. While the data or a template has a problem, every page is answered at once:
the last good page with a banner listing each problem as ``make check`` does, in the page's
language, or, before any build has succeeded, a page with the list. Pages reload by themselves.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .builder import build_site
from .messages import GUIDED, Message, group_of, language, say
from .outputs import OutputRefused
from .problems import DataError, Problem, printable
from .project_files import inputs_stamp
from .render import load_strings, template_folders
from .urls import page_url
from .validation import LANGUAGES, validate

ENDPOINT = "/__preview__/"
GUIDE_TEMPLATE = "editor-guide.md.j2"  # the editor's guide: its #rule-<group> explains each group of problems
LIVE_JS = """// make serve: reload when a new build is ready.
(function () {
  var seen = null;
  function poll() {
    fetch("/__preview__/state", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) location.reload();
      seen = s.version;
    }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""


class Preview:
    """The latest good build, what is wrong now, and a version number that changes with either."""

    def __init__(self, project: Path):
        self.project = project
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
        self.site = self.folder / "site"
        self.problems: list[Problem | Message] = []  # worded in the language of the page that shows them
        self.version = 0
        self.built = False
        self.guide: str | None = None  # the editor's guide's address, once the data has been read
        self._lock = threading.Lock()
        env = Environment(
            loader=ChoiceLoader([FileSystemLoader(folder) for folder in template_folders(project)]),
            autoescape=True,
            undefined=StrictUndefined,
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.template = env.get_template("preview.html.j2")
        self.strings = {lang: load_strings(template_folders(project), lang) for lang in LANGUAGES}

    def rebuild(self) -> None:
        """Check the data first (a problem shows at once), then build if it is valid."""
        from mkdocs.exceptions import MkDocsException

        problems: list[Problem | Message] = []
        try:
            briefing, _ = validate(self.project)
            self.guide = guide_address(briefing)
            build_site(self.project, self.site)
        except DataError as err:
            problems = list(err.problems)
        except MkDocsException as err:
            problems = [
                Message("build_stopped", error=printable(line)) for line in str(err).splitlines() if line.strip()
            ]
        except OSError as err:
            where = f"{err.filename}: " if err.filename else ""
            problems = [Message("could_not_write", what=Message("the_preview"), where=where, error=err.strerror or err)]
        except OutputRefused as err:
            problems = [err.message]
        except Exception as err:  # a fault of the generator: shown like any problem, and the watching goes on
            problems = [Message("preview_generator_fault", error=printable(f"{type(err).__name__}: {err}"))]
        with self._lock:
            self.problems = problems
            self.built = self.built or not problems
            self.version += 1
        state = say("preview_problems_state", count=len(problems)) if problems else say("preview_built")
        print(f"[{time.strftime('%H:%M:%S')}] {state}", file=sys.stderr)

    def page(self, html: str, lang: str) -> str:
        """A served page with the reloading script and, while something is wrong, the banner."""
        with self._lock:
            problems = list(self.problems)
        banner = self.template.module.banner(self._said(problems, lang), self._ui(lang)) if problems else ""
        script = f'<script src="{ENDPOINT}live.js"></script>'
        head, found, rest = html.partition("<body")
        if not found:
            return html + banner + script
        tag, _, body = rest.partition(">")
        return f"{head}<body{tag}>{banner}{body}".replace("</body>", f"{script}</body>")

    def error_page(self, lang: str) -> str:
        with self._lock:
            problems = list(self.problems)
        listed = self._said(problems, lang)
        return self.template.module.page(listed, self._ui(lang), lang) + f'<script src="{ENDPOINT}live.js"></script>'

    def _said(self, problems: list[Problem | Message], lang: str) -> list[tuple[str, str | None]]:
        """Each problem in the page's language, with the address of the part of the editor's guide that
        explains its kind (if the guide explains it)."""
        said = []
        for problem in problems:
            message = problem.message if isinstance(problem, Problem) else problem
            group = group_of(message.key)
            guide = f"/{lang}/{self.guide}#rule-{group}" if group in GUIDED and self.built and self.guide else None
            said.append((printable(problem.text(lang)), guide))
        return said

    def _ui(self, lang: str):
        strings = self.strings.get(lang, self.strings[LANGUAGES[0]])
        return lambda key, **values: strings[key].format(**values)

    def watch(self, interval: float = 0.5, stop: threading.Event | None = None) -> None:
        """Poll the project's files; rebuild after a change. Nothing stops the watching but the end of
        the preview (or ``stop``): a rebuild shows its own faults as problems (``rebuild``)."""
        seen = self.snapshot()
        while not (stop and stop.is_set()):
            time.sleep(interval)
            now = self.snapshot()
            if now != seen:
                seen = now
                time.sleep(0.2)  # an editor may write a file in several steps
                self.rebuild()

    def snapshot(self) -> tuple:
        """Every input of the build (project_files.INPUTS: data/, editions/, docs/, templates/…), with its
        time and size."""
        return inputs_stamp(self.project)


def guide_address(briefing) -> str | None:
    """The address of the editor's guide, wherever the declaration puts it (editing/), if it has one."""
    return next((page_url(page.path) for page in briefing.declaration.pages if page.template == GUIDE_TEMPLATE), None)


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format, *args):  # quiet: the terminal is for the editor's messages
        pass

    def do_GET(self):
        """Every request gets an answer with a status, never a reset connection."""
        try:
            self._get()
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
        path = unquote(urlsplit(self.path).path)
        if path.startswith(ENDPOINT):
            return self._endpoint(path.removeprefix(ENDPOINT))
        lang = next((code for code in LANGUAGES if path.startswith(f"/{code}/") or path == f"/{code}"), LANGUAGES[0])
        if not self.preview.built:
            return self._send(200, "text/html; charset=utf-8", self.preview.error_page(lang).encode())
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" or not file.exists():
            status = 200 if file.is_file() else 404
            page = file if file.is_file() else self.preview.site / lang / "404.html"
            html = page.read_text(encoding="utf-8") if page.is_file() else ""
            return self._send(status, "text/html; charset=utf-8", self.preview.page(html, lang).encode())
        return super().do_GET()

    def _endpoint(self, name: str):
        if name == "state":
            state = {"version": self.preview.version, "problems": len(self.preview.problems)}
            return self._send(200, "application/json", json.dumps(state).encode())
        if name == "live.js":
            return self._send(200, "text/javascript; charset=utf-8", LIVE_JS.encode())
        return self._send(404, "text/plain; charset=utf-8", self._own_words("preview_not_found"))

    def _own_words(self, key: str) -> bytes:
        """A sentence of the preview's own, in the language of the address asked for."""
        path = urlsplit(self.path).path
        lang = next((code for code in LANGUAGES if path.startswith(f"/{code}/")), language())
        return f"{say(key, lang)}\n".encode()

    def _send(self, status: int, kind: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def server_of(preview: Preview, port: int) -> ThreadingHTTPServer:
    """The preview's web server on 127.0.0.1 (port 0: any free one)."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    return ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(preview.site)))


def serve(project: Path, port: int = 8000) -> int:
    preview = Preview(project)
    preview.rebuild()
    try:
        server = server_of(preview, port)
    except OSError as err:
        print(say("cannot_serve", port=port, error=err.strerror), file=sys.stderr)
        return 2
    threading.Thread(target=preview.watch, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))  # stopped like Ctrl+C
    print(say("serving", port=server.server_port), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        with contextlib.suppress(OSError):
            shutil.rmtree(preview.folder)
    return 0
