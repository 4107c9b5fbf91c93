"""Command line: ``python -m briefing check | build | export``.

``build`` runs the two MkDocs builds (Japanese, then English) into a temporary
folder beside the output and swaps it in only when both succeeded, so a failed
build never leaves a half-published site.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
from pathlib import Path

import mergedeep
import yaml

from . import ENGINE
from .check.addresses import MANIFEST, record_addresses
from .check.validate import validate
from .load.domain import load_domain
from .load.loader import load_briefing
from .load.schema import known_ids, write_schemas
from .messages import Message, Words, say
from .plan.urls import page_url
from .problems import DataError, printable
from .project.outputs import EXPORT_HEADER, OutputRefused, check_output, mark, note_written, what_was_left, written
from .project.swap import clean_leftovers, locked, replace, staging_folder
from .publish.freeze import FrozenAlready, freeze
from .publish.offline import FOLDER as OFFLINE_FOLDER

PROJECT = Path(__file__).resolve().parents[2]
# The build's modules (the template engine, MkDocs, Typst) are imported by the commands that use
# them: `make check` loads only what checking needs, which halves its time.


def check(project: Path) -> int:
    try:
        checked = validate(project)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    briefing = checked.briefing
    counts = [
        Message("count_of", count=len(briefing[spec.id]), name=Words(ja=briefing.item_name(spec.id).ja, en=spec.names))
        for spec in briefing.declaration.collections
        if spec.home
    ]
    print(say("data_valid", counts=counts, addresses=len(checked.addresses)))
    _print_warnings([warning.text() for warning in checked.warnings])
    return 0


def _print_warnings(warnings: list[str]) -> None:
    if warnings:
        print(say("warnings_heading", count=len(warnings)), file=sys.stderr)
        for warning in warnings:
            print(warning, file=sys.stderr)


def build(
    project: Path,
    out: Path,
    site_url: str | None = None,
    record: bool = False,
    offline: bool = False,
    make_pdf: bool = True,
) -> int:
    """Build both languages into ``out``; leave ``out`` untouched unless both succeed.

    ``site_url`` is where ``out`` will be published (e.g. https://intranet/briefings/materials/).
    It is optional: pages link relatively and work anywhere, but the 404 pages, which a
    server shows at any address, need it to find their styles under a sub-path.
    ``record`` adds newly published addresses to data/published-addresses.txt (``make publish``).
    ``offline`` builds the copy that works opened from file://, and zips it beside ``out``.
    ``make_pdf``: each language's PDF of the whole briefing too (downloads/briefing-<lang>.pdf).
    """
    from mkdocs.exceptions import MkDocsException

    from .build.mkdocs_session import StrictAbort
    from .build.site import BuildOptions, archive_of, build_site

    out = Path(os.path.abspath(out))  # not resolved: a link given as the output is refused, not followed
    outputs = [(out, _shown(out))] + ([(archive_of(out), _shown(archive_of(out)))] if offline else [])
    recorded: list[int] = []

    def record_new(current: set[str]) -> None:
        recorded.append(record_addresses(project / "data", current))
        note_written(project / "data" / MANIFEST)

    if not site_url and not offline:  # (a copy opened from a folder has no address)
        print(say("without_site_url"))  # what a build without a site URL leaves out
    options = BuildOptions(site_url, offline, make_pdf)
    try:
        result = build_site(project, out, options, shown=_shown(out), record=record_new if record else None)
    except OutputRefused as err:
        print(err, file=sys.stderr)
        return 2
    except DataError as err:
        print(f"{err}\n{say('nothing_built', left=what_was_left(outputs))}", file=sys.stderr)
        return 1
    except (MkDocsException, StrictAbort) as err:
        print(f"{say('build_failed', error=printable(str(err)))}\n{what_was_left(outputs)}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{_could_not_write(err, Message('the_site'))}\n{what_was_left(outputs)}", file=sys.stderr)
        return 1
    if result.up_to_date:
        print(say("up_to_date", out=_shown(out)))
    elif offline:
        size = archive_of(out).stat().st_size
        print(say("built_offline", out=_shown(out), archive=_shown(archive_of(out)), size=f"{size / 1_000_000:.1f}"))
    else:
        print(say("built", out=_shown(out)))
    _print_warnings(result.warnings)
    if record:
        if recorded[0]:
            print(say("recorded", count=recorded[0], file=f"data/{MANIFEST}"))
        else:
            print(say("recorded_none", file=f"data/{MANIFEST}"))
    return 0


def _could_not_write(err: OSError, what: Message) -> str:
    where = f"{err.filename}: " if err.filename else ""
    return say("could_not_write", what=what, where=where, error=err.strerror or err)


def freeze_edition(project: Path, again: bool = False) -> int:
    try:
        date = freeze(project, again)
    except DataError as err:
        print(f"{err}\n{say('nothing_frozen')}", file=sys.stderr)
        return 1
    except FrozenAlready as err:
        print(f"{err.message}\n{say('nothing_frozen')}", file=sys.stderr)
        return 1
    print(say("froze_again" if again else "froze", date=date))
    return 0


def _shown(path: Path) -> str:
    """A path as a person would type it from where they are."""
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    return str(path)


def export(project: Path, out: Path, make_pdf: bool = True) -> int:
    """Write the generated Markdown and hook-free configs, so plain MkDocs (or ProperDocs, or Zensical)
    can build the same pages (and the PDFs, as a build makes them, unless ``make_pdf`` is false):
    see docs/other-engines.md. ``out`` is replaced whole, in one step, as a build replaces site/."""
    from .build.language import Extras, render_site
    from .build.site import BuildOptions, make_pdfs

    out = Path(os.path.abspath(out))
    shown = _shown(out)
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
        print(f"{err}\n{say('nothing_exported', left=what_was_left([(out, shown)]))}", file=sys.stderr)
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
                note_written(out)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as err:
        print(f"{_could_not_write(err, Message('the_export'))}\n{what_was_left([(out, shown)])}", file=sys.stderr)
        return 1
    print(say("exported", out=shown))
    return 0


def _write_export(project: Path, out: Path, checked, contents: dict, meta: dict) -> None:
    from .build.language import root_files, with_front_matter
    from .build.site import CONFIGS

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


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner; see DESIGN.md
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--project", type=Path, default=None, help="folder holding mkdocs.yml and data/ (default: the one you are in)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ and everything the build checks, without building")
    build_cmd = commands.add_parser("build", help="build both languages into a folder (default: site)")
    build_cmd.add_argument("--out", type=Path, default=None)
    build_cmd.add_argument("--site-url", default=os.environ.get("SITE_URL") or None, help="where the site is published")
    build_cmd.add_argument(
        "--record-addresses", action="store_true", help=f"add newly published addresses to data/{MANIFEST}"
    )
    no_pdf = {"action": "store_true", "help": "leave out the PDF of the whole briefing (faster)"}
    build_cmd.add_argument("--no-pdf", **no_pdf)
    publish_cmd = commands.add_parser(
        "publish", help=f"build site/ for its published address and record its addresses in data/{MANIFEST}"
    )
    publish_cmd.add_argument("--site-url", default=os.environ.get("SITE_URL") or None, help="where it is published")
    publish_cmd.add_argument("--no-pdf", **no_pdf)
    serve_cmd = commands.add_parser("serve", help="live preview of both languages while you edit")
    serve_cmd.add_argument("--port", type=int, default=8000)
    export_cmd = commands.add_parser("export", help="write generated Markdown and configs into a folder")
    export_cmd.add_argument("out", type=Path)
    export_cmd.add_argument("--no-pdf", **no_pdf)
    commands.add_parser("schema", help="write the JSON Schemas of the data files into schema/")
    offline_cmd = commands.add_parser(
        "offline", help="build the copy that works opened from a folder (file://), and its zip: site-offline/"
    )
    offline_cmd.add_argument("--out", type=Path, help="where (default: site-offline/ in the project)")
    offline_cmd.add_argument("--no-pdf", **no_pdf)
    freeze_cmd = commands.add_parser(
        "freeze", help="keep the current edition's data in editions/<edition date>/ (never changes data/)"
    )
    freeze_cmd.add_argument(
        "--again", action="store_true", help="replace the current edition's frozen copy, to record corrections to it"
    )
    args = parser.parse_args(argv)
    project = (args.project or _project_here()).resolve()
    written.clear()  # (what this run writes: main may run more than once in a process)
    try:
        return _run(args, project)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a person gets a sentence; BRIEFING_DEBUG=1 shows the traceback
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        changed = (
            Message("had_written", paths=[_shown(path) for path in written]) if written else Message("nothing_changed")
        )
        error = f"{type(err).__name__}: {printable(str(err))}"
        print(say("generator_fault", command=args.command, error=error, changed=changed), file=sys.stderr)
        return 2


def _project_here() -> Path:
    """The project is the folder the command is run in (or above it), not where the generator is installed."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    return PROJECT


def _foreign_code(project: Path) -> str | None:
    """A plain sentence if this project's own generator code is not the code that runs (a copied folder
    whose .venv still points at the original)."""
    own = project / "hooks" / "briefing"
    running = ENGINE.resolve()
    if not own.is_dir() or own.resolve() == running:
        return None
    differ = [
        str(path.relative_to(own))
        for path in sorted(own.rglob("*.py"))
        if not (running / path.relative_to(own)).is_file()
        or (running / path.relative_to(own)).read_bytes() != path.read_bytes()
    ]
    if not differ:
        return None
    return say("foreign_code", running=running.parents[1], project=project, differ=sorted(differ)[:3])


def _run(args: argparse.Namespace, project: Path) -> int:
    if not (project / "mkdocs.yml").is_file():
        print(say("no_mkdocs", project=project), file=sys.stderr)
        return 2
    if args.command in ("check", "build", "publish", "serve", "export", "offline") and (
        foreign := _foreign_code(project)
    ):
        print(foreign, file=sys.stderr)
        return 2
    if args.command == "check":
        return check(project)
    if args.command == "schema":
        try:  # the ids a reference may name come from the data as it is
            briefing = load_briefing(project / "data", load_domain(project))
        except DataError as err:
            print(err, file=sys.stderr)
            return 1
        written = write_schemas(project, briefing.declaration, known_ids(briefing))
        print(say("schemas_written", names=written) if written else say("schemas_up_to_date"))
        return 0
    if args.command == "build":
        return build(
            project, args.out or project / "site", args.site_url, args.record_addresses, make_pdf=not args.no_pdf
        )
    if args.command == "publish":
        if not args.site_url:
            print(say("give_site_url"), file=sys.stderr)
            return 2
        return build(project, project / "site", args.site_url, record=True, make_pdf=not args.no_pdf)
    if args.command == "offline":
        return build(project, args.out or project / OFFLINE_FOLDER, offline=True, make_pdf=not args.no_pdf)
    if args.command == "freeze":
        return freeze_edition(project, args.again)
    if args.command == "serve":
        from .preview.server import serve

        return serve(project, args.port)
    return export(project, args.out, not args.no_pdf)


if __name__ == "__main__":
    sys.exit(main())
