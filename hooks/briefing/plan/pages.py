"""The page plan: every page of the site and what each is made from, worked out before any is rendered.

One place answers "which pages are there?" for every command: the build and the preview render the
plan's pages, the export writes them, the checks take the published addresses from it, and the
editions' pinned addresses are its pages too. A page is planned once and rendered in each language
(the same path in both). Each planned page names its template and the values it is given; what else
it reads while it is rendered (items, collections, templates) is recorded then (reads.py), so that a
later build renders it again only if one of those changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.briefing import Briefing
from .urls import page_url

EDITIONS = "editions"  # frozen editions are published at editions/<date>/
CHANGES_TEMPLATE = "changes.md.j2"
# The engine's pages of a collection for which the briefing has no template of its own: made from the
# collection's declared keys (hooks/briefing/templates/collection/), so that a briefing needs no templates.
GENERIC_INDEX, GENERIC_ITEM = "collection/index.md.j2", "collection/item.md.j2"


@dataclass(frozen=True)
class PlannedPage:
    """A generated page: where it is (``path``, relative to a language's docs: fields/materials.md), the
    template it is rendered from and the values it is given. ``edition`` is the date of the superseded
    edition it belongs to (its pages are under editions/<date>/), None for the current one."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    edition: str | None = None
    in_nav: bool = False
    search: bool = True
    wide: bool = False
    parent: str | None = None  # an item page's collection index (fields/index.md): its breadcrumb leads there

    @property
    def url(self) -> str:
        return page_url(self.path)


@dataclass(frozen=True)
class ForwardingPage:
    """A page left at an address only to lead on to another: a moved page, or one of the current
    edition's pinned addresses (``pinned``: its date) while no later edition has replaced it."""

    old: str  # its address: fields/material/
    new: str  # where it leads: fields/materials/
    pinned: str = ""


@dataclass(frozen=True)
class ReadingEntry:
    """A page in the deck's order, for the print page, the briefing's index and the PDF."""

    order: int
    part: str | None
    page: PlannedPage
    printed: bool

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def item(self) -> Any:
        return self.page.context.get("item")

    @property
    def items(self) -> list | None:
        return self.page.context.get("items")

    @property
    def collection(self) -> Any:
        return self.page.context.get("collection")

    @property
    def anchor(self) -> str:
        """The id of its part of the print page: briefing-growth-strategy, fields."""
        return self.url.strip("/").replace("/", "-")


@dataclass(frozen=True)
class SitePlan:
    """Every page of a language (both have the same), of the current edition and the superseded ones."""

    pages: list[PlannedPage]  # generated: the current edition's, then each superseded edition's
    written: list[str]  # hand-written pages (docs/<lang>/…), as source paths
    forwarding: list[ForwardingPage]
    reading: dict[str | None, list[ReadingEntry]]  # per edition (None: the current one)
    pinned: frozenset[str]  # the current edition's pages that its pinned addresses lead to ("" if not frozen)

    def page_urls(self) -> set[str]:
        return {page.url for page in self.pages} | {page_url(path) for path in self.written}


def changes_path(page: str, comparison) -> str:
    """changes.md → changes/2026-01-21--2026-07-01.md: what changed between two editions."""
    return f"{page.removesuffix('.md')}/{comparison.old_date}--{comparison.new_date}.md"


def edition_paths(briefing: Briefing) -> list[str]:
    """The pages an edition keeps at editions/<date>/: its collections' pages and its home page."""
    paths = ["index.md"]
    for spec in briefing.declaration.collections:
        if spec.index_path:
            paths.append(spec.index_path)
        if spec.pages:
            paths += [spec.item_path(briefing.id_of(spec.id, item)) for item in briefing[spec.id]]
    return paths


def page_templates(spec, exists: Callable[[str], bool]) -> tuple[str | None, str | None]:
    """The templates of a collection's index page and item pages: the one its declaration names; else the
    briefing's own <pages>/index.md.j2 and <pages>/item.md.j2 where ``exists`` finds them, else the engine's."""
    index, item = spec.index_template, spec.item_template
    if index and not spec.template and not exists(index):
        index = GENERIC_INDEX
    if item and not exists(item):
        item = GENERIC_ITEM
    return index, item


def current_pages(briefing: Briefing, comparisons: list, exists: Callable[[str], bool]) -> list[PlannedPage]:
    """The current edition's generated pages, collection by collection, then the declaration's others
    (``exists``: whether the project has a template of that name)."""
    pages = []
    for spec in briefing.declaration.collections:
        items = briefing[spec.id]
        index_template, item_template = page_templates(spec, exists)
        if spec.index_path and index_template:
            context = {"collection": spec, "items": items}
            pages.append(
                PlannedPage(spec.index_path, index_template, context, in_nav=spec.nav is not None, wide=spec.wide)
            )
        if spec.pages and item_template:
            for item in items:
                path = spec.item_path(briefing.id_of(spec.id, item))
                context = {"collection": spec, "item": item}
                pages.append(PlannedPage(path, item_template, context, parent=spec.index_path))
    for declared in briefing.declaration.pages:
        if not declared.template:
            continue
        in_nav = declared.nav is not None
        pages.append(
            PlannedPage(declared.path, declared.template, {}, in_nav=in_nav, search=declared.search, wide=declared.wide)
        )
        if declared.template == CHANGES_TEMPLATE:  # a page per pair of editions
            pages += [
                PlannedPage(changes_path(declared.path, pair), declared.template, {"comparison": pair}, search=False)
                for pair in comparisons
            ]
    return pages


def older_pages(
    frozen: Briefing, date: str, current_paths: set[str], exists: Callable[[str], bool]
) -> list[PlannedPage]:
    """A superseded edition's pages at editions/<date>/: out of the navigation and the search (the
    current edition answers searches), each with a banner that leads to the same page now."""
    prefix = f"{EDITIONS}/{date}/"
    kept = set(edition_paths(frozen))
    pages = []
    for page in current_pages(frozen, [], exists):
        if page.path not in kept:
            continue
        now = page_url(page.path if page.path in current_paths else "index.md")
        banner = {"date": frozen.edition.edition_date, "current": now}
        context = {**page.context, "edition_banner": banner}
        parent = prefix + page.parent if page.parent in kept else None
        pages.append(
            PlannedPage(prefix + page.path, page.template, context, date, search=False, wide=page.wide, parent=parent)
        )
    return pages


def reading_order(briefing: Briefing, pages: list[PlannedPage], prefix: str = "") -> list[ReadingEntry]:
    """The pages in the deck's order: items read one by one (the narrative pages), and the index pages
    and other pages placed by their declared ``order`` (those among ``pages``)."""
    by_path = {page.path: page for page in pages}
    entries = []
    for spec in briefing.declaration.collections:
        if spec.read_items:
            for item in briefing[spec.id]:
                page = by_path[prefix + spec.item_path(briefing.id_of(spec.id, item))]
                entries.append(ReadingEntry(item.order, item.part, page, True))
        if spec.order is not None and spec.index_path:
            entries.append(ReadingEntry(spec.order, spec.part, by_path[prefix + spec.index_path], spec.printed))
    for declared in briefing.declaration.pages:
        if declared.order is not None and declared.template and prefix + declared.path in by_path:
            entries.append(ReadingEntry(declared.order, declared.part, by_path[prefix + declared.path], True))
    return sorted(entries, key=lambda entry: entry.order)


def written_pages(docs_dir: Path) -> list[str]:
    """The hand-written pages of a language (each language has the same; the checks hold that)."""
    return [path.relative_to(docs_dir).as_posix() for path in sorted(docs_dir.rglob("*.md"))]


def plan_site(briefing: Briefing, timeline, docs_dir: Path, exists: Callable[[str], bool]) -> SitePlan:
    """The plan of a site: ``briefing`` is the current data, ``timeline`` its editions (editions.py); ``exists``:
    whether the project has a template of that name (the briefing's own, or the engine's)."""
    pages = current_pages(briefing, timeline.comparisons, exists)
    removed = _removed_rows(briefing)
    for page in pages:
        if page.url in removed:
            page.context["removed_rows"] = removed[page.url]
    reading: dict[str | None, list[ReadingEntry]] = {None: reading_order(briefing, pages)}
    current_paths = {page.path for page in pages}
    for edition, frozen in timeline.superseded:
        older = older_pages(frozen, edition.date, current_paths, exists)
        reading[edition.date] = reading_order(frozen, older, f"{EDITIONS}/{edition.date}/")
        pages += older
    forwarding = [ForwardingPage(r.old, r.new) for r in briefing.redirects if "#" not in r.old]
    pinned: frozenset[str] = frozenset()
    if timeline.current_is_frozen:  # its pinned addresses lead to the current pages, until it is superseded
        date = timeline.current_date
        pinned = frozenset(page_url(path) for path in edition_paths(briefing))
        forwarding += [ForwardingPage(f"{EDITIONS}/{date}/{url}", url, date) for url in sorted(pinned)]
    return SitePlan(pages, written_pages(docs_dir), forwarding, reading, pinned)


def _removed_rows(briefing: Briefing) -> dict[str, list]:
    """Page URL → the redirects of rows removed from it to an earlier edition's copy (a note on the page
    holds their anchors, with a link to each)."""
    removed: dict[str, list] = {}
    for redirect in briefing.redirects:
        old_page, _, old_row = redirect.old.partition("#")
        new_page = redirect.new.partition("#")[0]
        if old_row and new_page != old_page:
            removed.setdefault(old_page, []).append(redirect)
    return removed
