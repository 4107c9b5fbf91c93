"""The working-group table: bodies for the strategic fields, then for the cross-cutting issues."""

from ..formats import month_year
from ..site import WORKING_GROUPS, Context, Page


def pages(ctx: Context) -> list[Page]:
    groups = ctx.briefing.working_groups
    field_groups = [(group, ctx.fields[group.field].name) for group in groups if group.field]
    issue_groups = [(group, ctx.issues[group.issue].name) for group in groups if group.issue]
    return ctx.collection_pages(
        WORKING_GROUPS, groups, field_groups=field_groups, issue_groups=issue_groups, filters=_filters(ctx)
    )


def _filters(ctx: Context) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Choices for filtering the table (ministry, lead minister, start month): only values that occur."""
    groups, lang, ui = ctx.briefing.working_groups, ctx.lang, ctx.renderer.ui
    used_codes = {role.code for group in groups for role in group.ministries}
    used_leads = {role.minister for group in groups for role in group.ministers if role.lead}
    starts = sorted({ctx.start_of(group) for group in groups if group.start_month})
    ministries = [
        (m.code, m.short if lang == "ja" else (m.abbr or m.name(lang)))
        for m in ctx.briefing.ministries
        if m.code in used_codes
    ]
    leads = [
        (m.id, m.short if lang == "ja" and m.short else m.name(lang))
        for m in ctx.briefing.ministers
        if m.id in used_leads
    ]
    months = [(day.strftime("%Y-%m"), month_year(day, lang)) for day in starts]
    return [
        ("ministries", str(ui("ministries")), ministries),
        ("leads", str(ui("lead_ministers")), leads),
        ("start", str(ui("start")), months),
    ]
