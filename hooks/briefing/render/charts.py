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
    note: str = ""  # what the figure counts, where the legend alone cannot say (two current values)


@dataclass(frozen=True)
class Group:
    label: str
    bars: list[Bar] = field(default_factory=list)
    counted: bool = True  # False: shown for information, outside the total (drawn apart, and said so)


@dataclass(frozen=True)
class Row:
    """One group of bars: its label, and per series key its value, its text and any note."""

    label: str
    values: dict[str, Decimal | None]
    texts: dict[str, str]
    notes: dict[str, str] = field(default_factory=dict)
    counted: bool = True


@dataclass(frozen=True)
class BarChart:
    uid: str
    series: list[Series]
    groups: list[Group]
    scale: str = ""  # what the full length of a bar stands for, when several charts share one scale

    @property
    def has_uncounted(self) -> bool:
        return not all(group.counted for group in self.groups)


STYLES = ("solid", "hatched", "dotted")


def bar_chart(
    uid: str,
    series: list[Series],
    rows: list[Row],
    *,
    scale_each_group: bool = False,
    scale: Decimal | None = None,
    scale_text: str = "",
) -> BarChart:
    """Horizontal grouped bars, one group per row.

    All groups share one scale: the largest value of the chart, or ``scale`` (the largest of several
    charts read side by side, which ``scale_text`` names); with ``scale_each_group``, each group runs
    from zero to its own largest value (rows measured in different units, such as indicators).
    """

    def top(values) -> Decimal:
        return max((v for v in values if v is not None), default=Decimal(1)) or Decimal(1)

    shared = scale or top(v for row in rows for v in row.values.values())
    groups = []
    for row in rows:
        length = top(row.values.values()) if scale_each_group else shared
        bars = [
            Bar(
                item,
                f"{max(value * 100 / length, Decimal('0.5')):.1f}%",
                row.texts[item.key],
                row.notes.get(item.key, ""),
            )
            for item in series
            if (value := row.values.get(item.key)) is not None
        ]
        groups.append(Group(row.label, bars, row.counted))
    return BarChart(uid, series, groups, scale_text if scale else "")
