"""The pages that retell the deck (pages/*.yml): a title, the parts of the deck they come from, and blocks of
content in order. The engine knows five kinds of block (heading, paragraph, bullets, table, note); a
briefing's domain adds its own (a committee's members, a table of indicators), each a model whose first key
names its kind, shown by the template blocks/<kind>.md.j2.

The model of a page is made for each briefing (``narrative_page``): its blocks are the engine's and the
domain's, and its ``terms`` name the items of the glossary the briefing declares.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Union

from pydantic import Discriminator, Tag, create_model

from .fields import ID_DOC, Count, Entry, Id, Ref, RichText, SectionId, Strict, Text, Unique, doc, listing

# ---------------------------------------------------------------- the blocks every briefing has


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


BLOCKS: tuple[type[Strict], ...] = (HeadingBlock, ParagraphBlock, BulletsBlock, TableBlock, NoteBlock)
GLOSSARY = "terms"  # the glossary's collection id where a briefing declares none


def block_kind(value: Any) -> str | None:
    """The kind of a page block: the first key of its model (heading, paragraph, table…)."""
    fields = getattr(type(value), "model_fields", None)
    return next(iter(fields), None) if fields else None


def _kinds(blocks: tuple[type[Strict], ...]):
    """The discriminator of a union of blocks: the kind of a block, also before it is validated (a mapping
    of YAML, whose key that names a kind says which)."""
    keys = tuple(next(iter(block.model_fields)) for block in blocks)

    def kind(value: Any) -> str | None:
        if isinstance(value, dict):
            return next((key for key in keys if key in value), None)
        return next((key for key in keys if hasattr(value, key)), None)

    return keys, kind


def _block_union(blocks: tuple[type[Strict], ...]) -> Any:
    keys, kind = _kinds(blocks)
    options = tuple(Annotated[block, Tag(key)] for block, key in zip(blocks, keys, strict=True))
    return Annotated[Union[options], Discriminator(kind)]  # noqa: UP007 (a union made of a tuple)


Block = _block_union(BLOCKS)


def _terms() -> Any:
    return listing(
        "Glossary terms this page relies on (ids from glossary.yml).", "このページの主な用語（glossary.yml の id）。"
    )


def _blocks() -> Any:
    return doc("The page's content, in order.", "ページの内容（順番どおり）。", min_length=1)


class NarrativePage(Entry, json_schema_extra={"label": {"ja": "資料のページ", "en": "A page of the briefing"}}):
    """One topic of the deck, told in blocks, in the deck's order."""

    block_kinds: ClassVar[tuple[str, ...]] = _kinds(BLOCKS)[0]  # the keys that name a block's kind

    id: Id = doc(*ID_DOC)
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
    terms: list[Annotated[Id, Ref(GLOSSARY)]] = _terms()
    blocks: list[Block] = _blocks()


def narrative_page(blocks: tuple[type[Strict], ...] = (), glossary: str = GLOSSARY) -> type[NarrativePage]:
    """The model of a page of this briefing: with the domain's ``blocks`` after the engine's, and ``terms``
    naming the items of the collection ``glossary``. The same name and descriptions as the engine's own, so that
    the editor's guide and the JSON Schemas read the same."""
    if not blocks and glossary == GLOSSARY:
        return NarrativePage
    kinds = (*BLOCKS, *blocks)
    page = create_model(
        "NarrativePage",
        __base__=NarrativePage,
        __doc__=NarrativePage.__doc__,
        __module__=NarrativePage.__module__,
        terms=(list[Annotated[Id, Ref(glossary)]], _terms()),
        blocks=(list[_block_union(kinds)], _blocks()),
    )
    page.block_kinds = _kinds(kinds)[0]
    return page
