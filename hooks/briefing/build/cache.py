"""What the last build into a folder was made from, and what it made, for the next build to reuse.

The cache lives beside the output (``.site.cache/`` for ``site/``), as the build lock does. Outputs
are kept as objects named by the SHA-256 of their content: a file of the site is linked into
``objects/`` (and linked into the next site, so that an unchanged page costs a link, not a render);
what the site does not publish (a page's Markdown, its HTML before the theme, a PDF, compiled
templates) is kept in one SQLite file (object_store.py). The manifest says, for each output, the
digest of the inputs it was made from; an output is reused only while that digest is the same (the
inputs are named by content, never by time). The manifest is replaced in one step after a build has
succeeded, and objects it no longer names are removed then: a failed build leaves the last good
state. ``make clean`` removes the cache, so that the next build is cold.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from jinja2.utils import _PassArg  # how Jinja's compiler tells them (pass_context and the like)

from .object_store import ObjectStore

_FORMAT = 3  # the manifest's layout: a manifest of another layout is ignored
_calls = itertools.count()  # numbers the temporary names of this process


def cache_folder(out: Path) -> Path:
    return out.parent / f".{out.name}.cache"


def kept_objects(folder: Path) -> ObjectStore:
    """The SQLite file of a cache ``folder``."""
    return ObjectStore(folder / "objects.sqlite")


class BuildCache:
    """The outputs of the last build into ``out``, and the record of the build being made. Without
    ``out`` (a page rendered for the export, the MkDocs hook): nothing is kept, nothing reused."""

    def __init__(self, out: Path | None):
        self.enabled = out is not None
        self.folder = cache_folder(out) if out is not None else Path()
        self.objects = self.folder / "objects"  # the files of the site, linked
        self.kept = kept_objects(self.folder) if self.enabled else None  # the rest
        self._old_layout = self.enabled and (self.folder / "templates").is_dir()  # (before format 3)
        self.previous: dict[str, Any] = self._read() if self.enabled else {}
        self.current: dict[str, Any] = {}
        self._named: set[str] = set()
        self._stored: dict[str, list[int]] = {}  # files linked by this build: [size, time]
        self._template_code: TemplateCode | None = None

    def _read(self) -> dict[str, Any]:
        try:
            manifest = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return manifest if isinstance(manifest, dict) and manifest.get("format") == _FORMAT else {}

    # --- the record -------------------------------------------------------------------------------

    def get(self, section: str, name: str) -> dict[str, Any] | None:
        """What the last build recorded for ``name`` in ``section`` (None if nothing, or if an object it
        names has gone)."""
        entry = self.current.get(section, {}).get(name) or self.previous.get(section, {}).get(name)
        if entry is None or not all(self._intact(obj) for obj in _objects_of(entry)):
            return None
        return entry

    def _intact(self, obj: str) -> bool:
        """Whether an object is still as it was stored. A file: present, with the size and time it had (it
        is linked into the site it was built into, so a file of that site edited in place changes it). The
        rest: present in the SQLite file, which keeps a row whole or not at all."""
        known = self._linked(obj)
        if known is None:
            return self.kept is not None and self.kept.has(obj)
        return self._file_intact(obj, known)

    def _file_intact(self, obj: str, known: list[int] | None) -> bool:
        """Whether ``obj`` is a file of the site, linked, still of the size and time ``known``."""
        if known is None:
            return False
        try:
            stat = self._path(obj).stat()
        except OSError:
            return False
        return known == [stat.st_size, stat.st_mtime_ns]

    def _linked(self, obj: str) -> list[int] | None:
        """The size and time of a file of the site kept as ``obj`` (None if it is not one)."""
        return self._stored.get(obj) or self.previous.get("objects", {}).get(obj)

    def put(self, section: str, name: str, entry: dict[str, Any]) -> None:
        """Record ``entry`` for this build (what ``get`` finds in the next)."""
        self.current.setdefault(section, {})[name] = entry
        self._named.update(_objects_of(entry))

    def template_code(self) -> TemplateCode:
        """The compiled templates: kept with the cache (in memory only when nothing is kept)."""
        if self._template_code is None:
            self._template_code = TemplateCode(self.kept)
        return self._template_code

    def value(self, name: str) -> Any:
        return self.previous.get("values", {}).get(name)

    def set_value(self, name: str, value: Any) -> None:
        self.current.setdefault("values", {})[name] = value

    # --- objects ----------------------------------------------------------------------------------

    def _path(self, obj: str) -> Path:
        return self.objects / obj  # (one folder: making a folder costs as much as making a file)

    def store(self, *data: bytes) -> str:
        """Keep ``data`` (the pieces of one object, not joined in memory) and return its name (the SHA-256
        of its content)."""
        sha = hashlib.sha256()
        for piece in data:
            sha.update(piece)
        obj = sha.hexdigest()
        if self.kept is not None:
            self.kept.put(obj, data)
        return obj

    def load(self, obj: str) -> bytes:
        return self._path(obj).read_bytes() if self._linked(obj) is not None else self.kept.get(obj)

    def place(self, obj: str, target: Path, data: bytes | None = None, replace: bool = True) -> None:
        """Put the object at ``target``: a hard link where the file system allows one, else a copy (or
        ``data`` written, when nothing is kept). ``replace``: what is there is replaced in one step (a site
        being served); otherwise ``target`` is new (a site being built in a folder of its own)."""
        if not self.enabled:
            _in_folder(target, lambda: _write_new(target, data if data is not None else b""))
            return
        source = self._path(obj)
        if replace and _same_file(source, target):
            return  # already this object (renaming a link over a link to the same file would leave it behind)
        temporary = _temporary(target) if replace else target
        _in_folder(temporary, lambda: _link_new(source, temporary))
        if replace:
            os.replace(temporary, target)

    def write(self, data: bytes, target: Path, replace: bool = True) -> str:
        """Place ``data`` at ``target`` (``replace``: as ``place``) and keep it as an object; return the
        object's name. A new object is the file written at ``target``, linked into the cache: written once."""
        obj = hashlib.sha256(data).hexdigest()
        if self.enabled and (obj in self._stored or self._file_intact(obj, self._linked(obj))):
            self.place(obj, target, replace=replace)
            return obj
        written = _temporary(target) if replace else target
        _in_folder(written, lambda: _write_new(written, data))
        if replace:
            os.replace(written, target)
        if self.enabled:
            path = self._path(obj)
            try:
                _in_folder(path, lambda: os.link(target, path))
            except FileExistsError:  # another process of this build stored it, or a failed build left it
                if not _same_file(target, path):
                    linked = _temporary(path)
                    os.link(target, linked)
                    os.replace(linked, path)  # this process's copy: known to hold what its name says
            except OSError:  # a file system without hard links
                shutil.copyfile(target, path)
            stat = path.stat()
            self._stored[obj] = [stat.st_size, stat.st_mtime_ns]
        return obj

    # --- between processes --------------------------------------------------------------------------

    def record_of(self, suffix: str) -> dict[str, Any]:
        """What this build recorded in the sections ending with ``suffix`` and the objects it stored: a
        child process of the build sends it back (``absorb``)."""
        sections = {name: entries for name, entries in self.current.items() if name.endswith(suffix)}
        return {"sections": sections, "stored": dict(self._stored)}

    def absorb(self, record: dict[str, Any]) -> None:
        for section, entries in record["sections"].items():
            for name, entry in entries.items():
                self.put(section, name, entry)
        self._stored.update(record["stored"])

    # --- after a build ----------------------------------------------------------------------------

    def carry_over(self) -> None:
        """Keep this build's record on top of the last one's, in memory (the live preview: every object
        stays while it runs; its cache is a temporary folder, removed when it stops)."""
        for section, entries in self.current.items():
            if isinstance(entries, dict):
                self.previous.setdefault(section, {}).update(entries)
        self.previous.setdefault("objects", {}).update(self._stored)
        self.current, self._stored = {}, {}

    def close(self) -> None:
        """Let go of the SQLite file (its log is folded into it)."""
        if self.kept is not None:
            self.kept.close()

    def commit(self) -> None:
        """Make this build's record the one the next build reads, and remove objects no longer named."""
        if not self.enabled:
            return
        self.current["format"] = _FORMAT
        known = {**self.previous.get("objects", {}), **self._stored}
        self.current["objects"] = {obj: known[obj] for obj in self._named if obj in known}
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".manifest-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(self.current, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, self.folder / "manifest.json")
        self.kept.keep_only(self._named)
        if self._old_layout:  # its folders: objects/xx/…, and the compiled templates (in the SQLite file now)
            for path in [self.folder / "templates", *self.objects.glob("??/")]:
                shutil.rmtree(path, ignore_errors=True)
        if self.objects.is_dir():
            for path in self.objects.iterdir():
                if path.name not in self._named:
                    path.unlink(missing_ok=True)


