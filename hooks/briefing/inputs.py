"""What a build is made from, in one list, and digests of it.

Every command that reads the project (the build, the preview's watcher, the offline copy's digest,
the tests' copies of the project) takes the list from here. A digest names content, never a time: an
output is reused only while the digest of everything it was made from is the same.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

# The project's own inputs, relative to its folder.
PROJECT_INPUTS = ("mkdocs.yml", "mkdocs.en.yml", "data", "editions", "docs", "templates", "overrides")
# Files inside them that the build writes or that only record what was published: never inputs.
RECORDS = frozenset({"published-addresses.txt"})
GENERATOR = Path(__file__).parent  # the generator's code, templates and vendored scripts
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


def input_files(project: Path) -> list[Path]:
    """Every file a build of ``project`` reads, in a stable order."""
    found = []
    for name in PROJECT_INPUTS:
        path = project / name
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found += sorted(
                file
                for file in path.rglob("*")
                if file.is_file() and file.name not in RECORDS and "__pycache__" not in file.parts
            )
    return found


def files_digest(root: Path, files: list[Path]) -> str:
    """The digest of ``files``: their paths (relative to ``root``) and their contents."""
    parts: list[bytes | str] = []
    for file in files:
        parts += [file.relative_to(root).as_posix(), file.read_bytes()]
    return digest(*parts)


def project_digest(project: Path) -> str:
    return files_digest(project, input_files(project))


@cache
def generator_digest() -> str:
    """The generator's code, templates and vendored files (it cannot change while a process runs)."""
    files = sorted(file for file in GENERATOR.rglob("*") if file.is_file() and "__pycache__" not in file.parts)
    return files_digest(GENERATOR, files)


@cache
def versions_digest() -> str:
    """The installed versions of the packages whose code shapes the output."""
    versions = []
    for name in (*_PACKAGES, *_PACKAGES_PDF):
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return digest(*versions)
