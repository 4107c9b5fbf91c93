"""Text typed into the data is shown as typed: never markup, never a template, never a script. Tried on the
tiny briefing's events, with a rich text (Markdown) of their own."""

from __future__ import annotations

import json

import pytest
import yaml
from base import LANGS, SMALL_BRIEFING, article, run, soup, text_of, write_briefing

HOSTILE = (
    "<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %} **bold** [link](javascript:alert(1)) & <b>b</b> #tag"
)
LONG = "長い名称" * 2500  # 10,000 characters
# The events get a description: a text written in Markdown.
DESCRIBED = {
    "data/collections.yml": SMALL_BRIEFING["data/collections.yml"].replace(
        "              venue: {type: text,",
        "              description: {type: rich-text, required: false, description: {ja: 説明。, en: What it is.}}\n"
        "              venue: {type: text,",
    ),
    "templates/events/item.md.j2": SMALL_BRIEFING["templates/events/item.md.j2"].replace(
        "        <ul>\n", "        {% if item.description %}{{ item.description|t }}{% endif %}\n\n        <ul>\n", 1
    ),
}


@pytest.fixture
def project(tmp_path):
    assert all(DESCRIBED[name] != SMALL_BRIEFING[name] for name in DESCRIBED)
    return write_briefing(tmp_path / "briefing", DESCRIBED)


def rewrite(project, name: str, change) -> None:
    """Load data/<name>, let ``change`` edit the values, write it back."""
    path = project / "data" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _built(project, tmp_path):
    out = tmp_path / "site"
    result = run("build", "--out", out, project=project)
    assert result.code == 0, result.err
    return out


def test_markup_and_template_syntax_show_literally(project, tmp_path):
    def hostile_open_day(data):
        event = next(event for event in data["events"] if event["id"] == "open-day")
        event["name"] = {"ja": HOSTILE, "en": HOSTILE}
        event["venue"] = {"ja": LONG, "en": HOSTILE}

    rewrite(project, "events.yml", hostile_open_day)
    out = _built(project, tmp_path)
    for lang in LANGS:
        page = soup(out / lang / "events" / "open-day" / "index.html")
        body = article(out, lang, "events/open-day/")
        assert text_of(body.select_one("h1")) == HOSTILE
        assert HOSTILE in page.title.get_text()
        assert not [s for s in page.select("script:not([type='application/ld+json'])") if "alert" in s.get_text()]
        metadata = json.loads(page.select_one("script[type='application/ld+json']").string)
        assert metadata["name"] == HOSTILE
        assert not page.select('a[href^="javascript"]')
        assert not body.select("b") and not [e for e in body.select("strong, em") if "bold" in e.get_text()]
        assert "49" not in text_of(body.select_one("h1"))
        venue = LONG if lang == "ja" else HOSTILE
        assert any(venue in text_of(p) for p in body.select("p:not(.briefing-print-only)"))
        index_row = article(out, lang, "events/").select_one("tr#open-day th a")
        assert text_of(index_row) == HOSTILE


def test_markdown_fields_render_markdown_but_never_html_images_or_script_links(project, tmp_path):
    source = (
        "**重点** and *more*\n\n- one\n- two\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
        "![chart](http://example.com/chart.png) [bad](javascript:alert(1)) [good](https://www.mext.go.jp/)"
    )
    rewrite(project, "events.yml", lambda data: data["events"][0].update(description={"ja": source, "en": source}))
    out = _built(project, tmp_path)
    for lang in LANGS:
        rich = article(out, lang, "events/open-day/").select_one(".briefing-rich")
        assert text_of(rich.select_one("strong")) == "重点" and rich.select("ul li")
        assert not rich.select("script, img")
        assert "<script>alert(1)</script>" in rich.get_text()
        hrefs = [a.get("href") for a in rich.select("a")]
        assert hrefs == [None, "https://www.mext.go.jp/"]
