"""Digests of what a build is made from: the project's inputs (files.INPUTS, the one list of
them), the generator's code and the installed packages' versions. A digest names content, never a
time: an output is reused only while the digest of everything it was made from is the same.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from .. import ENGINE
from .files import input_files

# Files among the inputs that only record what was published: never inputs of a page.
RECORDS = frozenset({"published-addresses.txt"})
GENERATOR = ENGINE  # the generator's code, templates and vendored scripts
_GENERATOR_FILES = ("templates", "vendor")  # the folders of what it reads at every build, not its code
# The packages whose code or files end up in a page (or in a PDF).
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pyyaml", "pydantic", "budoux")
_PACKAGES_PDF = ("typst", "weasyprint")


def digest(*parts: bytes | str) -> str:
    """One SHA-256 of several parts, each length-prefixed so that no two lists of parts collide."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.hexdigest()


def files_digest(root: Path, files: list[Path]) -> str:
    """The digest of ``files``: their paths (relative to ``root``) and their contents."""
    parts: list[bytes | str] = []
    for file in files:
        parts += [file.relative_to(root).as_posix(), file.read_bytes()]
    return digest(*parts)


def project_digest(project: Path) -> str:
    """Every input of the project (files.INPUTS), by path and content."""
    return files_digest(project, [path for path in input_files(project) if path.name not in RECORDS])


def generator_digest() -> str:
    """The generator's code, templates and vendored files. Its templates and scripts are read again at every
    build (an engine template edited while the preview runs shows at the next save), so they are digested
    again; its Python is what this process imported, and cannot change while it runs."""
    files = sorted(file for folder in _GENERATOR_FILES for file in (GENERATOR / folder).rglob("*") if file.is_file())
    return digest(_code_digest(), files_digest(GENERATOR, files))


@cache
def _code_digest() -> str:
    files = sorted(
        file
        for file in GENERATOR.rglob("*")
        if file.is_file()
        and "__pycache__" not in file.parts
        and file.relative_to(GENERATOR).parts[0] not in _GENERATOR_FILES
    )
    return files_digest(GENERATOR, files)


@cache
def versions_digest() -> str:
    """The installed versions of the packages whose code shapes the output: those this process imported, which
    cannot change while it runs."""
    versions = []
    for name in (*_PACKAGES, *_PACKAGES_PDF):
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return digest(*versions)
