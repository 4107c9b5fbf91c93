"""Synthetic but valid data for the benchmark: the real briefing with every collection multiplied.

``×N`` writes N copies of every item of every collection that data/collections.yml declares, walked
the way the generator walks them: copy 1 keeps the real ids; copy k has ``-x<k>`` appended to its
id (and to the ids of the items nested in it, such as a programme's budget lines), its name marked
"（k）" / " (k)", every reference (a field marked ``Ref`` in the models) pointed at the matching
copy, and every value marked ``Unique`` (a field's number, a page's order) moved past the real ones.
So ``python -m briefing check`` passes at any factor. Items with a file of their own (data/pages/)
get a file per copy. Kept as they are: the edition itself and the deck's structure inside it (its
parts and sections), and the budget phases, which are the columns of the budget tables.

Usage (for a look at the data by hand): ``python -m benchmarks.scale FACTOR OUT``.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from briefing.project.files import copy_inputs

PROJECT = Path(__file__).resolve().parents[1]
KEPT = ("phases",)  # collections kept ×1 besides those inside the edition: see the module docstring
_NAMES = ("name", "title", "indicator")  # the keys whose text is marked with the copy number


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Never writes anchors or aliases (the project's loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


@dataclass
class Scaled:
    """A scaled copy of the project: where it is and how many items each collection has."""

    factor: int
    root: Path
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _suffix(value: str, k: int) -> str:
    return value if k == 1 else f"{value}-x{k}"


def _set(raw: Any, path: tuple, value: Any) -> None:
    for step in path[:-1]:
        raw = raw[step]
    raw[path[-1]] = value


def _mark_names(raw: dict, k: int) -> None:
    for key in _NAMES:
        text = raw.get(key)
        if isinstance(text, dict) and "ja" in text:
            text["ja"] = f"{text['ja']}（{k}）"
            if text.get("en"):
                text["en"] = f"{text['en']} ({k})"


def _copy(briefing, spec, item, raw: dict, k: int, multiplied: set[str], tops: dict) -> dict:
    """Copy k of one item (raw YAML values), with its references pointed at copy k."""
    from briefing.model.fields import Ref, Unique
    from briefing.model.walk import marked

    raw = copy.deepcopy(raw)
    raw[spec.id_key] = _suffix(raw[spec.id_key], k)
    _mark_names(raw, k)
    for path, mark, value in marked(item):
        if isinstance(mark, Ref) and mark.collection in multiplied:
            _set(raw, path, _suffix(value, k))
        elif isinstance(mark, Unique):
            _set(raw, path, value + tops[(spec.id, path[-1])] * (k - 1))
    for nested in (other for other in briefing.declaration.collections if other.within == spec.id):
        for child in raw.get(nested.key) or []:
            child[nested.id_key] = _suffix(child[nested.id_key], k)
            _mark_names(child, k)
    return raw


def scale_data(briefing, factor: int) -> tuple[dict[str, Any], dict[str, list[tuple[str, dict]]]]:
    """Every file's raw values with its collections multiplied, and the new one-item files by folder pattern."""
    from briefing.load.declaration import EDITION
    from briefing.model.fields import Unique
    from briefing.model.walk import marked

    declaration = briefing.declaration
    kept = {spec.id for spec in declaration.collections if spec.within == EDITION} | set(KEPT)
    multiplied = {spec.id for spec in declaration.collections} - kept
    files = {label: copy.deepcopy(source.plain()) for label, source in briefing.sources.items()}
    singles: dict[str, list[tuple[str, dict]]] = {}
    for spec in declaration.collections:
        if spec.id not in multiplied or spec.within:
            continue
        items = briefing[spec.id]
        tops: dict = {}
        for item in items:
            for path, mark, value in marked(item):
                if isinstance(mark, Unique):
                    tops[(spec.id, path[-1])] = max(tops.get((spec.id, path[-1]), 0), value)
        raws = [briefing.sources[briefing.places[id(item)].file].plain() for item in items]
        if "*" not in spec.file:
            raws = [
                files[briefing.places[id(item)].file][spec.key][briefing.places[id(item)].path[1]] for item in items
            ]
        copies = [
            _copy(briefing, spec, item, raw, k, multiplied, tops)
            for k in range(1, factor + 1)
            for item, raw in zip(items, raws, strict=True)
        ]
        if "*" in spec.file:
            singles[spec.file] = [(raw[spec.id_key], raw) for raw in copies]
        else:
            files[briefing.places[id(items[0])].file][spec.key] = copies
    return files, singles


