"""The offline copy (`make offline`) as a reader uses it: unzipped, opened from file:// with no network,
searched with real key presses in both languages, results followed, the language switched; axe clean."""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path

import pytest
from base import PROJECT, in_a_child, run

from .conftest import AXE, AXE_JS, AXE_TAGS, SCHEME_JS, choose_dark_mode, record

# What a reader types, and the page of the results to follow (the words the issue tried).
SEARCHES = [
    ("ja", "造船", "working-groups/shipbuilding/"),
    ("ja", "量子", "fields/quantum/"),
    ("en", "ARIM", "budget/arim/"),
]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The real site's offline copy (`make offline`), its zip unzipped elsewhere, as a reader would receive it.
    Made in a child of this process: the browser tests serve the site from a thread of this one, and a build
    forks its jobs (to use both cores) only from a process with no other thread."""
    work = tmp_path_factory.mktemp("offline")
    make = functools.partial(run, "offline", "--out", work / "site-offline", "--no-pdf", project=PROJECT)
    result = in_a_child(make)
    assert result.code == 0, result.err
    unzipped = work / "received"
    with zipfile.ZipFile(work / "site-offline.zip") as archive:
        archive.extractall(unzipped)
    return unzipped / "site-offline"


@pytest.fixture
def offline_tab(browser):
    """A tab in which any request outside the folder is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    outside, errors = [], []

    def guard(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab, outside, errors
    context.close()


@pytest.mark.parametrize(("lang", "query", "expected"), SEARCHES)
def test_search_works_from_a_folder_with_no_network(copy, offline_tab, lang, query, expected):
    tab, outside, errors = offline_tab
    tab.goto((copy / lang / "index.html").as_uri())
    tab.click(".md-search__input")
    tab.keyboard.type(query, delay=80)
    results = tab.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    titles = [
        text.strip() for text in tab.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    ]
    assert any(query.lower() in title.lower() for title in titles), titles
    # Follow the result for the expected page: it opens the page's file, not a folder listing.
    with tab.expect_navigation(wait_until="load"):
        tab.locator(f'.md-search-result__item a[href*="{expected}"]').first.click()
    assert tab.url.split("?")[0].split("#")[0] == (copy / lang / expected / "index.html").as_uri()
    assert query.lower() in tab.title().lower()
    # The language switcher leads to the same page in the other language, in the colour scheme chosen.
    choose_dark_mode(tab)
    other = "en" if lang == "ja" else "ja"
    tab.click(".md-header__option .md-select button")
    tab.locator(f'a.md-select__link[hreflang="{other}"]').click()
    tab.wait_for_load_state("load")
    assert tab.url.split("?")[0].split("#")[0] == (copy / other / expected / "index.html").as_uri()
    assert tab.locator("html").get_attribute("lang") == other
    assert tab.evaluate(SCHEME_JS) == "slate", "the dark mode chosen in the other language is forgotten"
    assert not outside, outside
    assert not errors, errors
    record(f"test_search_works_from_a_folder_with_no_network[{lang}-{query}]", [], results=len(titles))


def test_the_copy_works_whole_and_axe_finds_nothing(copy, offline_tab):
    tab, outside, errors = offline_tab
    failures = []
    pages = ["index.html", "ja/index.html", "en/index.html", "ja/budget/index.html", "en/working-groups/index.html"]
    pages += ["ja/downloads/index.html", "en/programmes/materials-innovation/index.html", "ja/changes/index.html"]
    for page in pages:  # first as a reader opens them: nothing refused, nothing asked from outside
        tab.goto((copy / page).as_uri())
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(300)
        failures += [f"{page}: console: {error}" for error in errors]
        errors.clear()
    for page in pages:  # then axe (which asks for the stylesheets itself, and file:// refuses it)
        tab.goto((copy / page).as_uri())
        found = tab.evaluate(AXE_JS, AXE_TAGS)
        failures += [f"{page}: {rule['id']} ({len(rule['nodes'])})" for rule in found["violations"]]
    tab.wait_for_timeout(300)
    errors.clear()
    # The language chooser, a row link, a chart, a download: each there from the folder.
    tab.goto((copy / "index.html").as_uri())
    tab.locator('a[hreflang="en"]').click()
    tab.wait_for_load_state("load")
    assert tab.url == (copy / "en" / "index.html").as_uri()
    tab.goto((copy / "en" / "working-groups" / "index.html").as_uri() + "#shipbuilding")
    assert tab.locator("#shipbuilding").is_visible()
    tab.goto((copy / "ja" / "budget" / "index.html").as_uri())
    bars = tab.locator(".briefing-chart-track")
    assert bars.count() > 10 and bars.first.is_visible() and bars.first.bounding_box()["width"] > 100
    tab.goto((copy / "ja" / "downloads" / "index.html").as_uri())
    downloads = tab.evaluate("() => [...document.querySelectorAll('a[download]')].map(a => a.href)")
    assert len(downloads) > 5 and all(Path(href.removeprefix("file://")).is_file() for href in downloads), downloads
    record("test_the_copy_works_whole_and_axe_finds_nothing", failures, pages=len(pages))
    assert not failures, failures
    assert not outside and not errors, (outside, errors)
