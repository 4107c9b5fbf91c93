"""Read data/ into validated models, the way data/collections.yml declares them.

Each file is read once (with the position of every value), validated with the model of its
file, and its items are gathered into their collections, nested ones included. Problems are
worded for the person editing the file, with file:line:col, and all are reported at once.
Checks that need more than one item run afterwards, in checks.py.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .content import Briefing, Place
from .declaration import (
    DECLARATION,
    EDITION,
    EDITION_FILE,
    REDIRECTS_FILE,
    Declaration,
    file_models,
)
from .problems import DataError, Problem
from .sources import Path_, SourceMap, read_yaml

LINKED_DATA_FILE = "a symbolic link: a data file must be a file of its own in its folder; copy it in instead"


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


def _validated(path: Path, label: str, model: type[BaseModel], problems: list[Problem]):
    """The file at ``path`` validated by ``model``, and its positions; ``None`` after a problem."""
    if path.is_symlink():  # a data file is the data itself, in data/: never a way to another file
        problems.append(Problem(label, 1, 1, "", "", LINKED_DATA_FILE))
        return None, None
    if not path.is_file():
        problems.append(Problem(label, 1, 1, "", "", "the file is missing"))
        return None, None
    try:
        raw, source = read_yaml(path, label)
        return model.model_validate(raw if raw is not None else {}), source
    except DataError as err:
        problems.extend(err.problems)
    except ValidationError as err:
        problems.extend(_validation_problems(err, source, model))
    return None, None


def read_declaration(data_dir: Path, root: str | None = None) -> tuple[Declaration, SourceMap]:
    problems: list[Problem] = []
    label = f"{root or data_dir.name}/{DECLARATION}"
    declaration, source = _validated(data_dir / DECLARATION, label, Declaration, problems)
    if problems:
        raise DataError(problems)
    return declaration, source


def load_briefing(data_dir: Path, label: str | None = None) -> Briefing:
    """Load every data file the declaration names; raise one ``DataError`` listing all problems."""
    return _load(data_dir, label or data_dir.name)


def _load(data_dir: Path, root: str) -> Briefing:
    declaration, declaration_source = read_declaration(data_dir, root)
    problems: list[Problem] = []
    label = lambda name: f"{root}/{name}"  # noqa: E731
    sources: dict[str, SourceMap] = {label(DECLARATION): declaration_source}
    parts: dict[str, Any] = {}  # file label → validated file
    for name, model in file_models(declaration).items():
        names = sorted(p.relative_to(data_dir).as_posix() for p in data_dir.glob(name)) if "*" in name else [name]
        for file in names:
            if file == REDIRECTS_FILE and not (data_dir / file).exists():
                continue  # no redirects yet
            part, source = _validated(data_dir / file, label(file), model, problems)
            if part is not None:
                parts[label(file)], sources[label(file)] = part, source
    if problems:
        raise DataError(problems)
    edition_label = label(EDITION_FILE)
    items: dict[str, list[Any]] = {EDITION: [parts[edition_label].briefing]}
    places: dict[int, Place] = {id(items[EDITION][0]): Place(edition_label, ("briefing",))}
    parents: dict[int, Any] = {}
    for spec in declaration.collections:
        found: list[Any] = []
        if spec.within is not None:
            for parent in items.get(spec.within, []):
                for index, item in enumerate(getattr(parent, spec.key) or []):
                    where = places[id(parent)]
                    places[id(item)] = Place(where.file, (*where.path, spec.key, index))
                    parents[id(item)] = parent
                    found.append(item)
        elif "*" in spec.file:
            for file_label, part in parts.items():
                if Path(file_label).relative_to(root).match(spec.file):
                    places[id(part)] = Place(file_label, ())
                    found.append(part)
        else:
            for index, item in enumerate(getattr(parts[label(spec.file)], spec.key)):
                places[id(item)] = Place(label(spec.file), (spec.key, index))
                found.append(item)
        if spec.sort_by:
            found.sort(key=lambda item: getattr(item, spec.sort_by))
        items[spec.id] = found
    redirects = parts[label(REDIRECTS_FILE)].redirects if label(REDIRECTS_FILE) in parts else []
    return Briefing(declaration, items[EDITION][0], redirects, items, places, parents, sources)
