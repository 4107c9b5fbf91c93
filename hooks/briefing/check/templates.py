"""Every template a build renders, compiled without rendering anything: the page templates (the briefing's
templates/ and the generator's own) with the syntax the build's environments use, and the theme's
overrides with MkDocs' own, so that a mistake in one is a check error at its file:line, all at once,
rather than a failed build.

Which filters and tests exist is the build's environment's to say (render/): here every name is taken as
known, and a name the build lacks fails the build at its file:line. The code compiled here is the code a
renderer compiles (none of the engine's filters takes the context), so it is kept for the build
(build/cache.TemplateCode), which compiles nothing twice.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, TemplateSyntaxError
from jinja2.bccache import BytecodeCache

from ..messages import Message
from ..problems import Problem
from ..project.template_folders import TEMPLATE_SYNTAX, template_folders, theme_folders


class _AnyName(dict):
    """Filters or tests where every name is known (see the module's docstring)."""

    def get(self, name, default=None):
        return super().get(name, _placeholder)


def _placeholder(*_args, **_kwargs) -> None:
    return None


def _compiler(**settings) -> Environment:
    env = Environment(autoescape=True, **settings)
    env.filters, env.tests = _AnyName(env.filters), _AnyName(env.tests)
    return env


def template_problems(project: Path, compiled: dict | None = None, code: BytecodeCache | None = None) -> list[Problem]:
    """A problem for each template that does not compile, at its file:line. ``compiled``: the problems
    found before, by file and source, kept by the caller (the live preview) so that a template is
    compiled again only once it has changed. ``code``: the build's compiled templates (build/cache.py): a
    page template the build compiled from the same source is not compiled again, and one compiled here is
    kept there for the build."""
    compiled = {} if compiled is None else compiled
    pages = _compiler(**TEMPLATE_SYNTAX)
    theme = _compiler(extensions=["jinja2.ext.i18n"])  # as MkDocs makes the theme's environment
    found = [
        (pages, code, folder, path) for folder in template_folders(project) for path in sorted(folder.rglob("*.j2"))
    ]
    found += [
        (theme, code, folder, path) for folder in theme_folders(project) for path in sorted(folder.rglob("*.html"))
    ]
    problems, seen = [], set()
    for env, built, folder, path in found:
        source = path.read_bytes()
        key = (str(path), source)
        if key not in compiled:
            compiled[key] = _compile(env, built, folder, path, project)
        problems += compiled[key]
        seen.add(key)
    for gone in compiled.keys() - seen:  # a template since changed or removed
        del compiled[gone]
    return problems


def _compile(env: Environment, built: BytecodeCache | None, folder: Path, path: Path, project: Path) -> list[Problem]:
    """Compile one template as the build's loader finds it (its name and file name are the keys of its
    compiled code)."""
    shown = path.relative_to(project) if path.is_relative_to(project) else path
    try:
        name = path.relative_to(folder).as_posix()
        source, filename, _ = FileSystemLoader(folder).get_source(env, name)
        bucket = built.get_bucket(env, name, filename, source) if built is not None else None
        if bucket is not None and bucket.code is not None:
            return []  # compiled before, from this very source
        code = env.compile(source, name, filename)
        if bucket is not None and built is not None:
            bucket.code = code
            built.set_bucket(bucket)
    except TemplateSyntaxError as err:
        return [Problem(str(shown), err.lineno or 1, 1, "", "", Message("template_error", error=err.message or err))]
    except UnicodeDecodeError as err:  # as the build's loader reads it
        return [Problem(str(shown), 1, 1, "", "", Message("template_error", error=err))]
    return []
