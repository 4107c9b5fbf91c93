"""Checking a briefing: its data, its declaration, its editions, the addresses it publishes, the pages
and interface strings it needs and the templates it renders, all at once. ``make check`` runs this and
nothing more (no page is rendered: the templates are compiled, and only the download columns'
expressions are evaluated, in Jinja's sandbox); every build runs it first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2.bccache import BytecodeCache

from ..load.briefing import Briefing
from ..load.declaration import DECLARATION
from ..load.domain import load_domain
from ..load.loader import LoadedFiles, load_briefing
from ..load.positions import yaml_of_bytes
from ..messages import Message, guided
from ..plan.addresses import published_addresses
from ..plan.pages import SitePlan, plan_site
from ..problems import DataError, Problem
from ..project.files import LANGUAGES, link_problems
from ..project.template_folders import STRINGS, load_strings, template_exists, template_folders
from .addresses import check_addresses, read_manifest
from .declaration import checked_declaration
from .edition_diff import stale_translations
from .editions import Timeline, timeline
from .expressions import expression_problems
from .items import check
from .templates import template_problems
from .text_links import text_link_problems


@dataclass(frozen=True)
class Checked:
    """A briefing that passed every check, and what checking it worked out: its editions, the plan of
    its pages, the addresses it publishes (the same in both languages) and the warnings to show."""

    briefing: Briefing
    timeline: Timeline
    plan: SitePlan
    addresses: set[str]
    warnings: list[Problem]
    # The downloads' values, worked out by the check of their expressions (expressions.py): language →
    # (collection, download) → rows.
    download_values: dict = field(default_factory=dict, repr=False)
    # The filters and tests the page templates name (templates.NameUse), for a renderer to check that it has
    # them (render/names.unknown_names): which exist is the renderer's to say.
    template_names: list = field(default_factory=list, repr=False)


@dataclass
class Reuse:
    """What a caller keeps between checks of the same project, so that each does again only the work its
    inputs' changes call for: the frozen editions loaded before, by their checksums (editions.py); the
    templates compiled before, with their problems (templates.py); the data files validated before
    (loader.LoadedFiles); and the build's compiled templates (build/cache.TemplateCode), shared both ways:
    a template compiled from the same source is not compiled again, by the check or the build. The caller's to
    keep (the live preview keeps one for its whole run), never this module's."""

    frozen: dict = field(default_factory=dict)
    compiled: dict = field(default_factory=dict)
    loaded: LoadedFiles = field(default_factory=LoadedFiles)
    code: BytecodeCache | None = None


def validate(project: Path, reuse: Reuse | None = None, refreezing: bool = False) -> Checked:
    """Load and check the data, the declaration, the editions, the addresses it publishes and the templates;
    raise ``DataError`` with every problem. ``reuse``: what earlier checks worked out (Reuse).
    ``refreezing``: the current edition's frozen copy is about to be replaced by data/
    (editions.check_frozen).

    Symbolic links are looked at first: a link to a file outside the project must stop a build before
    anything is read through it."""
    reuse = reuse or Reuse()
    try:
        return _checked(project, reuse, refreezing)
    finally:
        reuse.loaded.sweep()  # the data files of earlier saves, since changed


def _checked(project: Path, reuse: Reuse, refreezing: bool) -> Checked:
    links = link_problems(project)
    if links:
        raise DataError(links)
    exists = lambda name: template_exists(project, name)  # noqa: E731 (the briefing's templates, then the engine's)
    domain = load_domain(project)
    declared = checked_declaration(project / "data", domain, exists)
    briefing = load_briefing(project / "data", domain, kept=reuse.loaded, declared=declared)
    unreadable = _unreadable_strings(project)
    problems: list[Problem] = check(briefing) + _missing_pages(briefing, project) + _missing_strings(project)
    problems += unreadable + _patterns_matching_nothing(briefing, project)
    found, template_names = template_problems(project, reuse.compiled, reuse.code)
    problems += found + ([] if unreadable else _guide_sections(briefing, project))
    history = timeline(project, briefing, reuse.frozen, refreezing, reuse.loaded)
    problems += history.problems + _stale_translations(briefing, history)
    plan = plan_site(briefing, history, project / "docs" / LANGUAGES[0], exists)
    older = [(edition.date, edition_briefing) for edition, edition_briefing in history.frozen]
    addresses = published_addresses(plan, briefing, older)
    # A link to a published address that is gone is the address check's to report (with the redirect to
    # add); a link to an address that redirects works.
    published = {address for _, address in read_manifest(project / "data")}
    problems += text_link_problems(briefing, addresses | published | {r.old for r in briefing.redirects})
    warnings = sorted(problem for problem in problems if problem.warning)
    problems = [problem for problem in problems if not problem.warning]
    if problems:  # expressions and addresses worked out from broken data would only repeat its problems
        raise DataError(problems)
    expressions, download_values = expression_problems(briefing)
    superseded = [edition.date for edition, _ in history.superseded]
    if problems := expressions + check_addresses(project / "data", briefing, addresses, superseded):
        raise DataError(problems)
    return Checked(briefing, history, plan, addresses, warnings, download_values, template_names)


