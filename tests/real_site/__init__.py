"""Tests of the real project's site, built once per test session (tests/conftest.py)."""
