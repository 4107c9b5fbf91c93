"""The rows of this briefing's charts: the budget lines of a programme in each phase, and the indicators'
current values against their targets. The engine's charts.py works out the bars; its bar_chart macro draws
them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefing.render.charts import BarChart, Row, Series, bar_chart
from briefing.text import formats

from . import budget


def budget_bars(renderer: Any, phase_label: Callable, programme: budget.Programme, together: list) -> BarChart:
    """Bars per budget line, one per phase in the order of the table beside the chart, each phase drawn
    as its kind, on one scale with the programmes charted ``together`` on the page (which says so);
    lines outside the total drawn apart."""
    lang = renderer.lang
    phases = budget.phases_of(programme, renderer.data[budget.PHASES])
    series = [Series(phase.id, phase_label(phase), budget.CHART_STYLES[phase.kind]) for phase in phases]
    rows = [
        Row(
            line.name(lang),
            {phase.id: line.amounts.get(phase.id) for phase in phases},
            {phase.id: formats.yen(line.amounts[phase.id], lang) for phase in phases if phase.id in line.amounts},
            counted=line.in_total,
        )
        for line in programme.lines
    ]
    scale = budget.chart_scale(together)
    amount = formats.yen(scale, lang) if scale else ""
    shared = len(together) > 1  # the page's charts share it, and each says so
    scale_text = (
        ""
        if not scale
        else renderer.ui("chart_scale_shared", amount=amount)
        if shared
        else renderer.ui("chart_scale", amount=amount)
    )
    return bar_chart(f"chart-{programme.id}", series, rows, scale=scale, scale_text=str(scale_text))


def kpi_bars(renderer: Any, kpis: list) -> BarChart | None:
    """Current values against the target, for indicators where both count the same thing; each on its
    own scale. An indicator with two current values says under each bar what it counts."""
    lang = renderer.lang
    kpis = [kpi for kpi in kpis if kpi.chart]
    if not kpis:
        return None
    series = [
        Series("baseline-1", str(renderer.ui("kpi_baseline")), "hatched"),
        Series("baseline-2", str(renderer.ui("kpi_baseline_second")), "dotted"),
        Series("target", str(renderer.ui("kpi_target")), "solid"),
    ]
    rows = []
    for kpi in kpis:
        baselines = {f"baseline-{n}": figure for n, figure in enumerate(kpi.baselines[:2], 1)}
        figures = baselines | {"target": kpi.target}
        notes = (
            {key: figure.description(lang) for key, figure in baselines.items() if figure.description}
            if len(baselines) > 1
            else {}
        )
        rows.append(
            Row(
                kpi.indicator(lang),
                {key: figure.value for key, figure in figures.items()},
                {key: figure.stated(lang) for key, figure in figures.items()},
                notes,
            )
        )
    return bar_chart("chart-kpis", series, rows, scale_each_group=True)
