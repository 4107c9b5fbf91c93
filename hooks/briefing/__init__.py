"""Turns the YAML files of a policy briefing into the pages of a bilingual MkDocs site.

models (the data's shape) → loader (YAML with positions, all problems at once) →
integrity (cross-file checks) → site and pages (one generator per kind of page,
rendered through templates/) → the MkDocs hook or ``python -m briefing export``.
"""
