"""The benchmark behind ``make bench``: the generator against plain MkDocs, scaling, and page weight.

At each scale (×1 = the real briefing, ×10, ×100; see scale.py) it makes a scaled copy of the project
in a temporary folder and measures what measure.py lists: cold builds against plain MkDocs on the same
pages, the PDFs (×1), builds with nothing changed and with one amount changed, ``check``, the live
preview from a save to the page, memory, output size and what a reader downloads; and at ×10 the same
briefing published as three editions. Then it profiles one build (profiling.py) and writes the report
from the template beside this file (RESULTS.md.j2).

    python -m benchmarks.run --out benchmarks/RESULTS.md                                  # make bench
    python -m benchmarks.run --scales 1 --runs 1 --out test-artifacts/bench/RESULTS.md    # make bench-smoke
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks import measure, serve, weight
from benchmarks.proc import PYTHON, Run, run
from benchmarks.report import write_report
from benchmarks.scale import PROJECT, Scaled, copy_project, make_editions_project, make_scaled_project

# Every collection is multiplied (×100: some 9,000 pages per language): a plain MkDocs build at ×100 takes
# minutes, so the large scales run fewer times.
# ×1: 9 pairs. The machines the bench runs on vary by ±30 % from one build to the next (RESULTS.md), and
# the ratio of a 5-pair median moved from 1.12 to 1.28 between two runs of the same code.
RUNS = {1: 9, 10: 3, 100: 1}
SERVE_EDITS = {1: 5, 10: 5, 100: 2}
# FRESH_FOLDERS: each cold build writes into a folder never used before, and none is removed while they are
# measured. On a file system without a journal (ext4 on the machines the bench runs on), an inode is not
# used again for one to six minutes after its file is removed, and each new file is found a free inode by
# looking past every one removed that recently: a build started right after another's output was removed
# spent 3 to 20 % of its CPU time there (perf), on whichever side came after the removal.
# Plain `mkdocs serve` for comparison at ×1 and ×10 only: at ×100 it takes some 8 minutes (its first build
# and 2½ minutes an edit), a quarter of the whole run, to say again what ×10 says.
SERVE_PLAIN = (1, 10)
CHECK_RUNS = {1: 5, 10: 3, 100: 1}
EDITIONS = 3  # the ×10 briefing published as this many editions


@dataclass
class ScaleResult:
    factor: int
    scaled: Scaled
    pages: dict[str, int] = field(default_factory=dict)  # content pages per language
    data_bytes: int = 0
    a: list[Run] = field(default_factory=list)
    b: list[tuple[Run, Run]] = field(default_factory=list)  # (ja, en)
    with_pdf: list[Run] = field(default_factory=list)  # (h): (a) with the PDFs, at ×1
    pdf_skipped: str = ""
    rebuilds: measure.Rebuilds | None = None
    rebuilds_pdf: bool = False
    checks: list[Run] = field(default_factory=list)
    serve: serve.ServeResult | None = None
    serve_plain: serve.ServeResult | None = None
    output: dict = field(default_factory=dict)
    output_plain: dict = field(default_factory=dict)
    reader: dict = field(default_factory=dict)
    reader_plain: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class EditionsResult:
    factor: int
    count: int
    pages: int = 0  # content pages of both languages, every edition's
    a: list[Run] = field(default_factory=list)
    rebuilds: measure.Rebuilds | None = None


def measure_scale(factor: int, runs: int, work: Path, source: Path, log) -> ScaleResult:
    root = work / f"x{factor}"
    logs = root / "logs"
    logs.mkdir(parents=True)
    log(f"×{factor}: writing the scaled project")
    scaled = make_scaled_project(factor, root / "project", source)
    result = ScaleResult(factor, scaled)
    project, exported = scaled.root, root / "exported"
    result.data_bytes = sum(f.stat().st_size for f in (project / "data").rglob("*") if f.is_file())
    measure.must(
        run(measure.briefing(project, "export", str(exported), "--no-pdf"), project, logs / "export.log"), "export"
    )
    # Each cold build, ours and plain MkDocs', goes into a folder of its own, removed once the scale is measured:
    # see FRESH_FOLDERS. The measurements below start from the last of them.
    fresh = [(root / f"site-{i}", exported / f"site-{i}") for i in range(runs)]
    for i, (out, plain_site) in enumerate(fresh):
        log(f"×{factor}: cold build against plain MkDocs, run {i + 1}/{runs}")
        if i % 2 == 0:  # alternate the order, so that neither side always runs on a warmer machine
            result.a.append(measure.build_a(project, out, logs / "a.log"))
            result.b.append(measure.build_b(exported, logs, plain_site))
        else:
            result.b.append(measure.build_b(exported, logs, plain_site))
            result.a.append(measure.build_a(project, out, logs / "a.log"))
    result.pages = {lang: len(weight.html_pages(out, lang)) for lang in ("ja", "en")}
    result.output, result.output_plain = measure.output_sizes(out), measure.output_sizes(plain_site)
    result.reader, result.reader_plain = measure.reader_bytes(out), measure.reader_bytes(plain_site)
    runs = min(runs, 5)  # the other measurements: more pairs were for the ratio's sake
    if factor == 1:
        for i in range(runs):
            log(f"×{factor}: cold build with the PDFs, run {i + 1}/{runs}")
            build = measure.build_a(project, root / f"site-pdf-{i}", logs / "pdf.log", pdf=True)
            if skipped := next((line for line in build.output.splitlines() if line.startswith("PDF skipped:")), ""):
                result.pdf_skipped = skipped.removeprefix("PDF skipped: ")
                break
            result.with_pdf.append(build)
    result.rebuilds_pdf = factor == 1 and not result.pdf_skipped  # `make site` makes the PDFs
    log(f"×{factor}: builds with nothing changed and with one amount changed")
    again = root / "site-again" if result.rebuilds_pdf else out  # the cold builds' options: their last output
    result.rebuilds = measure.measure_rebuilds(project, again, logs, runs, pdf=result.rebuilds_pdf, built=again == out)
    log(f"×{factor}: check")
    check = measure.briefing(project, "check")
    result.checks = [measure.must(run(check, project, logs / "check.log"), "check") for _ in range(CHECK_RUNS[factor])]
    edits = SERVE_EDITS[factor]
    log(f"×{factor}: the live preview, {edits} edits")
    result.serve = measure.serve_latency(project, edits, logs / "serve.log")
    if factor in SERVE_PLAIN:
        log(f"×{factor}: plain mkdocs serve, {edits} edits")
        result.serve_plain = measure.serve_latency_plain(exported, edits, logs / "serve-plain.log")
    for name, served in (("briefing serve", result.serve), ("mkdocs serve", result.serve_plain)):
        if served is not None and served.error:
            result.errors.append(f"×{factor} {name}: {served.error}")
    for folder in [path for pair in fresh[:-1] for path in pair]:  # (a failed run's are removed with the rest)
        measure.cold(folder)
    return result


def measure_editions(factor: int, count: int, runs: int, work: Path, source: Path, log) -> EditionsResult:
    """The ×``factor`` briefing published as ``count`` editions (the older ones in full under editions/<date>/)."""
    root = work / f"x{factor}-editions{count}"
    logs = root / "logs"
    logs.mkdir(parents=True)
    log(f"×{factor}, {count} editions: writing the project")
    scaled = make_scaled_project(factor, root / "scaled", source)
    project = make_editions_project(count, root / "project", scaled.root)
    result = EditionsResult(factor, count)
    for i in range(runs):
        log(f"×{factor}, {count} editions: cold build, run {i + 1}/{runs}")
        out = root / f"site-{i}"  # (a folder of its own: FRESH_FOLDERS)
        result.a.append(measure.build_a(project, out, logs / "a.log"))
    result.pages = sum(len(weight.html_pages(out, lang)) for lang in ("ja", "en"))
    log(f"×{factor}, {count} editions: builds with one amount changed")
    result.rebuilds = measure.measure_rebuilds(project, out, logs, runs, pdf=False, built=True)
    return result


def profile(what: str, project: Path, out: Path, log) -> dict:
    log(f"profiling one {what} of {project.parent.name}")
    command = [PYTHON, "-m", "benchmarks.profiling", what, str(project), str(out)]
    result = run(command, PROJECT, out.with_suffix(".log"))
    if result.returncode:
        return {"error": result.output[-2000:]}
    return json.loads(out.read_text(encoding="utf-8"))


def machine() -> dict[str, str]:
    def first(path: str, key: str) -> str:
        try:
            return next(
                line.split(":", 1)[1].strip() for line in Path(path).read_text().splitlines() if line.startswith(key)
            )
        except (OSError, StopIteration):
            return "unknown"

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = first("/proc/meminfo", "MemTotal")
    return {
        "CPU": f"{first('/proc/cpuinfo', 'model name')}, {cores} cores available ({os.cpu_count()} online)",
        "Memory": f"{int(memory.split()[0]) / 1024 / 1024:.1f} GiB" if memory != "unknown" else memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Packages": ", ".join(
            f"{name} {version(name)}"
            for name in ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "pydantic", "typst")
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated factors (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=None, help="cold builds per scale (default: 9, 3, 1)")
    parser.add_argument("--out", type=Path, help="write the report here (default: stdout)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    factors = [int(f) for f in args.scales.split(",")]
    started, cpu_before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    # The generator's modules compiled first, as pip compiles those of an installed package (plain MkDocs'):
    # the measured runs write no .pyc (proc.ENV), so each of them would compile again, within its measured
    # time, every module changed since its .pyc was last written (up to 0.08 s of a 2.5 s build).
    compileall.compile_dir(PROJECT / "hooks", quiet=1)
    try:
        source = copy_project(work / "source")  # every measurement uses this copy of the project
        results = [measure_scale(f, args.runs or RUNS[f], work, source, log) for f in factors]
        editions = None
        if 10 in factors:
            try:  # a failure here must not lose what the scales measured (it once cost a 45-minute run)
                editions = measure_editions(10, EDITIONS, min(args.runs or 2, 2), work, source, log)
            except (Exception, SystemExit) as err:
                results[factors.index(10)].errors.append(f"the editions case failed: {err}")
        profiles = {"build": profile("build", results[0].scaled.root, work / "profile-build.json", log)}
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        meta = {
            "command": " ".join(["python -m benchmarks.run", *(argv if argv is not None else sys.argv[1:])]),
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "duration": time.perf_counter() - started,
            "cpu": usage.ru_utime + usage.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime,
            "machine": machine(),
            "load_before": load_before,
            "load_after": os.getloadavg()[0],
        }
        text = write_report(results, editions, profiles, meta)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        log(f"wrote {args.out}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
