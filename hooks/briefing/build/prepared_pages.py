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
# The tags _TAG finds that open or close an element, in a text without comments; group 1 is "/" for an end tag.
_COUNTED = re.compile(rf"<(/?)(?!(?:{'|'.join(_VOID)})[\s/>])[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*?)?(?<!/)>", re.IGNORECASE)
_START = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)[\s/>]")
# A link's definition ([name]: address), which a link anywhere in the page may use.
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)


class Unbalanced(Exception):
    """A block of HTML whose tags do not balance: Markdown's own parser decides what it is."""


def _tags(text: str) -> Iterator[re.Match]:
    """The tags of ``text`` that open or close an element (group 1 "/" for an end tag), not those of void
    elements or that close themselves, nor those in a comment."""
    if "<!--" not in text:
        yield from _COUNTED.finditer(text)  # (the same tags, found by one expression: most lines have no comment)
        return
    for found in _TAG.finditer(text):
        if found.group(2) is not None and not found.group(3) and found.group(2).lower() not in _VOID:
            yield found


def _depth_change(line: str) -> int:
    if "<!--" not in line:
        found = _COUNTED.findall(line)
        return len(found) - 2 * found.count("/")
    return sum(-1 if found.group(1) else 1 for found in _tags(line))


def _top_level_breaks(block: str) -> str:
    """``block`` with a line break wherever one top-level element ends and the next starts on the same line
    (``</p><div>``): Markdown's own step reads those as two blocks, written on two lines."""
    pieces, depth, start = [], 0, 0
    for found in _tags(block):
        depth += -1 if found.group(1) else 1
        if depth == 0 and block.startswith("<", found.end()) and _START.match(block, found.end()):
            pieces.append(block[start : found.end()])
            start = found.end()
    return "\n".join([*pieces, block[start:]])


def html_blocks(lines: list[str], block_level: set[str]) -> Iterator[tuple[str, bool] | str]:
    """The lines of a page, each raw HTML block (from a line starting with a block-level tag, at the start
    of a block, to the line that closes it) given as one item, (its HTML, whether a blank line follows it),
    as Markdown's ``html_block`` step finds them; the other lines as they are. Raises ``Unbalanced`` if a
    block's tags do not close."""
    index, count, after_block = 0, len(lines), False
    while index < count:
        line = lines[index]
        start = _START.match(line)
        at_block_start = index == 0 or after_block or not lines[index - 1].strip()
        if not (start and at_block_start and start.group(1).lower() in block_level):
            yield line
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
        yield _top_level_breaks("\n".join(lines[index:end])), end < count and not lines[end].strip()
        index, after_block = end, True


class RawHtmlBlocks(Preprocessor):
    """Stash each raw HTML block as Markdown's ``html_block`` step would (``html_blocks``)."""

    # Whether the lines ended with a block of HTML and a blank line after it: a part of a page that ends so
    # is followed by a blank line in the page's HTML (``parts``).
    blank_at_end = False

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        blank_after, text_after = False, False  # (after the last block)
        for item in html_blocks(lines, set(self.md.block_level_elements)):
            if isinstance(item, str):
                result.append(item)
                text_after = text_after or bool(item.strip())
                continue
            block, blank_after = item
            result.append(self.md.htmlStash.store(block + ("\n" if blank_after else "")))
            result.append("")
            text_after = False
        self.blank_at_end = blank_after and not text_after
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


# --- pages Markdown need not see ------------------------------------------------------------------------

# The extensions whose work on a page of headings and HTML blocks alone is known (MkDocs adds the first three
# to every configuration): any other extension may change such a page, and Markdown converts it.
_KNOWN_EXTENSIONS = frozenset(("toc", "tables", "fenced_code", "attr_list", "pymdownx.escapeall"))
# A heading as our templates write it: "## text" or "## text {#id}".
_HEADING = re.compile(r"(#{1,6}) (.*?)(?: +\{#([A-Za-z0-9_:-]+)\})?")
# In a heading's text: a character escaped (pymdownx.escapeall), a tag, an entity.
_PIECE = re.compile(r"\\(.)|<[^<>]*>|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);")
_INLINE_TAG = re.compile(r'</?[A-Za-z][A-Za-z0-9-]*(?: [A-Za-z-]+="[^"<>&\\`*_\[\]!]*")* ?/?>')
# What Markdown's inline steps would read in the rest: markup, a heading's end, attributes.
_MARKUP = re.compile(r"[\\`*_\[\]!{}#<>&]")
# Escaped, these are kept by escapeall as HTML.
_ESCAPED_AS_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


