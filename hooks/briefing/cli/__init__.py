"""Command line: ``python -m briefing check | build | export``.

The arguments, the project they are about (the folder the command is run in) and the command they name
(commands.py; export.py). ``build`` runs the two MkDocs builds into a temporary folder beside the output
and swaps it in only when both succeeded, so a failed build never leaves a half-published site.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from .. import ENGINE
from ..check.addresses import MANIFEST
from ..check.declaration import checked_declaration
from ..load.domain import load_domain
from ..load.loader import load_briefing
from ..load.schema import known_ids, write_schemas
from ..messages import Message, say
from ..problems import DataError, printable
from ..project.outputs import Written
from ..publish.offline import FOLDER as OFFLINE_FOLDER
from .commands import as_typed, build, check, freeze_edition
from .export import export

PROJECT = ENGINE.resolve().parents[1]  # this project, where the generator's own code is


def run() -> None:
    """The command line as a person runs it (``briefing``, ``python -m briefing``): main, then exit with its status."""
    status = main()
    # What a finished command made needs no collecting: Python's last collection before it exits would go
    # through every object of the build (some 0.08 s of a cold build's 3 s).
    gc.freeze()
    sys.exit(status)


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
    written = Written()  # what this run writes (main may run more than once in a process)
    try:
        return _run(args, project, written)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a person gets a sentence; BRIEFING_DEBUG=1 shows the traceback
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        changed = (
            Message("had_written", paths=[as_typed(path) for path in written.paths])
            if written.paths
            else Message("nothing_changed")
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


def _run(args: argparse.Namespace, project: Path, written: Written) -> int:
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
            domain = load_domain(project)
            # (its templates are not the schemas' concern: a missing one does not stop them)
            declared = checked_declaration(project / "data", domain, has_template=lambda name: True)
            briefing = load_briefing(project / "data", domain, declared=declared)
        except DataError as err:
            print(err, file=sys.stderr)
            return 1
        names = write_schemas(project, briefing.declaration, known_ids(briefing))
        print(say("schemas_written", names=names) if names else say("schemas_up_to_date"))
        return 0
    if args.command == "build":
        out = args.out or project / "site"
        return build(project, out, written, args.site_url, args.record_addresses, make_pdf=not args.no_pdf)
    if args.command == "publish":
        if not args.site_url:
            print(say("give_site_url"), file=sys.stderr)
            return 2
        return build(project, project / "site", written, args.site_url, record=True, make_pdf=not args.no_pdf)
    if args.command == "offline":
        out = args.out or project / OFFLINE_FOLDER
        return build(project, out, written, offline=True, make_pdf=not args.no_pdf)
    if args.command == "freeze":
        return freeze_edition(project, written, args.again)
    if args.command == "serve":
        from ..preview.server import serve

        return serve(project, args.port)
    return export(project, args.out, written, not args.no_pdf)


if __name__ == "__main__":
    sys.exit(main())
