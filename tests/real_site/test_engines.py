"""The way off Material for MkDocs (end of life 5 May 2027), tried for real: `make export` built by
ProperDocs (the drop-in fork of MkDocs 1.6) and by Zensical (Material's successor), each pinned in
tests/engines/ and installed by `make test` in .venv-engines/. What differs is in docs/other-engines.md.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from base import LANGS, PROJECT, all_pages, article, soup, text_of, unavailable

ENGINES = PROJECT / ".venv-engines"
COMMANDS = {"properdocs": ["properdocs", "build", "--strict", "-f"], "zensical": ["zensical", "build", "-f"]}


def _engine(name: str) -> Path:
    program = ENGINES / name / "bin" / COMMANDS[name][0]
    if not program.is_file():
        unavailable(f"{name} is not installed: `make test` installs it from tests/engines/{name}.txt")
    return program


def _build(name: str, exported: Path, tmp_path_factory) -> Path:
    program = _engine(name)
    project = tmp_path_factory.mktemp(name) / "project"
    shutil.copytree(exported, project)
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        built = subprocess.run(
            [str(program), *COMMANDS[name][1:], config],
            capture_output=True,
            text=True,
            check=False,
            cwd=project,
            env={"PATH": "/usr/bin:/bin", "HOME": str(project), "NO_MKDOCS_2_WARNING": "1"},
        )
        assert built.returncode == 0, f"{name} {config}:\n{built.stderr}"
        assert "WARNING" not in built.stderr and "Error" not in built.stderr, built.stderr
    return project / "site"


@pytest.fixture(scope="module")
def properdocs(exported, tmp_path_factory) -> Path:
    return _build("properdocs", exported, tmp_path_factory)


@pytest.fixture(scope="module")
def zensical(exported, tmp_path_factory) -> Path:
    return _build("zensical", exported, tmp_path_factory)


def test_the_export_needs_no_inherit(exported):
    """Zensical merges INHERIT's lists instead of replacing them: each exported config is complete."""
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        settings = yaml.safe_load((exported / config).read_text(encoding="utf-8"))
        assert "INHERIT" not in settings and settings["theme"]["language"] == ("en" if ".en." in config else "ja")


@pytest.mark.parametrize("lang", LANGS)
def test_properdocs_builds_the_same_site(site, properdocs, lang):
    pages = all_pages(site, lang)
    assert all_pages(properdocs, lang) == pages and len(pages) > 100
    for url in pages:
        assert text_of(article(properdocs, lang, url)) == text_of(article(site, lang, url)), f"{lang}/{url}"
        assert soup(properdocs / lang / url / "index.html").title == soup(site / lang / url / "index.html").title


@pytest.mark.parametrize("lang", LANGS)
def test_zensical_builds_the_same_text_and_every_link_leads_somewhere(site, zensical, lang):
    pages = all_pages(site, lang)
    assert all_pages(zensical, lang) == pages
    links = 0
    for url in pages:
        page = zensical / lang / url / "index.html"
        assert text_of(article(zensical, lang, url)) == text_of(article(site, lang, url)), f"{lang}/{url}"
        html = soup(page)
        assert html.title == soup(site / lang / url / "index.html").title, f"{lang}/{url}"
        assert html.html["lang"] == lang
        for link in html.select("article a[href]"):
            href = link["href"]
            if href.startswith(("#", "http:", "https:", "mailto:")):
                continue
            target = Path(unquote(urlsplit(urljoin(page.as_uri(), href)).path))
            assert target.is_file() or (target / "index.html").is_file(), f"{lang}/{url}: {href}"
            links += 1
    assert links > 500
    # The navigation is in the page's language only (with INHERIT, Zensical showed both).
    nav = [text_of(item) for item in soup(zensical / lang / "index.html").select(".md-nav--primary .md-nav__link")]
    home = soup(site / lang / "index.html").select(".md-nav--primary .md-nav__link")
    assert nav and len(nav) <= len(home)
    if lang == "en":
        assert not [label for label in nav if any("\u3040" <= char <= "\u9fff" for char in label)], nav
