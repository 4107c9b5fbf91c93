"""Machine-readable downloads of the collections: CSV and JSON, described by a datapackage.json.

Which downloads exist, and their columns, is declared with each collection in
data/collections.yml; each column is a Jinja expression, evaluated in Jinja's sandbox in each language
(expressions.py: ``make check`` has evaluated each one already). Following Japan's rules for
machine-readable government data: long format, one value per cell, numbers without units or separators
(units in their own column), ASCII column names, and CSV in UTF-8 with a byte-order mark so that Excel on
Windows opens it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from ..load.declared_downloads import Column, DownloadSpec
from ..render.renderer import Renderer

FOLDER = "downloads"
CSV_ENCODING = "utf-8-sig"


@dataclass(frozen=True)
class Table:
    spec: DownloadSpec
    title: str
    rows: list[dict]

    @property
    def columns(self) -> list[Column]:
        return self.spec.columns


@dataclass(frozen=True)
class DownloadFile:
    path: str  # under the language's site: downloads/strategic-fields.csv
    content: bytes
    table: Table | None  # None for datapackage.json
    format: str


def tables(renderer: Renderer, values: dict | None = None) -> list[Table]:
    """Every declared download as a long-format table in the renderer's language; ``values``: the rows
    the check worked out (expressions.expression_problems), by (collection, download), if it did."""
    briefing = renderer.briefing
    result = []
    for collection in briefing.declaration.collections:
        for spec in collection.downloads:
            expressions = renderer.expressions
            rows = []
            if values is not None and (collection.id, spec.name) in values:
                rows = [
                    {name: _plain(value) for name, value in row.items()} for row in values[collection.id, spec.name]
                ]
            else:
                for item in briefing[collection.id]:
                    for row in expressions.rows(spec.rows, item) if spec.rows else [None]:
                        rows.append(
                            {
                                column.name: _plain(expressions.column_value(column.value, item=item, row=row))
                                for column in spec.columns
                            }
                        )
            title = renderer.fill(spec.title, count=len(briefing[collection.id])).unescape()
            result.append(Table(spec, title, rows))
    return result


def _plain(value):
    """Values as the file should hold them: text from the page filters as plain strings."""
    return str(value) if isinstance(value, str) else value


# A text cell a spreadsheet would read as a formula starts with one of these (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""  # blank, never 0: "not stated" and zero stay distinct
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | int):
        return f"{value:f}" if isinstance(value, Decimal) else str(value)
    text = str(value)
    # Neutralised as OWASP recommends: a leading apostrophe makes the spreadsheet show it as text.
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    for row in table.rows:
        writer.writerow(_cell(row[column.name]) for column in table.columns)
    return buffer.getvalue().encode(CSV_ENCODING)


def _json(table: Table) -> bytes:
    def plain(value):
        # JSON has no decimal type; a float's shortest repr writes 21.9 back exactly (tests read it as Decimal).
        if isinstance(value, dt.date):  # (the CSV writes it so too)
            return value.isoformat()
        return float(value) if isinstance(value, Decimal) else value

    records = [{column.name: plain(row[column.name]) for column in table.columns} for row in table.rows]
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _schema_field(column: Column) -> dict:
    field = {"name": column.name, "type": column.type, "description": column.description}
    if column.currency:
        field.update({"currency": column.currency, "factor": column.factor, "decimalChar": "."})
    return field


def download_files(renderer: Renderer, values: dict | None = None) -> list[DownloadFile]:
    """Every download of one language, and the datapackage.json that describes them."""
    briefing, lang = renderer.briefing, renderer.lang
    files: list[DownloadFile] = []
    resources = []
    for table in tables(renderer, values):
        for suffix, content, media, extra in (
            # "utf-8-sig": UTF-8 that begins with a byte-order mark (which Excel on Windows needs), the name
            # Python's codecs, csv and Frictionless read it by, without taking the mark for text.
            ("csv", _csv(table), "text/csv", {"encoding": CSV_ENCODING, "dialect": {"lineTerminator": "\r\n"}}),
            ("json", _json(table), "application/json", {"encoding": "utf-8"}),
        ):
            resource = {
                "name": f"{table.spec.name}-{suffix}",
                "path": f"{table.spec.name}.{suffix}",
                "title": table.title,
                "format": suffix,
                "mediatype": media,
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                **extra,
                "schema": {"fields": [_schema_field(column) for column in table.columns]},
            }
            if table.spec.fiscal_period:
                resource["fiscalPeriod"] = table.spec.fiscal_period
            resources.append(resource)
            files.append(DownloadFile(f"{FOLDER}/{table.spec.name}.{suffix}", content, table, suffix))
    package = {
        "profile": "data-package",
        "name": f"{briefing.edition.id}-{lang}",
        "title": briefing.edition.title(lang),
        "language": lang,
        "created": f"{briefing.edition.edition_date.isoformat()}T00:00:00Z",  # Data Package wants a datetime
        "licenses": [
            {"name": "PDL-1.0", "title": str(renderer.ui("licence_name")), "path": str(renderer.ui("licence_url"))}
        ],
        "sources": [{"title": briefing.edition.source_document(lang)}],
        "resources": resources,
    }
    content = (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    files.append(DownloadFile(f"{FOLDER}/datapackage.json", content, None, "json"))
    return files
