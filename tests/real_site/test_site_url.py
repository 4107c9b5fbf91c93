"""What the site URL changes: absolute addresses where they must be absolute, the 404 pages' styles,
and, without it, one line saying what the build leaves out."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from base import LANGS, SUB_PATH, leads_on, soup
from briefing.messages import say

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _alternates(page: Path) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup(page).select("link[rel=alternate][hreflang]")}


def _theme_pages(root: Path) -> list[Path]:
    """Every page the theme renders: not the language chooser at the root, nor the pages that only lead on
    (at a moved address, at the current edition's pinned addresses)."""
    return [page for lang in LANGS for page in sorted((root / lang).rglob("*.html")) if not leads_on(page)]


def test_hreflang_links_and_sitemaps_are_absolute_with_a_site_url(published_site, site_url):
    pages = _theme_pages(published_site)
    assert len(pages) > 200
    wrong = [
        f"{page.relative_to(published_site)}: {_alternates(page)}"
        for page in pages
        if not all(href.startswith(site_url) for href in _alternates(page).values())
    ]
    assert not wrong, "\n".join(wrong[:10])  # each the same page (test_sitemaps.py)
    assert _alternates(published_site / "index.html") == {"ja": f"{site_url}ja/", "en": f"{site_url}en/"}
    index = ET.parse(published_site / "sitemap.xml").getroot()
    assert [loc.text for loc in index.iterfind("s:sitemap/s:loc", SITEMAP)] == [
        f"{site_url}{lang}/sitemap.xml" for lang in LANGS
    ]
    for lang in LANGS:
        locs = [loc.text for loc in ET.parse(published_site / lang / "sitemap.xml").iterfind("s:url/s:loc", SITEMAP)]
        assert len(locs) > 100
        assert all(loc.startswith(f"{site_url}{lang}/") for loc in locs)


def test_the_json_ld_names_the_page_by_its_absolute_address_with_a_site_url(published_site, site_url):
    import json

    for lang in LANGS:
        page = soup(published_site / lang / "fields" / "materials" / "index.html")
        data = json.loads(page.select_one('script[type="application/ld+json"]').string)
        assert data["@id"] == data["url"] == f"{site_url}{lang}/fields/materials/"
        assert data["isPartOf"]["url"] == f"{site_url}{lang}/"


def test_the_feeds_links_are_absolute_with_a_site_url_and_lead_to_its_pages(published_site, site, site_url):
    atom = {"a": "http://www.w3.org/2005/Atom"}
    for lang in LANGS:
        feed = ET.parse(published_site / lang / "feed.xml").getroot()
        hrefs = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
        assert len(hrefs) == 4  # the feed itself, the site, and the edition's changes and pages
        for href in hrefs:
            assert href.startswith(f"{site_url}{lang}/"), href
            path = published_site / lang / href.removeprefix(f"{site_url}{lang}/")
            assert (path / "index.html" if href.endswith("/") else path).is_file(), href
        # The one edition leads to the list of editions, which says it is the first.
        entry = feed.find("a:entry", atom)
        assert entry.find("a:link[@rel='alternate']", atom).get("href") == f"{site_url}{lang}/editions/"
        # Without a site URL: relative to the feed.
        assert ET.parse(site / lang / "feed.xml").getroot().find("a:link[@rel='self']", atom).get("href") == "feed.xml"


def test_without_a_site_url_the_build_says_once_what_it_leaves_out(build_run, published_run, site):
    _, result = build_run
    without_site_url = say("without_site_url", "en")
    assert result.out.splitlines().count(without_site_url) == 1, result.out
    assert without_site_url not in result.err
    assert without_site_url not in published_run[1].out
    # What it says: the sitemaps list no addresses, and the hreflang links stay relative.
    assert not list(ET.parse(site / "sitemap.xml").getroot())
    for lang in LANGS:
        assert not list(ET.parse(site / lang / "sitemap.xml").getroot())
        assert _alternates(site / lang / "fields" / "index.html") == {
            "ja": "../../ja/fields/",
            "en": "../../en/fields/",
            "x-default": "../../",
        }


@pytest.mark.parametrize("lang", LANGS)
def test_404_pages_load_styles_and_scripts_from_the_language_folder(site, published_site, lang):
    """A server shows the 404 page at any address: its links are absolute paths, to the language's
    folder under the site URL's path or, without a site URL, at the server's root."""
    for root, base in ((site, f"/{lang}/"), (published_site, f"{SUB_PATH}{lang}/")):
        page = soup(root / lang / "404.html")
        assets = [link["href"] for link in page.select("link[rel=stylesheet], link[rel=icon]")]
        assets += [script["src"] for script in page.select("script[src]")]
        assert len(assets) >= 6
        assert all(asset.startswith(f"{base}assets/") for asset in assets), assets
        for asset in assets:
            assert (root / lang / asset.removeprefix(base)).is_file(), asset
