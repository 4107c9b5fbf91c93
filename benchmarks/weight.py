"""What a reader downloads, computed from the built files as a browser would fetch them.

A page costs its HTML plus every stylesheet, script, icon and image it references (and the
``url()`` references inside those stylesheets). Text is counted gzip-compressed at level 6, as a
typical web server sends it; images and fonts are counted as they are (servers do not gzip them).
A second page costs only what the first did not already bring: the browser has the assets cached.

Search is counted separately. Material 9.8 starts its search worker when a page loads over http
and hands it the index at once (bundle.js: ``merge(of(location.protocol !== "file:"),
watchToggle("search"))``), so over http the worker script, the lunr language files it imports and
``search/search_index.json`` are fetched on the first page view too, after the page itself; from
``file://`` only when search is opened.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

TEXT_TYPES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".mjs"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_FETCHED_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "manifest", "apple-touch-icon"}


@cache
def transfer_size(path: Path) -> int:
    """Bytes on the wire: gzip level 6 for text, as-is for images and fonts."""
    data = path.read_bytes()
    if path.suffix.lower() in TEXT_TYPES:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


_TAG = re.compile(r"<(link|script|img|source|iframe)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)


def _references(html: str) -> tuple[list[str], dict | None]:
    """URLs the browser fetches while loading ``html``, and Material's page configuration.

    A regular expression over the tags, not a full HTML parser: MkDocs writes plain, well-formed tags,
    and parsing thousands of pages at ×100 with html.parser would take minutes.
    """
    urls = []
    for tag, attrs in _TAG.findall(html):
        attr = {name.lower(): unescape(value.strip("\"'")) for name, value in _ATTR.findall(attrs)}
        tag = tag.lower()
        if tag == "link" and _FETCHED_RELS & set(attr.get("rel", "").lower().split()) and attr.get("href"):
            urls.append(attr["href"])
        elif tag != "link" and attr.get("src"):
            urls.append(attr["src"])
    config = None
    if found := _CONFIG.search(html):
        try:
            config = json.loads(found.group(1))
        except ValueError:
            config = None
    return urls, config


@dataclass
class Page:
    """One HTML page and what loading it fetches, as site-relative paths."""

    url: str  # site-relative URL of the page, e.g. "ja/fields/"
    html: str  # site-relative path of its HTML file
    assets: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _local(base_url: str, ref: str) -> str | None:
    """Site-relative path of a reference, or None for another host, data: or a fragment."""
    if ref.startswith(("data:", "#", "mailto:", "javascript:")):
        return None
    parts = urlsplit(urljoin("http://site/" + base_url, ref))
    if parts.netloc != "site":
        return None
    path = posixpath.normpath(parts.path).lstrip("/")
    return path


def _file_of(site: Path, path: str) -> Path | None:
    candidate = site / path
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _css_assets(site: Path, css_path: str, seen: set[str]) -> list[str]:
    file = _file_of(site, css_path)
    if file is None:
        return []
    found = []
    for ref in _CSS_URL.findall(file.read_text(encoding="utf-8", errors="replace")):
        path = _local(css_path, ref.strip())
        if path and path not in seen:
            seen.add(path)
            found.append(path)
            if path.endswith(".css"):
                found += _css_assets(site, path, seen)
    return found


@cache
def page(site: Path, url: str) -> Page:
    """Parse the page at ``url`` (e.g. ``ja/`` or ``ja/fields/materials/``) inside the built ``site``."""
    html_path = url + "index.html" if url.endswith("/") or not url else url
    file = site / html_path
    refs, config = _references(file.read_text(encoding="utf-8"))
    result = Page(url, html_path)
    seen: set[str] = set()
    for ref in refs:
        path = _local(url, ref)
        if path and path not in seen:
            seen.add(path)
            result.assets.append(path)
            if path.endswith(".css"):
                result.assets += _css_assets(site, path, seen)
    config = config or {}
    if config.get("search"):
        worker = _local(url, config["search"])
        result.search.append(worker)
        lunr = posixpath.normpath(posixpath.join(posixpath.dirname(worker), "../lunr"))
        langs = _search_langs(site, url, config)
        scripts = []
        for lang in langs:
            if lang == "ja":
                scripts.append(f"{lunr}/tinyseg.js")
            elif lang in ("hi", "th"):
                scripts.append(f"{lunr}/wordcut.js")
            if lang != "en":
                scripts.append(f"{lunr}/min/lunr.{lang}.min.js")
        if len(langs) > 1:
            scripts.append(f"{lunr}/min/lunr.multi.min.js")
        if scripts:
            scripts.insert(0, f"{lunr}/min/lunr.stemmer.support.min.js")
        result.search += scripts
        base = _local(url, config.get("base", ".") + "/")
        result.search.append(posixpath.join(base, "search/search_index.json"))
    result.missing = [p for p in [*result.assets, *result.search] if _file_of(site, p) is None]
    return result


def _search_langs(site: Path, url: str, config: dict) -> list[str]:
    """The languages the search index is configured for (read from the index itself)."""
    base = _local(url, config.get("base", ".") + "/")
    return list(_index_langs(site / base / "search" / "search_index.json"))


@cache
def _index_langs(index: Path) -> tuple[str, ...]:
    try:
        return tuple(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"])
    except (OSError, ValueError, KeyError):
        return ()


def size_of(site: Path, paths: list[str]) -> int:
    return sum(transfer_size(f) for p in paths if (f := _file_of(site, p)) is not None)


@dataclass
class View:
    """Bytes transferred for one page view, split as the report shows them."""

    url: str
    html: int
    assets: int  # stylesheets, scripts, images not already cached
    search: int  # search worker, lunr languages, search index (not already cached)
    search_index: int

    @property
    def page(self) -> int:
        return self.html + self.assets

    @property
    def total(self) -> int:
        return self.page + self.search


def first_view(site: Path, url: str) -> View:
    p = page(site, url)
    index = [s for s in p.search if s.endswith("search_index.json")]
    return View(url, size_of(site, [p.html]), size_of(site, p.assets), size_of(site, p.search), size_of(site, index))


def second_view(site: Path, first_url: str, url: str) -> View:
    """The page at ``url`` after ``first_url`` was viewed: its HTML and anything not yet cached."""
    before = page(site, first_url)
    cached = set(before.assets) | set(before.search)
    p = page(site, url)
    new_assets = [a for a in p.assets if a not in cached]
    new_search = [s for s in p.search if s not in cached]
    return View(url, size_of(site, [p.html]), size_of(site, new_assets), size_of(site, new_search), 0)


def html_pages(site: Path, lang: str) -> list[str]:
    """Site-relative URLs of every content page of one language (not 404.html, not redirect stubs)."""
    root = site / lang
    urls = []
    for file in sorted(root.rglob("index.html")):
        if "assets" in file.relative_to(root).parts:
            continue
        head = file.read_text(encoding="utf-8", errors="replace")[:2000]
        if 'http-equiv="refresh"' in head:
            continue
        rel = file.parent.relative_to(site).as_posix()
        urls.append(rel + "/")
    return urls
