"""Everything one language of the site needs: the pages, the navigation, the lookups."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from .charts import Group, Series, bar_chart
from .downloads import download_files
from .formats import infer_start, long_date, percent_change, phase_label, yen
from .models import (
    AreaKind,
    Briefing,
    BudgetLine,
    BudgetPhase,
    CrossCuttingIssue,
    Minister,
    Ministry,
    PhaseKind,
    Programme,
    StrategicField,
    TechnologyArea,
    WorkingGroup,
)
from .render import Renderer, page_url, relative_url


@dataclass(frozen=True)
class Page:
    """A generated Markdown page; ``path`` is relative to docs_dir, e.g. fields/materials.md."""

    path: str
    markdown: str

    @property
    def url(self) -> str:
        return page_url(self.path)


@dataclass(frozen=True)
class Collection:
    """A kind of item with one page each at ``<slug>/<id>/`` and an index at ``<slug>/``."""

    slug: str
    title_key: str  # key in templates/strings.yml


FIELDS = Collection("fields", "fields")
WORKING_GROUPS = Collection("working-groups", "working_groups")
TECHNOLOGY_AREAS = Collection("technology-areas", "technology_areas")
BUDGET = Collection("budget", "budget")
PROGRAMMES = Collection("programmes", "programmes")
NARRATIVE = Collection("briefing", "briefing")
KPIS = Collection("kpis", "kpis")


class Context:
    """The briefing plus the reverse lookups pages need (a field's working group, a line's programme…)."""

    def __init__(self, briefing: Briefing, renderer: Renderer):
        self.briefing = briefing
        self.renderer = renderer
        self.lang = renderer.lang
        self.edition = briefing.edition

    @cached_property
    def sections(self) -> dict:
        return {section.id: section for section in self.edition.sections}

    @cached_property
    def kpis(self) -> dict:
        return {kpi.id: kpi for kpi in self.briefing.kpis}

    @cached_property
    def committees(self) -> dict:
        return {committee.id: committee for committee in self.briefing.committees}

    @cached_property
    def terms(self) -> dict:
        return {term.id: term for term in self.briefing.terms}

    @cached_property
    def ministers(self) -> dict[str, Minister]:
        return {minister.id: minister for minister in self.briefing.ministers}

    @cached_property
    def ministries(self) -> dict[str, Ministry]:
        return {ministry.code: ministry for ministry in self.briefing.ministries}

    @cached_property
    def fields(self) -> dict[str, StrategicField]:
        return {field.id: field for field in self.briefing.fields}

    @cached_property
    def issues(self) -> dict[str, CrossCuttingIssue]:
        return {issue.id: issue for issue in self.briefing.cross_cutting_issues}

    @cached_property
    def group_for(self) -> dict[str, WorkingGroup]:
        """The body for each strategic field and cross-cutting issue id."""
        return {group.field or group.issue: group for group in self.briefing.working_groups}

    @cached_property
    def _areas_by_field(self) -> dict[str, list[TechnologyArea]]:
        by_field: dict[str, list[TechnologyArea]] = {}
        for area in self.briefing.technology_areas:
            for field_id in area.fields:
                by_field.setdefault(field_id, []).append(area)
        return by_field

    def areas_for(self, field_id: str) -> list[TechnologyArea]:
        return self._areas_by_field.get(field_id, [])

    def areas_of_kind(self, kind: AreaKind) -> list[TechnologyArea]:
        return [area for area in self.briefing.technology_areas if area.kind == kind]

    @cached_property
    def programme_of(self) -> dict[str, Programme]:
        return {line.id: programme for programme in self.briefing.programmes for line in programme.lines}

    @cached_property
    def lines(self) -> list[BudgetLine]:
        return [line for programme in self.briefing.programmes for line in programme.lines]

    def line_sum(self, programme: Programme, phase_id: str) -> Decimal | None:
        """Sum of the lines counted in the total; computed here, never typed into the data."""
        parts = [line.amounts[phase_id] for line in programme.lines if line.in_total and phase_id in line.amounts]
        return sum(parts, Decimal(0)) if parts else None

    @cached_property
    def comparisons(self) -> list[tuple[BudgetPhase, BudgetPhase]]:
        """(earlier, later) phase pairs worth comparing: each draft budget against the previous year's budget."""
        initial = {phase.fiscal_year: phase for phase in self.briefing.phases if phase.kind == PhaseKind.initial}
        return [
            (initial[phase.fiscal_year - 1], phase)
            for phase in self.briefing.phases
            if phase.kind == PhaseKind.draft and phase.fiscal_year - 1 in initial
        ]

    def changes(self, amounts: dict[str, Decimal]) -> list[dict]:
        """Year-on-year changes, computed here from the stored amounts (never typed into the data)."""
        result = []
        for earlier, later in self.comparisons:
            if earlier.id in amounts and later.id in amounts:
                old, new = amounts[earlier.id], amounts[later.id]
                result.append(
                    {"earlier": earlier, "later": later, "change": new - old, "percent": percent_change(old, new)}
                )
        return result

    def budget_chart(self, programme: Programme) -> dict[str, Markup]:
        """Bars per budget line and phase, on one scale, and the same in words (``svg``, ``summary``)."""
        renderer, lang = self.renderer, self.lang
        styles = {PhaseKind.initial: "hatched", PhaseKind.draft: "solid", PhaseKind.supplementary: "dotted"}
        phases = sorted(
            (p for p in self.briefing.phases if any(p.id in line.amounts for line in programme.lines)),
            key=lambda p: (p.kind != PhaseKind.initial, p.kind != PhaseKind.draft),
        )
        series = [Series(p.id, phase_label(p, lang), styles[p.kind]) for p in phases]
        groups = [Group(line.name(lang), {p.id: line.amounts.get(p.id) for p in phases}) for line in programme.lines]
        totals = [
            renderer.ui("chart_total", phase=phase_label(p, lang), amount=yen(programme.totals[p.id], lang))
            for p in phases
            if p.id in programme.totals
        ]
        summary = renderer.ui("chart_summary", programme=programme.name(lang), totals="; ".join(map(str, totals)))
        title = renderer.ui("chart_title", programme=programme.name(lang)).unescape()
        svg = bar_chart(f"chart-{programme.id}", title, summary.unescape(), series, groups, lambda v: yen(v, lang))
        return {"svg": svg, "summary": summary}

    def kpi_chart(self) -> dict[str, Markup] | None:
        """Baseline against target for the indicators where both count the same thing; each on its own scale."""
        kpis = [kpi for kpi in self.briefing.kpis if kpi.chart]
        if not kpis:
            return None
        renderer, lang = self.renderer, self.lang
        series = [
            Series("baseline-1", renderer.strings["kpi_baseline"], "hatched"),
            Series("baseline-2", renderer.strings["kpi_baseline_second"], "dotted"),
            Series("target", renderer.strings["kpi_target"], "solid"),
        ]
        groups = []
        for kpi in kpis:
            figures = {f"baseline-{n}": figure for n, figure in enumerate(kpi.baselines[:2], 1)} | {
                "target": kpi.target
            }
            groups.append(
                Group(
                    kpi.indicator(lang),
                    {key: figure.value for key, figure in figures.items()},
                    {key: figure.stated(lang) for key, figure in figures.items()},
                )
            )
        summary = renderer.ui(
            "kpi_chart_summary",
            indicators="; ".join(
                f"{kpi.indicator(lang)}: {' / '.join(b.stated(lang) for b in kpi.baselines)}"
                f" → {kpi.target.stated(lang)}"
                for kpi in kpis
            ),
        )
        svg = bar_chart(
            "chart-kpis",
            renderer.strings["kpi_chart_title"],
            summary.unescape(),
            series,
            groups,
            lambda v: str(v),
            scale_each_group=True,
        )
        return {"svg": svg, "summary": summary}

    def start_of(self, group: WorkingGroup):
        return None if group.start_month is None else infer_start(group.start_month, self.edition.edition_date)

    def render(self, template: str, path: str, **context) -> Page:
        return Page(path, self.renderer.render(template, path, ctx=self, **context))

    def print_page(self, pages: list[Page]) -> Page:
        """The whole briefing on one page, in reading order, for printing or saving as PDF.

        Each part is its page's Markdown with its links re-pointed from this address, its
        headings one level down and its anchors prefixed (so they stay unique on the page).
        """
        by_path = {page.path: page for page in pages}
        order = [f"briefing/{page.id}.md" for page in self.briefing.pages]
        order[1:1] = ["fields/index.md", "working-groups/index.md"]  # after the growth strategy, as in the deck
        order += ["technology-areas/index.md", "kpis/index.md", "budget/index.md", "glossary.md"]
        here = page_url("print.md")
        parts = []
        for path in dict.fromkeys(order):
            page = by_path[path]
            prefix = page.url.strip("/").replace("/", "-")
            body = repoint_links(page.markdown, page.url, here)
            body = re.sub(r"^(#{1,5}) ", r"#\1 ", body, flags=re.MULTILINE)
            body = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}--\1"', body)
            body = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}--\1"', body)
            body = re.sub(r"\{#([^}]+)\}", rf"{{#{prefix}--\1}}", body)
            body = re.sub(r"^(## .*?)\s*$", rf"\1 {{#{prefix}}}", body, count=1, flags=re.MULTILINE)
            parts.append(body)
        intro = self.renderer.render("print.md.j2", "print.md", ctx=self)
        # Kept out of search: it repeats every page, so each hit would appear twice.
        return Page("print.md", "---\nsearch:\n  exclude: true\n---\n\n" + intro + "\n\n".join(parts))

    def collection_pages(self, collection: Collection, items: list, **index_context) -> list[Page]:
        """The index page of a collection and one page per item, from ``<slug>/index.md.j2`` and ``item.md.j2``."""
        slug = collection.slug
        pages = [self.render(f"{slug}/index.md.j2", f"{slug}/index.md", items=items, **index_context)]
        pages += [self.render(f"{slug}/item.md.j2", f"{slug}/{item.id}.md", item=item) for item in items]
        return pages


