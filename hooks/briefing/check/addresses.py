"""Published addresses: every page and table row a memo may link to keeps working.

The addresses of a build are worked out from the declaration and the data, before any page is
rendered: each collection's pages, the pages of the declaration, the hand-written pages, and
the rows each collection declares as linkable (its ``anchors``). ``data/published-addresses.txt``
records each address the site has published; one that disappears must be redirected in
``data/redirects.yml``: a page redirect becomes a small page at the old address that forwards
to the new one, a row redirect an extra anchor on the new row.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..load.briefing import Briefing
from ..load.declaration import CollectionSpec
from ..messages import Message
from ..plan.pages import EDITIONS, edition_paths
from ..plan.urls import page_url
from ..problems import Problem
from ..project.swap import write_atomically

MANIFEST = "published-addresses.txt"
REDIRECTS = "redirects.yml"
_HEADER = """\
# Every address this site has published, without /ja/ or /en/: pages and table rows.
# Written by `make publish` (`make site` never changes data/); commit it. Do not delete
# lines: an address that has been published must keep working. To rename or remove an
# item, add a redirect to data/redirects.yml; `make check` says which, ready to paste.
"""


def _rows(briefing: Briefing):
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
    for _, item_id, url in _rows(briefing):
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
    for collection, item_id, url in _rows(briefing):
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
    for collection, item_id, url in _rows(briefing):
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


def read_manifest(data_dir: Path) -> list[tuple[int, str]]:
    path = data_dir / MANIFEST
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, line.strip()) for number, line in enumerate(lines, 1) if line.strip() and line[0] != "#"]


def record_addresses(data_dir: Path, current: set[str]) -> int:
    """Add newly published addresses to the manifest; return how many were new."""
    known = {address for _, address in read_manifest(data_dir)}
    new = current - known
    if new or not (data_dir / MANIFEST).is_file():
        body = "\n".join(sorted(known | current))
        write_atomically(data_dir / MANIFEST, f"{_HEADER}{body}\n")  # a record in git: never half-written
    return len(new)


def check_addresses(data_dir: Path, briefing: Briefing, current: set[str], superseded: list[str]) -> list[Problem]:
    """The redirects lead from addresses that are gone to addresses that exist, and every address ever
    published still leads somewhere (``gone_problems`` says how to fix one that does not). ``superseded``:
    the dates of the frozen editions before the current one, oldest first."""
    problems: list[Problem] = []
    redirects = briefing.sources.get(f"{data_dir.name}/{REDIRECTS}")
    moved = {}
    for index, redirect in enumerate(briefing.redirects):
        path = ("redirects", index)
        if redirect.old in current:
            problems.append(redirects.problem((*path, "old"), Message("redirect_old_exists", old=redirect.old)))
        if redirect.new not in current:
            problems.append(redirects.problem((*path, "new"), Message("redirect_new_unknown", new=redirect.new)))
        old_page, _, old_row = redirect.old.partition("#")
        new_page, _, new_row = redirect.new.partition("#")
        if old_row and (not new_row or _edition_page(new_page) != old_page):
            problems.append(redirects.problem(path, Message("redirect_row_form", editions=EDITIONS)))
        if not old_row and new_row:
            problems.append(redirects.problem(path, Message("redirect_page_form")))
        moved[redirect.old] = redirect
    published = read_manifest(data_dir)
    gone = [
        (line, address)
        for line, address in published
        if address not in current and address not in moved and address.partition("#")[0] not in moved
    ]  # a moved page takes its rows
    if gone:
        published_set = {address for _, address in published}
        problems += gone_problems(data_dir, briefing, current, published_set, gone, superseded)
    return problems


def gone_problems(
    data_dir: Path,
    briefing: Briefing,
    current: set[str],
    published: set[str],
    gone: list[tuple[int, str]],
    superseded: list[str],
) -> list[Problem]:
    """One problem per item whose published addresses are gone, at the place to fix, with the redirects to
    paste: an id renamed (at the new id's line, redirected to its new addresses), a file of one item deleted
    (named as the cause), or an item removed (at the first of its lines in the record, redirected to the most
    likely address: its copy in an earlier edition, else the closest address of the same kind)."""
    label = f"{data_dir.name}/{MANIFEST}"
    first_line = {address: line for line, address in gone}
    groups: dict[tuple, list[str]] = {}
    rows_on = _row_collections(briefing)
    for _, address in gone:
        groups.setdefault(_owner(briefing, address, rows_on), []).append(address)
    snippet_start = Message("paste_redirects_first" if not briefing.redirects else "paste_redirects_more")
    problems = []
    for owner, addresses in groups.items():
        first = _pages_first(addresses)[0]
        collection, old = owner if owner[0] is not None else (None, None)
        spec = briefing.spec(collection) if collection else None
        new = _renamed_to(briefing, collection, old, published) if collection else None
        if new is not None:
            item = briefing.index(collection)[new]
            pairs = _renamed_addresses(addresses, old, new, current, spec)
            message = Message("id_renamed", old=old, address=first, count=len(addresses), paste=snippet_start)
            found = briefing.problem(item, (spec.id_key,), message)
        else:
            pairs = [(address, _likely_address(address, current, superseded)) for address in _pages_first(addresses)]
            deleted = spec is not None and "*" in spec.file and not (data_dir / spec.file.replace("*", old)).exists()
            if deleted:
                file = f"{data_dir.name}/{spec.file.replace('*', old)}"
                message = Message("file_deleted", file=file, address=first, count=len(addresses), paste=snippet_start)
                found = Problem(file, 1, 1, old, "", message)
            else:
                message = Message("address_gone", address=first, count=len(addresses), paste=snippet_start)
                found = Problem(label, first_line[first], 1, first, "", message)
        lines = [f"  - {{old: {old_address}, new: {new_address}}}" for old_address, new_address in pairs]
        problems.append(replace(found, snippet=tuple((["redirects:"] if not briefing.redirects else []) + lines)))
    return problems


def _row_collections(briefing: Briefing) -> dict[str, list[str]]:
    """Page URL → the collections whose items are rows on it that can be linked to."""
    found: dict[str, list[str]] = {}
    for collection, _, url in _rows(briefing):
        if collection not in found.setdefault(url, []):
            found[url].append(collection)
    return found


def _owner(briefing: Briefing, address: str, rows_on: dict[str, list[str]]) -> tuple:
    """(collection, id) of the item an address belonged to, if it can be told: a page <slug>/<id>/ of a
    collection with pages, a row of a page that still holds rows of one collection, or a row of a page of
    an item (it goes with its page); else (None, its page)."""
    page, _, row = address.partition("#")
    for spec in briefing.declaration.collections:
        own_page = (
            spec.pages
            and page.startswith(f"{spec.pages}/")
            and page.rstrip("/").count("/") == spec.pages.count("/") + 1
        )
        if own_page and (not row or page not in rows_on):
            return spec.id, page.removeprefix(f"{spec.pages}/").rstrip("/")
    if row and rows_on.get(page):
        return rows_on[page][0], row
    return None, page


def _renamed_to(briefing: Briefing, collection: str, old: str, published: set[str]) -> str | None:
    """The id an item was probably renamed to: an id of its collection that was never published, spelt
    like the old one (or holding it as one of its words)."""
    spec = briefing.spec(collection)
    rows = {address.partition("#")[2] for address in published if "#" in address}

    def was_published(item_id: str) -> bool:
        return item_id in rows or bool(spec.pages and f"{spec.pages}/{item_id}/" in published)

    fresh = [item_id for item_id in briefing.index(collection) if not was_published(item_id)]
    close = difflib.get_close_matches(old, fresh, n=1, cutoff=0.5)
    return (close or [item_id for item_id in fresh if old in item_id.split("-")][:1] or [None])[0]


def _renamed_addresses(addresses: list[str], old: str, new: str, current: set[str], spec) -> list[tuple[str, str]]:
    """Each gone address of a renamed item and its new address: the same with the new id. Rows on the
    item's own page move with the page, and need no redirect of their own."""
    pages = {address for address in addresses if "#" not in address}
    pairs = []
    for address in _pages_first(addresses):
        page, _, row = address.partition("#")
        if row and page in pages:
            continue
        if row:
            moved = f"{page}#{new}" if row == old else address
        else:
            moved = f"{spec.pages}/{new}/" if spec.pages and page == f"{spec.pages}/{old}/" else page
        pairs.append((address, moved if moved in current else (f"{spec.pages}/{new}/" if spec.pages else moved)))
    return pairs


def _pages_first(addresses: list[str]) -> list[str]:
    """Pages, then the rows that are not on one of them (those go with their page)."""
    pages = [address for address in addresses if "#" not in address]
    return pages + [address for address in addresses if "#" in address and address.partition("#")[0] not in pages]


def _likely_address(address: str, current: set[str], superseded: list[str]) -> str:
    """Where a removed address most likely leads now: the same address in the latest earlier edition that
    holds it, else the closest address of the same kind: for a page, a page beside it (or the page above
    it); for a row, another row of the same page (a row's redirect stays on its page)."""
    for date in reversed(superseded):
        if f"{EDITIONS}/{date}/{address}" in current:
            return f"{EDITIONS}/{date}/{address}"
    page, _, row = address.partition("#")
    if row:
        same = sorted(found for found in current if found.startswith(f"{page}#"))
        return (difflib.get_close_matches(address, same, n=1, cutoff=0) or [address])[0]
    parent = page.rstrip("/").rpartition("/")[0]
    beside = sorted(found for found in current if "#" not in found and found.rstrip("/").rpartition("/")[0] == parent)
    close = difflib.get_close_matches(address, beside, n=1, cutoff=0.8)
    if close:
        return close[0]
    if parent and f"{parent}/" in current:
        return f"{parent}/"
    return (difflib.get_close_matches(address, sorted(current), n=1, cutoff=0) or [address])[0]


def _edition_page(page: str) -> str:
    """editions/2026-01-21/budget/ → budget/: the page's path inside its edition."""
    parts = page.split("/", 2)
    return parts[2] if parts[0] == EDITIONS and len(parts) == 3 else page


def moved_rows(briefing: Briefing) -> dict[str, dict[str, list[str]]]:
    """Page URL → new row id → old row ids that lead to it (an extra anchor on the row)."""
    moved: dict[str, dict[str, list[str]]] = {}
    for redirect in briefing.redirects:
        old_page, _, old_row = redirect.old.partition("#")
        new_page, _, new_row = redirect.new.partition("#")
        if old_row and new_page == old_page:
            moved.setdefault(old_page, {}).setdefault(new_row, []).append(old_row)
    return moved
