"""What a build is asked to make, given to it explicitly (never through a module's state or MkDocs'
config.extra): where the site is published, whether it is the offline copy, whether to make the PDFs."""

from __future__ import annotations

from dataclasses import dataclass

from ..plan.urls import language_url


@dataclass(frozen=True)
class BuildOptions:
    site_url: str | None = None  # where the site is published (https://…/), if known
    offline: bool = False  # the copy that works opened from file:// (offline.py)
    make_pdf: bool = False  # each language's PDF of the whole briefing
    parallel: bool = True  # the languages and PDFs in child processes, on both cores

    def language_url(self, lang: str) -> str | None:
        return language_url(self.site_url, lang)
