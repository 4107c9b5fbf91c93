"""The pages of one language, as the declaration lists them: each collection's index and item
pages, the other pages of the declaration, the navigation, and the reading order that the
print page and the briefing's index follow.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .addresses import CHANGES_TEMPLATE, changes_path, edition_paths
from .content import Briefing
from .declaration import Place
from .render import Renderer
from .urls import page_url


@dataclass(frozen=True)
class Page:
    """A generated Markdown page; ``path`` is relative to docs_dir, e.g. fields/materials.md."""

    path: str
    markdown: str
    in_nav: bool = False

    @property
    def url(self) -> str:
        return page_url(self.path)


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


@dataclass(frozen=True)
class PageSource:
    """What a page is made from: its template and the values it is given."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    search: bool = True
    wide: bool = False
    parent: str | None = None  # an item page's collection index (fields/index.md): its breadcrumb leads there


@dataclass(frozen=True)
class ReadingEntry:
    """A page in the deck's reading order, for the print page and the briefing's index."""

    order: int
    part: str | None
    source: PageSource
    printed: bool

    @property
    def url(self) -> str:
        return page_url(self.source.path)

    @property
    def item(self) -> Any:
        return self.source.context.get("item")

    @property
    def items(self) -> list | None:
        return self.source.context.get("items")

    @property
    def collection(self) -> Any:
        return self.source.context.get("collection")

    @property
    def anchor(self) -> str:
        """The id of its part of the print page: briefing-growth-strategy, fields."""
        return self.url.strip("/").replace("/", "-")


def page_sources(briefing: Briefing) -> list[PageSource]:
    """Every page to generate, collection by collection, then the declaration's other pages."""
    sources = []
    for spec in briefing.declaration.collections:
        items = briefing[spec.id]
        if spec.index_path:
            context = {"collection": spec, "items": items}
            sources.append(
                PageSource(spec.index_path, spec.index_template, context, in_nav=spec.nav is not None, wide=spec.wide)
            )
        if spec.pages:
            for item in items:
                path = spec.item_path(briefing.id_of(spec.id, item))
                context = {"collection": spec, "item": item}
                sources.append(PageSource(path, spec.item_template, context, parent=spec.index_path))
    for page in briefing.declaration.pages:
        if page.template:
            sources.append(
                PageSource(
                    page.path, page.template, {}, in_nav=page.nav is not None, search=page.search, wide=page.wide
                )
            )
            if page.template == CHANGES_TEMPLATE and briefing.timeline is not None:  # a page per pair of editions
                for comparison in briefing.timeline.comparisons:
                    path = changes_path(page.path, comparison)
                    sources.append(
                        PageSource(path, page.template, {"comparison": comparison}, in_nav=False, search=False)
                    )
    return sources


def edition_sources(briefing: Briefing, prefix: str) -> list[PageSource]:
    """The pages a frozen edition publishes under ``prefix``: its collections' pages and its home page,
    out of the navigation and the search (the current edition answers searches)."""
    kept = set(edition_paths(briefing))
    kept_paths = {prefix + path for path in kept}
    return [
        PageSource(
            prefix + source.path,
            source.template,
            source.context,
            in_nav=False,
            search=False,
            wide=source.wide,
            parent=prefix + source.parent if source.parent and prefix + source.parent in kept_paths else None,
        )
        for source in page_sources(briefing)
        if source.path in kept
    ]


def reading_order(briefing: Briefing, sources: list[PageSource], prefix: str = "") -> list[ReadingEntry]:
    """The pages in the deck's order: items read one by one (the narrative pages), and the index
    pages and other pages placed by their declared ``order`` (those among ``sources``)."""
    by_path = {source.path: source for source in sources}
    entries = []
    for spec in briefing.declaration.collections:
        if spec.read_items:
            for item in briefing[spec.id]:
                source = by_path[prefix + spec.item_path(briefing.id_of(spec.id, item))]
                entries.append(ReadingEntry(item.order, item.part, source, True))
        if spec.order is not None and spec.index_path:
            entries.append(ReadingEntry(spec.order, spec.part, by_path[prefix + spec.index_path], spec.printed))
    for page in briefing.declaration.pages:
        if page.order is not None and page.template and prefix + page.path in by_path:
            entries.append(ReadingEntry(page.order, page.part, by_path[prefix + page.path], True))
    return sorted(entries, key=lambda entry: entry.order)


def render_pages(renderer: Renderer, sources: list[PageSource]) -> list[Page]:
    pages = []
    # The collection indexes among the pages, by address, with their names for the breadcrumbs.
    titles = {
        source.path: index_label(renderer, source.context["collection"]).striptags()
        for source in sources
        if "collection" in source.context and "items" in source.context
    }
    for source in sources:
        markdown = renderer.render(source.template, source.path, **source.context)
        if "edition_banner" in source.context:  # a page of an older edition says so first
            banner = renderer.render("edition-banner.html.j2", source.path, **source.context["edition_banner"])
            markdown = banner + "\n" + markdown
        if "removed_rows" in source.context:  # rows since removed keep their anchors, leading to an older edition
            note = renderer.render("removed-rows.html.j2", source.path, redirects=source.context["removed_rows"])
            markdown = markdown + "\n" + note
        # Dates, amounts and names on one line in the text outside the tables too (headings, paragraphs).
        markdown = renderer.breaker.units_in_page(markdown)
        meta = []
        if "edition_banner" in source.context:  # the theme names this edition, not the current one
            meta.append(f'edition: "{source.context["edition_banner"]["date"].isoformat()}"')
        if not source.search:  # a page that repeats the others: each hit would appear twice
            meta.append("search:\n  exclude: true")
        if source.wide:  # its table needs the room of the table of contents
            meta.append("hide:\n  - toc")
        if source.parent in titles:  # an item page: the theme shows the way to its collection (main.html)
            crumb = {"url": page_url(source.parent), "title": titles[source.parent]}
            meta.append(f"breadcrumb: {json.dumps(crumb, ensure_ascii=False)}")
        if meta:
            markdown = "---\n" + "\n".join(meta) + "\n---\n\n" + markdown
        pages.append(Page(source.path, markdown, source.in_nav))
    return pages


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
