"""CSTI's priority technology areas, grouped by kind."""

from ..models import AreaKind
from ..site import TECHNOLOGY_AREAS, Context, Page


def pages(ctx: Context) -> list[Page]:
    kinds = [(kind, ctx.areas_of_kind(kind)) for kind in AreaKind]
    return ctx.collection_pages(TECHNOLOGY_AREAS, ctx.briefing.technology_areas, kinds=kinds)
