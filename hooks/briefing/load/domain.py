"""The one way the engine reaches a briefing's own Python: its domain, the package templates/domain/ of
the project (model/domain.py says what it gives). Loaded by its path, under a name of this project's own,
so that two briefings built in one process (tests, the preview) never see each other's; a project
without one has ``Domain()``: the engine's models, filters and messages alone.

Nothing else in the engine imports from a project's templates/ folder (tests/test_architecture.py).
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import traceback
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from ..messages import Message
from ..model.domain import Domain
from ..problems import DataError, Problem
from ..project.digests import files_digest
from ..project.files import is_input

PACKAGE = Path("templates") / "domain"  # inside the project: the domain's package
ENTRY = "DOMAIN"  # what its __init__.py gives


def load_domain(project: Path) -> Domain:
    """The project's domain, or ``Domain()`` if it has none; raises ``DataError`` (at the file and line) if
    its code cannot be loaded. Loaded again only when one of its files has changed."""
    module = domain_package(project)
    if module is None:
        return Domain()
    domain = getattr(module, ENTRY, None)
    if not isinstance(domain, Domain):
        problem = Problem(_shown(project / PACKAGE / "__init__.py", project), 1, 1, "", "", Message("domain_missing"))
        raise DataError([problem])
    return replace(domain, folder=project / PACKAGE, digest=module.__briefing_digest__)


def domain_package(project: Path) -> ModuleType | None:
    """The project's templates/domain/ package, imported (None if it has none): its modules are
    ``package.budget``…, for the tests of a domain's own functions."""
    folder = project / PACKAGE
    if not (folder / "__init__.py").is_file():
        return None
    files = sorted(path for path in folder.rglob("*") if path.is_file() and is_input(path.relative_to(folder)))
    code = files_digest(folder, files)
    name = "briefing_domain_" + hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:16]
    module = sys.modules.get(name)
    if module is None or getattr(module, "__briefing_digest__", None) != code:
        module = _import(name, folder, project)
        module.__briefing_digest__ = code
    return module


def _import(name: str, folder: Path, project: Path):
    """The package at ``folder``, imported afresh as ``name`` (with its modules, ``name.models``…)."""
    for loaded in [module for module in sys.modules if module == name or module.startswith(f"{name}.")]:
        del sys.modules[loaded]
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as err:  # its author's mistake, said at its file and line, not as a traceback
        for loaded in [module for module in sys.modules if module == name or module.startswith(f"{name}.")]:
            del sys.modules[loaded]
        raise DataError([_problem(err, folder, project)]) from None
    return module


def _problem(err: Exception, folder: Path, project: Path) -> Problem:
    """Where in the domain's files the error is (the innermost of its frames), and what it is."""
    file, line, column = str(folder / "__init__.py"), 1, 1
    if isinstance(err, SyntaxError) and err.filename:  # where the code cannot be read
        file, line, column = err.filename, err.lineno or 1, err.offset or 1
    else:  # where it went wrong when it ran
        for frame in traceback.extract_tb(err.__traceback__):
            if Path(frame.filename).resolve().is_relative_to(folder.resolve()):
                file, line = frame.filename, frame.lineno or 1
    said = err.msg if isinstance(err, SyntaxError) else err  # (its place is said before it)
    error = f"{type(err).__name__}: {said}"
    return Problem(_shown(Path(file), project), line, column, "", "", Message("domain_error", error=error))


def _shown(path: Path, project: Path) -> str:
    path, root = path.resolve(), project.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
