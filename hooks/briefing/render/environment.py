"""The one Jinja environment of a language: templates, interface strings, filters.

Templates are looked up in the briefing's templates/ folder first, then among the generator's
own (hooks/briefing/templates: home, downloads, print page, editor's guide, narrative pages…),
as a theme's custom_dir comes before the theme. Interface strings live in strings/<lang>.yml
beside the templates that use them.

Templates write raw HTML blocks for content and Markdown only for headings, so that every string
from YAML is HTML-escaped (autoescape) and, in headings, also Markdown-escaped (``md``).
YAML text is data: it is never rendered as a template.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
import yaml
from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateRuntimeError,
    pass_context,
)
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape
from pydantic import BaseModel

from ..check.addresses import collection_pages, pages_citing
from ..check.edition_diff import identity, word_diff
from ..check.expressions import Expressions
from ..load.briefing import Briefing
from ..messages import GUIDED, Message, say
from ..model.models import ADDRESS_PATTERN, UNCLEAR, BudgetPhase, Name, RichText, Text, block_kind, texts_in
from ..plan.urls import page_url, relative_url
from ..problems import Problem
from ..project.digests import digest
from ..project.template_folders import STRINGS, template_folders
from ..text import formats
from ..text.phrases import PhraseBreaker
from . import budget
from .charts import BarChart, Row, Series, bar_chart
from .marks import unclear_phrases
from .reads import DATA_NAMES, Reads, RecordingData, RecordingEnvironment

# The template names that carry no data: functions and constants (reads.DATA_NAMES has the others).
PLAIN_NAMES = frozenset(
    {
        "lang", "other_lang", "ui", "declaration", "block_kind", "phases_of", "changes", "budget_bars",
        "kpi_bars", "href", "href_current", "anchor", "hashes", "site_prefix", "word_diff", "changes_of",
        "lagging", "offline_archive", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "guided",
        "field_steps", "item_label",
    }
)  # fmt: skip
# What a page reads when the plan gives it one of these values (plan.py): the comparison of two editions
# is made from both; a banner on an older edition's page names the current pages; removed rows lead to
# the redirects.
CONTEXT_READS = {
    "comparison": [("everything", None), ("value", "editions")],
    "edition_banner": [("value", "pages"), ("value", "editions")],
    "removed_rows": [("value", "redirects"), ("value", "editions")],
}
_SAFE_HREF = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
_SITE_ADDRESS = re.compile(ADDRESS_PATTERN)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_CODE = re.compile(r"`([^`]+)`")
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


def load_strings(folders: list[Path], lang: str) -> dict[str, str]:
    """Interface strings of one language: strings/<lang>.yml of every template folder."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster than pure Python
    strings: dict[str, str] = {}
    for folder in reversed(folders):  # the briefing's own strings come last and win
        path = folder / STRINGS / f"{lang}.yml"
        if path.is_file():
            try:
                found = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as err:
                raise TemplateRuntimeError(say("strings_unreadable", path=path, error=err)) from None
            if not isinstance(found, dict):
                raise TemplateRuntimeError(say("strings_not_lines", path=path))
            strings.update(found)
    return strings


