"""The site's pages as the content of the PDF: the HTML that the page templates make, read back into
a tree of plain data (dicts, lists and strings) that the PDF's template (templates/pdf.typ) lays out.

Nothing here writes markup. The tree names what each piece is (a heading, a paragraph, a table and
its header rows, a link and where it leads, a phrase of Japanese that a line never breaks inside), and
its text is data: Typst receives it as JSON strings and shows it as text, never reads it as markup. So
an editor's ``*`` or ``#`` or ``]`` in the data is printed as typed.

What the page shows only on a screen is left out (row links, filters, text for screen readers that a
paper page shows otherwise); links are resolved for a file that is read away from the site (``Links``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from ..text.phrases import GLUE_AFTER, NO_LINE_START, PhraseBreaker

# Elements that hold blocks (their whitespace between children is no content) and the rest, inline.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_VOID = {"br", "wbr", "hr", "img", "input", "meta", "link", "col", "source"}
_SKIPPED = {"script", "style", "svg", "template", "button", "input", "select", "img"}
# What the site shows or says only on a screen: links to each row's own page, the table filters, the
# heading permalinks, and words for screen readers where paper shows a mark (a dash for "not given").
_SCREEN_ONLY = {"briefing-rowlink", "briefing-filter", "headerlink", "briefing-sr-only"}
_INLINE = {
    "strong": "strong", "b": "strong", "em": "emph", "i": "emph", "small": "small", "sup": "super",
    "sub": "sub", "code": "code", "kbd": "code", "ins": "ins", "del": "del", "s": "del", "q": "quote",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\r\n\f]+")
# The inline nodes (the rest are blocks).
_INLINE_KINDS = {*_INLINE.values(), "keep", "phrase", "link", "abbr", "lang", "anchor"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Reader(HTMLParser):
    """HTML → Element tree. The HTML is our templates' own, so it is well formed; a stray end tag is
    ignored rather than trusted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.open: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(html: str) -> Element:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.root


def text_of(element: Element | str) -> str:
    """The element's text as a reader sees it, whitespace collapsed."""
    if isinstance(element, str):
        return element
    if element.tag in _SKIPPED or element.classes & _SCREEN_ONLY:
        return ""
    return _SPACES.sub(" ", "".join(text_of(child) for child in element.children)).strip()


@dataclass
class Links:
    """Where the links of the site's pages lead from the PDF, a file read away from the site.

    ``page``: the address of the page the HTML was written for (links in it are relative to it);
    ``printed``: the address of each page in the PDF → the anchor of its section; ``site_url``: the
    language's published address, or None. A link to a page or anchor in the PDF leads there; any other
    link to the site leads to its absolute address, or, without a site URL, nowhere (its text stays):
    a relative link would break once the file is downloaded."""

    page: str
    printed: dict[str, str]
    site_url: str | None
    ids: set[str] = field(default_factory=set)  # every anchor of the document (filled while reading)
    targets: set[str] = field(default_factory=set)  # the anchors links lead to

    def resolve(self, href: str) -> dict | None:
        """{"label": anchor} inside the PDF, {"url": address} outside it, or None for no link."""
        if not href:
            return None
        scheme = urlsplit(href).scheme
        if scheme in ("http", "https", "mailto"):
            return {"url": href}
        if scheme:  # javascript:, data:, file: … lead nowhere a reader of the PDF can follow
            return None
        path, _, fragment = urljoin(f"/{self.page}", href).partition("#")
        path = path.lstrip("/")
        if path == self.page.split("#")[0] and href.startswith("#"):
            return self._anchor(fragment) or self._outside(path, fragment)
        section = self.printed.get(path)
        if section is not None:
            return self._anchor(f"{section}--{fragment}" if fragment else section) or self._outside(path, fragment)
        return self._outside(path, fragment)

    def _anchor(self, anchor: str) -> dict | None:
        if anchor in self.ids:
            self.targets.add(anchor)
            return {"label": anchor}
        return None

    def _outside(self, path: str, fragment: str) -> dict | None:
        if not self.site_url:
            return None
        return {"url": self.site_url + path + (f"#{fragment}" if fragment else "")}


