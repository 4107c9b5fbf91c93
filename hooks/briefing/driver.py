"""One language's MkDocs build over the generated pages, redoing only what changed.

This is MkDocs' own ``build()`` (mkdocs/commands/build.py, 1.6.1, pinned), step by step, with two
differences:

- A generated page's HTML is made by ``prepared.py`` (its raw HTML is not parsed again), and its
  search entries by ``search.py``; a hand-written page goes through Markdown as MkDocs converts it.
- Every page's HTML, and every page's finished output in the theme, is kept in the build cache by the
  digest of what it was made from; a page whose digest has not changed is linked from the cache,
  neither converted nor rendered again. The theme's part of that digest (``chrome``) covers the
  configuration, the theme's files, the navigation with its titles and the values every page shows.

The project's MkDocs hook (hooks/briefing_pages.py) is for plain ``mkdocs build``; this build gives
MkDocs the pages itself, so the hook is taken out of the plugins.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .buildcache import BuildCache
from .inputs import digest, files_digest, generator_digest, versions_digest
from .language import LanguageContent
from .prepared import Unbalanced, use_raw_blocks
from .search import page_entries

log = logging.getLogger("mkdocs")
_ID = re.compile(r'\sid="([^"]+)"')


@dataclass
class LanguageReport:
    """What a language's build did: pages rendered and reused, for the progress lines."""

    lang: str
    pages: int = 0
    rendered: int = 0
    files: int = 0
    cache: dict[str, dict[str, Any]] = field(default_factory=dict)  # the cache entries it made


class StrictAbort(Exception):
    """MkDocs warned in strict mode: the build fails, as ``mkdocs build --strict`` would."""


