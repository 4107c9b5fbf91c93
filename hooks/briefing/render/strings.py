"""How a template says an interface string (``ui``): the words around the data, in strings/<lang>.yml of every
template folder (read by project/template_folders.py: the briefing's own after the engine's, winning)."""

from __future__ import annotations

import re
from typing import Any

from jinja2 import TemplateRuntimeError
from markupsafe import Markup, escape

from ..messages import say

_CODE = re.compile(r"`([^`]+)`")


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
        except KeyError as err:
            raise TemplateRuntimeError(say("string_placeholder", key=key, placeholder=f"{{{err.args[0]}}}")) from None
        except IndexError:  # {} or {0}: Python's words ("tuple index out of range") say nothing to an editor
            raise TemplateRuntimeError(say("string_placeholder_unnamed", key=key)) from None
        except ValueError:  # a brace left open or alone ("expected '}' before end of string")
            raise TemplateRuntimeError(say("string_placeholder_malformed", key=key)) from None
