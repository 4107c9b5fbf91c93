"""Data models: the shape of one item of each collection, and the pieces they are built from.

Which file holds which collection is declared in data/collections.yml (see declaration.py);
the file models are put together from that declaration. A model checks the shape of one item.
Fields that name an item of another collection are marked with ``Ref``, values that must
differ between items with ``Unique``: checks.py walks those marks once every file has loaded.
Rules that need the rest of the data live in a model's ``problems`` method.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
)

from ..messages import Message, MessageError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Ref:
    """Marks an id that names an item of another collection: ``Annotated[Id, Ref("fields")]``.

    ``each_once``: every item of that collection must be named by exactly one item of this one
    (each strategic field has one working group).
    """

    collection: str
    each_once: bool = False

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema["x-refers-to"] = self.collection  # for the editor's guide
        return schema


@dataclass(frozen=True)
class Unique:
    """Marks a value that must differ between the items of one collection (a field's number)."""


# What a model's ``problems`` method yields: the path inside the item and what is wrong there (a Message).
ItemProblem = tuple[tuple[str | int, ...], Message]

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
        raise MessageError("number_not_true_false")
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    if re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        return text
    if re.search(r"\d,\d", text):
        raise MessageError("number_thousands", value=value)
    if re.search(r"\d", text):
        raise MessageError("number_with_unit", value=value)
    raise MessageError("number_needed", value=value)


Count = Annotated[int, BeforeValidator(plain_number)]

# Amounts in 億円 (units of ¥100 million), kept exact: YAML numbers reach the model as text.
OkuYen = Annotated[
    Decimal,
    BeforeValidator(plain_number),
    Field(ge=0, max_digits=12, decimal_places=2, description="Amount in 億円 (¥100 million), e.g. 21.9"),
]


def rounding_slack(total: Decimal, parts: list[Decimal]) -> Decimal:
    """How far a sum of parts may be from a stated total that was rounded for the slide.

    The total is rounded to its own last digit (181 means 180.5–181.5), and each part
    to its own, so the slack is half a unit of the total plus half a unit of each part.
    """

    def half_unit(value: Decimal) -> Decimal:
        return Decimal(1).scaleb(value.as_tuple().exponent) / 2

    return half_unit(total) + sum((half_unit(part) for part in parts), Decimal(0))


class Strict(BaseModel):
    """Refuse unknown keys everywhere: a misspelt key must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def doc(en: str, ja: str, default: Any = ..., *, label: tuple[str, str] | None = None, **constraints: Any) -> Any:
    """A field with its description in both languages: for the editor's guide and for editors' hover help.
    ``label`` (English, Japanese): what the changes page calls the key, where ``KEY_LABELS`` does not say it."""
    extra: dict[str, Any] = {"description_ja": ja}
    if label is not None:
        extra["label"] = {"en": label[0], "ja": label[1]}
    return Field(default, description=en, json_schema_extra=extra, **constraints)


# What a key is called where readers see it (the changes page, the change boxes of the item pages), in
# English and Japanese; a field's own doc(label=…) says it where the key means something else in its model.
KEY_LABELS: dict[str, tuple[str, str]] = {
    "abbr": ("Abbreviation", "略称"),
    "affiliation": ("Affiliation", "所属・役職"),
    "amounts": ("Amounts", "金額"),
    "approx": ("Approximate", "概数"),
    "attending": ("Attending", "出席"),
    "attribution": ("Source cited by the deck", "資料の出典表記"),
    "avoid": ("Renderings not to use", "使わない訳"),
    "awaiting_translation": ("Awaiting translation", "翻訳待ち"),
    "baselines": ("Current values", "現状値"),
    "blocks": ("Content", "内容"),
    "bullets": ("Bulleted list", "箇条書き"),
    "caption": ("Caption", "表の見出し"),
    "chair_title": ("Title of the chair", "会長の呼び方"),
    "chart": ("Chart", "グラフ"),
    "checked": ("Checked", "検査の対象"),
    "code": ("Code", "コード"),
    "committee": ("Committee", "会議"),
    "description": ("Description", "説明"),
    "en": ("English", "英語"),
    "en_forms": ("Other English forms", "英語の別の形"),
    "en_status": ("Source of the English", "英語名の出典"),
    "estimate": ("Estimate", "推計"),
    "examples": ("Example technologies", "技術の例"),
    "experts": ("Experts", "有識者"),
    "explanation": ("Explanation", "説明"),
    "extracted": ("Extracted text", "抽出された文"),
    "field": ("Strategic field", "戦略分野"),
    "fields": ("Related strategic fields", "関連する戦略分野"),
    "fiscal_year": ("Fiscal year", "年度"),
    "goal": ("Goal", "目標"),
    "government": ("Government bodies", "関係行政機関"),
    "header": ("Column headings", "列の見出し"),
    "heading": ("Heading", "見出し"),
    "id": ("Id", "ID"),
    "in_total": ("In the total", "合計に含む"),
    "indicator": ("Indicator", "指標"),
    "issue": ("Cross-cutting issue", "分野横断的課題"),
    "ja": ("Japanese", "日本語"),
    "ja_forms": ("Other Japanese forms", "日本語の別の書き方"),
    "kind": ("Kind", "種類"),
    "kpis": ("Indicators", "指標"),
    "label": ("No.", "番号"),
    "lead": ("Lead", "取りまとめ"),
    "level": ("Level", "級"),
    "lines": ("Budget lines", "予算事業"),
    "measures": ("Measures", "施策"),
    "members": ("Members", "構成員"),
    "minister": ("Minister", "大臣等"),
    "ministers": ("Ministers and officials", "大臣等"),
    "ministries": ("Ministries and agencies", "関係省庁"),
    "name": ("Name", "名称"),
    "not_within": ("Words that are not the term", "用語ではない語"),
    "note": ("Note", "注記"),
    "notes": ("Notes", "その他"),
    "number": ("No.", "番号"),
    "numbered": ("Numbered", "番号付き"),
    "order": ("Order", "順番"),
    "paragraph": ("Paragraph", "段落"),
    "part": ("Part of the deck", "資料の部"),
    "phase_inferred": ("Why the budget phase is inferred", "予算区分を推定した理由"),
    "probable": ("Identification inferred", "推定による特定"),
    "reading_uncertain": ("Reading uncertain", "読み未確認"),
    "reason": ("Reason", "理由"),
    "role": ("Role", "役割"),
    "rows": ("Rows", "行"),
    "section": ("Where", "出現箇所"),
    "short": ("Abbreviation in the deck", "資料での略称"),
    "shown": ("Shown on this site", "本サイトでの表記"),
    "source": ("Source", "出典"),
    "sources": ("Sources", "出典"),
    "stage": ("Stage", "段階"),
    "start_month": ("Starts", "開始月"),
    "stated": ("As the deck states it", "資料の表記"),
    "status": ("Status", "区分"),
    "table": ("Table", "表"),
    "target": ("Target", "目標値"),
    "target_year": ("Target year", "目標年"),
    "term": ("Term", "用語"),
    "terminology_exceptions": ("Terminology exceptions", "用語の例外"),
    "terms": ("Key terms", "主な用語"),
    "theme": ("Theme", "検討事項"),
    "title": ("Title", "題名"),
    "totals": ("Totals", "合計額"),
    "translation_checked": ("Translation checked against", "翻訳を確認した版"),
    "unit": ("Unit", "単位"),
    "value": ("Value", "数値"),
    "year": ("Year", "年"),
    "year_kind": ("Kind of year", "年の種類"),
}


def field_label(model: type[BaseModel], name: str) -> dict[str, str] | None:
    """What a key of a model is called, in both languages ({"ja": …, "en": …}), or None if unnamed."""
    info = model.model_fields.get(name)
    extra = info.json_schema_extra if info is not None and isinstance(info.json_schema_extra, dict) else {}
    if "label" in extra:
        return extra["label"]
    known = KEY_LABELS.get(name)
    return {"en": known[0], "ja": known[1]} if known else None


def listing(en: str, ja: str, **constraints: Any) -> Any:
    """An optional list field, empty by default."""
    return Field(default_factory=list, description=en, json_schema_extra={"description_ja": ja}, **constraints)


class Text(
    Strict,
    json_schema_extra={"label": {"ja": "日本語と英語の文（ja、en）", "en": "A text in Japanese and English (ja, en)"}},
):
    """A name or sentence in both languages. Plain text: never Markdown, never HTML.

    ``en`` may be left out only in an entry marked ``awaiting_translation: true``
    (checked in integrity.py); the English site then shows the Japanese, announced.
    """

    ja: NonEmpty = doc("The Japanese text.", "日本語の文。")
    en: NonEmpty | None = doc("The English text.", "英語の文。", None)

    def __call__(self, lang: str) -> str:
        """The text in ``lang``, or the Japanese where the English is still missing."""
        return getattr(self, lang) or self.ja

    def missing(self, lang: str) -> bool:
        return getattr(self, lang) is None


class RichText(
    Text,
    json_schema_extra={
        "label": {
            "ja": "日本語と英語の文、Markdown で書けるもの（ja、en）",
            "en": "A text in Japanese and English that may use Markdown (ja, en)",
        }
    },
):
    """Text in both languages written in Markdown: **bold**, *emphasis*, lists, [links](https://…).

    Raw HTML is shown as typed, never interpreted; images are not allowed (the site must not
    fetch from other hosts); links may only go to http(s), mailto or addresses of this site,
    written without the language as elsewhere in the data: [the fields](fields/), [ARIM](budget/arim/).
    A line numbered on its own (2. …) is shown as written; two or more numbered lines make a
    numbered list, which keeps its numbers.
    """


class TermException(
    Strict,
    json_schema_extra={
        "label": {"ja": "用語集の英語を使わない理由", "en": "A reason not to use the glossary's English"}
    },
):
    """A glossary term this entry's English does not render the glossary's way, and why."""

    term: Id = doc("The glossary term (an id from glossary.yml).", "用語（glossary.yml の id）。")
    reason: Text = doc("Why the glossary's English does not fit here.", "用語集の英語が合わない理由。")


class Entry(Strict, json_schema_extra={"label": {"ja": "項目", "en": "An item"}}):
    """An item with its own id: the unit that can be marked as awaiting translation."""

    awaiting_translation: bool = doc(
        "true while some English text of this entry is still missing; the English page then says so.",
        "英語の文がまだない間は true にします。英語版のページにその旨が表示されます。",
        False,
    )
    translation_checked: dt.date | None = doc(
        "The date of the edition against which the English was checked after the Japanese changed "
        "(silences the warning that the translation may lag).",
        "日本語の変更後に英語を確認した際の、比較した版の日付（翻訳が遅れている可能性の警告を消します）。",
        None,
    )
    terminology_exceptions: list[TermException] = listing(
        "Glossary terms whose English this entry does not use, each with its reason (see the terminology check).",
        "用語集の英語を使わない用語と、その理由（用語の検査を参照）。",
    )


class NameStatus(StrEnum):
    """Where the English name comes from (see the glossary)."""

    official = "official"
    provisional = "provisional"
    ours = "ours"


class Name(
    Text,
    json_schema_extra={
        "label": {
            "ja": "日英の名称と英語名の出典",
            "en": "A name in Japanese and English, and where the English comes from",
        }
    },
):
    """A proper name; ``en_status`` says how far the English form can be trusted."""

    en_status: NameStatus = doc(
        "Where the English name comes from: official (a government or institution source), "
        "provisional (used by other sources, not confirmed as official) or ours (our translation).",
        "英語名の出典：official（政府・機関の公式英語名）、provisional（報道等で使われる暫定の訳）、ours（本サイトの翻訳）。",
        NameStatus.ours,
    )


_ID = (
    "The item's id: it becomes its address in both languages. Do not change it once published.",
    "項目のID。日英両方のページのアドレスになります。公開後は変更しないでください。",
)
_SOURCE = (
    "The part of the source deck this comes from: a section id from briefing.yml.",
    "出典となる資料の該当部分。briefing.yml の sections の id を書きます。",
)
SectionId = Annotated[Id, Ref("sections")]

# ---------------------------------------------------------------- briefing.yml


class SourceSection(
    Entry, json_schema_extra={"label": {"ja": "資料の部分（出典）", "en": "A part of the source deck"}}
):
    """A part of the source deck that pages cite."""

    id: Id = doc(*_ID)
    title: Text = doc("The title of this part of the deck.", "資料の該当部分の題名。")
    attribution: Text | None = doc(
        "The deck's own 【出典】 line, if it has one.", "資料に記載された【出典】（あれば）。", None
    )


class ReadingPart(Strict, json_schema_extra={"label": {"ja": "資料の部", "en": "A part of the deck in reading order"}}):
    """A part of the deck in reading order (1. policy, 2. budget, reference materials)."""

    id: Id = doc("The part's id, used by pages and collections.", "部のID。ページと一覧から参照します。")
    title: Text = doc("The part's title, as the deck numbers it.", "部の題名（資料の番号付き）。")


class Edition(Entry, json_schema_extra={"label": {"ja": "資料（版）の情報", "en": "The edition: the source deck"}}):
    id: Id = doc("The id of this edition of the briefing.", "この版のID。")
    title: Name = doc("The title of the briefing.", "資料の題名。")
    issuer: Name = doc("The office that issued the briefing.", "資料の作成部署。")
    edition_date: dt.date = doc("Date of the source deck, written YYYY-MM-DD.", "資料の日付（YYYY-MM-DD）。")
    last_updated: dt.date | None = doc(
        "When the data was last changed, YYYY-MM-DD (shown on every page); the edition date if left out.",
        "データを最後に更新した日（YYYY-MM-DD、各ページに表示）。省略時は資料の日付。",
        None,
    )
    notice: Text | None = doc(
        "A notice shown at the top of every page, e.g. that the site is not an official publication.",
        "各ページの上部に表示するお知らせ（例：公式の刊行物ではない旨）。",
        None,
    )
    source_document: Text = doc("The source as a reader would cite it.", "出典としての資料の表記。")
    summary: RichText = doc(
        "What the briefing covers, for the home page (Markdown).", "ホームページに載せる資料の概要（Markdown）。"
    )
    keywords: list[Text] = listing(
        "Words a catalogue or a search finds the briefing by (the PDF's keywords).",
        "目録や検索で資料を探すときの語（PDFのキーワード）。",
    )
    parts: list[ReadingPart] = doc(
        "The deck's parts, in reading order: the briefing's index groups its pages by them.",
        "資料の部（読む順）。「資料を順に読む」ページはこの部ごとにページを並べます。",
    )
    sections: list[SourceSection] = doc(
        "The parts of the deck that pages cite.", "ページが出典として示す資料の各部分。"
    )


# ---------------------------------------------------------------- fields.yml


class Measure(Text, json_schema_extra={"label": {"ja": "施策", "en": "A measure"}}):
    """A measure the deck lists for a field, and the part of the deck that lists it."""

    source: SectionId | None = doc(
        "The part of the deck that lists this measure (a section id), if not the field's own source.",
        "この施策を記載した資料の部分（sections の id）。分野の出典と異なる場合に書きます。",
        None,
    )


class StrategicField(Entry, json_schema_extra={"label": {"ja": "戦略分野", "en": "A strategic field"}}):
    id: Id = doc(*_ID)
    number: Annotated[Count, Unique()] = doc(
        "The deck's circled number: ⑬ is 13.", "資料の丸数字の番号（⑬なら13）。", ge=1
    )
    name: Name = doc("The field's name.", "分野名。")
    measures: list[Measure] = listing("Measures the deck lists for this field.", "資料に記載されたこの分野の施策。")
    source: SectionId = doc(*_SOURCE)


class CrossCuttingIssue(Entry, json_schema_extra={"label": {"ja": "分野横断的課題", "en": "A cross-cutting issue"}}):
    id: Id = doc(*_ID)
    number: Annotated[Count, Unique()] = doc("The deck's circled number.", "資料の丸数字の番号。", ge=1)
    name: Name = doc("The issue's name.", "課題の名称。")
    source: SectionId = doc(*_SOURCE)


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
    id: Id = doc(*_ID)
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
    source: SectionId = doc(*_SOURCE)

    def problems(self, data) -> Iterator[ItemProblem]:
        if (self.field is None) == (self.issue is None):
            yield (), Message("field_or_issue")


# ---------------------------------------------------------------- technology_areas.yml


class AreaKind(StrEnum):
    emerging = "emerging-foundational"  # 新興・基盤技術領域
    national = "national-strategic"  # 国家戦略技術領域


class TechnologyArea(Entry, json_schema_extra={"label": {"ja": "重要技術領域", "en": "A priority technology area"}}):
    id: Id = doc(*_ID)
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
    source: SectionId = doc(*_SOURCE)


# ---------------------------------------------------------------- budget.yml


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
    id: Id = doc(*_ID)
    name: Name = doc("The line's name.", "事業名。")
    stage: Text | None = doc("The deck's grouping, e.g. ①データ創出.", "資料での区分（例：①データ創出）。", None)
    amounts: dict[Annotated[Id, Ref("phases")], OkuYen] = doc(
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
    source: SectionId = doc(*_SOURCE)

    @field_validator("amounts")
    @classmethod
    def _some_amount(cls, value: dict) -> dict:
        if not value:
            raise MessageError("at_least_one_amount")
        return value


class Programme(Entry, json_schema_extra={"label": {"ja": "予算プログラム", "en": "A budget program"}}):
    id: Id = doc(*_ID)
    name: Name = doc("The programme's name.", "プログラム名。")
    totals: dict[Annotated[Id, Ref("phases")], OkuYen] = doc(
        "Totals as the deck states them, per phase id, in 億円. The lines are checked against them.",
        "資料に記載された合計額（予算区分ごと、億円）。各事業の合計と照合します。",
    )
    lines: list[BudgetLine] = doc("The programme's budget lines.", "プログラムの予算事業。", min_length=1)
    source: SectionId = doc(*_SOURCE)

    def line_sum(self, phase_id: str) -> Decimal | None:
        """Sum of the lines counted in the total; computed, never typed into the data."""
        parts = [line.amounts[phase_id] for line in self.lines if line.in_total and phase_id in line.amounts]
        return sum(parts, Decimal(0)) if parts else None

    def problems(self, data) -> Iterator[ItemProblem]:
        for phase, total in self.totals.items():
            parts = [line.amounts[phase] for line in self.lines if line.in_total and phase in line.amounts]
            computed, slack = sum(parts, Decimal(0)), rounding_slack(total, parts)
            if abs(computed - total) > slack:
                parts_said = Message("sum_of", parts=" + ".join(map(str, parts))) if parts else Message("no_lines")
                yield (
                    ("totals", phase),
                    Message("totals_mismatch", computed=computed, parts=parts_said, total=total, slack=slack),
                )


# ---------------------------------------------------------------- pages/*.yml: the rest of the deck


class HeadingBlock(Strict, json_schema_extra={"label": {"ja": "見出し", "en": "A heading"}}):
    heading: Text = doc("A sub-heading inside the page.", "ページ内の見出し。")
    id: Id = doc("The heading's anchor: page/#id.", "見出しのアンカー（page/#id）。", label=("Anchor", "アンカー"))


class ParagraphBlock(Strict, json_schema_extra={"label": {"ja": "段落", "en": "A paragraph"}}):
    paragraph: RichText = doc("A paragraph (Markdown).", "段落（Markdown）。")


class BulletsBlock(Strict, json_schema_extra={"label": {"ja": "箇条書き", "en": "A bulleted list"}}):
    bullets: list[RichText] = doc("A bulleted list (Markdown items).", "箇条書き（各項目は Markdown）。", min_length=1)
    numbered: bool = doc("true for a numbered list.", "番号付きの箇条書きなら true。", False)


class TableSpec(Strict, json_schema_extra={"label": {"ja": "表の内容", "en": "What a table holds"}}):
    caption: Text = doc("The table's caption.", "表の見出し。")
    header: list[Text] = doc("Column headings.", "列の見出し。", min_length=1)
    rows: list[list[RichText]] = doc(
        "Rows: one cell per column (Markdown; a cell that starts with its own number, 2. …, shows it as written).",
        "行（列ごとのセル、Markdown。「2. …」のように番号で始まるセルは、その番号のまま表示）。",
        min_length=1,
    )


class TableBlock(Strict, json_schema_extra={"label": {"ja": "表", "en": "A table"}}):
    table: TableSpec = doc("A table.", "表。")


class NoteBlock(Strict, json_schema_extra={"label": {"ja": "本サイトによる注記", "en": "A note by this site"}}):
    note: RichText = doc(
        "A note by this site, not the deck's text (e.g. where the extracted text could not be recovered).",
        "本サイトによる注記（資料の文ではないもの。例：抽出された文から原文を復元できない箇所）。",
    )


class CommitteeBlock(Strict, json_schema_extra={"label": {"ja": "会議の構成員の表", "en": "A committee's members"}}):
    committee: Annotated[Id, Ref("committees")] = doc(
        "Show a committee's members from committees.yml.", "committees.yml の会議の構成員を表示します。"
    )


class KpisBlock(Strict, json_schema_extra={"label": {"ja": "指標の表", "en": "A table of indicators"}}):
    kpis: list[Annotated[Id, Ref("kpis")]] = doc(
        "Show these KPIs from kpis.yml as a table.", "kpis.yml の指標を表で表示します。", min_length=1
    )


BLOCK_KEYS = ("heading", "paragraph", "bullets", "table", "note", "committee", "kpis")


def block_kind(value: Any) -> str | None:
    """The kind of a page block: the key that names it (heading, paragraph, table…)."""
    if isinstance(value, dict):
        return next((key for key in BLOCK_KEYS if key in value), None)
    return next((key for key in BLOCK_KEYS if hasattr(value, key)), None)


Block = Annotated[
    Annotated[HeadingBlock, Tag("heading")]
    | Annotated[ParagraphBlock, Tag("paragraph")]
    | Annotated[BulletsBlock, Tag("bullets")]
    | Annotated[TableBlock, Tag("table")]
    | Annotated[NoteBlock, Tag("note")]
    | Annotated[CommitteeBlock, Tag("committee")]
    | Annotated[KpisBlock, Tag("kpis")],
    Discriminator(block_kind),
]


class NarrativePage(Entry, json_schema_extra={"label": {"ja": "資料のページ", "en": "A page of the briefing"}}):
    """One topic of the deck, told in blocks, in the deck's order."""

    id: Id = doc(*_ID)
    order: Annotated[Count, Unique()] = doc(
        "Position in reading order (the deck's order).", "読む順番（資料の順）。", ge=1
    )
    part: Annotated[Id, Ref("parts")] = doc(
        "The part of the deck it belongs to: a part id from briefing.yml (policy, budget, reference…).",
        "属する資料の部：briefing.yml の parts の id（policy、budget、reference など）。",
    )
    title: Text = doc("The page's title.", "ページの題名。")
    sources: list[SectionId] = doc(
        "The parts of the deck it comes from (section ids).", "出典となる資料の部分（sections の id）。", min_length=1
    )
    terms: list[Annotated[Id, Ref("terms")]] = listing(
        "Glossary terms this page relies on (ids from glossary.yml).", "このページの主な用語（glossary.yml の id）。"
    )
    blocks: list[Block] = doc("The page's content, in order.", "ページの内容（順番どおり）。", min_length=1)


# ---------------------------------------------------------------- kpis.yml


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
    id: Id = doc(*_ID)
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
    source: SectionId = doc(*_SOURCE)


# ---------------------------------------------------------------- committees.yml


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
    id: Id = doc(*_ID)
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
    source: SectionId = doc(*_SOURCE)


# ---------------------------------------------------------------- glossary.yml


class Term(Entry, json_schema_extra={"label": {"ja": "用語", "en": "A glossary term"}}):
    id: Id = doc(*_ID)
    name: Name = doc(
        "The term in both languages; en_status says how official the English is.",
        "用語（日英）。en_status は英語の出典。",
        label=("Term", "用語"),
    )
    abbr: str | None = doc(
        "An abbreviation to explain wherever it appears (e.g. ARIM): shown with a tooltip.",
        "ページ中に現れたら説明を表示する略語（例：ARIM）。",
        None,
    )
    explanation: Text | None = doc("A short explanation.", "短い説明。", None)
    ja_forms: list[NonEmpty] = listing(
        "Other ways the Japanese writes the term (the terminology check looks for them too).",
        "用語の別の書き方（用語の検査で同じ用語として扱います）。",
    )
    en_forms: list[NonEmpty] = listing(
        "Other accepted forms of the English (a plural, a short form); capitals and the abbreviation always count.",
        "英語として認める別の形（複数形、短縮形など）。大文字小文字の違いと略語は常に認めます。",
    )
    avoid: list[NonEmpty] = listing(
        "English renderings that are not to be used for this term (the check names them when it finds them).",
        "この用語に使わない英訳（見つかった場合、検査がそれを示します）。",
    )
    not_within: list[NonEmpty] = listing(
        "Japanese words that contain the term's characters without being the term (力強い経済 for 強い経済).",
        "用語の文字を含むが用語ではない語（「強い経済」に対する「力強い経済」など）。",
    )
    checked: bool = doc(
        "false for a term too general to check wherever its Japanese appears.",
        "一般的すぎて、日本語が現れるたびに検査できない用語は false。",
        True,
    )


# ---------------------------------------------------------------- corrections.yml


# {?phrase?} in a text: a phrase of the source that cannot be read with confidence ({??}: the label alone).
UNCLEAR = re.compile(r"\{\?(.*?)\?\}")


def marked_phrases(value: object) -> Iterator[str]:
    """The phrases marked unclear ({?…?}) under ``value``: in the Japanese of its texts and in its plain strings
    (an abbreviation of the deck), in order."""
    if isinstance(value, Text):
        value = value.ja
    if isinstance(value, str):
        yield from (phrase for phrase in UNCLEAR.findall(value) if phrase)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from marked_phrases(getattr(value, name))
    elif isinstance(value, list | tuple):
        for child in value:
            yield from marked_phrases(child)
    elif isinstance(value, dict):
        for child in value.values():
            yield from marked_phrases(child)


class Correction(Entry, json_schema_extra={"label": {"ja": "訂正", "en": "A correction of the extracted text"}}):
    """An extraction error in the source text, and what the site shows instead."""

    id: Id = doc(*_ID)
    section: SectionId = doc("Where it occurs (a section id).", "出現箇所（sections の id）。")
    extracted: NonEmpty = doc("What the extracted text says.", "抽出された文の表記。")
    shown: NonEmpty | None = doc(
        "What the site shows; leave out if the original cannot be recovered.",
        "本サイトでの表記。原文を復元できない場合は省略。",
        None,
    )
    probable: NonEmpty | None = doc(
        "A probable reading of a garbled phrase that cannot be recovered with certainty (復旧・復興 for 御日・御風): "
        "the pages show the phrase as extracted, marked unclear ({?御日・御風?}), with this reading. The phrase "
        "must occur in `extracted`.",
        "確実には復元できない文字化けの、推定される読み（例：「御日・御風」に対する「復旧・復興」）。ページには"
        "抽出された文のまま判読不確実の印（{?御日・御風?}）を付けて示し、この読みを添えます。その語句は "
        "extracted に含まれている必要があります。",
        None,
        label=("Probable reading", "推定される読み"),
    )
    reason: Text = doc("Why.", "理由。")

    def explains(self, phrase: str) -> bool:
        """Whether this correction is about a phrase marked unclear in the data."""
        return phrase in self.extracted or f"{{?{phrase}?}}" in (self.shown or "")

    def problems(self, data) -> Iterator[ItemProblem]:
        if self.probable is None:
            return
        marked = {
            phrase
            for items in data.items.values()
            for item in items
            if not isinstance(item, Correction)
            for phrase in marked_phrases(item)
        }
        if not any(self.explains(phrase) for phrase in marked):
            yield ("probable",), Message("probable_unmarked", extracted=self.extracted)


# ---------------------------------------------------------------- redirects.yml

ADDRESS_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*/)*(#[a-z0-9]+(-[a-z0-9]+)*)?$"
Address = Annotated[
    str,
    StringConstraints(pattern=ADDRESS_PATTERN),
    Field(description="A site address without the language: 'fields/materials/' or 'working-groups/#materials'."),
]


class Redirect(Strict, json_schema_extra={"label": {"ja": "移動したアドレス", "en": "A moved address"}}):
    """An address that was published and has moved: links in old memos keep working."""

    old: Address = doc("The address as it was, without /ja/ or /en/.", "以前のアドレス（/ja/ や /en/ を除く）。")
    new: Address = doc("Where it is now.", "現在のアドレス。")
    reason: Text | None = doc("Why it moved.", "移動の理由。", None)


class RedirectsFile(Strict, json_schema_extra={"label": {"ja": "移動したアドレスの一覧", "en": "The moved addresses"}}):
    redirects: list[Redirect] = listing("Moved addresses.", "移動したアドレス。")


class EditionFile(Strict, json_schema_extra={"label": {"ja": "資料の情報", "en": "The edition"}}):
    briefing: Edition = doc("The edition: what the source is.", "この版の情報（資料について）。")


# The models a collection in data/collections.yml may name.
MODELS: dict[str, type[Strict]] = {
    model.__name__: model
    for model in (
        SourceSection,
        ReadingPart,
        StrategicField,
        CrossCuttingIssue,
        Ministry,
        Minister,
        WorkingGroup,
        TechnologyArea,
        BudgetPhase,
        Programme,
        BudgetLine,
        NarrativePage,
        Kpi,
        Committee,
        Term,
        Correction,
    )
}


# ---------------------------------------------------------------- references between collections


def _unwrap_annotated(annotation: Any, metadata: tuple = ()) -> tuple[Any, tuple]:
    while get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        metadata = (*metadata, *more)
    return annotation, metadata


def marked(value: Any, annotation: Any, metadata: tuple = (), path: tuple = (), skip: frozenset = frozenset()):
    """Every value under ``value`` whose annotation carries a ``Ref`` or ``Unique`` mark,
    as (path, mark, value). ``skip`` names keys of the outer item not to enter (nested collections)."""
    annotation, metadata = _unwrap_annotated(annotation, tuple(metadata))
    if value is None:
        return
    for mark in metadata:
        if isinstance(mark, Ref | Unique):
            yield path, mark, value
    origin = get_origin(annotation)
    if origin in (Union, UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            yield from marked(value, options[0], (), path)
            return
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            if name not in skip and _may_hold_marks(type(value), name):
                yield from marked(getattr(value, name), field.annotation, tuple(field.metadata), (*path, name))
    elif origin is list:
        (inner,) = get_args(annotation)
        for index, element in enumerate(value):
            yield from marked(element, inner, (), (*path, index))
    elif origin is dict:
        key_type, value_type = get_args(annotation)
        for key, element in value.items():
            yield from marked(key, key_type, (), (*path, key))
            yield from marked(element, value_type, (), (*path, key))


@functools.cache
def _may_hold_marks(model: type[BaseModel], name: str) -> bool:
    """Whether a key of a model can hold a marked value (texts, amounts and the like cannot): the walk
    above skips the rest, which is most of the data."""
    field = model.model_fields[name]
    return _annotation_holds_marks(field.annotation, tuple(field.metadata), frozenset())


def _annotation_holds_marks(annotation: Any, metadata: tuple, seen: frozenset) -> bool:
    annotation, metadata = _unwrap_annotated(annotation, metadata)
    if any(isinstance(mark, Ref | Unique) for mark in metadata):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return False
        return any(
            _annotation_holds_marks(field.annotation, tuple(field.metadata), seen | {annotation})
            for field in annotation.model_fields.values()
        )
    return any(_annotation_holds_marks(arg, (), seen) for arg in get_args(annotation))


def refs_of(model: type[BaseModel], seen: frozenset = frozenset()) -> list[tuple[str, Ref]]:
    """The references a model can hold (its nested models' included), as (key, Ref)."""
    found: list[tuple[str, Ref]] = []

    def visit(annotation: Any, metadata: tuple, key: str) -> None:
        annotation, metadata = _unwrap_annotated(annotation, metadata)
        found.extend((key, mark) for mark in metadata if isinstance(mark, Ref))
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in seen:
                found.extend((f"{key}.{inner}", ref) for inner, ref in refs_of(annotation, seen | {model}))
            return
        for arg in get_args(annotation):
            visit(arg, (), key)

    for name, field in model.model_fields.items():
        visit(field.annotation, tuple(field.metadata), name)
    return found


def texts_in(value: object, path: tuple = (), entry: tuple | None = None):
    """Every bilingual text under ``value`` with its path and its innermost entry (model, path)."""
    if isinstance(value, Text):
        yield path, value, entry
        return
    if isinstance(value, Entry):
        entry = (value, path)
    if isinstance(value, BaseModel):
        children = ((name, getattr(value, name)) for name in type(value).model_fields)
    elif isinstance(value, list):
        children = enumerate(value)
    elif isinstance(value, dict):
        children = value.items()
    else:
        return
    for key, child in children:
        yield from texts_in(child, (*path, key), entry)
