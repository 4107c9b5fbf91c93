"""``briefing export``: the generated Markdown of both languages, with complete hook-free configurations,
so that plain MkDocs, ProperDocs or Zensical builds the very same pages (docs/other-engines.md)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import mergedeep
import yaml

from ..check.validate import validate
from ..messages import Message, say
from ..plan.urls import page_url
from ..problems import DataError
from ..project.files import CONFIGS
from ..project.outputs import EXPORT_HEADER, OutputRefused, Written, check_output, mark
from ..project.swap import clean_leftovers, locked, replace, staging_folder
from .commands import as_typed, could_not_write


def export(project: Path, out: Path, written: Written, make_pdf: bool = True) -> int:
    """Write the generated Markdown and hook-free configs, so plain MkDocs (or ProperDocs, or Zensical)
    can build the same pages (and the PDFs, as a build makes them, unless ``make_pdf`` is false):
    see docs/other-engines.md. ``out`` is replaced whole, in one step, as a build replaces site/."""
    from ..build.language import Extras
    from ..build.options import BuildOptions
    from ..build.pdfs import make_pdfs
    from ..build.site_content import render_site

    out = Path(os.path.abspath(out))
    shown = as_typed(out)
    try:
        check_output(project, out, shown)
    except OutputRefused as err:
        print(err, file=sys.stderr)
        return 2
    try:
        checked = validate(project)
        pdfs = make_pdfs(project, checked, BuildOptions(make_pdf=make_pdf))
        contents, meta = render_site(project, checked, Extras(pdf=pdfs))
    except DataError as err:
        print(f"{err}\n{say('nothing_exported', left=written.what_was_left([(out, shown)]))}", file=sys.stderr)
        return 1
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with locked(out):
            clean_leftovers(out)
            staging = staging_folder(out)
            try:
                _write_export(project, staging, checked, contents, meta)
                mark(staging, "export")
                replace(out, staging)
                written.note(out)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as err:
        print(
            f"{could_not_write(err, Message('the_export'))}\n{written.what_was_left([(out, shown)])}", file=sys.stderr
        )
        return 1
    print(say("exported", out=shown))
    return 0


def _write_export(project: Path, out: Path, checked, contents: dict, meta: dict) -> None:
    from ..build.site_content import root_files, with_front_matter

    shutil.copytree(project / "overrides", out / "overrides")
    for lang, config_name in CONFIGS.items():
        content, docs = contents[lang], out / "docs" / lang
        shutil.copytree(project / "docs" / lang, docs)
        for path in docs.rglob("*.md"):  # the hand-written pages get their theme values too
            url = page_url(path.relative_to(docs).as_posix())
            if meta.get(url):
                text = path.read_text(encoding="utf-8")
                path.write_text(with_front_matter(text, {"briefing": meta[url]}), encoding="utf-8")
        moved = {page.path: _own_folder(page.path) for page in content.pages}
        written = [
            (moved[page.path], with_front_matter(page.markdown, page.meta | {"briefing": meta.get(page.url, {})}))
            for page in content.pages
        ] + content.files
        for path, data in written:
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        config = _complete_config(project, config_name)
        for key in ("hooks", "watch"):
            config.pop(key, None)
        config["nav"] = _moved_nav(content.nav, moved)
        config.setdefault("extra", {})["briefing"] = content.metadata  # what the hook sets
        config["not_in_nav"] = "\n".join(f"/{moved[page.path]}" for page in content.pages if not page.in_nav)
        text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)
        header = f"{EXPORT_HEADER}: no hooks, and complete (no INHERIT)."
        (out / config_name).write_text(f"{header}\n{text}", encoding="utf-8")
    # The language chooser and the sitemap index, beside site/ja/ and site/en/ once an engine builds them.
    for name, data in root_files(project, checked, None):
        (out / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (out / "site" / name).write_bytes(data)


def _own_folder(path: str) -> str:
    """fields/materials.md → fields/materials/index.md: the same address, from a file in the folder of
    its address. The generated pages link in raw HTML relative to their address, which MkDocs leaves
    alone and Zensical reads relative to the file: from a file in its address's folder, both agree."""
    if path == "index.md" or path.endswith("/index.md"):
        return path
    return f"{path.removesuffix('.md')}/index.md"


def _moved_nav(nav, moved: dict[str, str]):
    if isinstance(nav, list):
        return [_moved_nav(entry, moved) for entry in nav]
    if isinstance(nav, dict):
        return {title: _moved_nav(entry, moved) for title, entry in nav.items()}
    return moved.get(nav, nav)


def _complete_config(project: Path, name: str) -> dict:
    """A config with its INHERIT resolved as MkDocs resolves it (mappings merged, lists replaced):
    other engines merge lists, which would mix both languages' navigation and settings."""
    config = yaml.safe_load((project / name).read_text(encoding="utf-8"))
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    return mergedeep.merge({}, _complete_config(project, parent), config, strategy=mergedeep.Strategy.REPLACE)
