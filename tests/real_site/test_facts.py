"""Nothing of the deck is silently dropped: facts taken from it appear on the site in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from base import LANGS, soup, text_of

FACT_FILES = sorted((Path(__file__).parents[1] / "facts").glob("*.yml"))


@pytest.fixture(scope="module")
def site_text(site) -> dict[str, str]:
    """All the visible text of each language's pages, joined."""
    texts = {}
    for lang in LANGS:
        parts = []
        for path in sorted((site / lang).rglob("index.html")):
            page = soup(path).select_one("article")
            if page is not None:
                parts.append(text_of(page))
        texts[lang] = "\n".join(parts)
    return texts


@pytest.mark.parametrize("fact_file", FACT_FILES, ids=[path.stem for path in FACT_FILES])
def test_every_fact_appears_in_both_languages(site_text, fact_file):
    facts = yaml.safe_load(fact_file.read_text(encoding="utf-8"))["facts"]
    assert facts
    missing = [
        f"{lang}: {fact[lang]}"
        for fact in facts
        for lang in LANGS
        if " ".join(fact[lang].split()) not in site_text[lang]
    ]
    assert not missing, "\n".join(missing)