def _temporary(target: Path) -> Path:
    """A new name beside ``target`` for what will replace it, unique to this process and call. Never an
    existing file: one left by a stopped build may be a link to a kept object, which writing would change."""
    return target.with_name(f".{target.name}.{os.getpid()}.{next(_calls)}.partial")


def _in_folder(path: Path, make: Callable[[], object]) -> None:
    """``make()``, which makes ``path``; if its folder is not there, the folder made and ``make()`` again.
    Asked each time, never remembered: a folder made earlier may be gone (the live preview runs for hours; at
    ×100 it once lost five of the cache's object folders between saves, and a record of the folders made then
    failed every write into them). (Trying first spares a cold build two calls to mkdir for each file.)"""
    try:
        make()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        make()


def _write_new(target: Path, data: bytes) -> None:
    """Write ``data`` to a new file at ``target``: a file there may be a link to a kept object, which writing
    would change, so it is removed first."""
    try:
        file = open(target, "xb")  # noqa: SIM115 (closed below, whichever open made it)
    except FileExistsError:
        target.unlink()
        file = open(target, "xb")  # noqa: SIM115
    with file:
        file.write(data)


def _link_new(source: Path, target: Path) -> None:
    """``source`` linked at ``target`` (copied where the file system has no hard links), replacing what is there."""
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        _link_new(source, target)
    except FileNotFoundError:
        raise  # (its folder is missing: _in_folder makes it; a copy would fail the same way)
    except OSError:
        shutil.copyfile(source, target)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _objects_of(entry: dict[str, Any]) -> list[str]:
    """The objects an entry names: its values under keys ending in ``object``."""
    return [value for key, value in entry.items() if key.endswith("object") and isinstance(value, str)]


