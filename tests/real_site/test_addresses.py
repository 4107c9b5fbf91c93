"""The real site's pages have the addresses the check works out before anything is rendered (how moves are
caught and redirected: tests/build/test_addresses.py)."""

from __future__ import annotations

import pytest
from base import LANGS, PROJECT, soup
from briefing.check.validate import validate


@pytest.mark.parametrize("lang", LANGS)
def test_the_addresses_worked_out_before_rendering_are_those_the_pages_have(site, lang):
    """The declaration says which rows can be linked to; the rendered pages must agree, in both languages."""
    current = validate(PROJECT).addresses
    pages = {address for address in current if "#" not in address}
    rows = {address for address in current if "#" in address}
    built, pinned = set(), set()
    for page in pages - {"print/"}:  # the print page repeats every table; its rows are not addresses to cite
        path = site / lang / page / "index.html"
        assert path.is_file(), f"{lang}/{page} was not built"
        html = soup(path)
        if html.select_one('meta[http-equiv="refresh"]'):  # the current edition's pinned address: it leads on
            pinned.add(page)
            continue
        built |= {f"{page}#{row['id']}" for row in html.select("article tr[id]")}
    # A pinned row leads to the same row of the current page (the stub keeps the #row).
    leading = {address for address in rows if address.split("#")[0] in pinned}
    assert {address.split("/", 2)[2] for address in leading} <= built
    assert rows - leading == built
