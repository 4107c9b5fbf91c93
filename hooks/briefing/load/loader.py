"""Read data/ into validated models, the way data/collections.yml declares them.

Each file is read once (with the position of every value), validated with the model of its
file, and its items are gathered into their collections, nested ones included. Problems are
worded for the person editing the file, with file:line:col, and all are reported at once.
Checks that need more than one item run afterwards, in check/.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..messages import Message, MessageError
from ..model.domain import Domain
from ..model.fields import ADDRESS_PATTERN, ID_PATTERN
from ..model.pages import NarrativePage
from ..problems import DataError, Problem
from ..project.digests import digest
from .briefing import Briefing, Place
from .data_files import file_models
from .declaration import (
    DECLARATION,
    EDITION,
    EDITION_FILE,
    REDIRECTS_FILE,
    Declaration,
    item_model,
    orderable_keys,
)
from .positions import Path_, SourceMap, yaml_of_bytes
from .yaml_slips import character_name


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


def _tagged_member(hint: Any, step: Any) -> Any:
    """The member of a tagged union (a page block) that ``step`` names: pydantic puts the tag in an error's
    path (blocks[2].heading.idd), where it is not a key of the item."""
    while get_origin(hint) is Annotated:
        hint = get_args(hint)[0]
    if get_origin(hint) not in (UnionType, Union) or not isinstance(step, str):
        return None
    for member in get_args(hint):
        if get_origin(member) is Annotated and any(getattr(m, "tag", None) == step for m in member.__metadata__):
            return get_args(member)[0]
    return None


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model that describes the mapping at ``path`` inside a file validated by ``model``."""
    current: Any = model
    for step in path:
        if (member := _tagged_member(current, step)) is not None:
            current = member
            continue
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


def _shown_value(value: Any) -> Any:
    """A value as a message quotes it: YAML's words for true, false and nothing, long texts cut, and the
    characters that cannot be seen (a full-width space, a zero-width space) named by their code."""
    if value is None:
        return Message("value_nothing")
    if value is True or value is False:
        return str(value).lower()
    shown = str(value)
    shown = f"{shown[:60]}…" if len(shown) > 60 else shown
    return "".join(f"<{character_name(char)}>" if _UNSEEN.match(char) else char for char in shown)


_UNSEEN = re.compile(r"[\u3000\u00a0\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff]")


def _message(error: dict, model: type[BaseModel], path: Path_) -> Message:
    """Say what is wrong and what is allowed, in words for the person editing the file."""
    kind, context, value = error["type"], error.get("ctx") or {}, error.get("input")
    got = _shown_value(value)
    if kind == "extra_forbidden":
        parent = _model_at(model, path[:-1])
        allowed = list(parent.model_fields) if parent else []
        guess = difflib.get_close_matches(str(path[-1]), allowed, n=1)
        if guess:
            return Message("unknown_key_guess", key=path[-1], guess=guess[0], allowed=allowed)
        return Message("unknown_key", key=path[-1], allowed=allowed)
    if kind == "missing":
        return Message("missing_key", key=path[-1])
    if kind == "value_error":
        found = context.get("error")
        if isinstance(found, MessageError):
            return found.message
        return Message("value_not_allowed", value=got)
    if value is None and kind not in ("union_tag_not_found",):
        return Message("empty_value")
    if kind == "string_pattern_mismatch":
        unseen = _UNSEEN.search(str(value))
        if unseen:
            char = unseen.group()
            said = (
                Message("full_width_space_named")
                if char == "\u3000"
                else Message("invisible_named", code=character_name(char))
            )
            return Message("id_unseen_character", value=got, char=said)
        if context.get("pattern") == ADDRESS_PATTERN:
            return Message("address_pattern", value=got)
        if context.get("pattern") != ID_PATTERN:  # the declaration's names and paths
            return Message("pattern_mismatch", pattern=context.get("pattern"), value=got)
        return Message("id_pattern", value=got)
    if kind == "string_too_long":
        return Message("too_long", most=context.get("max_length"), value=got)
    if kind in ("enum", "literal_error"):
        return Message("one_of", expected=re.findall(r"'([^']*)'", str(context.get("expected", ""))), value=got)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return Message("whole_number", value=got)
    if kind in ("decimal_parsing", "decimal_type"):
        return Message("number", value=got)
    if kind == "decimal_max_places":
        return Message("decimal_places", places=context.get("decimal_places"), value=got)
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return Message("too_many_digits", value=got)
    if kind in ("greater_than_equal", "greater_than"):
        return Message("at_least", bound=context.get("ge", context.get("gt")), value=got)
    if kind in ("less_than_equal", "less_than"):
        return Message("at_most", bound=context.get("le", context.get("lt")), value=got)
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return Message("date", value=got)
    if kind == "string_type":
        return Message("text_quoted", value=got)
    if kind == "string_too_short":
        return Message("not_empty")
    if kind == "too_short":
        return Message("entries", least=context.get("min_length"))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Message("group_of_keys")
    if kind == "list_type":
        return Message("list_of_entries")
    if kind in ("bool_type", "bool_parsing"):
        return Message("true_or_false", value=got)
    if kind in ("union_tag_not_found", "union_tag_invalid"):
        return Message("block_kind", kinds=list(_block_kinds(model)))
    return Message("value_not_allowed", value=got)


