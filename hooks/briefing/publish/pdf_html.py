"""The HTML of the site's pages, read back into a tree of elements for the PDF (pdf_content.py): the
HTML is the page templates' own, so it is well formed; what a paper page leaves out is named here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that hold blocks (their whitespace between children is no content) and the rest, inline.
BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
VOID = {"br", "wbr", "hr", "img", "input", "meta", "link", "col", "source"}
SKIPPED = {"script", "style", "svg", "template", "button", "input", "select", "img"}
# What the site shows or says only on a screen: links to each row's own page, the table filters, the
# heading permalinks, and words for screen readers where paper shows a mark (a dash for "not given").
SCREEN_ONLY = {"briefing-rowlink", "briefing-filter", "headerlink", "briefing-sr-only"}
SPACES = re.compile(r"[ \t\r\n\f]+")


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
        if tag not in VOID:
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
    if element.tag in SKIPPED or element.classes & SCREEN_ONLY:
        return ""
    return SPACES.sub(" ", "".join(text_of(child) for child in element.children)).strip()


def text_of_raw(element: Element) -> str:
    return "".join(child if isinstance(child, str) else text_of_raw(child) for child in element.children)


def children_of(element: Element, tag: str | None = None):
    return (child for child in element.children if isinstance(child, Element) and (tag is None or child.tag == tag))


def descendants(element: Element, test):
    """Descendants that pass ``test``, outermost first (not looking inside a match)."""
    for child in children_of(element):
        if test(child):
            yield child
        else:
            yield from descendants(child, test)
