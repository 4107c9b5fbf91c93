"""Read data/*.yml into validated models, remembering where every value came from.

YAML is composed into nodes by libyaml and turned into plain Python values here,
so that each value keeps its line and column for error messages. Numbers with a
decimal point and dates stay text: the models turn them into exact Decimals and
dates, so nothing is ever read as a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .integrity import check_references
from .models import FILE_MODELS, Briefing
from .problems import DataError, Problem

Path_ = tuple[str | int, ...]

_DROPPED_TAGS = {"tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe libyaml loader that leaves floats and dates as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class SourceMap:
    """Line and column (1-based) of every value and key, by path inside one file."""

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    data: Any = None

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)

    def entry_id(self, path: Path_) -> tuple[str, Path_]:
        """The id of the innermost list entry on ``path`` and the path inside that entry."""
        node, best, rest = self.data, "", path
        for depth, step in enumerate(path):
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(step, int) and isinstance(node, dict):
                ident = node.get("id", node.get("code"))
                if isinstance(ident, str):
                    best, rest = ident, path[depth + 1 :]
        return best, rest

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        entry, rest = self.entry_id(path)
        if not entry:
            rest = path
        return Problem(self.file, line, col, entry, _dotted(rest), message)


def _dotted(path: Path_) -> str:
    return "".join(f"[{step + 1}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_yaml(path: Path, label: str) -> tuple[Any, SourceMap]:
    """Parse one YAML file into plain values plus a ``SourceMap``; raise ``DataError`` on bad YAML."""
    source = SourceMap(label)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise DataError([Problem(label, line, 1, "", "", "the file is not UTF-8 text; save it as UTF-8")]) from err
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = re.sub(r"\s+", " ", f"{err.context or ''} {err.problem or ''}").strip()
        raise DataError([Problem(label, line, col, "", "", f"this is not valid YAML: {message}")]) from err
    finally:
        loader.dispose()
    problems: list[Problem] = []
    seen: set[int] = set()

    def build(node: yaml.Node, path: Path_) -> Any:
        if id(node) in seen:
            line, col = _mark(node)
            problems.append(
                Problem(label, line, col, "", _dotted(path), "anchors and aliases (& and *) are not allowed")
            )
            return None
        seen.add(id(node))
        source.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                line, col = _mark(key_node)
                if key in result:
                    problems.append(
                        Problem(
                            label,
                            line,
                            col,
                            "",
                            _dotted((*path, key)),
                            f"the key '{key}' appears twice (lines {first_line[key]} and {line}); keep one",
                        )
                    )
                    continue
                first_line[key] = line
                source.keys[(*path, key)] = (line, col)
                result[key] = build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"):
            return loader.construct_object(node)
        return node.value

    data = build(node, ()) if node is not None else None
    source.data = data
    if problems:
        raise DataError(problems)
    return data, source


def _validation_problems(err: ValidationError, source: SourceMap) -> list[Problem]:
    problems = []
    for error in err.errors():
        path = tuple(error["loc"])
        kind = error["type"]
        if kind == "extra_forbidden":
            problems.append(source.problem(path, f"unknown key '{path[-1]}'", key=True))
        elif kind == "missing":
            problems.append(source.problem(path[:-1], f"'{path[-1]}' is required but missing"))
        else:
            problems.append(source.problem(path, error["msg"]))
    return problems


def load_briefing(data_dir: Path) -> Briefing:
    """Load and check every data file; raise one ``DataError`` listing all problems."""
    problems: list[Problem] = []
    parts: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    for name, model in FILE_MODELS.items():
        label = f"{data_dir.name}/{name}"
        path = data_dir / name
        if not path.is_file():
            problems.append(Problem(label, 1, 1, "", "", "the file is missing"))
            continue
        try:
            raw, source = read_yaml(path, label)
            sources[name] = source
            parts[name] = model.model_validate(raw if raw is not None else {})
        except DataError as err:
            problems.extend(err.problems)
        except ValidationError as err:
            problems.extend(_validation_problems(err, source))
    if problems:
        raise DataError(problems)
    briefing = Briefing(
        edition=parts["briefing.yml"].briefing,
        fields=parts["fields.yml"].fields,
        cross_cutting_issues=parts["fields.yml"].cross_cutting_issues,
        ministries=parts["government.yml"].ministries,
        ministers=parts["government.yml"].ministers,
        working_groups=parts["working_groups.yml"].working_groups,
        technology_areas=parts["technology_areas.yml"].technology_areas,
        phases=parts["budget.yml"].phases,
        programmes=parts["budget.yml"].programmes,
    )
    problems = check_references(briefing, sources)
    if problems:
        raise DataError(problems)
    return briefing
