"""The nodes of the PDF's content tree (pdf_content.py makes them): which are inline, their text, spaces
as a browser shows them, where a line may break between them, and which anchors stay anchors."""

from __future__ import annotations

from typing import Any

from ..text.phrases import GLUE_AFTER, NO_LINE_START
from .pdf_html import SPACES

INLINE_TAGS = {
    "strong": "strong", "b": "strong", "em": "emph", "i": "emph", "small": "small", "sup": "super",
    "sub": "sub", "code": "code", "kbd": "code", "ins": "ins", "del": "del", "s": "del", "q": "quote",
}  # fmt: skip
# The inline nodes (the rest are blocks).
INLINE_KINDS = {*INLINE_TAGS.values(), "keep", "phrase", "link", "abbr", "lang", "anchor"}


def plain_text(nodes: list) -> str:
    """The text of content nodes."""
    return "".join(node if isinstance(node, str) else plain_text(node.get("c", [])) for node in nodes)


def glued(nodes: list) -> list:
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
    return isinstance(node, dict) and node["t"] in INLINE_KINDS and len(plain_text(node.get("c", []))) <= 16


def _last_box(node) -> dict | None:
    """The box (a kept unit or a phrase) that an inline element ends with, if it ends with one."""
    while isinstance(node, dict) and node["t"] in INLINE_KINDS:
        if node["t"] in ("keep", "phrase"):
            return node
        node = node["c"][-1] if node.get("c") else None
    return None


def merged(nodes: list) -> list:
    """Adjacent strings as one, runs of spaces as one."""
    out: list = []
    for node in nodes:
        if isinstance(node, str) and out and isinstance(out[-1], str):
            out[-1] = SPACES.sub(" ", out[-1] + node)
        else:
            out.append(node)
    return out


def trimmed(nodes: list) -> list:
    """Without the spaces at the start and end of a block's content (a browser does not show them)."""
    nodes = [node for node in nodes if node != ""]
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip()
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip()
    return [node for node in nodes if node != ""]


def keep_anchors(node: Any, targets: set[str], seen: set[str] | None = None) -> None:
    """Only the anchors a link leads to stay anchors, each once (a Typst label must be unique)."""
    seen = set() if seen is None else seen
    if isinstance(node, list):
        for child in node:
            keep_anchors(child, targets, seen)
    elif isinstance(node, dict):
        if node.get("id") is not None:
            if node["id"] in targets and node["id"] not in seen:
                seen.add(node["id"])
            else:
                node["id"] = None
        for value in node.values():
            if isinstance(value, list | dict):
                keep_anchors(value, targets, seen)
