"""What a briefing is made of: data/collections.yml, one declaration per collection.

A collection says where its items are (a key of a file, a folder of one file per item, or a
list inside each item of another collection), which model checks them, which pages show them,
where their table rows can be linked to, where they go in the sidebar and in reading order,
the text of their index page, and their downloads. Loading, checks, lookups, pages, the
navigation, the print page, downloads and the home page all iterate over these declarations.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import AfterValidator, Field, PrivateAttr, StringConstraints, create_model, model_validator

from ..messages import MessageError
from ..model.domain import Domain
from ..model.fields import Count, Entry, Id, Name, OkuYen, Ref, RichText, Strict, Text, doc, listing
from ..model.glossary import Term
from ..model.pages import GLOSSARY
from ..model.registry import models_of
from .declared_downloads import DownloadSpec

DECLARATION = "collections.yml"
EDITION_FILE = "briefing.yml"
REDIRECTS_FILE = "redirects.yml"
EDITION = "edition"  # the edition is a collection of one item, so that collections can live inside it

CollectionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
PagePath = Annotated[str, StringConstraints(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*/)*[a-z0-9]+(-[a-z0-9]+)*\.md$")]
# Where rows of a collection can be linked to: its own index page, the page of the item it is
# nested in, or every item page of another collection ("budget_lines:items").
AnchorPlace = Annotated[str, StringConstraints(pattern=r"^(index|parent|[a-z][a-z0-9_]*:(index|items))$")]


def _inside(folder: str, example: str | list[str], suffixes: tuple[str, ...]):
    """A check that a path given in collections.yml names a file inside ``folder``: no absolute path, no
    '..', no backslash (a path from data/ never leads out of its folder)."""

    def check(value: str) -> str:
        parts = value.split("/")
        if value.startswith("/") or "\\" in value or "" in parts or "." in parts or ".." in parts:
            raise MessageError("path_inside", folder=folder, example=example)
        if not value.endswith(suffixes):
            raise MessageError("path_suffix", suffixes=list(suffixes), example=example)
        return value

    return AfterValidator(check)


DataPath = Annotated[str, _inside("data/", ["fields.yml", "pages/*.yml"], (".yml", ".yaml"))]
TemplateName = Annotated[str, _inside("templates/", "fields/index.md.j2", (".j2",))]


class Place(Strict, json_schema_extra={"label": {"ja": "サイドバーでの位置", "en": "A place in the sidebar"}}):
    """A place in the sidebar: inside a section, or at the top level when no section is named."""

    section: Id | None = doc(
        "The sidebar section (an id from `sections`).", "サイドバーの見出し（sections の id）。", None
    )
    position: int = doc("Position: lower numbers come first.", "並び順（小さい順）。")
    title: Text | None = doc(
        "The label in the sidebar, if not the page's title.", "サイドバーでの表示（ページの題名と異なる場合）。", None
    )


class NavSection(Strict, json_schema_extra={"label": {"ja": "サイドバーの見出し", "en": "A section of the sidebar"}}):
    id: Id = doc("The section's id.", "見出しのID。")
    title: Text = doc("The section's label in the sidebar.", "サイドバーの見出し。")
    position: int = doc("Position among the top-level entries.", "最上位の並び順。")


class FieldType(StrEnum):
    text = "text"
    rich_text = "rich-text"
    name = "name"
    id = "id"
    count = "count"
    amount = "amount"
    date = "date"
    bool = "bool"


_FIELD_TYPES: dict[FieldType, Any] = {
    FieldType.text: Text,
    FieldType.rich_text: RichText,
    FieldType.name: Name,
    FieldType.id: Id,
    FieldType.count: Count,
    FieldType.amount: OkuYen,
    FieldType.date: dt.date,
    FieldType.bool: bool,
}


class FieldSpec(Strict, json_schema_extra={"label": {"ja": "項目のキーの宣言", "en": "A key of an item, declared"}}):
    """A key of an item, for collections whose model is declared here rather than in the domain's Python."""

    type: FieldType = doc(
        "text, rich-text (Markdown), name, id, count, amount (億円), date or bool.",
        "text、rich-text（Markdown）、name、id、count、amount（億円）、date、bool のいずれか。",
    )
    refers_to: CollectionId | None = doc("For an id: the collection it names.", "id の場合、参照する一覧のID。", None)
    many: bool = doc("true for a list of values.", "値のリストなら true。", False)
    required: bool = doc("false if the key may be left out.", "省略できる場合は false。", True)
    description: Text = doc("What the key holds, for the editor's guide.", "キーの意味（編集ガイド用）。")


