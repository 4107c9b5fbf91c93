"""Real-browser tests: Playwright driving Debian's Chromium over the built site.

The site built for a server (the session's ``published_site``, tests/conftest.py) is served over http on
loopback under a sub-path (/briefings/materials/), at the address it was built for, and also opened from
file://. Every page is visited once: at desktop width (axe-core, structure, requests, links), its lines and
tables measured at 1280 and 390 px, then at 320 px (reflow); the findings are kept in ``RUN`` and written to
test-artifacts/browser/results.json, which tests/browser/report.py turns into the accessibility pages.

What runs in the pages is in the .js files beside this one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import base
import pytest
from base import LANGS, PROJECT, SUB_PATH, leads_on

CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps opening connections that this network refuses.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent
VENDOR = HERE / "vendor"
AXE = VENDOR / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # 2.2 AA: target size (2.5.8)
ARTIFACTS = PROJECT / "test-artifacts"
RESULTS = ARTIFACTS / "browser" / "results.json"
SCREENSHOTS = ARTIFACTS / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
REFLOW = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}


def script(name: str) -> str:
    """A script of this folder, as the tests run it in a page."""
    return (HERE / name).read_text(encoding="utf-8")


# Where lines break, measured on every page at these widths (judged in test_pages.py).
LINE_WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
# What a reader sees of the tables and charts, measured at these widths on every page that has any (judged in
# test_legibility.py): the two of LINE_WIDTHS, a wide desktop and the narrowest phone.
FIGURE_WIDTHS = {**LINE_WIDTHS, "wide": {"width": 1440, "height": 900}, "small phone": REFLOW}
LINES_JS = script("lines.js")
# What a reader sees of a page's tables and charts (judged in test_legibility.py).
MEASURE_JS = script("legibility.js")
EXTRACT_JS = script("extract.js")
FOCUS_JS = script("focus.js")
AXE_JS = script("axe.js")
REFLOW_JS = script("reflow.js")
SCHEME_JS = script("scheme.js")
SETTLE_JS = script("settle.js")
TABLE_SHOTS = "tables"  # folder of SCREENSHOTS: every page with a table or chart, at both widths
WORKERS = 2  # browsers visiting pages at once: the suite runs on 2-core machines

# Everything the run found, written out at the end of the session (see pytest_sessionfinish).
RUN: dict = {"checks": {}, "pages": {}, "search": [], "switch": [], "screenshots": []}


def unavailable(reason: str):
    """Skip on a developer's machine without the browser; in CI a missing browser is a failure."""
    base.unavailable(f"{reason}; install it with: apt-get install chromium fonts-noto-cjk")


# --- the pages of the site -------------------------------------------------------------------------


@dataclass(frozen=True)
class SitePage:
    """One HTML file of the build, e.g. ``ja/fields/materials/index.html``."""

    rel: str
    lang: str  # "ja", "en", or "ja+en" for the language chooser at the root
    kind: str  # home, index:<collection>, item:<collection>, page:<name>, not-found, language-chooser
    tables: bool = False  # it has a table or a chart (test_legibility.py measures those)

    @property
    def path(self) -> str:
        """The address a reader uses, relative to the site root: ``ja/fields/materials/``."""
        if self.kind == "not-found":
            return f"{self.lang}/no/such/page/"  # the server answers any missing address with the 404 page
        return self.rel.removesuffix("index.html")

    @property
    def other_lang(self) -> str | None:
        return {"ja": "en", "en": "ja"}.get(self.lang)

    def counterpart_path(self) -> str:
        """Where the language switcher should lead: the same page in the other language."""
        if self.kind == "not-found":
            return f"{self.other_lang}/"
        return f"{self.other_lang}/{self.path.split('/', 1)[1]}"


def page_kind(root: Path, rel: PurePosixPath) -> str:
    """The kind of page, from where it sits: new kinds of page (a glossary…) are picked up on their own."""
    parts = rel.parts
    if len(parts) == 1:
        return "language-chooser"
    lang, rest = parts[0], parts[1:]
    if rest == ("404.html",):
        return "not-found"
    if rest == ("index.html",):
        return "home"
    if len(rest) == 2:
        has_items = any((root / lang / rest[0]).glob("*/index.html"))
        return f"{'index' if has_items else 'page'}:{rest[0]}"
    if len(rest) == 3:
        return f"item:{rest[0]}"
    return "other:" + "/".join(rest[:-1])


