"""The benchmark behind ``make bench``: the generator against plain MkDocs, scaling, and page weight.

At each scale (×1 = the real briefing, ×10, ×100; see scale.py) it makes a scaled copy of the
project in a temporary folder and measures, side by side in the same run:

(a) the project's full build of both languages (``python -m briefing --project P build --out X``);
(b) plain MkDocs + Material building the very same pages from Markdown files: ``python -m briefing
    export`` writes them with hook-free configs, then ``mkdocs build`` runs once per language;
    (a) and (b) alternate, in separate processes, and a/b is reported as min / median / max;
(c) ``python -m briefing --project P check`` (what ``make check`` runs);
(d) from saving a YAML edit to the rebuilt page under ``mkdocs serve`` (and, for comparison, from
    saving a Markdown edit under ``mkdocs serve`` of the plain project);
(e) peak memory (ru_maxrss of each process);
(f) output size, median HTML page size, search index size;
(g) bytes a reader downloads for a first page view and a second page (weight.py);
(h) at ×1, what the PDFs of the whole briefing add to the build: (a) runs with ``--no-pdf``, so that
    both sides build the same pages, and here the same build with the PDFs, and the time each PDF
    took as the build reports it.

Then it profiles one build (profiling.py) and writes the Markdown report.

    python -m benchmarks.run                          # everything, report on stdout
    python -m benchmarks.run --out benchmarks/RESULTS.md
    python -m benchmarks.run --scales 1 --runs 1 --out test-artifacts/bench/RESULTS.md   # smoke
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks import serve, weight
from benchmarks.proc import ENV, PYTHON, Run, run
from benchmarks.scale import PROJECT, Scaled, copy_project, make_editions_project, make_scaled_project

# Since every collection is multiplied (×100: some 9,000 pages per language), a ×100 build takes minutes.
DEFAULT_RUNS = {1: 5, 10: 3, 100: 2}
SERVE_EDITS = {1: 3, 10: 3, 100: 1}
CHECK_RUNS = 5
MiB = 1024 * 1024

# The serve edit: an amount of a budget line outside its programme's total, so totals stay valid.
EDIT_LINE, EDIT_PHASE, EDIT_VALUES = "ai-for-science-computing", "fy2025-supplementary", ("76.37", "76.41", "76.53")

TARGETS = {
    "overhead": 1.15,
    "check_seconds": 0.5,
    "memory_bytes": 1024 * MiB,
    "first_view_bytes": 300 * 1000,
    "first_view_ratio": 1.1,
    "second_page_bytes": 30 * 1000,
}


@dataclass
class ScaleResult:
    factor: int
    scaled: Scaled
    pages: dict[str, int] = field(default_factory=dict)  # content pages per language
    data_bytes: int = 0
    a: list[Run] = field(default_factory=list)
    b: list[tuple[Run, Run]] = field(default_factory=list)  # (ja, en)
    checks: list[Run] = field(default_factory=list)
    export: Run | None = None
    offline: list[Run] = field(default_factory=list)  # `briefing offline` (×1 only)
    serve_a: serve.ServeResult | None = None
    serve_b: serve.ServeResult | None = None
    output: dict = field(default_factory=dict)
    reader: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    with_pdf: list[Run] = field(default_factory=list)  # (h): (a) with the PDFs, at ×1
    pdf_files: dict[str, tuple[int, int]] = field(default_factory=dict)  # lang → (pages, bytes)
    pdf_skipped: str = ""  # why no PDF was made, if none was

    def pdf_seconds(self, lang: str) -> list[float]:
        """The time the build says each PDF took, per run."""
        return [made[lang][0] for made in map(pdf_made, self.with_pdf) if lang in made]

    def a_times(self, cpu: bool = False) -> list[float]:
        return [r.cpu if cpu else r.seconds for r in self.a]

    def b_times(self, cpu: bool = False) -> list[float]:
        return [ja.cpu + en.cpu if cpu else ja.seconds + en.seconds for ja, en in self.b]

    def ratios(self, cpu: bool = False) -> list[float]:
        """a/b of each pair of runs (a and b ran back to back)."""
        return [a / b for a, b in zip(self.a_times(cpu), self.b_times(cpu), strict=True)]

    def check_times(self, cpu: bool = False) -> list[float]:
        return [r.cpu if cpu else r.seconds for r in self.checks]

    @property
    def total_pages(self) -> int:
        return sum(self.pages.values())


# ---------------------------------------------------------------- measuring


def _must(result: Run, what: str) -> Run:
    if result.returncode:
        raise SystemExit(f"{what} failed (exit {result.returncode}):\n{result.output[-3000:]}")
    return result


def build_a(project: Path, out: Path, logs: Path, make_pdf: bool = False) -> Run:
    """The project's build; without the PDFs unless asked, as plain MkDocs (b) makes none."""
    command = [PYTHON, "-m", "briefing", "--project", str(project), "build", "--out", str(out)]
    what = "the project's build with the PDFs (h)" if make_pdf else "the project's build (a)"
    return _must(run(command + ([] if make_pdf else ["--no-pdf"]), project, logs / "a.log"), what)


