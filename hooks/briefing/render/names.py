"""Every name a template may use, put in one place: the filters, tests and globals of a renderer, the
engine's and its briefing's domain's (model/domain.py), and what reading each one means for the record of
what a page reads (reads.DATA_NAMES for those that carry data; the others are functions and constants)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jinja2 import Undefined
from pydantic import BaseModel

from ..check.edition_diff import identity, word_diff
from ..check.expressions import data_filters
from ..load.domain import PACKAGE
from ..messages import Message, guided
from ..model.fields import Text
from ..model.labels import KEY_LABELS
from ..model.pages import block_kind
from ..plan.urls import page_url
from ..problems import DataError, Problem
from ..text import formats
from . import links
from .generic_pages import shown_keys
from .marks import unclear_phrases
from .reads import DATA_NAMES
from .texts import glossaries, mentioning

# The engine's template names that carry no data: functions and constants (reads.DATA_NAMES has the others).
PLAIN_NAMES = frozenset(
    {
        "lang", "other_lang", "ui", "declaration", "block_kind", "href", "href_current", "anchor", "hashes",
        "site_prefix", "word_diff", "changes_of", "lagging", "offline_archive", "range", "dict", "lipsum",
        "cycler", "joiner", "namespace", "guided", "field_steps", "item_label", "glossary", "keys_of",
    }
)  # fmt: skip


@dataclass(frozen=True)
class BuildValues:
    """What the pages of a build are given besides the data, for the renderer of the current edition
    (``current``) or of an older one: the reading order, the editions and what changed, the moved rows, the
    PDF, the offline copy and the downloads (a function of the renderer, made when first asked)."""

    reading: list = field(default_factory=list)
    history: Any = None
    current: bool = False
    moved: dict = field(default_factory=dict)
    stale: frozenset = frozenset()  # (collection, id) of items whose English may lag
    item_address: Callable[[str, str, str], str | None] = lambda date, collection, item_id: None
    offline_copy: int | None = None
    offline_archive: str = ""
    pdf_file: Any = None
    downloads: Callable[[Any], list] | None = None  # (the renderer) → its downloads


class Later:
    """A list a template may use, made when a template first uses it (the editor's guide's reference, the
    downloads): a page that does not use it costs nothing."""

    def __init__(self, make: Callable[[], list]):
        self._make, self._made = make, None

    def _list(self) -> list:
        if self._made is None:
            self._made = list(self._make())
        return self._made

    def __iter__(self):
        return iter(self._list())

    def __len__(self) -> int:
        return len(self._list())

    def __getitem__(self, index):
        return self._list()[index]


def defined(value: Any) -> Any:
    """The value; a name the template misspelt (undefined) fails as such, where a lookup of it would fail
    with a number the editor cannot read."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    return value


