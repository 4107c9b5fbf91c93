"""Where the time goes: one build (both languages) or one check under cProfile, in its own process.

``python -m benchmarks.profiling build|check PROJECT OUT.json`` runs ``python -m briefing build`` (or
``check``) on PROJECT in this process under the profiler and writes a summary: own time per package
(the generator, its templates, MkDocs, Material, Markdown, Jinja, pydantic, YAML …; time in C
functions such as regex, I/O or libyaml counts for the package that called them), the generator's
entry points with their call counts and cumulative times, and the functions with the most own time.
cProfile slows pure-Python code more than C code, so shares are indicative.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# Functions of the generator worth naming in the report, wherever they are called from.
ENTRY_POINTS = {
    "load_briefing",
    "read_yaml",
    "model_validate",
    "check",
    "validate",
    "check_addresses",
    "template_problems",
    "published_addresses",
    "plan_site",
    "render_language",
    "download_files",
    "navigation",
    "build",
    "root_files",
    "page",
    "translate",
    "translate_inline",
    "ui",
    "_populate",
    "populate",
    "_convert",
    "_build_page",
    "sections",
    "page_entries",
}


def package_of(filename: str, project: Path) -> str:
    """A readable owner for a profiled function's file."""
    if filename.startswith(("~", "<")):
        return "built-ins"
    path = Path(filename)
    parts = path.parts
    if "site-packages" in parts:
        name = parts[parts.index("site-packages") + 1].split(".")[0].lstrip("_")
        return {
            "markdown": "Markdown",
            "pymdownx": "Markdown",
            "mkdocs": "MkDocs",
            "material": "Material (theme templates, search plugin)",
            "jinja2": "Jinja2",
            "markupsafe": "Jinja2",
            "pydantic": "pydantic",
            "pydantic_core": "pydantic",
            "yaml": "PyYAML (Python part)",
        }.get(name, name)
    text = path.as_posix()
    if "/templates/" in text and text.endswith(".j2"):
        return "generator: its Jinja templates"
    if "/hooks/" in text:
        return "generator: briefing package and hook"
    if "/lib/python3" in text:
        return "Python standard library"
    return "other"


def summarise(stats: pstats.Stats, project: Path, wall: float) -> dict:
    by_package: dict[str, float] = defaultdict(float)
    entry: dict[str, list[float]] = {}
    hot: list[tuple[str, int, float]] = []
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, callers) in raw.items():
        owner = package_of(filename, project)
        where = func if filename.startswith(("~", "<")) else f"{Path(filename).name}:{line} {func}"
        hot.append((where, ncalls, tottime))
        if owner.startswith("built-ins") and callers:
            # C functions (regex, I/O, libyaml, pydantic-core…) count for the package that called them.
            for (caller_file, _l, _f), caller_stats in callers.items():
                by_package[package_of(caller_file, project)] += caller_stats[2]
        else:
            by_package[owner] += tottime
        if (func in ENTRY_POINTS and owner.startswith("generator")) or func == "model_validate":
            key = f"{Path(filename).stem}.{func}"
            calls, cum = entry.get(key, [0, 0.0])
            entry[key] = [calls + ncalls, cum + cumtime]
    total = sum(by_package.values())
    return {
        "wall_seconds": wall,
        "profiled_seconds": total,
        "by_package": sorted(by_package.items(), key=lambda kv: -kv[1]),
        "entry_points": sorted(((k, int(v[0]), v[1]) for k, v in entry.items()), key=lambda row: -row[2]),
        "hot": sorted(hot, key=lambda row: -row[2])[:15],
    }


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    command, project, out = args[0], Path(args[1]).resolve(), Path(args[2])
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    before = time.process_time()
    from briefing import cli

    imports = time.process_time() - before
    from briefing.build.site import BuildOptions, build_site

    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        if command == "build":  # cold, without the PDFs, as the (a) builds; in one process, for the profiler
            build_site(project, Path(tmp) / "site", BuildOptions(parallel=False))
            code = 0
        else:
            code = cli.main(["--project", str(project), command])
        profiler.disable()
        wall = time.perf_counter() - started
    if code:
        print(f"the profiled {command} failed", file=sys.stderr)
        return code
    summary = summarise(pstats.Stats(profiler), project, wall)
    summary["command"] = command
    summary["import_seconds"] = imports  # importing the briefing package, before the profiler started
    out.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