class CollectionSpec(Strict, json_schema_extra={"label": {"ja": "データの一覧の宣言", "en": "A collection, declared"}}):
    id: CollectionId = doc("The collection's id, as templates and references name it.", "一覧のID。")
    name: str = doc("What one item is called, in messages: 'strategic field'.", "メッセージでの項目の呼び名（英語）。")
    plural: str | None = doc(
        "The plural, if not the name with an s.", "複数形（name に s を付けた形でない場合）。", None
    )
    file: DataPath = doc(
        "Its data file under data/; a pattern such as pages/*.yml holds one item per file.",
        "data/ のファイル名。pages/*.yml のようなパターンなら1ファイル1項目。",
    )
    key: str | None = doc(
        "The key holding the list, in the file or (with `within`) in each item of the parent collection.",
        "リストを持つキー（ファイル内、または within の一覧の各項目内）。",
        None,
    )
    within: CollectionId | None = doc(
        "The collection whose items hold these items.", "この一覧の項目を含む一覧のID。", None
    )
    model: str | None = doc(
        "A model of the briefing's own Python (templates/domain/).",
        "説明資料のPython（templates/domain/）にあるモデルの名前。",
        None,
    )
    fields: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], FieldSpec] | None = doc(
        "Or the keys of an item, declared here.", "または項目のキーをここで宣言します。", None
    )
    description: Text | None = doc(
        "What the list holds, for the editor's guide.", "リストの内容（編集ガイド用）。", None
    )
    id_key: str = doc("The key that holds each item's id.", "各項目のIDのキー。", "id")
    name_key: str = doc(
        "The key that holds each item's name, as lists of changes and references show it.",
        "各項目の名称のキー（変更点の一覧などに表示します）。",
        "name",
    )
    sort_by: str | None = doc("Show the items ordered by this key.", "このキーの順に並べます。", None)
    pages: Id | None = doc(
        "Page slug: an index at <slug>/ and one page per item at <slug>/<id>/.",
        "ページのアドレス：一覧を <slug>/、各項目を <slug>/<id>/ に作ります。",
        None,
    )
    page: PagePath | None = doc("Or one page showing the whole collection.", "または一覧全体を1ページに。", None)
    template: TemplateName | None = doc(
        "The template of that one page (with `page`), or of the index (with `pages`).",
        "page のテンプレート（pages の場合は一覧ページのテンプレート）。",
        None,
    )
    title: Text | None = doc(
        "The title of its index page; {count} is the number of items, {<collection id>} another count.",
        "一覧ページの題名。{count} は項目の数、{一覧のID} はその一覧の項目の数になります。",
        None,
    )
    intro: Text | None = doc("The first paragraph of its index page (same placeholders).", "一覧ページの導入文。", None)
    anchors: list[AnchorPlace] = listing(
        "Where each item is a table row that can be linked to: index, parent, or <collection>:items.",
        "各項目がリンク可能な表の行になるページ：index、parent、<一覧のID>:items。",
    )
    nav: Place | None = doc("Its index page's place in the sidebar.", "一覧ページのサイドバーでの位置。", None)
    order: int | None = doc(
        "Its index page's place in reading order (the print page, the briefing's index).",
        "一覧ページの読む順番（印刷用ページ、資料を順に読むページ）。",
        None,
    )
    part: Id | None = doc("The part of the deck its index page belongs to.", "一覧ページが属する資料の部。", None)
    read_items: bool = doc(
        "true when each item is a page in reading order (by its own `order` and `part`).",
        "各項目のページを読む順番に並べる場合は true（項目の order と part による）。",
        False,
    )
    wide: bool = doc(
        "true when its index table needs the page's full width (the page then has no table of contents beside it).",
        "一覧の表がページの全幅を必要とする場合は true（目次を横に表示しません）。",
        False,
    )
    printed: bool = doc(
        "false to leave its index page out of the print page.", "印刷用ページに含めない場合は false。", True
    )
    home: bool = doc(
        "true to list it, with its count, on the home page.", "ホームページに件数とともに載せる場合は true。", False
    )
    downloads: list[DownloadSpec] = listing("Its data downloads.", "ダウンロード用データ。")
    # The model of one item, once the declaration is read for a briefing (``Declaration.bind``).
    _item_model: type[Strict] | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _one_model(self):
        if (self.model is None) == (self.fields is None):
            raise MessageError("model_or_fields")
        if self.pages and self.page:
            raise MessageError("pages_or_page")
        if self.page and not self.template:
            raise MessageError("page_needs_template")
        if (self.key is None) == ("*" not in self.file) and self.within is None:
            raise MessageError("key_or_pattern")
        return self

    @property
    def names(self) -> str:
        return self.plural or f"{self.name}s"

    @property
    def index_path(self) -> str | None:
        """The source path of the page listing the collection: fields/index.md, glossary.md."""
        return f"{self.pages}/index.md" if self.pages else self.page

    @property
    def index_template(self) -> str | None:
        if self.pages:
            return self.template or f"{self.pages}/index.md.j2"
        return self.template

    @property
    def item_template(self) -> str | None:
        return f"{self.pages}/item.md.j2" if self.pages else None

    def item_path(self, item_id: str) -> str:
        return f"{self.pages}/{item_id}.md"


