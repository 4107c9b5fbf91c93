"""Where a briefing's templates and interface strings are: its own templates/ folder first, then the
generator's (hooks/briefing/templates), as a theme's custom_dir comes before the theme.

Apart from render.py, so that checking the data (validation.py) can tell whether a template exists
without loading the template engine."""

from __future__ import annotations

from pathlib import Path

from .. import ENGINE

BUILTIN_TEMPLATES = ENGINE / "templates"
STRINGS = "strings"  # strings/<lang>.yml beside the templates that use them


def template_folders(project: Path) -> list[Path]:
    """Where templates are looked up: the briefing's own folder, then the generator's."""
    own = project / "templates"
    return [own, BUILTIN_TEMPLATES] if own.resolve() != BUILTIN_TEMPLATES.resolve() else [own]


def template_exists(project: Path, name: str) -> bool:
    """Whether a template of that name (e.g. working-groups/item.md.j2) is found, as Jinja looks it up."""
    return any((folder / name).is_file() for folder in template_folders(project))
