"""Site addresses: where a page sits, and relative links between pages (the site works under any
sub-path and from a folder copy, so every link is relative)."""

from __future__ import annotations

import posixpath


def page_url(src_path: str) -> str:
    """Site-relative URL of a page with directory URLs: fields/materials.md → fields/materials/."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative_url(target: str, current: str) -> str:
    """Link from page URL ``current`` to page URL (or URL#anchor) ``target``."""
    target_path, _, anchor = target.partition("#")
    link = posixpath.relpath(target_path or ".", current or ".")
    if link == ".":
        link = "./"
    elif target_path.endswith("/") or not target_path:
        link = link.rstrip("/") + "/"
    return link + (f"#{anchor}" if anchor else "")


def language_url(site_url: str | None, lang: str) -> str | None:
    """Where a language's pages are published, given the site's root (if known): each language is a site of
    its own, in its folder."""
    return site_url and f"{site_url.rstrip('/')}/{lang}/"


def site_root(language_url: str | None, lang: str) -> str | None:
    """The site's root from the address MkDocs has for a language: `briefing build --site-url` gives
    …/<lang>/, beside which the other languages are. Any other address (`mkdocs serve` serves one
    language at http://127.0.0.1:8000/) says nothing about where the other languages are."""
    tail = f"/{lang}/"
    if language_url and language_url.endswith(tail):
        return language_url.removesuffix(tail[1:])
    return None
