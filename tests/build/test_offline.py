"""`make offline`: a copy of the whole site for a folder, made alongside the published site, which links it
from the downloads pages while it still matches what the site is built from. Tried on the tiny briefing
(the real site's copy, opened in a browser from a folder: tests/browser/test_offline.py)."""

from __future__ import annotations

import json
import re
import zipfile

from base import LANGS, article, replace_in, run, soup, text_of, write_briefing
from briefing.publish.offline import ARCHIVE, SHIM


def test_the_offline_copy_and_the_published_site(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    made = run("offline", project=project)
    assert made.code == 0, made.err
    assert "site-offline.zip" in made.out and "No site URL" not in made.out
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
        for page in ("index.html", "events/open-day/index.html"):
            scripts = [tag.get("src", "") for tag in soup(copy / lang / page).select("script")]
            assert any(src.endswith(SHIM) for src in scripts), scripts
        # No address outside the folder anywhere in the copy's pages.
        for page in (copy / lang).rglob("*.html"):
            found = re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', page.read_text(encoding="utf-8"))
            assert not [url for url in found if "unpkg" in url or "cdn" in url], (page, found)

    # The published site, built after it, offers the zip with its size, and is otherwise unchanged: no shim,
    # no script index.
    out = tmp_path / "site"
    built = run("build", "--out", out, project=project)
    assert built.code == 0, built.err
    assert (out / ARCHIVE).read_bytes() == (project / ARCHIVE).read_bytes()
    size = (project / ARCHIVE).stat().st_size / 1_000_000
    for lang in LANGS:
        assert not (out / lang / SHIM).exists() and not (out / lang / "search" / "search_index.js").exists()
        downloads = article(out, lang, "downloads/")
        link = downloads.select_one(f'a[href$="{ARCHIVE}"]')
        assert link is not None and link["href"] == f"../../{ARCHIVE}"
        assert f"{size:.1f} MB" in text_of(link.parent)

    # Once the data changes, the zip no longer matches: the site says so and leaves it out.
    replace_in(project / "data" / "events.yml", "cost: 1.5", "cost: 1.7")
    rebuilt = run("build", "--out", out, project=project)
    assert rebuilt.code == 0, rebuilt.err
    assert f"{ARCHIVE} was made from other data or code than this build: not included (make offline)." in rebuilt.out
    assert not (out / ARCHIVE).exists()
    assert article(out, "ja", "downloads/").select_one(f'a[href$="{ARCHIVE}"]') is None
