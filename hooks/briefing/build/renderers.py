"""The renderers of one language in a build: one per edition (the current one, and each older edition
published under editions/<date>/), each given what a build adds to the templates' names beyond the data
(the reading order, the editions, moved rows, the editor's guide, the PDF, the offline copy)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..check.edition_diff import stale_translations
from ..check.validate import Checked
from ..load.briefing import Briefing
from ..plan.addresses import item_addresses, moved_rows
from ..plan.pages import EDITIONS
from ..publish.offline import ARCHIVE
from ..render.environment import Renderer
from ..render.guide import collection_names, reference
from ..render.reads import Reads


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
) -> Renderer:
    """The renderer of one edition's pages in ``lang``: ``edition`` is an older edition's date (None for the
    current one) and ``briefing`` its data. ``code``: the build's compiled templates (cache.TemplateCode);
    ``pdf_file`` and ``offline_copy``: the PDF of the language and the offline copy's size, if there are."""
    history = checked.timeline
    prefix = f"{EDITIONS}/{edition}/" if edition else ""
    renderer = Renderer(project, lang, briefing, prefix, edition, reads, code)
    renderer.env.globals.update(reading=checked.plan.reading[edition], history=history)
    if edition is None:
        latest = history.latest
        stale = _stale_items(checked)
        renderer.env.globals.update(
            moved=moved_rows(briefing),
            guide=reference(briefing.declaration),
            guide_names=collection_names(briefing.declaration),
            changes_since=latest.old_date if latest else None,
            changes_of=lambda collection, item_id: renderer.changes_of(
                lambda c, i: latest.of(c, i) if latest else None, collection, item_id
            ),
            lagging=lambda collection, item_id: renderer.changes_of(lambda c, i: (c, i) in stale, collection, item_id),
            item_address=_item_address(checked),
            offline_copy=offline_copy,
            offline_archive=ARCHIVE,
            pdf_file=pdf_file,
        )
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
