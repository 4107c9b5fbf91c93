"""One language's MkDocs build over the generated pages, redoing only what changed.

This is MkDocs' own ``build()`` (mkdocs/commands/build.py, 1.6.1, pinned), step by step, with two
differences:

- A generated page's HTML is made by ``page_html.py`` (its raw HTML is not parsed again), and every
  page's search entries by ``search_index.py``; a hand-written page goes through Markdown as MkDocs has it.
- Every page's HTML, and every page's finished output in the theme, is kept in the build cache by the
  digest of what it was made from; a page whose digest has not changed is linked from the cache,
  neither converted nor rendered again. The theme's part of that digest (``chrome``, theme.py) covers
  the configuration, the theme's files, the navigation with its titles and the values every page shows.

A ``LanguageSession`` can also be kept between builds (the live preview): when only pages changed,
not the navigation or the theme's values, ``update`` converts and renders just those pages, the one
being read first, and rewrites the search index.

The project's MkDocs hook (hooks/briefing_pages.py) is for plain ``mkdocs build``; this build gives
MkDocs the pages itself, so the configuration is loaded without hooks.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..project.digests import digest
from .cache import BuildCache
from .language import GeneratedPage, LanguageContent
from .page_html import PageHtml
from .search_index import search_index_of, search_plugin
from .theme import Theme, share_code, theme_digest

_SEARCH_INDEX = "search/search_index.json"


@dataclass
class LanguageReport:
    """What a language's build did: pages built and converted, for the progress lines."""

    lang: str
    pages: int = 0
    converted: int = 0
    rendered: int = 0
    files: int = 0
    seconds: float = 0.0  # how long the build took (beside the other language's, in a process of its own)
    cache: dict[str, dict[str, Any]] = field(default_factory=dict)  # the cache entries it made (from a child)


class StrictAbort(Exception):
    """MkDocs warned in strict mode: the build fails, as ``mkdocs build --strict`` would."""


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def language_config(config_file: Path, site_dir: Path, site_url: str | None):
    """A language's MkDocs configuration, as its build takes it."""
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    # hooks=[]: the project's hook renders the pages for plain `mkdocs build`; here they are given.
    return load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, hooks=[], **overrides)


