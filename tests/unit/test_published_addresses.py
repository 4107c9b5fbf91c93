"""The record of published addresses (data/published-addresses.txt) holds every address the real data has."""

from __future__ import annotations

from base import PROJECT
from briefing.check.addresses import MANIFEST, read_manifest
from briefing.check.validate import validate


def test_committed_manifest_holds_every_current_address():
    recorded = {address for _, address in read_manifest(PROJECT / "data")}
    current = validate(PROJECT).addresses
    missing = current - recorded
    assert not missing, f"run `make site` and commit data/{MANIFEST}: {sorted(missing)[:5]}"
    assert "working-groups/#materials" in current and "budget/arim/" in current
