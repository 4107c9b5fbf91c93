"""The measurements of ``make bench``, each in processes of its own (proc.py).

(a) the project's cold build of both languages (``briefing build``, its cache removed first, so that
    nothing is reused), without the PDFs, which (b) has no counterpart of;
(b) plain MkDocs + Material building the very same pages from the exported Markdown (``briefing
    export``, then ``mkdocs build`` once per language), alternating with (a);
(c) ``briefing check``;
(d) from saving a YAML edit to the page served by ``briefing serve``, in the language being read and in
    the other one; and plain ``mkdocs serve`` of the exported Markdown with the same edit made by hand;
(h) the cold build with the PDFs (×1);
(i) a build with nothing changed since the last one (``make site`` run twice);
(j) a build after one budget amount changed, with the pages it made again.
"""

from __future__ import annotations

import re
import shutil
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import serve, weight
from benchmarks.proc import PYTHON, Run, run
from benchmarks.scale import Scaled

# The edit: an amount of a budget line outside its programme's total, so that totals stay valid.
EDIT_LINE, EDIT_PHASE = "ai-for-science-computing", "fy2025-supplementary"
EDIT_VALUES = ("76.37", "76.41", "76.53", "76.61", "76.73")


def must(result: Run, what: str) -> Run:
    if result.returncode:
        raise SystemExit(f"{what} failed (exit {result.returncode}):\n{result.output[-3000:]}")
    return result


def cold(out: Path) -> None:
    """Remove a build's output and its cache (``make clean``): the next build makes everything."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(out.parent / f".{out.name}.cache", ignore_errors=True)


def briefing(project: Path, *args: str) -> list[str]:
    return [PYTHON, "-m", "briefing", "--project", str(project), *args]


def build_a(project: Path, out: Path, log: Path, *, pdf: bool = False, fresh: bool = True) -> Run:
    """The project's build of both languages; cold unless ``fresh`` is false (then it reuses the last)."""
    if fresh:
        cold(out)
    command = briefing(project, "build", "--out", str(out), *([] if pdf else ["--no-pdf"]))
    return must(run(command, project, log), f"the project's build ({log.stem})")


def build_b(exported: Path, logs: Path, site: Path) -> tuple[Run, Run]:
    """Plain MkDocs' build of each language of the exported pages, into ``site``/<lang>."""
    runs = []
    for lang, config in (("ja", "mkdocs.yml"), ("en", "mkdocs.en.yml")):
        command = [PYTHON, "-m", "mkdocs", "build", "-f", config, "--site-dir", str(site / lang)]
        runs.append(must(run(command, exported, logs / f"b-{config}.log"), f"plain MkDocs build of {config} (b)"))
    return runs[0], runs[1]


_MADE = re.compile(r"^Made (\w+)/\S+: (\d+) pages, \d+ KB, in ([\d.]+) s\.$", re.MULTILINE)
_COUNTS = re.compile(r"^Pages: (\d+) of (\d+) rendered", re.MULTILINE)
_BUILT = re.compile(r"^Built (\w+)/: (\d+) pages \((\d+) converted to HTML, (\d+) set in the theme", re.MULTILINE)


def pdfs_made(build: Run) -> dict[str, tuple[float, int]]:
    """lang → (seconds, pages) of each PDF the build made, from what it printed (pdf.PdfFile.summary)."""
    return {lang: (float(seconds), int(pages)) for lang, pages, seconds in _MADE.findall(build.output)}


def pages_done(build: Run) -> dict[str, int]:
    """How many pages the build rendered from their templates and in the theme (what it printed)."""
    found: dict[str, int] = {}
    if match := _COUNTS.search(build.output):
        found["rendered"], found["pages"] = int(match[1]), int(match[2])
    for _, _, _converted, themed in _BUILT.findall(build.output):
        found["themed"] = found.get("themed", 0) + int(themed)
    return found


@dataclass
class Rebuilds:
    """(i) and (j): builds after a first one, in the same output folder (its cache kept)."""

    unchanged: list[Run] = field(default_factory=list)
    one_item: list[Run] = field(default_factory=list)
    done: list[dict[str, int]] = field(default_factory=list)  # pages made again by each one-item build


