"""Generated pages into HTML without parsing their HTML twice.

A generated page is Markdown headings between blocks of HTML that our templates wrote, well formed
and escaped. Python-Markdown finds raw HTML blocks by feeding the whole page to ``html.parser``, tag
by tag: the largest single cost of a build. Here the blocks are found by counting tags with one
regular expression, and handed to Markdown's own stash, as its ``html_block`` step would hand them:
the headings, their ids, the table of contents and the title still come from Python-Markdown with
the language's configured extensions, so the page is the page MkDocs would make. A page whose HTML
this scanner cannot vouch for (a block that does not close where it should) goes through Markdown's
own step instead.

``tests/real_site/test_prepared_pages.py`` converts every generated page both ways and compares the results.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown.preprocessors import Preprocessor

# A page longer than this (in characters) is converted a part at a time (``parts``).
PART = 256 * 1024

# A start or end tag, or a comment; group 1 is "/" for an end tag, group 2 the name, group 3 "/" if
# it closes itself.
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*?)?(/?)>", re.DOTALL)
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)
_START = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)[\s/>]")
# A link's definition ([name]: address), which a link anywhere in the page may use.
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)


class Unbalanced(Exception):
    """A block of HTML whose tags do not balance: Markdown's own parser decides what it is."""


def _depth_change(line: str) -> int:
    change = 0
    for found in _TAG.finditer(line):
        closing, name, self_closing = found.group(1), found.group(2), found.group(3)
        if name is None or self_closing or name.lower() in _VOID:
            continue
        change += -1 if closing else 1
    return change


def _top_level_breaks(block: str) -> str:
    """``block`` with a line break wherever one top-level element ends and the next starts on the same line
    (``</p><div>``): Markdown's own step reads those as two blocks, written on two lines."""
    pieces, depth, start = [], 0, 0
    for found in _TAG.finditer(block):
        closing, name, self_closing = found.group(1), found.group(2), found.group(3)
        if name is None or self_closing or name.lower() in _VOID:
            continue
        depth += -1 if closing else 1
        if depth == 0 and block.startswith("<", found.end()) and _START.match(block, found.end()):
            pieces.append(block[start : found.end()])
            start = found.end()
    return "\n".join([*pieces, block[start:]])


class RawHtmlBlocks(Preprocessor):
    """Stash each raw HTML block (from a line starting with a block-level tag to the line that
    closes it) as Markdown's ``html_block`` step would; raise ``Unbalanced`` if tags do not close."""

    # Whether the lines ended with a block of HTML and a blank line after it: a part of a page that ends so
    # is followed by a blank line in the page's HTML (``parts``).
    blank_at_end = False

    def run(self, lines: list[str]) -> list[str]:
        block_level = set(self.md.block_level_elements)
        result: list[str] = []
        index, count, after_block = 0, len(lines), False
        last_end, blank_after = count, False  # (the end of the last block)
        while index < count:
            line = lines[index]
            start = _START.match(line)
            at_block_start = index == 0 or after_block or not lines[index - 1].strip()
            if not (start and at_block_start and start.group(1).lower() in block_level):
                result.append(line)
                index, after_block = index + 1, False
                continue
            depth, end = 0, index
            while end < count:
                depth += _depth_change(lines[end])
                end += 1
                if depth <= 0:
                    break
            if depth != 0 or not lines[end - 1].rstrip().endswith(">"):
                raise Unbalanced(line[:80])
            # As Markdown keeps it: a blank line after the block stays with it.
            blank_after = end < count and not lines[end].strip()
            block = _top_level_breaks("\n".join(lines[index:end]))
            result.append(self.md.htmlStash.store(block + ("\n" if blank_after else "")))
            result.append("")
            index, after_block, last_end = end, True, end
        self.blank_at_end = blank_after and not any(line.strip() for line in lines[last_end:])
        return result


def use_raw_blocks(md) -> None:
    """Put the fast step in place of Markdown's ``html_block`` step in ``md``."""
    md.preprocessors.register(RawHtmlBlocks(md), "html_block", 20)


def parts(source: str, size: int = PART) -> Iterator[str]:
    """``source`` in parts of at least ``size`` characters, each cut just before a heading that starts a
    block at the top level (every HTML tag opened before it closed): Markdown converts such parts one at
    a time into what it makes of the whole, part after part. Converted whole, the print page at ×100
    (some 20 MB of Markdown) held some 300 MB at once.

    Not cut: a page with what Markdown reads across the whole page (fenced code, link definitions, a
    [TOC] marker), and never after a line that ends in spaces (a part's HTML loses them)."""
    if "```" in source or "~~~" in source or "[TOC]" in source or _DEFINITION.search(source):
        yield source
        return
    start, scanned, depth = 0, 0, 0
    while len(source) - start > size:
        cut = source.find("\n\n#", start + size)
        while cut != -1:
            depth += _depth_change(source[scanned:cut])
            scanned = cut
            if depth == 0 and source[cut - 1] not in " \t":
                break
            cut = source.find("\n\n#", cut + 1)
        if cut == -1:
            break
        yield source[start : cut + 2]
        start = cut + 2
    yield source[start:]