class Converter:
    """Element tree → content tree. A node is a string (text) or a dict with ``t`` (what it is), ``c``
    (its content) and the few attributes the template needs. ``abbreviations`` collects every
    abbreviation the document shows, with what it stands for."""

    def __init__(self, links: Links, breaker: PhraseBreaker):
        self.links = links
        self.breaker = breaker
        self.abbreviations: dict[str, str] = {}

    def collect_ids(self, element: Element) -> None:
        """Note the anchors of a page, before any page is converted: links lead from one to another."""
        for child in element.children:
            if isinstance(child, Element):
                if child.attrs.get("id"):
                    self.links.ids.add(child.attrs["id"])
                self.collect_ids(child)

    def convert(self, root: Element) -> list:
        return self._blocks(root.children, False)

    def text(self, text: str) -> list:
        """Plain text (a title, a date) as content that a line breaks only between its phrases."""
        return self._split([text], True)

    # ------------------------------------------------------------------ blocks and inline content

    # ``tight``: inside a table or a heading, where Japanese breaks only between phrases.

    def _blocks(self, children: list, tight: bool) -> list:
        """Content of an element that holds blocks: spaces between its blocks are no content."""
        return self._split(_trimmed(self._nodes(children, tight, block=True)), tight)

    def _inline(self, children: list, tight: bool) -> list:
        return self._split(_trimmed(self._nodes(children, tight, block=False)), tight)

    def _split(self, nodes: list, tight: bool) -> list:
        """Text in the pieces a line breaks between (phrases.py): dates, amounts, names and, where
        ``tight``, each phrase of Japanese, are pieces a line never breaks inside."""
        out: list = []
        for node in nodes:
            if not isinstance(node, str):
                out.append(node)
                continue
            for kind, text in self.breaker.pieces(node, phrases=tight):
                out.append(text if kind == "text" else {"t": kind, "c": [text]})
        return _glued(out)

    def _nodes(self, children: list, tight: bool, block: bool) -> list:
        out: list = []
        for child in children:
            if isinstance(child, str):
                text = _SPACES.sub(" ", child)
                if block and not text.strip():
                    continue
                out.append(text)
                continue
            node = self._node(child, tight)
            if node is None:
                continue
            if isinstance(node, list):
                out.extend(node)
            else:
                out.append(node)
        return _merged(out)

    def _node(self, element: Element, tight: bool):
        tag, classes, attrs = element.tag, element.classes, element.attrs
        if tag in _SKIPPED or classes & _SCREEN_ONLY:
            return None
        if "briefing-chart" in classes:
            return self._chart(element)
        anchor = attrs.get("id") or None
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return {"t": "heading", "level": int(tag[1]), "id": anchor, "c": self._inline(element.children, True)}
        if tag == "p":
            return _with_anchor({"t": "par", "c": self._inline(element.children, tight)}, anchor)
        if tag in ("ul", "ol"):
            items = [self._blocks(item.children, tight) for item in _elements(element, "li")]
            node = {"t": "list", "ordered": tag == "ol", "items": items}
            if tag == "ol" and attrs.get("start", "").isdigit():
                node["start"] = int(attrs["start"])
            return _with_anchor(node, anchor)
        if tag == "table":
            return self._table(element)
        if tag == "dl":
            return self._facts(element)
        if tag == "figure":
            return self._figure(element)
        if "admonition" in classes:
            title = next((child for child in _elements(element) if "admonition-title" in child.classes), None)
            rest = [child for child in element.children if child is not title]
            title_nodes = self._inline(title.children, tight) if title else []
            return {"t": "note", "title": title_nodes, "c": self._blocks(rest, tight)}
        if tag == "aside" and "briefing-source" in classes:
            return {"t": "source", "c": self._blocks(element.children, tight)}
        if tag == "blockquote":
            return {"t": "blockquote", "c": self._blocks(element.children, tight)}
        if tag == "pre":
            return {"t": "pre", "c": [text_of_raw(element)]}
        if tag == "hr":
            return {"t": "rule"}
        if tag == "br":
            return {"t": "br"}
        if tag == "wbr":
            return {"t": "wbr"}
        if tag in _BLOCKS:
            content = self._blocks(element.children, tight)
            return _with_anchor({"t": "block", "c": content}, anchor) if anchor else content
        return self._inline_node(element, anchor, tight)

    def _inline_node(self, element: Element, anchor: str | None, tight: bool):
        tag, classes, attrs = element.tag, element.classes, element.attrs
        if tag in ("code", "kbd", "time"):  # whole: not split into phrases
            content = _trimmed(self._nodes(element.children, tight, block=False))
        else:
            content = self._inline(element.children, tight)
        if tag == "a":
            target = self.links.resolve(attrs.get("href", ""))
            node = {"t": "link", **target, "c": content} if target else content
        elif tag == "abbr" and attrs.get("title"):
            shown, meaning = text_of(element), _SPACES.sub(" ", attrs["title"]).strip()
            if shown and shown != meaning:
                self.abbreviations.setdefault(shown, meaning)
            node = {"t": "abbr", "c": content}
        elif tag in _INLINE:
            node = {"t": _INLINE[tag], "c": content}
        elif "briefing-nowrap" in classes or tag == "time":
            node = {"t": "keep", "c": content}
        elif "briefing-unclear-label" in classes:
            node = {"t": "small", "c": content}
        elif attrs.get("lang"):
            node = {"t": "lang", "lang": attrs["lang"], "c": content}
        else:
            node = content
        if anchor:
            return [{"t": "anchor", "id": anchor}, *(node if isinstance(node, list) else [node])]
        return node

    # ------------------------------------------------------------------ tables, lists of facts, charts

    def _table(self, table: Element) -> dict:
        caption = next(_elements(table, "caption"), None)
        groups = {"thead": [], "tbody": [], "tfoot": []}
        for child in _elements(table):
            if child.tag in groups:
                groups[child.tag] += [self._row(row) for row in _elements(child, "tr")]
            elif child.tag == "tr":
                groups["tbody"].append(self._row(child))
        head, body = groups["thead"], groups["tbody"]
        if not head and body and all(cell["header"] for cell in body[0]["cells"]):
            head, body = body[:1], body[1:]  # a first row of header cells is the header, as a browser shows it
        node = {
            "t": "table",
            "id": table.attrs.get("id"),
            "caption": self._inline(caption.children, True) if caption else [],
            "wide": "briefing-table--wide" in table.classes,
            "head": head,
            "body": body,
            "foot": groups["tfoot"],
        }
        return node

    def _row(self, row: Element) -> dict:
        cells = []
        for cell in _elements(row):
            if cell.tag not in ("th", "td"):
                continue
            cells.append(
                {
                    "header": cell.tag == "th",
                    "row": cell.attrs.get("scope") == "row",
                    "num": "num" in cell.classes,
                    "colspan": _span(cell.attrs.get("colspan")),
                    "rowspan": _span(cell.attrs.get("rowspan")),
                    "c": self._blocks(cell.children, True),
                }
            )
        node = {"cells": cells, "id": row.attrs.get("id")}
        style = row.classes & {"briefing-computed", "briefing-stated"}
        if style:
            node["style"] = style.pop().removeprefix("briefing-")
        return node

    def _facts(self, dl: Element) -> dict:
        pairs: list[list] = []
        for child in _elements(dl):
            if child.tag == "dt":
                pairs.append([self._inline(child.children, True), []])
            elif child.tag == "dd" and pairs:
                pairs[-1][1] = [*pairs[-1][1], *self._blocks(child.children, False)]
        return {"t": "facts", "pairs": pairs}

    def _figure(self, figure: Element) -> dict:
        caption = next(_elements(figure, "figcaption"), None)
        rest = [child for child in figure.children if child is not caption]
        inside = self._blocks(rest, False)
        caption_nodes = self._inline(caption.children, False) if caption else []
        chart = next((node for node in inside if isinstance(node, dict) and node.get("t") == "chart"), None)
        if chart is not None:
            return {**chart, "caption": caption_nodes, "alt": text_of(caption) if caption else ""}
        return {"t": "block", "c": [*inside, {"t": "par", "c": caption_nodes}]}

    def _chart(self, chart: Element) -> dict:
        """A bar chart (the bar_chart macro): its legend, and its groups of bars with their values. The
        template draws the bars; the site's SVG is not read."""
        legend = [
            {"style": item.attrs.get("data-style", "solid"), "c": self._inline(item.children, True)}
            for legend in _all(chart, lambda e: "briefing-chart-legend" in e.classes)
            for item in _elements(legend, "li")
        ]
        groups = []
        for group in _all(chart, lambda e: "briefing-chart-group" in e.classes):
            label = next((e for e in _elements(group) if "briefing-chart-label" in e.classes), None)
            bars = []
            for row in _all(group, lambda e: "briefing-chart-row" in e.classes):
                value = next((e for e in _elements(row) if "briefing-chart-value" in e.classes), None)
                bars.append(
                    {
                        "style": row.attrs.get("data-style", "solid"),
                        "percent": float(row.attrs.get("data-percent", "0").rstrip("%") or 0),
                        "c": self._inline(value.children, True) if value else [],
                    }
                )
            groups.append({"label": self._inline(label.children, True) if label else [], "bars": bars})
        return {"t": "chart", "legend": legend, "groups": groups}


