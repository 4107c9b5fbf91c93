"""Tests that build tiny briefings (base.SMALL_BRIEFING) in this process, one mechanism at a time."""