def measure_rebuilds(project: Path, out: Path, logs: Path, runs: int, *, pdf: bool, built: bool = False) -> Rebuilds:
    """Builds with nothing changed and with one amount changed, into ``out``: built first, unless ``built``
    (the last cold build went there, with the same options: at ×100 another would cost minutes)."""
    result = Rebuilds()
    budget = project / "data" / "budget.yml"
    original = budget.read_text(encoding="utf-8")
    if not built:
        build_a(project, out, logs / "rebuild-first.log", pdf=pdf)
    try:
        for i in range(runs):
            result.unchanged.append(build_a(project, out, logs / "rebuild-unchanged.log", pdf=pdf, fresh=False))
            edit = serve.yaml_amount_edit(budget, EDIT_LINE, EDIT_PHASE, EDIT_VALUES[i % len(EDIT_VALUES)])
            budget.write_text(edit.text, encoding="utf-8")
            one = build_a(project, out, logs / "rebuild-one-item.log", pdf=pdf, fresh=False)
            result.one_item.append(one)
            result.done.append(pages_done(one))
    finally:
        budget.write_text(original, encoding="utf-8")
    return result


@dataclass
class Serving:
    """(d): the preview's save-to-page times, in the language being read and then in the other."""

    first: serve.ServeResult
    other: list[float] = field(default_factory=list)


def serve_latency(project: Path, edits: int, log: Path) -> serve.ServeResult:
    """``briefing serve``: save an amount, then poll the Japanese page (the one being read) until it shows it;
    the English page is polled after it, and ``other`` records when it followed."""
    from briefing.text.formats import yen

    port = serve.free_port()
    base = f"http://127.0.0.1:{port}/"
    budget = project / "data" / "budget.yml"
    values = (EDIT_VALUES * edits)[:edits]
    prepare = [lambda v=v: serve.yaml_amount_edit(budget, EDIT_LINE, EDIT_PHASE, v) for v in values]
    others = [(f"{base}en/budget/{EDIT_LINE}/", yen(_decimal(v), "en")) for v in values]
    command = briefing(project, "serve", "--port", str(port))
    return serve.measure(command, project, f"{base}ja/budget/{EDIT_LINE}/", prepare, log, 600, others)


def serve_latency_plain(exported: Path, edits: int, log: Path) -> serve.ServeResult:
    """Plain ``mkdocs serve`` of the exported Markdown, the same amount changed in it by hand."""
    port = serve.free_port()
    url = f"http://127.0.0.1:{port}/budget/{EDIT_LINE}/"
    page = exported / "docs" / "ja" / "budget" / EDIT_LINE / "index.md"
    values = (EDIT_VALUES * edits)[:edits]
    prepare = [lambda v=v: _markdown_amount_edit(page, v) for v in values]
    command = [PYTHON, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"]
    return serve.measure(command, exported, url, prepare, log, 600)


def _decimal(value: str):
    from decimal import Decimal

    return Decimal(value)


def _markdown_amount_edit(page: Path, value: str) -> serve.Edit:
    """The same edit made by hand in the Markdown a team would maintain: the amount as shown."""
    text = page.read_text(encoding="utf-8")
    new, count = re.subn(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?億円", f"{value}億円", text, count=1)
    if not count:
        raise ValueError(f"no amount in {page}")
    return serve.Edit(page, new, f"{value}億円")


def output_sizes(site: Path) -> dict:
    files = [f for f in site.rglob("*") if f.is_file()]
    html = [site / p / "index.html" for lang in ("ja", "en") for p in weight.html_pages(site, lang)]
    raw = [f.stat().st_size for f in html]
    largest = max(html, key=lambda f: f.stat().st_size)
    return {
        "bytes": sum(f.stat().st_size for f in files),
        "files": len(files),
        "html_pages": len(html),
        "median_html": statistics.median(raw),
        "median_html_gz": statistics.median(weight.transfer_size(f) for f in html),
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


def reader_bytes(site: Path) -> dict:
    """First views (home pages, a landing on an item page) and every second page after the home page."""
    views = {}
    for url in ("ja/", "en/", "ja/fields/materials/", "en/fields/materials/"):
        if (site / url / "index.html").is_file():
            view = weight.first_view(site, url)
            views[url] = {"page": view.page, "search": view.search, "total": view.page + view.search}
    seconds = sorted(
        (view.html + view.assets, url)
        for lang in ("ja", "en")
        for url in weight.html_pages(site, lang)
        if url != f"{lang}/"
        for view in [weight.second_view(site, f"{lang}/", url)]
    )
    return {
        "first": views,
        "second_median": statistics.median(size for size, _ in seconds),
        "second_max": seconds[-1],
        "second_count": len(seconds),
    }


def scaled_counts(scaled: Scaled) -> dict[str, int]:
    return dict(scaled.counts)
