"""Screenshots of the main kinds of page, in both languages, at desktop and phone widths.

Written to test-artifacts/screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

import struct

from .conftest import DESKTOP, PHONE, RUN, SCREENSHOTS, record, representatives

# The main kinds of page, as far as the site has them (see conftest.page_kind).
MAIN_KINDS = (
    "language-chooser",
    "home",
    "index:fields",
    "item:fields",
    "index:budget",
    "item:budget",
    "index:glossary",
    "page:glossary",
    "page:about",
    "not-found",
)


def main_pages(pages):
    return [page for page in representatives(pages) if page.kind in MAIN_KINDS]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshots_of_the_main_kinds_of_page(browser, served):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    failures, written = [], []
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, device_scale_factor=1)
        tab = context.new_page()
        for page in main_pages(served.pages):
            tab.goto(served.http_url(page), wait_until="load")
            name = f"{page.lang}-{page.kind.replace(':', '-')}-{label}.png"
            data = tab.screenshot(path=str(SCREENSHOTS / name), full_page=True)
            width, height = png_size(data)
            written.append(name)
            if width != viewport["width"]:
                failures.append(f"{name}: the page is {width} px wide in a {viewport['width']} px window")
            if height < viewport["height"] // 2:
                failures.append(f"{name}: only {height} px tall")
        context.close()
    RUN["screenshots"] = written
    record("test_screenshots_of_the_main_kinds_of_page", failures, folder="test-artifacts/screenshots")
    kinds = {page.kind for page in main_pages(served.pages)}
    assert {"language-chooser", "home", "index:fields", "item:fields", "index:budget", "not-found"} <= kinds
    assert len(written) == 2 * len(main_pages(served.pages))
    assert not failures, "\n".join(failures)
