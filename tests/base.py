"""A harness for tests that build a briefing, as MkDocs' own tests/base.py builds tiny sites.

``SMALL_BRIEFING`` is a whole briefing in a dict of files: a collection of events whose model is declared
in data/collections.yml, themes they refer to, none of this deck's collections, and a page written by
hand in each language. ``write_briefing`` writes it (with changes) into a folder; ``build`` and ``run``
build or run a command in this process, as a person's command would, and return what it said.
"""

from __future__ import annotations

import contextlib
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from briefing.cli import PROJECT, main

SMALL_BRIEFING = {
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


def write_briefing(folder: Path, changes: dict[str, str] | None = None, files: dict[str, str] | None = None) -> Path:
    """The files of a briefing (``SMALL_BRIEFING`` unless ``files``), with ``changes``, written into ``folder``."""
    for name, text in {**(files or SMALL_BRIEFING), **(changes or {})}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


def run(*args: str, project: Path) -> Ran:
    """A command of the command line, run in this process (``run("check", project=p)``)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--project", str(project), *args])
    return Ran(code, out.getvalue(), err.getvalue())


def build(project: Path, out: Path, *, pdf: bool = False, site_url: str | None = None):
    """Build ``project`` into ``out`` in this process, reusing what the last build there left (the cache
    beside ``out``); returns the build's result (builder.BuildResult). Raises what the build raises."""
    from briefing.build.site import BuildOptions, Progress, build_site

    with contextlib.redirect_stdout(io.StringIO()):
        return build_site(project, out, BuildOptions(site_url, make_pdf=pdf), Progress(io.StringIO()))