def template_problem(err: TemplateError, project: Path) -> Problem:
    """Where a template went wrong (file:line of the innermost template frame) and what went wrong."""
    file, line = getattr(err, "filename", None), getattr(err, "lineno", None)
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            file, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    where = Path(file or "templates").resolve()
    if where.is_relative_to(project.resolve()):
        where = where.relative_to(project.resolve())
    return Problem(str(where), line or 1, 1, "", "", Message("template_error", error=err.message or err))


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
    ):
        """``prefix``: where the pages sit (editions/<date>/ for a superseded edition, whose date is
        ``edition``), for every link. ``code``: compiled templates shared with the build's other
        environments (buildcache.TemplateCode)."""
        self.lang = lang
        self.briefing = briefing
        self.prefix = prefix
        self.reads = reads or Reads()
        self.data = RecordingData(briefing, self.reads, edition)
        terms = briefing.items.get("terms", [])
        # Glossary abbreviations (ARIM, DxMT…) explained by a tooltip wherever plain text uses them.
        self.abbreviations = {term.abbr: term.name(lang) for term in terms if getattr(term, "abbr", None)}
        self.names = _names(briefing)
        self._resolve = None
        self._oku_markup: Markup | None = None
        self._expressions: Expressions | None = None
        self._citing: dict | None = None
        self._plan: dict | None = None
        self._readings: dict[str, str | None] | None = None  # unclear phrase → its probable reading
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
        folders = template_folders(project)
        self.strings = load_strings(folders, lang)
        self.env = RecordingEnvironment(
            loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # "{#id}" is Markdown's heading-id syntax, so Jinja comments are written {## … ##}.
            comment_start_string="{##",
            comment_end_string="##}",
            bytecode_cache=code,
            auto_reload=False,  # a template does not change during a build (each build makes its renderers)
            reads=self.reads,
            edition=edition,
        )
        edition_date = briefing.edition.edition_date
        # Japanese passages of English pages too; the PDF (pdf_tree.py) asks it for its own pieces.
        self.breaker = breaker = _phrase_breaker(self.names)
        data = self.data
        self.env.filters.update(
            # The PDF's pages are rendered with for_pdf set: pdf_tree.py splits their text itself; the print
            # page's, with a prefix for its anchors: only the units kept whole, to keep its DOM small.
            phrases=pass_context(
                lambda context, html: (
                    html
                    if context.get("for_pdf")
                    else Markup(breaker.html(str(html), units_only=bool(context.get("prefix"))))
                )
            ),
            t=self.translate,
            t_plain=lambda text: "" if text is None else UNCLEAR.sub(r"\1", text(lang)),
            t_inline=self.translate_inline,
            marked=lambda text: self._unclear(escape(text)),  # plain data text that may hold {?…?}
            unmarked=lambda text: UNCLEAR.sub(r"\1", text),
            heading=self.heading,
            md=markdown_escape,
            fill=self.fill,
            yen=lambda value: formats.yen(value, lang),
            signed_yen=lambda value: formats.signed_yen(value, lang),
            column_number=lambda value: formats.column_number(value, lang),
            fy=lambda year: formats.fiscal_year(year, lang),
            phase=lambda phase: self.ui(f"phase_{phase.kind.value}", year=formats.fiscal_year(phase.fiscal_year, lang)),
            month_year=lambda day: formats.month_year(day, lang),
            long_date=lambda day: formats.long_date(day, lang),
            circled=lambda number: formats.circled(number) if lang == "ja" else str(number),
            inferred_start=lambda month: formats.infer_start(month, edition_date),
            ref=lambda item_id, collection: data.item(collection, item_id),
            referrers=data.referrers_of,
            parent=data.parent,
            collection_of=briefing.collection_of,
            iso_date=dt.date.fromisoformat,
            identity=lambda value: identity(value) or "…",
        )
        self.env.tests.update(
            mentioning=mentioning,
            text=lambda value: isinstance(value, Text),
            amount=lambda value: isinstance(value, Decimal),
            model=lambda value: isinstance(value, BaseModel),
        )
        self.env.globals.update(
            lang=lang,
            other_lang="en" if lang == "ja" else "ja",
            ui=self.ui,
            data=data,
            edition=briefing.edition,
            declaration=briefing.declaration,
            block_kind=block_kind,
            phases_of=lambda programme: budget.phases_of(programme, data["phases"]),
            pages_citing=self.pages_citing,
            page_at=self.page_at,
            unclear_phrases=lambda: unclear_phrases(briefing),
            changes=lambda amounts: budget.changes(data["phases"], amounts),
            budget_bars=self.budget_bars,
            kpi_bars=self.kpi_bars,
            href=_href,
            href_current=_href_current,
            anchor=_anchor,
            hashes=_hashes,
            site_prefix=prefix,
            word_diff=word_diff,
            reading=[],  # set for a whole build: the reading order, the downloads, moved rows, the guide
            downloads=[],
            pdf_file=None,  # the PDF of the whole briefing, when the build makes one (pdf.py)
            moved={},
            guide=[],
            guide_names={},
            guided=GUIDED,  # the groups of messages the editor's guide explains, in its order
            field_steps=lambda item, change: change.steps(type(item)),
            item_label=self.item_label,
            history=None,
            changes_since=None,
            item_address=lambda date, collection, item_id: None,
            changes_of=lambda collection, item_id: None,
            lagging=lambda collection, item_id: False,
            offline_copy=None,
            offline_archive="",
        )
        unknown = set(self.env.globals) - set(DATA_NAMES) - PLAIN_NAMES
        assert not unknown, f"say what reading these template names means (reads.DATA_NAMES): {unknown}"

    def base_digest(self) -> str:
        """What every page of this renderer reads besides what is recorded: the language, its interface
        strings, the declaration, the edition, the glossary's abbreviations and the names kept whole."""
        edition = self.briefing.edition
        return digest(
            self.lang,
            self.prefix,
            repr(sorted(self.strings.items())),
            self.briefing.declaration.model_dump_json(),
            edition.model_dump_json(),
            repr(sorted(self.abbreviations.items())),
            repr(self.names),
        )

    def pages_citing(self, section_id: str) -> list:
        """The pages that show data from a part of the deck, by collection (addresses.pages_citing)."""
        if self._citing is None:
            self._citing = pages_citing(self.briefing)
        return self._citing.get(section_id, [])

    def page_at(self, address: str) -> tuple:
        """(collection, item) of the collection page at ``address`` (item None: the index page)."""
        if self._plan is None:
            self._plan = collection_pages(self.briefing)
        return self._plan[address]

    def page(self, template: str, src_path: str, context: dict) -> tuple[str, set]:
        """A page's Markdown, and the keys of what it read (the items it is given among them)."""
        reads = self.reads.start()
        try:
            for name, value in context.items():
                if name == "item":
                    collection = self.briefing.collection_of(value)
                    self.reads.add(("item", self.data._edition, collection, self.briefing.id_of(collection, value)))
                elif name == "items":
                    self.reads.add(("collection", self.data._edition, context["collection"].id))
                elif name in CONTEXT_READS:
                    for read in CONTEXT_READS[name]:
                        self.reads.add(read)
            return self.render(template, src_path, **context), reads
        finally:
            self.reads.stop()

    def changes_of(self, changes, collection: str, item_id: str):
        """What changed in an item since the last edition (the changes box of its page)."""
        self.reads.add(("item", None, collection, item_id))
        self.reads.add(("value", "editions"))
        return changes(collection, item_id)

    def translate(self, text: Text | None) -> Markup | str:
        """Text for HTML content. Missing English shows the Japanese, marked as such and announced."""
        if text is None:
            return ""
        if isinstance(text, RichText) and not text.missing(self.lang):
            return self._unclear(self.rich(text(self.lang)))
        if not text.missing(self.lang):
            return self._unclear(self.explain_abbreviations(text(self.lang)))
        return Markup('<span lang="ja">{}</span> <span class="briefing-pending">{}</span>').format(
            self._unclear(escape(text.ja)), self.ui("not_translated")
        )

    def translate_inline(self, text: Text | None) -> Markup | str:
        """Like ``translate``, for list items and table cells: Markdown without a wrapping paragraph."""
        if isinstance(text, RichText) and not text.missing(self.lang):
            return self._unclear(self.rich(text(self.lang), inline=True))
        return self.translate(text)

    def _unclear(self, html: Markup) -> Markup:
        """{?phrase?} marks a phrase of the source that cannot be read with confidence: it is shown as
        written, followed by a visible label ({??}: the label alone, where nothing can be shown), which
        gives the probable reading a correction has for the phrase (marks.py)."""
        if "{?" not in html:
            return html
        self.reads.add(("everything", self.data._edition))  # the probable readings: the corrections' (marks.py)
        mark = self.env.get_template("_macros.html.j2").module.unclear
        if self._readings is None:
            self._readings = {found.phrase: found.probable for found in unclear_phrases(self.briefing)}

        def marked(found: re.Match) -> str:
            phrase = Markup(found.group(1))
            return str(mark(phrase, self._readings.get(phrase.unescape())))

        return Markup(UNCLEAR.sub(marked, str(html)))

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
        escaped = markdown_escape(UNCLEAR.sub(r"\1", text(self.lang)))
        if not text.missing(self.lang):
            return escaped
        return Markup('<span lang="ja">{}</span>').format(escaped)

    def ui(self, key: str, **values: Any) -> Markup:
        """An interface string from strings/<lang>.yml, with escaped placeholders; `x` is shown as code.
        Without values, {placeholders} stay as they are (for scripts that fill them)."""
        if key not in self.strings:
            raise TemplateRuntimeError(say("string_missing", key=key, lang=self.lang))
        text = Markup(_CODE.sub(r"<code>\1</code>", str(escape(self.strings[key]))))
        try:
            return text.format(**{k: escape(v) for k, v in values.items()}) if values else text
        except (KeyError, IndexError, ValueError) as err:
            raise TemplateRuntimeError(say("string_placeholder", key=key, placeholder=err)) from None

    def fill(self, text: Text, **values: Any) -> Markup:
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
        """億円 as the macros mark it up, made once: loading the macros module runs the whole template."""
        if self._oku_markup is None:
            self._oku_markup = self.env.get_template("_macros.html.j2").module.oku()
        return self._oku_markup

    def item_label(self, collection: str, item_id: str) -> str:
        """An item as a change names it (a budget phase by its year, another item by its name), or its id."""
        self.reads.add(("item", self.data._edition, collection, item_id))
        item = self.briefing.index(collection).get(item_id) if collection in self.briefing.items else None
        if item is None:
            return item_id
        if isinstance(item, BudgetPhase):
            return str(self.env.filters["phase"](item))
        name = getattr(item, self.briefing.spec(collection).name_key, None)
        return UNCLEAR.sub(r"\1", name(self.lang)) if isinstance(name, Text) else item_id

    def budget_bars(self, programme, together: list) -> BarChart:
        """Bars per budget line, one per phase in the order of the table beside the chart, each phase drawn
        as its kind, on one scale with the programmes charted ``together`` on the page (which says so);
        lines outside the total drawn apart."""
        phases = budget.phases_of(programme, self.data["phases"])
        label = self.env.filters["phase"]
        series = [Series(phase.id, label(phase), budget.CHART_STYLES[phase.kind]) for phase in phases]
        rows = [
            Row(
                line.name(self.lang),
                {phase.id: line.amounts.get(phase.id) for phase in phases},
                {
                    phase.id: formats.yen(line.amounts[phase.id], self.lang)
                    for phase in phases
                    if phase.id in line.amounts
                },
                counted=line.in_total,
            )
            for line in programme.lines
        ]
        scale = budget.chart_scale(together)
        amount = formats.yen(scale, self.lang) if scale else ""
        shared = len(together) > 1  # the page's charts share it, and each says so
        scale_text = (
            ""
            if not scale
            else self.ui("chart_scale_shared", amount=amount)
            if shared
            else self.ui("chart_scale", amount=amount)
        )
        scale_text = str(scale_text)
        return bar_chart(f"chart-{programme.id}", series, rows, scale=scale, scale_text=scale_text)

    def kpi_bars(self, kpis) -> BarChart | None:
        """Current values against the target, for indicators where both count the same thing; each on its
        own scale. An indicator with two current values says under each bar what it counts."""
        kpis = [kpi for kpi in kpis if kpi.chart]
        if not kpis:
            return None
        series = [
            Series("baseline-1", str(self.ui("kpi_baseline")), "hatched"),
            Series("baseline-2", str(self.ui("kpi_baseline_second")), "dotted"),
            Series("target", str(self.ui("kpi_target")), "solid"),
        ]
        rows = []
        for kpi in kpis:
            baselines = {f"baseline-{n}": figure for n, figure in enumerate(kpi.baselines[:2], 1)}
            figures = baselines | {"target": kpi.target}
            notes = (
                {key: figure.description(self.lang) for key, figure in baselines.items() if figure.description}
                if len(baselines) > 1
                else {}
            )
            rows.append(
                Row(
                    kpi.indicator(self.lang),
                    {key: figure.value for key, figure in figures.items()},
                    {key: figure.stated(self.lang) for key, figure in figures.items()},
                    notes,
                )
            )
        return bar_chart("chart-kpis", series, rows, scale_each_group=True)

    def render(self, template: str, src_path: str, **context: Any) -> str:
        """A page's Markdown; ``src_path`` is where it will sit (fields/materials.md)."""
        current = page_url(src_path)
        self._resolve = lambda target: relative_url(self.prefix + target, current)  # addresses in Markdown fields
        return self.env.get_template(template).render(page_path=current, **context)

    @property
    def expressions(self) -> Expressions:
        """The download columns' expressions (data/collections.yml), compiled in Jinja's sandbox: they come
        from data/, so they never see this environment's names."""
        if self._expressions is None:
            self._expressions = Expressions(self.briefing, self.lang)
        return self._expressions


