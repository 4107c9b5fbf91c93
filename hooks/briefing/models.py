"""Data models for every file under data/.

One model per YAML file (the ``*File`` classes) plus the shared pieces they are
built from. Models only check the shape of one file; references between files
are checked in ``integrity.py`` once every file has loaded.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="Stable ASCII id: lower-case letters, digits and single hyphens. It becomes the URL."),
]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def plain_number(value: Any) -> Any:
    """Accept a number as people type it when it can mean only one thing; refuse it otherwise.

    Full-width digits (２１．９) are normalised. Thousands separators, units and notes
    are refused with a message, never guessed at: "1,5" or "21.9億円" must not be misread.
    """
    if isinstance(value, bool):
        raise ValueError("write a number, not true or false")
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    if re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        return text
    if re.search(r"\d,\d", text):
        raise ValueError(f"write the number without thousands separators (1000, not 1,000); got '{value}'")
    if re.search(r"\d", text):
        raise ValueError(f"write the number alone, without units or notes (the unit is fixed); got '{value}'")
    raise ValueError(f"a number is needed here; got '{value}'")


Count = Annotated[int, BeforeValidator(plain_number)]

# Amounts in 億円 (units of ¥100 million), kept exact: YAML numbers reach the model as text.
OkuYen = Annotated[
    Decimal,
    BeforeValidator(plain_number),
    Field(ge=0, max_digits=12, decimal_places=2, description="Amount in 億円 (¥100 million), e.g. 21.9"),
]


class Strict(BaseModel):
    """Refuse unknown keys everywhere: a misspelt key must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A name or sentence in both languages. Plain text: never Markdown, never HTML.

    ``en`` may be left out only in an entry marked ``awaiting_translation: true``
    (checked in integrity.py); the English site then shows the Japanese, announced.
    """

    ja: NonEmpty
    en: NonEmpty | None = None

    def __call__(self, lang: str) -> str:
        """The text in ``lang``, or the Japanese where the English is still missing."""
        return getattr(self, lang) or self.ja

    def missing(self, lang: str) -> bool:
        return getattr(self, lang) is None


class Entry(Strict):
    """An item with its own id: the unit that can be marked as awaiting translation."""

    awaiting_translation: bool = Field(
        False, description="true while some English text of this entry is still missing; the English page says so."
    )


class NameStatus(StrEnum):
    """Where the English name comes from (see the glossary)."""

    official = "official"
    secondary = "secondary"
    ours = "ours"


class Name(Text):
    """A proper name; ``en_status`` says how far the English form can be trusted."""

    en_status: NameStatus = NameStatus.ours


# ---------------------------------------------------------------- briefing.yml


class SourceSection(Entry):
    """A part of the source deck that pages cite."""

    id: Id
    title: Text
    attribution: Text | None = Field(None, description="The deck's own 【出典】 line, if it has one.")


class Edition(Entry):
    id: Id
    title: Name
    issuer: Name
    edition_date: dt.date = Field(description="Date of the source deck, YYYY-MM-DD.")
    source_document: Text = Field(description="What the source is, as a reader would cite it.")
    summary: Text
    sections: list[SourceSection]


class EditionFile(Strict):
    briefing: Edition


# ---------------------------------------------------------------- fields.yml


class StrategicField(Entry):
    id: Id
    number: Count = Field(ge=1, le=99, description="The deck's circled number: ⑬ is 13.")
    name: Name
    measures: list[Text] = Field(default_factory=list, description="Measures the deck lists for this field.")
    source: Id


class CrossCuttingIssue(Entry):
    id: Id
    number: Count = Field(ge=1, le=99)
    name: Name
    source: Id


class FieldsFile(Strict):
    fields: list[StrategicField]
    cross_cutting_issues: list[CrossCuttingIssue]


# ---------------------------------------------------------------- government.yml


class Ministry(Entry):
    """A ministry, agency or office as the deck abbreviates it (文科, 内閣府（科技）…)."""

    code: Id
    short: NonEmpty = Field(description="The deck's abbreviation, in Japanese, e.g. 文科.")
    name: Name
    abbr: str | None = Field(None, description="English abbreviation, e.g. MEXT.")


class Minister(Entry):
    """A minister, official or body named as a lead or participant."""

    id: Id
    short: NonEmpty | None = Field(None, description="The deck's wording when it abbreviates, e.g. 経産大臣.")
    name: Name


class GovernmentFile(Strict):
    ministries: list[Ministry]
    ministers: list[Minister]


# ---------------------------------------------------------------- working_groups.yml


class BodyStatus(StrEnum):
    new = "new"  # 新設
    reorganised = "reorganised"  # 再編
    existing = "existing"  # no mark in the deck


class Level(StrEnum):
    """Seniority the deck adds in brackets after a ministry or minister."""

    political = "political"  # 政務
    director_general = "director-general"  # 局長級
    deputy_director_general = "deputy-director-general"  # 審議官級
    department_director = "department-director"  # 部長級


class MinisterRole(Strict):
    minister: Id
    attending: bool = Field(False, description="（出席）: attends rather than convenes.")
    lead: bool = Field(False, description="◎ in the deck.")


class MinistryRole(Strict):
    code: Id
    level: Level | None = None


class WorkingGroup(Entry):
    id: Id
    field: Id | None = Field(None, description="The strategic field this body covers.")
    issue: Id | None = Field(None, description="The cross-cutting issue this body covers.")
    name: Name
    status: BodyStatus
    start_month: Count | None = Field(None, ge=1, le=12, description="「1月～」 is 1; the year is inferred.")
    ministers: list[MinisterRole] = Field(default_factory=list)
    ministries: list[MinistryRole] = Field(default_factory=list)
    experts: Count | None = Field(None, ge=0, description="「有識者 N名」.")
    notes: list[Text] = Field(default_factory=list)
    source: Id


class WorkingGroupsFile(Strict):
    working_groups: list[WorkingGroup]


# ---------------------------------------------------------------- technology_areas.yml


class AreaKind(StrEnum):
    emerging = "emerging-foundational"  # 新興・基盤技術領域
    national = "national-strategic"  # 国家戦略技術領域


class TechnologyArea(Entry):
    id: Id
    kind: AreaKind
    name: Name
    examples: list[Text] = Field(min_length=1)
    fields: list[Id] = Field(default_factory=list, description="Related strategic fields.")
    source: Id


class TechnologyAreasFile(Strict):
    technology_areas: list[TechnologyArea]


# ---------------------------------------------------------------- budget.yml


class PhaseKind(StrEnum):
    draft = "draft"  # 予算額（案）: the government's proposal to the Diet
    initial = "initial"  # 当初予算額
    supplementary = "supplementary"  # 補正予算額


class BudgetPhase(Strict):
    """One column of the budget tables, e.g. the FY2026 draft budget."""

    id: Id
    fiscal_year: Count = Field(ge=1989, le=2100, description="Western year in which the fiscal year starts.")
    kind: PhaseKind


class BudgetLine(Entry):
    id: Id
    name: Name
    stage: Text | None = Field(None, description="The deck's grouping, e.g. ①データ創出.")
    amounts: dict[Id, OkuYen] = Field(description="Amount per phase id, in 億円.")
    in_total: bool = Field(True, description="False for items the deck lists outside the programme total.")
    estimate: Text | None = Field(None, description="Why the figure is an estimate (※NIMS運営費交付金中の推計額).")
    description: Text | None = None
    source: Id

    @field_validator("amounts")
    @classmethod
    def _some_amount(cls, value: dict) -> dict:
        if not value:
            raise ValueError("give at least one amount")
        return value


class Programme(Entry):
    id: Id
    name: Name
    totals: dict[Id, OkuYen] = Field(description="Totals as the deck states them, per phase id.")
    lines: list[BudgetLine] = Field(min_length=1)
    source: Id


class BudgetFile(Strict):
    phases: list[BudgetPhase]
    programmes: list[Programme]


# ---------------------------------------------------------------- redirects.yml

ADDRESS_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*/)*(#[a-z0-9]+(-[a-z0-9]+)*)?$"
Address = Annotated[
    str,
    StringConstraints(pattern=ADDRESS_PATTERN),
    Field(description="A site address without the language: 'fields/materials/' or 'working-groups/#materials'."),
]


class Redirect(Strict):
    """An address that was published and has moved: links in old memos keep working."""

    old: Address
    new: Address
    reason: Text | None = None


class RedirectsFile(Strict):
    redirects: list[Redirect] = Field(default_factory=list)


# ---------------------------------------------------------------- the whole briefing


class Briefing(Strict):
    """Every file, validated; what the page generators receive."""

    edition: Edition
    fields: list[StrategicField]
    cross_cutting_issues: list[CrossCuttingIssue]
    ministries: list[Ministry]
    ministers: list[Minister]
    working_groups: list[WorkingGroup]
    technology_areas: list[TechnologyArea]
    phases: list[BudgetPhase]
    programmes: list[Programme]
    redirects: list[Redirect]


# Which model validates which file, in load order.
FILE_MODELS: dict[str, type[Strict]] = {
    "briefing.yml": EditionFile,
    "fields.yml": FieldsFile,
    "government.yml": GovernmentFile,
    "working_groups.yml": WorkingGroupsFile,
    "technology_areas.yml": TechnologyAreasFile,
    "budget.yml": BudgetFile,
    "redirects.yml": RedirectsFile,
}
