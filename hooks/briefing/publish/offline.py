"""The offline copy: the whole site as a folder (and a zip of it) that works opened from file://.

Pages, links, downloads and charts already work from a folder (file-links.js points folder links at
their index.html). Search needs two more things, which only the copy has, so the published site is
unchanged: the search index as a script (browsers refuse to fetch a file from file://, but load a
script), and the iframe-worker shim (browsers refuse to start a Web Worker from file://; the shim
runs it in an iframe). Material's offline plugin does both but turns every address into …/x.html,
which the generated pages' links do not follow, and adds the shim from a CDN.

The zip carries a digest of what it was built from, so that a later build of the published site
links it only while it still matches (``fresh_archive``).
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from .. import ENGINE
from ..project.digests import digest, generator_digest, project_digest
from ..project.outputs import MARKER
from ..project.swap import temporary_file

FOLDER = "site-offline"
ARCHIVE = "site-offline.zip"
VENDOR = ENGINE / "vendor" / "iframe-worker"
SHIM = "assets/vendor/iframe-worker/shim.js"  # inside each language, as MkDocs' polyfills want it
_DIGEST_PREFIX = b"briefing-inputs:"


def shim_files() -> list[tuple[str, bytes]]:
    """The shim and its licence, as files of a language's site."""
    folder = SHIM.rsplit("/", 1)[0]
    return [(SHIM, (VENDOR / "shim.js").read_bytes()), (f"{folder}/LICENSE", (VENDOR / "LICENSE").read_bytes())]


def write_search_script(site_dir: Path) -> None:
    """search/search_index.js beside search_index.json: what Material's search loads from file://."""
    index = site_dir / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (site_dir / "search" / "search_index.js").write_text(f"var __index = {text}\n", encoding="utf-8")


def inputs_digest(project: Path) -> str:
    """What a build is made from: the project's inputs (project/files.py: the data, the frozen editions, the
    pages, templates and configurations) and the generator's own code and templates (wherever it runs from)."""
    return digest(project_digest(project), generator_digest())


def write_archive(folder: Path, archive: Path, digest: str) -> Path:
    """Zip ``folder`` (as site-offline/…) into a new file of a unique name beside ``archive``, and return
    it: the caller moves it into the place of ``archive`` in one step (os.replace), under the build's lock.
    If writing fails (a full disk), the half-written file is removed."""
    partial = temporary_file(archive)
    try:
        with open(partial, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
                zipped.comment = _DIGEST_PREFIX + digest.encode()
                for path in sorted(folder.rglob("*")):
                    if path.is_file() and path.name != MARKER:
                        zipped.write(path, f"{FOLDER}/{path.relative_to(folder).as_posix()}")
            raw.flush()
            os.fsync(raw.fileno())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def is_archive_comment(comment: bytes) -> bool:
    """Whether a zip's comment is the one ``write_archive`` gives: the zip is an offline copy."""
    return comment.startswith(_DIGEST_PREFIX)


def fresh_archive(project: Path) -> Path | None:
    """The project's site-offline.zip if it was built from what the project holds now."""
    archive = project / ARCHIVE
    if not archive.is_file():
        return None
    try:
        with zipfile.ZipFile(archive) as zipped:
            comment = zipped.comment
    except (OSError, zipfile.BadZipFile):
        return None
    return archive if comment == _DIGEST_PREFIX + inputs_digest(project).encode() else None
