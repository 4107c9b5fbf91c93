"""Interface strings: the words around the data, in strings/<lang>.yml of every template folder (the
briefing's own after the engine's, and winning over them), and how a template says one (``ui``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateRuntimeError
from markupsafe import Markup, escape

from ..messages import say
from ..project.template_folders import STRINGS

_CODE = re.compile(r"`([^`]+)`")


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


class Interface:
    """The interface strings of one language, said as templates say them (ui, with a key and values)."""

    def __init__(self, strings: dict[str, str], lang: str):
        self.strings, self.lang = strings, lang

    def __call__(self, key: str, **values: Any) -> Markup:
        """An interface string with escaped placeholders; `x` is shown as code. Without values, {placeholders}
        stay as they are (for scripts that fill them)."""
        if key not in self.strings:
            raise TemplateRuntimeError(say("string_missing", key=key, lang=self.lang))
        text = Markup(_CODE.sub(r"<code>\1</code>", str(escape(self.strings[key]))))
        try:
            return text.format(**{k: escape(v) for k, v in values.items()}) if values else text
        except (KeyError, IndexError, ValueError) as err:
            raise TemplateRuntimeError(say("string_placeholder", key=key, placeholder=err)) from None
