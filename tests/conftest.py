"""Shared fixtures: the real briefing, built once per test session into a temporary folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from briefing.cli import PROJECT
from briefing.load.briefing import Briefing
from briefing.load.domain import load_domain
from briefing.load.loader import load_briefing
from briefing.project.files import copy_inputs
from bs4 import BeautifulSoup

LANGS = ("ja", "en")


@pytest.fixture(scope="session")
def briefing() -> Briefing:
    return load_briefing(PROJECT / "data", load_domain(PROJECT))


def run_briefing(*args: str, project: Path = PROJECT, pdf: bool = False) -> subprocess.CompletedProcess:
    """Run the command line as a person would, in a separate process. A build leaves out the PDFs unless
    asked (``pdf``): laying them out takes longer than the rest of the build, and the session's ``site``
    has them for tests/test_pdf.py."""
    if args[:1] in (("build",), ("publish",), ("export",), ("offline",)) and not pdf:
        args = (*args, "--no-pdf")
    return subprocess.run(
        [sys.executable, "-m", "briefing", "--project", str(project), *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def build_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("built") / "site"
    return out, run_briefing("build", "--out", str(out), pdf=True)


@pytest.fixture(scope="session")
def site(build_run) -> Path:
    out, result = build_run
    assert result.returncode == 0, result.stderr
    return out


# An address that has moved (old → new) in the project as published_site builds it.
MOVED = ("fields/material/", "fields/materials/")
SITE_URL = "https://intranet.example/briefings/materials/"


@pytest.fixture(scope="session")
def published_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The site as built for a server: with a site URL, from a copy of the project in which one address
    has moved (MOVED), so that the page that forwards from it is built too."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    (project / "data" / "redirects.yml").write_text(
        f"redirects:\n  - {{old: {MOVED[0]}, new: {MOVED[1]}}}\n", encoding="utf-8"
    )
    out = project.parent / "site"
    return out, run_briefing("build", "--out", str(out), "--site-url", SITE_URL, project=project, pdf=True)


@pytest.fixture(scope="session")
def published_site(published_run) -> Path:
    out, result = published_run
    assert result.returncode == 0, result.stderr
    return out


def copy_project(target: Path) -> Path:
    """A private copy of the project, for tests that break its data."""
    return copy_inputs(PROJECT, target)


def page_file(site: Path, lang: str, url: str) -> Path:
    return site / lang / url / "index.html"


def leads_on(path: Path) -> bool:
    """A page left at an address only to lead on to another (a moved page, or an address of the
    current edition under editions/<date>/): no theme, no content of its own."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:600]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(site: Path, lang: str, url: str) -> BeautifulSoup:
    content = soup(page_file(site, lang, url)).select_one("article.md-content__inner")
    assert content is not None, f"{lang}/{url} has no article"
    for chrome in content.select("a.headerlink, details.briefing-cite"):  # the ¶ after headings, the citation box
        chrome.decompose()
    return content


INLINE = ("abbr", "span", "a", "strong", "em", "small", "sup", "code", "i", "b", "time", "wbr", "cite")


def text_of(node) -> str:
    """Visible text as a reader sees it: spaces between blocks, none added inside a sentence."""
    node = BeautifulSoup(str(node), "html.parser")
    for inline in node.find_all(INLINE):
        inline.unwrap()
    node.smooth()  # join the pieces of text the unwrapped tags leave side by side
    return " ".join(node.get_text(" ").split())


def readme_policy() -> str:
    """The Content-Security-Policy of the README's server examples (nginx and Apache must send the same),
    so that the tests check the very policy a publisher copies."""
    import re

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    nginx = re.findall(r'^\s*add_header Content-Security-Policy "([^"]+)" always;$', readme, re.MULTILINE)
    apache = re.findall(r'^\s*Header always set Content-Security-Policy "([^"]+)"$', readme, re.MULTILINE)
    assert len(nginx) == 1, f"the README's nginx example should set the policy once: {nginx}"
    assert apache == nginx, f"the README's Apache example sends another policy than nginx: {apache} ≠ {nginx}"
    return nginx[0]
