"""What a briefing adds to the engine: its domain, the Python of its own templates/ folder.

The engine knows no budget, indicator or working group. A briefing whose collections need more than the
field types data/collections.yml can declare (``fields:``) writes them as Python in its templates/ folder,
beside its templates and interface strings: a package templates/domain/ whose ``DOMAIN`` is a ``Domain``.
The engine loads it from there and nowhere else (load/domain.py), and works without it: a briefing may have
no templates/ folder at all.

A domain gives:

- ``models``: the models data/collections.yml may name (``model: Programme``), written with the engine's
  field types (model/fields.py) and checked as the engine's are: ``Ref`` and ``Unique`` marks, and each
  model's ``problems`` method for rules between items (a programme's lines add up to its totals);
- ``blocks``: kinds of page block of its own, after the engine's five (heading, paragraph, bullets, table,
  note), each shown by its template blocks/<kind>.md.j2;
- ``key_labels``: what its keys are called on the changes page;
- ``messages``: its catalogue (``Catalogue``): what its checks say, in both languages, grouped as the engine's
  are; a group of its own is a section of the editor's guide (after the group before it in its file), whose
  title and text are its interface strings guide_rule_<group>_title and guide_rule_<group>;
- ``data_filters(briefing, lang)``: filters over plain values, for its templates and for the download
  columns' expressions of data/collections.yml (which run in Jinja's sandbox);
- ``template_names(renderer)``: the filters, tests and functions its templates use (``TemplateNames``),
  made for each renderer (a language, an edition) with the renderer's interface strings at hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..messages import Catalogue
from .fields import Strict


@dataclass(frozen=True)
class TemplateNames:
    """What a domain puts into its templates: filters, tests, functions (each reads data only through the
    renderer, so that what a page reads is recorded), and how an item of one of its models is named where a
    change names it (``labels``: model → the item's label)."""

    filters: Mapping[str, Callable] = field(default_factory=dict)
    tests: Mapping[str, Callable] = field(default_factory=dict)
    functions: Mapping[str, Callable] = field(default_factory=dict)
    labels: Mapping[type, Callable[[Any], str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Domain:
    """A briefing's domain (see the module's docstring); ``Domain()`` is none."""

    models: tuple[type[Strict], ...] = ()
    blocks: tuple[type[Strict], ...] = ()
    key_labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    messages: Catalogue | None = None
    data_filters: Callable[[Any, str], Mapping[str, Callable]] | None = None
    template_names: Callable[[Any], TemplateNames] | None = None
    # Set by the engine when it loads the domain: where from, and the digest of its files (the build makes a
    # page again when the code that made it has changed).
    folder: Path | None = None
    digest: str = ""

    def filters_over_data(self, data: Any, lang: str) -> dict[str, Callable]:
        return dict(self.data_filters(data, lang)) if self.data_filters else {}

    def names_for(self, renderer: Any) -> TemplateNames:
        return self.template_names(renderer) if self.template_names else TemplateNames()
