"""The models every briefing has: its edition (briefing.yml: the source deck, its parts and sections) and its
moved addresses (redirects.yml)."""

from __future__ import annotations

import datetime as dt

from .fields import ID_DOC, Address, Entry, Id, Name, RichText, Strict, Text, doc, listing

# ---------------------------------------------------------------- briefing.yml


class SourceSection(
    Entry, json_schema_extra={"label": {"ja": "資料の部分（出典）", "en": "A part of the source deck"}}
):
    """A part of the source deck that pages cite."""

    id: Id = doc(*ID_DOC)
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


# ---------------------------------------------------------------- redirects.yml


class Redirect(Strict, json_schema_extra={"label": {"ja": "移動したアドレス", "en": "A moved address"}}):
    """An address that was published and has moved: links in old memos keep working."""

    old: Address = doc("The address as it was, without /ja/ or /en/.", "以前のアドレス（/ja/ や /en/ を除く）。")
    new: Address = doc("Where it is now.", "現在のアドレス。")
    reason: Text | None = doc("Why it moved.", "移動の理由。", None)


class RedirectsFile(Strict, json_schema_extra={"label": {"ja": "移動したアドレスの一覧", "en": "The moved addresses"}}):
    redirects: list[Redirect] = listing("Moved addresses.", "移動したアドレス。")


class EditionFile(Strict, json_schema_extra={"label": {"ja": "資料の情報", "en": "The edition"}}):
    briefing: Edition = doc("The edition: what the source is.", "この版の情報（資料について）。")