class PageSpec(
    Strict, json_schema_extra={"label": {"ja": "一覧でないページ", "en": "A page that is not a collection"}}
):
    """A page that is not a collection: built from a template, or hand-written in docs/<lang>/."""

    path: PagePath = doc("Its source path: downloads.md.", "ソースのパス（例：downloads.md）。")
    template: TemplateName | None = doc(
        "The template it is built from; none for a page hand-written in docs/<lang>/.",
        "作成に使うテンプレート。docs/<lang>/ に手で書いたページなら省略。",
        None,
    )
    nav: Place | None = doc("Its place in the sidebar.", "サイドバーでの位置。", None)
    order: int | None = doc("Its place in reading order, if it is part of the print page.", "読む順番。", None)
    part: Id | None = doc("The part of the deck it belongs to.", "属する資料の部。", None)
    search: bool = doc("false to keep it out of the search index.", "検索の対象外にする場合は false。", True)
    wide: bool = doc(
        "true when its tables need the page's full width (no table of contents beside them).",
        "表がページの全幅を必要とする場合は true（目次を横に表示しません）。",
        False,
    )


class Declaration(
    Strict, json_schema_extra={"label": {"ja": "このサイトの構成", "en": "What this briefing is made of"}}
):
    sections: list[NavSection] = listing("The sidebar's sections.", "サイドバーの見出し。")
    collections: list[CollectionSpec] = doc("The collections, in loading order.", "データの一覧（読み込む順）。")
    pages: list[PageSpec] = listing("Pages that are not collections.", "一覧でないページ。")
    # The models its collections may name: the engine's and the briefing's domain's (``bind``).
    _models: dict[str, type[Strict]] = PrivateAttr(default_factory=dict)

    def collection(self, collection_id: str) -> CollectionSpec:
        return next(spec for spec in self.collections if spec.id == collection_id)

    def bind(self, domain: Domain) -> Declaration:
        """Give each collection its model: named from the engine's and ``domain``'s models, or put together
        from its declared keys. A page's ``terms`` name the glossary this declaration has (the collection whose
        model is the engine's ``Term``)."""
        glossary = next((spec.id for spec in self.collections if spec.model == Term.__name__), GLOSSARY)
        self._models = models_of(domain, glossary)
        for spec in self.collections:
            spec._item_model = self._models.get(spec.model) if spec.model is not None else _declared_model(spec)
        return self

    @property
    def models(self) -> dict[str, type[Strict]]:
        return self._models or models_of(Domain())


def item_model(spec: CollectionSpec) -> type[Strict]:
    """The model of one item (the declaration binds it: ``Declaration.bind``); the engine's, without a domain."""
    if spec._item_model is None:
        spec._item_model = models_of(Domain())[spec.model] if spec.model is not None else _declared_model(spec)
    return spec._item_model


# Values that sort_by can put in order: texts and names cannot (two languages), nor lists and groups of keys.
_ORDERABLE = (str, int, Decimal, dt.date)


def _value_type(hint: Any) -> tuple[Any, bool]:
    """The type of a key's value, without its constraints (``Annotated``), and whether it may be left out."""
    optional = False
    while True:
        origin = get_origin(hint)
        if origin is Annotated:
            hint = get_args(hint)[0]
        elif origin in (UnionType, Union):
            members = [arg for arg in get_args(hint) if arg is not NoneType]
            if len(members) != 1:
                return hint, optional
            hint, optional = members[0], True
        else:
            return hint, optional


def orderable_keys(model: type[Strict]) -> list[str]:
    """The keys ``sort_by`` may name: single values that compare (an optional one too: items without it last)."""
    found = []
    for key, field in model.model_fields.items():
        kind, _ = _value_type(field.annotation)
        if isinstance(kind, type) and issubclass(kind, _ORDERABLE):  # (bool is an int)
            found.append(key)
    return found


def id_keys(model: type[Strict]) -> list[str]:
    """The keys ``id_key`` may name: a string every item has."""
    found = []
    for key, field in model.model_fields.items():
        kind, optional = _value_type(field.annotation)
        if isinstance(kind, type) and issubclass(kind, str) and not optional:
            found.append(key)
    return found


def _declared_model(spec: CollectionSpec) -> type[Strict]:
    """The model of an item whose keys are declared in data/collections.yml."""
    fields: dict[str, Any] = {spec.id_key: (Id, doc("The item's id: it becomes its address.", "項目のID。"))}
    for key, field in (spec.fields or {}).items():
        kind: Any = _FIELD_TYPES[field.type]
        if field.refers_to:
            kind = Annotated[kind, Ref(field.refers_to)]
        extra = {"json_schema_extra": {"description_ja": field.description.ja}}
        description = field.description.en or field.description.ja
        if field.many:
            fields[key] = (list[kind], Field(default_factory=list, description=description, **extra))
        elif field.required:
            fields[key] = (kind, Field(..., description=description, **extra))
        else:
            fields[key] = (kind | None, Field(None, description=description, **extra))
    name = "".join(part.capitalize() for part in spec.id.split("_"))
    label = spec.description or Text(ja=spec.id, en=spec.name)
    extra = {"json_schema_extra": {"label": {"ja": label.ja, "en": label.en or label.ja}}}
    return create_model(name, __base__=Entry, __cls_kwargs__=extra, **fields)