def _stale_translations(briefing: Briefing, history: Timeline) -> list[Problem]:
    """Warnings: texts whose Japanese changed since the last edition while their English did not."""
    latest = history.latest
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


def _patterns_matching_nothing(briefing: Briefing, project: Path) -> list[Problem]:
    """A collection read from the files a pattern matches (pages/*.yml) where no file matches: a slip in the
    pattern would empty it without a word (a collection meant to be empty is better left out)."""
    declared = briefing.sources[f"data/{DECLARATION}"]
    return [
        declared.problem(("collections", index, "file"), Message("file_pattern_empty", pattern=spec.file))
        for index, spec in enumerate(briefing.declaration.collections)
        if "*" in spec.file and not any(path.is_file() for path in (project / "data").glob(spec.file))
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


def _guide_sections(briefing: Briefing, project: Path) -> list[Problem]:
    """The editor's guide has a section for each group of the domain's own messages (the preview links each
    of its problems there): its title and text are interface strings of the briefing, in every language."""
    catalogue = briefing.domain.messages
    if catalogue is None:
        return []
    own = [group for group in guided(catalogue) if group not in guided()]
    problems = []
    for lang in LANGUAGES:
        strings = load_strings(template_folders(project), lang)
        for group in own:
            missing = [key for key in (f"guide_rule_{group}_title", f"guide_rule_{group}") if key not in strings]
            if missing:
                where = f"templates/{STRINGS}/{lang}.yml"
                problems.append(
                    Problem(where, 1, 1, "", "", Message("guide_section_missing", group=group, keys=missing))
                )
    return problems


def _unreadable_strings(project: Path) -> list[Problem]:
    """Each interface strings file reads as 'key: text' lines: a slip of YAML in one is named where it is, as
    in data/ (positions.py), rather than stopping the check and the build that read it."""
    problems = []
    for folder in template_folders(project):
        keys: dict[str, tuple[str, set[str]]] = {}  # language → (the file as shown, its keys)
        for lang in LANGUAGES:
            path = folder / STRINGS / f"{lang}.yml"
            if not path.is_file():
                continue  # (_missing_strings)
            shown = str(_shown(path, project))
            try:
                strings, source = yaml_of_bytes(path.read_bytes(), shown)
            except DataError as err:
                problems += err.problems
                continue
            if strings is None:
                problems.append(Problem(shown, 1, 1, "", "", Message("strings_file_empty")))
            elif not isinstance(strings, dict):
                problems.append(Problem(shown, 1, 1, "", "", Message("strings_not_key_lines")))
            else:
                keys[lang] = (shown, set(strings))
                for key, text in strings.items():  # (nothing after the colon would show "None" on the pages)
                    if not isinstance(text, str):
                        message = Message("strings_empty" if text is None else "strings_not_text", key=key)
                        problems.append(source.problem((key,), message))
        for lang, (shown, own) in keys.items():  # a string in one language and not in another
            for other, (_, theirs) in keys.items():
                problems += [
                    Problem(shown, 1, 1, "", "", Message("strings_only_in", key=key, lang=other, other=lang))
                    for key in sorted(theirs - own)
                ]
    return problems


def _shown(path: Path, project: Path) -> Path:
    """A path as a problem shows it: inside the project, from there."""
    where = path.resolve()
    return where.relative_to(project.resolve()) if where.is_relative_to(project.resolve()) else where


def _missing_strings(project: Path) -> list[Problem]:
    """A folder of templates with interface strings has them in every language."""
    problems = []
    for folder in template_folders(project):
        have = {lang for lang in LANGUAGES if (folder / STRINGS / f"{lang}.yml").is_file()}
        for lang in sorted(set(LANGUAGES) - have if have else ()):
            shown = _shown(folder / STRINGS / f"{lang}.yml", project)
            other = sorted(have)[0]
            problems.append(Problem(str(shown), 1, 1, "", "", Message("strings_missing", other=other)))
    return problems
