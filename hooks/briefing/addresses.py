"""Published addresses: every page and table row a memo may link to keeps working.

``data/published-addresses.txt`` records each address (page or row anchor) the site has
ever published. An address that disappears must be redirected in ``data/redirects.yml``:
a page redirect becomes a small page at the old address that forwards to the new one; a
row redirect becomes an extra anchor on the row, so the old link lands on it.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .loader import SourceMap
from .models import Briefing, Redirect
from .problems import Problem
from .render import page_url, relative_url
from .site import Page

MANIFEST = "published-addresses.txt"
_ROW = re.compile(r'<tr id="([^"]+)"')
_HEADER = """\
# Every address this site has published, without /ja/ or /en/: pages and table rows.
# Written by `make site`; commit it. Do not delete lines: an address that has been
# published must keep working. To rename or remove an item, add a redirect to
# data/redirects.yml; the build fails until every address here still leads somewhere.
"""


def current_addresses(pages: list[Page], docs_dir: Path) -> set[str]:
    """Pages (generated and hand-written) and the rows of their tables, as ``path/`` and ``path/#row``."""
    hand_written = {page_url(path.relative_to(docs_dir).as_posix()) for path in docs_dir.rglob("*.md")}
    urls = {page.url for page in pages} | hand_written
    # The print page repeats every table; its rows are not addresses to cite.
    rows = {
        f"{page.url}#{anchor}" for page in pages if page.path != "print.md" for anchor in _ROW.findall(page.markdown)
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
        (data_dir / MANIFEST).write_text(f"{_HEADER}{body}\n", encoding="utf-8")
    return len(new)


def check_addresses(
    data_dir: Path, briefing: Briefing, sources: dict[str, SourceMap], current: set[str]
) -> list[Problem]:
    problems: list[Problem] = []
    redirects = sources["redirects.yml"]
    moved = {}
    for index, redirect in enumerate(briefing.redirects):
        path = ("redirects", index)
        if redirect.old in current:
            problems.append(
                redirects.problem(
                    (*path, "old"), f"'{redirect.old}' still exists; redirect only an address that is gone"
                )
            )
        if redirect.new not in current:
            problems.append(
                redirects.problem(
                    (*path, "new"),
                    f"'{redirect.new}' is not an address of this site; point the redirect at a page or row that exists",
                )
            )
        old_page, _, old_row = redirect.old.partition("#")
        new_page, _, new_row = redirect.new.partition("#")
        if old_row and (not new_row or old_page != new_page):
            problems.append(
                redirects.problem(
                    path, "a table-row redirect must lead to another row of the same page ('page/#old' → 'page/#new')"
                )
            )
        if not old_row and new_row:
            problems.append(
                redirects.problem(path, "a page redirect must lead to a page ('old/' → 'new/'), not to a row")
            )
        moved[redirect.old] = redirect
    label = f"{data_dir.name}/{MANIFEST}"
    for line, address in read_manifest(data_dir):
        page = address.partition("#")[0]
        if address not in current and address not in moved and page not in moved:  # a moved page takes its rows
            problems.append(
                Problem(
                    label,
                    line,
                    1,
                    address,
                    "",
                    "this address was published and no longer exists: if its id was renamed or removed, add a "
                    "redirect to data/redirects.yml (old: the address on this line, new: where it is now)",
                )
            )
    return problems


def apply_redirects(
    pages: list[Page], redirects: list[Redirect], templates_dir: Path, lang: str
) -> list[tuple[str, str]]:
    """Put row redirects into ``pages`` (an extra anchor) and return page redirects as (path, html) files."""
    by_url = {page.url: index for index, page in enumerate(pages)}
    env = Environment(loader=FileSystemLoader(templates_dir), autoescape=True, undefined=StrictUndefined)
    files = []
    for redirect in redirects:
        old_page, _, old_row = redirect.old.partition("#")
        new_page, _, new_row = redirect.new.partition("#")
        if old_row:
            index = by_url[new_page]
            page = pages[index]
            pattern = re.compile(rf'(<tr id="{re.escape(new_row)}">\s*<t[hd][^>]*>)')
            pages[index] = Page(page.path, pattern.sub(rf'\1<span id="{old_row}"></span>', page.markdown, count=1))
        else:
            html = env.get_template("redirect.html.j2").render(lang=lang, target=relative_url(new_page, old_page))
            files.append((f"{old_page}index.html", html))
    return files
