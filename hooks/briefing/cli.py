"""Command line: ``python -m briefing check | build | export``.

``build`` runs the two MkDocs builds (Japanese, then English) into a temporary
folder beside the output and swaps it in only when both succeeded, so a failed
build never leaves a half-published site.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from .addresses import MANIFEST, record_addresses
from .loader import read_declaration
from .problems import DataError
from .schema import write_schemas
from .site import CONFIGS, build_language, root_files, validate

PROJECT = Path(__file__).resolve().parents[2]


def check(project: Path) -> int:
    try:
        briefing, current = validate(project)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    counts = ", ".join(
        f"{len(briefing[spec.id])} {spec.names}" for spec in briefing.declaration.collections if spec.home
    )
    print(f"data/ is valid: {counts}; {len(current)} published addresses.")
    _print_warnings(briefing)
    return 0


def _print_warnings(briefing) -> None:
    if briefing.warnings:
        count = len(briefing.warnings)
        print(f"{count} warning{'s' if count != 1 else ''} (the site builds, but look at them):", file=sys.stderr)
        for warning in sorted(briefing.warnings):
            print(warning, file=sys.stderr)


def _mkdocs_build(config_file: Path, site_dir: Path, site_url: str | None) -> None:
    """One strict MkDocs build, in this process, as ``mkdocs build --strict`` would run it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def build(project: Path, out: Path, site_url: str | None = None, record: bool = False) -> int:
    """Build both languages into ``out``; leave ``out`` untouched unless both succeed.

    ``site_url`` is where ``out`` will be published (e.g. https://intranet/briefings/materials/).
    It is optional: pages link relatively and work anywhere, but the 404 pages, which a
    server shows at any address, need it to find their styles under a sub-path.
    ``record`` adds newly published addresses to data/published-addresses.txt (``make site``).
    """
    from mkdocs.exceptions import MkDocsException

    current: set[str] = set()
    if record:  # the builds check the data themselves; recording needs the addresses first
        try:
            _, current = validate(project)
        except DataError as err:
            print(f"Nothing was built; {out} was left as it was.\n{err}", file=sys.stderr)
            return 1
    _log_mkdocs_warnings()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        for lang, config in CONFIGS.items():
            print(f"Building {lang}…")
            _mkdocs_build(project / config, staging / lang, site_url and f"{site_url.rstrip('/')}/{lang}/")
        for name, content in root_files(project, site_url):
            (staging / name).write_text(content, encoding="utf-8")
    except (MkDocsException, DataError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed; {out} was left as it was.\n{err}", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = out.with_name(f".{out.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Built {out}/ja/ and {out}/en/.")
    _print_warnings(validate(project)[0])
    new = record_addresses(project / "data", current) if record else 0
    if new:
        print(f"Recorded {new} newly published addresses in data/{MANIFEST}: commit it.")
    return 0


def export(project: Path, out: Path) -> int:
    """Write the generated Markdown and hook-free configs, so plain MkDocs can build the same pages."""
    try:
        sites = {lang: build_language(project, lang) for lang in CONFIGS}
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(project / "overrides", out / "overrides")
    for lang, config_name in CONFIGS.items():
        site, docs = sites[lang], out / "docs" / lang
        shutil.copytree(project / "docs" / lang, docs)
        written = [(page.path, page.markdown) for page in site.pages] + site.files
        for path, content in written:
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        config = yaml.safe_load((project / config_name).read_text(encoding="utf-8"))
        for key in ("hooks", "watch"):
            config.pop(key, None)
        config["nav"] = site.nav
        config.setdefault("extra", {})["briefing"] = site.metadata  # what the hook sets
        config["not_in_nav"] = "\n".join(f"/{page.path}" for page in site.pages if not page.in_nav)
        text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)
        (out / config_name).write_text(
            f"# Exported by `make export`: plain MkDocs, no hooks.\n{text}", encoding="utf-8"
        )
    print(f"Exported both languages to {out}: build with `mkdocs build -f {out}/mkdocs.yml` (and mkdocs.en.yml).")
    return 0


def _log_mkdocs_warnings() -> None:
    """Show MkDocs' warnings and errors the way ``mkdocs build`` does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_briefing", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._briefing = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner; see DESIGN.md
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=PROJECT, help="folder holding mkdocs.yml and data/")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ without building")
    build_cmd = commands.add_parser("build", help="build both languages into a folder (default: site)")
    build_cmd.add_argument("--out", type=Path, default=None)
    build_cmd.add_argument("--site-url", default=os.environ.get("SITE_URL") or None, help="where the site is published")
    build_cmd.add_argument(
        "--record-addresses", action="store_true", help=f"add newly published addresses to data/{MANIFEST}"
    )
    export_cmd = commands.add_parser("export", help="write generated Markdown and configs into a folder")
    export_cmd.add_argument("out", type=Path)
    commands.add_parser("schema", help="write the JSON Schemas of the data files into schema/")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "check":
        return check(project)
    if args.command == "schema":
        try:
            declaration, _ = read_declaration(project / "data")
        except DataError as err:
            print(err, file=sys.stderr)
            return 1
        written = write_schemas(project, declaration)
        print(f"Wrote {', '.join(written)}." if written else "The schemas are up to date.")
        return 0
    if args.command == "build":
        return build(project, args.out or project / "site", args.site_url, args.record_addresses)
    return export(project, args.out)


if __name__ == "__main__":
    sys.exit(main())