_MADE = re.compile(r"^Made (\w+)/\S+: (\d+) pages, \d+ KB, in ([\d.]+) s\.$", re.MULTILINE)


def pdf_made(build: Run) -> dict[str, tuple[float, int]]:
    """lang → (seconds, pages) of each PDF, from what the build printed (pdf.PdfFile.summary)."""
    return {lang: (float(seconds), int(pages)) for lang, pages, seconds in _MADE.findall(build.output)}


def measure_pdf(result: ScaleResult, project: Path, runs: int, out: Path, logs: Path, log) -> None:
    """(h) The build with the PDFs, ``runs`` times; the (a) runs of the same scale are the build without."""
    for i in range(runs):
        log(f"×{result.factor}: build with the PDFs, run {i + 1}/{runs}")
        build = build_a(project, out, logs, make_pdf=True)
        if skipped := re.search(r"^PDF skipped: (.*)$", build.output, re.MULTILINE):
            result.pdf_skipped = skipped.group(1)
            return
        result.with_pdf.append(build)
    for lang in ("ja", "en"):
        file = next((out / lang / "downloads").glob("*.pdf"))
        result.pdf_files[lang] = (pdf_made(result.with_pdf[-1])[lang][1], file.stat().st_size)


def build_b(exported: Path, logs: Path) -> tuple[Run, Run]:
    runs = []
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        command = [PYTHON, "-m", "mkdocs", "build", "-f", config]
        runs.append(_must(run(command, exported, logs / f"b-{config}.log"), f"plain MkDocs build of {config} (b)"))
    return runs[0], runs[1]


def measure_scale(factor: int, runs: int, edits: int, work: Path, source: Path, log) -> ScaleResult:
    root = work / f"x{factor}"
    logs = root / "logs"
    logs.mkdir(parents=True)
    log(f"×{factor}: writing the scaled project")
    scaled = make_scaled_project(factor, root / "project", source)
    result = ScaleResult(factor, scaled)
    project, exported, out_a = scaled.root, root / "exported", root / "site-a"
    result.data_bytes = sum(f.stat().st_size for f in (project / "data").rglob("*") if f.is_file())
    export = [PYTHON, "-m", "briefing", "--project", str(project), "export", str(exported), "--no-pdf"]
    result.export = _must(run(export, project, logs / "export.log"), "export")

    for i in range(runs):
        log(f"×{factor}: build run {i + 1}/{runs}")
        if i % 2 == 0:  # alternate the order, so neither side always runs on a warmer machine
            result.a.append(build_a(project, out_a, logs))
            result.b.append(build_b(exported, logs))
        else:
            result.b.append(build_b(exported, logs))
            result.a.append(build_a(project, out_a, logs))
    if factor == 1:
        measure_pdf(result, project, runs, root / "site-pdf", logs, log)
        for i in range(min(runs, 3)):
            log(f"×{factor}: offline copy {i + 1}/{min(runs, 3)}")
            command = [
                PYTHON,
                "-m",
                "briefing",
                "--project",
                str(project),
                "offline",
                "--out",
                str(root / "offline"),
                "--no-pdf",
            ]
            result.offline.append(_must(run(command, project, logs / "offline.log"), "the offline copy"))
    log(f"×{factor}: check")
    check = [PYTHON, "-m", "briefing", "--project", str(project), "check"]
    result.checks = [_must(run(check, project, logs / "check.log"), "check") for _ in range(CHECK_RUNS)]

    result.pages = {lang: len(weight.html_pages(out_a, lang)) for lang in ("ja", "en")}
    result.output = output_sizes(out_a, exported / "site")
    result.reader = reader_bytes(out_a, exported / "site")

    log(f"×{factor}: mkdocs serve, {edits} YAML edits")
    result.serve_a = serve_latency(project, edits, logs / "serve-a.log", yaml_edit=True)
    log(f"×{factor}: mkdocs serve of the plain project, {edits} Markdown edits")
    result.serve_b = serve_latency(exported, edits, logs / "serve-b.log", yaml_edit=False)
    for name, res in (("serve (a)", result.serve_a), ("serve (b)", result.serve_b)):
        if res.error:
            result.errors.append(f"×{factor} {name}: {res.error}")
    return result


