"""The site's pages as the content of the PDF: the HTML that the page templates make, read back into
a tree of plain data (dicts, lists and strings) that the PDF's template (templates/pdf.typ) lays out.

Nothing here writes markup. The tree names what each piece is (a heading, a paragraph, a table and
its header rows, a link and where it leads, a phrase of Japanese that a line never breaks inside), and
its text is data: Typst receives it as JSON strings and shows it as text, never reads it as markup. So
an editor's ``*`` or ``#`` or ``]`` in the data is printed as typed.

What the page shows only on a screen is left out (row links, filters, text for screen readers that a
paper page shows otherwise: pdf_html.py); links are resolved for a file that is read away from the site
(pdf_links.py).
"""

from __future__ import annotations

from ..text.phrases import PhraseBreaker
from .pdf_html import BLOCKS, SCREEN_ONLY, SKIPPED, SPACES, Element, children_of, descendants, text_of, text_of_raw
from .pdf_links import Links
from .pdf_nodes import INLINE_TAGS, glued, merged, trimmed


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
        return self._split(trimmed(self._nodes(children, tight, block=True)), tight)

    def _inline(self, children: list, tight: bool) -> list:
        return self._split(trimmed(self._nodes(children, tight, block=False)), tight)

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
        return glued(out)

    def _nodes(self, children: list, tight: bool, block: bool) -> list:
        out: list = []
        for child in children:
            if isinstance(child, str):
                text = SPACES.sub(" ", child)
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
        return merged(out)

    def _node(self, element: Element, tight: bool):
        tag, classes, attrs = element.tag, element.classes, element.attrs
        if tag in SKIPPED or classes & SCREEN_ONLY:
            return None
        if "briefing-chart" in classes:
            return self._chart(element)
        anchor = attrs.get("id") or None
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return {"t": "heading", "level": int(tag[1]), "id": anchor, "c": self._inline(element.children, True)}
        if tag == "p":
            return _with_anchor({"t": "par", "c": self._inline(element.children, tight)}, anchor)
        if tag in ("ul", "ol"):
            items = [self._blocks(item.children, tight) for item in children_of(element, "li")]
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
            title = next((child for child in children_of(element) if "admonition-title" in child.classes), None)
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
        if tag in BLOCKS:
            content = self._blocks(element.children, tight)
            return _with_anchor({"t": "block", "c": content}, anchor) if anchor else content
        return self._inline_node(element, anchor, tight)

    def _inline_node(self, element: Element, anchor: str | None, tight: bool):
        tag, classes, attrs = element.tag, element.classes, element.attrs
        if tag in ("code", "kbd", "time"):  # whole: not split into phrases
            content = trimmed(self._nodes(element.children, tight, block=False))
        else:
            content = self._inline(element.children, tight)
        if tag == "a":
            target = self.links.resolve(attrs.get("href", ""))
            node = {"t": "link", **target, "c": content} if target else content
        elif tag == "abbr" and attrs.get("title"):
            shown, meaning = text_of(element), SPACES.sub(" ", attrs["title"]).strip()
            if shown and shown != meaning:
                self.abbreviations.setdefault(shown, meaning)
            node = {"t": "abbr", "c": content}
        elif tag in INLINE_TAGS:
            node = {"t": INLINE_TAGS[tag], "c": content}
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
        caption = next(children_of(table, "caption"), None)
        groups = {"thead": [], "tbody": [], "tfoot": []}
        for child in children_of(table):
            if child.tag in groups:
                groups[child.tag] += [self._row(row) for row in children_of(child, "tr")]
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
        for cell in children_of(row):
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
        for child in children_of(dl):
            if child.tag == "dt":
                pairs.append([self._inline(child.children, True), []])
            elif child.tag == "dd" and pairs:
                pairs[-1][1] = [*pairs[-1][1], *self._blocks(child.children, False)]
        return {"t": "facts", "pairs": pairs}

    def _figure(self, figure: Element) -> dict:
        caption = next(children_of(figure, "figcaption"), None)
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
            for legend in descendants(chart, lambda e: "briefing-chart-legend" in e.classes)
            for item in children_of(legend, "li")
        ]
        groups = []
        for group in descendants(chart, lambda e: "briefing-chart-group" in e.classes):
            label = next((e for e in children_of(group) if "briefing-chart-label" in e.classes), None)
            bars = []
            for row in descendants(group, lambda e: "briefing-chart-row" in e.classes):
                value = next((e for e in children_of(row) if "briefing-chart-value" in e.classes), None)
                bars.append(
                    {
                        "style": row.attrs.get("data-style", "solid"),
                        "percent": float(row.attrs.get("data-percent", "0").rstrip("%") or 0),
                        "c": self._inline(value.children, True) if value else [],
                    }
                )
            groups.append({"label": self._inline(label.children, True) if label else [], "bars": bars})
        return {"t": "chart", "legend": legend, "groups": groups}


def _span(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def _with_anchor(node: dict, anchor: str | None) -> dict:
    if anchor:
        node["id"] = anchor
    return node
