"""Each page's HTML in one language's build, as MkDocs' Page.render makes it: its HTML, title, table of
contents and anchors, kept in the build cache by the digest of what it is made from. A generated page is
converted without its raw HTML parsed again (prepared_pages.py); a hand-written page goes through Markdown
as MkDocs has it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from markdown.treeprocessors import Treeprocessor

from ..project.digests import digest, generator_digest, versions_digest
from .cache import BuildCache
from .language import GeneratedPage
from .prepared_pages import PART, DirectPages, Unbalanced, parts, use_raw_blocks

_ID = re.compile(r'\sid="([^"]+)"')


class PageHtml:
    """The pages' HTML of one language's MkDocs configuration ``config`` and files; ``links``: the digest of
    the pages a hand-written page may link to (a link to a page that is gone is a warning)."""

    def __init__(self, config, files, cache: BuildCache, lang: str, links: str):
        self.config, self.files, self.cache, self.lang, self.links = config, files, cache, lang, links
        self._converter = None
        settings = repr((config.markdown_extensions, config.mdx_configs))
        self._made_with = digest(generator_digest(), versions_digest(), settings)  # the same for every page

    def populate(self, page, generated: GeneratedPage | None) -> bool:
        """The page's HTML, title, table of contents and anchors: from the cache when what it is made from
        has not changed, else converted (``generated``: its generated page, converted by prepared_pages.py;
        a hand-written page by Markdown). Returns whether it was converted."""
        from mkdocs.commands.build import _populate_page
        from mkdocs.structure.toc import get_toc

        # A generated page by the SHA-256 of its Markdown (read only if it is converted).
        source = generated.sha if generated else page.file.content_string
        key = digest(self._made_with, source, "" if generated else self.links)
        section, name = f"content:{self.lang}", page.file.src_uri
        known = self.cache.get(section, name)
        if known is not None and known["key"] == key:
            stored = self.cache.load(known["object"])
            end = stored.index(b"\n")
            data = json.loads(stored[:end])
            page.markdown, page.meta = data["markdown"], data["meta"]
            page.content = str(memoryview(stored)[end + 1 :], "utf-8")
            page.toc = get_toc(data["toc"])
            page._title_from_render = data["title"]
            page.present_anchor_ids = set(data["anchors"])
            self.cache.put(section, name, known)
            return False
        if generated is not None:
            self._convert(page, generated)
        else:
            _populate_page(page, self.config, self.files, dirty=False)
        data = {
            "markdown": page.markdown,  # (a generated page's is not kept: its digest is in the key)
            "meta": page.meta,
            "toc": _toc_tokens(page.toc),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
        }
        # The rest in JSON (on one line), then the HTML as it is: escaped into the JSON, a long page's HTML
        # took as much memory again.
        head = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        obj = self.cache.store(head, b"\n", page.content.encode("utf-8"))
        self.cache.put(section, name, {"key": key, "object": obj})
        return True

    def _convert(self, page, generated: GeneratedPage) -> None:
        """A generated page into HTML, as MkDocs' Page.render would make it."""
        from mkdocs.structure.toc import get_toc

        # (its Markdown is read once, from the build cache if it was taken from there, and not held)
        html, toc, title = self.convert(generated.markdown)
        page.markdown, page.meta = "", dict(generated.meta)
        page.content = html
        page.toc = get_toc(toc)
        page._title_from_render = title
        page.present_anchor_ids = set(_ID.findall(html))

    def convert(self, source: str) -> tuple[str, list[dict], str]:
        """A generated page's Markdown into its HTML, table of contents (Markdown's tokens) and title, as
        Markdown makes them with the language's extensions: without Markdown when the page is headings and
        HTML blocks alone (prepared_pages.DirectPages), else by Markdown (``by_markdown``)."""
        made = self._direct_pages().convert(source)
        return made if made is not None else self.by_markdown(source)

    def by_markdown(self, source: str, part: int = PART) -> tuple[str, list[dict], str]:
        """The page converted by Markdown, without parsing its raw HTML again (prepared_pages.py), a part at a
        time if it is long (``part``: in characters)."""
        self._direct_pages()
        html, toc, title = self._in_parts(parts(source, part))
        if html is None:  # the parts could not be converted apart
            html, toc, title = self._in_parts([source], whole=True)
        return html, toc, title

    def _direct_pages(self) -> DirectPages:
        """The language's converters: Markdown's (made once) and the one without it."""
        import markdown
        from mkdocs.structure.pages import _ExtractTitleTreeprocessor

        if self._converter is None:
            converter = markdown.Markdown(
                extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs or {}
            )
            self._title = _ExtractTitleTreeprocessor()
            self._title._register(converter)
            self._ids = _WrittenIds(converter)
            converter.treeprocessors.register(self._ids, "briefing_written_ids", 6)  # (attr_list: 8, toc: 5)
            self._standard = converter.preprocessors["html_block"]
            use_raw_blocks(converter)
            self._fast = converter.preprocessors["html_block"]
            self._direct = DirectPages(converter, self.config.markdown_extensions)
            self._converter = converter
        return self._direct

    def _in_parts(self, sources: Iterable[str], whole: bool = False) -> tuple[str | None, list[dict], str | None]:
        """The HTML, table of contents (Markdown's tokens) and title of a page's Markdown given in parts
        (prepared_pages.parts), converted one part at a time into what Markdown makes of the whole. No HTML
        if the parts cannot be converted apart: Markdown would have given a heading another id, or the fast
        step cannot vouch for a part (Markdown's own step keeps no record of how a part ends). ``whole``: the
        page in one part, converted by either step."""
        from markdown.extensions.toc import nest_toc_tokens

        converter = self._converter
        html, headings, title, blank_before = [], [], None, False
        given, made = set(), set()  # ids of the parts so far: written in the page; made by Markdown for headings
        for source in sources:
            # (set by the steps, which Markdown skips for a part of blank lines)
            self._fast.blank_at_end, self._title.title = False, None
            try:
                part = converter.reset().convert(source)
            except Unbalanced:
                if not whole:
                    return None, [], None
                part = self._by_markdowns_own_step(source)
            found = list(_flat(getattr(converter, "toc_tokens", [])))
            # Markdown makes a heading's id unique among every id of the page, written or made.
            own = self._ids.found
            new = {heading["id"] for heading in found} - own
            if new & (given | made) or own & made:
                return None, [], None
            given |= own
            made |= new
            headings += found
            if part:
                if html:  # as the whole page's HTML has it: a blank line after a block of HTML that had one
                    html.append("\n\n" if blank_before else "\n")
                else:  # (the page's title: its first element, if a heading)
                    title = self._title.title
                html.append(part)
                blank_before = self._fast.blank_at_end
        return "".join(html), nest_toc_tokens(headings), title

    def _by_markdowns_own_step(self, source: str) -> str:
        """``source`` converted with Markdown's own step for raw HTML (the fast one back in place after)."""
        converter = self._converter
        converter.preprocessors.register(self._standard, "html_block", 20)
        try:
            return converter.reset().convert(source)
        finally:
            converter.preprocessors.register(self._fast, "html_block", 20)


class _WrittenIds(Treeprocessor):
    """The ids of a page's elements before the table of contents gives its headings theirs (those written
    in the page with attr_list, raw HTML aside): Markdown makes a heading's id unique among them."""

    def __init__(self, md):
        super().__init__(md)
        self.found: set[str] = set()

    def run(self, root):
        self.found = {element.get("id") for element in root.iter() if element.get("id")}


def _flat(tokens: list[dict]) -> Iterator[dict]:
    """Markdown's toc tokens in the order of the page, without their nesting (Markdown's nest_toc_tokens
    nests them again)."""
    for token in tokens:
        yield {key: value for key, value in token.items() if key != "children"}
        yield from _flat(token["children"])


def _toc_tokens(toc) -> list[dict]:
    """The table of contents as Markdown's toc tokens, from which MkDocs' get_toc makes it again."""
    return [
        {"level": item.level, "id": item.id, "name": item.title, "children": _toc_tokens(item.children)} for item in toc
    ]
