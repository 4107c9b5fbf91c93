"""The language switcher, clicked as a reader clicks it, from one page of every kind in each language,
over http under a sub-path and from file://."""

from __future__ import annotations

from .conftest import RUN, SCHEME_JS, SitePage, choose, choose_dark_mode, record, representatives


def switch_pages(pages: list[SitePage]) -> list[SitePage]:
    """One page of every kind: home, the chooser, the 404 page, a collection index, an item page and a
    single page (the first of each in address order), the budget's index and item pages, and the glossary."""
    chosen: dict[tuple[str, str], SitePage] = {}
    for page in representatives(pages):
        kind = page.kind
        general = kind.split(":")[0]
        if kind in ("index:budget", "item:budget") or "glossary" in kind:
            chosen.setdefault((page.lang, kind), page)
        else:
            chosen.setdefault((page.lang, general), page)
    return list(chosen.values())


def _check(tab, served, mode: str) -> list[str]:
    """From one page of every kind: to the other language and back again (the 404 page and the
    chooser lead to a home page, so those go one way only). Over http, dark mode is chosen on the first
    Japanese page: every page opened after it, in either language, must keep it (Material stores the
    choice in the browser's storage). Not from file://: there the theme's script stops at the search
    index that only the offline copy provides, and the button does nothing."""
    url = served.http_url if mode == "http" else served.file_url
    failures = []
    dark = []  # where dark mode was chosen

    def step(page: SitePage, lang: str, target: str) -> None:
        landed = choose(tab, lang)
        if dark and tab.evaluate(SCHEME_JS) != "slate":
            failures.append(f"{mode} {page.path} → {lang}: the dark mode chosen on {dark[0]} is forgotten")
        html_lang = tab.evaluate("document.documentElement.lang")
        ok = landed == url(target) and html_lang == lang
        RUN["switch"].append({"mode": mode, "from": page.path, "kind": page.kind, "to": target, "ok": ok})
        if landed != url(target):
            failures.append(f"{mode} {page.kind} {page.path} → {lang}: opened {landed}, expected {url(target)}")
        elif html_lang != lang:
            failures.append(f"{mode} {page.kind} {page.path} → {lang}: the page opened has lang={html_lang!r}")

    for page in switch_pages(served.pages):
        if page.kind == "language-chooser":
            for lang in ("ja", "en"):
                tab.goto(url(page), wait_until="load")
                step(page, lang, f"{lang}/")
        elif page.kind == "not-found":
            if mode == "http":  # only a server shows the 404 page
                tab.goto(url(page), wait_until="load")
                step(page, page.other_lang, page.counterpart_path())
        elif page.lang == "ja":  # the English page of the same kind is reached by the switch
            tab.goto(url(page), wait_until="load")
            if not dark and mode == "http":  # (from file://, see test_offline.py: the offline copy is for that)
                choose_dark_mode(tab)
                dark.append(page.path)
            step(page, "en", page.counterpart_path())
            step(page, "ja", page.path)
    return failures


def test_switcher_opens_the_same_page_in_the_other_language_over_http(tab, served):
    failures = _check(tab, served, "http")
    record("test_switcher_opens_the_same_page_in_the_other_language_over_http", failures)
    assert not failures, "\n".join(failures)


def test_switcher_opens_the_same_page_in_the_other_language_from_file(tab, served):
    failures = _check(tab, served, "file")
    record("test_switcher_opens_the_same_page_in_the_other_language_from_file", failures)
    assert not failures, "\n".join(failures)


def test_every_kind_of_page_is_switched(served):
    kinds = {page.kind for page in switch_pages(served.pages) if page.lang in ("ja", "ja+en")}
    assert {"home", "language-chooser", "not-found", "index:budget", "item:budget"} <= kinds
    assert {kind.split(":")[0] for kind in kinds} >= {"index", "item", "page"}
    glossary = {page.kind for page in served.pages if "glossary" in page.kind}
    assert glossary <= kinds, "the glossary is not switched from"
