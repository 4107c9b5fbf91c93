"""The benchmark's report: the figures worked out from the measurements (medians, ratios, growth, the
targets), written into RESULTS.md.j2 beside this file, which holds the words and the tables."""

from __future__ import annotations

import itertools
import math
import statistics
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from benchmarks.measure import pdfs_made

MiB = 1024 * 1024
TEMPLATE = "RESULTS.md.j2"
TARGETS = {
    "preview_x1": 1.0,  # seconds from a save to the page being read, median of 5 edits
    "preview_x10": 3.0,
    "unchanged_cpu": 2.0,  # a second `make site` with nothing changed
    "overhead_pdf": 1.5,  # cold build with the PDFs against plain MkDocs (×1)
    "overhead": 1.10,  # cold build without them against plain MkDocs (×1)
    "pdf_cpu": 3.0,  # what both PDFs add to a cold build
    "memory": 1024 * MiB,  # peak memory at ×100
    "duration": 30 * 60,  # the whole run
    "check_cpu": 0.5,
}


def median(values) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def exponent(grow_time: float | None, grow_size: float) -> float | None:
    """k in time ∝ size^k, between two scales."""
    if not grow_time or grow_size <= 1:
        return None
    return math.log(grow_time) / math.log(grow_size)


def _cpu(runs) -> list[float]:
    return [run.cpu for run in runs]


def scale_figures(r) -> dict:
    a_cpu, b_cpu = _cpu(r.a), [ja.cpu + en.cpu for ja, en in r.b]
    a_wall, b_wall = [run.seconds for run in r.a], [ja.seconds + en.seconds for ja, en in r.b]
    figures = {
        "factor": r.factor,
        "counts": r.scaled.counts,
        "pages": r.pages.get("ja", 0),
        "total_pages": sum(r.pages.values()),
        "data_bytes": r.data_bytes,
        "runs": len(r.a),
        "a_cpu": a_cpu,
        "b_cpu": b_cpu,
        "a_wall": a_wall,
        "b_wall": b_wall,
        "ratios": [a / b for a, b in zip(a_cpu, b_cpu, strict=True)],
        "wall_ratios": [a / b for a, b in zip(a_wall, b_wall, strict=True)],
        "peak": max((run.peak_rss for run in r.a), default=0),
        "peak_plain": max((max(ja.peak_rss, en.peak_rss) for ja, en in r.b), default=0),
        "check_cpu": _cpu(r.checks),
        "output": r.output,
        "output_plain": r.output_plain,
        "reader": r.reader,
        "reader_plain": r.reader_plain,
        "errors": r.errors,
        "pdf_skipped": r.pdf_skipped,
    }
    if r.with_pdf:
        made = [pdfs_made(run) for run in r.with_pdf]
        figures["pdf"] = {
            "cpu": _cpu(r.with_pdf),
            "wall": [run.seconds for run in r.with_pdf],
            "added": median(_cpu(r.with_pdf)) - median(a_cpu),
            "ratio": median(_cpu(r.with_pdf)) / median(b_cpu),
            "pages": {lang: made[-1][lang][1] for lang in made[-1]},
            "seconds": {lang: [m[lang][0] for m in made if lang in m] for lang in made[-1]},
            "peak": max(run.peak_rss for run in r.with_pdf),
        }
    if r.rebuilds:
        figures["rebuilds"] = {
            "pdf": r.rebuilds_pdf,
            "unchanged": _cpu(r.rebuilds.unchanged),
            "unchanged_wall": [run.seconds for run in r.rebuilds.unchanged],
            "one_item": _cpu(r.rebuilds.one_item),
            "one_item_wall": [run.seconds for run in r.rebuilds.one_item],
            "done": r.rebuilds.done[-1] if r.rebuilds.done else {},
        }
    if r.serve:
        figures["serve"] = {
            "ready": r.serve.ready,
            "latencies": r.serve.latencies,
            "others": r.serve.others,
            "peak": r.serve.peak_rss,
            "plain": r.serve_plain.latencies if r.serve_plain else [],
            "plain_ready": r.serve_plain.ready if r.serve_plain else None,
        }
    return figures


def growth(small: dict, big: dict) -> dict:
    """From one scale to the next: how pages and each time grew, and the exponents."""
    grow_n = big["total_pages"] / small["total_pages"]
    found = {"from": small["factor"], "to": big["factor"], "pages": grow_n}

    def grew(get) -> tuple[float | None, float | None]:
        before, after = get(small), get(big)
        if before is None or after is None or before <= 0:
            return None, None
        return after / before, exponent(after / before, grow_n)

    found["a"] = grew(lambda f: median(f["a_cpu"]))
    found["b"] = grew(lambda f: median(f["b_cpu"]))
    found["check"] = grew(lambda f: median(f["check_cpu"]))
    found["unchanged"] = grew(lambda f: median(f["rebuilds"]["unchanged"]) if "rebuilds" in f else None)
    found["one_item"] = grew(lambda f: median(f["rebuilds"]["one_item"]) if "rebuilds" in f else None)
    found["serve"] = grew(lambda f: median(f["serve"]["latencies"]) if "serve" in f else None)
    found["peak"] = grew(lambda f: f["peak"] or None)
    return found


