"""YAML files read into plain values, remembering the line and column of every value.

YAML is composed into nodes by libyaml and turned into plain Python values here, so that each
value keeps its position for error messages. Numbers with a decimal point and dates stay text:
the models turn them into exact Decimals and dates, so nothing is ever read as a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import DataError, Problem

Path_ = tuple[str | int, ...]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe libyaml loader with a deliberately small set of implicit types.

    Only plain integers, true/false and null are read as such. Everything else stays
    text for the models to parse: 21.9 (an exact amount, never a float), 2026-01-21
    (a date), and the YAML 1.1 surprises no, on, 0o17, 1:30, which would otherwise
    become False, True, 15 and 90.
    """


_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

# libyaml's words for common slips, and what to tell the person who made them.
_YAML_HINTS = (
    ("while scanning a quoted scalar", "a quoted text is not closed: add the closing quote"),
    ("mapping values are not allowed", "a text contains ': ' (colon and space): put the whole text in quotes"),
    ("could not find expected ':'", "a line is missing the ':' after its key, or its indentation is off"),
    ("did not find expected key", "the indentation is off: keys of one entry must line up"),
    ("did not find expected '-' indicator", "the indentation is off: list items ('- ') of one list must line up"),
)


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
        raise DataError([_yaml_problem(err, label, text)]) from err
    finally:
        loader.dispose()
    problems: list[Problem] = []
    seen: set[int] = set()

    def build(node: yaml.Node, path: Path_) -> Any:
        if id(node) in seen:  # an alias (*name): refused, which also stops alias bombs at once
            line, col = source.keys.get(path) or _mark(node)
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


def _yaml_problem(err: yaml.MarkedYAMLError, label: str, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:col]:
        return Problem(label, line, col, "", "", "a tab character is used here: indent with spaces, never tabs")
    said = re.sub(r"\s+", " ", f"{err.context or ''} {err.problem or ''}").strip()
    message = f"this is not valid YAML ({said})"
    for clue, hint in _YAML_HINTS:
        if clue in said:
            message = hint
            if err.context_mark and err.context_mark is not mark and "quoted" in clue:
                message += f" (it opens on line {err.context_mark.line + 1})"
            break
    opened = _unclosed_quote(lines[: line - 1])
    if opened and "quoted" not in said:
        message += f'; line {opened} opens a quote (") that it does not close, which may be the real mistake'
    return Problem(label, line, col, "", "", message)


def _unclosed_quote(lines: list[str]) -> int | None:
    """The last line whose value starts with a double quote that the line does not close."""
    for number in range(len(lines), 0, -1):
        match = re.match(r'\s*(?:- )?[^"#]*?(?::\s+|^-\s+)"(.*)$', lines[number - 1])
        if match and len(re.findall(r'(?<!\\)"', match.group(1))) % 2 == 0:
            return number
    return None
