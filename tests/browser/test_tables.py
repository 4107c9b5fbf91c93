"""The working-group tables as a reader uses them in a browser: filtered, their totals follow the rows shown
(0 when none is), sorted by a column heading (months in calendar order), and on a phone, where the rows are
cards without headings, sorted from the list. Both languages; the expected figures come from data/."""

from __future__ import annotations

from .conftest import DESKTOP, LANGS, PHONE, record, script

TABLES = ("working-groups-table", "issue-bodies-table")

READ_JS = script("tables.js")


def _expected_total(groups) -> str:
    return str(sum(group.experts for group in groups if group.experts is not None))


def _groups_by_table(briefing) -> dict[str, list]:
    groups = list(briefing.working_groups)
    return {TABLES[0]: [g for g in groups if g.field], TABLES[1]: [g for g in groups if not g.field]}


def _no_match(briefing) -> tuple[str, str]:
    """A ministry and a lead minister that no body has together: the filter then shows no row."""
    for group in briefing.working_groups:
        for role in group.ministers:
            if role.lead:
                lead = role.minister
                for ministry in {m.code for g in briefing.working_groups for m in g.ministries}:  # those offered
                    if not any(
                        ministry in [m.code for m in g.ministries] and lead in [r.minister for r in g.ministers]
                        for g in briefing.working_groups
                    ):
                        return ministry, lead
    raise AssertionError("every ministry meets every lead minister: choose another empty filter")


def test_filtering_sorting_and_totals_in_the_browser(browser, served, briefing):
    failures = []
    by_table = _groups_by_table(briefing)
    ministry, lead = _no_match(briefing)
    for lang in LANGS:
        context = browser.new_context(viewport=DESKTOP)
        tab = context.new_page()
        tab.goto(served.http_url(f"{lang}/working-groups/"), wait_until="load")
        where = f"{lang}/working-groups/"

        def read(tab=tab) -> list[dict]:
            return tab.evaluate(READ_JS, list(TABLES))

        # The whole table: every row's total, labelled as such.
        for table, found in zip(TABLES, read(), strict=True):
            if found["total"] != _expected_total(by_table[table]):
                failures.append(f"{where} {table}: total {found['total']}, expected {_expected_total(by_table[table])}")
        all_label = read()[0]["label"]

        # Filtered to MEXT: the totals of the rows shown, and the label says so.
        tab.select_option("select[data-filter=ministries]", "mext")
        for table, found in zip(TABLES, read(), strict=True):
            shown = [g for g in by_table[table] if "mext" in [m.code for m in g.ministries]]
            if found["rows"] != [g.id for g in shown]:
                failures.append(f"{where} {table} filtered to mext: rows {found['rows']}")
            expected = _expected_total(shown)
            if found["total"] != expected:
                failures.append(f"{where} {table} filtered to mext: total {found['total']}, expected {expected}")
            if found["label"] == all_label:
                failures.append(f"{where} {table} filtered: the total's label still speaks of every row")

        # No row shown: the totals say 0.
        tab.select_option("select[data-filter=ministries]", ministry)
        tab.select_option("select[data-filter=leads]", lead)
        for table, found in zip(TABLES, read(), strict=True):
            if found["rows"] or found["total"] != "0":
                failures.append(f"{where} {table} with no row shown: rows {found['rows']}, total {found['total']}")
        tab.select_option("select[data-filter=ministries]", "")
        tab.select_option("select[data-filter=leads]", "")

        # Sorted by the start heading: months in calendar order, both ways (ISO keys sort as text).
        start = tab.locator(f"#{TABLES[0]} thead th").nth(3)
        for way in ("ascending", "descending"):
            start.click()
            starts = read()[0]["starts"]
            if starts != sorted(starts, reverse=way == "descending"):
                failures.append(f"{where}: sorted by start ({way}): {starts}")
            if start.get_attribute("aria-sort") != way:
                failures.append(f"{where}: the start heading says aria-sort={start.get_attribute('aria-sort')!r}")

        # On a phone: no headings to choose, so the list sorts; the sentence about headings is hidden.
        tab.set_viewport_size(PHONE)
        if tab.locator(".briefing-filter .briefing-wide-only").is_visible():
            failures.append(f"{where} at 390 px: the form still tells readers to choose a column heading")
        order = tab.locator("select[data-sort-by]")
        if not order.is_visible():
            failures.append(f"{where} at 390 px: no list to sort the cards by")
        else:
            order.select_option("7 descending")  # the experts column
            experts = [int(n) if n else -1 for n in read()[0]["experts"]]
            if experts != sorted(experts, reverse=True):
                failures.append(f"{where} at 390 px, sorted by experts (descending): {experts}")
            order.select_option("")
            if read()[0]["rows"] != [g.id for g in by_table[TABLES[0]]]:
                failures.append(f"{where} at 390 px: the source's order is not restored")
            height = tab.evaluate("document.querySelector('select[data-sort-by]').getBoundingClientRect().height")
            if height < 24:
                failures.append(f"{where} at 390 px: the list is {height} px tall, under the 24 px target size")
        context.close()
    record("test_filtering_sorting_and_totals_in_the_browser", failures)
    assert not failures, "\n".join(failures)