def targets(by: dict[int, dict], editions: dict | None, meta: dict) -> list[dict]:
    """Each target that was measured: which (``kind``, worded in RESULTS.md.j2), its limit, what was
    measured and whether it is met."""
    rows = []

    def add(kind: str, met: bool, **values) -> None:
        rows.append({"kind": kind, "met": met, **values})

    for factor, limit in ((1, TARGETS["preview_x1"]), (10, TARGETS["preview_x10"])):
        serving = by.get(factor, {}).get("serve")
        if serving and serving["latencies"]:
            value = median(serving["latencies"])
            add(
                "preview",
                value <= limit,
                limit=limit,
                factor=factor,
                median=value,
                max=max(serving["latencies"]),
                edits=len(serving["latencies"]),
                other=median(serving["others"]) or 0,
            )
    one = by.get(1)
    if one and "rebuilds" in one and one["rebuilds"]["unchanged"]:
        value = median(one["rebuilds"]["unchanged"])
        add(
            "unchanged",
            value <= TARGETS["unchanged_cpu"],
            limit=TARGETS["unchanged_cpu"],
            median=value,
            pdf=one["rebuilds"]["pdf"],
        )
    if one:
        ratio = median(one["ratios"])
        add(
            "overhead",
            ratio <= TARGETS["overhead"],
            limit=TARGETS["overhead"],
            ratio=ratio,
            a=median(one["a_cpu"]),
            b=median(one["b_cpu"]),
        )
        if "pdf" in one:
            pdf = one["pdf"]
            add(
                "overhead_pdf",
                pdf["ratio"] <= TARGETS["overhead_pdf"],
                limit=TARGETS["overhead_pdf"],
                ratio=pdf["ratio"],
                cpu=median(pdf["cpu"]),
            )
            add("pdf_cpu", pdf["added"] <= TARGETS["pdf_cpu"], limit=TARGETS["pdf_cpu"], added=pdf["added"])
        check = median(one["check_cpu"])
        add("check_cpu", check < TARGETS["check_cpu"], limit=TARGETS["check_cpu"], median=check)
    if 100 in by:
        peak = max(by[100]["peak"], by[100].get("serve", {}).get("peak", 0))
        add("memory", peak < TARGETS["memory"], peak=peak)
    if editions:
        done = editions["done"]
        add(
            "editions",
            done.get("rendered", 10**9) < done.get("pages", 0) / 4,
            factor=editions["factor"],
            count=editions["count"],
            rendered=done.get("rendered", "–"),
            pages=done.get("pages", "–"),
        )
    add("duration", meta["duration"] <= TARGETS["duration"], limit=TARGETS["duration"], duration=meta["duration"])
    return rows


def editions_figures(e, single: dict | None) -> dict | None:
    if e is None:
        return None
    cpu = _cpu(e.a)
    figures = {
        "factor": e.factor,
        "count": e.count,
        "pages": e.pages,
        "cpu": cpu,
        "peak": max((run.peak_rss for run in e.a), default=0),
        "one_item": _cpu(e.rebuilds.one_item) if e.rebuilds else [],
        "done": e.rebuilds.done[-1] if e.rebuilds and e.rebuilds.done else {},
    }
    if single:
        figures["grow_pages"] = e.pages / single["total_pages"]
        figures["grow_cpu"] = median(cpu) / median(single["a_cpu"])
    return figures


def write_report(results: list, editions, profiles: dict, meta: dict) -> str:
    scales = [scale_figures(r) for r in results]
    by = {figures["factor"]: figures for figures in scales}
    editions_values = editions_figures(editions, by.get(editions.factor) if editions else None)
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        secs=_secs,
        kb=_kb,
        mib=_mib,
        times=_times,
        exponent=lambda k: "–" if k is None else f"{k:.2f}",
        pct=lambda x: f"{x:.0%}",
    )
    env.globals.update(median=median)
    return env.get_template(TEMPLATE).render(
        meta=meta,
        scales=scales,
        by=by,
        growth=[growth(small, big) for small, big in itertools.pairwise(scales)],
        editions=editions_values,
        targets=targets(by, editions_values, meta),
        profiles=profiles,
    )


def _secs(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _kb(value: float) -> str:
    return f"{value / 1000:.1f} KB"


def _mib(value: float) -> str:
    return f"{value / MiB:.0f} MiB"


def _times(value: float | None) -> str:
    return "–" if value is None else f"×{value:.2f}"
