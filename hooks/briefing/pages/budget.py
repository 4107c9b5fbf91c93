"""Budget lines (one page each) and the programmes they belong to."""

from ..site import BUDGET, PROGRAMMES, Context, Page


def pages(ctx: Context) -> list[Page]:
    return ctx.collection_pages(BUDGET, ctx.lines) + ctx.collection_pages(PROGRAMMES, ctx.briefing.programmes)
