"""The scaled briefings `make bench` measures are made as it makes them: a mistake there would otherwise
show only after the ×1 runs of a 30-minute benchmark (it once did)."""

from __future__ import annotations

from base import PROJECT

from benchmarks.scale import make_editions_project, make_scaled_project


def test_the_data_doubled_passes_the_checks_with_every_collection_but_the_kept_ones_doubled(tmp_path, briefing):
    twice = make_scaled_project(2, tmp_path / "x2", PROJECT)
    kept = {"source sections", "parts of the deck", "budget phases"}
    for spec in briefing.declaration.collections:
        count = len(briefing[spec.id])
        assert twice.counts[spec.names] == (count if spec.names in kept else 2 * count), spec.names


def test_three_editions_of_the_data_are_made_as_an_editor_makes_them(tmp_path):
    project = make_editions_project(3, tmp_path / "editions", PROJECT)
    assert len(list((project / "editions").iterdir())) == 2  # the two older ones, frozen


def test_the_benchmark_reads_the_counts_a_build_prints():
    """It reads them from the build's stage lines: they must say what it looks for (they once changed)."""
    from briefing.messages import say

    from benchmarks.measure import pages_done, pdfs_made
    from benchmarks.proc import Run

    printed = "\n".join(
        [
            say("pdf_made", "en", file="ja/downloads/briefing-ja.pdf", pages=34, size=1193, seconds="1.2"),
            say("stage_pages", "en", rendered=36, count=210) + " (0.6 s)",
            *(
                say("stage_language", "en", lang=lang, count=107, converted=4, themed=3, files=119) + " (0.2 s)"
                for lang in ("ja", "en")
            ),
        ]
    )
    run = Run(seconds=0, cpu=0, peak_rss=0, returncode=0, output=printed)
    assert pages_done(run) == {"rendered": 36, "pages": 210, "themed": 6}
    assert pdfs_made(run) == {"ja": (1.2, 34)}
