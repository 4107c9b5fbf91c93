"""The renderer of one language and edition: its Jinja environment (jinja.py) with every name its templates
use (names.py), and a page rendered with the record of what it read (reads.py).

Interface strings live in strings/<lang>.yml beside the templates that use them (strings.py); the data's
texts are shown by texts.py; links and lookups are links.py's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from markupsafe import Markup, escape

from ..check.expressions import Expressions
from ..load.briefing import Briefing
from ..plan.urls import page_url, relative_url
from ..project.digests import digest
from ..project.template_folders import load_strings, template_folders
from . import guide
from .jinja import environment
from .names import BuildValues, template_names
from .reads import Reads, RecordingData
from .strings import Interface
from .texts import Texts

# What a page reads when the plan gives it one of these values (plan/pages.py): the comparison of two editions
# is made from both; a banner on an older edition's page names the current pages; removed rows lead to
# the redirects.
CONTEXT_READS = {
    "comparison": [("everything", None), ("value", "editions")],
    "edition_banner": [("value", "pages"), ("value", "editions")],
    "removed_rows": [("value", "redirects"), ("value", "editions")],
}
_MACROS = "_macros.html.j2"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class Renderer:
    """Renders templates for one language, with the briefing's data at hand. What each page reads is
    recorded in ``reads`` while the build renders it (reads.py)."""

    def __init__(
        self,
        project: Path,
        lang: str,
        briefing: Briefing,
        prefix: str = "",
        edition: str | None = None,
        reads: Reads | None = None,
        code: BytecodeCache | None = None,
        values: BuildValues | None = None,
    ):
        """``prefix``: where the pages sit (editions/<date>/ for a superseded edition, whose date is
        ``edition``), for every link. ``code``: compiled templates shared with the build's other
        environments (cache.TemplateCode). ``values``: what the build gives every page besides the data."""
        values = values or BuildValues()
        self.lang, self.briefing, self.prefix, self.edition = lang, briefing, prefix, edition
        self.reads = reads or Reads()
        self.data = RecordingData(briefing, self.reads, edition)
        self.strings = load_strings(template_folders(project), lang)
        self.ui = Interface(self.strings, lang)
        self._resolve = None
        self._oku_markup: Markup | None = None
        self._expressions: Expressions | None = None
        self._make_downloads = values.downloads
        self._downloads: list | None = None
        self._base_digest: str | None = None
        self.env = environment(project, reads=self.reads, edition=edition, code=code)
        # The data's texts in this language; the PDF asks its phrase breaker for its own pieces.
        self.texts = Texts(briefing, lang, self.ui, self._macros, lambda: self._resolve, self.reads, edition)
        self.breaker = self.texts.breaker
        filters, tests, names = template_names(self, values)
        self.env.filters.update(filters)
        self.env.tests.update(tests)
        self.env.globals.update(names)

    def _macros(self) -> Any:
        """The macros every page uses (loading the module runs the whole template: done once)."""
        return self.env.get_template(_MACROS).module

    def base_digest(self) -> str:
        """What every page of this renderer reads besides what is recorded: the language, its interface
        strings, the declaration, the edition, the glossary's abbreviations, the names kept whole, and the
        domain's code (worked out once: none of it changes while the renderer is used)."""
        if self._base_digest is None:
            self._base_digest = self._work_out_base_digest()
        return self._base_digest

    def _work_out_base_digest(self) -> str:
        edition = self.briefing.edition
        return digest(
            self.lang,
            self.prefix,
            repr(sorted(self.strings.items())),
            self.briefing.declaration.model_dump_json(),
            edition.model_dump_json(),
            repr(sorted(self.texts.abbreviations.items())),
            repr(self.texts.names),
            self.briefing.domain.digest,
        )

    def page(self, template: str, src_path: str, context: dict) -> tuple[str, set]:
        """A page's Markdown, and the keys of what it read (the items it is given among them)."""
        reads = self.reads.start()
        try:
            for name, value in context.items():
                if name == "item":
                    collection = self.briefing.collection_of(value)
                    self.reads.add(("item", self.edition, collection, self.briefing.id_of(collection, value)))
                elif name == "items":
                    self.reads.add(("collection", self.edition, context["collection"].id))
                elif name in CONTEXT_READS:
                    for read in CONTEXT_READS[name]:
                        self.reads.add(read)
            return self.render(template, src_path, **context), reads
        finally:
            self.reads.stop()

    def render(self, template: str, src_path: str, **context: Any) -> str:
        """A page's Markdown; ``src_path`` is where it will sit (fields/materials.md)."""
        current = page_url(src_path)
        self._resolve = lambda target: relative_url(self.prefix + target, current)  # addresses in Markdown fields
        return self.env.get_template(template).render(page_path=current, **context)

    def changes_of(self, changes, collection: str, item_id: str):
        """What changed in an item since the last edition (the changes box of its page)."""
        self.reads.add(("item", None, collection, item_id))
        self.reads.add(("value", "editions"))
        return changes(collection, item_id)

    def fill(self, text, **values: Any) -> Markup:
        """Text of the declaration with its placeholders filled: {count}, {<collection id>}, {oku}."""
        counts = self.data.counts()
        known = {**counts, "oku": self._oku(), **values}
        return Markup(
            _PLACEHOLDER.sub(
                lambda found: str(escape(known[found.group(1)])) if found.group(1) in known else found.group(0),
                str(escape(text(self.lang))),
            )
        )

    def _oku(self) -> Markup:
        """億円 as the macros mark it up, made once."""
        if self._oku_markup is None:
            self._oku_markup = self._macros().oku()
        return self._oku_markup

    def translate(self, text) -> Markup | str:
        """A text as the page's content shows it (the filter ``t``)."""
        return self.texts.translate(text)

    @property
    def downloads(self) -> list:
        """The data downloads in this language (publish/downloads.py), made when first asked."""
        if self._downloads is None:
            self._downloads = self._make_downloads(self) if self._make_downloads else []
        return self._downloads

    def guide(self) -> list[dict]:
        """The reference part of the editor's guide: every key of every data file, from the models."""
        return guide.reference(self.briefing.declaration)

    def guide_names(self) -> dict[str, dict]:
        return guide.collection_names(self.briefing.declaration)

    @property
    def expressions(self) -> Expressions:
        """The download columns' expressions (data/collections.yml), compiled in Jinja's sandbox: they come
        from data/, so they never see this environment's names."""
        if self._expressions is None:
            self._expressions = Expressions(self.briefing, self.lang)
        return self._expressions
