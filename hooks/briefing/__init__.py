"""Turns the YAML files of a policy briefing into the pages of a bilingual MkDocs site.

One way through, a folder per stage:

    project/ (the files a build reads) → load/ (YAML with positions → the declaration → models, model/)
    → plan/ (every page and address) → check/ (all problems at once) → render/ (Jinja, pages)
    → publish/ (downloads, PDFs, offline copy) → build/ (MkDocs, redoing only what changed)
    → preview/ (make serve) and cli/ (make check, site, export…)

It knows no briefing's subject: what a briefing is about (its models beyond those data/collections.yml can
declare, its rules, its figures and charts) is the briefing's own Python, in its templates/domain/, loaded
by load/domain.py and nowhere else (model/domain.py says what a domain gives).
"""

from pathlib import Path

ENGINE = Path(__file__).parent  # the generator: its code, its own templates and its vendored scripts
