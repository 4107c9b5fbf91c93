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
