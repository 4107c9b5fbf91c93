"""Synthetic but valid data for the benchmark: the real briefing with every collection multiplied.

``×N`` writes N copies of every strategic field, cross-cutting issue, working group, technology
area, budget programme and line, ministry and minister. Copy 1 keeps the real ids; copy k has
``-x<k>`` appended to every id, its names marked "（k）" / " (k)" in both languages, and every
cross-reference rewritten to the matching copy, so ``python -m briefing check`` passes. Budget
lines are copied with their programme, so each programme copy still adds up to its totals.

One limit comes from the models, not from this script: a field's and an issue's ``number`` must be
unique and at most 99 (the deck's circled numbers), and integrity.py wants exactly one working
group per field and per issue. So fields, issues and their working groups can be multiplied only
as far as their numbers fit (17 fields fit 5 times: 85 ≤ 99). ``copies`` in the result says how
far each collection was actually multiplied, and the report prints it. If the bound is raised in
models.py, this script reads it from the model and multiplies fully.

Usage (for a look at the data by hand): ``python -m benchmarks.scale FACTOR OUT``.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[1]
# What a copied project needs to build on its own (the same list as tests/conftest.py).
PROJECT_PARTS = ("mkdocs.yml", "mkdocs.en.yml", "data", "docs", "hooks", "templates", "overrides")
# The files holding the collections that are multiplied; every other data file is copied as it is.
SCALED_FILES = ("fields.yml", "government.yml", "working_groups.yml", "technology_areas.yml", "budget.yml")
_KEPT_AS_TEXT = {"tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Like the project's loader: decimals and dates stay text, so amounts are never floats."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _KEPT_AS_TEXT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Never writes anchors or aliases (the project's loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a safe loader (CSafeLoader)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


@dataclass
class Scaled:
    """A scaled copy of the project: where it is and how far each collection was multiplied."""

    factor: int
    root: Path
    copies: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def number_bound() -> int | None:
    """The largest ``number`` a strategic field (and a cross-cutting issue) may have, read from the models."""
    from briefing import models

    bounds = []
    for name in ("StrategicField", "CrossCuttingIssue"):
        model = getattr(models, name, None)
        info = model.model_fields.get("number") if model else None
        for item in getattr(info, "metadata", []):
            if getattr(item, "le", None) is not None:
                bounds.append(int(item.le))
            elif getattr(item, "lt", None) is not None:
                bounds.append(int(item.lt) - 1)
    return min(bounds) if bounds else None


def _id(value: str, k: int) -> str:
    return value if k == 1 else f"{value}-x{k}"


def _text(text: dict | None, k: int) -> dict | None:
    """A name in both languages, marked with its copy number."""
    if k == 1 or not isinstance(text, dict):
        return text
    text = dict(text)
    text["ja"] = f"{text['ja']}（{k}）"
    if text.get("en"):
        text["en"] = f"{text['en']} ({k})"
    return text


def _copies_that_fit(items: list[dict], factor: int, bound: int | None) -> int:
    if bound is None or not items:
        return factor
    top = max(int(item["number"]) for item in items)
    return max(1, min(factor, bound // top))


def _replicate(items: list[dict], copies: int, change) -> list[dict]:
    """Copy-major: all of copy 1 (the real data), then all of copy 2, …"""
    return [change(copy.deepcopy(item), k) for k in range(1, copies + 1) for item in items]


def scale_data(data: dict[str, Any], factor: int, bound: int | None) -> tuple[dict[str, Any], dict[str, int]]:
    """Multiply every collection of ``data`` (file name → parsed YAML); return it and the copies made."""
    data = copy.deepcopy(data)
    fields_file, government = data["fields.yml"], data["government.yml"]
    field_copies = _copies_that_fit(fields_file["fields"], factor, bound)
    issue_copies = _copies_that_fit(fields_file["cross_cutting_issues"], factor, bound)
    copies = {
        "fields": field_copies,
        "cross_cutting_issues": issue_copies,
        "ministries": factor,
        "ministers": factor,
        "technology_areas": factor,
        "programmes": factor,
    }

    for key in ("fields", "cross_cutting_issues"):
        items = fields_file[key]
        top = max(int(item["number"]) for item in items)

        def numbered(item: dict, k: int, top: int = top) -> dict:
            item["id"] = _id(item["id"], k)
            item["number"] = int(item["number"]) + top * (k - 1)
            item["name"] = _text(item["name"], k)
            return item

        fields_file[key] = _replicate(items, copies[key], numbered)

    def ministry(item: dict, k: int) -> dict:
        item["code"] = _id(item["code"], k)
        item["name"] = _text(item["name"], k)
        if k > 1:
            item["short"] = f"{item['short']}（{k}）"
            if item.get("abbr"):
                item["abbr"] = f"{item['abbr']}-{k}"
        return item

    def minister(item: dict, k: int) -> dict:
        item["id"] = _id(item["id"], k)
        item["name"] = _text(item["name"], k)
        if k > 1 and item.get("short"):
            item["short"] = f"{item['short']}（{k}）"
        return item

    government["ministries"] = _replicate(government["ministries"], factor, ministry)
    government["ministers"] = _replicate(government["ministers"], factor, minister)

    def group(item: dict, k: int) -> dict:
        item["id"] = _id(item["id"], k)
        item["name"] = _text(item["name"], k)
        for key in ("field", "issue"):
            if item.get(key):
                item[key] = _id(item[key], k)
        for role in item.get("ministers") or []:
            role["minister"] = _id(role["minister"], k)
        for role in item.get("ministries") or []:
            role["code"] = _id(role["code"], k)
        return item

    groups = data["working_groups.yml"]["working_groups"]
    # Exactly one body per field and per issue: each copy of a field brings its own body.
    field_groups = [g for g in groups if g.get("field")]
    issue_groups = [g for g in groups if not g.get("field")]
    scaled_groups = _replicate(field_groups, field_copies, group) + _replicate(issue_groups, issue_copies, group)
    data["working_groups.yml"]["working_groups"] = scaled_groups
    copies["working_groups"] = max(field_copies, issue_copies) if groups else 0

    def area(item: dict, k: int) -> dict:
        item["id"] = _id(item["id"], k)
        item["name"] = _text(item["name"], k)
        # Fields may have fewer copies than areas (see the module docstring): wrap around.
        item["fields"] = [_id(f, (k - 1) % field_copies + 1) for f in item.get("fields") or []]
        return item

    areas = data["technology_areas.yml"]["technology_areas"]
    data["technology_areas.yml"]["technology_areas"] = _replicate(areas, factor, area)

    def programme(item: dict, k: int) -> dict:
        item["id"] = _id(item["id"], k)
        item["name"] = _text(item["name"], k)
        for line in item["lines"]:
            line["id"] = _id(line["id"], k)
            line["name"] = _text(line["name"], k)
        return item

    budget = data["budget.yml"]
    budget["programmes"] = _replicate(budget["programmes"], factor, programme)
    return data, copies


def copy_project(target: Path, source: Path = PROJECT) -> Path:
    """The project's build inputs, without caches or built sites."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        path = source / part
        if path.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(path, target / part, ignore=ignore, dirs_exist_ok=True)
        else:
            shutil.copy2(path, target / part)
    return target


