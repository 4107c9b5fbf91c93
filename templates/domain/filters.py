"""What this briefing's templates and download columns use besides the engine's filters: a budget phase
named by its year and kind, the phases a programme has figures for, year-on-year changes, the charts' bars,
and a working group's start inferred from the month the deck gives."""

from __future__ import annotations

from typing import Any

from briefing.model.domain import TemplateNames
from briefing.text import formats

from . import budget, charts


def data_filters(data: Any, lang: str) -> dict:
    """Filters over plain values, for the templates and for the download columns' expressions (in Jinja's
    sandbox): ``item.start_month|inferred_start`` is the month the deck gives, in the year inferred from the
    edition date."""
    edition_date = data.edition.edition_date
    return {"inferred_start": lambda month: formats.infer_start(month, edition_date)}


def template_names(renderer: Any) -> TemplateNames:
    """The filters and functions of this briefing's templates, for one renderer (a language, an edition). Data
    is reached through ``renderer.data``, which records what each page reads."""
    lang, data = renderer.lang, renderer.data

    def phase(value: budget.BudgetPhase) -> str:
        return renderer.ui(f"phase_{value.kind.value}", year=formats.fiscal_year(value.fiscal_year, lang))

    return TemplateNames(
        filters={"phase": phase},
        functions={
            "phases_of": lambda programme: budget.phases_of(programme, data[budget.PHASES]),
            "year_on_year": lambda amounts: budget.year_on_year_changes(data[budget.PHASES], amounts),
            "budget_bars": lambda programme, together: charts.budget_bars(renderer, phase, programme, together),
            "kpi_bars": lambda kpis: charts.kpi_bars(renderer, kpis),
        },
        labels={budget.BudgetPhase: lambda item: str(phase(item))},
    )
