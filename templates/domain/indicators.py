"""The indicators (kpis.yml): each with its goal, its target and the current values, as the deck states
them; and the page block that shows some of them as a table."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from briefing.model.fields import (
    ID_DOC,
    SOURCE_DOC,
    Count,
    Entry,
    Id,
    NonEmpty,
    OkuYen,
    Ref,
    SectionId,
    Strict,
    Text,
    doc,
)


class YearKind(StrEnum):
    fiscal = "fiscal"
    calendar = "calendar"


class Figure(Strict, json_schema_extra={"label": {"ja": "数値（資料の表記）", "en": "A figure as the deck states it"}}):
    """A figure as the deck states it, with the number itself where there is one."""

    value: OkuYen | None = doc(
        "The number alone (6500, 7.4), if the figure is a number.",
        "数値（6500、7.4など）。数値でない場合は省略。",
        None,
    )
    stated: Text = doc(
        "The figure as the deck states it: 「6,500件程度」 / about 6,500.", "資料の表記（例：「6,500件程度」）。"
    )
    approx: bool = doc("true for 程度 / about.", "「程度」などおおよその値なら true。", False)
    year: Count | None = doc("The year the figure refers to.", "数値の年（年度）。", None)
    year_kind: YearKind | None = doc("fiscal (年度) or calendar (年).", "fiscal（年度）または calendar（年）。", None)
    description: Text | None = doc(
        "What exactly was counted.", "数値の内容。", None, label=("What was counted", "数値の内容")
    )


class Kpi(Entry, json_schema_extra={"label": {"ja": "指標", "en": "An indicator"}}):
    id: Id = doc(*ID_DOC)
    label: NonEmpty = doc("The deck's number, e.g. ① or ④-1.", "資料の番号（例：①、④-1）。")
    goal: Text = doc("The goal the indicator belongs to.", "指標が属する目標。")
    indicator: Text = doc("What is measured.", "指標（何を測るか）。")
    unit: Text = doc("The unit, e.g. 人 / people.", "単位（例：人）。")
    target: Figure = doc("The target.", "目標値。")
    target_year: Count | None = doc(
        "The year by which the target is to be met, if stated.", "目標年（記載があれば）。", None
    )
    baselines: list[Figure] = doc(
        "Where things stand now, as the deck gives it.", "現状値（資料の記載）。", min_length=1
    )
    chart: bool = doc(
        "true when the target and the baselines count the same thing in the same unit, so that a chart "
        "compares them fairly (not for a multiple, a rank, or a cumulative target against a yearly figure).",
        "目標値と現状値が同じものを同じ単位で数えている場合に true（グラフで比較します）。"
        "倍率・順位・累計と単年の比較には使いません。",
        False,
    )
    source: SectionId = doc(*SOURCE_DOC)


class KpisBlock(Strict, json_schema_extra={"label": {"ja": "指標の表", "en": "A table of indicators"}}):
    kpis: list[Annotated[Id, Ref("kpis")]] = doc(
        "Show these KPIs from kpis.yml as a table.", "kpis.yml の指標を表で表示します。", min_length=1
    )
