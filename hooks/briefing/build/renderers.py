"""The renderers of one language in a build: one per edition (the current one, and each older edition
published under editions/<date>/), each given what a build adds to the templates' names beyond the data
(the reading order, the editions, moved rows, the editor's guide, the PDF, the offline copy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..check.edition_diff import stale_translations
from ..check.validate import Checked
from ..load.briefing import Briefing
from ..plan.addresses import item_addresses, moved_rows
from ..plan.pages import EDITIONS
from ..problems import DataError
from ..publish.offline import ARCHIVE
from ..render.names import BuildValues, unknown_names
from ..render.reads import Reads
from ..render.renderer import Renderer


def edition_renderer(
    project: Path,
    checked: Checked,
    lang: str,
    edition: str | None,
    briefing: Briefing,
    reads: Reads,
    code: Any,
    pdf_file: Any = None,
    offline_copy: int | None = None,
    downloads: Callable[[Renderer], list] | None = None,
) -> Renderer:
    """The renderer of one edition's pages in ``lang``: ``edition`` is an older edition's date (None for the
    current one) and ``briefing`` its data. ``code``: the build's compiled templates (cache.TemplateCode);
    ``pdf_file`` and ``offline_copy``: the PDF of the language and the offline copy's size, if there are;
    ``downloads``: makes the current edition's downloads, when a page first asks for them."""
    history = checked.timeline
    prefix = f"{EDITIONS}/{edition}/" if edition else ""
    values = BuildValues(reading=checked.plan.reading[edition], history=history)
    if edition is None:
        values = BuildValues(
            reading=checked.plan.reading[edition],
            history=history,
            current=True,
            moved=moved_rows(briefing),
            stale=frozenset(_stale_items(checked)),
            item_address=_item_address(checked),
            offline_copy=offline_copy,
            offline_archive=ARCHIVE,
            pdf_file=pdf_file,
            downloads=downloads,
        )
    renderer = Renderer(project, lang, briefing, prefix, edition, reads, code, values)
    if edition is None and (problems := unknown_names(renderer.env, checked.template_names)):
        raise DataError(problems)
    return renderer


def _item_address(checked: Checked):
    """(edition date, collection, item id) → the item's address in that edition, or None."""
    history = checked.timeline
    found = {
        edition.date: (f"{EDITIONS}/{edition.date}/", item_addresses(frozen)) for edition, frozen in history.superseded
    }
    found[history.current_date] = ("", item_addresses(checked.briefing))

    def address(date: str, collection: str, item_id: str) -> str | None:
        prefix, addresses = found[date]
        where = addresses.get((collection, item_id))
        return None if where is None else prefix + where

    return address


def _stale_items(checked: Checked) -> set[tuple[str, str]]:
    """(collection, id) of the changed items with a text whose English may lag its Japanese."""
    latest = checked.timeline.latest
    if latest is None:
        return set()
    found = {id(item) for item, _, _ in stale_translations(latest, checked.briefing)}
    return {
        (change.collection, change.item_id)
        for changes in latest.changed.values()
        for change in changes
        if id(change.new) in found
    }
