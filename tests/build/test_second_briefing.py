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
from base import LANGS, SMALL_BRIEFING, all_pages, article, build, page_file, run, soup, text_of, write_briefing
from base import small as small_file


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


def test_a_template_naming_a_filter_or_test_it_lacks_fails_the_check_and_the_build_at_its_lines(tmp_path):
    """Every unknown name at once, before any page is rendered, also where Jinja would fail only on a page
    that reaches it (inside an if); again on the next check, which takes the compiled templates from the
    cache; and gone once it is put right."""
    item = SMALL_BRIEFING["templates/events/item.md.j2"]
    mistyped = (
        item.replace("item.held_on|long_date", "item.held_on|long_dat")
        .replace("{% if item.cost %}", "{% if item.cost is amout %}")
        .replace("{{ theme.name|t }}", "{{ theme.name|frobnicate }}")
        .replace("map('ref', 'themes')", "map('reff', 'themes')")
    )
    mistyped += "{{ item.themes|select('amout')|list }}{{ item.themes|rejectattr('id', 'equalto', 'x')|list }}\n"
    assert mistyped.count("long_dat ") == mistyped.count("reff") == mistyped.count("frobnicate") == 1
    project = write_briefing(tmp_path / "briefing", {"templates/events/item.md.j2": mistyped})
    expected = [
        "templates/events/item.md.j2:4:1: there is no filter 'long_dat' (did you mean 'long_date'?)",
        "templates/events/item.md.j2:6:1: there is no test 'amout' (did you mean 'amount'?)",
        "templates/events/item.md.j2:8:1: there is no filter 'reff' (did you mean 'ref'?)",
        "templates/events/item.md.j2:9:1: there is no filter 'frobnicate'; the filters templates can use: abs, attr,",
        "templates/events/item.md.j2:12:1: there is no test 'amout' (did you mean 'amount'?)",
    ]
    for _ in range(2):  # (the second check finds the templates compiled, and the names they use, in the cache)
        result = run("check", project=project)
        assert result.code == 1
        said = [line for line in result.err.splitlines() if line.startswith("templates/")]
        assert len(said) == len(expected) and all(map(str.startswith, said, expected)), result.err
        assert ", yen" in said[-2]  # (every name is listed, the engine's own too)
    said = run("check", project=project, env={"BRIEFING_LANG": "ja"})
    assert (
        "templates/events/item.md.j2:4:1: フィルター「long_dat」はありません（「long_date」の誤りではありませんか）"
        in said.err
    )
    built = run("build", "--out", project / "site", "--no-pdf", project=project)
    assert built.code == 1 and all(line in built.err for line in expected), built.err
    assert not (project / "site").exists()
    write_briefing(project, {"templates/events/item.md.j2": item})
    assert run("check", project=project).code == 0


def test_a_template_the_declaration_names_must_exist(tmp_path):
    pages = "pages: events\n" + " " * 12  # (the lines as base.py indents them)
    declared = SMALL_BRIEFING["data/collections.yml"].replace(pages, f"{pages}template: events/list.md.j2\n{' ' * 12}")
    project = write_briefing(tmp_path / "briefing", {"data/collections.yml": declared})
    result = run("check", project=project)
    assert result.code == 1
    assert (
        "data/collections.yml:23:15: events › template: the template 'events/list.md.j2' does not exist"
    ) in result.err


