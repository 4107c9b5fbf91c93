"""The scaled briefings `make bench` measures are made as it makes them: a mistake there would otherwise
show only after the ×1 runs of a 30-minute benchmark (it once did)."""

from __future__ import annotations

from base import PROJECT

from benchmarks.scale import make_editions_project, make_scaled_project


def test_the_data_doubled_passes_the_checks_with_every_collection_but_the_kept_ones_doubled(tmp_path):
    once = make_scaled_project(1, tmp_path / "x1", PROJECT)
    twice = make_scaled_project(2, tmp_path / "x2", PROJECT)
    kept = {"source sections", "parts of the deck", "budget phases"}
    for name, count in once.counts.items():
        assert twice.counts[name] == (count if name in kept else 2 * count), name


def test_three_editions_of_the_data_are_made_as_an_editor_makes_them(tmp_path):
    project = make_editions_project(3, tmp_path / "editions", PROJECT)
    assert len(list((project / "editions").iterdir())) == 2  # the two older ones, frozen
