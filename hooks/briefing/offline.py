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

import hashlib
import json
import os
import zipfile
from pathlib import Path

FOLDER = "site-offline"
ARCHIVE = "site-offline.zip"
VENDOR = Path(__file__).parent / "vendor" / "iframe-worker"
SHIM = "assets/vendor/iframe-worker/shim.js"  # inside each language, as MkDocs' polyfills want it
_INPUTS = ("data", "editions", "docs", "templates", "overrides", "mkdocs.yml", "mkdocs.en.yml")
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
    """What a build is made from: the data, the frozen editions, the pages, templates, configs and the
    generator's own code and templates."""
    digest = hashlib.sha256()
    paths = [project / name for name in _INPUTS] + [Path(__file__).parent]
    for root in paths:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root] if root.exists() else []
        for path in files:
            if "__pycache__" in path.parts or path.name == "published-addresses.txt":  # a record, not an input
                continue
            digest.update(str(path.relative_to(root.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_archive(folder: Path, archive: Path, digest: str) -> int:
    """Zip ``folder`` (as site-offline/…) into ``archive``, replaced in one step; return its size."""
    partial = archive.with_name(f".{archive.name}.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
        zipped.comment = _DIGEST_PREFIX + digest.encode()
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zipped.write(path, f"{FOLDER}/{path.relative_to(folder).as_posix()}")
    os.replace(partial, archive)
    return archive.stat().st_size


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