TABLE_MARKS = ('class="briefing-table', 'class="briefing-chart')


def site_pages(root: Path) -> list[SitePage]:
    """Every HTML page of the build (theme assets and the search index hold none)."""
    pages = []
    for file in sorted(root.rglob("*.html")):
        rel = PurePosixPath(file.relative_to(root).as_posix())
        if rel.parts[0] not in LANGS and len(rel.parts) > 1:
            continue
        if leads_on(file):  # no page of its own: test_addresses.py follows where it leads
            continue
        kind = page_kind(root, rel)
        lang = rel.parts[0] if len(rel.parts) > 1 else "ja+en"
        html = file.read_text(encoding="utf-8")
        tables = lang in LANGS and kind != "not-found" and any(k in html for k in TABLE_MARKS)
        pages.append(SitePage(str(rel), lang, kind, tables))
    return pages


def representatives(pages: list[SitePage]) -> list[SitePage]:
    """The first page of each kind in each language: one home, one item of each collection…"""
    seen: dict[tuple[str, str], SitePage] = {}
    for page in pages:
        seen.setdefault((page.lang, page.kind), page)
    return list(seen.values())


# --- serving the site ------------------------------------------------------------------------------


class _Handler(SimpleHTTPRequestHandler):
    """A static server that, like a configured production server, answers a missing address
    with the 404 page of that language (the site being at ``sub_path``), and adds ``headers``
    to every answer."""

    sub_path: ClassVar[str] = SUB_PATH
    extra_headers: ClassVar[dict[str, str]] = {}

    def log_message(self, format, *args):  # quiet
        pass

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        path = unquote(urlsplit(self.path).path)
        if code == 404 and path.startswith(self.sub_path):
            lang = path.removeprefix(self.sub_path).split("/", 1)[0]
            page = Path(self.directory) / self.sub_path.strip("/") / lang / "404.html"
            if lang in LANGS and page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(
    directory: Path, sub_path: str = SUB_PATH, headers: dict[str, str] | None = None, listening=None
) -> Iterator[str]:
    """Serve ``directory`` over http on loopback, the site being at ``sub_path`` of it, with ``headers``
    added to every answer (the dict itself: what it holds when a request comes); through the socket
    ``listening`` if given, else on a new port. Yields the server's origin, http://127.0.0.1:<port>."""
    handler = type(
        "Handler", (_Handler,), {"sub_path": sub_path, "extra_headers": headers if headers is not None else {}}
    )
    bound = functools.partial(handler, directory=str(directory))
    if listening is None:
        server = ThreadingHTTPServer(("127.0.0.1", 0), bound)
    else:  # the socket a site was built for: its port is in the site's addresses
        server = ThreadingHTTPServer(listening.getsockname(), bound, bind_and_activate=False)
        server.socket.close()
        server.socket = listening
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()
        if listening is None:
            server.server_close()


@dataclass
class Served:
    root: Path  # the built site (holds index.html, ja/, en/)
    http: str  # http://127.0.0.1:<port>/briefings/materials/
    pages: list[SitePage] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # added to every answer while they are here

    @property
    def file(self) -> str:
        return self.root.as_uri() + "/"

    def http_url(self, page: SitePage | str) -> str:
        return self.http + (page.path if isinstance(page, SitePage) else page)

    def file_url(self, page: SitePage | str) -> str:
        rel = page.rel if isinstance(page, SitePage) else page
        if rel.endswith("/") or rel == "":
            rel += "index.html"
        return self.file + rel


@pytest.fixture(scope="session")
def served(published_site, site_socket, site_url) -> Served:
    """The site built for a server (tests/conftest.py: with a site URL, and a page at a moved address),
    served at the address it was built for: http://127.0.0.1:<port>/briefings/materials/.

    Built for its address rather than served from the ``site`` fixture because the 404 pages are the one
    kind of page that cannot link relatively (a server shows them at any address): they find their styles
    only when the build is told the sub-path (``--site-url``), as a publisher serving the site under a
    sub-path has to do. (The pages that only lead on, such as the moved address, are not among ``pages``.)
    """
    root = published_site
    for _ in SUB_PATH.strip("/").split("/"):
        root = root.parent
    headers: dict[str, str] = {}
    with serve(root, SUB_PATH, headers, listening=site_socket) as origin:
        assert origin + SUB_PATH == site_url
        yield Served(published_site, site_url, site_pages(published_site), headers)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        unavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (make installs it with the test extras)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        RUN["tools"] = {
            "browser": f"Chromium {chromium.version}",
            "playwright": _version("playwright"),
            "axe-core": _axe_version(),
            "axe_tags": AXE_TAGS,
        }
        try:
            yield chromium
        finally:
            chromium.close()


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _axe_version() -> str:
    head = AXE.read_text(encoding="utf-8")[:200]
    return head.split("axe v", 1)[1].split()[0]


