"""The rest of the deck, page by page in reading order, and an index that walks through it."""

from ..site import NARRATIVE, Context, Page


def pages(ctx: Context) -> list[Page]:
    return ctx.collection_pages(NARRATIVE, ctx.briefing.pages)