def copy_project(target: Path, source: Path = PROJECT) -> Path:
    """The project's build inputs, without caches or built sites."""
    return copy_inputs(source, target)


def make_scaled_project(factor: int, target: Path, source: Path = PROJECT) -> Scaled:
    """Copy the project into ``target`` with its data multiplied ``factor`` times; check that it loads."""
    from briefing.check.validate import validate
    from briefing.load.domain import load_domain
    from briefing.load.loader import load_briefing
    from briefing.problems import DataError

    copy_project(target, source)
    scaled = Scaled(factor, target)
    data_dir = target / "data"
    if factor > 1:
        briefing = load_briefing(data_dir, load_domain(target))
        files, singles = scale_data(briefing, factor)
        for label, content in files.items():
            path = data_dir / label.split("/", 1)[1]
            if not any(path.match(pattern) for pattern in singles):
                path.write_text(dump_yaml(content), encoding="utf-8")
        for pattern, items in singles.items():
            folder = data_dir / pattern.split("*")[0]
            for item_id, content in items:
                (folder / f"{item_id}.yml").write_text(dump_yaml(content), encoding="utf-8")
        scaled.notes.append(
            "kept as in the real briefing (×1): the edition, its parts and sections, and the budget phases "
            "(the columns of the budget tables); every other collection is multiplied fully"
        )
    try:
        briefing = validate(target).briefing
    except DataError as err:
        raise SystemExit(f"the ×{factor} data does not pass the checks:\n{err}") from None
    scaled.counts = {spec.names: len(briefing[spec.id]) for spec in briefing.declaration.collections}
    return scaled


# The later editions of the editions case: each moves the date on and changes one amount (of a line
# outside its programme's total, so totals stay valid).
LATER_EDITIONS = (("2026-04-01", "76.41"), ("2026-07-01", "76.53"), ("2026-10-01", "76.60"), ("2027-01-15", "76.70"))


def make_editions_project(count: int, target: Path, source: Path = PROJECT) -> Path:
    """Copy the project into ``target`` with ``count`` editions: the real one frozen, then later ones
    made as an editor makes them (freeze, new edition date, an amount changed), the last one current."""
    from briefing.load.domain import load_domain
    from briefing.load.loader import load_briefing
    from briefing.publish.freeze import freeze

    copy_project(target, source)
    data = target / "data"
    edition_date = load_briefing(data, load_domain(target)).edition.edition_date.isoformat()
    amount = "76"
    for date, new_amount in LATER_EDITIONS[: count - 1]:
        if not (target / "editions" / edition_date).exists():
            freeze(target)
        for name, old, new in (
            ("briefing.yml", rf"""edition_date: ["']?{edition_date}["']?""", f'edition_date: "{date}"'),
            ("budget.yml", rf"""fy2025-supplementary: ["']?{amount}["']?\n""", f"fy2025-supplementary: {new_amount}\n"),
        ):
            text = (data / name).read_text(encoding="utf-8")
            # However the scaled data was written (quoted or not): an edit that finds nothing is a broken run.
            text, made = re.subn(old, new, text, count=1)
            if not made:
                raise SystemExit(f"the editions case could not edit {name}: no {old!r}")
            (data / name).write_text(text, encoding="utf-8")
        briefing = data / "briefing.yml"  # a later edition has no date of its own last update yet
        briefing.write_text(
            re.sub(r"(?m)^(\s*)last_updated:", r"\1# last_updated:", briefing.read_text("utf-8")), "utf-8"
        )
        edition_date, amount = date, new_amount
    return target


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
