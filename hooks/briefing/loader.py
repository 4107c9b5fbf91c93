"""Read data/*.yml into validated models, remembering where every value came from.

YAML is composed into nodes by libyaml and turned into plain Python values here,
so that each value keeps its line and column for error messages. Numbers with a
decimal point and dates stay text: the models turn them into exact Decimals and
dates, so nothing is ever read as a float.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from .integrity import check_references, check_translations
from .models import FILE_MODELS, PAGES_DIR, Briefing, NarrativePage
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


def _unwrap(hint: Any) -> Any:
    """``Annotated[X, …]`` and ``X | None`` → ``X``."""
    while True:
        origin = get_origin(hint)
        if origin is Annotated:
            hint = get_args(hint)[0]
        elif origin in (UnionType, Union):
            hint = next(arg for arg in get_args(hint) if arg is not type(None))
        else:
            return hint


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model that describes the mapping at ``path`` inside a file validated by ``model``."""
    current: Any = model
    for step in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field_info = current.model_fields.get(step) if isinstance(step, str) else None
            if field_info is None:
                return None
            current = field_info.annotation
        else:  # list[X] or dict[K, X]: step into the element type
            args = get_args(current)
            if not args:
                return None
            current = args[-1]
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _got(value: Any) -> str:
    shown = str(value)
    return f"'{shown[:60]}…'" if len(shown) > 60 else f"'{shown}'"


def _message(error: dict, model: type[BaseModel], path: Path_) -> str:
    """Say what is wrong and what is allowed, in words for the person editing the file."""
    kind, context, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "extra_forbidden":
        parent = _model_at(model, path[:-1])
        allowed = list(parent.model_fields) if parent else []
        guess = difflib.get_close_matches(str(path[-1]), allowed, n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        return f"unknown key '{path[-1]}'{hint} Allowed keys: {', '.join(allowed)}"
    if kind == "missing":
        return f"'{path[-1]}' is required but missing"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return (
            "an id may use only lower-case letters a-z, digits and single hyphens (like 'nims-data-hub'); "
            f"got {_got(value)}"
        )
    if kind == "enum":
        return f"must be one of {context.get('expected', '')}; got {_got(value)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"must be a whole number; got {_got(value)}"
    if kind in ("decimal_parsing", "decimal_type"):
        return f"must be a number such as 21.9; got {_got(value)}"
    if kind == "decimal_max_places":
        return f"at most {context.get('decimal_places')} decimal places; got {_got(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = context.get("ge", context.get("le"))
        return f"must be {'at least' if kind == 'greater_than_equal' else 'at most'} {bound}; got {_got(value)}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"must be a date written YYYY-MM-DD, like 2026-01-21; got {_got(value)}"
    if kind in ("string_type",):
        return f"must be text; got {_got(value)}" + (" (put it in quotes)" if value is not None else "")
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {context.get('min_length')} entries"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a group of 'key: value' lines, indented under this key"
    if kind == "list_type":
        return "must be a list: one '- ' line per entry"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"must be true or false; got {_got(value)}"
    return f"{error['msg']}; got {_got(value)}"


def _validation_problems(err: ValidationError, source: SourceMap, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for error in err.errors():
        path = tuple(error["loc"])
        message = _message(error, model, path)
        if error["type"] == "extra_forbidden":
            problems.append(source.problem(path, message, key=True))
        elif error["type"] == "missing":
            problems.append(source.problem(path[:-1], message))
        else:
            problems.append(source.problem(path, message))
    return problems


def load_briefing(data_dir: Path) -> Briefing:
    """Load and check every data file; raise one ``DataError`` listing all problems."""
    return load_with_sources(data_dir)[0]


_loaded: dict[tuple, tuple[Briefing, dict[str, SourceMap]]] = {}


def load_with_sources(data_dir: Path) -> tuple[Briefing, dict[str, SourceMap]]:
    """``load_briefing``, plus where every value came from (for checks made after loading).

    A build loads the data for each language; the result is reused while no file under
    data/ has changed (path, size and modification time), so ``mkdocs serve`` sees every edit.
    """
    files = sorted(path for path in data_dir.rglob("*") if path.is_file())
    key = (str(data_dir.resolve()), *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = _load(data_dir)
    return _loaded[key]


def _load(data_dir: Path) -> tuple[Briefing, dict[str, SourceMap]]:
    problems: list[Problem] = []
    parts: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    page_files = sorted((data_dir / PAGES_DIR).glob("*.yml"))
    files = [*FILE_MODELS.items(), *((f"{PAGES_DIR}/{path.name}", NarrativePage) for path in page_files)]
    for name, model in files:
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
            problems.extend(_validation_problems(err, source, model))
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
        redirects=parts["redirects.yml"].redirects,
        pages=sorted((part for name, part in parts.items() if name.startswith(f"{PAGES_DIR}/")), key=lambda p: p.order),
        kpis=parts["kpis.yml"].kpis,
        committees=parts["committees.yml"].committees,
        terms=parts["glossary.yml"].terms,
        corrections=parts["corrections.yml"].corrections,
    )
    problems = check_references(briefing, sources) + check_translations(parts, sources)
    if problems:
        raise DataError(problems)
    return briefing, sources
