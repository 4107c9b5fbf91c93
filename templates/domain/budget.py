"""The budget: its phases (the columns of the budget tables), its programmes and their lines, and the
arithmetic the pages show and the checks apply: sums of lines, the slack the source's rounding allows,
which phases a programme has figures for, and year-on-year changes. Computed from the stored amounts,
never typed into the data; amounts are exact (``Decimal``), never floating point.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from briefing.model.fields import (
    ID_DOC,
    SOURCE_DOC,
    Count,
    Entry,
    Id,
    ItemProblem,
    Name,
    OkuYen,
    Ref,
    RichText,
    SectionId,
    Strict,
    Text,
    doc,
)
from briefing.text.formats import percent_change
from pydantic import field_validator

from .messages import MESSAGES

PHASES = "phases"  # the collection of budget phases (data/collections.yml), which amounts and totals name


def rounding_slack(total: Decimal, parts: list[Decimal]) -> Decimal:
    """How far a sum of parts may be from a stated total that was rounded for the slide.

    The total is rounded to its own last digit (181 means 180.5–181.5), and each part
    to its own, so the slack is half a unit of the total plus half a unit of each part.
    """

    def half_unit(value: Decimal) -> Decimal:
        return Decimal(1).scaleb(value.as_tuple().exponent) / 2

    return half_unit(total) + sum((half_unit(part) for part in parts), Decimal(0))


class PhaseKind(StrEnum):
    draft = "draft"  # 予算額（案）: the government's proposal to the Diet
    initial = "initial"  # 当初予算額
    supplementary = "supplementary"  # 補正予算額


class BudgetPhase(
    Strict, json_schema_extra={"label": {"ja": "予算区分", "en": "A budget phase (a column of the budget tables)"}}
):
    """One column of the budget tables, e.g. the FY2026 draft budget."""

    id: Id = doc("The phase's id, used in amounts and totals.", "予算区分のID。amounts と totals で使います。")
    fiscal_year: Count = doc(
        "The Western year in which the fiscal year starts: 令和8年度 is 2026.",
        "年度の西暦（令和8年度なら2026）。",
        ge=1989,
        le=2100,
    )
    kind: PhaseKind = doc(
        "draft （予算額（案））, initial （当初予算額） or supplementary （補正予算額）.",
        "draft（予算額（案））、initial（当初予算額）、supplementary（補正予算額）。",
    )


class BudgetLine(Entry, json_schema_extra={"label": {"ja": "予算事業", "en": "A budget line"}}):
    id: Id = doc(*ID_DOC)
    name: Name = doc("The line's name.", "事業名。")
    stage: Text | None = doc("The deck's grouping, e.g. ①データ創出.", "資料での区分（例：①データ創出）。", None)
    amounts: dict[Annotated[Id, Ref(PHASES)], OkuYen] = doc(
        "Amount per phase id, in 億円, as the deck states it: 21.9. Leave a phase out if the deck gives none.",
        "予算区分ごとの金額（億円、資料の記載どおり。例：21.9）。記載のない区分は書きません。",
    )
    in_total: bool = doc(
        "false for an item the deck lists outside the programme total.",
        "プログラムの合計に含まれない場合は false。",
        True,
    )
    estimate: Text | None = doc(
        "Why the figure is an estimate (※NIMS運営費交付金中の推計額).", "推計額である旨の注記。", None
    )
    phase_inferred: Text | None = doc(
        "Where the deck does not say in which budget (phase) the amount is: why the site puts it in the phase it "
        "does. The pages say that the phase is inferred, and why.",
        "どの予算（予算区分）の金額かを資料が示していない場合に、その予算区分とした理由。"
        "ページに推定である旨と理由を表示します。",
        None,
    )
    description: RichText | None = doc(
        "What the line funds, as the deck describes it (Markdown: **bold** for the deck's emphasis).",
        "事業内容（資料の記載。Markdown：資料の強調は **太字**）。",
        None,
        label=("Description", "事業内容"),
    )
    source: SectionId = doc(*SOURCE_DOC)

    @field_validator("amounts")
    @classmethod
    def _some_amount(cls, value: dict) -> dict:
        if not value:
            raise MESSAGES.error("at_least_one_amount")
        return value


class Programme(Entry, json_schema_extra={"label": {"ja": "予算プログラム", "en": "A budget program"}}):
    id: Id = doc(*ID_DOC)
    name: Name = doc("The programme's name.", "プログラム名。")
    totals: dict[Annotated[Id, Ref(PHASES)], OkuYen] = doc(
        "Totals as the deck states them, per phase id, in 億円. The lines are checked against them.",
        "資料に記載された合計額（予算区分ごと、億円）。各事業の合計と照合します。",
    )
    lines: list[BudgetLine] = doc("The programme's budget lines.", "プログラムの予算事業。", min_length=1)
    source: SectionId = doc(*SOURCE_DOC)

    def line_sum(self, phase_id: str) -> Decimal | None:
        """Sum of the lines counted in the total; computed, never typed into the data."""
        parts = [line.amounts[phase_id] for line in self.lines if line.in_total and phase_id in line.amounts]
        return sum(parts, Decimal(0)) if parts else None

    def problems(self, data) -> Iterator[ItemProblem]:
        for phase, total in self.totals.items():
            parts = [line.amounts[phase] for line in self.lines if line.in_total and phase in line.amounts]
            computed, slack = sum(parts, Decimal(0)), rounding_slack(total, parts)
            if abs(computed - total) > slack:
                parts_said = (
                    MESSAGES.message("sum_of", parts=" + ".join(map(str, parts)))
                    if parts
                    else MESSAGES.message("no_lines")
                )
                yield (
                    ("totals", phase),
                    MESSAGES.message("totals_mismatch", computed=computed, parts=parts_said, total=total, slack=slack),
                )


# ---------------------------------------------------------------- what the pages show, computed

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


def year_on_year_pairs(phases: list[BudgetPhase]) -> list[tuple[BudgetPhase, BudgetPhase]]:
    """(earlier, later) phase pairs worth comparing: each draft budget against the previous year's budget."""
    initial = {phase.fiscal_year: phase for phase in phases if phase.kind == PhaseKind.initial}
    return [
        (initial[phase.fiscal_year - 1], phase)
        for phase in phases
        if phase.kind == PhaseKind.draft and phase.fiscal_year - 1 in initial
    ]


def year_on_year_changes(phases: list[BudgetPhase], amounts: dict[str, Decimal]) -> list[dict]:
    """Year-on-year changes between the stated amounts."""
    result = []
    for earlier, later in year_on_year_pairs(phases):
        if earlier.id in amounts and later.id in amounts:
            old, new = amounts[earlier.id], amounts[later.id]
            result.append(
                {"earlier": earlier, "later": later, "change": new - old, "percent": percent_change(old, new)}
            )
    return result