# --- collecting what each page does ----------------------------------------------------------------


class InFlight:
    """The requests of one browser context not yet answered: a page has settled once none has been for a while."""

    def __init__(self, context):
        self.count = 0
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)

    def settle(self, tab, quiet_ms: int = 0, limit_ms: int = 5000) -> None:
        """Wait until no request has been in flight for ``quiet_ms`` (Material fetches its search index, and
        the sitemaps, after the page has loaded), or ``limit_ms`` has passed. Playwright's "networkidle" is
        the same with 500 ms of quiet after every page, which is most of a suite's time."""
        waited = quiet = 0
        while waited < limit_ms and (self.count > 0 or quiet < quiet_ms):
            tab.wait_for_timeout(25)
            waited += 25
            quiet = quiet + 25 if self.count == 0 else 0

    def _started(self, request) -> None:
        self.count += 1

    def _ended(self, request) -> None:
        self.count -= 1


class Traffic:
    """Requests, failures and console errors of one browser context, attributed to the page being visited."""

    def __init__(self, context, expected_status: dict[str, int] | None = None):
        self.current = ""
        self.by_page: dict[str, dict[str, list]] = {}
        self.expected_status = expected_status or {}
        self.in_flight = InFlight(context)
        context.on("request", self._request)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        context.on("console", self._console)
        context.on("weberror", lambda e: self._add("errors", f"uncaught: {e.error}"))

    def visit(self, page_id: str) -> dict[str, list]:
        self.current = page_id
        return self.by_page.setdefault(page_id, {"requests": [], "failed": [], "errors": []})

    def settle(self, tab) -> None:
        """Wait until the page's late requests (Material's search index, fetched after load) are done."""
        self.in_flight.settle(tab)

    def _request(self, request) -> None:
        self._add("requests", request.url)

    def _failed(self, request) -> None:
        # ERR_ABORTED is the browser cancelling a request because the page was left (the search worker
        # may still be loading its scripts); it is not a failure of the site. Error statuses are caught
        # from the responses.
        if request.failure != "net::ERR_ABORTED":
            self._add("failed", f"{request.url} ({request.failure})")

    def _add(self, key: str, value: str) -> None:
        if self.current:
            self.by_page[self.current][key].append(value)

    def _response(self, response) -> None:
        if response.status >= 400 and self.expected_status.get(response.url) != response.status:
            self._add("failed", f"{response.url} (HTTP {response.status})")

    def _console(self, message) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        if "Failed to load resource" in message.text and source in self.expected_status:
            return  # the 404 page itself, answered with 404 on purpose
        self._add("errors", f"console: {message.text}" + (f" ({source})" if source else ""))


@dataclass
class Visit:
    """What one page did and showed in the browser."""

    page: SitePage
    url: str
    status: int | None
    traffic: dict[str, list]
    info: dict
    focus: dict
    after_skip: str
    axe: dict
    reflow: dict
    lines: dict = field(default_factory=dict)  # width label → lines.js's findings
    figures: dict = field(default_factory=dict)  # width label → legibility.js's findings (pages with tables)


