"""A page's entries in the search index, as Material's search plugin makes them, with one difference.

Material's plugin reads each page tag by tag with ``html.parser`` (the second largest cost of a build)
and runs the text of neighbouring table cells together: "181", "183" and "45" became "18118345" in the
snippets, a figure the source never gives. Here the page's HTML (well formed: written by our templates
or by Markdown) is read with one regular expression, the same sections, titles, kept tags and
exclusions are made as the plugin makes them (material/plugins/search/plugin.py, 9.8), and the text of
two blocks or cells is always separated by a space.
"""

from __future__ import annotations

import html
import re
from typing import Any

_TOKEN = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^>]*)?)/?>|([^<]+)|<", re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_HEADING = frozenset(f"h{level}" for level in range(1, 7))
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_SKIP = frozenset({"object", "script", "style"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Elements whose text stands apart from their neighbours' (the plugin joins them without a space).
_APART = frozenset(
    {
        "td", "th", "tr", "caption", "div", "section", "aside", "figure", "figcaption", "dd", "dt", "dl",
        "table", "thead", "tbody", "tfoot", "blockquote", "details", "summary", "br", "hr", "nav", "header",
        "footer", "article",
    }
)  # fmt: skip


class _Open:
    """The elements open at a point of the page, innermost last, with a count of each tag among them (asked
    for at every run of text: whether it is in a heading, in <pre>, in a permalink)."""

    def __init__(self):
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, a permalink)
        self.tags: dict[str, int] = {}  # (a dict: a Counter answers a missing tag by a call, thousands a page)
        self.permalinks = 0

    def push(self, tag: str, skipped: bool, permalink: bool) -> None:
        self.stack.append((tag, skipped, permalink))
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.permalinks += permalink

    def pop(self) -> tuple[str, bool, bool]:
        tag, skipped, permalink = self.stack.pop()
        self.tags[tag] -= 1
        self.permalinks -= permalink
        return tag, skipped, permalink


class _Section:
    def __init__(self, tag: str, depth: int, section_id: str | None = None):
        self.tag, self.depth, self.id = tag, depth, section_id
        self.title: list[str] = []
        self.text: list[str] = []
        self.excluded = False


def sections(content: str) -> list[_Section]:
    """The page's sections: each heading with an id starts one, as the plugin's parser divides a page."""
    found: list[_Section] = []
    opened = _Open()
    stack = opened.stack
    section: _Section | None = None
    skipping = 0
    for match in _TOKEN.finditer(content):
        closing, tag, attrs, text = match.groups()
        if tag is None:  # text, a comment or a "<" that opens no tag (text too)
            if text is None:
                text = match.group()
                if text.startswith("<!--"):
                    continue
            if skipping:
                continue
            if section is None:
                section = _Section("hx", 0)
                found.append(section)
            _add_text(section, opened, html.unescape(text))
            continue
        tag = tag.lower()
        self_closing = not closing and (attrs or "").endswith("/")  # <rect …/>: opened and closed
        if not closing:
            if tag in _VOID:
                if tag in _APART and section is not None and not skipping:
                    _space(section, opened)
                continue
            attributes = attrs or ""
            skipped = "data-search-exclude" in attributes or tag in _SKIP or 'class="linenodiv"' in attributes
            permalink = tag == "a" and 'class="headerlink"' in attributes
            if tag in _HEADING and (found_id := _ID.search(attributes)):
                if tag != "h1" and not found:
                    found.append(_Section("hx", len(stack) + 1))
                section = _Section(tag, len(stack) + 1, found_id.group(1) if found else None)
                section.excluded = "data-search-exclude" in attributes
                found.append(section)
            if section is None:
                section = _Section("hx", 0)
                found.append(section)
            opened.push(tag, skipped, permalink)
            if skipped:
                skipping += 1
            elif not skipping:
                if tag in _KEEP:
                    _target(section, opened).append(f"<{tag}>")
                elif tag in _APART:
                    _space(section, opened)
            if not self_closing:
                continue
        if not stack or stack[-1][0] != tag:
            continue
        if section is not None and section.depth > len(stack):
            for earlier in reversed(found):
                if earlier.depth <= len(stack):
                    section.depth = 10**9  # left: never the current section again
                    section = earlier
                    break
        _, skipped, _ = opened.pop()
        if skipped:
            skipping -= 1
            continue
        if skipping or section is None:
            continue
        if tag in _KEEP:
            data = _target(section, opened)
            index = data.index(f"<{tag}>")  # (the first, as the plugin looks it up)
            if any(not piece.isspace() for piece in data[index + 1 :]):
                data.append(f"</{tag}>")
            else:
                del data[index:]  # an empty kept element is dropped
        elif tag in _APART:
            _space(section, opened)
    return found


def _in_heading(section: _Section, opened: _Open) -> bool:
    return section.tag != "hx" and opened.tags.get(section.tag, 0) > 0


def _target(section: _Section, opened: _Open) -> list[str]:
    return section.title if _in_heading(section, opened) else section.text


def _space(section: _Section, opened: _Open) -> None:
    if _in_heading(section, opened):
        return
    if section.text and not section.text[-1].isspace():
        section.text.append(" ")


def _add_text(section: _Section, opened: _Open, data: str) -> None:
    in_pre = opened.tags.get("pre", 0) > 0
    if not in_pre:
        data = " " if data.isspace() else data.replace("\n", " ")
    if _in_heading(section, opened):
        if not opened.permalinks:  # the ¶ permalink is not part of the title
            section.title.append(html.escape(data, quote=False))
    elif data.isspace():
        if not section.text or not section.text[-1].isspace() or in_pre:
            section.text.append(data)
    else:
        section.text.append(html.escape(data, quote=False))


def page_entries(page) -> list[dict[str, Any]]:
    """The search index entries of a built MkDocs page (its ``content``, ``url``, ``meta``)."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return []
    entries = []
    for section in sections(page.content or ""):
        if section.excluded:
            continue
        location = page.url + (f"#{section.id}" if section.id else "")
        title = "".join(section.title).strip() or str(page.meta.get("title", page.title))
        entry: dict[str, Any] = {"location": location, "title": title, "text": "".join(section.text).strip()}
        tags = page.meta.get("tags")
        if isinstance(tags, list):
            entry["tags"] = [str(name) for name in tags if name and isinstance(name, str | int | float | bool)]
        if "boost" in search:
            entry["boost"] = search["boost"]
        entries.append(entry)
    return entries


def search_plugin(config):
    """Material's search plugin (or MkDocs' own), if the configuration has one."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def search_index_of(config):
    """Material's search plugin's index, with its page indexing replaced by ``page_entries``."""
    plugin = search_plugin(config)
    if plugin is None or not hasattr(plugin, "search_index"):
        return _NoSearch()
    index = plugin.search_index
    index.add_entry_from_context = lambda page: index.entries.extend(page_entries(page))
    return index


class _NoSearch:
    def __init__(self):
        self.entries: list = []
