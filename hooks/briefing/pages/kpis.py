"""The KPIs of the "Revival of Science" report: a table and a page each."""

from ..site import KPIS, Context, Page


def pages(ctx: Context) -> list[Page]:
    return ctx.collection_pages(KPIS, ctx.briefing.kpis)