def template_names(renderer: Any, values: BuildValues) -> tuple[dict, dict, dict]:
    """(filters, tests, globals) of the templates of ``renderer`` (renderer.Renderer, which calls this)."""
    lang, briefing, data = renderer.lang, renderer.briefing, renderer.data
    domain = briefing.domain
    own = domain.names_for(renderer)
    lookups = links.Lookups(briefing, renderer.reads, renderer.edition, lang, own.labels)
    labels = {**KEY_LABELS, **domain.key_labels}
    domain_filters = {**domain.filters_over_data(briefing, lang), **own.filters}
    filters = {
        **data_filters(data, lang),
        **renderer.texts.filters(),
        "fill": renderer.fill,
        "yen": lambda value: formats.yen(value, lang),
        "signed_yen": lambda value: formats.signed_yen(value, lang),
        "column_number": lambda value: formats.column_number(value, lang),
        "fy": lambda year: formats.fiscal_year(year, lang),
        "month_year": lambda day: formats.month_year(day, lang),
        "long_date": lambda day: formats.long_date(day, lang),
        "circled": lambda number: formats.circled(number) if lang == "ja" else str(number),
        "collection_of": lambda item: briefing.collection_of(defined(item)),
        "iso_date": dt.date.fromisoformat,
        "identity": lambda value: identity(value) or "…",
    }
    tests = {
        "mentioning": mentioning,
        "text": lambda value: isinstance(value, Text),
        "amount": lambda value: isinstance(value, Decimal),
        "model": lambda value: isinstance(value, BaseModel),
        "date": lambda value: isinstance(value, dt.date),
    }
    latest = values.history.latest if values.current and values.history else None
    glossary = next(iter(glossaries(briefing)), None)
    names = {
        "lang": lang,
        "other_lang": "en" if lang == "ja" else "ja",
        "ui": renderer.ui,
        "data": data,
        "edition": briefing.edition,
        "declaration": briefing.declaration,
        "glossary": glossary
        and {"id": glossary, "address": page_url(briefing.spec(glossary).index_path or "index.md")},
        "block_kind": block_kind,
        "pages_citing": lookups.pages_citing,
        "page_at": lookups.page_at,
        "item_label": lookups.item_label,
        "unclear_phrases": lambda: unclear_phrases(briefing),
        "href": links.href,
        "href_current": links.href_current,
        "anchor": links.anchor,
        "hashes": links.hashes,
        "site_prefix": renderer.prefix,
        "word_diff": word_diff,
        "guided": guided(*([domain.messages] if domain.messages else [])),  # the guide's sections, in order
        "field_steps": lambda item, change: change.steps(type(item), labels),
        "keys_of": lambda collection: shown_keys(collection, labels),  # (the engine's pages of a collection)
        "reading": values.reading,
        "history": values.history,
        "downloads": Later(lambda: renderer.downloads) if values.downloads else [],
        "pdf_file": values.pdf_file,
        "moved": values.moved,
        "guide": Later(lambda: renderer.guide()) if values.current else [],
        "guide_names": renderer.guide_names() if values.current else {},
        "changes_since": latest.old_date if latest else None,
        "item_address": values.item_address,
        "changes_of": (
            (lambda c, i: renderer.changes_of(lambda c, i: latest.of(c, i) if latest else None, c, i))
            if values.current
            else (lambda c, i: None)
        ),
        "lagging": (
            (lambda c, i: renderer.changes_of(lambda c, i: (c, i) in values.stale, c, i))
            if values.current
            else (lambda c, i: False)
        ),
        "offline_copy": values.offline_copy,
        "offline_archive": values.offline_archive,
    }
    unknown = set(names) - set(DATA_NAMES) - PLAIN_NAMES
    assert not unknown, f"say what reading these template names means (reads.DATA_NAMES): {unknown}"
    # A domain adds names; it never replaces one of the engine's (its templates rely on them).
    taken = sorted((domain_filters.keys() & filters.keys()) | (own.tests.keys() & tests.keys()))
    taken += sorted(own.functions.keys() & names.keys())
    if taken:  # (said at the domain's entry point, where its names are given)
        where = (PACKAGE / "__init__.py").as_posix()
        raise DataError([Problem(where, 1, 1, "", "", Message("domain_name_taken", names=taken))])
    return filters | domain_filters, tests | dict(own.tests), names | dict(own.functions)


def unknown_names(env: Any, used: list[tuple[str, int, str, str]]) -> list[Problem]:
    """A problem for each filter or test that a page template names (check/templates.NameUse) and the
    environment ``env`` of a renderer does not have: ``make check`` and the build report them all, at their
    file:line, before any page is rendered (Jinja would fail on the first, and only on a page that reaches it)."""
    known = {"filter": env.filters, "test": env.tests}
    problems = []
    for file, line, kind, name in used:
        if name in known[kind]:
            continue
        close = difflib.get_close_matches(name, list(known[kind]), n=1, cutoff=0.8)
        if close:  # a likely name, else every name (not ==, < and the like, which follow no 'is')
            more = Message("did_you_mean", guess=close[0])
        else:
            listed = sorted(known_name for known_name in known[kind] if known_name.isidentifier())
            more = Message("template_filters_are" if kind == "filter" else "template_tests_are", allowed=listed)
        message = Message(
            "template_unknown_filter" if kind == "filter" else "template_unknown_test", name=name, more=more
        )
        problems.append(Problem(file, line, 1, "", "", message))
    return problems
