"""Data never runs code: the download columns' expressions of data/collections.yml run in Jinja's sandbox,
with only the names they need."""

from __future__ import annotations

import pytest
from briefing.check.expressions import ExpressionError, Expressions


def test_download_expressions_have_only_the_names_they_need(briefing):
    expressions = Expressions(briefing, "ja")
    item = briefing["fields"][0]
    assert expressions.evaluate("item.name|t_plain", item=item) == item.name.ja
    for source in (
        "lipsum.__globals__.os.popen('id').read()",
        "item.__class__.__init__.__globals__",
        "item.model_config.update({'x': 1})",
        "range(10**9)|list",
        "cycler.__init__.__globals__",
    ):
        with pytest.raises(ExpressionError):
            expressions.evaluate(source, item=item)
    assert not expressions.env.globals
