"""Every template a build renders, compiled without rendering anything: the page templates (the briefing's
templates/ and the generator's own) with the syntax the build's environments use, and the theme's
overrides with MkDocs' own, so that a mistake in one is a check error at its file:line, all at once,
rather than a failed build.

Which filters and tests exist is the build's environment's to say (render/): here every name is taken as
known, and the filters and tests each page template names are listed (``NameUse``), for the renderer to
check against its own (render/names.unknown_names). The code compiled here is the code a renderer compiles
(none of the engine's filters takes the context), so it is kept for the build (build/cache.TemplateCode),
which compiles nothing twice; the names a template uses are kept beside its code. The theme's overrides are
compiled as in MkDocs' theme environment (no autoescaping; its two filters that take the context), so the
build's theme takes their code too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, TemplateSyntaxError, nodes, pass_context
from jinja2.bccache import BytecodeCache

from ..messages import Message
from ..problems import Problem
from ..project.template_folders import COMPILING, TEMPLATE_SYNTAX, template_folders, theme_folders

# A filter or test that a page template names: (its file as shown, line, "filter" or "test", the name).
NameUse = tuple[str, int, str, str]
# Jinja's filters that take the name of another filter or of a test: where the name is, and which it is.
_BY_NAME = {"map": (0, "filter"), "select": (0, "test"), "reject": (0, "test")}
_BY_NAME |= {"selectattr": (1, "test"), "rejectattr": (1, "test")}
# The code that lists them: the lists kept with the compiled templates are made again when it changes.
_LISTED_BY = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


class _AnyName(dict):
    """Filters or tests where every name is known (see the module's docstring)."""

    def get(self, name, default=None):
        return super().get(name, _placeholder)


def _placeholder(*_args, **_kwargs) -> None:
    """Fails: Jinja calls a filter while compiling where it can (on a constant), and the code compiled here
    is the build's, so the value is left to the build's filter, when the page is rendered."""
    raise LookupError("known to the build's environment only")


def _compiler(filters: dict | None = None, **settings) -> Environment:
    env = Environment(**settings, **COMPILING)
    env.filters, env.tests = _AnyName(env.filters | (filters or {})), _AnyName(env.tests)
    return env


@pass_context
def _theme_filter(*_args, **_kwargs) -> None:
    return None


# MkDocs' theme environment (mkdocs/theme.py, Theme.get_env): its two filters take the context, which Jinja
# compiles into each call. (Should a version differ, the build compiles the overrides again: never wrong code.)
_THEME_FILTERS = {"url": _theme_filter, "script_tag": _theme_filter}


def template_problems(
    project: Path, compiled: dict | None = None, code: BytecodeCache | None = None
) -> tuple[list[Problem], list[NameUse]]:
    """A problem for each template that does not compile, at its file:line, and the filters and tests the
    page templates name. ``compiled``: what was found before, by file and source, kept by the caller (the
    live preview) so that a template is compiled again only once it has changed. ``code``: the build's
    compiled templates (build/cache.TemplateCode): a page template the build compiled from the same source
    is not compiled again, and one compiled here is kept there for the build."""
    compiled = {} if compiled is None else compiled
    pages = _compiler(autoescape=True, **TEMPLATE_SYNTAX)
    theme = _compiler(_THEME_FILTERS, extensions=["jinja2.ext.i18n"])  # as MkDocs makes the theme's environment
    found = [
        (pages, code, folder, path) for folder in template_folders(project) for path in sorted(folder.rglob("*.j2"))
    ]
    found += [
        (theme, code, folder, path) for folder in theme_folders(project) for path in sorted(folder.rglob("*.html"))
    ]
    problems, uses, seen = [], [], set()
    for env, built, folder, path in found:
        source = path.read_bytes()
        key = (str(path), source)
        if key not in compiled:
            compiled[key] = _compile(env, built, folder, path, project, named=env is pages)
        problems += compiled[key][0]
        uses += compiled[key][1]
        seen.add(key)
    for gone in compiled.keys() - seen:  # a template since changed or removed
        del compiled[gone]
    return problems, uses


def _compile(
    env: Environment, built: BytecodeCache | None, folder: Path, path: Path, project: Path, named: bool
) -> tuple[list[Problem], list[NameUse]]:
    """Compile one template as the build's loader finds it (its name and file name are the keys of its
    compiled code); with ``named``, list the filters and tests it names."""
    shown = str(path.relative_to(project) if path.is_relative_to(project) else path)
    try:
        name = path.relative_to(folder).as_posix()
        source, filename, _ = FileSystemLoader(folder).get_source(env, name)
        bucket = built.get_bucket(env, name, filename, source) if built is not None else None
        # (TemplateCode keeps the names a template uses beside its code; another cache, only the code)
        names_used = getattr(built, "names_used", None)
        if bucket is not None and bucket.code is not None:  # compiled before, from this very source
            if not named:
                return [], []
            used = names_used(bucket, _LISTED_BY) if names_used else None
            if used is not None:
                return [], [(shown, line, kind, found) for line, kind, found in used]
        tree = env.parse(source, name, filename)
        used = _named(tree) if named else []
        if bucket is None or bucket.code is None:
            code = env.compile(tree, name, filename)
            if bucket is not None and built is not None:
                bucket.code = code
                built.set_bucket(bucket)
        if bucket is not None and named and names_used:
            built.keep_names_used(bucket, used, _LISTED_BY)
    except TemplateSyntaxError as err:
        return [Problem(shown, err.lineno or 1, 1, "", "", Message("template_error", error=err.message or err))], []
    except UnicodeDecodeError as err:  # as the build's loader reads it
        return [Problem(shown, 1, 1, "", "", Message("template_error", error=err))], []
    return [], [(shown, line, kind, found) for line, kind, found in used]


def _named(tree: nodes.Template) -> list[tuple[int, str, str]]:
    """(line, "filter" or "test", name) of each filter and test the template names, once per line: those
    it applies, and those it gives by name to map, select, reject, selectattr and rejectattr."""
    found = set()
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        kind = "filter" if isinstance(node, nodes.Filter) else "test"
        found.add((node.lineno, kind, node.name))
        if kind == "filter" and node.name in _BY_NAME:
            position, given = _BY_NAME[node.name]
            argument = node.args[position] if len(node.args) > position else None
            if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
                found.add((node.lineno, given, argument.value))
    return sorted(found)
