"""The home page: what the briefing is and what the site holds."""

from ..site import BUDGET, FIELDS, TECHNOLOGY_AREAS, WORKING_GROUPS, Context, Page


def pages(ctx: Context) -> list[Page]:
    briefing = ctx.briefing
    counts = (
        (FIELDS, len(briefing.fields)),
        (WORKING_GROUPS, len(briefing.working_groups)),
        (TECHNOLOGY_AREAS, len(briefing.technology_areas)),
        (BUDGET, len(ctx.lines)),
    )
    contents = [
        {"url": f"{collection.slug}/", "key": collection.title_key, "count": count} for collection, count in counts
    ]
    return [ctx.render("home.md.j2", "index.md", contents=contents)]
