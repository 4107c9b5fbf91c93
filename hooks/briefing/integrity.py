"""Checks that need more than one entry or file: unique ids, references, sums."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .models import Briefing, Entry, Text
from .problems import Problem

if TYPE_CHECKING:
    from .loader import SourceMap


def _allowed(ids: Iterable[str]) -> str:
    listed = sorted(ids)
    return ", ".join(listed) if listed else "(none defined)"


def rounding_slack(total: Decimal, parts: list[Decimal]) -> Decimal:
    """How far a sum of parts may be from a stated total that was rounded for the slide.

    The total is rounded to its own last digit (181 means 180.5–181.5), and each part
    to its own, so the slack is half a unit of the total plus half a unit of each part.
    """

    def half_unit(value: Decimal) -> Decimal:
        return Decimal(1).scaleb(value.as_tuple().exponent) / 2

    return half_unit(total) + sum((half_unit(part) for part in parts), Decimal(0))


def check_references(briefing: Briefing, sources: dict[str, SourceMap]) -> list[Problem]:
    problems: list[Problem] = []

    def report(file: str, path: tuple, message: str) -> None:
        problems.append(sources[file].problem(path, message))

    def unique(file: str, key: str, items: list, attr: str = "id") -> set[str]:
        counts = Counter(getattr(item, attr) for item in items)
        for index, item in enumerate(items):
            if counts[getattr(item, attr)] > 1:
                report(
                    file,
                    (key, index, attr),
                    f"the {attr} '{getattr(item, attr)}' is used more than once; each must be unique",
                )
        return set(counts)

    def refer(file: str, path: tuple, value: str | None, valid: set[str], what: str) -> None:
        if value is not None and value not in valid:
            report(file, path, f"there is no {what} '{value}'; use one of: {_allowed(valid)}")

    sections = unique("briefing.yml", "sections", briefing.edition.sections)
    fields = unique("fields.yml", "fields", briefing.fields)
    issues = unique("fields.yml", "cross_cutting_issues", briefing.cross_cutting_issues)
    ministries = unique("government.yml", "ministries", briefing.ministries, "code")
    ministers = unique("government.yml", "ministers", briefing.ministers)
    unique("working_groups.yml", "working_groups", briefing.working_groups)
    unique("technology_areas.yml", "technology_areas", briefing.technology_areas)
    phases = unique("budget.yml", "phases", briefing.phases)
    unique("budget.yml", "programmes", briefing.programmes)

    for key, items in (("fields", briefing.fields), ("cross_cutting_issues", briefing.cross_cutting_issues)):
        numbers = Counter(item.number for item in items)
        for index, item in enumerate(items):
            refer("fields.yml", (key, index, "source"), item.source, sections, "source section")
            for n, measure in enumerate(getattr(item, "measures", [])):
                refer("fields.yml", (key, index, "measures", n, "source"), measure.source, sections, "source section")
            if numbers[item.number] > 1:
                report("fields.yml", (key, index, "number"), f"the number {item.number} is used more than once")

    covered: Counter[str] = Counter()
    for index, group in enumerate(briefing.working_groups):
        path = ("working_groups", index)
        refer("working_groups.yml", (*path, "source"), group.source, sections, "source section")
        if (group.field is None) == (group.issue is None):
            report(
                "working_groups.yml",
                path,
                "give either 'field' (a strategic field) or 'issue' (a cross-cutting issue), not both or neither",
            )
        refer("working_groups.yml", (*path, "field"), group.field, fields, "strategic field")
        refer("working_groups.yml", (*path, "issue"), group.issue, issues, "cross-cutting issue")
        covered[group.field or group.issue or ""] += 1
        for n, role in enumerate(group.ministers):
            refer("working_groups.yml", (*path, "ministers", n, "minister"), role.minister, ministers, "minister")
        for n, role in enumerate(group.ministries):
            refer("working_groups.yml", (*path, "ministries", n, "code"), role.code, ministries, "ministry code")
    for key, items in (("fields", briefing.fields), ("cross_cutting_issues", briefing.cross_cutting_issues)):
        for index, item in enumerate(items):
            if covered[item.id] != 1:
                report(
                    "fields.yml",
                    (key, index, "id"),
                    f"{covered[item.id]} working groups cover '{item.id}' in working_groups.yml; "
                    "there must be exactly one",
                )

    for index, area in enumerate(briefing.technology_areas):
        refer("technology_areas.yml", ("technology_areas", index, "source"), area.source, sections, "source section")
        for n, field_id in enumerate(area.fields):
            refer("technology_areas.yml", ("technology_areas", index, "fields", n), field_id, fields, "strategic field")

    line_ids: Counter[str] = Counter(line.id for programme in briefing.programmes for line in programme.lines)
    for p, programme in enumerate(briefing.programmes):
        path = ("programmes", p)
        refer("budget.yml", (*path, "source"), programme.source, sections, "source section")
        for phase in programme.totals:
            refer("budget.yml", (*path, "totals", phase), phase, phases, "budget phase")
        for n, line in enumerate(programme.lines):
            line_path = (*path, "lines", n)
            refer("budget.yml", (*line_path, "source"), line.source, sections, "source section")
            if line_ids[line.id] > 1:
                report("budget.yml", (*line_path, "id"), f"the id '{line.id}' is used by more than one budget line")
            for phase in line.amounts:
                refer("budget.yml", (*line_path, "amounts", phase), phase, phases, "budget phase")
        for phase, total in programme.totals.items():
            parts = [line.amounts[phase] for line in programme.lines if line.in_total and phase in line.amounts]
            computed = sum(parts, Decimal(0))
            if abs(computed - total) > rounding_slack(total, parts):
                shown = " + ".join(map(str, parts)) or "nothing"
                report(
                    "budget.yml",
                    (*path, "totals", phase),
                    f"the lines add up to {computed} ({shown}) but the stated total is {total}; "
                    f"check the figures (rounding allows a difference of up to {rounding_slack(total, parts)})",
                )
    _check_narrative(briefing, sources, sections, report, unique, refer)
    return problems


def _check_narrative(briefing: Briefing, sources: dict[str, SourceMap], sections: set[str], report, unique, refer):
    """References from the narrative pages, KPIs, committees, glossary and corrections (reported via ``report``)."""
    terms = unique("glossary.yml", "terms", briefing.terms)
    kpis = unique("kpis.yml", "kpis", briefing.kpis)
    committees = unique("committees.yml", "committees", briefing.committees)
    unique("corrections.yml", "corrections", briefing.corrections)
    for index, kpi in enumerate(briefing.kpis):
        refer("kpis.yml", ("kpis", index, "source"), kpi.source, sections, "source section")
    for index, committee in enumerate(briefing.committees):
        refer("committees.yml", ("committees", index, "source"), committee.source, sections, "source section")
    for index, correction in enumerate(briefing.corrections):
        refer("corrections.yml", ("corrections", index, "section"), correction.section, sections, "source section")
    orders: Counter[int] = Counter(page.order for page in briefing.pages)
    for page in briefing.pages:
        file = f"pages/{page.id}.yml"
        if file not in sources:
            name = next(
                name for name in sources if name.startswith("pages/") and sources[name].data.get("id") == page.id
            )
            report(name, ("id",), f"a page file is named after its id: rename the file to {page.id}.yml")
            continue
        if orders[page.order] > 1:
            report(file, ("order",), f"another page also has order {page.order}; each page needs its own place")
        for n, section in enumerate(page.sources):
            refer(file, ("sources", n), section, sections, "source section")
        for n, term in enumerate(page.terms):
            refer(file, ("terms", n), term, terms, "glossary term")
        for n, block in enumerate(page.blocks):
            if hasattr(block, "committee"):
                refer(file, ("blocks", n, "committee"), block.committee, committees, "committee")
            for m, kpi in enumerate(getattr(block, "kpis", [])):
                refer(file, ("blocks", n, "kpis", m), kpi, kpis, "KPI")


def _texts(value: object, path: tuple, entry: tuple | None):
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
        yield from _texts(child, (*path, key), entry)


def check_translations(parts: dict[str, BaseModel], sources: dict[str, SourceMap]) -> list[Problem]:
    """English is required unless its entry is openly marked as awaiting translation."""
    problems: list[Problem] = []
    for name, part in parts.items():
        complete: dict[tuple, bool] = {}
        marked: dict[tuple, Entry] = {}
        for path, text, entry in _texts(part, (), None):
            model, entry_path = entry if entry else (None, ())
            if model is not None and model.awaiting_translation:
                marked[entry_path] = model
                complete.setdefault(entry_path, True)
                complete[entry_path] &= not text.missing("en")
            elif text.missing("en"):
                problems.append(
                    sources[name].problem(
                        path,
                        "the English text is missing: add 'en: …', or mark the entry with "
                        "'awaiting_translation: true' while its translation is pending",
                    )
                )
        for entry_path in marked:
            if complete[entry_path]:
                problems.append(
                    sources[name].problem(
                        (*entry_path, "awaiting_translation"),
                        "this entry is marked as awaiting translation, but all its English text is there: "
                        "remove the mark",
                        key=True,
                    )
                )
    return problems
