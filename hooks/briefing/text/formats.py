"""How figures, years and dates read in each language. One stored value, two renderings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

OKU = Decimal(100_000_000)  # 1億円 = ¥100 million
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# The eras a briefing's dates fall in: (first day, name, its first Western year). A fiscal year is named
# by the era of its April (平成31年度 never existed: FY2019 is 令和元年度).
_ERAS = ((dt.date(2019, 5, 1), "令和", 2019), (dt.date(1989, 1, 8), "平成", 1989))


def era_year(day: dt.date) -> str | None:
    """The era and its year for a day (令和8, 令和元, 平成30), or None before 平成."""
    for first, name, start in _ERAS:
        if day >= first:
            number = day.year - start + 1
            return f"{name}{'元' if number == 1 else number}"
    return None


def fiscal_year(year: int, lang: str) -> str:
    """令和8年度（2026年度） in Japanese, FY2026 in English; 平成30年度（2018年度） before 令和."""
    if lang != "ja":
        return f"FY{year}"
    era = era_year(dt.date(year, 5, 1))
    return f"{era}年度（{year}年度）" if era else f"{year}年度"


def yen(oku: Decimal, lang: str) -> str:
    """An amount stored in 億円: 21.9億円 / ¥2.19 billion, keeping the source's precision.

    English keeps one more decimal place in billions than the 億円 figure has, so no
    precision is lost or invented: 181 → ¥18.1 billion, 8.2 → ¥820 million.
    """
    if lang == "ja":
        return f"{_plain(oku)}億円"
    places = max(-oku.as_tuple().exponent, 0)
    yen_value = oku * OKU
    if yen_value >= Decimal(1_000_000_000):
        billions = (oku / 10).quantize(Decimal(1).scaleb(-(places + 1)))
        return f"¥{billions:,} billion"
    millions = (oku * 100).quantize(Decimal(1).scaleb(-max(places - 1, 0)))
    return f"¥{millions:,} million"


def column_number(oku: Decimal, lang: str) -> str:
    """An amount without its unit, for a table column whose header carries the unit:
    億円 in Japanese (21.9), ¥ billion in English (2.19), with the same precision rule as ``yen``."""
    if lang == "ja":
        return _plain(oku)
    places = max(-oku.as_tuple().exponent, 0)
    return f"{(oku / 10).quantize(Decimal(1).scaleb(-(places + 1))):,}"


def signed_yen(change: Decimal, lang: str) -> str:
    """A change in 億円 with its sign: +0.3億円 / +¥30 million, −1.2億円 / −¥120 million, ±0."""
    if change == 0:
        return "±0"
    return ("+" if change > 0 else "−") + yen(abs(change), lang)


def percent_change(old: Decimal, new: Decimal) -> str | None:
    """Relative change to one decimal place (+2.2%), or None when there is no base to compare with."""
    if old == 0:
        return None
    change = ((new - old) / old * 100).quantize(Decimal("0.1"))
    return "±0.0%" if change == 0 else f"{'+' if change > 0 else '−'}{abs(change)}%"


def _plain(value: Decimal) -> str:
    """Decimal as written, without exponent notation and with thousands separators."""
    return f"{value:,f}"


def circled(number: int) -> str:
    """The deck's circled numerals where Unicode has them (① to ㊿), the plain number beyond."""
    if 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if 21 <= number <= 35:
        return chr(0x3251 + number - 21)
    if 36 <= number <= 50:
        return chr(0x32B1 + number - 36)
    return str(number)


def infer_start(month: int, edition: dt.date) -> dt.date:
    """The year of a month-only date (「12月～」): the occurrence nearest the edition date."""
    candidates = [dt.date(edition.year + offset, month, 1) for offset in (-1, 0, 1)]
    return min(candidates, key=lambda day: abs((day - edition.replace(day=1)).days))


def month_year(day: dt.date, lang: str) -> str:
    return f"{day.year}年{day.month}月" if lang == "ja" else f"{_MONTHS_EN[day.month - 1]} {day.year}"


def long_date(day: dt.date, lang: str) -> str:
    """令和8年1月21日（2026年1月21日） / 21 January 2026."""
    if lang == "ja":
        era = era_year(day)
        western = f"{day.year}年{day.month}月{day.day}日"
        return f"{era}年{day.month}月{day.day}日（{western}）" if era else western
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
