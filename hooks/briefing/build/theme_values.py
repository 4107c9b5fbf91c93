"""What the theme (overrides/) shows around every page besides the page itself, given to it as
config.extra.briefing: the edition's dates, source and notice, the citation in each language, the
interface strings the theme uses, the editions, the editor's guide; and what differs from page to page
(each page's meta.briefing): its title in each language and its edition-pinned address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..check.validate import LANGUAGES, Checked
from ..load.briefing import Briefing
from ..plan.pages import EDITIONS
from ..plan.urls import page_url
from ..project.template_folders import load_strings, template_folders
from ..render.renderer import Renderer
from ..render.texts import phrase_breaker
from ..text.formats import long_date

# Interface strings the theme overrides (overrides/) use: config.extra.briefing.ui.<key>.
THEME_STRINGS = (
    "cite_heading",
    "copy_button",
    "copied",
    "licence_footer",
    "edition",
    "last_updated",
    "source",
    "cite_pinned",
    "cite_current",
    "feed_title",
    "not_found",
    "not_found_text",
    "breadcrumb",
    "breadcrumb_home",
    "editor_guide",
)
GUIDE_TEMPLATE = "editor-guide.md.j2"
# The citation in each language, whatever the page's language: config.extra.briefing.cite.<lang>.<part>.
CITATION_PARTS = (
    "title_open",
    "title_close",
    "site_open",
    "site_close",
    "url_placeholder",
    "accessed_before",
    "date_placeholder",
    "accessed_after",
)


def guide_address(briefing: Briefing) -> str | None:
    """The address of the editor's guide, wherever the declaration puts it (editing/), if it has one."""
    return next((page_url(page.path) for page in briefing.declaration.pages if page.template == GUIDE_TEMPLATE), None)


def _citation(project: Path, briefing, lang: str, breaker) -> dict:
    strings = load_strings(template_folders(project), lang)
    parts: dict = {part: strings[f"cite_{part}"] for part in CITATION_PARTS}
    parts["based_on"] = strings["cite_based_on"].format(date=long_date(briefing.edition.edition_date, lang))
    parts["based_on_runs"] = breaker.runs(parts["based_on"])
    return parts


def page_metadata(project: Path, checked: Checked, renderer: Renderer) -> dict:
    """What the theme templates need on every page: dates, source, notice, names, a few UI strings;
    and the same for each older edition, whose pages name their own edition (``older[<date>]``).
    What differs from page to page (its titles, its pinned address) is in each page's meta."""
    history = checked.timeline
    return _edition_metadata(project, checked.briefing, renderer.lang) | {
        "ui": {key: renderer.strings[key] for key in THEME_STRINGS},
        "languages": LANGUAGES,
        "cite_labels": {code: renderer.strings[f"cite_in_{code}"] for code in LANGUAGES},
        "editions": [edition.date for edition, _ in history.frozen],
        # The editor's guide, for the footer: editors find it there, out of the readers' sidebar.
        "guide_url": guide_address(checked.briefing) or "",
        "pinned": f"{EDITIONS}/{history.current_date}/" if history.current_is_frozen else "",
        "older": {
            edition.date: _edition_metadata(project, frozen, renderer.lang) for edition, frozen in history.superseded
        },
    }


def _edition_metadata(project: Path, briefing, lang: str) -> dict:
    edition = briefing.edition
    updated = edition.last_updated or edition.edition_date
    texts = {
        "edition_date_text": long_date(edition.edition_date, lang),
        "last_updated_text": long_date(updated, lang),
        "source_document": edition.source_document(lang),
        "notice": edition.notice(lang) if edition.notice else "",
    }
    breaker = phrase_breaker(briefing)  # (this edition's names kept whole)
    return texts | {
        "edition_date": edition.edition_date.isoformat(),
        "cite": {code: _citation(project, briefing, code, breaker) for code in LANGUAGES},
        "last_updated": updated.isoformat(),
        "issuer": edition.issuer(lang),
        "title": {code: edition.title(code) for code in LANGUAGES},
        # The same texts as runs of (text, kept whole), for the theme's templates to keep their dates
        # and names on one line (overrides/partials/kept.html).
        "runs": {name: breaker.runs(text) for name, text in texts.items()},
    }


def page_meta(url: str, titles: dict[str, dict[str, str]], checked: Checked) -> dict:
    """What the theme shows on one page that differs from page to page: its title in each language
    (for the citation in each language) and its edition-pinned address, if the current edition keeps it."""
    meta: dict[str, Any] = {}
    if url in titles:
        meta["titles"] = titles[url]
    if url in checked.plan.pinned:
        meta["pinned"] = f"{EDITIONS}/{checked.timeline.current_date}/{url}"
    return meta