_RELATIVE_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|#)([^"#]+)(#[^"]*)?"')


def repoint_links(markdown: str, from_url: str, to_url: str) -> str:
    """The relative links of a page written for ``from_url``, re-pointed for the page at ``to_url``."""

    def repoint(found: re.Match) -> str:
        path, anchor = found.group(1), found.group(2) or ""
        target = posixpath.normpath(posixpath.join(from_url, path))
        target = "" if target == "." else target + ("/" if path.endswith(("/", ".")) else "")
        return f'href="{relative_url(target + anchor, to_url)}"'

    return _RELATIVE_HREF.sub(repoint, markdown)


def generate_pages(briefing: Briefing, lang: str, templates_dir: Path) -> list[Page]:
    """Every generated page of one language, in reading order."""
    return generate_site(briefing, lang, templates_dir)[0]


def generate_site(
    briefing: Briefing, lang: str, templates_dir: Path, *, complete: bool = True
) -> tuple[list[Page], list[tuple[str, bytes]]]:
    """The pages of one language, and its other files (data downloads), which the downloads page lists.

    ``complete=False`` leaves out what only repeats the rest (the print page, the downloads),
    which is all ``make check`` needs to know every published address.
    """
    from .pages import (
        budget,
        editor_guide,
        fields,
        home,
        kpis,
        narrative,
        reference,
        technology_areas,
        working_groups,
    )

    abbreviations = {term.abbr: term.name(lang) for term in briefing.terms if term.abbr}
    renderer = Renderer(templates_dir, lang, abbreviations)
    renderer.lookup("kpi", {kpi.id: kpi for kpi in briefing.kpis})
    context = Context(briefing, renderer)
    pages: list[Page] = []
    for generator in (home, narrative, fields, working_groups, technology_areas, budget, kpis, reference, editor_guide):
        pages.extend(generator.pages(context))
    if not complete:  # their addresses still count; their contents have no anchors of their own
        return [*pages, Page("print.md", ""), Page("downloads.md", "")], []
    pages.append(context.print_page(pages))
    files = download_files(briefing, lang, briefing.edition.title(lang))
    pages.append(context.render("downloads.md.j2", "downloads.md", files=files))
    return pages, [(path, content) for path, content, _ in files]