# Declarations of the events' keys an editor could get wrong: (the text, what it becomes, the line in English and
# in Japanese). Each stopped the check with a fault of the generator.
_DECLARED_KEY_SLIPS = [
    (
        "refers_to: themes",
        "refers_to: theme",
        "data/collections.yml:21:37: events › fields.themes.refers_to: its key 'themes' refers to 'theme', which is "
        "not declared (did you mean 'themes'?)",
        "data/collections.yml:21:37: events › fields.themes.refers_to: キー「themes」が参照する「theme」は宣言されて"
        "いません（「themes」の誤りではありませんか）",
    ),
    (
        "venue: {type: text,",
        "venue: {type: text, refers_to: themes,",
        "data/collections.yml:19:38: events › fields.venue.refers_to: only a key of type id can refer to another "
        "collection, and 'venue' is of type text: make it type: id, or remove refers_to",
        "data/collections.yml:19:38: events › fields.venue.refers_to: ほかの一覧を参照できるのは type が id のキー"
        "だけですが、「venue」の type は text です。type: id にするか、refers_to を削除してください",
    ),
    (
        "    key: events\n",
        "    key: events\n    id_key: held_on\n",
        "data/collections.yml:16:13: events › id_key: 'held_on' cannot hold the items' ids as it is declared under "
        "fields: an id is one value of type id that every item has (without many: true or required: false)",
        "data/collections.yml:16:13: events › id_key: 「held_on」は、fields での宣言のままでは項目の ID に使えません。"
        "ID は、すべての項目にある type: id の1つの値です（many: true や required: false は付けません）",
    ),
    (
        "    key: events\n",
        "    key: events\n    sort_by: venue\n",
        "data/collections.yml:16:14: events › sort_by: its items cannot be sorted by 'venue': only a key holding one "
        "id, string, number, date or true/false can put them in order; they can be sorted by: id, held_on, cost, "
        "awaiting_translation, translation_checked",
        "data/collections.yml:16:14: events › sort_by: 「venue」では項目を並べ替えられません。並べ替えに使えるのは、"
        "ID・文字列・数・日付・true/false のいずれか1つの値を持つキーだけです。"
        "並べ替えに使えるキー：id、held_on、cost、awaiting_translation、translation_checked",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "en", "ja"),
    _DECLARED_KEY_SLIPS,
    ids=["refers-to-typo", "refers-to-on-text", "id-key-date", "sort-by-text"],
)
def test_a_slip_in_a_declared_key_is_said_at_its_line_in_both_languages(tmp_path, old, new, en, ja):
    declared = small_file("data/collections.yml")
    assert old in declared
    project = write_briefing(tmp_path / "briefing", {"data/collections.yml": declared.replace(old, new, 1)})
    for lang, expected in (("en", en), ("ja", ja)):
        result = run("check", project=project, env={"BRIEFING_LANG": lang})
        assert result.code == 1, result.err
        assert expected in result.err.splitlines(), result.err


def test_the_items_keep_their_order_when_the_key_to_sort_by_cannot_order_them(tmp_path):
    """Loading alone (``make schema`` reads the data before any check) does not stop on such a sort_by."""
    from briefing.load.domain import load_domain
    from briefing.load.loader import load_briefing

    declared = small_file("data/collections.yml").replace("    key: events\n", "    key: events\n    sort_by: venue\n")
    venue = "    venue: {ja: 別館, en: Annex}\n"  # (two venues: texts compared, which Python cannot order)
    events = small_file("data/events.yml").replace('    held_on: "2027-06-01"\n', f'    held_on: "2027-06-01"\n{venue}')
    assert venue in events
    project = write_briefing(tmp_path / "briefing", {"data/collections.yml": declared, "data/events.yml": events})
    briefing = load_briefing(project / "data", load_domain(project))
    assert [event.id for event in briefing["events"]] == ["open-day", "workshop"]


@pytest.fixture(scope="module")
def bare(tmp_path_factory) -> Path:
    """The same briefing with no templates/ folder: no template, no interface string, no Python of its own."""
    files = {name: text for name, text in SMALL_BRIEFING.items() if not name.startswith("templates/")}
    project = write_briefing(tmp_path_factory.mktemp("bare") / "briefing", files=files)
    assert not (project / "templates").exists()
    out = project / "site"
    build(project, out)
    return out


def _facts(page) -> dict[str, str]:
    """An item page's facts: each key's label and what it shows."""
    return {text_of(dt): text_of(dt.find_next_sibling("dd")) for dt in page.select("dl.briefing-facts > dt")}


def test_without_templates_the_engine_shows_each_declared_key_in_both_languages(bare):
    index = {lang: article(bare, lang, "events/") for lang in LANGS}
    assert text_of(index["en"].select_one("h1")) == "2 events"  # the declared title, its count computed
    assert text_of(index["ja"].select_one("h1")) == "2件の行事"
    table = {lang: index[lang].select_one("table") for lang in LANGS}
    assert [text_of(th) for th in table["ja"].select("thead th")] == [
        "名称",
        "開催日",
        "会場",
        "費用（億円）",
        "テーマ",
    ]
    assert [text_of(th) for th in table["en"].select("thead th")] == [
        "Name",
        "The day it is held",
        "Where",
        "Cost in 億円",
        "Its themes",
    ]
    rows = table["en"].select("tbody tr")
    assert [row["id"] for row in rows] == ["open-day", "workshop"]
    name = rows[0].select_one("th a")
    assert text_of(name) == "Open day" and name["href"] == "open-day/"
    assert [text_of(td) for td in rows[0].select("td")] == [
        "10 May 2027",
        "Main building",
        "¥150 million",
        "Outreach",
    ]
    assert [text_of(td) for td in table["ja"].select("tbody tr")[1].select("td")] == [
        "令和9年6月1日（2027年6月1日）",
        "なし",
        "なし",
        "研修、広報",
    ]
    page = {lang: article(bare, lang, f"events/{item}/") for lang in LANGS for item in ("open-day",)}
    assert text_of(page["en"].select_one("h1")) == "Open day"
    assert _facts(page["en"]) == {
        "The day it is held": "10 May 2027",
        "Where": "Main building",
        "Cost in 億円": "¥150 million",
        "Its themes": "Outreach",
    }
    assert text_of(page["ja"].select_one("h1")) == "一般公開"
    assert _facts(page["ja"]) == {
        "開催日": "令和9年5月10日（2027年5月10日）",
        "会場": "本館",
        "費用（億円）": "1.5億円",
        "テーマ": "広報",
    }
    for lang in LANGS:  # the home page, the downloads and the guide are the engine's too
        for url in ("", "downloads/", "editing/", "events/workshop/"):
            assert page_file(bare, lang, url).is_file(), f"{lang}/{url}"