def build_language_site(
    project: Path,
    config_file: Path,
    site_dir: Path,
    content: LanguageContent,
    page_meta: dict[str, dict],
    cache: BuildCache,
    site_url: str | None = None,
    polyfills: list[str] | None = None,
) -> LanguageReport:
    """Build one language into ``site_dir`` (which must be empty): MkDocs' steps, reusing from ``cache``
    every page whose inputs have not changed. Raises ``MkDocsException`` or ``StrictAbort``."""
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    # hooks=[]: the project's hook renders the pages for plain `mkdocs build`; here they are given.
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, hooks=[], **overrides)
    config.nav = content.nav
    config.extra["briefing"] = content.metadata
    if polyfills:  # Material's template adds these scripts first on every page
        config.extra["polyfills"] = polyfills
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        return _Build(project, config, content, page_meta, cache).run(counter)
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(counter)


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class _Build:
    def __init__(self, project: Path, config, content: LanguageContent, page_meta: dict[str, dict], cache: BuildCache):
        self.project, self.config, self.content, self.page_meta, self.cache = project, config, content, page_meta, cache
        self.lang = content.lang
        self.report = LanguageReport(self.lang)
        self.generated = {page.path: page for page in content.pages}
        self._converter = None

    def run(self, counter: _WarningCounter) -> LanguageReport:
        from mkdocs.commands.build import _build_theme_template
        from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        config = self.config
        config = self.config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        for page in self.content.pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        self._files = files
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self._search = _search_plugin(config)
        links = digest(*(file.src_uri for file in doc_files))
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            self._populate(file.page, links)
        env = config.plugins.on_env(env, config=config, files=files)
        chrome = self._chrome(nav)
        site_dir = Path(config.site_dir)
        for file in files:  # the theme's assets and the docs folder's other files
            if not file.is_documentation_page() and file.inclusion.is_included():
                self._copy_static(file, site_dir)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            from mkdocs.commands.build import _build_extra_template

            _build_extra_template(template, files, config, nav)
        for file in doc_files:
            self._build_page(file.page, config, doc_files, nav, env, chrome, site_dir)
        level = config.validation.links.anchors
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=level)
        for path, data in self.content.files:  # downloads, the feed, the PDF, pages at moved addresses
            self.cache.write(data, site_dir / path)
            self.report.files += 1
        config.plugins.on_post_build(config=config)
        if counter.count:
            raise StrictAbort(f"Aborted with {counter.count} warnings in strict mode!")
        return self.report

    # --- pages' HTML --------------------------------------------------------------------------------

    def _populate(self, page, links: str) -> None:
        """The page's HTML, title, table of contents and anchors: from the cache when what it is made from
        has not changed, else converted (a generated page by prepared.py, a written one by Markdown)."""
        from mkdocs.commands.build import _populate_page
        from mkdocs.structure.toc import get_toc

        generated = self.generated.get(page.file.src_uri)
        source = generated.markdown if generated else page.file.content_string
        settings = repr((self.config.markdown_extensions, self.config.mdx_configs))
        key = digest(generator_digest(), versions_digest(), settings, source, "" if generated else links)
        section, name = f"content:{self.lang}", page.file.src_uri
        known = self.cache.get(section, name)
        if known is not None and known["key"] == key:
            data = json.loads(self.cache.load(known["object"]))
            page.markdown = data["markdown"]
            page.meta = data["meta"]
            page.content = data["html"]
            page.toc = get_toc(data["toc"])
            page._title_from_render = data["title"]
            page.present_anchor_ids = set(data["anchors"])
            self.cache.put(section, name, known)
        elif generated is not None:
            self._convert(page, generated)
        else:
            _populate_page(page, self.config, self._files, dirty=False)
        if known is None or known["key"] != key:
            data = {
                "markdown": page.markdown,
                "meta": page.meta,
                "html": page.content,
                "toc": _toc_tokens(page.toc),
                "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()),
            }
            obj = self.cache.store(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"))
            self.cache.put(section, name, {"key": key, "object": obj})
            self.report.rendered += 1
        page.meta = {**page.meta, "briefing": self.page_meta.get(page.url, {})}

    def _convert(self, page, generated) -> None:
        """A generated page into HTML, as MkDocs' Page.render would make it, without parsing its raw
        HTML again (prepared.py); a page the fast step cannot vouch for goes through Markdown's own."""
        import markdown
        from mkdocs.structure.pages import _ExtractTitleTreeprocessor
        from mkdocs.structure.toc import get_toc

        page.markdown, page.meta = generated.markdown, dict(generated.meta)
        if self._converter is None:
            self._converter = markdown.Markdown(
                extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs or {}
            )
            self._title = _ExtractTitleTreeprocessor()
            self._title._register(self._converter)
            self._standard = self._converter.preprocessors["html_block"]
            use_raw_blocks(self._converter)
            self._fast = self._converter.preprocessors["html_block"]
        converter = self._converter
        try:
            html = converter.reset().convert(generated.markdown)
        except Unbalanced:
            converter.preprocessors.register(self._standard, "html_block", 20)
            html = converter.reset().convert(generated.markdown)
            converter.preprocessors.register(self._fast, "html_block", 20)
        page.content = html
        page.toc = get_toc(getattr(converter, "toc_tokens", []))
        page._title_from_render = self._title.title
        self._title.title = None
        page.present_anchor_ids = set(_ID.findall(html))

    # --- pages in the theme -------------------------------------------------------------------------

    def _chrome(self, nav) -> str:
        """What every page's place in the theme is made from besides the page itself."""
        config = self.config
        nav_titles = [(page.title, page.url) for page in nav.pages]
        theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        theme_files = sorted(path for path in theme.rglob("*") if path.is_file()) if theme else []
        return digest(
            generator_digest(),
            versions_digest(),
            Path(config.config_file_path).read_text(encoding="utf-8"),
            *(path.read_text(encoding="utf-8") for path in _inherited(Path(config.config_file_path))),
            repr(config.site_url),
            repr(config.plugins.keys()),
            json.dumps(config.extra, sort_keys=True, default=str, ensure_ascii=False),
            repr(nav_titles),
            files_digest(theme, theme_files) if theme else "",
        )

    def _build_page(self, page, config, doc_files, nav, env, chrome: str, site_dir: Path) -> None:
        from mkdocs.commands.build import get_context

        self.report.pages += 1
        meta = json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False)
        key = digest(chrome, page.url, page.title or "", meta, page.content or "")
        section, name = f"output:{self.lang}", page.file.src_uri
        target = Path(page.file.abs_dest_path)
        known = self.cache.get(section, name)
        if known is not None and known["key"] == key:
            self.cache.place(known["object"], target)
            self.cache.put(section, name, known)
            self._search.entries.extend(known["search"])
            return
        config._current_page = page
        try:
            page.active = True
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            before = len(self._search.entries)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
            entries = self._search.entries[before:]
            obj = self.cache.write(output.encode("utf-8", errors="xmlcharrefreplace"), target)
            self.cache.put(section, name, {"key": key, "object": obj, "search": entries})
        finally:
            page.active = False
            config._current_page = None

    def _copy_static(self, file, site_dir: Path) -> None:
        target = site_dir / file.dest_uri
        if file.generated_by or (file.content_bytes is not None and file.abs_src_path is None):
            self.cache.write(file.content_bytes, target)
        else:
            self.cache.write(Path(file.abs_src_path).read_bytes(), target)


def _search_plugin(config):
    """Material's search plugin, with its page indexing replaced by search.py's."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not hasattr(plugin, "search_index"):
        return _NoSearch()
    index = plugin.search_index
    index.add_entry_from_context = lambda page: index.entries.extend(page_entries(page))
    return index


class _NoSearch:
    def __init__(self):
        self.entries: list = []


def _toc_tokens(toc) -> list[dict]:
    """The table of contents as Markdown's toc tokens, from which MkDocs' get_toc makes it again."""
    return [
        {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "html": item.title,
            "data-toc-label": "",
            "children": _toc_tokens(item.children),
        }
        for item in toc
    ]


def _inherited(config_file: Path) -> list[Path]:
    """The configurations a configuration inherits (INHERIT), which its digest must cover too."""
    import yaml

    found = []
    current = config_file
    while True:
        text = current.read_text(encoding="utf-8")
        parent = (yaml.safe_load(text) or {}).get("INHERIT") if "INHERIT" in text else None
        if not parent:
            return found
        current = (current.parent / parent).resolve()
        found.append(current)