def _validation_problems(err: ValidationError, source: SourceMap, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for error in err.errors():
        path = tuple(error["loc"])
        message = _message(error, model, path)
        if error["type"] == "extra_forbidden" and _two_blocks(path, _block_kinds(model)):
            # Two blocks read as one: the '- ' is missing before the one that starts later in the file.
            block, kinds = path[:-2], sorted(path[-2:], key=lambda key: source.where((*path[:-2], key), key=True))
            problems.append(
                source.problem((*block, kinds[1]), Message("block_missing_dash", key=kinds[1], kind=kinds[0]), key=True)
            )
        elif error["type"] == "extra_forbidden":
            problems.append(source.problem(path, message, key=True))
        elif error["type"] == "missing":
            problems.append(source.problem(path[:-1], message))
        else:
            problems.append(source.problem(path, message))
    return problems


def _block_kinds(model: type[BaseModel]) -> tuple[str, ...]:
    """The kinds of page block a file's model knows (the engine's and the domain's), if it is a page."""
    return model.block_kinds if issubclass(model, NarrativePage) else ()


def _two_blocks(path: Path_, kinds: tuple[str, ...]) -> bool:
    """A key of a page block that names another kind of block (``blocks[1].heading.paragraph``)."""
    return len(path) > 2 and path[-1] in kinds and path[-2] in kinds and isinstance(path[-3], int)


class LoadedFiles:
    """Data files validated before, by their name in data/ and the digest of their bytes and of what their
    models are made from (the declaration, the domain): a file is read and validated once, however many
    loads find it the same (two files of one load never share their models, even with the same bytes).
    A frozen edition's files are mostly the current data's, byte for byte; the live preview keeps them
    between saves, so that a save reads again only the file that changed. Files no load has asked for since
    the last ``sweep`` are let go then."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[Any, SourceMap]] = {}
        self._asked: set[str] = set()
        self.basis = ""  # the digest of what the files' models are made from

    def get(self, name: str, label: str, content: bytes) -> tuple[Any, SourceMap] | None:
        key = digest(self.basis, name, content)
        self._asked.add(key)
        if key not in self._files:
            return None
        part, source = self._files[key]
        # The same models; the positions of this file (worked out from the same text when asked for).
        return part, SourceMap(label, text=source.text, settled=True) if source.file != label else source

    def keep(self, name: str, content: bytes, part: Any, source: SourceMap) -> None:
        self._files[digest(self.basis, name, content)] = (part, source)

    def sweep(self) -> None:
        self._files = {key: found for key, found in self._files.items() if key in self._asked}
        self._asked = set()


def _validated(
    path: Path,
    label: str,
    model: type[BaseModel],
    problems: list[Problem],
    empty_is_a_slip: bool = True,
    kept: LoadedFiles | None = None,
    name: str = "",
):
    """The file at ``path`` validated by ``model``, and its positions; ``None`` after a problem. ``kept``:
    files validated before, reused while their bytes are the same (``name``: the file's name in its data
    folder)."""
    if path.is_symlink():  # a data file is the data itself, in data/: never a way to another file
        problems.append(Problem(label, 1, 1, "", "", Message("data_file_link")))
        return None, None
    if not path.is_file():
        problems.append(Problem(label, 1, 1, "", "", Message("file_missing", file=label)))
        return None, None
    content = path.read_bytes()
    if kept is not None and (known := kept.get(name, label, content)) is not None:
        return known
    try:
        raw, source = yaml_of_bytes(content, label)
        if raw is None and empty_is_a_slip:  # emptied by mistake: said once, before what it would take away
            problems.append(Problem(label, 1, 1, "", "", Message("file_empty", file=label)))
            return None, None
        part = model.model_validate(raw if raw is not None else {})
        if kept is not None:
            kept.keep(name, content, part, source)
        return part, source
    except DataError as err:
        problems.extend(err.problems)
    except ValidationError as err:
        problems.extend(_validation_problems(err, source, model))
    return None, None


def read_declaration(data_dir: Path, domain: Domain, root: str | None = None) -> tuple[Declaration, SourceMap]:
    """data/collections.yml, each collection given its model from the engine's and ``domain``'s."""
    problems: list[Problem] = []
    label = f"{root or data_dir.name}/{DECLARATION}"
    declaration, source = _validated(data_dir / DECLARATION, label, Declaration, problems)
    if problems:
        raise DataError(problems)
    return declaration.bind(domain), source


def load_briefing(
    data_dir: Path,
    domain: Domain,
    label: str | None = None,
    kept: LoadedFiles | None = None,
    declared: tuple[Declaration, SourceMap] | None = None,
) -> Briefing:
    """Load every data file the declaration names, with the models of the engine and of the project's
    ``domain`` (load/domain.py); raise one ``DataError`` listing all problems. ``kept``: files validated by
    an earlier load, reused where unchanged (and the files validated now, kept for the next). ``declared``:
    the declaration as ``read_declaration`` gives it, once checked (check/declaration.checked_declaration):
    the files are read the way it says, which an unsound declaration cannot say."""
    root = label or data_dir.name
    return _load(data_dir, domain, root, kept, declared or read_declaration(data_dir, domain, root))


def _load(
    data_dir: Path, domain: Domain, root: str, kept: LoadedFiles | None, declared: tuple[Declaration, SourceMap]
) -> Briefing:
    declaration, declaration_source = declared
    if kept is not None:
        kept.basis = digest(declaration_source.text, domain.digest)
    problems: list[Problem] = []
    label = lambda name: f"{root}/{name}"  # noqa: E731
    sources: dict[str, SourceMap] = {label(DECLARATION): declaration_source}
    parts: dict[str, Any] = {}  # file label → validated file
    for name, model in file_models(declaration).items():
        names = sorted(p.relative_to(data_dir).as_posix() for p in data_dir.glob(name)) if "*" in name else [name]
        for file in names:
            if file == REDIRECTS_FILE and not (data_dir / file).exists():
                continue  # no redirects yet
            part, source = _validated(
                data_dir / file, label(file), model, problems, file != REDIRECTS_FILE, kept=kept, name=file
            )
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
            # (without its key, the declaration's check reports the collection: it has no items meanwhile)
            for parent in items.get(spec.within, []) if spec.key else []:
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
        # (the items without the value, where it is optional, after the others; a key whose values cannot be
        # put in order is the declaration's check's to report, and the items stay in the order of the data)
        if spec.sort_by in orderable_keys(item_model(spec)):
            found.sort(key=lambda item: (getattr(item, spec.sort_by) is None, getattr(item, spec.sort_by)))
        items[spec.id] = found
    redirects = parts[label(REDIRECTS_FILE)].redirects if label(REDIRECTS_FILE) in parts else []
    return Briefing(declaration, items[EDITION][0], redirects, items, places, parents, sources, domain)
