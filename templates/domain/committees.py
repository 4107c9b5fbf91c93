"""The committees whose members the deck lists (committees.yml), and the page block that shows one."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from briefing.model.fields import (
    ID_DOC,
    SOURCE_DOC,
    Entry,
    Id,
    Name,
    NonEmpty,
    Ref,
    RichText,
    SectionId,
    Strict,
    Text,
    doc,
    listing,
)


class Role(StrEnum):
    chair = "chair"  # 分科会長 など
    member = "member"  # 構成員
    guest = "guest"  # ゲスト


class PersonName(Strict, json_schema_extra={"label": {"ja": "氏名", "en": "A person's name"}}):
    """A person's name as the deck gives it; English family name first, in capitals (SHIRASAKA Seiko)."""

    ja: NonEmpty | None = doc(
        "The name in Japanese, as the deck gives it; leave out if lost.",
        "資料の氏名。資料から欠落している場合は省略。",
        None,
    )
    en: NonEmpty | None = doc(
        "FAMILY Given, e.g. SHIRASAKA Seiko.", "英語表記（姓を大文字で先に。例：SHIRASAKA Seiko）。", None
    )
    reading_uncertain: bool = doc(
        "true when the reading of the name is not confirmed.", "読みが確認できていない場合は true。", False
    )


class Member(Strict, json_schema_extra={"label": {"ja": "構成員", "en": "A member"}}):
    name: PersonName = doc("The person's name.", "氏名。", label=("Name", "氏名"))
    role: Role = doc("chair, member or guest.", "chair（会長等）、member（構成員）、guest（ゲスト）。")
    affiliation: Text = doc("Affiliation and title, as the deck gives them.", "所属・役職（資料の記載）。")
    theme: Text | None = doc("For guests: the theme they join for.", "ゲストの場合、参加する検討事項。", None)


class Committee(Entry, json_schema_extra={"label": {"ja": "会議", "en": "A committee"}}):
    id: Id = doc(*ID_DOC)
    name: Name = doc("The committee's name.", "会議の名称。")
    chair_title: Text | None = doc(
        "What the deck calls the chair when it is not simply 会長 / Chair (e.g. 分科会長).",
        "会長の呼び方が「会長」でない場合の資料の表記（例：分科会長）。",
        None,
    )
    members: list[Member] = doc(
        "Chair, members and guests, in the deck's order.", "会長・構成員・ゲスト（資料の順）。", min_length=1
    )
    government: list[Text] = listing("Government bodies attending.", "関係行政機関。")
    notes: list[RichText] = listing("Other facts about the committee.", "その他の記載。")
    source: SectionId = doc(*SOURCE_DOC)


class CommitteeBlock(Strict, json_schema_extra={"label": {"ja": "会議の構成員の表", "en": "A committee's members"}}):
    committee: Annotated[Id, Ref("committees")] = doc(
        "Show a committee's members from committees.yml.", "committees.yml の会議の構成員を表示します。"
    )
