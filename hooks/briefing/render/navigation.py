"""The sidebar of a language, as the declaration places each collection and page, and a page's title."""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup

from ..load.briefing import Briefing
from ..load.declaration import Place
from .renderer import Renderer

_HEADING_ID = re.compile(r"\s*\{#[^}]*\}\s*$")
_ESCAPED = re.compile(r"\\(.)")
_TAG = re.compile(r"<[^>]+>")


def title_of(markdown: str) -> str | None:
    """A page's title as plain text: its first level-1 heading, without its {#id}, escapes and tags."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            text = _TAG.sub("", _ESCAPED.sub(r"\1", _HEADING_ID.sub("", line[2:])))
            return html.unescape(" ".join(text.split()))
    return None


def index_label(renderer: Renderer, spec) -> Markup:
    """A collection index's name in the sidebar and in its items' breadcrumbs: its sidebar label, or its title."""
    title = (spec.nav.title if spec.nav else None) or spec.title
    return renderer.fill(title, count=len(renderer.briefing[spec.id])) if title else Markup(spec.index_path)


def navigation(briefing: Briefing, renderer: Renderer) -> list:
    """The sidebar: the declared sections and top-level entries, each in its position."""
    entries: list[tuple[Place, Any]] = []
    for spec in briefing.declaration.collections:
        if spec.nav and spec.index_path:
            title = spec.nav.title or spec.title
            label = index_label(renderer, spec).unescape() if title else None
            entries.append((spec.nav, {label: spec.index_path} if label else spec.index_path))
    for page in briefing.declaration.pages:
        if page.nav:
            entries.append((page.nav, {page.nav.title(renderer.lang): page.path} if page.nav.title else page.path))
    top: list[tuple[int, Any]] = [(place.position, path) for place, path in entries if place.section is None]
    for section in briefing.declaration.sections:
        inside = [(place.position, path) for place, path in entries if place.section == section.id]
        if inside:
            inside.sort(key=lambda pair: pair[0])
            top.append((section.position, {section.title(renderer.lang): [entry for _, entry in inside]}))
    return [entry for _, entry in sorted(top, key=lambda pair: pair[0])]
