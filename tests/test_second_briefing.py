"""A second, different briefing builds with the same generator and no Python of its own.

It is a tiny site written into a temporary folder (as MkDocs' own tests build theirs): a
collection of events whose model is declared in data/collections.yml, themes they refer to,
and none of this deck's collections (no fields, working groups or budget).
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from briefing.cli import PROJECT
from conftest import LANGS, article, page_file, run_briefing, soup, text_of

FILES = {
    "mkdocs.yml": f"""
        site_name: 小さな説明資料
        docs_dir: docs/ja
        site_dir: site/ja
        strict: true
        theme: {{name: material, language: ja, custom_dir: {PROJECT / "overrides"}, font: false}}
        hooks: [{PROJECT / "hooks" / "briefing_pages.py"}]
        markdown_extensions: [attr_list, pymdownx.escapeall, toc]
        plugins: [search]
        extra:
          alternate:
            - {{name: 日本語, link: /ja/, lang: ja}}
            - {{name: English, link: /en/, lang: en}}
        """,
    "mkdocs.en.yml": """
        INHERIT: mkdocs.yml
        site_name: A small briefing
        docs_dir: docs/en
        site_dir: site/en
        theme: {language: en}
        """,
    "docs/ja/.keep": "",
    "docs/en/.keep": "",
    "data/briefing.yml": """
        briefing:
          id: small-briefing
          title: {ja: 小さな説明資料, en: A small briefing}
          issuer: {ja: 架空の課, en: A fictitious division}
          edition_date: "2027-04-01"
          source_document: {ja: 架空の課「小さな説明資料」, en: "A fictitious division, “A small briefing”"}
          summary: {ja: 行事の一覧です。, en: A list of events.}
          parts: []
          sections: []
        """,
    "data/themes.yml": """
        themes:
          - {id: outreach, name: {ja: 広報, en: Outreach}}
          - {id: training, name: {ja: 研修, en: Training}}
        """,
    "data/events.yml": """
        events:
          - id: open-day
            name: {ja: 一般公開, en: Open day}
            held_on: "2027-05-10"
            venue: {ja: 本館, en: Main building}
            cost: 1.5
            themes: [outreach]
          - id: workshop
            name: {ja: 研修会, en: Workshop}
            held_on: "2027-06-01"
            themes: [training, outreach]
        """,
    "data/collections.yml": """
        sections:
          - {id: about, title: {ja: 案内, en: About}, position: 90}
        collections:
          - id: themes
            name: theme
            description: {ja: テーマ, en: A theme}
            file: themes.yml
            key: themes
            fields:
              name: {type: name, description: {ja: 名称。, en: The theme's name.}}
          - id: events
            name: event
            description: {ja: 行事, en: An event}
            file: events.yml
            key: events
            fields:
              name: {type: name, description: {ja: 名称。, en: The event's name.}}
              held_on: {type: date, description: {ja: 開催日。, en: The day it is held.}}
              venue: {type: text, required: false, description: {ja: 会場。, en: Where.}}
              cost: {type: amount, required: false, description: {ja: 費用（億円）。, en: Cost in 億円.}}
              themes: {type: id, refers_to: themes, many: true, description: {ja: テーマ。, en: Its themes.}}
            pages: events
            title: {ja: "{count}件の行事", en: "{count} events"}
            intro: {ja: 今年度の行事です。, en: This year's events.}
            anchors: [index]
            nav: {position: 10}
            home: true
            downloads:
              - name: events
                title: {ja: 行事, en: Events}
                columns:
                  - {name: id, type: string, value: item.id, description: stable id}
                  - {name: name, type: string, value: "item.name|t_plain", description: name}
                  - {name: held_on, type: date, value: item.held_on.isoformat(), description: day}
                  - {name: cost, type: number, value: item.cost, description: cost, currency: JPY, factor: 100000000}
                  - {name: themes, type: string, value: "item.themes|join(';')", description: theme ids}
        pages:
          - {path: index.md, template: home.md.j2, nav: {position: 0, title: {ja: ホーム, en: Home}}}
          - {path: downloads.md, template: downloads.md.j2, nav: {section: about, position: 1}}
          - {path: editing.md, template: editor-guide.md.j2, nav: {section: about, position: 2}}
        """,
    "templates/events/index.md.j2": """
        {% import "_macros.html.j2" as m with context %}
        {{ m.index_title(collection, items) }}

        {{ m.intro(collection, items) }}

        <table class="briefing-table">
        <thead><tr><th scope="col">{{ ui('event') }}</th><th scope="col">{{ ui('held_on') }}</th></tr></thead>
        <tbody>
        {% for event in items %}
        <tr id="{{ anchor(event.id) }}"><th scope="row">{{ m.link('events/' ~ event.id ~ '/', event.name|t) }}
        {{- m.rowlink(event.id, event.name|t_plain) }}</th><td>{{ event.held_on|long_date }}</td></tr>
        {% endfor %}
        </tbody>
        </table>
        """,
    "templates/events/item.md.j2": """
        {% import "_macros.html.j2" as m with context %}
        {{ m.title(item.name|heading) }}

        <p>{{ ui('held_on') }}{{ ui('colon') }}{{ item.held_on|long_date }}
        {%- if item.venue %}, {{ item.venue|t }}{% endif %}</p>
        {% if item.cost %}<p>{{ item.cost|yen }}</p>{% endif %}
        <ul>
        {% for theme in item.themes|map('ref', 'themes') %}
        <li>{{ theme.name|t }}</li>
        {% endfor %}
        </ul>
        """,
    "templates/strings/ja.yml": "event: 行事\nheld_on: 開催日\n",
    "templates/strings/en.yml": "event: Event\nheld_on: Held on\n",
}


def write_briefing(folder: Path, changes: dict[str, str] | None = None) -> Path:
    for name, text in {**FILES, **(changes or {})}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, Path]:
    project = write_briefing(tmp_path_factory.mktemp("small") / "briefing")
    out = project / "site"
    result = run_briefing("build", "--out", str(out), project=project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
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
        {"data/events.yml": FILES["data/events.yml"].replace("themes: [outreach]", "themes: [outreech]")},
    )
    result = run_briefing("check", project=project)
    assert result.returncode == 1
    assert (
        "data/events.yml:7:14: open-day › themes[1]: there is no theme 'outreech' (did you mean 'outreach'?); "
        "use one of: outreach, training"
    ) in result.stderr


def test_a_template_the_declaration_names_must_exist(tmp_path):
    project = write_briefing(tmp_path / "briefing")
    (project / "templates" / "events" / "item.md.j2").unlink()
    result = run_briefing("check", project=project)
    assert result.returncode == 1
    assert (
        "data/collections.yml:22:12: events › pages: the template 'events/item.md.j2' does not exist" in result.stderr
    )
