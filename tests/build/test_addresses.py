"""Links pasted into memos keep working: published addresses are recorded, and moves need redirects.

Tried on the tiny briefing, published once (`make publish` records its addresses), with a collection of
one file per item (talks) and a page whose table rows can be linked to (themes) besides its events.
(That the real site's pages have the addresses the check works out: tests/real_site/test_addresses.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from base import LANGS, SMALL_BRIEFING, replace_in, run, small, soup, write_briefing
from briefing.check.addresses import MANIFEST

PUBLISHED = {
    "data/redirects.yml": "redirects: []\n",
    "data/themes.yml": small("data/themes.yml") + "  - {id: safety, name: {ja: 安全, en: Safety}}\n",
    "data/collections.yml": SMALL_BRIEFING["data/collections.yml"].replace(
        """
              name: {type: name, description: {ja: 名称。, en: The theme's name.}}
        """,
        """
              name: {type: name, description: {ja: 名称。, en: The theme's name.}}
            page: themes.md
            template: themes.md.j2
            title: {ja: テーマ, en: Themes}
            anchors: [index]
            nav: {section: about, position: 5}
          - id: talks
            name: talk
            description: {ja: 講演, en: A talk}
            file: talks/*.yml
            fields:
              name: {type: name, description: {ja: 名称。, en: The talk's name.}}
            pages: talks
            title: {ja: 講演, en: Talks}
            anchors: [index]
            nav: {position: 20}
        """,
    ),
    "data/talks/keynote.yml": "id: keynote\nname: {ja: 基調講演, en: Keynote}\n",
    "data/talks/panel.yml": "id: panel\nname: {ja: 討論, en: Panel}\n",
    "templates/themes.md.j2": """
        {% import "_macros.html.j2" as m with context %}
        {{ m.index_title(collection, items) }}

        <table class="briefing-table"><tbody>
        {% for theme in items %}
        <tr id="{{ anchor(theme.id) }}"><th scope="row">{{ theme.name|t }}
        {{- m.rowlink(theme.id, theme.name|t_plain) }}</th></tr>
        {% endfor %}
        </tbody></table>
        """,
    "templates/talks/index.md.j2": """
        {% import "_macros.html.j2" as m with context %}
        {{ m.index_title(collection, items) }}

        <table class="briefing-table"><tbody>
        {% for talk in items %}
        <tr id="{{ anchor(talk.id) }}"><th scope="row">{{ m.link('talks/' ~ talk.id ~ '/', talk.name|t) }}
        {{- m.rowlink(talk.id, talk.name|t_plain) }}</th></tr>
        {% endfor %}
        </tbody></table>
        """,
    "templates/talks/item.md.j2": """
        {% import "_macros.html.j2" as m with context %}
        {{ m.title(item.name|heading) }}
        """,
}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The tiny briefing after `make publish`: every address it has recorded in data/published-addresses.txt."""
    project = write_briefing(tmp_path_factory.mktemp("published") / "briefing", PUBLISHED)
    result = run("build", "--out", project.parent / "site", "--record-addresses", project=project)
    assert result.code == 0, result.err
    assert "events/#open-day" in (project / "data" / MANIFEST).read_text(encoding="utf-8")
    return project


@pytest.fixture
def project(published, tmp_path) -> Path:
    """A copy of the published briefing, to change."""
    return shutil.copytree(published, tmp_path / "briefing")


@pytest.fixture
def renamed(project) -> Path:
    """The published briefing in which the open day's id has been renamed."""
    replace_in(project / "data" / "events.yml", "id: open-day\n", "id: open-house\n")
    return project


def test_renaming_an_id_is_reported_at_the_new_id_with_the_redirects_to_paste(renamed):
    result = run("check", project=renamed)
    assert result.code == 1
    assert (
        "data/events.yml:2:9: open-house › id: this id was 'open-day' when events/open-day/ and 2 addresses in all "
        "were published"
    ) in result.err
    assert "  - {old: events/#open-day, new: events/#open-house}" in result.err
    assert f"data/{MANIFEST}" not in result.err  # the cause, not its 2 consequences


def _paste_redirects(project: Path, stderr: str) -> None:
    """Do what the message says: put its lines in place of 'redirects: []' in data/redirects.yml."""
    snippet = [line for line in stderr.splitlines() if line == "redirects:" or line.startswith("  - {old: ")]
    replace_in(project / "data" / "redirects.yml", "redirects: []", "\n".join(snippet))


@pytest.mark.parametrize(
    "slip",
    [
        ("events.yml", "id: open-day\n", "id: open-house\n"),  # a rename
        ("talks/panel.yml", None, None),  # an item's file deleted
        ("themes.yml", "{id: safety,", "{id: security,"),  # a row renamed
        ("themes.yml", "  - {id: safety, name: {ja: 安全, en: Safety}}\n", ""),  # a row removed
    ],
    ids=["renamed-page", "deleted-file", "renamed-row", "removed-row"],
)
def test_the_redirects_a_message_offers_make_the_check_pass(slip, project):
    """Pasting the lines a message offers is enough: the check passes, every published address leads on."""
    name, old, new = slip
    if old is None:
        (project / "data" / name).unlink()
    else:
        replace_in(project / "data" / name, old, new)
    first = run("check", project=project)
    assert first.code == 1 and "redirects:" in first.err, first.err
    assert first.err.count("\nredirects:") == 1, "one problem per item, not one per address"
    _paste_redirects(project, first.err)
    second = run("check", project=project)
    assert second.code == 0, second.err


def test_declared_redirects_keep_old_links_working_in_both_languages(renamed, tmp_path):
    (renamed / "data" / "redirects.yml").write_text(
        "redirects:\n"
        "  - {old: events/open-day/, new: events/open-house/}\n"
        "  - {old: 'events/#open-day', new: 'events/#open-house'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run("build", "--out", out, project=renamed)
    assert result.code == 0, result.err
    for lang in LANGS:
        moved = soup(out / lang / "events" / "open-day" / "index.html")
        refresh = moved.select_one('meta[http-equiv="refresh"]')["content"]
        target = urljoin(f"http://x/{lang}/events/open-day/", refresh.split("url=")[1])
        assert target == f"http://x/{lang}/events/open-house/"
        assert (out / lang / "events" / "open-house" / "index.html").is_file()
        row = soup(out / lang / "events" / "index.html").select_one("tr#open-house")
        assert row.select_one("span#open-day") is not None


def test_a_redirect_must_lead_somewhere(renamed):
    (renamed / "data" / "redirects.yml").write_text(
        "redirects:\n  - old: events/open-day/\n    new: events/open-houses/\n", encoding="utf-8"
    )
    result = run("check", project=renamed)
    assert result.code == 1
    assert "data/redirects.yml:3:10: redirects[1].new: 'events/open-houses/' is not an address" in result.err
