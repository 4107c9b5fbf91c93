"""Figures and years: one stored value, rendered for each language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from briefing.cli import PROJECT
from briefing.load.domain import domain_package
from briefing.text import formats

# This briefing's budget arithmetic lives in its domain (templates/domain/budget.py).
rounding_slack = domain_package(PROJECT).budget.rounding_slack


@pytest.mark.parametrize(
    ("oku", "ja", "en"),
    [
        ("181", "181億円", "¥18.1 billion"),
        ("21.9", "21.9億円", "¥2.19 billion"),
        ("102.3", "102.3億円", "¥10.23 billion"),
        ("8.2", "8.2億円", "¥820 million"),
        ("1.1", "1.1億円", "¥110 million"),
        ("370", "370億円", "¥37.0 billion"),
        ("1090000", "1,090,000億円", "¥109,000.0 billion"),
    ],
)
def test_yen_keeps_the_source_precision(oku, ja, en):
    assert formats.yen(Decimal(oku), "ja") == ja
    assert formats.yen(Decimal(oku), "en") == en


def test_fiscal_years():
    assert formats.fiscal_year(2026, "ja") == "令和8年度（2026年度）"
    assert formats.fiscal_year(2026, "en") == "FY2026"
    assert formats.fiscal_year(2019, "ja") == "令和元年度（2019年度）"
    assert formats.fiscal_year(2018, "ja") == "平成30年度（2018年度）"  # before 令和: named, not a crash


def test_long_dates_name_the_era_of_the_day():
    assert formats.long_date(dt.date(2026, 1, 21), "ja") == "令和8年1月21日（2026年1月21日）"
    assert formats.long_date(dt.date(2019, 5, 1), "ja") == "令和元年5月1日（2019年5月1日）"
    assert formats.long_date(dt.date(2019, 4, 30), "ja") == "平成31年4月30日（2019年4月30日）"
    assert formats.long_date(dt.date(1988, 12, 1), "ja") == "1988年12月1日"


@pytest.mark.parametrize(("month", "year"), [(1, 2026), (2, 2026), (4, 2026), (11, 2025), (12, 2025)])
def test_month_only_dates_take_the_nearest_year(month, year):
    assert formats.infer_start(month, dt.date(2026, 1, 21)) == dt.date(year, month, 1)


def test_rounding_slack_allows_the_decks_rounding_but_not_typos():
    lines = [Decimal(x) for x in ("21.9", "13.9", "34.9", "8.2", "102.3")]
    assert abs(sum(lines) - Decimal(181)) <= rounding_slack(Decimal(181), lines)
    typo = [*lines[:-1], Decimal("120.3")]
    assert abs(sum(typo) - Decimal(181)) > rounding_slack(Decimal(181), typo)
