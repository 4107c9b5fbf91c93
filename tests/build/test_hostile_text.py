"""Text typed into the data is shown as typed: never markup, never a template, never a script."""

from __future__ import annotations

import json

import yaml
from conftest import LANGS, article, copy_project, run_briefing, soup, text_of

HOSTILE = (
    "<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %} **bold** [link](javascript:alert(1)) & <b>b</b> #tag"
)
LONG = "長い名称" * 2500  # 10,000 characters


def rewrite(project, name: str, change) -> None:
    """Load data/<name>, let ``change`` edit the values, write it back (keeping the schema line)."""
    path = project / "data" / name
    first_line, rest = path.read_text(encoding="utf-8").split("\n", 1)
    data = yaml.safe_load(rest)
    change(data)
    path.write_text(first_line + "\n" + yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_markup_and_template_syntax_show_literally(tmp_path):
    project = copy_project(tmp_path / "project")

    def hostile_materials(data):
        materials = next(field for field in data["fields"] if field["id"] == "materials")
        materials["name"] = {"ja": HOSTILE, "en": HOSTILE}
        materials["measures"][0] = {"ja": LONG, "en": HOSTILE}

    rewrite(project, "fields.yml", hostile_materials)
    out = tmp_path / "site"
    result = run_briefing("build", "--out", str(out), project=project)
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        page = soup(out / lang / "fields" / "materials" / "index.html")
        body = article(out, lang, "fields/materials/")
        assert text_of(body.select_one("h1")) == HOSTILE
        assert HOSTILE in page.title.get_text()
        assert not [s for s in page.select("script:not([type='application/ld+json'])") if "alert" in s.get_text()]
        metadata = json.loads(page.select_one("script[type='application/ld+json']").string)
        assert metadata["name"] == HOSTILE
        assert not page.select('a[href^="javascript"]')
        assert not body.select("b") and not [e for e in body.select("strong, em") if "bold" in e.get_text()]
        assert "49" not in text_of(body.select_one("h1"))
        measures = [text_of(li) for li in body.select("ul li")]
        assert (LONG if lang == "ja" else HOSTILE) in measures
        index_row = article(out, lang, "fields/").select_one("tr#materials th a")
        assert text_of(index_row) == HOSTILE


def test_markdown_fields_render_markdown_but_never_html_images_or_script_links(tmp_path):
    project = copy_project(tmp_path / "project")
    source = (
        "**重点** and *more*\n\n- one\n- two\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
        "![chart](http://example.com/chart.png) [bad](javascript:alert(1)) [good](https://www.mext.go.jp/)"
    )
    rewrite(
        project,
        "budget.yml",
        lambda data: data["programmes"][0]["lines"][0].update(description={"ja": source, "en": source}),
    )
    out = tmp_path / "site"
    result = run_briefing("build", "--out", str(out), project=project)
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        rich = article(out, lang, "budget/arim/").select_one(".briefing-rich")
        assert text_of(rich.select_one("strong")) == "重点" and rich.select("ul li")
        assert not rich.select("script, img")
        assert "<script>alert(1)</script>" in rich.get_text()
        hrefs = [a.get("href") for a in rich.select("a")]
        assert hrefs == [None, "https://www.mext.go.jp/"]
