"""Machine-readable downloads of every collection: CSV and JSON, described by a datapackage.json.

Built from the same models as the pages, in each language. Following Japan's rules for
machine-readable government data: long format, one value per cell, numbers without units or
separators (units in their own column), ASCII column names, and CSV in UTF-8 with a
byte-order mark so that Excel on Windows opens it correctly. Amounts stay in 億円 as the
source states them; datapackage.json gives the currency and the unit factor (1e8).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from .formats import infer_start
from .models import Briefing

FOLDER = "downloads"
OKU_FACTOR = 100_000_000


@dataclass(frozen=True)
class Table:
    name: str
    title: dict[str, str]
    fields: list[tuple[str, str, str]]  # (column, Frictionless type, description)
    rows: list[dict]
    budget: bool = False


def _join(values) -> str:
    return ";".join(values)


def tables(briefing: Briefing, lang: str) -> list[Table]:
    """Every collection as a long-format table in ``lang``."""
    t = lambda text: "" if text is None else text(lang)  # noqa: E731
    ministers = {m.id: m for m in briefing.ministers}
    ministries = {m.code: m for m in briefing.ministries}
    phases = {phase.id: phase for phase in briefing.phases}
    edition = briefing.edition.edition_date
    result = [
        Table(
            "strategic-fields",
            {"ja": "17の戦略分野", "en": "Strategic fields"},
            [
                ("id", "string", "stable id"),
                ("number", "integer", "the deck's circled number"),
                ("name", "string", "name"),
                ("working_group_id", "string", "id of its working group"),
            ],
            [
                {
                    "id": f.id,
                    "number": f.number,
                    "name": t(f.name),
                    "working_group_id": next(g.id for g in briefing.working_groups if g.field == f.id),
                }
                for f in briefing.fields
            ],
        ),
        Table(
            "working-groups",
            {"ja": "検討体制（会議体）", "en": "Working groups and other bodies"},
            [
                ("id", "string", "stable id"),
                ("field_id", "string", "strategic field covered"),
                ("issue_id", "string", "cross-cutting issue covered"),
                ("name", "string", "name"),
                ("status", "string", "new, reorganised or existing"),
                ("start_year", "integer", "year it starts (inferred from the edition date)"),
                ("start_month", "integer", "month it starts, as the deck states"),
                ("start_year_inferred", "boolean", "true: the deck gives only the month"),
                ("lead_ministers", "string", "lead ministers (◎), separated by ;"),
                ("other_ministers", "string", "other ministers and officials, separated by ;"),
                ("ministries", "string", "related ministries and agencies (codes), separated by ;"),
                ("experts", "integer", "number of experts"),
            ],
            [
                {
                    "id": g.id,
                    "field_id": g.field or "",
                    "issue_id": g.issue or "",
                    "name": t(g.name),
                    "status": g.status.value,
                    "start_year": infer_start(g.start_month, edition).year if g.start_month else None,
                    "start_month": g.start_month,
                    "start_year_inferred": g.start_month is not None,
                    "lead_ministers": _join(t(ministers[r.minister].name) for r in g.ministers if r.lead),
                    "other_ministers": _join(t(ministers[r.minister].name) for r in g.ministers if not r.lead),
                    "ministries": _join(r.code for r in g.ministries),
                    "experts": g.experts,
                }
                for g in briefing.working_groups
            ],
        ),
        Table(
            "ministries",
            {"ja": "府省庁", "en": "Ministries and agencies"},
            [
                ("code", "string", "code used in working-groups"),
                ("short_ja", "string", "the deck's abbreviation"),
                ("name", "string", "name"),
                ("abbr", "string", "English abbreviation"),
            ],
            [
                {"code": m.code, "short_ja": m.short, "name": t(m.name), "abbr": m.abbr or ""}
                for m in ministries.values()
            ],
        ),
        Table(
            "technology-areas",
            {"ja": "重要技術領域（例示技術ごと）", "en": "Priority technology areas (one row per example)"},
            [
                ("area_id", "string", "stable id"),
                ("kind", "string", "emerging-foundational or national-strategic"),
                ("area_name", "string", "name of the area"),
                ("example", "string", "example technology"),
                ("field_ids", "string", "related strategic fields, separated by ;"),
            ],
            [
                {
                    "area_id": a.id,
                    "kind": a.kind.value,
                    "area_name": t(a.name),
                    "example": t(example),
                    "field_ids": _join(a.fields),
                }
                for a in briefing.technology_areas
                for example in a.examples
            ],
        ),
    ]
    budget_fields = [
        ("fiscal_year", "integer", "fiscal year (April–March), Western year in which it starts"),
        ("phase", "string", "budget phase id"),
        ("phase_kind", "string", "draft, initial or supplementary"),
        ("amount", "number", "amount in the unit column"),
        ("unit", "string", "oku_yen = ¥100 million"),
        ("currency", "string", "ISO 4217"),
    ]

    def phase_columns(phase_id: str, amount: Decimal) -> dict:
        phase = phases[phase_id]
        return {
            "fiscal_year": phase.fiscal_year,
            "phase": phase_id,
            "phase_kind": phase.kind.value,
            "amount": amount,
            "unit": "oku_yen",
            "currency": "JPY",
        }

    result.append(
        Table(
            "budget-lines",
            {"ja": "予算事業（予算区分ごと）", "en": "Budget lines (one row per phase)"},
            [
                ("programme_id", "string", "programme"),
                ("line_id", "string", "budget line"),
                ("line_name", "string", "name"),
                *budget_fields,
                ("in_total", "boolean", "false: listed outside the programme total"),
                ("estimate", "boolean", "true: an estimate within an operating grant"),
            ],
            [
                {
                    "programme_id": p.id,
                    "line_id": line.id,
                    "line_name": t(line.name),
                    **phase_columns(phase, amount),
                    "in_total": line.in_total,
                    "estimate": line.estimate is not None,
                }
                for p in briefing.programmes
                for line in p.lines
                for phase, amount in line.amounts.items()
            ],
            budget=True,
        )
    )
    result.append(
        Table(
            "budget-totals",
            {"ja": "予算プログラムの合計（資料の記載）", "en": "Programme totals as the source states them"},
            [("programme_id", "string", "programme"), ("programme_name", "string", "name"), *budget_fields],
            [
                {"programme_id": p.id, "programme_name": t(p.name), **phase_columns(phase, amount)}
                for p in briefing.programmes
                for phase, amount in p.totals.items()
            ],
            budget=True,
        )
    )
    if briefing.kpis:
        result.append(
            Table(
                "kpis",
                {
                    "ja": "「科学の再興」の指標（目標値・現状値）",
                    "en": "Revival-of-science indicators (targets and baselines)",
                },
                [
                    ("kpi_id", "string", "indicator"),
                    ("label", "string", "the deck's number"),
                    ("indicator", "string", "what is measured"),
                    ("figure", "string", "target or baseline"),
                    ("value", "number", "the number, where the figure is one"),
                    ("stated", "string", "as the deck states it"),
                    ("unit", "string", "unit"),
                    ("year", "integer", "year of the figure"),
                    ("year_kind", "string", "fiscal or calendar"),
                    ("approx", "boolean", "true: approximate"),
                ],
                [
                    {
                        "kpi_id": k.id,
                        "label": k.label,
                        "indicator": t(k.indicator),
                        "figure": kind,
                        "value": f.value,
                        "stated": t(f.stated),
                        "unit": t(k.unit),
                        "year": f.year,
                        "year_kind": f.year_kind.value if f.year_kind else "",
                        "approx": f.approx,
                    }
                    for k in briefing.kpis
                    for kind, f in (("target", k.target), *(("baseline", b) for b in k.baselines))
                ],
            )
        )
    if briefing.terms:
        result.append(
            Table(
                "glossary",
                {"ja": "用語集", "en": "Glossary"},
                [
                    ("id", "string", "term"),
                    ("ja", "string", "Japanese"),
                    ("en", "string", "English"),
                    ("en_status", "string", "official, secondary or ours"),
                    ("abbr", "string", "abbreviation"),
                ],
                [
                    {
                        "id": term.id,
                        "ja": term.name.ja,
                        "en": term.name.en or "",
                        "en_status": term.name.en_status.value,
                        "abbr": term.abbr or "",
                    }
                    for term in briefing.terms
                ],
            )
        )
    return result


def _cell(value) -> str:
    if value is None:
        return ""  # blank, never 0: "not stated" and zero stay distinct
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def _csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column for column, _, _ in table.fields)
    for row in table.rows:
        writer.writerow(_cell(row[column]) for column, _, _ in table.fields)
    return buffer.getvalue().encode("utf-8-sig")


def _json(table: Table) -> bytes:
    def plain(value):
        # JSON has no decimal type; a float's shortest repr writes 21.9 back exactly (tests read it as Decimal).
        return float(value) if isinstance(value, Decimal) else value

    records = [{column: plain(row[column]) for column, _, _ in table.fields} for row in table.rows]
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def download_files(briefing: Briefing, lang: str, site_title: str) -> list[tuple[str, bytes, dict]]:
    """(path under the language's site, content, description) for every download and the datapackage."""
    files: list[tuple[str, bytes, dict]] = []
    resources = []
    for table in tables(briefing, lang):
        for suffix, content, media, extra in (
            ("csv", _csv(table), "text/csv", {"encoding": "utf-8", "bom": True, "dialect": {"lineTerminator": "\r\n"}}),
            ("json", _json(table), "application/json", {"encoding": "utf-8"}),
        ):
            path = f"{FOLDER}/{table.name}.{suffix}"
            fields = [
                {"name": column, "type": kind, "description": description} for column, kind, description in table.fields
            ]
            if table.budget:
                for field in fields:
                    if field["name"] == "amount":
                        field.update({"currency": "JPY", "factor": OKU_FACTOR, "decimalChar": "."})
            resource = {
                "name": f"{table.name}-{suffix}",
                "path": table.name + "." + suffix,
                "title": table.title[lang],
                "format": suffix,
                "mediatype": media,
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                **extra,
                "schema": {"fields": fields},
            }
            if table.budget:
                resource["fiscalPeriod"] = "April–March; fiscal_year is the year in which it starts"
            resources.append(resource)
            files.append((path, content, {"table": table, "format": suffix}))
    package = {
        "profile": "data-package",
        "name": f"{briefing.edition.id}-{lang}",
        "title": site_title,
        "language": lang,
        "created": briefing.edition.edition_date.isoformat(),
        "licenses": [
            {
                "name": "PDL-1.0",
                "title": "公共データ利用規約（第1.0版） / Public Data License (Version 1.0)",
                "path": "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
            }
        ],
        "sources": [{"title": briefing.edition.source_document(lang)}],
        "resources": resources,
    }
    content = (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    files.append((f"{FOLDER}/datapackage.json", content, {"table": None, "format": "json"}))
    return files