def _glued(nodes: list) -> list:
    """Marks kept on one line with the element beside them: one that belongs to the word after it (◎
    before a minister's name, which is an element of its own), and one that may not start a line after
    a box (警察、: Typst may break a line after a box, whatever follows it)."""
    out: list = []
    for node in nodes:
        previous = out[-1] if out else None
        if _short(node) and isinstance(previous, str) and previous and previous[-1] in GLUE_AFTER:
            out[-1] = previous[:-1]
            out.append({"t": "keep", "c": [previous[-1], node]})
        elif isinstance(node, str) and node[:1] in NO_LINE_START and (box := _last_box(previous)) is not None:
            marks = len(node) - len(node.lstrip("".join(NO_LINE_START)))
            box["c"] = [*box["c"], node[:marks]]
            out.append(node[marks:])
        else:
            out.append(node)
    return [node for node in out if node != ""]


def _short(node) -> bool:
    """An inline element short enough to keep whole on a line (a name, an abbreviation, a unit)."""
    return isinstance(node, dict) and node["t"] in _INLINE_KINDS and len(_text(node)) <= 16


def _last_box(node) -> dict | None:
    """The box (a kept unit or a phrase) that an inline element ends with, if it ends with one."""
    while isinstance(node, dict) and node["t"] in _INLINE_KINDS:
        if node["t"] in ("keep", "phrase"):
            return node
        node = node["c"][-1] if node.get("c") else None
    return None


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.get("c", []))


def text_of_raw(element: Element) -> str:
    return "".join(child if isinstance(child, str) else text_of_raw(child) for child in element.children)


def _elements(element: Element, tag: str | None = None):
    return (child for child in element.children if isinstance(child, Element) and (tag is None or child.tag == tag))


def _all(element: Element, test):
    """Descendants that pass ``test``, outermost first (not looking inside a match)."""
    for child in _elements(element):
        if test(child):
            yield child
        else:
            yield from _all(child, test)


def _span(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def _with_anchor(node: dict, anchor: str | None) -> dict:
    if anchor:
        node["id"] = anchor
    return node


def _merged(nodes: list) -> list:
    """Adjacent strings as one, runs of spaces as one."""
    out: list = []
    for node in nodes:
        if isinstance(node, str) and out and isinstance(out[-1], str):
            out[-1] = _SPACES.sub(" ", out[-1] + node)
        else:
            out.append(node)
    return out


def _trimmed(nodes: list) -> list:
    """Without the spaces at the start and end of a block's content (a browser does not show them)."""
    nodes = [node for node in nodes if node != ""]
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip()
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip()
    return [node for node in nodes if node != ""]
