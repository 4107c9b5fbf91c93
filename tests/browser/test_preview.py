"""make serve, as an editor uses it: both languages served, a mistake shown on the page at once in the
page's language, and the page back by itself once the file is fixed. The preview is the command's own
process (`briefing serve`), of the tiny briefing."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest
from base import replace_in, write_briefing
from playwright.sync_api import expect

MISTAKE = ("    cost: 1.5\n", "    cost: thirteen\n")


def _serve(project):
    """``briefing serve`` of ``project``: the process and the address it serves at."""
    server = subprocess.Popen(
        [sys.executable, "-m", "briefing", "--project", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    found = None
    for line in server.stdout:  # "Serving at http://…" once the first build is served
        if found := re.search(r"http://127\.0\.0\.1:\d+/", line):
            break
    assert found, "the preview never said where it serves"
    return server, found.group(0)


@pytest.fixture
def preview(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    server, address = _serve(project)
    yield project, address
    server.terminate()
    server.wait(timeout=20)


def _edit(project, old, new):
    replace_in(project / "data" / "events.yml", old, new)


def test_a_mistake_is_shown_on_every_page_and_goes_away_when_fixed(browser, preview):
    project, address = preview
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(address + "ja/events/open-day/", wait_until="load")
    assert tab.locator("#preview-problems").count() == 0
    with tab.expect_navigation(wait_until="load", timeout=30_000):  # the page reloads by itself
        _edit(project, *MISTAKE)
    banner = tab.locator("#preview-problems")
    assert "データに1件の誤りがあります" in banner.inner_text()
    assert "data/events.yml:" in banner.inner_text() and "thirteen" in banner.inner_text()
    assert "数値が必要です" in banner.inner_text()  # the problem itself in the page's language, not only the heading
    assert tab.locator("h1").first.inner_text()  # the last good page is still there under the banner
    guide = banner.locator("a").first.get_attribute("href")  # how to fix it: the guide's section on numbers
    assert guide == "/ja/editing/#rule-values"

    started = time.monotonic()
    tab.goto(address + "en/events/", wait_until="load")  # every page answers at once, in its language
    assert time.monotonic() - started < 5
    english = tab.locator("#preview-problems").inner_text()
    assert "Problems in the data: 1" in english and "a number is needed here; got 'thirteen'" in english
    with tab.expect_navigation(wait_until="load"):
        tab.locator("#preview-problems a").first.click()
    assert tab.url.endswith("/en/editing/#rule-values") and tab.locator("#rule-values").count() == 1
    tab.goto(address + "en/events/", wait_until="load")

    with tab.expect_navigation(wait_until="load", timeout=60_000):
        _edit(project, MISTAKE[1], MISTAKE[0])
    assert tab.locator("#preview-problems").count() == 0

    # Both languages are served: the switcher leads to the same page in the other one.
    with tab.expect_navigation(wait_until="load"):
        tab.locator("a.md-select__link[hreflang='ja']").evaluate("link => link.click()")
    assert tab.url == address + "ja/events/"
    assert tab.evaluate("document.documentElement.lang") == "ja"

    # An edit, then the same edit undone: each shows on the page by itself (the second places again the
    # very file the page was before the first).
    name = ("name: {ja: 一般公開, en: Open day}", "name: {ja: 一般公開（試し）, en: Open day}")
    tab.goto(address + "ja/events/open-day/", wait_until="load")
    for old, new, shown in ((*name, True), (name[1], name[0], False)):
        with tab.expect_navigation(wait_until="load", timeout=30_000):
            _edit(project, old, new)
        assert ("試し" in tab.locator("h1").first.inner_text()) is shown
        assert tab.locator("#preview-problems").count() == 0
    context.close()


def test_a_preview_started_on_a_broken_strings_file_lists_it_and_shows_the_site_once_fixed(browser, tmp_path):
    """Nothing has built yet: every page is the list of problems (it once stopped the preview with "a fault of
    the generator"), saying that nothing could be built, and it becomes the site by itself once the file is
    fixed (its reloading script was once shown as text instead, and the page stayed as it was)."""
    project = write_briefing(tmp_path / "briefing")
    strings = project / "templates" / "strings" / "ja.yml"
    replace_in(strings, "event: 行事", 'event: "行事')
    server, address = _serve(project)
    try:
        tab = browser.new_context().new_page()
        tab.goto(address + "ja/events/", wait_until="load")
        listed = tab.locator("#preview-problems").inner_text()
        assert "templates/strings/ja.yml:" in listed and "直すまでサイトは作られません" in listed
        assert "<script" not in tab.locator("body").inner_text()
        replace_in(strings, 'event: "行事', "event: 行事")
        # (the page reloads by itself: perhaps twice, if the watcher saw the file half-written)
        expect(tab.locator("th", has_text="行事")).to_have_count(1, timeout=60_000)  # (the string fixed)
        assert tab.locator("#preview-problems").count() == 0
    finally:
        server.terminate()
        server.wait(timeout=20)
