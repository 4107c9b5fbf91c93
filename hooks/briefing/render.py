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
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
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

    def __call__(self, source: str, *, inline: bool = False) -> Markup:
        """HTML for the Markdown ``source``: raw HTML shown as text, no images, only safe links.

        ``inline`` is for list items and table cells: a lone paragraph loses its <p>.
        """
        html = self.converter.reset().convert(source)
        if inline:
            lone = re.fullmatch(r"<p>(.*)</p>", html, re.DOTALL)
            return Markup(lone.group(1) if lone and "<p>" not in lone.group(1) else html)
        return Markup(f'<div class="briefing-rich">\n{html}\n</div>')


class _SharedBytecode(BytecodeCache):
    """Compiled templates kept for the whole process: each language and each build of ``mkdocs serve``
    makes a new environment, and compiling the templates again was a third of the generator's time.
    Jinja checks each template's source checksum, so an edited template is compiled afresh."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _SharedBytecode()


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
        self.rich = RichTextRenderer(self.abbreviations, lambda: self._resolve)
        self._abbr_pattern = (
            re.compile(
                r"(?<![A-Za-z0-9])("
                + "|".join(map(re.escape, sorted(self.abbreviations, key=len, reverse=True)))
                + r")(?![A-Za-z0-9])"
            )
            if self.abbreviations
            else None
        )
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster than pure Python
        strings = yaml.load((templates_dir / "strings.yml").read_text(encoding="utf-8"), Loader=loader)
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
            bytecode_cache=_BYTECODE,
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
            return self.rich(text(self.lang))
        if not text.missing(self.lang):
            return self.explain_abbreviations(text(self.lang))
        return Markup('<span lang="ja">{}</span> <span class="briefing-pending">{}</span>').format(
            text.ja, self.ui("not_translated")
        )

    def translate_inline(self, text: Text | None) -> Markup | str:
        """Like ``translate``, for list items and table cells: Markdown without a wrapping paragraph."""
        if isinstance(text, RichText) and not text.missing(self.lang):
            return self.rich(text(self.lang), inline=True)
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
