"""`make offline`: a copy of the whole site for a folder, made alongside the published site, which
links it from the downloads pages while it still matches what the site is built from."""

from __future__ import annotations

import json
import re
import zipfile

from briefing.publish.offline import ARCHIVE, SHIM
from conftest import LANGS, article, copy_project, run_briefing, soup, text_of


def test_the_offline_copy_and_the_published_site(tmp_path, site):
    project = copy_project(tmp_path / "project")
    made = run_briefing("offline", project=project)
    assert made.returncode == 0, made.stderr
    assert "site-offline.zip" in made.stdout and "No site URL" not in made.stdout
    copy = project / "site-offline"
    with zipfile.ZipFile(project / ARCHIVE) as archive:
        names = set(archive.namelist())
    assert {"site-offline/index.html", "site-offline/ja/index.html", "site-offline/en/search/search_index.js"} <= names
    for lang in LANGS:
        # Search from file://: the index as a script, and the shim (vendored, with its licence) on every page.
        script = (copy / lang / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = ")
        index = json.loads((copy / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert json.loads(script.removeprefix("var __index = ")) == index
        assert (copy / lang / SHIM).is_file() and (copy / lang / SHIM).with_name("LICENSE").is_file()
        for page in ("index.html", "budget/arim/index.html"):
            scripts = [tag.get("src", "") for tag in soup(copy / lang / page).select("script")]
            assert any(src.endswith(SHIM) for src in scripts), scripts
        # No address outside the folder anywhere in the copy's pages.
        for page in (copy / lang).rglob("*.html"):
            found = re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', page.read_text(encoding="utf-8"))
            assert not [url for url in found if "unpkg" in url or "cdn" in url], (page, found)
        # The published site is unchanged: no shim, no script index.
        assert not (site / lang / SHIM).exists() and not (site / lang / "search" / "search_index.js").exists()

    # The published site, built after it, offers the zip with its size.
    out = tmp_path / "site"
    built = run_briefing("build", "--out", str(out), project=project)
    assert built.returncode == 0, built.stderr
    assert (out / ARCHIVE).read_bytes() == (project / ARCHIVE).read_bytes()
    size = (project / ARCHIVE).stat().st_size / 1_000_000
    for lang in LANGS:
        downloads = article(out, lang, "downloads/")
        link = downloads.select_one(f'a[href$="{ARCHIVE}"]')
        assert link is not None and link["href"] == f"../../{ARCHIVE}"
        assert f"{size:.1f} MB" in text_of(link.parent)

    # Once the data changes, the zip no longer matches: the site says so and leaves it out.
    budget = project / "data" / "budget.yml"
    budget.write_text(
        budget.read_text(encoding="utf-8").replace("fy2025-supplementary: 76\n", "fy2025-supplementary: 77\n"),
        encoding="utf-8",
    )
    rebuilt = run_briefing("build", "--out", str(out), project=project)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"{ARCHIVE} was made from other data or code than this build: not included (make offline)." in rebuilt.stdout
    assert not (out / ARCHIVE).exists()
    assert article(out, "ja", "downloads/").select_one(f'a[href$="{ARCHIVE}"]') is None
