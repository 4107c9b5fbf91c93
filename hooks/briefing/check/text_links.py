"""Links written in texts lead somewhere: a site address in Markdown ([the fields](fields/)) must be a
page or an anchor of the site, checked before anything is built.

The pages render such a link relative to the page it is on; a mistyped address would render as a link
to a page that does not exist (or, not being an address at all, as no link), and neither MkDocs nor the
build would notice. ``text_link_problems`` takes the briefing and the set of the site's addresses (pages
``fields/materials/`` and anchors ``working-groups/#materials``) and says, at the text's line, which
link leads nowhere and which address was probably meant.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from ..load.briefing import Briefing
from ..load.declaration import EDITION
from ..messages import Message
from ..model.fields import ADDRESS_PATTERN, RichText
from ..model.walk import texts_in, walk
from ..problems import Problem

_ADDRESS = re.compile(ADDRESS_PATTERN)
_OUTSIDE = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
# [text](target "title") and reference definitions [name]: target — the targets, as written.
_INLINE = re.compile(r"\]\(\s*<?([^\s()<>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_CODE = re.compile(r"`[^`]*`")


def targets(markdown: str) -> list[str]:
    """The targets of the links in a Markdown text (not those inside `code`)."""
    text = _CODE.sub("", markdown)
    return [*_INLINE.findall(text), *_DEFINITION.findall(text)]


def text_link_problems(briefing: Briefing, addresses: set[str]) -> list[Problem]:
    """Every link in a Markdown text of the data that names no page or anchor of the site."""
    known = addresses | _heading_anchors(briefing)
    problems = []
    tops = [EDITION] + [spec.id for spec in briefing.declaration.collections if spec.within is None]
    for collection in tops:
        for item in briefing[collection]:
            for path, text, _ in texts_in(item):
                if not isinstance(text, RichText):
                    continue
                for lang in ("ja", "en"):
                    written = getattr(text, lang)
                    for target in targets(written or ""):
                        message = _wrong(target, known)
                        if message is not None:
                            problems.append(
                                _at_target(briefing.problem(item, (*path, lang), message), briefing, target)
                            )
    return problems


def _wrong(target: str, known: set[str]) -> Message | None:
    """What is wrong with a link's target, or None if it leads somewhere."""
    if not target or target.startswith("#") or _OUTSIDE.match(target):
        return None  # an anchor of the same page, or another site
    if _ADDRESS.match(target):
        if target in known:
            return None
        guess = difflib.get_close_matches(target, sorted(known), n=1, cutoff=0.6)
        hint = Message("did_you_mean", guess=guess[0]) if guess else ""
        return Message("link_unknown", target=target, guess=hint)
    meant = _as_address(target)
    hint = Message("did_you_mean", guess=meant) if meant in known else ""
    return Message("link_not_address", target=target, guess=hint)


def _as_address(target: str) -> str:
    """A target written another way, as the site's address: /ja/fields/materials → fields/materials/."""
    page, _, anchor = target.partition("#")
    page = re.sub(r"^(\.\./|\./|/)+", "", page.strip())
    page = re.sub(r"^(ja|en)/", "", page)
    page = re.sub(r"(index)?\.(md|html)$", "", page).rstrip("/")
    return (f"{page}/" if page else "") + (f"#{anchor}" if anchor else "")


def _heading_anchors(briefing: Briefing) -> set[str]:
    """page/#id of the headings written in the pages' blocks (a block with a heading and an id)."""
    found = set()
    for spec in briefing.declaration.collections:
        if spec.pages:
            for item in briefing[spec.id]:
                page = f"{spec.pages}/{briefing.id_of(spec.id, item)}/"
                found |= {f"{page}#{anchor}" for anchor in _ids_of_headings(item)}
    return found


def _ids_of_headings(value: Any):
    for node in walk(value, typed=False):
        found = node.value
        if isinstance(found, BaseModel) and hasattr(found, "heading") and isinstance(getattr(found, "id", None), str):
            yield found.id


def _at_target(problem: Problem, briefing: Briefing, target: str) -> Problem:
    """The problem at the line and column where the target is written, if it is found there (a text on one
    line, or folded over several below its key), else at the text."""
    source = briefing.sources.get(problem.file)
    lines = source.lines if source is not None else []
    for number in range(problem.line, min(problem.line + 40, len(lines)) + 1):
        at = lines[number - 1].find(target)
        if at >= 0:
            return replace(problem, line=number, col=at + 1)
    return problem