def mentioning(text: Any, word: Any) -> bool:
    """Whether ``text`` already says ``word`` (a year, an abbreviation) as a word of its own: 2033 in
    「38万人（2033年目標）」, NISA in "NISA (Nippon Individual Savings Account)"; not 20 in 2033 or 20,000. A template
    adds a qualifier such as (by 2033) or (NISA) only where the text does not already give it."""
    # (a number goes on across a separator between digits: 20 is not a word of 20,000)
    pattern = rf"(?<![0-9A-Za-z])(?<![0-9][.,]){re.escape(str(word))}(?![0-9A-Za-z])(?![.,][0-9])"
    return re.search(pattern, UNCLEAR.sub(r"\1", str(text))) is not None


def _names(briefing: Briefing) -> tuple[str, ...]:
    """Names of bodies and posts the deck abbreviates (items with a ``short`` form: ministries,
    ministers), in full and short: kept whole when lines break."""
    names = set()
    for items in briefing.items.values():
        for item in items:
            short = getattr(item, "short", None)
            if isinstance(short, str):
                names.add(UNCLEAR.sub(r"\1", short))
                names.update(text.ja for _, text, _ in texts_in(item) if isinstance(text, Name))
    return tuple(sorted(names))


@lru_cache(maxsize=2)
def _phrase_breaker(names: tuple[str, ...]) -> PhraseBreaker:
    return PhraseBreaker(list(names))


def phrase_breaker(briefing: Briefing) -> PhraseBreaker:
    """Where the text of this briefing may break, its names kept whole."""
    return _phrase_breaker(_names(briefing))


@pass_context
def _href(context, target: str) -> str:
    """A link from the page being rendered to ``target`` (a site address, with #row if any), in the same
    edition as the page."""
    return relative_url(context.get("site_prefix", "") + target, context["page_path"])


@pass_context
def _href_current(context, target: str) -> str:
    """A link to ``target`` in the current edition, from a page of any edition."""
    return relative_url(target, context["page_path"])


@pass_context
def _anchor(context, name: str) -> str:
    """An id on the page: prefixed on the print page, where every page's anchors share one page."""
    prefix = context.get("prefix")
    return f"{prefix}--{name}" if prefix else name


@pass_context
def _hashes(context, level: int) -> str:
    """A Markdown heading's hashes: one level deeper on the print page."""
    return "#" * (level + context.get("offset", 0))