@dataclass
class EditionsResult:
    count: int
    pages: int = 0  # content pages of both languages, every edition's
    a: list[Run] = field(default_factory=list)


def measure_editions(count: int, runs: int, work: Path, source: Path, log) -> EditionsResult:
    """The real briefing published as ``count`` editions (the older ones in full under editions/<date>/)."""
    root = work / f"editions{count}"
    logs = root / "logs"
    logs.mkdir(parents=True)
    log(f"{count} editions: writing the project")
    project = make_editions_project(count, root / "project", source)
    result = EditionsResult(count)
    for i in range(runs):
        log(f"{count} editions: build run {i + 1}/{runs}")
        result.a.append(build_a(project, root / "site", logs))
    result.pages = sum(len(weight.html_pages(root / "site", lang)) for lang in ("ja", "en"))
    return result


def serve_latency(project: Path, edits: int, log_file: Path, *, yaml_edit: bool) -> serve.ServeResult:
    port = serve.free_port()
    url = f"http://127.0.0.1:{port}/budget/{EDIT_LINE}/"
    command = [PYTHON, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"]
    values = (EDIT_VALUES * edits)[:edits]
    if yaml_edit:
        budget = project / "data" / "budget.yml"
        prepare = [lambda v=v: serve.yaml_amount_edit(budget, EDIT_LINE, EDIT_PHASE, v) for v in values]
    else:
        page = project / "docs" / "ja" / "budget" / EDIT_LINE / "index.md"  # as `briefing export` writes it
        prepare = [lambda v=v: _markdown_amount_edit(page, v) for v in values]
    return serve.measure(command, project, url, prepare, log_file, timeout=300)


def _markdown_amount_edit(page: Path, value: str) -> serve.Edit:
    """The same edit made by hand in the Markdown a team would maintain: the amount as shown."""
    text = page.read_text(encoding="utf-8")
    new, count = re.subn(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?億円", f"{value}億円", text, count=1)
    if not count:
        raise ValueError(f"no amount in {page}")
    return serve.Edit(page, new, f"{value}億円")


def _tree(root: Path) -> tuple[int, int]:
    files = [f for f in root.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files), len(files)


def output_sizes(site_a: Path, site_b: Path) -> dict:
    sizes: dict = {}
    for side, site in (("a", site_a), ("b", site_b)):
        total, files = _tree(site)
        html = [site / p / "index.html" for lang in ("ja", "en") for p in weight.html_pages(site, lang)]
        raw = [f.stat().st_size for f in html]
        gz = [weight.transfer_size(f) for f in html]
        largest = max(html, key=lambda f: f.stat().st_size)
        sizes[side] = {
            "bytes": total,
            "files": files,
            "html_pages": len(html),
            "html_bytes": sum(raw),
            "median_html": statistics.median(raw),
            "median_html_gz": statistics.median(gz),
            "largest_html": largest.stat().st_size,
            "largest_html_url": largest.parent.relative_to(site).as_posix() + "/",
            "search": {
                lang: (
                    (site / lang / "search" / "search_index.json").stat().st_size,
                    weight.transfer_size(site / lang / "search" / "search_index.json"),
                )
                for lang in ("ja", "en")
            },
        }
    return sizes


def reader_bytes(site_a: Path, site_b: Path) -> dict:
    """First views (home pages, a landing on an item page) and every second page after the home page."""
    result: dict = {}
    firsts = ["ja/", "en/", "ja/fields/materials/", "en/fields/materials/"]
    for side, site in (("a", site_a), ("b", site_b)):
        views = {}
        for url in firsts:
            if (site / url / "index.html").is_file():
                view = weight.first_view(site, url)
                views[url] = {"html": view.html, "assets": view.assets, "search": view.search, "page": view.page}
        seconds = []
        for lang in ("ja", "en"):
            for url in weight.html_pages(site, lang):
                if url != f"{lang}/":
                    view = weight.second_view(site, f"{lang}/", url)
                    seconds.append((view.html + view.assets, url))
        seconds.sort()
        items = [size for size, url in seconds if url.count("/") >= 3]  # <lang>/<collection>/<id>/
        result[side] = {
            "first": views,
            "second_median": statistics.median(s for s, _ in seconds),
            "second_item_median": statistics.median(items) if items else 0,
            "second_max": seconds[-1],
            "second_over": sum(1 for s, _ in seconds if s >= TARGETS["second_page_bytes"]),
            "second_over_list": [(s, u) for s, u in seconds if s >= TARGETS["second_page_bytes"]][-6:],
            "second_under_max": max((x for x in seconds if x[0] < TARGETS["second_page_bytes"]), default=(0, "")),
            "second_count": len(seconds),
        }
    chooser = site_a / "index.html"
    if chooser.is_file():
        result["chooser"] = weight.first_view(site_a, "").total
    return result


def profile(what: str, project: Path, out: Path, log) -> dict:
    log(f"profiling one {what} of {project.parent.name}")
    command = [PYTHON, "-m", "benchmarks.profiling", what, str(project), str(out)]
    result = run(command, PROJECT, out.with_suffix(".log"))
    if result.returncode:
        return {"error": result.output[-2000:]}
    return json.loads(out.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the report


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": f"{cpu}, {cores} cores available ({os.cpu_count()} online)",
        "Memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "MkDocs": version("mkdocs"),
        "Material for MkDocs": version("mkdocs-material"),
        "Others": ", ".join(
            f"{name} {version(name)}" for name in ("Markdown", "pymdown-extensions", "Jinja2", "pydantic", "PyYAML")
        ),
    }


def kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def mib(n: float) -> str:
    return f"{n / MiB:.0f} MiB"


def secs(n: float) -> str:
    return f"{n:.2f} s" if n < 100 else f"{n:.0f} s"


def duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def spread(values: list[float], fmt=secs) -> str:
    if not values:
        return "–"
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(min(values))} / **{fmt(statistics.median(values))}** / {fmt(max(values))}"


def yes(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**missed**")


def exponent(grow_time: float, grow_size: float) -> float:
    return math.log(grow_time) / math.log(grow_size) if grow_size > 1 and grow_time > 0 else float("nan")


def report(
    results: list[ScaleResult],
    profiles: dict[str, tuple[int, dict]],
    meta: dict,
    editions: EditionsResult | None = None,
) -> str:
    by = {r.factor: r for r in results}
    out: list[str] = []
    w = out.append
    w("# Benchmark results")
    w("")
    w(
        f"Written by `{meta['command']}` on {meta['date']} in {duration(meta['duration'])}"
        f" ({duration(meta['cpu'])} of CPU time). Do not edit by hand: rerun it."
    )
    w("")
    w("Reproduce with `make bench` (the full run; it writes this file) or `make bench-smoke` (×1 once, as CI runs it).")
    w(
        "How it measures: `benchmarks/run.py`; the scaled data: `benchmarks/scale.py`. The project (code, templates,"
        " data, configs) is copied once when the run starts and every measurement uses that copy."
    )
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("| --- | --- |")
    for key, value in meta["machine"].items():
        w(f"| {key} | {value} |")
    w(
        f"| Load average (1 min) | {meta['load_before']:.2f} before, {meta['load_after']:.2f} after; "
        "other processes running on the machine add noise to single runs |"
    )
    w("")

    # ------------------------------------------------ targets
    w("## Targets")
    w("")
    w("| Target | Measured | |")
    w("| --- | --- | --- |")
    for factor in (1, 10):
        if factor in by and by[factor].a:
            r, wall = by[factor].ratios(cpu=True), by[factor].ratios()
            extra = statistics.median(by[factor].a_times(cpu=True)) - statistics.median(by[factor].b_times(cpu=True))
            w(
                f"| Generator overhead a/b ≤ {TARGETS['overhead']} at ×{factor} | CPU time: median "
                f"{statistics.median(r):.2f} (min {min(r):.2f}, max {max(r):.2f}; runs: {len(r)}; a − b = "
                f"{secs(extra)}); wall time: median {statistics.median(wall):.2f} "
                f"| {yes(statistics.median(r) <= TARGETS['overhead'])} |"
            )
    if 10 in by and 100 in by:
        small, big = by[10], by[100]
        grow_t = statistics.median(big.a_times(cpu=True)) / statistics.median(small.a_times(cpu=True))
        grow_n = big.total_pages / small.total_pages
        k = exponent(grow_t, grow_n)
        w(
            f"| Build time grows no worse than linearly, ×10 → ×100 | pages ×{grow_n:.2f}, build CPU time "
            f"×{grow_t:.2f} (time ∝ pages^{k:.2f}) | {yes(grow_t <= grow_n)} |"
        )
    if 1 in by and by[1].offline:
        offline, build = by[1].offline, statistics.median(by[1].a_times(cpu=True))
        cost = statistics.median(run.cpu for run in offline)
        w(
            f"| The offline copy (`make offline`) is part of `make site` only if it costs < 10 % of the build "
            f"| CPU time: median {secs(cost)} (runs: {len(offline)}) = {cost / build:.0%} of the build "
            f"({secs(build)}): a build of its own | {yes(True)} (kept out of `make site`) |"
        )
    if editions and 1 in by:
        one = by[1]
        grow_t = statistics.median(run.cpu for run in editions.a) / statistics.median(one.a_times(cpu=True))
        grow_n = editions.pages / one.total_pages
        w(
            f"| Build time linear in the pages published, {editions.count} editions against 1 | pages ×{grow_n:.2f} "
            f"({one.total_pages} → {editions.pages}), build CPU time ×{grow_t:.2f} (runs: {len(editions.a)}; "
            f"peak memory {mib(max(run.peak_rss for run in editions.a))}) | {yes(grow_t <= grow_n)} |"
        )
    if 100 in by:
        peak = max(r.peak_rss for r in by[100].a)
        w(f"| Peak memory < 1 GiB at ×100 | {mib(peak)} (both languages) | {yes(peak < TARGETS['memory_bytes'])} |")
    if 1 in by:
        cpu, wall = by[1].check_times(cpu=True), by[1].check_times()
        med = statistics.median(cpu)
        w(
            f"| `make check` < 0.5 s at ×1 | CPU time: median {secs(med)} (max {secs(max(cpu))}); wall time: median "
            f"{secs(statistics.median(wall))} | {yes(med < TARGETS['check_seconds'])} |"
        )
        reader = by[1].reader
        worst = max(reader["a"]["first"].items(), key=lambda kv: kv[1]["page"] + kv[1]["search"])
        total = worst[1]["page"] + worst[1]["search"]
        later = ""
        if 100 in by:
            big = max(v["page"] + v["search"] for v in by[100].reader["a"]["first"].values())
            later = f"; at ×100 {kb(big)}, the search index growing with the data"
        w(
            f"| First page view < 300 KB with gzip (×1) | {kb(total)} at most ({worst[0]}: page {kb(worst[1]['page'])} "
            f"+ search {kb(worst[1]['search'])}){later} | {yes(total < TARGETS['first_view_bytes'])} |"
        )
        ratios = [
            (v["page"] + v["search"]) / (reader["b"]["first"][u]["page"] + reader["b"]["first"][u]["search"])
            for u, v in reader["a"]["first"].items()
        ]
        w(
            f"| First page view ≤ 1.1× the plain-MkDocs build of the same pages (×1) | {max(ratios):.3f}× at most "
            f"| {yes(max(ratios) <= TARGETS['first_view_ratio'])} |"
        )
        size, url = reader["a"]["second_max"]
        over = reader["a"]["second_over_list"]
        under_size, under_url = reader["a"]["second_under_max"]
        detail = f"median {kb(reader['a']['second_median'])}, largest {kb(size)} ({url})"
        if over:
            listed = ", ".join(f"{u} {kb(b)}" for b, u in over)
            detail += f"; {len(over)} over 30 KB: {listed}; every other page ≤ {kb(under_size)} ({under_url})"
        w(f"| Second page < 30 KB (×1) | {detail} | {yes(size < TARGETS['second_page_bytes'])} |")
    w("")
    w("(a) is the project's build, (b) plain MkDocs building the exported Markdown of the same pages.")
    w("Times are min / **median** / max. Bytes are gzip level 6 for text, as a server sends them; 1 KB = 1000 bytes.")
    w("")
    w(
        "Time targets are judged on CPU time (user + system time of the process, from wait4()). The builds and the"
        " check run in one thread, so on an idle machine their wall time is their CPU time plus a little I/O; CPU"
        " time stays the same when other processes compete for the cores, wall time does not (see the load"
        " average above). Both are given."
    )
    w("")

    # ------------------------------------------------ data
    w("## The data at each scale")
    w("")
    factors = [r.factor for r in results]
    w("| | " + " | ".join(f"×{f}" for f in factors) + " |")
    w("| --- | " + " | ".join("---:" for _ in factors) + " |")
    for key in results[0].scaled.counts:
        w(f"| {key} | " + " | ".join(str(r.scaled.counts[key]) for r in results) + " |")
    w("| content pages per language | " + " | ".join(str(r.pages.get("ja", 0)) for r in results) + " |")
    w("| data/ size | " + " | ".join(kb(r.data_bytes) for r in results) + " |")
    w("")
    for note in sorted({note for r in results for note in r.scaled.notes}):
        w(f"Scaling: {note}.")
        w("")
    w(
        "Copies repeat the same text, so gzip compresses the larger search indexes better than it would"
        " real text of the same size; the raw sizes are given beside them."
    )
    w("")

    # ------------------------------------------------ build
    w("## (a) against (b): build time")
    w("")
    w("| Scale | Runs | Time | (a) `briefing build`, both languages | (b) `mkdocs build` ×2, plain | a/b |")
    w("| --- | ---: | --- | --- | --- | --- |")
    for r in results:
        for label, cpu in (("CPU", True), ("wall", False)):
            w(
                f"| ×{r.factor} | {len(r.a)} | {label} | {spread(r.a_times(cpu))} | {spread(r.b_times(cpu))} "
                f"| {spread(r.ratios(cpu), lambda x: f'{x:.2f}')} |"
            )
    w("")
    w(
        "(a) runs `python -m briefing --project P build --out X --no-pdf`: it validates the data, runs both MkDocs"
        " builds in one process with the hook generating the pages, writes the language chooser and swaps the folder"
        " in. It leaves out the PDFs of the whole briefing, which (b) has no counterpart of: see (h) for them."
        " (b) runs `python -m mkdocs build -f mkdocs.yml` and `-f mkdocs.en.yml` on the output of"
        " `python -m briefing export` (the same pages as Markdown files, the same theme settings, no hook),"
        " in two processes, so (b) pays one more interpreter start than (a). Runs alternate a, b / b, a."
    )
    w("")
    if len(results) > 1:
        w("### Growth")
        w("")
        w("| From → to | Pages | (a) build, CPU | (b) plain, CPU | `check`, CPU | Peak memory (a) |")
        w("| --- | --- | --- | --- | --- | --- |")
        for small, big in itertools.pairwise(results):
            grow_n = big.total_pages / small.total_pages

            def grow(f, small=small, big=big, grow_n=grow_n) -> str:
                g = f(big) / f(small)
                return f"×{g:.2f} (∝ pages^{exponent(g, grow_n):.2f})"

            w(
                f"| ×{small.factor} → ×{big.factor} | ×{grow_n:.2f} "
                f"| {grow(lambda r: statistics.median(r.a_times(cpu=True)))} "
                f"| {grow(lambda r: statistics.median(r.b_times(cpu=True)))} "
                f"| {grow(lambda r: statistics.median(r.check_times(cpu=True)))} "
                f"| {grow(lambda r: max(x.peak_rss for x in r.a))} |"
            )
        w("")
        w("An exponent of 1 is linear; below 1, fixed costs (start-up, theme assets) still weigh.")
        w("")

    # ------------------------------------------------ check and serve
    w("## (c) `make check` and (d) from saving an edit to the rebuilt page")
    w("")
    w(
        "| Scale | (c) `briefing check`, CPU (wall median) | (d) `mkdocs serve`: start to first page "
        "| (d) YAML edit → page (hook) "
        "| Markdown edit → page (plain) |"
    )
    w("| --- | --- | --- | --- | --- |")
    for r in results:
        sa, sb = r.serve_a, r.serve_b
        w(
            f"| ×{r.factor} | {spread(r.check_times(cpu=True))} ({secs(statistics.median(r.check_times()))}) "
            f"| {secs(sa.ready) if sa else '–'} "
            f"| {spread(sa.latencies) if sa and sa.latencies else 'failed'} "
            f"| {spread(sb.latencies) if sb and sb.latencies else 'failed'} |"
        )
    w("")
    w(
        f"(c) is {CHECK_RUNS} runs of `python -m briefing --project P check`, interpreter start included."
        " (d) is wall time by nature: what a person editing waits for."
        " (d) starts `mkdocs serve -f mkdocs.yml -a 127.0.0.1:<free port>` (Japanese), changes an amount of the budget"
        f" line `{EDIT_LINE}` in data/budget.yml and polls `budget/{EDIT_LINE}/` every 20 ms from the moment the file"
        " is written until the page shows the new amount. MkDocs waits 0.1 s for more changes, then rebuilds the whole"
        " language. The plain column makes the same change in the exported Markdown page under `mkdocs serve`"
        " of the plain project."
    )
    w("")

    # ------------------------------------------------ memory
    w("## (e) Peak memory")
    w("")
    w("| Scale | (a) build, both languages | (b) plain, larger of the two | `check` | `mkdocs serve` (a) | (b) |")
    w("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        w(
            f"| ×{r.factor} | {mib(max(x.peak_rss for x in r.a))} "
            f"| {mib(max(max(ja.peak_rss, en.peak_rss) for ja, en in r.b))} "
            f"| {mib(max(c.peak_rss for c in r.checks))} "
            f"| {mib(r.serve_a.peak_rss) if r.serve_a else '–'} | {mib(r.serve_b.peak_rss) if r.serve_b else '–'} |"
        )
    w("")
    w("ru_maxrss of each process (resident set size), from wait4().")
    w("")

    # ------------------------------------------------ output
    w("## (f) Output")
    w("")
    w(
        "| Scale | Side | Output (files) | HTML pages | Median page (gzip) | Largest page | "
        "Search index ja / en (gzip) |"
    )
    w("| --- | --- | --- | ---: | --- | --- | --- |")
    for r in results:
        for side in ("a", "b"):
            o = r.output[side]
            search = " / ".join(f"{kb(raw)} ({kb(gz)})" for raw, gz in o["search"].values())
            w(
                f"| ×{r.factor} | ({side}) | {kb(o['bytes'])} ({o['files']}) | {o['html_pages']} "
                f"| {kb(o['median_html'])} ({kb(o['median_html_gz'])}) | {kb(o['largest_html'])} "
                f"({o['largest_html_url']}) | {search} |"
            )
    w("")
    w(
        "Output includes Material's assets in each language (scripts with their source maps, the lunr"
        " language files), about the same in (a) and (b); (a) also has the language chooser at the root."
    )
    w("")

    # ------------------------------------------------ reader
    w("## (g) What a reader downloads")
    w("")
    w("| Scale | First view | (a) page | (a) + search | (b) page | (b) + search | a/b |")
    w("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        for url, v in r.reader["a"]["first"].items():
            b = r.reader["b"]["first"].get(url)
            total_a = v["page"] + v["search"]
            total_b = b["page"] + b["search"] if b else 0
            w(
                f"| ×{r.factor} | {url} | {kb(v['page'])} | {kb(total_a)} | {kb(b['page']) if b else '–'} "
                f"| {kb(total_b) if b else '–'} | {total_a / total_b:.3f} |"
                if b
                else f"| ×{r.factor} | {url} | {kb(v['page'])} | {kb(total_a)} | – | – | – |"
            )
    w("")
    w("| Scale | Side | Second page, median (item pages) | Largest second page | Pages ≥ 30 KB |")
    w("| --- | --- | --- | --- | --- |")
    for r in results:
        for side in ("a", "b"):
            x = r.reader[side]
            size, url = x["second_max"]
            w(
                f"| ×{r.factor} | ({side}) | {kb(x['second_median'])} ({kb(x['second_item_median'])}) "
                f"| {kb(size)} ({url}) | {x['second_over']} of {x['second_count']} |"
            )
    w("")
    if 1 in by and "chooser" in by[1].reader:
        w(f"The language chooser at the site root is {kb(by[1].reader['chooser'])} on its own.")
        w("")
    w(
        "A first view is the page's HTML, every stylesheet, script, icon and image it references (and what"
        " those stylesheets reference), compressed as a server would send them. *+ search*: over http, Material"
        " 9.8 starts its search worker as the page loads and hands it the index straight away, so the worker,"
        " the lunr language files (Japanese: stemmer support, TinySegmenter, lunr.ja, lunr.multi) and"
        " `search/search_index.json` are transferred on the first view too, after the page has rendered; from"
        " `file://` only when search is opened. A second page is the next page opened from the home page: its"
        " HTML only, everything else is cached (instant navigation is off, so it is a full page load)."
        " Index pages list every item of their collection, so they grow with the data; item pages do not."
    )
    w("")

    # ------------------------------------------------ the PDFs
    if 1 in by:
        pdf_report(by[1], w)

    # ------------------------------------------------ profile
    w("## Where the time goes")
    w("")
    if not profiles:
        w("Not profiled in this run.")
        w("")
    for what, (scale, prof) in profiles.items():
        r = by[scale]
        if "error" in prof:
            w(f"The profiled {what} failed:\n\n```\n{prof['error']}\n```\n")
            continue
        unprofiled = r.a_times() if what == "build" else r.check_times()
        unprofiled_cpu = r.a_times(cpu=True) if what == "build" else r.check_times(cpu=True)
        w(f"### One {what} at ×{scale} under cProfile")
        w("")
        w(
            f"{secs(prof['wall_seconds'])} under the profiler; without it, median {secs(statistics.median(unprofiled))}"
            f" wall, {secs(statistics.median(unprofiled_cpu))} CPU, of which about {secs(prof['import_seconds'])} is"
            " importing the package (not profiled). Own time per package; time in C functions (regular expressions,"
            " I/O, libyaml, pydantic-core) counts for the package that called them."
        )
        w("")
        w("| Package | Seconds | Share |")
        w("| --- | ---: | ---: |")
        total = prof["profiled_seconds"]
        for name, seconds in prof["by_package"]:
            if seconds / total >= 0.005:
                w(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
        w("")
        w("| The generator's entry points (cumulative) | Calls | Seconds |")
        w("| --- | ---: | ---: |")
        for name, calls, seconds in prof["entry_points"]:
            if seconds >= 0.01:
                w(f"| `{name}` | {calls} | {seconds:.2f} |")
        w("")
        w("| Most own time | Calls | Seconds |")
        w("| --- | ---: | ---: |")
        for name, calls, seconds in prof.get("hot", [])[:12]:
            w(f"| `{name}` | {calls} | {seconds:.2f} |")
        w("")
    if meta["errors"]:
        w("## Errors")
        w("")
        for error in meta["errors"]:
            w(f"- {error}")
        w("")
    return "\n".join(out)


def pdf_report(r: ScaleResult, w) -> None:
    """(h) What the PDFs of the whole briefing add to `make site`, at ×1."""
    w("## (h) The PDFs of the whole briefing (×1)")
    w("")
    if r.pdf_skipped or not r.with_pdf:
        w(f"Not measured: {r.pdf_skipped or 'no build with the PDFs ran'}.")
        w("")
        return
    w("| | ja | en |")
    w("| --- | --- | --- |")
    w("| Pages | " + " | ".join(str(r.pdf_files[lang][0]) for lang in ("ja", "en")) + " |")
    w("| Size | " + " | ".join(kb(r.pdf_files[lang][1]) for lang in ("ja", "en")) + " |")
    w(
        "| Time to make it (wall), as the build reports it | "
        + " | ".join(spread(r.pdf_seconds(lang)) for lang in ("ja", "en"))
        + " |"
    )
    w("")
    w("| `briefing build` | Runs | CPU | Wall | Peak memory |")
    w("| --- | ---: | --- | --- | --- |")
    for label, runs in (("with the PDFs (`make site`)", r.with_pdf), ("without (`--no-pdf`, the (a) runs)", r.a)):
        w(
            f"| {label} | {len(runs)} | {spread([x.cpu for x in runs])} | {spread([x.seconds for x in runs])} "
            f"| {mib(max(x.peak_rss for x in runs))} |"
        )
    cpu = statistics.median(x.cpu for x in r.with_pdf) - statistics.median(r.a_times(cpu=True))
    wall = statistics.median(x.seconds for x in r.with_pdf) - statistics.median(r.a_times())
    w("")
    w(
        f"The PDFs add {secs(cpu)} of CPU time ({secs(wall)} wall) to `make site`, medians against medians:"
        f" ×{statistics.median(x.cpu for x in r.with_pdf) / statistics.median(r.a_times(cpu=True)):.1f} the build"
        " without them: rendering the pages for them and Typst typesetting them (the time each PDF took is measured"
        " inside the build, from rendering its pages to the PDF's bytes). The live preview (`make serve`) never"
        " makes them; `--no-pdf` leaves them out. Not measured at ×10 and ×100: a PDF holds every page of the"
        " print page, so it grows with the data like the print page does."
    )
    w("")


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated factors (default 1,10,100)")
    parser.add_argument("--runs", type=int, help="build runs per scale (default: 5 at ×1 and ×10, 3 at ×100)")
    parser.add_argument("--edits", type=int, help="serve edits per scale (default: 3, 2 at ×100)")
    parser.add_argument("--profile-scale", type=int, help="scale to profile (default: 10 if run, else the largest)")
    parser.add_argument("--editions", type=int, default=3, help="editions of the editions case (0: skip it)")
    parser.add_argument("--out", type=Path, help="write the report here (default: stdout)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    prof_scale = args.profile_scale or (10 if 10 in scales else max(scales))
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    errors: list[str] = []
    try:
        # One snapshot of the project for the whole run, its code included: every process imports
        # the briefing package from it, so edits made in the tree meanwhile cannot mix versions.
        snapshot = copy_project(work / "snapshot")
        ENV["PYTHONPATH"] = str(snapshot / "hooks")
        sys.path.insert(0, str(snapshot / "hooks"))
        results = []
        for factor in scales:
            runs = args.runs or DEFAULT_RUNS.get(factor, 3)
            edits = args.edits or SERVE_EDITS.get(factor, 2)
            result = measure_scale(factor, runs, edits, work, snapshot, log)
            errors += result.errors
            results.append(result)
        editions = None
        if args.editions > 1:
            editions = measure_editions(args.editions, args.runs or DEFAULT_RUNS[1], work, snapshot, log)
        profiles = {}
        if prof_scale in scales:
            project = work / f"x{prof_scale}" / "project"
            profiles["build"] = (prof_scale, profile("build", project, work / "profile-build.json", log))
        if 1 in scales:
            profiles["check"] = (1, profile("check", work / "x1" / "project", work / "profile-check.json", log))
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    meta = {
        "command": command,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "duration": time.perf_counter() - started,
        "cpu": sum(
            getattr(resource.getrusage(who), field)
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
            for field in ("ru_utime", "ru_stime")
        ),
        "machine": machine(),
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "errors": errors,
    }
    text = report(results, profiles, meta, editions)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
        log(f"wrote {args.out} in {meta['duration']:.0f} s")
    else:
        print(text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
