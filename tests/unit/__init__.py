"""Tests that build nothing: the loader, the checks, the messages, the shape of the code, this briefing's data."""
