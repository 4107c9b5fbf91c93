"""The models of this briefing's collections, but the budget's (budget.py): the strategic fields and
cross-cutting issues, the ministries and ministers, the working groups and the priority technology areas
(the KPIs: indicators.py; the committees: committees.py).

They are written with the engine's field types (``Text``, ``Name``, ``Ref``, ``doc``…), so the editor's guide,
the JSON Schemas and the checks read them as they read the engine's own.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    NonEmpty,
    Ref,
    SectionId,
    Strict,
    Text,
    Unique,
    doc,
    listing,
)

from .messages import MESSAGES

# ---------------------------------------------------------------- fields.yml


class Measure(Text, json_schema_extra={"label": {"ja": "施策", "en": "A measure"}}):
    """A measure the deck lists for a field, and the part of the deck that lists it."""

    source: SectionId | None = doc(
        "The part of the deck that lists this measure (a section id), if not the field's own source.",
        "この施策を記載した資料の部分（sections の id）。分野の出典と異なる場合に書きます。",
        None,
    )


class StrategicField(Entry, json_schema_extra={"label": {"ja": "戦略分野", "en": "A strategic field"}}):
    id: Id = doc(*ID_DOC)
    number: Annotated[Count, Unique()] = doc(
        "The deck's circled number: ⑬ is 13.", "資料の丸数字の番号（⑬なら13）。", ge=1
    )
    name: Name = doc("The field's name.", "分野名。")
    measures: list[Measure] = listing("Measures the deck lists for this field.", "資料に記載されたこの分野の施策。")
    source: SectionId = doc(*SOURCE_DOC)


class CrossCuttingIssue(Entry, json_schema_extra={"label": {"ja": "分野横断的課題", "en": "A cross-cutting issue"}}):
    id: Id = doc(*ID_DOC)
    number: Annotated[Count, Unique()] = doc("The deck's circled number.", "資料の丸数字の番号。", ge=1)
    name: Name = doc("The issue's name.", "課題の名称。")
    source: SectionId = doc(*SOURCE_DOC)


# ---------------------------------------------------------------- government.yml


class Ministry(Entry, json_schema_extra={"label": {"ja": "府省庁", "en": "A ministry or agency"}}):
    """A ministry, agency or office as the deck abbreviates it (文科, 内閣府（科技）…)."""

    code: Id = doc(
        "The ministry's code, used by working_groups.yml.", "省庁のコード。working_groups.yml から参照します。"
    )
    short: NonEmpty = doc("The deck's abbreviation, in Japanese, e.g. 文科.", "資料での略称（例：文科）。")
    name: Name = doc("The full name.", "正式名称。")
    abbr: str | None = doc("The English abbreviation, e.g. MEXT.", "英語の略称（例：MEXT）。", None)
    probable: bool = doc(
        "true when which body the deck's abbreviation means is inferred, not stated (内閣府（サイバー） read as the "
        "National Cybersecurity Office): the pages say the identification is probable.",
        "資料の略称がどの組織を指すかを推定した場合は true（例：内閣府（サイバー）を国家サイバー統括室と推定）。"
        "ページに推定である旨を表示します。",
        False,
    )


class Minister(Entry, json_schema_extra={"label": {"ja": "大臣等", "en": "A minister or official"}}):
    """A minister, official or body named as a lead or participant."""

    id: Id = doc("The minister's id, used by working_groups.yml.", "大臣等のID。working_groups.yml から参照します。")
    short: NonEmpty | None = doc(
        "The deck's wording when it abbreviates, e.g. 経産大臣.", "資料での略した表記（例：経産大臣）。", None
    )
    name: Name = doc("The full title.", "正式な職名。", label=("Title", "職名"))


# ---------------------------------------------------------------- working_groups.yml


class BodyStatus(StrEnum):
    new = "new"  # 新設
    reorganised = "reorganised"  # 再編
    existing = "existing"  # no mark, and the deck names a standing body (a council, an existing group)
    not_stated = "not-stated"  # no mark, and nothing in the deck says whether the body is new


class Level(StrEnum):
    """Seniority the deck adds in brackets after a ministry or minister."""

    political = "political"  # 政務
    director_general = "director-general"  # 局長級
    deputy_director_general = "deputy-director-general"  # 審議官級
    department_director = "department-director"  # 部長級


class MinisterRole(
    Strict, json_schema_extra={"label": {"ja": "会議体の大臣等", "en": "A minister in a working group"}}
):
    minister: Annotated[Id, Ref("ministers")] = doc(
        "A minister id from government.yml.", "government.yml の大臣等のID。"
    )
    attending: bool = doc("（出席）: attends rather than convenes.", "（出席）の場合は true。", False)
    lead: bool = doc("◎ in the deck: the lead minister.", "資料の◎（取りまとめ担当大臣）なら true。", False)


class MinistryRole(
    Strict, json_schema_extra={"label": {"ja": "会議体の関係省庁", "en": "A ministry in a working group"}}
):
    code: Annotated[Id, Ref("ministries")] = doc(
        "A ministry code from government.yml.", "government.yml の省庁コード。", label=("Ministry", "省庁")
    )
    level: Level | None = doc(
        "The level the deck adds in brackets: political （政務）, director-general （局長級）, "
        "deputy-director-general （審議官級） or department-director （部長級）.",
        "資料の括弧内の級：political（政務）、director-general（局長級）、deputy-director-general（審議官級）、"
        "department-director（部長級）。",
        None,
    )


class WorkingGroup(
    Entry, json_schema_extra={"label": {"ja": "会議体（ワーキンググループ等）", "en": "A working group or other body"}}
):
    id: Id = doc(*ID_DOC)
    field: Annotated[Id, Ref("fields", each_once=True)] | None = doc(
        "The strategic field this body covers (or give issue).", "担当する戦略分野のID（または issue）。", None
    )
    issue: Annotated[Id, Ref("cross_cutting_issues", each_once=True)] | None = doc(
        "The cross-cutting issue this body covers (or give field).",
        "担当する分野横断的課題のID（または field）。",
        None,
    )
    name: Name = doc("The body's name.", "会議体の名称。")
    status: BodyStatus = doc(
        "new (新設), reorganised (再編), existing (no mark: a standing body the deck names) or not-stated "
        "(no mark, and the deck does not say whether the body is new).",
        "new（新設）、reorganised（再編）、existing（表示なし。資料が既存の会議体を挙げている）、"
        "not-stated（表示がなく、新設かどうかを資料が示していない）。",
    )
    start_month: Count | None = doc(
        "The month it starts: 「1月～」 is 1. The year is inferred from the edition date.",
        "開始月（「1月～」なら1）。年は資料の日付から推定します。",
        None,
        ge=1,
        le=12,
    )
    ministers: list[MinisterRole] = listing(
        "Ministers and officials, leads first.", "大臣等（取りまとめ担当大臣を先に）。"
    )
    ministries: list[MinistryRole] = listing("Related ministries and agencies.", "関係省庁。")
    experts: Count | None = doc("Number of experts: 「有識者 N名」.", "有識者の人数（「有識者 N名」）。", None, ge=0)
    notes: list[Text] = listing("Anything else the deck says about the body.", "その他、資料に記載された事項。")
    source: SectionId = doc(*SOURCE_DOC)

    def problems(self, data) -> Iterator[ItemProblem]:
        if (self.field is None) == (self.issue is None):
            yield (), MESSAGES.message("field_or_issue")


# ---------------------------------------------------------------- technology_areas.yml


class AreaKind(StrEnum):
    emerging = "emerging-foundational"  # 新興・基盤技術領域
    national = "national-strategic"  # 国家戦略技術領域


class TechnologyArea(Entry, json_schema_extra={"label": {"ja": "重要技術領域", "en": "A priority technology area"}}):
    id: Id = doc(*ID_DOC)
    kind: AreaKind = doc(
        "emerging-foundational （新興・基盤技術領域） or national-strategic （国家戦略技術領域）.",
        "emerging-foundational（新興・基盤技術領域）または national-strategic（国家戦略技術領域）。",
        label=("Kind of area", "領域の種類"),
    )
    name: Name = doc("The area's name.", "領域の名称。")
    examples: list[Text] = doc("The example technologies the deck names.", "資料に例示された技術。", min_length=1)
    fields: list[Annotated[Id, Ref("fields")]] = listing(
        "Related strategic fields (their ids).", "関連する戦略分野のID。"
    )
    source: SectionId = doc(*SOURCE_DOC)
