"""Markdown for the data's rich texts (``RichText``): converted once per text and language, with no raw HTML
(shown as typed), no images (the site fetches nothing from other hosts), only safe links, site addresses
written in the data made links from the page being rendered, and the deck's own numbering kept."""

from __future__ import annotations

import re
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..model.fields import ADDRESS_PATTERN

_SAFE_HREF = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
_SITE_ADDRESS = re.compile(ADDRESS_PATTERN)
# A line that Markdown would start a numbered list with: "2. Data integration".
_NUMBERED_LINE = re.compile(r"^( {0,3}\d+)\.(?=[ \t]|$)", re.MULTILINE)


class _SafeLinks(Treeprocessor):
    """Keep web and mail links; turn site addresses (fields/materials/) into links from the current
    page; drop anything else, such as javascript: or data: targets."""

    def __init__(self, md, resolve):
        super().__init__(md)
        self.resolve = resolve

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href", "")
            if _SAFE_HREF.match(href):
                continue
            resolved = self.resolve(href) if href and self.resolve and _SITE_ADDRESS.match(href) else None
            if resolved:
                link.set("href", resolved)
            else:
                link.attrib.pop("href", None)


class _TextOnlyMarkdown(Extension):
    """Markdown for data fields: no raw HTML (shown as text), no images, only safe links."""

    def __init__(self, resolve=None):
        super().__init__()
        self.resolve = resolve

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        for pattern in ("html", "image_link", "image_reference", "short_image_ref"):
            if pattern in md.inlinePatterns:
                md.inlinePatterns.deregister(pattern)
        md.treeprocessors.register(_SafeLinks(md, self.resolve), "safe_links", 0)
        # A numbered list keeps the numbers it is written with ("3. …" stays 3, not 1).
        md.parser.blockprocessors["olist"].LAZY_OL = False


def own_numbering(source: str) -> str:
    """Markdown in which a line numbered on its own ("2. Data integration", a table cell, a heading-like
    paragraph) stays text: the deck's own numbering, not a one-item list renumbered 1. Two or more
    numbered lines are a numbered list, as Markdown has it."""
    if len(_NUMBERED_LINE.findall(source)) != 1:
        return source
    return _NUMBERED_LINE.sub(r"\1\\.", source)


class RichTextRenderer:
    """Markdown for RichText fields, with one converter reused for every field of a language.

    ``resolve`` is asked, at conversion time, to turn a site address written in the text
    ([…](fields/materials/)) into a link from the page being rendered.
    """

    def __init__(self, abbreviations: dict[str, str] | None = None, resolve=None):
        extensions = [
            _TextOnlyMarkdown(lambda target: resolve()(target) if resolve and resolve() else None),
            AbbrExtension(glossary=abbreviations or {}),
        ]
        self.converter = markdown.Markdown(extensions=extensions, output_format="html")
        # Each text is shown on its page, on the print page and in the PDF: converted once. A text with a
        # link ("]") is not kept, since its link is made relative to the page being rendered.
        self._converted: dict[tuple[str, bool], Markup] = {}

    def __call__(self, source: str, *, inline: bool = False) -> Markup:
        """HTML for the Markdown ``source``: raw HTML shown as text, no images, only safe links.

        ``inline`` is for list items and table cells: a lone paragraph loses its <p>.
        """
        if (found := self._converted.get((source, inline))) is not None:
            return found
        html = self.converter.reset().convert(own_numbering(source))
        if inline:
            lone = re.fullmatch(r"<p>(.*)</p>", html, re.DOTALL)
            result = Markup(lone.group(1) if lone and "<p>" not in lone.group(1) else html)
        else:
            result = Markup(f'<div class="briefing-rich">\n{html}\n</div>')
        if "]" not in source:
            self._converted[source, inline] = result
        return result


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def markdown_escape(value: Any) -> Markup:
    """Text that Markdown shows literally: each punctuation mark backslash-escaped (pymdownx.escapeall)."""
    text = " ".join(str(value).split())
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))
