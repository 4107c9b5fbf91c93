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

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplatesNotFound,
)

from ..messages import Message
from ..problems import Problem
from ..project.template_folders import COMPILING, TEMPLATE_SYNTAX, template_folders
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
        **COMPILING,
        "bytecode_cache": code,
        "auto_reload": False,  # a template does not change while it is used (each build makes its environments)
    }
    if reads is None:
        return Environment(**settings)
    return RecordingEnvironment(**settings, reads=reads, edition=edition)


def template_problem(err: BaseException, project: Path) -> Problem | None:
    """Where a template went wrong and what went wrong, in words; None for an exception that no template
    raised (a fault of the generator). The place is the innermost template frame (Jinja gives each frame
    its template's file and line), of the briefing's own templates if the call came from one: a macro of
    the generator's given a wrong argument is a mistake of the line that calls it."""
    frames = []
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            frames.append((Path(tb.tb_frame.f_code.co_filename).resolve(), tb.tb_lineno))
        tb = tb.tb_next
    if not frames and not isinstance(err, TemplateError):
        return None
    own = template_folders(project)[0].resolve()
    file, line = next((frame for frame in reversed(frames) if frame[0].is_relative_to(own)), (None, None))
    if file is None and frames:
        file, line = frames[-1]
    if file is None:  # no frame: a syntax error names its file; else all that is known is the templates
        file = Path(err.filename).resolve() if getattr(err, "filename", None) else (project / "templates").resolve()
        line = getattr(err, "lineno", None)
    if file.is_relative_to(project.resolve()):
        file = file.relative_to(project.resolve())
    return Problem(str(file), line or 1, 1, "", "", _in_words(err))


# What a Python exception raised in a template means there, in the editor's words (messages/, templates).
_FAILURES = {
    RecursionError: "template_failed_recursion",
    ZeroDivisionError: "template_failed_zero",
    KeyError: "template_failed_key",
    IndexError: "template_failed_index",
    AttributeError: "template_failed_attribute",
    TypeError: "template_failed_type",
    ValueError: "template_failed_value",
}


def _in_words(err: BaseException) -> Message:
    if isinstance(err, TemplatesNotFound):
        return Message("template_not_found", name=", ".join(str(name) for name in err.templates))
    if isinstance(err, TemplateNotFound):
        return Message("template_not_found", name=err.name)
    if isinstance(err, TemplateError):
        return Message("template_error", error=err.message or err)
    what = next((key for kind, key in _FAILURES.items() if isinstance(err, kind)), "template_failed_other")
    return Message("template_failed", what=Message(what), error=f"{type(err).__name__}: {err}")
