"""YAML files read into plain values, remembering the line and column of every value.

YAML is composed into nodes by libyaml and turned into plain Python values here, so that each
value keeps its position for error messages. Numbers with a decimal point and dates stay text:
the models turn them into exact Decimals and dates, so nothing is ever read as a float.

When a file cannot be read, the message names the slip an editor made, at the line where it is made
(yaml_slips.py), rather than what libyaml stumbled on, often a line later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..messages import Message
from ..problems import DataError, Problem
from .yaml_slips import character_name, comment_in_text, unclosed_mark, yaml_problems

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

# Characters a text must not hold: invisible controls (NUL, ESC, BEL…, which can reach a terminal or a
# spreadsheet) and bidirectional overrides (which can make a text read differently from what it holds).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_DEEPEST = 40  # no data file nests anywhere near this; deeper means a slip (or an attack)


def _forbidden_problems(text: str, label: str) -> list[Problem]:
    """Every forbidden character typed into the file as such, with its line and column."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for found in _FORBIDDEN.finditer(line):
            message = Message("control_character_typed", char=character_name(found.group()))
            problems.append(Problem(label, number, found.start() + 1, "", "", message))
    return problems


@dataclass
class SourceMap:
    """Line and column (1-based) of every value and key, by path inside one file, and the file's lines.

    Once the file has been read without a problem only its text is kept (``settle``): the positions of
    every value of a large briefing take more memory than its models, and are needed only to say where a
    problem is; they are worked out again from the text when first asked for."""

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    data: Any = None
    text: str = field(default="", repr=False)
    settled: bool = False

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def settle(self) -> None:
        """Keep only the text (see the class)."""
        self.values, self.keys, self.data, self.settled = {}, {}, None, True

    def _unsettle(self) -> None:
        if self.settled:
            _, found = parse_yaml(self.text, self.file)  # read cleanly before: raises nothing now
            self.values, self.keys, self.data, self.settled = found.values, found.keys, found.data, False

    def plain(self) -> Any:
        """The file's values as YAML gave them (plain dicts, lists and strings)."""
        self._unsettle()
        return self.data

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that exists."""
        self._unsettle()
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)

    def entry_id(self, path: Path_) -> tuple[str, Path_]:
        """The id of the innermost list entry on ``path`` and the path inside that entry."""
        self._unsettle()
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

    def problem(self, path: Path_, message: Message, *, key: bool = False) -> Problem:
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
    """Parse one YAML file into plain values plus a ``SourceMap`` (settled: see SourceMap); raise
    ``DataError`` on bad YAML."""
    return yaml_of_bytes(path.read_bytes(), label)


def yaml_of_bytes(raw: bytes, label: str) -> tuple[Any, SourceMap]:
    """``read_yaml`` of a file's bytes, already read."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError([Problem(label, line, 1, "", "", Message("not_utf8"))]) from err
    data, source = parse_yaml(text, label)
    source.settle()
    return data, source


def parse_yaml(text: str, label: str) -> tuple[Any, SourceMap]:
    """The text of a YAML file as plain values plus a ``SourceMap``; raise ``DataError`` on bad YAML."""
    source = SourceMap(label, text=text)
    lines = text.splitlines()
    problems: list[Problem] = _forbidden_problems(text, label)
    if problems:
        raise DataError(problems)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise DataError(yaml_problems(err, label, lines)) from err
    except yaml.YAMLError as err:  # e.g. a reader error libyaml reports without a line
        raise DataError([Problem(label, 1, 1, "", "", Message("yaml_unreadable"))]) from err
    finally:
        loader.dispose()
    seen: set[int] = set()
    found: list[tuple[Path_, tuple[int, int], Message]] = []  # named with their entry once the data is known

    def build(node: yaml.Node, path: Path_, in_list: bool = False) -> Any:
        if len(path) > _DEEPEST:
            found.append(((), _mark(node), Message("too_deep", deepest=_DEEPEST)))
            return None
        if id(node) in seen:  # an alias (*name): refused, which also stops alias bombs at once
            found.append((path, source.keys.get(path) or _mark(node), Message("alias")))
            return None
        seen.add(id(node))
        source.values[path] = _mark(node)
        if node.tag != _implicit_tag(loader, node):  # !!binary, !!int, !custom: data is plain text and numbers
            found.append((path, _mark(node), Message("yaml_tag", tag=_short_tag(node.tag))))
            return None
        if isinstance(node, yaml.ScalarNode) and (bad := _FORBIDDEN.search(node.value)):
            found.append((path, _mark(node), Message("control_character_escaped", char=character_name(bad.group()))))
            return None
        if isinstance(node, yaml.MappingNode):
            return build_mapping(node, path, in_list)
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*path, index), True) for index, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"):
            return loader.construct_object(node)
        if not node.style and (lost := comment_in_text(node, path, lines)):
            found.append((path, lost[0], lost[1]))
        if "?" in node.value and (open_mark := unclosed_mark(node.value)):
            found.append((path, _mark(node), open_mark))
        return node.value

    def build_mapping(node: yaml.MappingNode, path: Path_, in_list: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        first_key = str(node.value[0][0].value) if node.value else None
        merged = False  # two entries read as one (a '- ' missing): their other keys repeat too, said once
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line, col = _mark(key_node)
            if key in result:
                if merged:
                    continue
                if in_list and key == first_key:
                    merged = True
                    message = Message("missing_dash", key=key, line=line, first=first_line[key])
                else:
                    message = Message("duplicate_key", key=key, first=first_line[key], line=line)
                found.append(((*path, key), (line, col), message))
                continue
            first_line[key] = line
            source.keys[(*path, key)] = (line, col)
            result[key] = build(value_node, (*path, key))
        return result

    data = build(node, ()) if node is not None else None
    source.data = data
    for path, (line, col), message in found:
        entry, rest = source.entry_id(path)
        problems.append(Problem(label, line, col, entry, _dotted(rest if entry else path), message))
    if problems:
        raise DataError(problems)
    return data, source


def _implicit_tag(loader, node: yaml.Node) -> str:
    """The tag the node would have without an explicit one."""
    if isinstance(node, yaml.MappingNode):
        return "tag:yaml.org,2002:map"
    if isinstance(node, yaml.SequenceNode):
        return "tag:yaml.org,2002:seq"
    if node.style in ("'", '"', "|", ">"):
        return "tag:yaml.org,2002:str"
    return loader.resolve(yaml.ScalarNode, node.value, (True, False))


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
