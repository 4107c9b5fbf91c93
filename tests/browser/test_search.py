"""Search in each language, typed with real key presses over http (search from file:// is not there yet)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import RUN, record, search

FIRST = 5  # "among the first results": the expected page is one of the first five pages listed

# (language, query, the pages about it: one of them must be among the first results)
QUERIES = [
    ("ja", "マテリアル先端リサーチインフラ", {"budget/arim/"}),
    ("ja", "重要鉱物", {"fields/materials/"}),
    ("ja", "国家戦略技術領域", {"technology-areas/"}),
    ("ja", "AI for Science", {"programmes/ai-for-science/", "briefing/ai-for-science/"}),
    ("ja", "DxMT", {"budget/dxmt/"}),
    ("ja", "ARIM", {"budget/arim/"}),
    ("ja", "補正予算", {"budget/", "programmes/", "glossary/"}),
    ("ja", "造船", {"fields/shipbuilding/"}),
    ("en", "shipbuilding", {"fields/shipbuilding/"}),
    ("en", "ARIM", {"budget/arim/"}),
    ("en", "supplementary budget", {"budget/", "programmes/", "glossary/"}),
    ("en", "critical minerals", {"fields/materials/"}),
    ("en", "AI for Science", {"programmes/ai-for-science/", "briefing/ai-for-science/"}),
    ("en", "DxMT", {"budget/dxmt/"}),
]


@pytest.mark.parametrize(("lang", "query", "expected"), QUERIES, ids=[f"{q[0]}-{q[1]}" for q in QUERIES])
def test_search_finds_the_page_about_the_query(tab, served, lang, query, expected):
    existing = {p.path.removeprefix(f"{lang}/") for p in served.pages if p.lang == lang}
    assert expected & existing, f"none of {sorted(expected)} exists any more: update QUERIES"
    pages, meta = search(tab, served.http_url(f"{lang}/"), query)
    base = urlsplit(served.http).path + f"{lang}/"
    found = [path.removeprefix(base) for path in pages]
    ranks = [found.index(path) + 1 for path in expected if path in found]
    rank = min(ranks) if ranks else None
    RUN["search"].append(
        {"lang": lang, "query": query, "expected": sorted(expected), "rank": rank, "results": found[:FIRST]}
    )
    ok = rank is not None and rank <= FIRST
    record("test_search_finds_the_page_about_the_query", [] if ok else [f"{lang} {query!r}: {found[:FIRST]}"])
    assert found, f"{query!r} found nothing in the {lang} site; the page says {meta!r}"
    assert ok, f"{query!r}: none of {sorted(expected)} is among the first {FIRST}: {found[:FIRST]}"
