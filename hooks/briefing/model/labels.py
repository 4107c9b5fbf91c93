"""What a key is called where readers see it (the changes page, the change boxes of the item pages), in
English and Japanese. The engine names the keys of its own models and the common ones; a briefing's domain
names its own keys (``Domain.key_labels``); a field's own ``doc(label=…)`` says it where the key means
something else in its model."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel

KEY_LABELS: dict[str, tuple[str, str]] = {
    "abbr": ("Abbreviation", "略称"),
    "attribution": ("Source cited by the deck", "資料の出典表記"),
    "avoid": ("Renderings not to use", "使わない訳"),
    "awaiting_translation": ("Awaiting translation", "翻訳待ち"),
    "blocks": ("Content", "内容"),
    "bullets": ("Bulleted list", "箇条書き"),
    "caption": ("Caption", "表の見出し"),
    "checked": ("Checked", "検査の対象"),
    "code": ("Code", "コード"),
    "description": ("Description", "説明"),
    "en": ("English", "英語"),
    "en_forms": ("Other English forms", "英語の別の形"),
    "en_status": ("Source of the English", "英語名の出典"),
    "explanation": ("Explanation", "説明"),
    "extracted": ("Extracted text", "抽出された文"),
    "header": ("Column headings", "列の見出し"),
    "heading": ("Heading", "見出し"),
    "id": ("Id", "ID"),
    "ja": ("Japanese", "日本語"),
    "ja_forms": ("Other Japanese forms", "日本語の別の書き方"),
    "kind": ("Kind", "種類"),
    "name": ("Name", "名称"),
    "not_within": ("Words that are not the term", "用語ではない語"),
    "note": ("Note", "注記"),
    "notes": ("Notes", "その他"),
    "number": ("No.", "番号"),
    "numbered": ("Numbered", "番号付き"),
    "order": ("Order", "順番"),
    "paragraph": ("Paragraph", "段落"),
    "part": ("Part of the deck", "資料の部"),
    "probable": ("Identification inferred", "推定による特定"),
    "reason": ("Reason", "理由"),
    "rows": ("Rows", "行"),
    "section": ("Where", "出現箇所"),
    "shown": ("Shown on this site", "本サイトでの表記"),
    "source": ("Source", "出典"),
    "sources": ("Sources", "出典"),
    "status": ("Status", "区分"),
    "table": ("Table", "表"),
    "term": ("Term", "用語"),
    "terminology_exceptions": ("Terminology exceptions", "用語の例外"),
    "terms": ("Key terms", "主な用語"),
    "title": ("Title", "題名"),
    "translation_checked": ("Translation checked against", "翻訳を確認した版"),
    "unit": ("Unit", "単位"),
    "value": ("Value", "数値"),
    "year": ("Year", "年"),
}


def field_label(
    model: type[BaseModel], name: str, labels: Mapping[str, tuple[str, str]] = KEY_LABELS
) -> dict[str, str] | None:
    """What a key of a model is called, in both languages ({"ja": …, "en": …}), or None if unnamed;
    ``labels``: the engine's and the domain's (``Domain.key_labels``)."""
    info = model.model_fields.get(name)
    extra = info.json_schema_extra if info is not None and isinstance(info.json_schema_extra, dict) else {}
    if "label" in extra:
        return extra["label"]
    known = labels.get(name)
    return {"en": known[0], "ja": known[1]} if known else None
