"""Published addresses keep working: every page and table row a memo may link to.

``data/published-addresses.txt`` records each address the site has published (``make publish`` adds
to it: publish/address_record.py); the addresses of this build are worked out from the page plan
(plan/addresses.py). One that disappears must be redirected in ``data/redirects.yml``: a page redirect
becomes a small page at the old address that forwards to the new one, a row redirect an extra anchor
on the new row. The checks here hold the redirects and the record against the addresses of this build,
and say, for each address that is gone, the redirect to paste.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

from ..load.briefing import Briefing
from ..messages import Message
from ..plan.addresses import linkable_rows
from ..plan.pages import EDITIONS
from ..problems import Problem

MANIFEST = "published-addresses.txt"
REDIRECTS = "redirects.yml"


def read_manifest(data_dir: Path) -> list[tuple[int, str]]:
    path = data_dir / MANIFEST
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, line.strip()) for number, line in enumerate(lines, 1) if line.strip() and line[0] != "#"]


def check_addresses(data_dir: Path, briefing: Briefing, current: set[str], superseded: list[str]) -> list[Problem]:
    """The redirects lead from addresses that are gone to addresses that exist, and every address ever
    published still leads somewhere (``gone_problems`` says how to fix one that does not). ``superseded``:
    the dates of the frozen editions before the current one, oldest first."""
    problems: list[Problem] = []
    redirects = briefing.sources.get(f"{data_dir.name}/{REDIRECTS}")
    moved, lines = {}, {}
    for index, redirect in enumerate(briefing.redirects):
        path = ("redirects", index)
        if not redirect.old:  # (the home page, which always exists: its redirect page would replace it)
            problems.append(redirects.problem((*path, "old"), Message("redirect_old_home")))
        elif redirect.old in current:
            problems.append(redirects.problem((*path, "old"), Message("redirect_old_exists", old=redirect.old)))
        if redirect.old in moved:  # (the later one would win, silently)
            other = Message("redirect_twice", old=redirect.old, line=lines[redirect.old])
            problems.append(redirects.problem((*path, "old"), other))
        lines.setdefault(redirect.old, redirects.where((*path, "old"))[0])
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
    gone, editions_gone = _frozen_editions_gone(data_dir, gone)
    problems += editions_gone
    if gone:
        published_set = {address for _, address in published}
        problems += gone_problems(data_dir, briefing, current, published_set, gone, superseded)
    return problems


def _frozen_editions_gone(data_dir: Path, gone: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Problem]]:
    """The addresses of a published edition whose folder (editions/<date>/) is not in the project: one problem
    per edition, naming the folder to restore, rather than a redirect to paste for each of its pages."""
    by_date: dict[str, list[int]] = {}
    rest = []
    for line, address in gone:
        parts = address.split("/")
        if parts[0] == EDITIONS and len(parts) > 2 and not (data_dir.parent / EDITIONS / parts[1]).is_dir():
            by_date.setdefault(parts[1], []).append(line)
        else:
            rest.append((line, address))
    label = f"{data_dir.name}/{MANIFEST}"
    problems = [
        Problem(label, lines[0], 1, "", "", Message("edition_gone", folder=f"{EDITIONS}/{date}/", count=len(lines)))
        for date, lines in by_date.items()
    ]
    return rest, problems


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
    for collection, _, url in linkable_rows(briefing):
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
