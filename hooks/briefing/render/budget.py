"""Budget arithmetic that pages show: which phases a programme has figures for, and year-on-year
changes. Computed from the stored amounts, never typed into the data."""

from __future__ import annotations

from decimal import Decimal

from ..model.models import BudgetPhase, PhaseKind, Programme
from ..text.formats import percent_change

# How a phase is drawn in the charts: by its kind, so that a supplementary budget looks the same in every
# chart (not by its place among the phases a chart happens to show).
CHART_STYLES = {PhaseKind.draft: "solid", PhaseKind.initial: "hatched", PhaseKind.supplementary: "dotted"}


def chart_scale(programmes: list[Programme]) -> Decimal | None:
    """The largest amount of any line of these programmes: the scale of their charts on a page, so that
    bars of the same length there are the same amount."""
    return max((amount for p in programmes for line in p.lines for amount in line.amounts.values()), default=None)


def phases_of(programme: Programme, phases: list[BudgetPhase]) -> list[BudgetPhase]:
    """The phases, in table order, for which the programme states a total or a line has a figure."""
    used = set(programme.totals) | {phase for line in programme.lines for phase in line.amounts}
    return [phase for phase in phases if phase.id in used]


def comparisons(phases: list[BudgetPhase]) -> list[tuple[BudgetPhase, BudgetPhase]]:
    """(earlier, later) phase pairs worth comparing: each draft budget against the previous year's budget."""
    initial = {phase.fiscal_year: phase for phase in phases if phase.kind == PhaseKind.initial}
    return [
        (initial[phase.fiscal_year - 1], phase)
        for phase in phases
        if phase.kind == PhaseKind.draft and phase.fiscal_year - 1 in initial
    ]


def changes(phases: list[BudgetPhase], amounts: dict[str, Decimal]) -> list[dict]:
    """Year-on-year changes between the stated amounts."""
    result = []
    for earlier, later in comparisons(phases):
        if earlier.id in amounts and later.id in amounts:
            old, new = amounts[earlier.id], amounts[later.id]
            result.append(
                {"earlier": earlier, "later": later, "change": new - old, "percent": percent_change(old, new)}
            )
    return result
