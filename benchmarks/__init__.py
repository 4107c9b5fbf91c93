"""Benchmarks of the briefing generator: ``make bench`` (see run.py). Not part of ``make test``."""