class LanguageSession:
    """One language's MkDocs build into ``site_dir``: ``build`` makes it whole; ``update`` (while the
    navigation and theme values stay the same) redoes given pages only. ``in_place``: ``site_dir`` is
    served while it is updated (the preview): each file is replaced in one step and files no longer
    made are removed; otherwise ``site_dir`` must be new."""

    def __init__(
        self,
        project: Path,
        config_file: Path,
        site_dir: Path,
        cache: BuildCache,
        site_url: str | None = None,
        polyfills: list[str] | None = None,
        in_place: bool = False,
        theme: Theme | None = None,
    ):
        self.project, self.config_file, self.site_dir, self.cache = project, config_file, site_dir, cache
        self.site_url, self.polyfills, self.in_place, self.theme = site_url, polyfills, in_place, theme
        self.config = None
        self.chrome = ""
        self.contents: dict[str, tuple[str, str | None]] = {}  # each generated page as last built: (sha, title)
        self.meta: dict[str, dict] = {}
        self.entries: dict[str, list] = {}  # each page's search entries, in the order of the pages

    # --- a whole build ------------------------------------------------------------------------------

    def build(self, content: LanguageContent, page_meta: dict[str, dict], config=None) -> LanguageReport:
        """Build the language whole, reusing from the cache every page whose inputs have not changed;
        ``config``: its configuration, if loaded already (``language_config``; the build changes it). Raises
        ``MkDocsException`` or ``StrictAbort``."""
        from mkdocs.commands.build import _build_extra_template, _build_theme_template
        from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        self.lang = content.lang
        self.report = LanguageReport(content.lang)
        self.generated = {page.path: page for page in content.pages}
        self.page_meta = page_meta
        self.written: set[str] = set()
        config = config or language_config(self.config_file, self.site_dir, self.site_url)
        config.nav = content.nav
        config.extra["briefing"] = content.metadata
        if self.polyfills:  # Material's template adds these scripts first on every page
            config.extra["polyfills"] = self.polyfills
        if self.theme is not None:  # every environment of the theme's, the search plugin's too, given its code
            share_code(config.theme, self.theme.code)
        counter = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(counter)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            env = config.theme.get_env()
            if self.theme is None:
                files.add_files_from_theme(env, config)
            else:  # listed and compiled once for both languages
                for path, folder in self.theme.files:
                    if files.get_file_from_path(path) is None:  # a file of the docs folder wins
                        files.append(File(path, folder, config.site_dir, config.use_directory_urls))
            for page in content.pages:
                inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
                # (its Markdown is given to page_html.py, and read only if the page is converted)
                files.append(File.generated(config, page.path, content="", inclusion=inclusion))
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            self.config, self.files, self.nav = config, files, nav
            self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            self.search = search_index_of(config)
            links = digest(*(file.src_uri for file in self.doc_files))  # the pages a written page may link to
            self.html = PageHtml(config, files, self.cache, self.lang, links)
            for file in self.doc_files:
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
                held = self._held(file)
                if held or not file.inclusion.is_not_in_nav():  # (the navigation's, for their titles)
                    self._populate(file.page)
                    if not held:
                        self._let_go(file)
            self.env = config.plugins.on_env(env, config=config, files=files)
            self.chrome = theme_digest(config, nav)
            for file in files:  # the theme's assets and the docs folder's other files
                if not file.is_documentation_page() and file.inclusion.is_included():
                    self._copy_static(file)
            for template in config.theme.static_templates:
                _build_theme_template(template, self.env, files, config, nav)
                self.written |= {template, f"{template}.gz"}
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
                self.written.add(template)
            self.entries = {}
            for file in self.doc_files:
                if not self._held(file):
                    self._populate(file.page)  # (a page of the navigation converted above: from the cache)
                self._build_page(file.page)
                self._let_go(file)
            level = config.validation.links.anchors
            for file in self.doc_files:
                file.page.validate_anchor_links(files=files, log_level=level)
            for path, data in content.files:  # downloads, the feed, the PDF, pages at moved addresses
                self._write(path, data, "files")
                self.report.files += 1
            self.search.entries[:] = [entry for entries in self.entries.values() for entry in entries]
            config.plugins.on_post_build(config=config)
            self.written.add(_SEARCH_INDEX)
            if counter.count:
                raise StrictAbort(f"Aborted with {counter.count} warnings in strict mode!")
        finally:
            config.plugins.on_shutdown()
            logging.getLogger("mkdocs").removeHandler(counter)
        self.contents = {page.path: (page.sha, page.title) for page in content.pages}
        self.generated = {}  # (their Markdown is needed again only when it changes)
        self.meta = dict(page_meta)
        self.files_of_content = {path for path, _ in content.files}
        if self.in_place:
            self._remove_stale()
        return self.report

    # --- the preview's quick path -------------------------------------------------------------------

    def can_update(self, content: LanguageContent, page_meta: dict[str, dict]) -> bool:
        """Whether ``update`` can follow these changes: the same pages, navigation and theme values."""
        if self.config is None or set(self.contents) != {page.path for page in content.pages}:
            return False
        if content.nav != self.config.nav or content.metadata != self.config.extra["briefing"]:
            return False
        return all(page.title == self.contents[page.path][1] for page in content.pages if page.in_nav)

    def can_update_page(self, page: GeneratedPage) -> bool:
        """Whether ``update_pages`` can redo this page alone (a page of the navigation keeps its title)."""
        if self.config is None or page.path not in self.contents:
            return False
        return not page.in_nav or page.title == self.contents[page.path][1]

    def changed(self, content: LanguageContent, page_meta: dict[str, dict]) -> list[GeneratedPage]:
        """The generated pages whose Markdown or theme values differ from the last built."""
        return [
            page
            for page in content.pages
            if self.contents.get(page.path, ("",))[0] != page.sha or self.meta.get(page.url) != page_meta.get(page.url)
        ]

    def update_pages(
        self, pages: list[GeneratedPage], page_meta: dict[str, dict], after_each: Callable[[str], None] | None = None
    ) -> None:
        """Convert and render ``pages`` again, in the order given (the nav and theme values unchanged)."""
        self.page_meta = page_meta
        for page in pages:
            self.generated[page.path] = page
            file = self.files.get_file_from_path(page.path)
            self._populate(file.page)
            self._build_page(file.page)
            self._let_go(file)
            del self.generated[page.path]
            self.contents[page.path] = (page.sha, page.title)
            self.meta[page.url] = page_meta.get(page.url, {})
            if after_each:
                after_each(page.url)

    def update_files(self, files: list[tuple[str, bytes]]) -> None:
        """The other files again (downloads, the feed…), those no longer made removed, and the search index."""
        for path, data in files:
            self._write(path, data, "files")
        for gone in self.files_of_content - {path for path, _ in files}:
            (self.site_dir / gone).unlink(missing_ok=True)
        self.files_of_content = {path for path, _ in files}
        self.search.entries[:] = [entry for entries in self.entries.values() for entry in entries]
        plugin = search_plugin(self.config)
        if plugin is not None:
            plugin.on_post_build(config=self.config)

    def _populate(self, page) -> None:
        """The page's HTML (from the cache, or converted), and its own theme values."""
        if self.html.populate(page, self.generated.get(page.file.src_uri)):
            self.report.converted += 1
        page.meta = {**page.meta, "briefing": self.page_meta.get(page.url, {})}

    def _held(self, file) -> bool:
        """Whether the page's HTML is held from when every page is converted until each is set in the theme:
        a hand-written page (a few), or any page when the build keeps nothing. A generated page outside the
        navigation is converted just before it is set in the theme (no other page shows anything of it);
        one of the navigation is converted with the others, for its title, and its HTML read again from
        the cache when it is set in the theme. Every page's HTML held at once was most of a language's
        memory (some 400 MB at ×100)."""
        return file.src_uri not in self.generated or not self.cache.enabled

    def _let_go(self, file) -> None:
        """Free a built page's Markdown and HTML: a kept session (the preview) would otherwise hold every
        page twice over (some 0.5 GB at ×100); a page made again is given them again."""
        page = file.page
        page.content, page.markdown = None, ""  # (not None: MkDocs then takes the page to have no title)

    # --- pages in the theme -------------------------------------------------------------------------

    def _build_page(self, page) -> None:
        from mkdocs.commands.build import get_context

        config = self.config
        self.report.pages += 1
        meta = json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False)
        key = digest(self.chrome, page.url, page.title or "", meta, page.content or "")
        section, name = f"output:{self.lang}", page.file.src_uri
        known = self.cache.get(section, name)
        if known is not None and known["key"] == key:
            self._place(page.file.dest_uri, known["object"])
            self.cache.put(section, name, known)
            self.entries[name] = known["search"]
            return
        config._current_page = page
        try:
            page.active = True
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            before = len(self.search.entries)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
            entries = self.search.entries[before:]
            del self.search.entries[before:]  # kept per page (self.entries), in the order of the pages
            self.entries[name] = entries
            obj = self._write(page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))
            self.cache.put(section, name, {"key": key, "object": obj, "search": entries})
            self.report.rendered += 1
        finally:
            page.active = False
            config._current_page = None

    # --- files ----------------------------------------------------------------------------------------

    def _write(self, path: str, data: bytes, section: str | None = None) -> str:
        obj = self.cache.write(data, self.site_dir / path, replace=self.in_place)
        if section:
            self.cache.put(f"{section}:{self.lang}", path, {"object": obj})
        self.written.add(path)
        return obj

    def _place(self, path: str, obj: str) -> None:
        self.cache.place(obj, self.site_dir / path, replace=self.in_place)
        self.written.add(path)

    def _copy_static(self, file) -> None:
        if file.abs_src_path is None:
            self._write(file.dest_uri, file.content_bytes, "files")
        else:
            self._write(file.dest_uri, Path(file.abs_src_path).read_bytes(), "files")

    def _remove_stale(self) -> None:
        """Files of an earlier build that this one no longer makes (a page removed, a file renamed)."""
        for root, _, names in os.walk(self.site_dir):
            for name in names:
                path = Path(root) / name
                if path.relative_to(self.site_dir).as_posix() not in self.written:
                    path.unlink(missing_ok=True)
