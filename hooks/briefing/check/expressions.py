"""Expressions that come from data/: the download columns and rows of data/collections.yml.

Data is text, never code. These expressions are compiled by Jinja's sandbox (an immutable one: nothing
they reach can be changed), with only the names they need: ``item`` and ``row``, Jinja's own filters and
tests (which go through the sandbox too), and the filters over plain values that templates use as well
(``data_filters``, and the domain's). No global (Jinja's ``lipsum``, ``range``, ``cycler``… are removed),
no attribute starting with ``_``, no method that changes a value. This is the one environment not made by
the templates' factory (render/jinja.py), on purpose: the templates' environment trusts its templates
(they are the project's code), this one runs what data/ says.

``make check`` compiles every expression and evaluates it on every item in both languages, as the build
does, so that a mistake (an unknown filter, a key the items do not have, a reach outside the sandbox) is a
check error at the expression's file:line:col, not a failed build.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from ..load.briefing import Briefing
from ..load.declaration import DECLARATION
from ..messages import Message
from ..model.fields import UNCLEAR, Text
from ..problems import Problem
from ..project.files import LANGUAGES


def data_filters(data: Any, lang: str) -> dict[str, Any]:
    """The filters over plain values that templates and the download columns share: a text in ``lang``
    (``t_plain``; {?phrase?}, a phrase of the source that cannot be read with confidence, shown plainly), a
    string without its marks (``unmarked``), and the lookups that follow references. ``data``: the briefing,
    or a view of it that records what a page reads (render/reads.py), with the same ``get``,
    ``referrers_of`` and ``parent``."""
    return {
        "t_plain": lambda text: "" if text is None else UNCLEAR.sub(r"\1", text(lang)),
        "unmarked": lambda text: UNCLEAR.sub(r"\1", text),
        "ref": lambda item_id, collection: data.get(collection, item_id),
        "referrers": lambda item, collection=None: data.referrers_of(item, collection),
        "parent": data.parent,
    }


class ExpressionError(Exception):
    """An expression from data/ could not be compiled or evaluated; the message says why. ``of_item``: it
    failed on the values of one item (the caller names the item), rather than for every item."""

    def __init__(self, message: Message, of_item: bool = False):
        super().__init__(message.text("en"))
        self.message = message
        self.of_item = of_item


class Expressions:
    """The expressions of one language, compiled in the sandbox and kept."""

    def __init__(self, briefing: Briefing, lang: str):
        env = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
        env.globals.clear()
        env.filters.update(data_filters(briefing, lang) | briefing.domain.filters_over_data(briefing, lang))
        self.env = env
        self._compiled: dict[str, Any] = {}

    def compiled(self, source: str):
        """The expression, compiled; raises ``ExpressionError`` if it cannot be."""
        if source not in self._compiled:
            try:
                self._compiled[source] = self.env.compile_expression(source, undefined_to_none=False)
            except TemplateSyntaxError as err:  # an unknown filter or test too
                raise ExpressionError(Message("expression_syntax", error=err.message or err)) from None
        return self._compiled[source]

    def evaluate(self, source: str, **names: Any) -> Any:
        """The value of the expression with these names (``item``, ``row``); raises ``ExpressionError``."""
        expression = self.compiled(source)
        try:
            value = expression(**names)
            if isinstance(value, Undefined):
                value._fail_with_undefined_error()
        except SecurityError as err:
            raise ExpressionError(Message("expression_unsafe", error=err)) from None
        except UndefinedError as err:
            raise ExpressionError(_undefined(err, names), of_item=True) from None
        except TemplateError as err:
            raise ExpressionError(Message("expression_error", error=err.message or err), of_item=True) from None
        except Exception as err:  # a filter given what it cannot take: a data mistake, said as one
            error = f"{type(err).__name__}: {err}"
            raise ExpressionError(Message("expression_error", error=error), of_item=True) from None
        return value

    def column_value(self, source: str, **names: Any) -> Any:
        """The value of a column's expression, which a cell can hold; raises ``ExpressionError``."""
        value = self.evaluate(source, **names)
        if value is not None and not isinstance(value, PLAIN):
            raise ExpressionError(_not_plain(value))
        return value

    def rows(self, source: str, item: Any) -> list:
        """The rows an item gives (a ``rows`` expression)."""
        value = self.evaluate(source, item=item)
        if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
            raise ExpressionError(Message("expression_not_rows", value=repr(value)[:60]), of_item=True)
        return list(value)


