"""Figures a reader can see, measured in the browser on every page that has a table or a chart, in both
languages, at two desktop and two phone widths:

- every figure cell (numbers, counts, dates, KPI values: every labelled cell) lies inside the window and
  inside its table's box, with no sideways scrolling of either;
- chart text is at least 12 px;
- Japanese never breaks inside a protected unit (a date, an amount with its unit, a minister or
  ministry, a circled number with its label), measured with the line boxes of the text's DOM range;
  English never breaks inside a word;
- and the language switcher keeps the row a page was opened at.

The measures are taken in the visit every page gets anyway (conftest.py, which also writes the screenshots of
every such page at 1280 and 390 px to test-artifacts/screenshots/tables/), the window resized to each width.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import FIGURE_WIDTHS, record

WIDTHS = {label: viewport["width"] for label, viewport in FIGURE_WIDTHS.items()}


def _measured(http_visits, width: str) -> dict:
    """legibility.js's findings on every page with a table, by page, at this width: measured in the visit every
    page gets (conftest.py), resized to each width in turn."""
    return {visit.page: visit.figures[width] for visit in http_visits.values() if visit.page.tables}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_figure_is_on_screen_and_reads_unbroken(http_visits, width):
    measured = _measured(http_visits, width)
    assert len(measured) >= 40  # both languages: indexes, items with tables, narrative pages with tables
    failures, cells, chart_text = [], 0, 0
    for page, found in measured.items():
        cells, chart_text = cells + found["cells"], chart_text + found["chartText"]
        for kind in ("scroll", "outside", "small", "broken"):
            failures += [f"{page.path} ({WIDTHS[width]} px): {kind}: {item}" for item in found[kind][:5]]
    record(f"test_every_figure_is_on_screen_and_reads_unbroken[{width}]", failures, cells=cells, pages=len(measured))
    assert cells > 1000 and chart_text > 40  # the checks looked at something
    assert not failures, "\n".join(failures[:40])


def test_the_switcher_keeps_the_row(browser, served):
    context = browser.new_context()
    tab = context.new_page()
    failures = []
    for lang, other in (("ja", "en"), ("en", "ja")):
        tab.goto(served.http_url(f"{lang}/working-groups/#materials"), wait_until="load")
        row_link = tab.locator("tr#quantum a.briefing-rowlink")
        title = row_link.get_attribute("title")  # shown as a tooltip (the theme moves it there on hover)
        if not title or "#" in title:
            failures.append(f"{lang}: the row link says nothing to a sighted reader (title {title!r})")
        row_link.hover()
        tooltip = tab.locator("[role=tooltip]").filter(has_text=title or "?")
        if not title or not tooltip.first.is_visible():
            failures.append(f"{lang}: pointing at the row link shows no tooltip saying {title!r}")
        switch = tab.locator(f"a.md-select__link[hreflang='{other}']")
        if not switch.get_attribute("href").endswith(f"/{other}/working-groups/#materials"):
            failures.append(f"{lang}: opened at #materials, the switcher leads to {switch.get_attribute('href')}")
        row_link.click()  # follow another row's link: the switcher follows the address's new row when it changes
        try:
            tab.wait_for_function(
                "link => link.getAttribute('href').endsWith('#quantum')", arg=switch.element_handle(), timeout=5000
            )
        except PlaywrightTimeout:
            failures.append(f"{lang}: after the row link, the switcher leads to {switch.get_attribute('href')}")
        with tab.expect_navigation(wait_until="load"):
            switch.evaluate("link => link.click()")
        if not tab.url.endswith(f"/{other}/working-groups/#quantum"):
            failures.append(f"{lang}: the switch led to {tab.url}")
        if tab.evaluate("document.querySelector('tr#quantum').getBoundingClientRect().top") > 200:
            failures.append(f"{lang}: the row is not at the top of the window after switching")
    context.close()
    record("test_the_switcher_keeps_the_row", failures)
    assert not failures, "\n".join(failures)