class DirectPages:
    """A generated page that is only headings between HTML blocks, as our templates write it, made into
    the HTML, table of contents and title Python-Markdown makes of it with the language's extensions,
    without Markdown: its parsing, tree and serialising were a tenth of a build. A page with anything else
    (a paragraph, a list, markup in a heading) is left to Markdown (``convert`` returns None).

    ``tests/real_site/test_prepared_pages.py`` converts every generated page both ways and compares them."""

    def __init__(self, converter, extensions: list[str]):
        # (Markdown's registries have no get())
        toc = converter.treeprocessors["toc"] if "toc" in converter.treeprocessors else None  # noqa: SIM401
        escape = converter.inlinePatterns["escape"] if "escape" in converter.inlinePatterns else None  # noqa: SIM401
        self.usable = (
            toc is not None
            and set(extensions) <= _KNOWN_EXTENSIONS
            and toc.base_level == 0
            and not toc.use_anchors
            and not toc.permalink_leading
            and "hardbreak" not in converter.inlinePatterns
            and getattr(escape, "nbsp", None) is False  # (pymdownx.escapeall's: every character escapes)
        )
        self._toc = toc
        self._block_level = set(converter.block_level_elements)

    def convert(self, source: str) -> tuple[str, list[dict], str | None] | None:
        """The page's HTML, table of contents (Markdown's tokens) and title; None if Markdown must convert it."""
        from markdown.extensions.toc import nest_toc_tokens

        if not self.usable:
            return None
        pieces: list[str] = []
        headings: list[tuple[int, str, str | None, int]] = []  # (level, its text's HTML, id given, place)
        try:  # (a part at a time: the lines of the print page at ×100 would be some 20 MB of Markdown again)
            for item in (item for part in parts(source) for item in html_blocks(part.split("\n"), self._block_level)):
                if not isinstance(item, str):
                    pieces.append(item[0] + ("\n" if item[1] else ""))
                elif item.strip():
                    heading = _HEADING.fullmatch(item.rstrip(" "))
                    text = _heading_html(heading.group(2).strip()) if heading else None
                    if not text:
                        return None
                    headings.append((len(heading.group(1)), text, heading.group(3), len(pieces)))
                    pieces.append("")
        except Unbalanced:
            return None
        toc, tokens, title = self._toc, [], None
        used = {given for _, _, given, _ in headings if given}
        counters: dict[str, int] = {}
        for level, text, given, place in headings:
            name = _plain(text)
            heading_id = given or _unique(toc, name, used, counters)
            permalink = self._permalink(heading_id)
            pieces[place] = f'<h{level} id="{_attribute(heading_id)}">{text}{permalink}</h{level}>'
            if toc.toc_top <= level <= toc.toc_bottom:
                tokens.append({"level": level, "id": heading_id, "name": name, "html": text, "data-toc-label": ""})
            if place == 0 and level == 1:  # (MkDocs' title: the page's first element, if a <h1>)
                # (without its permalink, which MkDocs knows by its class)
                title = _title(text if toc.permalink_class == "headerlink" else text + permalink)
        if pieces:  # (Markdown strips the page's HTML: its ends, without copying the whole (25 MB at ×100))
            pieces[0] = pieces[0].lstrip()
            pieces[-1] = pieces[-1].rstrip()
        return "\n".join(pieces), nest_toc_tokens(tokens), title

    def _permalink(self, heading_id: str) -> str:
        toc = self._toc
        if toc.use_permalinks in (False, None):
            return ""
        text = "&para;" if toc.use_permalinks is True else _text(toc.use_permalinks)
        title = f' title="{_attribute(toc.permalink_title)}"' if toc.permalink_title else ""
        return f'<a class="{_attribute(toc.permalink_class)}" href="#{_attribute(heading_id)}"{title}>{text}</a>'


def _heading_html(text: str) -> str | None:
    """A heading's text as HTML, as Markdown makes it: its escaped characters as themselves, its tags and
    entities as written; None if Markdown would read markup in it."""
    out, position = [], 0
    for found in _PIECE.finditer(text):
        if _MARKUP.search(text, position, found.start()):
            return None
        out.append(text[position : found.start()])
        escaped = found.group(1)
        if escaped is None and found.group().startswith("<") and not _INLINE_TAG.fullmatch(found.group()):
            return None
        out.append(found.group() if escaped is None else _ESCAPED_AS_HTML.get(escaped, escaped))
        position = found.end()
    if _MARKUP.search(text, position):
        return None
    out.append(text[position:])
    return "".join(out)


def _plain(html: str) -> str:
    from markdown.extensions.toc import strip_tags

    return strip_tags(html)


def _unique(toc, name: str, used: set[str], counters: dict[str, int]) -> str:
    import html

    from markdown.extensions.toc import unique

    return unique(toc.slugify(html.unescape(name), toc.sep), used, counters)


def _title(text: str) -> str:
    from mkdocs.utils.rendering import _strip_tags  # (MkDocs' own, for the title it takes from a heading)

    return _strip_tags(text)


def _attribute(value: str) -> str:
    from markdown.serializers import _escape_attrib_html  # (as Markdown writes an attribute)

    return _escape_attrib_html(value)


def _text(value: str) -> str:
    from markdown.serializers import _escape_cdata

    return _escape_cdata(value)
