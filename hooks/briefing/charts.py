"""Static SVG charts drawn at build time: no chart script, nothing fetched when a page is viewed.

Each chart has a <title> and <desc> (its text summary), labels in the page's language, and
series told apart by pattern as well as colour. Colours come from the theme's CSS variables
through classes, so the charts follow light and dark mode and print in black and white.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

WIDTH = 640
BAR = 16
GAP = 4
GROUP_GAP = 14
LABEL = 18
LEFT = 0
RIGHT = 150  # room for the value label after the longest bar


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    style: str  # css class suffix: solid, hatched, dotted


@dataclass(frozen=True)
class Group:
    label: str
    values: dict[str, Decimal | None]
    labels: dict[str, str] | None = None  # text beside each bar, if not the formatted value


_PATTERNS = """<defs>
<pattern id="{uid}-hatched" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
<rect width="6" height="6" class="chart-fill-light"/>
<line x1="0" y1="0" x2="0" y2="6" class="chart-stroke" stroke-width="3"/>
</pattern>
<pattern id="{uid}-dotted" width="5" height="5" patternUnits="userSpaceOnUse">
<rect width="5" height="5" class="chart-fill-light"/><circle cx="2.5" cy="2.5" r="1.3" class="chart-dot"/>
</pattern>
</defs>"""


def bar_chart(
    uid: str,
    title: str,
    summary: str,
    series: list[Series],
    groups: list[Group],
    format_value: Callable[[Decimal], str],
    *,
    scale_each_group: bool = False,
) -> Markup:
    """Horizontal grouped bars: one group per item, one bar per series.

    All groups share one scale, unless ``scale_each_group`` (for groups measured in different units,
    such as indicators: each then runs from zero to its own largest value).
    """

    def scale_for(candidates) -> Decimal:
        top = max((v for v in candidates if v is not None), default=Decimal(1)) or Decimal(1)
        return Decimal(WIDTH - LEFT - RIGHT) / top

    scale = scale_for(v for group in groups for v in group.values.values())
    parts = [
        f'<svg class="briefing-chart" viewBox="0 0 {WIDTH} {{height}}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(summary)}</desc>',
        _PATTERNS.format(uid=uid),
    ]
    y = 0
    for item in series:  # the legend repeats the patterns, so colour is never the only cue
        parts.append(f'<rect x="0" y="{y}" width="14" height="14" {_fill(uid, item.style)}/>')
        parts.append(f'<text x="20" y="{y + 12}" class="chart-text">{escape(item.label)}</text>')
        y += 20
    y += 10
    for group in groups:
        parts.append(f'<text x="0" y="{y + 13}" class="chart-text chart-label">{escape(group.label)}</text>')
        y += LABEL + 2
        group_scale = scale_for(group.values.values()) if scale_each_group else scale
        for item in series:
            value = group.values.get(item.key)
            if value is None:
                continue
            width = max(int(value * group_scale), 1)
            parts.append(f'<rect x="{LEFT}" y="{y}" width="{width}" height="{BAR}" {_fill(uid, item.style)}/>')
            parts.append(
                f'<text x="{LEFT + width + 6}" y="{y + BAR - 4}" class="chart-text chart-value">'
                f"{escape((group.labels or {}).get(item.key) or format_value(value))}</text>"
            )
            y += BAR + GAP
        y += GROUP_GAP
    parts.append("</svg>")
    return Markup("\n".join(parts).replace("{height}", str(y)))


def _fill(uid: str, style: str) -> str:
    if style == "solid":
        return 'class="chart-bar chart-solid"'
    return f'class="chart-bar chart-outline" fill="url(#{uid}-{style})"'