# A collection of the deck's parts, which events may cite, shown on a page of sources (the engine's template).
_SECTIONS = """collections:
  - id: sections
    name: source section
    file: briefing.yml
    name_key: title
    within: edition
    key: sections
    fields:
      id: {type: id, description: {ja: ID。, en: Id.}}
      title: {type: name, description: {ja: 題名。, en: Title.}}
    page: sources.md
    template: sources.md.j2
    title: {ja: 出典, en: Sources}
    anchors: [index]
    nav: {section: about, position: 4}
"""


def test_an_item_without_an_optional_value_is_shown_by_its_id_sorted_last_and_no_page_reads_none(tmp_path):
    """The engine's pages of an item whose declaration makes its name, and the key its items are sorted
    by, optional, and a site without a description in mkdocs.yml: no title, link or head of a page shows
    Python's "None", and the item without the sort key comes last."""
    files = {name: text for name, text in SMALL_BRIEFING.items() if not name.startswith("templates/")}
    named = "name: {type: name, description: {ja: 名称。, en: The event's name.}}"
    cites = "source: {type: id, refers_to: sections, required: false, description: {ja: 出典。, en: Source.}}"
    files["data/collections.yml"] = (
        small_file("data/collections.yml")
        .replace(named, named.replace("type: name,", "type: name, required: false,") + "\n      " + cites)
        .replace("    key: events\n", "    key: events\n    sort_by: cost\n")
        .replace("collections:\n", _SECTIONS, 1)
    )
    files["data/briefing.yml"] = small_file("data/briefing.yml").replace(
        "  sections: []", "  sections:\n    - {id: s1, title: {ja: 第一, en: First}}"
    )
    files["data/events.yml"] = (  # the workshop has no name, the open day no venue and no cost
        small_file("data/events.yml")
        .replace(
            "    name: {ja: 研修会, en: Workshop}\n", "    source: s1\n    venue: {ja: 別館, en: Annex}\n    cost: 2\n"
        )
        .replace("    venue: {ja: 本館, en: Main building}\n", "")
        .replace("    cost: 1.5\n", "")
    )
    assert "研修会" not in files["data/events.yml"] and "本館" not in files["data/events.yml"]
    project = write_briefing(tmp_path / "briefing", files=files)
    out = project / "site"
    build(project, out)
    for lang in LANGS:
        assert text_of(article(out, lang, "events/workshop/").select_one("h1")) == "workshop"
        rows = article(out, lang, "events/").select("tbody tr")
        assert [row["id"] for row in rows] == ["workshop", "open-day"]  # (sorted by cost; none, last)
        assert text_of(rows[0].select_one("th a[href='workshop/']")) == "workshop"
        assert rows[0].select_one("a.briefing-rowlink")["aria-label"].endswith(": workshop")
        cited = article(out, lang, "sources/").select_one("tr#s1 a[href='../events/workshop/']")
        assert text_of(cited) == "workshop"
        for url in all_pages(out, lang):
            page = soup(page_file(out, lang, url))
            described = page.select_one("meta[name=description]")
            assert described is None or described["content"].strip() not in ("", "None"), f"{lang}/{url}"
            shown = [text_of(node) for node in page.select("h1, nav a, title, table th, table a")]
            assert "None" not in shown, f"{lang}/{url}: {shown}"
            assert all(text_of(link) for link in page.select("article table a")), f"{lang}/{url}: a link without text"