def make_scaled_project(factor: int, target: Path, source: Path = PROJECT) -> Scaled:
    """Copy the project into ``target`` with its data multiplied ``factor`` times; check that it loads."""
    from briefing.loader import load_briefing
    from briefing.problems import DataError

    copy_project(target, source)
    scaled = Scaled(factor, target)
    data_dir = target / "data"
    if factor > 1:
        data = {name: read_yaml(data_dir / name) for name in SCALED_FILES}
        bound = number_bound()
        data, scaled.copies = scale_data(data, factor, bound)
        for name, content in data.items():
            (data_dir / name).write_text(dump_yaml(content), encoding="utf-8")
        kept = sorted(path.name for path in data_dir.glob("*.yml") if path.name not in SCALED_FILES)
        kept.remove("briefing.yml")  # the edition: one by nature
        for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
            kept.append(f"{folder.name}/ ({len(list(folder.rglob('*.yml')))} files)")
        if kept:
            scaled.notes.append(f"kept as in the real briefing (×1): {', '.join(kept)}")
        for key in ("fields", "cross_cutting_issues"):
            if scaled.copies[key] < factor:
                scaled.notes.append(
                    f"{key.replace('_', ' ')} ×{scaled.copies[key]}, not ×{factor}: their numbers must be unique "
                    f"and ≤ {bound} (models.py), and each has exactly one working group"
                )
    else:
        scaled.copies = dict.fromkeys(
            ("fields", "cross_cutting_issues", "ministries", "ministers", "working_groups"), 1
        ) | {"technology_areas": 1, "programmes": 1}
    try:
        briefing = load_briefing(data_dir)
    except DataError as err:
        raise SystemExit(f"the ×{factor} data does not pass the checks:\n{err}") from None
    scaled.counts = {
        "fields": len(briefing.fields),
        "cross-cutting issues": len(briefing.cross_cutting_issues),
        "working groups": len(briefing.working_groups),
        "technology areas": len(briefing.technology_areas),
        "programmes": len(briefing.programmes),
        "budget lines": sum(len(p.lines) for p in briefing.programmes),
        "ministries": len(briefing.ministries),
        "ministers": len(briefing.ministers),
    }
    return scaled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a copy of the project with its data multiplied.")
    parser.add_argument("factor", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists; give a new folder")
    scaled = make_scaled_project(args.factor, args.out)
    print(f"×{args.factor} in {args.out}: " + ", ".join(f"{n} {k}" for k, n in scaled.counts.items()))
    for note in scaled.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
