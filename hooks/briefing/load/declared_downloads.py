"""A collection's downloads as data/collections.yml declares them: each a CSV and a JSON file, one row per
item (or several, by an expression), its columns Jinja expressions over the item (check/expressions.py
checks and evaluates them, publish/downloads.py writes the files)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

from ..model.fields import Id, Strict, Text, doc

ColumnName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class Column(Strict, json_schema_extra={"label": {"ja": "ダウンロードの列", "en": "A column of a download"}}):
    """One column of a download: a Jinja expression over ``item`` (and ``row``, ``parent``)."""

    name: ColumnName = doc("The column's name (ASCII).", "列名（英数字）。")
    type: Literal["string", "integer", "number", "boolean", "date"] = doc(
        "The Frictionless type.", "Frictionless の型。"
    )
    value: str = doc("A Jinja expression giving the value.", "値を与える Jinja の式。")
    description: str = doc("What the column holds (English, for datapackage.json).", "列の説明（英語）。")
    currency: str | None = doc("ISO 4217 currency of an amount.", "金額の通貨（ISO 4217）。", None)
    factor: int | None = doc("What one unit of an amount is worth (1億 = 100000000).", "単位の倍率。", None)


class DownloadSpec(Strict, json_schema_extra={"label": {"ja": "ダウンロード用データ", "en": "A data download"}}):
    name: Id = doc("File name without extension: downloads/<name>.csv and .json.", "ファイル名（拡張子なし）。")
    title: Text = doc("The dataset's title.", "データの題名。")
    rows: str | None = doc(
        "A Jinja expression giving several rows per item (each is `row`); one row per item if left out.",
        "1項目から複数行を作る場合の Jinja の式（各行は row）。省略時は1項目1行。",
        None,
    )
    columns: list[Column] = doc("The columns.", "列。", min_length=1)
    fiscal_period: str | None = doc("How fiscal years are counted, for datapackage.json.", "年度の説明。", None)
