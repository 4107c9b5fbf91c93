"""Live preview of both languages while editing (``make serve``).

The site is built as ``make site`` builds it, into a folder of its own (never site/), and served at
http://127.0.0.1:8000/ with both languages and the language chooser, so the switcher works. The
project's inputs are watched (inputs.py lists them; the generator's code and templates too). After a
save the data is checked at once; if it is valid, the page being read (the last one asked for) is
made again first, in its language, then the other pages that changed, then the other language: each
language's MkDocs build is kept between saves (driver.LanguageSession) and redoes only the pages whose
inputs changed. A page reloads by itself as soon as a newer build of it is there (server-sent events).
While the data or a template has a problem, every page is answered at once: the last good page with a
banner listing each problem as ``make check`` does, in the page's language, or, before any build has
succeeded, a page with the list. Nothing that goes wrong in a rebuild stops the watching.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .. import ENGINE
from ..build.cache import BuildCache
from ..check.validate import LANGUAGES, validate
from ..messages import Message, language, say
from ..plan.urls import page_url
from ..problems import DataError, Problem, printable
from ..project.files import INPUTS, is_input
from ..project.outputs import OutputRefused
from ..project.template_folders import load_strings, template_folders
from ..render.jinja import environment

ENDPOINT = "/__preview__/"
LIVE_JS = ENGINE / "templates" / "preview-live.js"
GUIDE_TEMPLATE = "editor-guide.md.j2"  # the editor's guide: its #rule-<group> explains each group of problems
# Changes to these make every page again (the theme, the hand-written pages, the configuration).
_WHOLE = ("docs", "overrides", "mkdocs.yml", "mkdocs.en.yml", "hooks")


class Preview:
    """The latest good build, what is wrong now, and a version of each page that changes with either."""

    def __init__(self, project: Path):
        self.project = project
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
        self.site = self.folder / "site"  # made by the first build that succeeds
        self.cache = BuildCache(self.site)
        self.frozen: dict = {}  # the frozen editions, loaded once while they stay the same
        self.sessions: dict = {}  # language → driver.LanguageSession
        self.titles: dict[str, dict[str, str]] = {}  # the last titles of each page, by address and language
        self.problems: list[Problem | Message] = []  # worded in the language of the page that shows them
        self.built = False
        self.guide: str | None = None  # the editor's guide's address, once the data has been read
        self.viewed = (LANGUAGES[0], "")  # the page last asked for: (language, address)
        self._epoch = 0  # every page may have changed
        self._page_versions: dict[tuple[str, str], int] = {}
        self._changed = threading.Condition()
        self.template = environment(project).get_template("preview.html.j2")
        self.strings = {lang: load_strings(template_folders(project), lang) for lang in LANGUAGES}
        self.live_js = LIVE_JS.read_bytes()

    # --- versions ---------------------------------------------------------------------------------------

    def version_of(self, lang: str, url: str) -> str:
        with self._changed:
            return f"{self._epoch}.{self._page_versions.get((lang, url), 0)}"

    def _bump(self, lang: str | None = None, url: str | None = None) -> None:
        with self._changed:
            if lang is None:
                self._epoch += 1
            else:
                self._page_versions[lang, url] = self._page_versions.get((lang, url), 0) + 1
            self._changed.notify_all()

    def wait_for_change(self, timeout: float) -> None:
        with self._changed:
            self._changed.wait(timeout)

    # --- building -----------------------------------------------------------------------------------------

    def rebuild(self, changed: set[Path] | None = None) -> None:
        """Check the data first (a problem shows at once), then build what changed. Whatever goes wrong
        is shown as a problem, and the preview goes on watching."""
        from mkdocs.exceptions import MkDocsException

        from ..build.mkdocs_session import StrictAbort

        started = time.perf_counter()
        problems: list[Problem | Message] = []
        try:
            self._rebuild(changed)
        except DataError as err:
            problems = list(err.problems)
        except (MkDocsException, StrictAbort) as err:
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
            self.sessions.clear()  # the next save builds everything again
        if problems or problems != self.problems:
            self.problems = problems
            self._bump()
        self.built = self.built or not problems
        state = say("preview_problems_state", count=len(problems)) if problems else say("preview_built")
        print(f"[{time.strftime('%H:%M:%S')}] {state} ({time.perf_counter() - started:.2f} s)", file=sys.stderr)

    def _rebuild(self, changed: set[Path] | None) -> None:
        from ..build.language import CONFIGS, Extras, all_titles, page_meta, render_language, root_files
        from ..build.mkdocs_session import LanguageSession

        checked = validate(self.project, self.frozen)
        self.guide = guide_address(checked.briefing)
        self.site.mkdir(exist_ok=True)
        whole = changed is None or any(self._is_whole(path) for path in changed)
        if whole:
            self.sessions.clear()
        first, url = self.viewed
        order = [first, *(lang for lang in LANGUAGES if lang != first)]
        pinned_prefix = f"editions/{checked.timeline.current_date}/"
        extras = Extras()
        if first in self.sessions and url in {page.url for page in checked.plan.pages}:
            # The page being read first: in the browser before the others are made.
            quick = render_language(self.project, checked, first, extras, self.cache, only={url})
            self._merge_titles(quick)
            meta = {url: page_meta(url, self._complete_titles(), checked.plan.pinned, pinned_prefix)}
            session = self.sessions[first]
            pages = [page for page in session.changed(quick, meta) if page.url == url]
            if pages and session.can_update_page(pages[0]):
                session.update_pages(pages, {**session.meta, **meta}, lambda done: self._bump(first, done))
        contents = {}
        for lang in order:
            contents[lang] = render_language(self.project, checked, lang, extras, self.cache)
            self._merge_titles(contents[lang])
        titles = all_titles(self.project, checked, contents)
        self.titles = titles
        urls = {page.url for content in contents.values() for page in content.pages} | set(titles)
        meta = {url: page_meta(url, titles, checked.plan.pinned, pinned_prefix) for url in urls}
        for lang in order:
            content, session = contents[lang], self.sessions.get(lang)
            if session is not None and session.can_update(content, meta):
                pages = sorted(session.changed(content, meta), key=lambda page: page.url != url)
                session.update_pages(pages, meta, lambda done, lang=lang: self._bump(lang, done))
                session.update_files(content.files)
            else:
                session = LanguageSession(
                    self.project, self.project / CONFIGS[lang], self.site / lang, self.cache, in_place=True
                )
                self.sessions.pop(lang, None)
                session.build(content, meta)
                self.sessions[lang] = session
                self._bump()
        for name, data in root_files(self.project, checked, None, self.cache):
            self.cache.write(data, self.site / name)
        self.cache.carry_over()

    def _is_whole(self, path: Path) -> bool:
        relative = path.relative_to(self.project) if path.is_relative_to(self.project) else path
        return relative.parts[:1] and relative.parts[0] in _WHOLE

    def _merge_titles(self, content) -> None:
        for url, title in content.titles.items():
            self.titles.setdefault(url, {})[content.lang] = title

    def _complete_titles(self) -> dict[str, dict[str, str]]:
        return {url: found for url, found in self.titles.items() if len(found) == len(LANGUAGES)}

    # --- serving --------------------------------------------------------------------------------------------

    def page(self, html: str, lang: str, url: str) -> str:
        """A served page with the reloading script and, while something is wrong, the banner."""
        problems = list(self.problems)
        banner = self.template.module.banner(self._said(problems, lang), self._ui(lang)) if problems else ""
        script = self._script(lang, url)
        head, found, rest = html.partition("<body")
        if not found:
            return html + banner + script
        tag, _, body = rest.partition(">")
        return f"{head}<body{tag}>{banner}{body}".replace("</body>", f"{script}</body>")

    def error_page(self, lang: str, url: str) -> str:
        listed = self._said(list(self.problems), lang)
        return self.template.module.page(listed, self._ui(lang), lang) + self._script(lang, url)

    def _said(self, problems: list[Problem | Message], lang: str) -> list[tuple[str, str | None]]:
        """Each problem in the page's language, with the address of the part of the editor's guide that
        explains its kind (if the guide explains it)."""
        said = []
        for problem in problems:
            message = problem.message if isinstance(problem, Problem) else problem
            group = message.guide_section()
            guide = f"/{lang}/{self.guide}#rule-{group}" if group and self.built and self.guide else None
            said.append((printable(problem.text(lang)), guide))
        return said

    def _script(self, lang: str, url: str) -> str:
        version = self.version_of(lang, url)
        return f'<script src="{ENDPOINT}live.js" data-version="{version}" data-page="/{lang}/{url}"></script>'

    def _ui(self, lang: str):
        strings = self.strings.get(lang, self.strings[LANGUAGES[0]])
        return lambda key, **values: strings[key].format(**values)

    # --- watching -------------------------------------------------------------------------------------------

    def watch(self, stop: threading.Event | None = None) -> None:
        """Rebuild after every change to the project's inputs, until the preview ends (or ``stop``):
        nothing else stops the watching, since a rebuild shows its own faults as problems (``rebuild``)."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        pending: set[Path] = set()
        arrived = threading.Event()
        preview = self

        class Changes(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed_no_write"):
                    return
                for path in (event.src_path, getattr(event, "dest_path", "")):
                    if path and preview._is_input(Path(path)):
                        pending.add(Path(path))
                        arrived.set()

        observer = Observer()
        for name in INPUTS:
            path = self.project / name
            if path.is_dir():
                observer.schedule(Changes(), str(path), recursive=True)
        observer.schedule(Changes(), str(self.project), recursive=False)  # mkdocs.yml, mkdocs.en.yml
        observer.start()
        while not (stop and stop.is_set()):
            if not arrived.wait(0.5):
                continue
            time.sleep(0.03)  # an editor may write a file in several steps
            while arrived.is_set():
                arrived.clear()
                time.sleep(0.03)
            changed = set(pending)
            pending.clear()
            self.rebuild(changed)
        observer.stop()

    def _is_input(self, path: Path) -> bool:
        if not is_input(path) or path.name.endswith(("~", ".swp", ".swx")) or path.name.startswith(".#"):
            return False  # Python's caches, an editor's backup and lock files
        relative = path.relative_to(self.project) if path.is_relative_to(self.project) else None
        return bool(relative and relative.parts and relative.parts[0] in INPUTS)


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
        if not preview.built:
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