# What a cell of a download can hold (besides nothing): a text, a number, yes/no, a date (JSON: ISO 8601).
PLAIN = (str, bool, int, float, Decimal, dt.date)


def _not_plain(value: Any) -> Message:
    """What a column's expression gave instead of a plain value, in words, and what to write instead."""
    if isinstance(value, Text):
        return Message("column_value_text")
    if isinstance(value, BaseModel):
        return Message("column_value_item", kind=type(value).__name__)
    if isinstance(value, list | tuple | set | frozenset):
        return Message("column_value_list")
    return Message("column_value_other", kind=type(value).__name__)


# Jinja's words for a key an item does not have: "'briefing.….StrategicField object' has no attribute 'nme'".
_NO_ATTRIBUTE = re.compile(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']*)'$")


def _undefined(err: UndefinedError, names: dict[str, Any]) -> Message:
    """A key the item does not have, named with the keys it has; any other undefined value as Jinja says it."""
    found = _NO_ATTRIBUTE.match(err.message or "")
    held = [value for value in names.values() if found and type(value).__name__ == found[1]]
    if held and isinstance(held[0], BaseModel):
        keys = ", ".join(type(held[0]).model_fields)
        return Message("expression_no_key", key=found[2], keys=keys)
    return Message("expression_error", error=err.message or err)


def expression_problems(briefing: Briefing) -> tuple[list[Problem], dict]:
    """Every download expression that cannot be compiled, or fails on an item in either language, as the
    build would evaluate it: one problem per expression, at its place in data/collections.yml. And, when
    none fails, the values: language → (collection, download) → its rows (each column's value by name),
    which the build's downloads are made of (downloads.py): evaluated once, for the check and the build."""
    declared = briefing.sources[f"data/{DECLARATION}"]
    found: dict[tuple, Message] = {}
    values: dict[str, dict[tuple[str, str], list[dict]]] = {}
    for lang in LANGUAGES:
        expressions = Expressions(briefing, lang)
        for c, spec in enumerate(briefing.declaration.collections):
            for d, download in enumerate(spec.downloads):
                problems, rows = _download_values(expressions, briefing, spec, download, lang)
                for path, message in problems:
                    found.setdefault(("collections", c, "downloads", d, *path), message)
                values.setdefault(lang, {})[spec.id, download.name] = rows
    return [declared.problem(path, message) for path, message in found.items()], {} if found else values


def _download_values(expressions: Expressions, briefing: Briefing, spec, download, lang: str):
    """(problems, rows) of one download in one language."""
    items = briefing[spec.id]
    rows_of: dict[int, list] = {}
    item = None

    def said(err: ExpressionError) -> Message:
        if not err.of_item:
            return err.message
        item_id = briefing.id_of(spec.id, item)
        return Message("expression_fails", name=briefing.item_name(spec.id), item=item_id, lang=lang, error=err.message)

    if download.rows:
        try:
            for item in items:
                rows_of[id(item)] = expressions.rows(download.rows, item)
        except ExpressionError as err:
            return [(("rows",), said(err))], []  # the columns would only fail for want of rows
    problems = []
    columns: dict[str, list] = {}
    for n, column in enumerate(download.columns):
        values = columns.setdefault(column.name, [])
        try:
            for item in items:  # (``item`` names the item in the message, if it fails)
                for row in rows_of.get(id(item), [None]):
                    values.append(expressions.column_value(column.value, item=item, row=row))
        except ExpressionError as err:
            problems.append((("columns", n, "value"), said(err)))
    if problems:
        return problems, []
    count = sum(len(rows_of.get(id(item), [None])) for item in items)
    return [], [{name: values[i] for name, values in columns.items()} for i in range(count)]
