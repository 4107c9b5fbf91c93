"""The data's texts as a page shows them, in its language: the filters ``t``, ``t_inline``, ``heading``,
``marked`` and ``phrases``. Missing English shows the Japanese, marked and announced; a glossary's
abbreviations are explained wherever plain text uses them; a phrase of the source marked unclear ({?…?})
is shown with its label; Japanese may break only between phrases, its names and amounts kept whole.

Templates write raw HTML blocks for content and Markdown only for headings, so that every string from
YAML is HTML-escaped (autoescape) and, in headings, also Markdown-escaped (``heading``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from ..load.briefing import Briefing
from ..load.declaration import item_model
from ..model.fields import UNCLEAR, Name, RichText, Text
from ..model.glossary import Term
from ..model.walk import texts_in
from ..text.phrases import PhraseBreaker
from .marks import unclear_phrases
from .reads import Reads
from .rich_text import RichTextRenderer, markdown_escape


def glossaries(briefing: Briefing) -> list[str]:
    """The collections that are glossaries: those data/collections.yml declares with the model ``Term``."""
    return [spec.id for spec in briefing.declaration.collections if issubclass(item_model(spec), Term)]


def abbreviations(briefing: Briefing, lang: str) -> dict[str, str]:
    """The glossaries' abbreviations (ARIM, DxMT…) and what each stands for in ``lang``."""
    terms = [term for collection in glossaries(briefing) for term in briefing[collection]]
    return {term.abbr: term.name(lang) for term in terms if term.abbr}


def names_kept_whole(briefing: Briefing) -> tuple[str, ...]:
    """Names of bodies and posts the deck abbreviates (items with a ``short`` form), in full and short: kept
    whole when lines break."""
    names = set()
    for items in briefing.items.values():
        for item in items:
            short = getattr(item, "short", None)
            if isinstance(short, str):
                names.add(UNCLEAR.sub(r"\1", short))
                names.update(text.ja for _, text, _ in texts_in(item) if isinstance(text, Name))
    return tuple(sorted(names))


def phrase_breaker(briefing: Briefing) -> PhraseBreaker:
    """Where the text of this briefing may break, its names kept whole."""
    return PhraseBreaker(list(names_kept_whole(briefing)))


def mentioning(text: Any, word: Any) -> bool:
    """Whether ``text`` already says ``word`` (a year, an abbreviation) as a word of its own: 2033 in
    「38万人（2033年目標）」, NISA in "NISA (Nippon Individual Savings Account)"; not 20 in 2033 or 20,000. A template
    adds a qualifier such as (by 2033) or (NISA) only where the text does not already give it."""
    # (a number goes on across a separator between digits: 20 is not a word of 20,000)
    pattern = rf"(?<![0-9A-Za-z])(?<![0-9][.,]){re.escape(str(word))}(?![0-9A-Za-z])(?![.,][0-9])"
    return re.search(pattern, UNCLEAR.sub(r"\1", str(text))) is not None


class Texts:
    """The text filters of one language and edition. ``ui``: its interface strings; ``macros``: the macros
    module (its ``unclear`` label); ``resolve``: how a site address in a rich text becomes a link from the page
    being rendered; what is read is recorded in ``reads`` (``edition``: the pages' edition)."""

    def __init__(
        self,
        briefing: Briefing,
        lang: str,
        ui: Callable[..., Markup],
        macros: Callable[[], Any],
        resolve: Callable[[], Callable | None],
        reads: Reads,
        edition: str | None,
    ):
        self.briefing, self.lang, self.ui, self._macros = briefing, lang, ui, macros
        self.reads, self.edition = reads, edition
        self.abbreviations = abbreviations(briefing, lang)
        self.rich = RichTextRenderer(self.abbreviations, resolve)
        self.names = names_kept_whole(briefing)
        self.breaker = PhraseBreaker(list(self.names))
        self._abbr_pattern = (
            re.compile(
                r"(?<![A-Za-z0-9])("
                + "|".join(map(re.escape, sorted(self.abbreviations, key=len, reverse=True)))
                + r")(?![A-Za-z0-9])"
            )
            if self.abbreviations
            else None
        )
        self._readings: dict[str, str | None] | None = None  # unclear phrase → its probable reading

    def filters(self) -> dict[str, Callable]:
        return {
            "t": self.translate,
            "t_inline": self.translate_inline,
            "marked": lambda text: self.unclear(escape(text)),  # plain data text that may hold {?…?}
            "heading": self.heading,
            "md": markdown_escape,
            "phrases": self.phrases,
        }

    def phrases(self, html: Any, units_only: bool = False, for_pdf: bool = False) -> Markup:
        """Japanese broken only between phrases. The PDF's pages are rendered with for_pdf set: the PDF splits
        their text itself; the print page's (a prefix for its anchors), only the units kept whole, to keep
        its DOM small. (Given as arguments rather than read from the template's context: a filter that takes
        the context is compiled differently, and the check's compiled templates could not be reused.)"""
        if for_pdf:
            return html
        return Markup(self.breaker.html(str(html), units_only=bool(units_only)))

    def translate(self, text: Text | None) -> Markup | str:
        """Text for HTML content. Missing English shows the Japanese, marked as such and announced."""
        if text is None:
            return ""
        if isinstance(text, RichText) and not text.missing(self.lang):
            return self.unclear(self.rich(text(self.lang)))
        if not text.missing(self.lang):
            return self.unclear(self.explain_abbreviations(text(self.lang)))
        return Markup('<span lang="ja">{}</span> <span class="briefing-pending">{}</span>').format(
            self.unclear(escape(text.ja)), self.ui("not_translated")
        )

    def translate_inline(self, text: Text | None) -> Markup | str:
        """Like ``translate``, for list items and table cells: Markdown without a wrapping paragraph."""
        if isinstance(text, RichText) and not text.missing(self.lang):
            return self.unclear(self.rich(text(self.lang), inline=True))
        return self.translate(text)

    def unclear(self, html: Markup) -> Markup:
        """{?phrase?} marks a phrase of the source that cannot be read with confidence: it is shown as
        written, followed by a visible label ({??}: the label alone, where nothing can be shown), which
        gives the probable reading a correction has for the phrase (marks.py)."""
        if "{?" not in html:
            return html
        self.reads.add(("everything", self.edition))  # the probable readings: the corrections' (marks.py)
        mark = self._macros().unclear
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
