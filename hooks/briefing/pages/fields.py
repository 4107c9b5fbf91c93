"""The 17 strategic fields: an index with the cross-cutting issues, and a page per field."""

from ..site import FIELDS, Context, Page


def pages(ctx: Context) -> list[Page]:
    return ctx.collection_pages(FIELDS, ctx.briefing.fields)
