"""The README's Content-Security-Policy in a real browser: every kind of page works under it.

The site built for a server (the session's, with one moved address, so that a page at a moved address is
built too) is served over http under a sub-path with the README's policy as a header, read from the
README so that the two cannot drift; the build without a site URL (the ``site`` fixture) is served with
it at the server's root. One page of every kind in both languages,
the language chooser, the 404 pages and the moved address are visited; search is typed with real key
presses, the language is switched, the colour scheme is toggled and kept, a table is sorted and
filtered and a citation copied.

Every violation is caught as it happens: the browser adds a ``securitypolicyviolation`` listener to
every document before the page's own scripts run, and it reports to the test at once (a page that is
left cannot lose it); CSP errors on the console and blocked or failed requests are caught too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from base import MOVED, PROJECT, readme_policy
from bs4 import BeautifulSoup

from .conftest import (
    DESKTOP,
    LANGS,
    SCHEME_JS,
    InFlight,
    SitePage,
    choose,
    record,
    representatives,
    script,
    search,
    serve,
)

REPORT_JS = script("csp-report.js")
PAGE_JS = script("page-state.js")


class Watch:
    """Policy violations, console errors and failed requests in one browser context, with the page."""

    def __init__(self, context, expected_status: dict[str, int]):
        self.found: list[str] = []
        self.expected_status = expected_status
        self.in_flight = InFlight(context)
        context.expose_binding("__cspViolation", self._violation)
        context.add_init_script(script=REPORT_JS)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.found.append(f"uncaught: {error.error}"))
        context.on("requestfailed", self._failed)
        context.on("response", self._response)

    def settle(self, tab) -> None:
        """Let the page's late requests (the search index, the sitemaps Material fetches) finish: none in flight
        for 200 ms."""
        self.in_flight.settle(tab, quiet_ms=200)

    def take(self) -> list[str]:
        found, self.found = self.found, []
        return found

    def _violation(self, source, v) -> None:
        where = source["frame"].url
        self.found.append(
            f"{where}: {v['disposition']} violation of {v['directive']}: blocked {v['blocked'] or '?'}"
            f" ({v['source']}:{v['line']}) {v['sample']!r}"
        )

    def _console(self, message) -> None:
        source = (message.location or {}).get("url", "")
        if message.type != "error":
            return
        if "Failed to load resource" in message.text and self.expected_status.get(source) == 404:
            return  # the 404 page itself, answered with 404 on purpose
        self.found.append(f"console: {message.text} ({source})")

    def _failed(self, request) -> None:
        if request.failure != "net::ERR_ABORTED":  # a request cut short because the page was left
            self.found.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400 and self.expected_status.get(response.url) != response.status:
            self.found.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture(scope="module")
def policy() -> str:
    return readme_policy()


@pytest.fixture(scope="module")
def csp_served(served, policy):
    """The site built for http://127.0.0.1:<port>/briefings/materials/, served there with the policy while
    the tests of this module run."""
    served.headers["Content-Security-Policy"] = policy
    try:
        yield served
    finally:
        del served.headers["Content-Security-Policy"]


@pytest.fixture(scope="module")
def root_served(site, policy) -> str:
    """The site built without a site URL (the ``site`` fixture), served at the server's root with the policy."""
    with serve(site, "/", {"Content-Security-Policy": policy}) as origin:
        yield origin + "/"


def _not_found(base: str) -> dict[str, int]:
    return {f"{base}{lang}/no/such/page/": 404 for lang in LANGS}