def _passing(functions: dict) -> list[str]:
    """The filters or tests that take the context, the environment or the evaluation context: Jinja compiles
    their calls with it. Code compiled where the same names take the same is the same code (the check's
    environment, which takes every other name as known, and a renderer's, whose own take none)."""
    return sorted(name for name, function in functions.items() if _PassArg.from_obj(function) is not None)


class TemplateCode(BytecodeCache):
    """Compiled Jinja templates, shared by every template environment of a build (each language's, each
    edition's, the theme's in both languages) and, in a folder, by the next build: a template's code is
    compiled once. Jinja checks the source's checksum, so an edited template is compiled afresh; the key
    also names the settings the environment compiles with, which differ between the generator's
    environments and the theme's, and the filters and tests that take the context or the environment, which
    Jinja compiles differently (the check's environment takes every name as known, taking nothing)."""

    def __init__(self, kept: ObjectStore | None = None):
        self.kept = kept
        self.memory: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name, filename)

    def get_bucket(self, environment, name, filename, source):
        settings = repr(
            (
                environment.block_start_string,
                environment.comment_start_string,
                environment.trim_blocks,
                environment.lstrip_blocks,
                environment.keep_trailing_newline,
                sorted(environment.extensions),
                environment.autoescape if isinstance(environment.autoescape, bool) else "function",
                environment.optimized,
                environment.is_async,
                environment.finalize is not None,
                _passing(environment.filters),
                _passing(environment.tests),
            )
        )
        key = hashlib.sha1(f"{settings}|{self.get_cache_key(name, filename)}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket) -> None:
        code = self.memory.get(bucket.key)
        if code is None and self.kept is not None:
            with contextlib.suppress(OSError):  # (compiled again)
                code = self.kept.code(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._keep(bucket.key, bucket.bytecode_to_string())

    def names_used(self, bucket, listed_by: str) -> list[tuple[int, str, str]] | None:
        """The filters and tests the template of ``bucket`` names, as the check listed them in the same
        source with the same code (``listed_by``, check/templates.py); None if not listed so yet."""
        found = self.memory.get(f"names:{bucket.key}")
        if found is None and self.kept is not None:
            with contextlib.suppress(OSError):  # (listed again)
                found = self.kept.code(f"names:{bucket.key}")
        kept = json.loads(found) if found is not None else None
        if kept is None or (kept.get("checksum"), kept.get("listed_by")) != (bucket.checksum, listed_by):
            return None
        return [tuple(use) for use in kept["used"]]

    def keep_names_used(self, bucket, used: list[tuple[int, str, str]], listed_by: str) -> None:
        kept = {"checksum": bucket.checksum, "listed_by": listed_by, "used": used}
        self._keep(f"names:{bucket.key}", json.dumps(kept).encode())

    def _keep(self, key: str, data: bytes) -> None:
        self.memory[key] = data
        if self.kept is not None:
            with contextlib.suppress(OSError):  # (made again next time)
                self.kept.set_code(key, data)
