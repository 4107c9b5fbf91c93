"""Where a briefing's templates and interface strings are: its own templates/ folder first, then the
generator's (hooks/briefing/templates), as a theme's custom_dir comes before the theme; and the interface
strings of a language, read from them.

Apart from render/, so that checking the data (check/validate.py) can tell whether a template or a string
exists without loading the template engine."""

from __future__ import annotations

from pathlib import Path

import yaml
from jinja2 import TemplateRuntimeError

from .. import ENGINE
from ..messages import say

BUILTIN_TEMPLATES = ENGINE / "templates"
STRINGS = "strings"  # strings/<lang>.yml beside the templates that use them


def template_folders(project: Path) -> list[Path]:
    """Where templates are looked up: the briefing's own folder, then the generator's."""
    own = project / "templates"
    return [own, BUILTIN_TEMPLATES] if own.resolve() != BUILTIN_TEMPLATES.resolve() else [own]


def template_exists(project: Path, name: str) -> bool:
    """Whether a template of that name (e.g. working-groups/item.md.j2) is found, as Jinja looks it up."""
    return any((folder / name).is_file() for folder in template_folders(project))


def load_strings(folders: list[Path], lang: str) -> dict[str, str]:
    """Interface strings of one language: strings/<lang>.yml of every template folder."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster than pure Python
    strings: dict[str, str] = {}
    for folder in reversed(folders):  # the briefing's own strings come last and win
        path = folder / STRINGS / f"{lang}.yml"
        if path.is_file():
            try:
                found = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as err:
                raise TemplateRuntimeError(say("strings_unreadable", path=path, error=err)) from None
            if not isinstance(found, dict):
                raise TemplateRuntimeError(say("strings_not_lines", path=path))
            strings.update(found)
    return strings
