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

# Characters a text must not hold: invisible controls (NUL, ESC, BEL…, which can reach a terminal or a
# spreadsheet) and bidirectional overrides (which can make a text read differently from what it holds).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_DEEPEST = 40  # no data file nests anywhere near this; deeper means a slip (or an attack)

# libyaml's words for common slips, and what to tell the person who made them.
_YAML_HINTS = (
    ("while scanning a quoted scalar", "a quoted text is not closed: add the closing quote"),
    ("mapping values are not allowed", "a text contains ': ' (colon and space): put the whole text in quotes"),
    ("could not find expected ':'", "a line is missing the ':' after its key, or its indentation is off"),
    ("did not find expected key", "the indentation is off: keys of one entry must line up"),
    ("did not find expected '-' indicator", "the indentation is off: list items ('- ') of one list must line up"),
    (
        "exceeded maximum nesting depth",
        "the data is nested too deeply (brackets or indentation, over a thousand levels): no data file needs "
        "more than a few levels",
    ),
)


def character_name(char: str) -> str:
    """U+001B, as a message shows an invisible character."""
    return f"U+{ord(char):04X}"


def _forbidden_problems(text: str, label: str) -> list[Problem]:
    """Every forbidden character typed into the file as such, with its line and column."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for found in _FORBIDDEN.finditer(line):
            problems.append(
                Problem(
                    label,
                    number,
                    found.start() + 1,
                    "",
                    "",
                    f"an invisible control character ({character_name(found.group())}) is here: delete it "
                    "(it may have come with text copied from another program)",
                )
            )
    return problems


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
    problems: list[Problem] = _forbidden_problems(text, label)
    if problems:
        raise DataError(problems)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise DataError([_yaml_problem(err, label, text)]) from err
    except yaml.YAMLError as err:  # e.g. a reader error libyaml reports without a line
        raise DataError([Problem(label, 1, 1, "", "", f"this is not valid YAML ({err})")]) from err
    finally:
        loader.dispose()
    seen: set[int] = set()
    found: list[tuple[Path_, tuple[int, int], str]] = []  # named with their entry once the data is known

    def build(node: yaml.Node, path: Path_) -> Any:
        if len(path) > _DEEPEST:
            found.append(((), _mark(node), f"nested more than {_DEEPEST} levels deep: check the indentation"))
            return None
        if id(node) in seen:  # an alias (*name): refused, which also stops alias bombs at once
            found.append((path, source.keys.get(path) or _mark(node), "anchors and aliases (& and *) are not allowed"))
            return None
        seen.add(id(node))
        source.values[path] = _mark(node)
        if node.tag != _implicit_tag(loader, node):  # !!binary, !!int, !custom: data is plain text and numbers
            tag = _short_tag(node.tag)
            found.append((path, _mark(node), f"YAML tags such as '{tag}' are not allowed: write the value plainly"))
            return None
        if isinstance(node, yaml.ScalarNode) and (bad := _FORBIDDEN.search(node.value)):
            message = (
                f"the text holds an invisible control character ({character_name(bad.group())}), "
                "written as an escape: delete it"
            )
            found.append((path, _mark(node), message))
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                line, col = _mark(key_node)
                if key in result:
                    message = f"the key '{key}' appears twice (lines {first_line[key]} and {line}); keep one"
                    found.append(((*path, key), (line, col), message))
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


def _yaml_problem(err: yaml.MarkedYAMLError, label: str, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:col]:
        return Problem(label, line, col, "", "", "a tab character is used here: indent with spaces, never tabs")
    said = re.sub(r"\s+", " ", f"{err.context or ''} {err.problem or ''}").strip()
    if "mapping values are not allowed" in said and (slip := _misaligned(lines, line)):
        return Problem(label, *slip)
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


_KEY_LINE = re.compile(r"^( *)(?:- )?[\w.-]+:( |$)")


def _misaligned(lines: list[str], line: int) -> tuple[int, int, str, str, str] | None:
    """A key line indented further than the key line above it, which YAML then reads as the rest of that
    line's value (so that it complains of a colon): the real slip is that the two do not line up."""
    here = _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), None)
    there = _KEY_LINE.match(lines[above - 1]) if above else None
    if not (here and there) or len(there.group(1)) >= len(here.group(1)) or lines[above - 1].rstrip().endswith(":"):
        return None
    a, b = len(there.group(1)) + 1, len(here.group(1)) + 1
    message = (
        f"the indentation is off: lines {above} and {line} are keys of one group but start at columns {a} and {b}; "
        "move one of them so that they line up"
    )
    return above, a, "", "", message


def _unclosed_quote(lines: list[str]) -> int | None:
    """The last line whose value starts with a double quote that the line does not close. Each line is
    read once, left to right (no backtracking pattern: a line of 20,000 spaces takes no longer than it is
    long)."""
    for number in range(len(lines), 0, -1):
        value = _quoted_value(lines[number - 1])
        if value is not None and _unescaped_quotes(value) % 2 == 0:
            return number
    return None


def _quoted_value(line: str) -> str | None:
    """What follows the opening double quote of a line's value (``key: "…`` or ``- "…``), or None."""
    rest = line.lstrip()
    if rest.startswith("-") and rest[1:2].isspace():  # a list item
        rest = rest[1:].lstrip()
        if rest.startswith('"'):
            return rest[1:]
    found = min((at for at in (rest.find('"'), rest.find("#")) if at >= 0), default=-1)
    if found < 0 or rest[found] != '"':
        return None
    before = rest[:found]
    key = before.rstrip()
    return rest[found + 1 :] if key.endswith(":") and len(key) < len(before) else None


def _unescaped_quotes(text: str) -> int:
    return sum(1 for at, char in enumerate(text) if char == '"' and (at == 0 or text[at - 1] != "\\"))
