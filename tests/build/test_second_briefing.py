"""A second, different briefing builds with the same generator and no Python of its own.

It is a tiny site written into a temporary folder (as MkDocs' own tests build theirs): a
collection of events whose model is declared in data/collections.yml, themes they refer to,
and none of this deck's collections (no fields, working groups or budget).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from base import LANGS, SMALL_BRIEFING, article, page_file, run, soup, text_of, write_briefing


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, Path]:
    project = write_briefing(tmp_path_factory.mktemp("small") / "briefing")
    out = project / "site"
    result = run("build", "--out", out, project=project)
    assert result.code == 0, result.err
    assert "WARNING" not in result.err, result.err
    return project, out


def test_it_builds_both_languages_with_a_page_per_declared_item(small):
    _, out = small
    for lang in LANGS:
        for url in ("", "events/", "events/open-day/", "events/workshop/", "downloads/", "editing/"):
            assert page_file(out, lang, url).is_file(), f"{lang}/{url}"
        assert not (out / lang / "fields").exists() and not (out / lang / "budget").exists()
    index = article(out, "en", "events/")
    assert text_of(index.select_one("h1")) == "2 events"  # the count is computed, never typed
    assert [row["id"] for row in index.select("tr[id]")] == ["open-day", "workshop"]
    page = article(out, "ja", "events/open-day/")
    assert "0.015億円" not in text_of(page) and "1.5億円" in text_of(page)
    assert [text_of(li) for li in article(out, "en", "events/workshop/").select("ul > li")] == ["Training", "Outreach"]
    home = article(out, "en", "")
    assert "2 events" in text_of(home) and "A list of events." in text_of(home)
    nav = soup(page_file(out, "en", "")).select_one("nav.md-nav--primary")
    assert "2 events" in [text_of(a) for a in nav.select("a")] and "About" in text_of(nav)


def test_its_downloads_and_guide_follow_its_declaration(small):
    _, out = small
    rows = list(csv.DictReader(io.StringIO((out / "en" / "downloads" / "events.csv").read_bytes().decode("utf-8-sig"))))
    assert rows == [
        {"id": "open-day", "name": "Open day", "held_on": "2027-05-10", "cost": "1.5", "themes": "outreach"},
        {"id": "workshop", "name": "Workshop", "held_on": "2027-06-01", "cost": "", "themes": "training;outreach"},
    ]
    package = json.loads((out / "ja" / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    assert [resource["name"] for resource in package["resources"]] == ["events-csv", "events-json"]
    guide = article(out, "ja", "editing/")
    captions = {text_of(caption) for caption in guide.select("caption")}
    assert {"行事", "テーマ"} <= captions  # the models declared in data/collections.yml
    assert "開催日。" in text_of(guide)


def test_its_checks_name_the_file_line_and_the_valid_ids(tmp_path):
    project = write_briefing(
        tmp_path / "briefing",
        {"data/events.yml": SMALL_BRIEFING["data/events.yml"].replace("themes: [outreach]", "themes: [outreech]")},
    )
    result = run("check", project=project)
    assert result.code == 1
    assert (
        "data/events.yml:7:14: open-day › themes[1]: there is no theme 'outreech' (did you mean 'outreach'?); "
        "use one of: outreach, training"
    ) in result.err


def test_a_template_the_declaration_names_must_exist(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    (project / "templates" / "events" / "item.md.j2").unlink()
    result = run("check", project=project)
    assert result.code == 1
    assert "data/collections.yml:22:12: events › pages: the template 'events/item.md.j2' does not exist" in result.err