def _visit_over_http(tab, traffic: Traffic, page: SitePage, url: str) -> Visit:
    """Load the page at desktop width, press Tab (and Enter on a skip link), run axe; measure its lines (and
    its tables, with a screenshot) at desktop and phone widths, its tables at a wide desktop's and the
    narrowest phone's; then narrow it to 320 px.

    Every check that needs a page at a given width is made in this one visit: loading the pages is what
    takes the browser suite's time."""
    tab.set_viewport_size(DESKTOP)
    log = traffic.visit(url)
    response = tab.goto(url, wait_until="load")
    info = tab.evaluate(EXTRACT_JS)
    tab.keyboard.press("Tab")
    focus = tab.evaluate(FOCUS_JS)
    after_skip = ""
    if "md-skip" in focus.get("cls", ""):
        tab.keyboard.press("Enter")
        after_skip = tab.evaluate("location.hash")
    axe = tab.evaluate(AXE_JS, AXE_TAGS)  # axe.min.js is injected into every page (see _in_parallel)
    traffic.settle(tab)
    lines, figures = {}, {}
    if page.lang in LANGS:
        for label, viewport in LINE_WIDTHS.items():
            _resize(tab, viewport)
            lines[label] = tab.evaluate(LINES_JS)  # (opens the citation box, to measure it too)
            if page.tables:
                figures[label] = tab.evaluate(MEASURE_JS)
                folder = SCREENSHOTS / TABLE_SHOTS
                folder.mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(folder / f"{shot_name(page)}-{viewport['width']}.png"), full_page=True)
    for label, viewport in FIGURE_WIDTHS.items():
        if page.tables and label not in figures:
            _resize(tab, viewport)
            figures[label] = tab.evaluate(MEASURE_JS)
    _resize(tab, REFLOW)
    reflow = tab.evaluate(REFLOW_JS)
    status = response.status if response else None
    return Visit(page, url, status, log, info, focus, after_skip, axe, reflow, lines, figures)


def _resize(tab, viewport: dict) -> None:
    """The window at ``viewport``, and the page laid out again at that width before anything is measured."""
    tab.set_viewport_size(viewport)
    tab.evaluate(SETTLE_JS)


def shot_name(page: SitePage) -> str:
    return re.sub(r"[^a-z0-9]+", "-", page.path).strip("-") or "root"


def _visit_from_file(tab, traffic: Traffic, page: SitePage, url: str) -> dict:
    log = traffic.visit(url)
    tab.goto(url, wait_until="load")
    traffic.settle(tab)
    info = tab.evaluate(EXTRACT_JS)
    return {"url": url, "traffic": log, "links": info["links"], "switcher": info["switcher"]}


def _in_parallel(pages: list[SitePage], url_of, visit, expected_status=None, axe=False, workers=WORKERS) -> dict:
    """Visit ``pages`` with ``workers`` browsers at once (each in its own thread, with its own Playwright,
    as Playwright's synchronous API asks); results keyed by ``SitePage.rel``."""
    from playwright.sync_api import sync_playwright

    found: dict = {}
    errors: list[BaseException] = []

    def work(chunk: list[SitePage]) -> None:
        try:
            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
                try:
                    # Material drops its transitions for readers who ask for less motion: every measure is
                    # taken once the page has settled at its width, and need not wait for a sidebar to slide.
                    context = chromium.new_context(viewport=DESKTOP, reduced_motion="reduce")
                    if axe:
                        context.add_init_script(path=str(AXE))
                    traffic = Traffic(context, expected_status)
                    tab = context.new_page()
                    for page in chunk:
                        found[page.rel] = visit(tab, traffic, page, url_of(page))
                finally:
                    chromium.close()
        except BaseException as err:  # re-raised in the test's thread below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(pages[i::workers],)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return found


@pytest.fixture(scope="session")
def http_visits(browser, served) -> dict[str, Visit]:
    """Every page over http, each visited once (desktop width, then 320 px); keyed by ``SitePage.rel``."""
    expected = {served.http_url(p): 404 for p in served.pages if p.kind == "not-found"}
    visits = _in_parallel(served.pages, served.http_url, _visit_over_http, expected, axe=True)
    for page in served.pages:
        visit = visits[page.rel]
        RUN["pages"][page.rel] = {
            "path": page.path,
            "lang": page.lang,
            "kind": page.kind,
            "title": visit.info["title"],
            "axe_violations": sum(len(v["nodes"]) for v in visit.axe["violations"]),
        }
    RUN["axe"] = _axe_summary(visits)
    return visits


def _axe_summary(visits: dict[str, Visit]) -> dict:
    """Per axe rule: its WCAG tags and on how many pages it passed, failed, needed review or did not apply."""
    rules: dict[str, dict] = {}
    for visit in visits.values():
        for outcome in ("violations", "incomplete", "passes", "inapplicable"):
            for rule in visit.axe[outcome]:
                entry = rules.setdefault(
                    rule["id"],
                    {"tags": rule["tags"], "violations": 0, "incomplete": 0, "passes": 0, "inapplicable": 0},
                )
                entry[outcome] += 1
    return {"rules": dict(sorted(rules.items())), "pages": len(visits)}


