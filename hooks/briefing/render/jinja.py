"""The one factory of Jinja environments for the briefing's templates: the site's pages, the PDF's (made from
the same pages) and the live preview's banner all come from ``environment``; and where a template went wrong.

Templates are looked up in the briefing's templates/ folder first, then among the engine's own
(hooks/briefing/templates), as a theme's custom_dir comes before the theme. Everything from YAML is
escaped (autoescape): YAML text is data, never rendered as a template. Jinja comments are written
{## … ##}, since "{#id}" is Markdown's syntax for a heading's id.

(The download columns' expressions from data/ run in a sandbox of their own: check/expressions.py.)
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError

from ..messages import Message
from ..problems import Problem
from ..project.template_folders import TEMPLATE_SYNTAX, template_folders
from .reads import Reads, RecordingEnvironment


def environment(
    project: Path, *, reads: Reads | None = None, edition: str | None = None, code: BytecodeCache | None = None
) -> Environment:
    """An environment for the project's templates. With ``reads`` it records what each page loads (reads.py),
    for the pages of ``edition`` (None: the current one); ``code``: compiled templates shared with the build's
    other environments (cache.TemplateCode)."""
    settings = {
        "loader": ChoiceLoader([FileSystemLoader(folder) for folder in template_folders(project)]),
        "autoescape": True,
        "undefined": StrictUndefined,
        **TEMPLATE_SYNTAX,
        "bytecode_cache": code,
        "auto_reload": False,  # a template does not change while it is used (each build makes its environments)
    }
    if reads is None:
        return Environment(**settings)
    return RecordingEnvironment(**settings, reads=reads, edition=edition)


def template_problem(err: TemplateError, project: Path) -> Problem:
    """Where a template went wrong (file:line of the innermost template frame) and what went wrong."""
    file, line = getattr(err, "filename", None), getattr(err, "lineno", None)
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            file, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    where = Path(file).resolve() if file else (project / "templates").resolve()  # (no frame: the templates)
    if where.is_relative_to(project.resolve()):
        where = where.relative_to(project.resolve())
    return Problem(str(where), line or 1, 1, "", "", Message("template_error", error=err.message or err))
