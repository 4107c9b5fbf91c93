"""The working-group table: bodies for the strategic fields, then for the cross-cutting issues."""

from ..site import WORKING_GROUPS, Context, Page


def pages(ctx: Context) -> list[Page]:
    groups = ctx.briefing.working_groups
    field_groups = [(group, ctx.fields[group.field].name) for group in groups if group.field]
    issue_groups = [(group, ctx.issues[group.issue].name) for group in groups if group.issue]
    return ctx.collection_pages(WORKING_GROUPS, groups, field_groups=field_groups, issue_groups=issue_groups)
