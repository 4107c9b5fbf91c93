"""This briefing's domain: what MEXT's deck of 21 January 2026 is about, in Python, beside its templates.

The engine (hooks/briefing/) turns any briefing's YAML into a bilingual site; it knows no budget, indicator
or working group. This package is where this briefing says what those are. The engine loads it from here
and from nowhere else (``briefing.load.domain.load_domain``: by path, under a name of its own for this
project, as ``DOMAIN``), and a second briefing replaces the whole templates/ folder, this package with it,
or has none.

What is here
    models.py       strategic fields, cross-cutting issues, ministries and ministers, working groups,
                    priority technology areas
    budget.py       budget phases, programmes and their lines, and the budget's arithmetic: sums of lines,
                    the rounding a stated total allows, the phases a programme has figures for, year-on-year
                    changes
    indicators.py   the KPIs, and the page block that shows some of them
    committees.py   the committees and their members, and the page block that shows one
    labels.py       what these models' keys are called on the changes page
    charts.py       the rows of the budget and KPI charts
    filters.py      the filters and functions of this briefing's templates (a phase by its year, the charts…)
    messages.py     its catalogue of messages: ../messages/<lang>.yml (what its checks say)

and, in the folders around it, its templates (one folder per collection, ``_briefing.html.j2``, blocks/)
and interface strings (strings/<lang>.yml).

Where the boundary is, and why
    The engine keeps what any briefing drawn from a source deck needs: the field types (texts in both
    languages, names, ids, counts, amounts in 億円, dates, ``Ref`` and ``Unique``), the edition (the deck, its
    parts and sections), the pages that retell the deck with their five generic blocks, the glossary (its
    abbreviations explained on every page, its terminology check) and the corrections of the extracted text,
    redirects, editions and changes, downloads, the PDF, the generic pages of a declared collection. A glossary
    and corrections belong to every briefing extracted from slides, so the engine has them; which collection
    is the glossary is said by data/collections.yml (its model is ``Term``).
    Everything that is this deck's subject is here: a collection of this briefing, a rule between its items
    (totals that add up, one working group per field), a computation its pages show, the words its templates
    use. The engine names none of it (tests/test_architecture.py checks that).
"""

from __future__ import annotations

from briefing.model.domain import Domain

from . import budget, committees, filters, indicators, labels, models
from .messages import MESSAGES

DOMAIN = Domain(
    models=(
        models.StrategicField,
        models.CrossCuttingIssue,
        models.Ministry,
        models.Minister,
        models.WorkingGroup,
        models.TechnologyArea,
        budget.BudgetPhase,
        budget.Programme,
        budget.BudgetLine,
        indicators.Kpi,
        committees.Committee,
    ),
    blocks=(committees.CommitteeBlock, indicators.KpisBlock),
    key_labels=labels.KEY_LABELS,
    messages=MESSAGES,
    data_filters=filters.data_filters,
    template_names=filters.template_names,
)