@pytest.fixture(scope="session")
def file_visits(browser, served) -> dict[str, dict]:
    """Every page opened from file:// (the 404 pages excepted: only a server shows them)."""
    pages = [page for page in served.pages if page.kind != "not-found"]
    return _in_parallel(pages, served.file_url, _visit_from_file)


# --- recording outcomes for the accessibility report -----------------------------------------------


def record(check: str, failures: list[str], **details) -> None:
    """Keep a check's findings for results.json (the test's pass or fail is recorded by the hook below)."""
    entry = RUN["checks"].setdefault(check, {"failures": [], "details": {}})
    entry["failures"].extend(failures)
    entry["details"].update(details)


def pytest_runtest_logreport(report):
    if report.when != "call" and not (report.when == "setup" and report.outcome != "passed"):
        return
    if "/browser/" not in report.nodeid.replace("\\", "/"):
        return
    name = report.nodeid.split("::")[-1].split("[")[0]
    entry = RUN["checks"].setdefault(name, {"failures": [], "details": {}})
    previous = entry.get("outcome")
    outcome = report.outcome
    if previous == "failed" or (previous == "skipped" and outcome == "passed"):
        outcome = previous
    entry["outcome"] = outcome
    entry["runs"] = entry.get("runs", 0) + 1


def pytest_sessionfinish(session):
    if not RUN["pages"]:
        return  # the browser suite did not run (skipped, or deselected)
    now = dt.datetime.now().astimezone()
    RUN["date"] = now.date().isoformat()
    RUN["generated"] = now.isoformat(timespec="seconds")
    RUN["served_as"] = f"http://127.0.0.1:<port>{SUB_PATH} and file://"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(RUN, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# --- what a reader does, shared by the tests -------------------------------------------------------


def search(tab, home: str, query: str) -> tuple[list[str], str]:
    """Open the home page, press "/" to open search, type the query; the result pages, in order."""
    tab.goto(home, wait_until="load")
    tab.keyboard.press("/")
    field = tab.locator("input.md-search__input")
    field.wait_for(state="visible")
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')"), "search did not open"
    tab.keyboard.type(query, delay=10)
    # keyboard.type sends ASCII as key presses but inserts Japanese as text, the way an input method
    # commits it; Material searches on key-up, so press End as the commit key press would.
    tab.keyboard.press("End")
    assert field.input_value() == query
    try:
        # A locator, not wait_for_function: that compiles its condition with eval in the page, which the
        # README's Content-Security-Policy forbids (test_csp_in_browser.py searches under it).
        tab.locator(".md-search-result__item").first.wait_for(state="attached", timeout=5000)
    except Exception:  # no result appeared: report what the page says instead
        return [], tab.locator(".md-search-result__meta").inner_text()
    hrefs = tab.eval_on_selector_all(
        "li.md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)"
    )
    pages = []
    for href in hrefs:
        path = urlsplit(href).path
        if path not in pages:
            pages.append(path)
    return pages, tab.locator(".md-search-result__meta").inner_text()


def choose(tab, lang: str) -> str:
    """Choose ``lang`` on the page that is open, as a reader does; the address that opens."""
    if tab.locator("a.choice").count():  # the language chooser at the root
        link = tab.locator(f'a.choice[hreflang="{lang}"]')
    else:
        tab.locator(".md-header .md-select > button").click()  # opens the menu (it shows on focus)
        link = tab.locator(f'.md-header a.md-select__link[hreflang="{lang}"]')
    with tab.expect_navigation(wait_until="load"):
        link.click()
    return tab.url


def choose_dark_mode(tab) -> None:
    """Click the theme's colour-scheme button, as a reader does, until the page is dark."""
    for _ in range(2):
        if tab.evaluate(SCHEME_JS) == "slate":
            return
        tab.locator("form[data-md-component=palette] label:not([hidden])").first.click()


@pytest.fixture(scope="module")
def tab(browser):
    """One desktop-sized tab, shared by the tests of a module (with reduced motion, as the visits: a click
    waits until its target stops moving, which without it is after the theme's transitions)."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    yield page
    context.close()
