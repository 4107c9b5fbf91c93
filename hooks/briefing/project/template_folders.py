"""Where a briefing's templates and interface strings are: its own templates/ folder first, then the
generator's (hooks/briefing/templates), as a theme's custom_dir comes before the theme; the interface
strings of a language, read from them; and the theme's own templates of the project (the custom_dir its
MkDocs configurations name).

Apart from render/, so that checking (check/) can tell whether a template or a string exists, and compile
every template with the syntax the build's environments use, without rendering anything."""

from __future__ import annotations

from pathlib import Path

import yaml
from jinja2 import TemplateRuntimeError

from .. import ENGINE
from ..messages import say
from .files import CONFIGS

BUILTIN_TEMPLATES = ENGINE / "templates"
STRINGS = "strings"  # strings/<lang>.yml beside the templates that use them
# How the page templates are written: "{#id}" is Markdown's heading-id syntax, so Jinja comments are
# {## … ##}; block tags take their line with them. Every environment of the page templates uses it.
TEMPLATE_SYNTAX = {
    "comment_start_string": "{##",
    "comment_end_string": "##}",
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
# How every template is compiled, the theme's too (build/theme.py): without Jinja's optimizer, whose folding
# of constants cost a cold build more while compiling than it saved while rendering (2 % more instructions).
COMPILING = {"optimized": False}


def template_folders(project: Path) -> list[Path]:
    """Where templates are looked up: the briefing's own folder, then the generator's."""
    own = project / "templates"
    return [own, BUILTIN_TEMPLATES] if own.resolve() != BUILTIN_TEMPLATES.resolve() else [own]


def template_exists(project: Path, name: str) -> bool:
    """Whether a template of that name (e.g. working-groups/item.md.j2) is found, as Jinja looks it up."""
    return any((folder / name).is_file() for folder in template_folders(project))


class _ConfigLoader(yaml.SafeLoader):
    """An MkDocs configuration's plain values; its own tags (!ENV, !!python/name:…) are read as nothing."""


_ConfigLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)


def theme_folders(project: Path) -> list[Path]:
    """The folders of theme templates the project's MkDocs configurations name (``theme.custom_dir``,
    relative to the configuration's folder, as MkDocs reads it)."""
    found: list[Path] = []
    for name in CONFIGS.values():
        try:
            config = yaml.load((project / name).read_text(encoding="utf-8"), Loader=_ConfigLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # (MkDocs says what is wrong with it)
        theme = config.get("theme") if isinstance(config, dict) else None
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        folder = (project / custom) if isinstance(custom, str) else None
        if folder is not None and folder.is_dir() and folder not in found:
            found.append(folder)
    return found


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
