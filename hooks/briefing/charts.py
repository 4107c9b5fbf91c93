"""Bar charts worked out at build time: which bars, how long, in which order; the markup is in
templates (_macros.html.j2, ``bar_chart``). Nothing is drawn by a script when a page is viewed.

Bars are lengths in percent of the widest; the labels and values are text of the page, so they
keep the page's font size at every width, and the order of the series is the order of the
table beside the chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    style: str  # solid, hatched, dotted: a pattern as well as a colour


@dataclass(frozen=True)
class Bar:
    series: Series
    percent: str  # of the chart's (or the group's) largest value, as an SVG length
    text: str


@dataclass(frozen=True)
class Group:
    label: str
    bars: list[Bar] = field(default_factory=list)


@dataclass(frozen=True)
class BarChart:
    uid: str
    series: list[Series]
    groups: list[Group]


STYLES = ("solid", "hatched", "dotted")


def bar_chart(
    uid: str,
    series: list[Series],
    rows: list[tuple[str, dict[str, Decimal | None], dict[str, str]]],
    *,
    scale_each_group: bool = False,
) -> BarChart:
    """Horizontal grouped bars: one group per row (label, value per series key, text per series key).

    All groups share one scale, unless ``scale_each_group`` (for rows measured in different units,
    such as indicators: each then runs from zero to its own largest value).
    """

    def top(values) -> Decimal:
        return max((v for v in values if v is not None), default=Decimal(1)) or Decimal(1)

    shared = top(v for _, values, _ in rows for v in values.values())
    groups = []
    for label, values, texts in rows:
        scale = top(values.values()) if scale_each_group else shared
        bars = [
            Bar(item, f"{max(values[item.key] * 100 / scale, Decimal('0.5')):.1f}%", texts[item.key])
            for item in series
            if values.get(item.key) is not None
        ]
        groups.append(Group(label, bars))
    return BarChart(uid, series, groups)
