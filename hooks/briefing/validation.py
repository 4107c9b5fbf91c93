"""Checking a briefing: its data, its declaration, its editions, the addresses it publishes, and the
pages and interface strings it needs, all at once. ``make check`` runs this and nothing more (no page
is rendered; only the download columns' expressions are evaluated, in Jinja's sandbox); every build runs
it first."""

from __future__ import annotations

from pathlib import Path

from .addresses import check_addresses, current_addresses, read_manifest
from .changes import stale_translations
from .checks import check
from .content import Briefing
from .declaration import DECLARATION, declaration_problems
from .editions import timeline
from .expressions import expression_problems
from .links import text_link_problems
from .loader import load_briefing
from .messages import Message
from .problems import DataError, Problem
from .project_files import inputs_stamp, link_problems
from .template_folders import STRINGS, template_exists, template_folders

LANGUAGES = ("ja", "en")  # the first is the source language


def validate(project: Path) -> tuple[Briefing, set[str]]:
    """Load and check the data, the declaration and the addresses it publishes; raise ``DataError``
    with every problem. The addresses are the same in both languages (tests hold that).

    Symbolic links are looked at first, and every time (the rest is kept while data/ is unchanged): a link
    to a file outside the project must stop a build before anything is read through it."""
    links = link_problems(project)
    if links:
        raise DataError(links)
    briefing = load_briefing(project / "data")
    stamp = inputs_stamp(project)  # the checks read editions/, docs/ and templates/ too
    if briefing.checked is None or briefing.checked[0] != stamp:
        declared = briefing.sources[f"data/{DECLARATION}"]
        problems: list[Problem] = [
            declared.problem(path, message)
            for path, message in declaration_problems(briefing.declaration, lambda name: template_exists(project, name))
        ]
        problems += check(briefing) + _missing_pages(briefing, project) + _missing_strings(project)
        briefing.timeline = timeline(project, briefing)
        problems += briefing.timeline.problems + _stale_translations(briefing)
        frozen = [(edition.date, frozen) for edition, frozen in briefing.timeline.frozen]
        current = current_addresses(briefing, project / "docs" / LANGUAGES[0], frozen)
        # A link to a published address that is gone is the address check's to report (with the redirect to
        # add); a link to an address that redirects works.
        published = {address for _, address in read_manifest(project / "data")}
        problems += text_link_problems(briefing, current | published | {r.old for r in briefing.redirects})
        briefing.warnings = [problem for problem in problems if problem.warning]
        problems = [problem for problem in problems if not problem.warning]
        if not problems:  # expressions and addresses worked out from broken data would only repeat its problems
            problems += expression_problems(briefing) + check_addresses(project / "data", briefing, current)
        briefing.checked = (stamp, problems, current)
    _, problems, current = briefing.checked
    if problems:
        raise DataError(problems)
    return briefing, current


def _stale_translations(briefing: Briefing) -> list[Problem]:
    """Warnings: texts whose Japanese changed since the last edition while their English did not."""
    latest = briefing.timeline.latest
    if latest is None:
        return []
    return [
        briefing.problem(
            item,
            (*change.path, "en"),
            Message("translation_lag", date=latest.old_date),
            warning=True,
        )
        for item, _, change in stale_translations(latest, briefing)
    ]


def _missing_pages(briefing: Briefing, project: Path) -> list[Problem]:
    """Hand-written pages the declaration lists must exist in every language."""
    declared = briefing.sources[f"data/{DECLARATION}"]
    problems = []
    for index, page in enumerate(briefing.declaration.pages):
        if page.template is None:
            for lang in LANGUAGES:
                if not (project / "docs" / lang / page.path).is_file():
                    problems.append(
                        declared.problem(
                            ("pages", index, "path"),
                            Message("page_missing", file=f"docs/{lang}/{page.path}"),
                        )
                    )
    return problems


def _missing_strings(project: Path) -> list[Problem]:
    """A folder of templates with interface strings has them in every language."""
    problems = []
    for folder in template_folders(project):
        have = {lang for lang in LANGUAGES if (folder / STRINGS / f"{lang}.yml").is_file()}
        for lang in sorted(set(LANGUAGES) - have if have else ()):
            where = (folder / STRINGS / f"{lang}.yml").resolve()
            shown = where.relative_to(project.resolve()) if where.is_relative_to(project.resolve()) else where
            other = sorted(have)[0]
            problems.append(Problem(str(shown), 1, 1, "", "", Message("strings_missing", other=other)))
    return problems