@pytest.fixture(scope="module")
def watched(browser, csp_served, root_served):
    """A desktop tab whose every violation, console error and failed request is caught."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")  # (see conftest.tab)
    watch = Watch(context, _not_found(csp_served.http) | _not_found(root_served))
    tab = context.new_page()
    yield tab, watch
    context.close()


def _check_page(tab, page: SitePage) -> list[str]:
    """What does not work on the page that is open (see PAGE_JS)."""
    state = tab.evaluate(PAGE_JS)
    problems = [f"style sheet {href} not applied" for href, applied in state["sheets"] if not applied]
    if not state["sheets"]:
        problems.append("no style sheet")
    if page.kind == "language-chooser":
        if state["chooser"] != ["solid", "solid"]:
            problems.append(f"the choices are not styled: borders {state['chooser']}")
        return problems
    if state["header"] != "sticky":
        problems.append(f"the theme's styles are not applied (header position {state['header']!r})")
    if not state["themeScript"]:
        problems.append("the theme's script did not run (html.no-js)")
    if state["scope"] is None:
        problems.append("Material's base script (assets/briefing/material/base.js) did not run")
    # Each citation gives the page in its own language: this address, with the other language's folder.
    here = state["url"]
    expected = {code: re.sub(rf"/{page.lang}/", f"/{code}/", here, count=1) for code, _ in state["cite"]}
    if any(text != expected[code] for code, text in state["cite"]):
        problems.append(f"the citations do not give the page's addresses: {state['cite']}")
    return problems


def _fail_on(failures: list[str], check: str) -> None:
    record(check, failures)
    assert not failures, f"{len(failures)} problems:\n  " + "\n  ".join(failures[:40])


def test_every_kind_of_page_works_under_the_policy(watched, csp_served):
    tab, watch = watched
    watch.take()
    failures = []
    pages = representatives(csp_served.pages)
    kinds = {page.kind for page in pages}
    assert {"language-chooser", "home", "not-found", "index:budget", "item:budget", "page:glossary"} <= kinds
    for lang in LANGS:
        assert {p.kind for p in pages if p.lang == lang} == {p.kind for p in csp_served.pages if p.lang == lang}
    for page in pages:
        tab.goto(csp_served.http_url(page), wait_until="load")
        watch.settle(tab)
        failures += [f"{page.path}: {problem}" for problem in _check_page(tab, page) + watch.take()]
    _fail_on(failures, "test_every_kind_of_page_works_under_the_policy")


def test_the_404_pages_work_under_the_policy_without_a_site_url(watched, root_served):
    """Built without a site URL and served at the server's root, as the build's message says."""
    tab, watch = watched
    watch.take()
    failures = []
    for lang in LANGS:
        page = SitePage(f"{lang}/404.html", lang, "not-found")
        response = tab.goto(f"{root_served}{page.path}", wait_until="load")
        assert response.status == 404
        watch.settle(tab)
        failures += [f"/{page.path}: {problem}" for problem in _check_page(tab, page) + watch.take()]
        landed = choose(tab, page.other_lang)  # the switcher leads to the other language's home
        if landed != f"{root_served}{page.other_lang}/":
            failures.append(f"/{page.path}: the switcher opened {landed}")
        watch.settle(tab)
        failures += [f"{landed}: {problem}" for problem in watch.take()]
    _fail_on(failures, "test_the_404_pages_work_under_the_policy_without_a_site_url")


def test_a_moved_address_forwards_under_the_policy_keeping_the_row(watched, csp_served):
    """A moved page's old address, and the current edition's pinned address, lead on to the row."""
    tab, watch = watched
    watch.take()
    failures = []
    frozen = sorted(path.name for path in (PROJECT / "editions").iterdir() if not path.name.startswith("."))
    assert frozen, "the real briefing has a frozen edition"
    for lang in LANGS:
        for old, new in (MOVED, (f"editions/{frozen[-1]}/budget/", "budget/")):
            target = BeautifulSoup((csp_served.root / lang / new / "index.html").read_text("utf-8"), "html.parser")
            row = (target.select_one("article tr[id]") or target.select_one("article [id]"))["id"]
            with tab.expect_navigation(url=csp_served.http_url(f"{lang}/{new}#{row}"), wait_until="load"):
                tab.goto(csp_served.http_url(f"{lang}/{old}#{row}"), wait_until="commit")
            watch.settle(tab)
            failures += [f"{lang}/{old}: {problem}" for problem in watch.take()]
    _fail_on(failures, "test_a_moved_address_forwards_under_the_policy_keeping_the_row")


@pytest.mark.parametrize("lang", LANGS)
def test_search_works_under_the_policy_from_the_home_and_the_404_page(watched, csp_served, lang):
    tab, watch = watched
    watch.take()
    failures = []
    for start in (f"{lang}/", f"{lang}/no/such/page/"):
        pages, meta = search(tab, csp_served.http_url(start), "ARIM")
        base = urlsplit(csp_served.http).path + f"{lang}/"
        if base + "budget/arim/" not in pages[:5]:
            failures.append(f"{start}: searching ARIM found {pages[:5]} ({meta!r})")
        elif start.endswith("page/"):  # the 404 page's results lead to real pages
            with tab.expect_navigation(wait_until="load") as navigation:
                tab.locator("li.md-search-result__item > a.md-search-result__link").first.click()
            if navigation.value.status != 200 or urlsplit(tab.url).path not in pages:
                failures.append(f"{start}: the first result opened {tab.url} ({navigation.value.status})")
        else:  # Enter opens the first result (the search form itself is never sent: form-action 'none')
            with tab.expect_navigation(wait_until="load"):
                tab.keyboard.press("Enter")
            if urlsplit(tab.url).path != pages[0]:
                failures.append(f"{start}: Enter in the search field opened {tab.url}, not {pages[0]}")
        failures += [f"{start}: {problem}" for problem in watch.take()]
    _fail_on(failures, "test_search_works_under_the_policy_from_the_home_and_the_404_page")


def test_switching_language_works_under_the_policy(watched, csp_served):
    tab, watch = watched
    watch.take()
    failures = []
    steps = [("", "ja", "ja/"), ("", "en", "en/"), ("ja/budget/arim/", "en", "en/budget/arim/")]
    steps += [("en/glossary/", "ja", "ja/glossary/"), ("ja/no/such/page/", "en", "en/")]
    for start, lang, expected in steps:
        tab.goto(csp_served.http_url(start), wait_until="load")
        landed = choose(tab, lang)
        if landed != csp_served.http_url(expected):
            failures.append(f"{start or '/'} → {lang}: opened {landed}, expected {expected}")
        watch.settle(tab)
        failures += [f"{start or '/'} → {lang}: {problem}" for problem in watch.take()]
    _fail_on(failures, "test_switching_language_works_under_the_policy")


def test_tables_citation_colour_scheme_and_tooltips_work_under_the_policy(watched, csp_served):
    tab, watch = watched
    watch.take()
    failures = []
    for lang in LANGS:
        tab.goto(csp_served.http_url(f"{lang}/working-groups/"), wait_until="load")
        # Sorting: the vendored table sorter marks the column it sorted by.
        header = tab.locator("table#working-groups-table thead th").first
        header.click()
        if header.get_attribute("aria-sort") not in ("ascending", "descending"):
            failures.append(f"{lang}: clicking a column heading did not sort the table")
        # Filtering: the form is shown by the script, and choosing a ministry hides other rows.
        form = tab.locator("form.briefing-filter")
        status = form.locator(".briefing-filter-status")
        before = status.inner_text()
        select = form.locator('select[data-filter="ministries"]')
        select.select_option(index=1)
        hidden = tab.locator("table#working-groups-table tbody tr[hidden]").count()
        if not form.is_visible() or status.inner_text() == before or not hidden:
            failures.append(f"{lang}: the filter did not filter ({before!r} → {status.inner_text()!r})")
        # The citation: copied, and the copy confirmed.
        tab.locator("details.briefing-cite > summary").click()
        tab.locator("button.briefing-copy").first.click()
        tab.wait_for_timeout(200)
        if not tab.locator(".briefing-copy-status").inner_text().strip():
            failures.append(f"{lang}: copying the citation said nothing")
        # The colour scheme: toggled, and kept on the next page (Material's palette script, from its file).
        tab.locator('label[for="__palette_1"]').click()
        scheme = tab.evaluate(SCHEME_JS)
        tab.goto(csp_served.http_url(f"{lang}/fields/"), wait_until="load")
        kept = tab.evaluate(SCHEME_JS)
        if scheme != "slate" or kept != "slate":
            failures.append(f"{lang}: dark scheme chosen {scheme!r}, next page {kept!r}")
        tab.locator('label[for="__palette_0"]').click()
        # A tooltip (the theme's content.tooltips) on an abbreviation.
        tab.goto(csp_served.http_url(f"{lang}/budget/"), wait_until="load")
        tab.locator("article abbr[title]").first.hover()
        try:
            tab.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for(timeout=3000)
        except Exception:
            failures.append(f"{lang}: no tooltip shows on an abbreviation")
        watch.settle(tab)
        failures += [f"{lang}: {problem}" for problem in watch.take()]
    _fail_on(failures, "test_tables_citation_colour_scheme_and_tooltips_work_under_the_policy")
