"""Where each item is shown and which addresses a build publishes, worked out from the declaration and
the page plan before any page is rendered: each collection's pages, the pages of the declaration, the
hand-written pages, and the rows each collection declares as linkable (its ``anchors``). The checks
(check/addresses.py) hold these against the record of what was published; the pages link and anchor
items by them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..load.briefing import Briefing
from ..load.declaration import CollectionSpec
from .pages import EDITIONS, edition_paths
from .urls import page_url


def linkable_rows(briefing: Briefing):
    """(collection, item id, page URL) for every table row that can be linked to, as the declaration says."""
    for spec in briefing.declaration.collections:
        ids = [briefing.id_of(spec.id, item) for item in briefing[spec.id]]
        for place in spec.anchors:
            if place == "index":
                yield from ((spec.id, item_id, page_url(spec.index_path)) for item_id in ids)
            elif place == "parent":
                parent_spec = briefing.spec(spec.within)
                for item, item_id in zip(briefing[spec.id], ids, strict=True):
                    parent = briefing.parent(item)
                    yield spec.id, item_id, page_url(parent_spec.item_path(briefing.id_of(parent_spec.id, parent)))
            else:
                other_id, _, which = place.partition(":")
                other = briefing.spec(other_id)
                if which == "index":
                    yield from ((spec.id, item_id, page_url(other.index_path)) for item_id in ids)
                else:
                    for target in briefing[other.id]:
                        url = page_url(other.item_path(briefing.id_of(other.id, target)))
                        yield from ((spec.id, item_id, url) for item_id in ids)


def row_anchors(briefing: Briefing) -> dict[str, list[str]]:
    """Page URL → the ids of the table rows on it that can be linked to, as the declaration says."""
    rows: dict[str, list[str]] = {}
    for _, item_id, url in linkable_rows(briefing):
        rows.setdefault(url, []).append(item_id)
    return rows


def item_addresses(briefing: Briefing) -> dict[tuple[str, str], str]:
    """(collection, item id) → where a reader finds the item: its own page, else its first linkable row."""
    found = {}
    for spec in briefing.declaration.collections:
        if spec.pages:
            for item in briefing[spec.id]:
                item_id = briefing.id_of(spec.id, item)
                found[spec.id, item_id] = page_url(spec.item_path(item_id))
    for collection, item_id, url in linkable_rows(briefing):
        found.setdefault((collection, item_id), f"{url}#{item_id}")
    return found


def item_pages(briefing: Briefing) -> dict[tuple[str, str], list[tuple[str, bool]]]:
    """(collection, item id) → every page that shows the item, each with whether it shows all of it: its own
    page (whole), then the pages whose tables list it as a row, as the declaration's anchors say (its
    collection's index, its parent's page…), which show its own facts but not the lists nested in it."""
    found: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for spec in briefing.declaration.collections:
        if spec.pages:
            for item in briefing[spec.id]:
                item_id = briefing.id_of(spec.id, item)
                found[spec.id, item_id] = [(page_url(spec.item_path(item_id)), True)]
    for collection, item_id, url in linkable_rows(briefing):
        pages = found.setdefault((collection, item_id), [])
        if all(url != known for known, _ in pages):
            pages.append((url, False))
    return found


def collection_pages(briefing: Briefing) -> dict[str, tuple[CollectionSpec, Any]]:
    """Address → (collection, item) of every collection's page, in the order of the page plan: its index page
    (item None), then its item pages."""
    plan: dict[str, tuple[CollectionSpec, Any]] = {}
    for spec in briefing.declaration.collections:
        if spec.index_path:
            plan[page_url(spec.index_path)] = (spec, None)
        if spec.pages:
            for item in briefing[spec.id]:
                plan[page_url(spec.item_path(briefing.id_of(spec.id, item)))] = (spec, item)
    return plan


@dataclass
class PageGroup:
    """Pages of one collection: its index page (if it is among them) and some of its item pages."""

    collection: CollectionSpec
    index: str | None = None  # the index page's address
    items: list[str] = field(default_factory=list)  # the addresses of its item pages


def pages_citing(briefing: Briefing) -> dict[str, list[PageGroup]]:
    """Section id → the pages that show data from that part of the deck, grouped by collection: every page
    that shows an item, or the part of an item, citing the section (``item_pages``). The pages that retell
    the deck in order come first, then the others in the order of the page plan. Computed, so that a page
    that comes to show data from the deck is listed with it."""
    plan = collection_pages(briefing)
    shown = item_pages(briefing)
    cited: dict[str, set[str]] = {}
    for spec in briefing.declaration.collections:
        for item in briefing[spec.id]:
            pages = shown.get((spec.id, briefing.id_of(spec.id, item)), [])
            for path, mark, section in briefing.references(spec.id, item):
                if mark.collection == "sections":  # (a row shows the item's own source, not its list's)
                    cited.setdefault(section, set()).update(url for url, whole in pages if whole or len(path) == 1)
    order = {address: (not plan[address][0].read_items, position) for position, address in enumerate(plan)}
    result: dict[str, list[PageGroup]] = {}
    for section, addresses in cited.items():
        groups: dict[str, PageGroup] = {}
        for address in sorted((a for a in addresses if a in plan), key=order.__getitem__):
            spec, item = plan[address]
            group = groups.setdefault(spec.id, PageGroup(spec))
            if item is None:
                group.index = address
            else:
                group.items.append(address)
        result[section] = list(groups.values())
    return result


def published_addresses(plan, briefing: Briefing, editions: list[tuple[str, Briefing]] = ()) -> set[str]:
    """Every page of the plan and the rows of their tables, as ``path/`` and ``path/#row``; with each
    frozen edition's (date, briefing), its pages and rows at editions/<date>/ too (the current
    edition's lead to the current pages until a later edition replaces it)."""
    urls = plan.page_urls()
    rows = {f"{url}#{row}" for url, ids in row_anchors(briefing).items() for row in ids}
    for date, edition in editions:
        prefix = f"{EDITIONS}/{date}/"
        edition_urls = {page_url(path) for path in edition_paths(edition)}
        urls |= {prefix + url for url in edition_urls}
        rows |= {
            f"{prefix}{url}#{row}" for url, ids in row_anchors(edition).items() if url in edition_urls for row in ids
        }
    return {address for address in urls | rows if address}  # the home page ("") cannot move


def moved_rows(briefing: Briefing) -> dict[str, dict[str, list[str]]]:
    """Page URL → new row id → old row ids that lead to it (an extra anchor on the row)."""
    moved: dict[str, dict[str, list[str]]] = {}
    for redirect in briefing.redirects:
        old_page, _, old_row = redirect.old.partition("#")
        new_page, _, new_row = redirect.new.partition("#")
        if old_row and new_page == old_page:
            moved.setdefault(old_page, {}).setdefault(new_row, []).append(old_row)
    return moved
