"""The sitemaps pass the sitemaps.org schema (vendored in tests/validators/sitemaps/, with its licence), and
every hreflang address, in the sitemaps and in each page's head, leads to the same page in the other
language: built with a site URL and without one."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from base import LANGS, leads_on, soup

SCHEMAS = Path(__file__).parents[1] / "validators" / "sitemaps"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
# Where a built site is imagined to be served, to resolve the relative addresses of a site built without one.
SERVED = "http://127.0.0.1/any/path/"


@pytest.fixture(scope="module")
def sitemap_schema():
    import xmlschema

    return xmlschema.XMLSchema(
        SCHEMAS / "sitemap.xsd", locations=[("http://www.w3.org/1999/xhtml", str(SCHEMAS / "xhtml-link.xsd"))]
    )


def _theme_pages(root: Path) -> list[Path]:
    """Every page the theme renders in both languages (not the pages that only lead on to another)."""
    return [page for lang in LANGS for page in sorted((root / lang).rglob("*.html")) if not leads_on(page)]


def _file_at(root: Path, base: str, address: str) -> Path | None:
    """The file a server at ``base`` answers ``address`` with (a folder's index.html), if the site has it."""
    if not address.startswith(base):
        return None
    path = root / address.removeprefix(base).split("#")[0]
    path = path / "index.html" if address.endswith("/") else path
    return path if path.is_file() else None


def _same_page(root: Path, page: Path, lang: str) -> Path:
    """``page`` of one language in language ``lang`` (x-default: the language chooser)."""
    if lang == "x-default":
        return root / "index.html"
    inside = page.relative_to(root)
    return root / lang / Path(*inside.parts[1:])


@pytest.mark.parametrize("lang", LANGS)
def test_each_languages_sitemap_passes_the_sitemaps_org_schema(published_site, sitemap_schema, lang):
    path = published_site / lang / "sitemap.xml"
    errors = [f"{error.path}: {error.reason}" for error in sitemap_schema.iter_errors(str(path))]
    assert not errors, "\n".join(errors[:5])
    assert len(ET.parse(path).getroot().findall("s:url", NS)) > 100


def test_every_sitemap_alternate_is_the_same_page_in_each_language(published_site, site_url, briefing):
    updated = (briefing.edition.last_updated or briefing.edition.edition_date).isoformat()
    wrong = []
    for lang in LANGS:
        for url in ET.parse(published_site / lang / "sitemap.xml").getroot().findall("s:url", NS):
            loc = url.find("s:loc", NS).text
            page = _file_at(published_site, site_url, loc)
            assert page is not None and page.is_relative_to(published_site / lang), loc
            assert url.find("s:lastmod", NS).text == updated
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            assert set(links) == {*LANGS, "x-default"}, loc
            for code, href in links.items():
                if _file_at(published_site, site_url, href) != _same_page(published_site, page, code):
                    wrong.append(f"{loc}: {code} → {href}")
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize("built", ["site", "published_site"])
def test_every_pages_hreflang_links_lead_to_the_same_page_in_each_language(built, site_url, request):
    """With a site URL the addresses are absolute under it; without one they are relative, and lead to the
    same page wherever the site is served."""
    root = request.getfixturevalue(built)
    pages = _theme_pages(root)
    assert len(pages) > 200
    wrong = []
    for page in pages:
        links = {link["hreflang"]: link["href"] for link in soup(page).select('link[rel="alternate"][hreflang]')}
        if set(links) != {*LANGS, "x-default"}:
            wrong.append(f"{page.relative_to(root)}: {links}")
            continue
        # Without a site URL the 404 pages expect the site at the server's root (the build says so).
        base = site_url if built == "published_site" else SERVED if page.name != "404.html" else "http://127.0.0.1/"
        for code, href in links.items():
            absolute = href.startswith(("http:", "https:"))
            if absolute != (built == "published_site") and page.name != "404.html":
                wrong.append(f"{page.relative_to(root)}: {code} → {href} (absolute: {absolute})")
            address = urljoin(base + page.relative_to(root).as_posix(), href)
            if _file_at(root, base, address) != _same_page(root, page, code):
                wrong.append(f"{page.relative_to(root)}: {code} → {href}")
    assert not wrong, "\n".join(wrong[:10])
