"""The Jinja environment that turns models into Markdown pages.

Templates write raw HTML blocks for content and Markdown only for headings, so
that every string from YAML is HTML-escaped (autoescape) and, in headings, also
Markdown-escaped (``md``). YAML text is data: it is never rendered as a template.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import markdown
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from . import formats
from .models import ADDRESS_PATTERN, RichText, Text

_SAFE_HREF = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
_SITE_ADDRESS = re.compile(ADDRESS_PATTERN)


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
            if href and _SITE_ADDRESS.match(href) and self.resolve:
                link.set("href", self.resolve(href))
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


def rich_html(
    source: str, *, inline: bool = False, abbreviations: dict[str, str] | None = None, resolve=None
) -> Markup:
    """HTML for a RichText field: its Markdown rendered with raw HTML, images and unsafe links disabled.

    ``inline`` is for list items and table cells: a lone paragraph loses its <p>. ``resolve``
    turns a site address written in the text ([…](fields/materials/)) into a link from the page.
    """
    extensions = [_TextOnlyMarkdown(resolve), AbbrExtension(glossary=abbreviations or {})]
    html = markdown.Markdown(extensions=extensions, output_format="html").convert(source)
    if inline:
        lone = re.fullmatch(r"<p>(.*)</p>", html, re.DOTALL)
        return Markup(lone.group(1) if lone and "<p>" not in lone.group(1) else html)
    return Markup(f'<div class="briefing-rich">\n{html}\n</div>')


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def markdown_escape(value: Any) -> Markup:
    """Text that Markdown shows literally: each punctuation mark backslash-escaped (pymdownx.escapeall)."""
    text = " ".join(str(value).split())
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def page_url(src_path: str) -> str:
    """Site-relative URL of a page with directory URLs: fields/materials.md → fields/materials/."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative_url(target: str, current: str) -> str:
    """Link from page URL ``current`` to page URL (or URL#anchor) ``target``."""
    target_path, _, anchor = target.partition("#")
    link = posixpath.relpath(target_path or ".", current or ".")
    if link == ".":
        link = "./"
    elif target_path.endswith("/") or not target_path:
        link = link.rstrip("/") + "/"
    return link + (f"#{anchor}" if anchor else "")


class Renderer:
    """Renders templates for one language."""

    def __init__(self, templates_dir: Path, lang: str, abbreviations: dict[str, str] | None = None):
        self.lang = lang
        # Glossary abbreviations (ARIM, DxMT…) explained by a tooltip wherever plain text uses them.
        self.abbreviations = abbreviations or {}
        self._resolve = None
        self._abbr_pattern = (
            re.compile(
                r"(?<![A-Za-z0-9])("
                + "|".join(map(re.escape, sorted(self.abbreviations, key=len, reverse=True)))
                + r")(?![A-Za-z0-9])"
            )
            if self.abbreviations
            else None
        )
        strings = yaml.safe_load((templates_dir / "strings.yml").read_text(encoding="utf-8"))
        self.strings = {key: value[lang] for key, value in strings.items()}
        self.env = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # "{#id}" is Markdown's heading-id syntax, so Jinja comments are written {## … ##}.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.filters.update(
            t=self.translate,
            t_plain=lambda text: "" if text is None else text(lang),
            t_inline=self.translate_inline,
            heading=self.heading,
            md=markdown_escape,
            yen=lambda value: formats.yen(value, lang),
            signed_yen=lambda value: formats.signed_yen(value, lang),
            column_number=lambda value: formats.column_number(value, lang),
            fy=lambda year: formats.fiscal_year(year, lang),
            phase=lambda phase: formats.phase_label(phase, lang),
            month_year=lambda day: formats.month_year(day, lang),
            long_date=lambda day: formats.long_date(day, lang),
        )
        self.env.globals.update(lang=lang, other_lang="en" if lang == "ja" else "ja", ui=self.ui)

    def lookup(self, name: str, items: dict) -> None:
        """Make ``items`` (id → item) available to templates as the filter ``name``: ``ids|map(name)``."""
        self.env.filters[name] = items.__getitem__

    def translate(self, text: Text | None) -> Markup | str:
        """Text for HTML content. Missing English shows the Japanese, marked as such and announced."""
        if text is None:
            return ""
        if isinstance(text, RichText) and not text.missing(self.lang):
            return rich_html(text(self.lang), abbreviations=self.abbreviations, resolve=self._resolve)
        if not text.missing(self.lang):
            return self.explain_abbreviations(text(self.lang))
        return Markup('<span lang="ja">{}</span> <span class="briefing-pending">{}</span>').format(
            text.ja, self.ui("not_translated")
        )

    def translate_inline(self, text: Text | None) -> Markup | str:
        """Like ``translate``, for list items and table cells: Markdown without a wrapping paragraph."""
        if isinstance(text, RichText) and not text.missing(self.lang):
            return rich_html(text(self.lang), inline=True, abbreviations=self.abbreviations, resolve=self._resolve)
        return self.translate(text)

    def explain_abbreviations(self, text: str) -> Markup:
        escaped = str(escape(text))
        if self._abbr_pattern is None:
            return Markup(escaped)
        return Markup(
            self._abbr_pattern.sub(
                lambda found: f'<abbr title="{escape(self.abbreviations[found.group(1)])}">{found.group(1)}</abbr>',
                escaped,
            )
        )

    def heading(self, text: Text) -> Markup:
        """Text for a Markdown heading: Markdown-escaped, and marked as Japanese if not yet translated."""
        escaped = markdown_escape(text(self.lang))
        if not text.missing(self.lang):
            return escaped
        return Markup('<span lang="ja">{}</span>').format(escaped)

    def ui(self, key: str, **values: Any) -> Markup:
        """An interface string from templates/strings.yml, with escaped placeholders."""
        return Markup(escape(self.strings[key]).format(**{k: escape(v) for k, v in values.items()}))

    def render(self, template: str, src_path: str, **context: Any) -> str:
        current = page_url(src_path)

        def href(target: str) -> str:
            return relative_url(target, current)

        self._resolve = href  # for site addresses inside Markdown fields of this page

        return self.env.get_template(template).render(href=href, page_path=current, **context)