def navigation(renderer: Renderer) -> list:
    """The sidebar: home and one entry per collection index; item pages stay out of it."""
    ui = renderer.strings
    return [
        {ui["home"]: "index.md"},
        {
            ui["briefing"]: [
                "briefing/index.md",
                "kpis/index.md",
                "glossary.md",
                "sources.md",
                "notes-on-the-source.md",
                "downloads.md",
                "print.md",
            ]
        },
        {ui["fields"]: "fields/index.md"},
        {ui["working_groups"]: "working-groups/index.md"},
        {ui["technology_areas"]: "technology-areas/index.md"},
        {ui["budget"]: ["budget/index.md", "programmes/index.md"]},
        {ui["site_info"]: ["about.md", "accessibility.md", "editing.md"]},
    ]


THEME_STRINGS = (
    "cite_heading",
    "cite_in_ja",
    "cite_in_en",
    "copy_button",
    "copied",
    "this_page_url",
    "licence_footer",
    "edition",
    "last_updated",
    "source",
    "row_link",
    "printed_from",
)


def page_metadata(briefing: Briefing, lang: str, renderer: Renderer) -> dict:
    """What the theme templates need on every page: dates, source, notice, names, a few UI strings."""
    edition = briefing.edition
    updated = edition.last_updated or edition.edition_date
    return {
        "edition_date": edition.edition_date.isoformat(),
        "edition_date_text": long_date(edition.edition_date, lang),
        "edition_date_by_lang": {code: long_date(edition.edition_date, code) for code in ("ja", "en")},
        "ui": {key: renderer.strings[key] for key in THEME_STRINGS},
        "last_updated": updated.isoformat(),
        "last_updated_text": long_date(updated, lang),
        "source_document": edition.source_document(lang),
        "issuer": edition.issuer(lang),
        "title": {code: edition.title(code) for code in ("ja", "en")},
        "notice": edition.notice(lang) if edition.notice else "",
    }
