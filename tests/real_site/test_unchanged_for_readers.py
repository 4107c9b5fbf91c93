"""Nothing a reader or an editor sees changes when the code is rearranged: the code of an earlier commit (the
git tag ``engine-split-base``, the commit before the engine and this briefing were split apart) builds the
same data as the session's site, and the two sites have the same published addresses, the same pages with
the same titles and text, and the same downloads, byte for byte; ``make check`` says the same.

The earlier code (its hooks/, templates/, overrides/ and MkDocs configurations, from ``git archive``) is run
from a folder of its own with this environment's Python, its package first on PYTHONPATH; data/, editions/
and docs/ are today's. A change meant to be seen is compared with a later commit instead:
``BRIEFING_COMPARE_WITH=<commit> make test``. Without the commit (a shallow clone, or no git) the test is
skipped with the reason; CI clones with history.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from base import LANGS, PROJECT, leads_on, run, soup, text_of
from briefing.check.addresses import MANIFEST
from briefing.check.validate import validate

BEFORE = os.environ.get("BRIEFING_COMPARE_WITH", "engine-split-base")
# What is taken from the earlier commit: its code and everything that says how pages look; the rest is today's.
CODE = ("hooks", "templates", "overrides", "mkdocs.yml", "mkdocs.en.yml")
DATA = ("data", "editions", "docs")


def _earlier_code(folder: Path) -> Path:
    """The earlier commit's code in ``folder``, with today's data: a project that builds as it built."""
    if shutil.which("git") is None or not (PROJECT / ".git").exists():
        pytest.skip("not a git checkout: the earlier commit's code cannot be taken from it")
    found = subprocess.run(
        ["git", "-C", str(PROJECT), "rev-parse", "--verify", "--quiet", f"{BEFORE}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.skip(f"{BEFORE} is not in this clone (a shallow clone?): git fetch --tags --unshallow")
    archive = subprocess.run(
        ["git", "-C", str(PROJECT), "archive", "--format=tar", found.stdout.strip(), *CODE],
        capture_output=True,
        check=True,
    )
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    for name in DATA:
        if (PROJECT / name).exists():
            shutil.copytree(PROJECT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def _earlier(project: Path, *args: str) -> subprocess.CompletedProcess:
    """A command of the earlier code, in a process of its own (its package is another of the same name)."""
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "briefing", "--project", str(project), *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=project,
    )


@pytest.fixture(scope="module")
def before(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """(the earlier code's project, the site it built, what its `make check` said). Its record of published
    addresses is emptied before it builds, so that the build records every address it publishes."""
    project = _earlier_code(tmp_path_factory.mktemp("before") / "project")
    check = _earlier(project, "check")
    manifest = project / "data" / MANIFEST
    manifest.write_text(
        "".join(line for line in manifest.read_text(encoding="utf-8").splitlines(True) if line.startswith("#")),
        encoding="utf-8",
    )
    out = project.parent / "site"
    built = _earlier(project, "build", "--out", str(out), "--record-addresses")  # the PDFs too, as `site` has them
    assert built.returncode == 0, f"the earlier code could not build today's data:\n{built.stderr[-3000:]}"
    return project, out, check


def test_make_check_says_the_same(before):
    _, _, earlier = before
    now = run("check", project=PROJECT)
    assert (now.code, now.out, now.err) == (earlier.returncode, earlier.stdout, earlier.stderr)


def test_the_same_addresses_are_published(before):
    project, _, _ = before
    recorded = {
        line.strip()
        for line in (project / "data" / MANIFEST).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    now = validate(PROJECT).addresses
    assert recorded, "the earlier build recorded no address"
    assert sorted(now - recorded) == [] and sorted(recorded - now) == []


def _html_files(site: Path) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def _seen(path: Path) -> tuple[str, str]:
    """What a reader sees of a page: its title and its text (a page that only leads on: where it leads)."""
    if leads_on(path):
        return "leads to", soup(path).select_one('meta[http-equiv="refresh"]')["content"]
    html = soup(path)
    content = html.select_one("article.md-content__inner") or html.body
    for chrome in content.select("a.headerlink"):  # the ¶ after headings
        chrome.decompose()
    return text_of(html.title) if html.title else "", text_of(content)


# Changes meant to be seen since the earlier commit, each with its reason: the earlier text, the text now.
MEANT = {
    # The editor's guide said models come from "the generator (models.py)": since the split they are the briefing's.
    "en/editing/index.html": [
        ("A model from the generator (models.py).", "A model of the briefing's own Python (templates/domain/)."),
    ],
    "ja/editing/index.html": [
        ("生成プログラムのモデル名。", "説明資料のPython（templates/domain/）にあるモデルの名前。"),
    ],
}


def test_every_page_has_the_same_title_and_text(before, site):
    _, earlier, _ = before
    files = _html_files(site)
    assert files == _html_files(earlier)
    assert len(files) > 200
    differ = []
    for name in files:
        then, now = _seen(earlier / name), _seen(site / name)
        for old, new in MEANT.get(name, []):
            assert old in then[1], f"{name}: the change meant is no longer a change: {old!r}"
            then = (then[0], then[1].replace(old, new))
        if then != now:
            at = max(next((i for i, (a, b) in enumerate(zip(then[1], now[1], strict=False)) if a != b), 0) - 40, 0)
            differ.append(f"{name}: {then[0]!r} → {now[0]!r}; …{then[1][at : at + 120]!r} → …{now[1][at : at + 120]!r}")
    assert not differ, f"{len(differ)} pages differ:\n" + "\n".join(differ[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_the_downloads_are_the_same_byte_for_byte(before, site, lang):
    _, earlier, _ = before
    names = sorted(path.name for path in (site / lang / "downloads").iterdir() if path.suffix in (".csv", ".json"))
    assert names == sorted(
        path.name for path in (earlier / lang / "downloads").iterdir() if path.suffix in (".csv", ".json")
    )
    assert len(names) >= 10
    differ = [
        name
        for name in names
        if (site / lang / "downloads" / name).read_bytes() != (earlier / lang / "downloads" / name).read_bytes()
    ]
    assert not differ, differ
