"""Reference pages: the glossary, the sources, and the notes on the source text."""

from ..site import Context, Page


def pages(ctx: Context) -> list[Page]:
    return [
        ctx.render("glossary.md.j2", "glossary.md"),
        ctx.render("sources.md.j2", "sources.md"),
        ctx.render("corrections.md.j2", "notes-on-the-source.md"),
    ]
