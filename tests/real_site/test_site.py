"""The real briefing, built into a temporary folder, read back as parsed HTML."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from urllib.parse import urljoin

import pytest
from base import LANGS, PROJECT, all_pages, article, page_file, resolve, soup, text_of
from briefing.build.language import Extras, render_language
from briefing.check.validate import validate

BASE = "http://intranet.example:8080/briefings/materials/"


def item_urls(briefing) -> list[str]:
    """Every item page the data calls for, derived from the data alone."""
    return (
        [f"fields/{field.id}/" for field in briefing.fields]
        + [f"working-groups/{group.id}/" for group in briefing.working_groups]
        + [f"technology-areas/{area.id}/" for area in briefing.technology_areas]
        + [f"budget/{line.id}/" for programme in briefing.programmes for line in programme.lines]
        + [f"programmes/{programme.id}/" for programme in briefing.programmes]
    )


def test_build_is_clean(build_run):
    _, result = build_run
    assert result.code == 0, result.err
    assert "WARNING" not in result.err and "ERROR" not in result.err, result.err


def test_every_item_has_a_page_at_the_same_path_in_both_languages(site, briefing):
    urls = item_urls(briefing)
    assert len(urls) == 17 + 25 + 16 + 7 + 2
    for url in urls:
        for lang in LANGS:
            assert page_file(site, lang, url).is_file(), f"missing {lang}/{url}"
    assert all_pages(site, "ja") == all_pages(site, "en")


@pytest.mark.parametrize(
    ("index", "table_selector", "ids"),
    [
        ("fields/", "#fields-table tbody tr", lambda b: [f.id for f in b.fields]),
        ("working-groups/", "table.briefing-table tbody tr", lambda b: [g.id for g in b.working_groups]),
        ("technology-areas/", "table.briefing-table tbody tr", lambda b: [a.id for a in b.technology_areas]),
        ("budget/", "table.briefing-table tbody tr", lambda b: [ln.id for p in b.programmes for ln in p.lines]),
        ("programmes/", "#programmes-table tbody tr", lambda b: [p.id for p in b.programmes]),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_index_tables_link_every_item(site, briefing, lang, index, table_selector, ids):
    page = article(site, lang, index)
    rows = page.select(table_selector)
    assert [row["id"] for row in rows] == ids(briefing)
    collection = index.split("/")[0]
    for row in rows:
        link = row.select_one("th a")
        target = urljoin(BASE + index, link["href"])
        assert target == f"{BASE}{collection}/{row['id']}/"
        assert text_of(link), f"empty link text in {index}#{row['id']}"


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_leads_to_the_same_page_in_the_other_language(site, lang):
    other = "en" if lang == "ja" else "ja"
    for url in all_pages(site, lang):
        page = soup(page_file(site, lang, url))
        switch = {a["hreflang"]: a for a in page.select("a.md-select__link")}
        link = switch[other]
        assert link.get("target") == "_self"
        assert urljoin(f"{BASE}{lang}/{url}", link["href"]) == f"{BASE}{other}/{url}"
        assert resolve(site, lang, url, link["href"], BASE).is_file()
        assert page.html["lang"] == lang


@pytest.mark.parametrize(
    ("url", "ja", "en"),
    [
        ("budget/arim/", ["21.9億円", "10.1億円"], ["¥2.19 billion", "¥1.01 billion"]),
        ("budget/nims-data-hub/", ["8.2億円"], ["¥820 million"]),
        ("budget/nims-data-driven/", ["34.9億円", "36.1億円", "1.1億円"], ["¥3.49 billion", "¥110 million"]),
        (
            "programmes/materials-innovation/",
            ["181億円", "183億円", "45億円"],
            ["¥18.1 billion", "¥18.3 billion", "¥4.5 billion"],
        ),
        ("programmes/ai-for-science/", ["370億円"], ["¥37.0 billion"]),
        ("budget/ai-for-science-computing/", ["76億円"], ["¥7.6 billion"]),
    ],
)
def test_figures_from_the_deck_appear_in_each_language(site, url, ja, en):
    ja_text, en_text = text_of(article(site, "ja", url)), text_of(article(site, "en", url))
    for figure in ja:
        assert figure in ja_text
    for figure in en:
        assert figure in en_text
    assert "億円" not in en_text.replace("億円 (¥100 million)", "")
    assert "¥" not in ja_text


def test_every_english_amount_is_the_japanese_amount_converted(site, briefing):
    """Read each amount back from both languages and check ¥ = 億円 × 10^8 exactly."""
    for programme in briefing.programmes:
        for line in programme.lines:
            ja_cells = [text_of(td) for td in article(site, "ja", f"budget/{line.id}/").select("#amounts-table td")]
            en_cells = [text_of(td) for td in article(site, "en", f"budget/{line.id}/").select("#amounts-table td")]
            assert len(ja_cells) == len(en_cells) == len(briefing.phases)
            for phase, ja_cell, en_cell in zip(briefing.phases, ja_cells, en_cells, strict=True):
                stored = line.amounts.get(phase.id)
                if stored is None:
                    assert not re.search(r"\d", ja_cell + en_cell)
                    continue
                oku = Decimal(ja_cell.removesuffix("億円").replace(",", ""))
                number, scale = re.fullmatch(r"¥([\d,.]+) (billion|million)", en_cell).groups()
                yen = Decimal(number.replace(",", "")) * (10**9 if scale == "billion" else 10**6)
                assert oku == stored
                assert yen == stored * 10**8


def test_fiscal_years_read_naturally_in_each_language(site):
    ja_text = text_of(article(site, "ja", "budget/arim/"))
    en_text = text_of(article(site, "en", "budget/arim/"))
    assert "令和8年度（2026年度）予算額（案）" in ja_text
    assert "令和7年度（2025年度）補正予算額" in ja_text
    assert "FY2026 budget (draft)" in en_text and "FY2025 supplementary budget" in en_text
    assert "令和" not in en_text


def test_related_items_link_to_each_other(site):
    def targets(lang, url):
        return {urljoin(BASE + url, a["href"]) for a in article(site, lang, url).select("a[href]")}

    for lang in LANGS:
        assert BASE + "working-groups/materials/" in targets(lang, "fields/materials/")
        assert BASE + "fields/materials/" in targets(lang, "working-groups/materials/")
        assert BASE + "technology-areas/manufacturing-materials/" in targets(lang, "fields/materials/")
        assert BASE + "programmes/materials-innovation/" in targets(lang, "budget/arim/")
        assert BASE + "budget/arim/" in targets(lang, "programmes/materials-innovation/")


def test_materials_field_lists_its_measures(site, briefing):
    materials = next(field for field in briefing.fields if field.id == "materials")
    own = [measure for measure in materials.measures if measure.source is None]  # the growth-strategy slide's
    assert len(own) == 5 and len(materials.measures) == 6  # and one from the economic-measures slides
    for lang in LANGS:
        page = article(site, lang, "fields/materials/")
        items = [text_of(li) for li in page.select("ul li")]
        for measure in materials.measures:
            assert measure(lang) in items
        assert len(page.select("aside.briefing-source")) == 2  # each group of measures says where it comes from


def test_home_page_summarises_the_briefing(site, briefing):
    for lang in LANGS:
        home = article(site, lang, "")
        assert text_of(home.select_one("h1")) == briefing.edition.title(lang)
        assert briefing.edition.issuer(lang) in text_of(home)
        assert home.select_one("time")["datetime"] == "2026-01-21"
        links = {urljoin(BASE, a["href"]) for a in home.select(".briefing-contents a")}
        assert {BASE + c for c in ("fields/", "working-groups/", "technology-areas/", "budget/")} <= links


def test_item_pages_stay_out_of_the_sidebar(site, briefing):
    for lang in LANGS:
        nav = soup(page_file(site, lang, "fields/materials/")).select_one("nav.md-nav--primary")
        hrefs = [urljoin(BASE + "fields/materials/", a["href"]) for a in nav.select("a[href]")]
        assert not any(h.startswith(BASE + "fields/") and h != BASE + "fields/" for h in hrefs)
        nav = render_language(PROJECT, validate(PROJECT), lang, Extras()).nav
        entries = [v for entry in nav for v in entry.values()]
        pages_in_nav = sum(len(v) if isinstance(v, list) else 1 for v in entries)
        assert len(set(hrefs)) <= pages_in_nav


def test_the_sidebar_names_every_page_by_its_title(site):
    """On a page built after the others (the theme names them from what it kept of them): each link reads as
    the title of the page it leads to (that page's <title>, before the site's name)."""
    for lang in LANGS:
        url = BASE + "fields/materials/"
        sidebar = soup(page_file(site, lang, "fields/materials/")).select_one("nav.md-nav--primary")
        shown = [text_of(link) for link in sidebar.select(".md-nav__link")]
        assert all(text and text != "None" for text in shown), shown
        for link in sidebar.select("a.md-nav__link[href]"):
            target = urljoin(url, link["href"]).split("#")[0].removeprefix(BASE)
            if not target:
                continue  # the home page, which the navigation names ホーム / Home
            title = text_of(soup(page_file(site, lang, target)).select_one("title"))
            assert title.startswith(text_of(link)), (target, text_of(link), title)


def test_each_language_has_its_own_search_index_and_404(site):
    indexes = {lang: json.loads((site / lang / "search" / "search_index.json").read_text("utf-8")) for lang in LANGS}
    assert indexes["ja"]["config"]["lang"] == ["ja", "en"]
    assert indexes["en"]["config"]["lang"] == ["en"]
    ja_titles = {doc["title"] for doc in indexes["ja"]["docs"]}
    en_titles = {doc["title"] for doc in indexes["en"]["docs"]}
    assert "マテリアル（重要鉱物・部素材）" in ja_titles
    assert not any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", title) for title in en_titles)
    for lang in LANGS:
        not_found = soup(site / lang / "404.html")
        assert not_found.html["lang"] == lang


@pytest.mark.parametrize(("lang", "word"), [("en", "quantum"), ("ja", "量子")])
def test_searching_a_pages_name_finds_that_page_and_never_the_accessibility_log(site, lang, word):
    """The accessibility page lists every page it tested: those lists are left out of search, so that a reader
    searching for a field is not sent to a test log (the page itself, its results and criteria, stay in)."""
    docs = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))["docs"]
    found = [doc["location"] for doc in docs if word in (doc["title"] + " " + doc["text"]).lower()]
    assert any(location.startswith("fields/quantum/") for location in found), found
    assert not [location for location in found if location.startswith("accessibility/")]
    assert any(doc["location"] == "accessibility/" for doc in docs)
    assert not [doc["location"] for doc in docs if "造船造船" in doc["title"] + doc["text"]]  # cells run together


def test_root_page_offers_both_languages(site):
    root = soup(site / "index.html")
    choices = {a["hreflang"]: a["href"] for a in root.select("a.choice")}
    assert choices == {"ja": "ja/", "en": "en/"}


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_switches_to_the_other_languages_home(site, lang):
    other = "en" if lang == "ja" else "ja"
    page = soup(site / lang / "404.html")
    link = next(a for a in page.select("a.md-select__link") if a["hreflang"] == other)
    # Without a site URL the site is assumed to sit at the server root, as MkDocs assumes.
    assert urljoin(f"http://intranet.example/{lang}/no/such/page/", link["href"]) == (
        f"http://intranet.example/{other}/"
    )


def test_year_on_year_changes_are_computed_from_the_amounts(site, briefing):
    draft, initial = "fy2026-draft", "fy2025-initial"
    checked = 0
    for programme in briefing.programmes:
        for line in programme.lines:
            table = article(site, "ja", f"budget/{line.id}/").select_one(".briefing-computed-table")
            if draft not in line.amounts or initial not in line.amounts:
                assert table is None
                continue
            cell = text_of(table.select("tbody td")[0])
            sign = -1 if cell.startswith("−") else 1
            shown = Decimal(cell.lstrip("+−±").removesuffix("億円") or 0) * sign
            assert shown == line.amounts[draft] - line.amounts[initial]
            checked += 1
    assert checked == 5


def _reachable(models) -> list:
    """The models, and every model a key of theirs holds (in lists and mappings too), each once."""
    from typing import get_args

    from pydantic import BaseModel

    found, todo = [], list(models)
    while todo:
        model = todo.pop()
        if model in found:
            continue
        found.append(model)
        for field in model.model_fields.values():
            stack = [field.annotation]
            while stack:
                hint = stack.pop()
                if isinstance(hint, type) and issubclass(hint, BaseModel):
                    todo.append(hint)
                stack += list(get_args(hint))
    return found


def test_editor_guide_describes_every_key_of_every_data_file(site, briefing):
    from briefing.load.data_files import file_models
    from briefing.render.guide import model_anchor

    # The models this briefing's files are read with, and the models inside them (other briefings built in
    # this test run declare models of their own).
    models = {model.__name__: model for model in _reachable(file_models(briefing.declaration).values())}.values()
    for lang in LANGS:
        guide = article(site, lang, "editing/")
        tables = {table["id"]: table for table in guide.select("table")}
        for model in models:
            anchor = model_anchor(model.__name__)
            assert anchor in tables, f"{lang}: {model.__name__} is missing from the guide"
            label = (model.model_config.get("json_schema_extra") or {}).get("label")
            assert label and text_of(tables[anchor].caption) == label[lang], f"{model.__name__}: no label in {lang}"
            assert not re.search(r"[A-Z][a-z]+[A-Z]", text_of(tables[anchor])), "a programming type name in the guide"
            keys = [text_of(th) for th in tables[anchor].select("tbody th")]
            assert keys == list(model.model_fields), f"{lang}: the keys of {model.__name__} differ"
            for name, info in model.model_fields.items():
                assert info.description, f"{model.__name__}.{name} has no description"
                assert (info.json_schema_extra or {}).get("description_ja"), f"{model.__name__}.{name}: no ja"
        ids = [tag["id"] for tag in guide.select("[id]")]
        assert len(ids) == len(set(ids)), "duplicate anchors in the guide"


def test_budget_tables_carry_the_unit_in_the_header_and_plain_numbers_in_cells(site, briefing):
    scale = {"ja": (Decimal(1), "（億円）"), "en": (Decimal("0.1"), " (¥ billion)")}
    for lang in LANGS:
        factor, unit = scale[lang]
        for programme in briefing.programmes:
            table = article(site, lang, "budget/").select_one(f"#{programme.id}-lines")
            headers = [text_of(th) for th in table.select("thead th.num")]
            assert headers and all(header.endswith(unit.strip()) for header in headers)
            # A column for each phase in which the programme has a figure, and only those.
            phases = [
                p
                for p in briefing.phases
                if p.id in programme.totals or any(p.id in ln.amounts for ln in programme.lines)
            ]
            assert len(headers) == len(phases)
            for line in programme.lines:
                cells = [text_of(td) for td in table.select_one(f"tr#{line.id}").select("td.num")]
                for phase, cell in zip(phases, cells, strict=True):
                    stored = line.amounts.get(phase.id)
                    if stored is None:
                        assert not re.search(r"\d", cell)
                    else:
                        assert Decimal(cell.replace(",", "")) == stored * factor


def test_computed_totals_are_labelled_as_computed(site, briefing):
    expected = sum(group.experts or 0 for group in briefing.working_groups if group.field)
    for lang in LANGS:
        row = article(site, lang, "working-groups/").select_one("#working-groups-table tfoot tr")
        assert "briefing-computed" in row["class"]
        assert int(text_of(row.select_one("td"))) == expected
        assert ("本サイトによる計算" if lang == "ja" else "computed by this site") in text_of(row.select_one("th"))


def test_built_site_is_readable_by_a_web_server(site):
    import os

    umask = os.umask(0)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask  # not the private mode a temporary folder starts with


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_page_leads_back_to_home_and_to_its_collections_index(site, lang):
    """A page reached from a memo's link is out of the sidebar: its breadcrumb names and links its index."""
    items = [
        url for url in all_pages(site, lang) if url.count("/") == 2 and not url.startswith(("editions/", "changes/"))
    ]
    assert len(items) > 80  # the pages of the deck, the fields, working groups, technology areas, budget lines…
    for url in items:
        crumbs = soup(page_file(site, lang, url)).select("nav.briefing-breadcrumb li a")
        assert len(crumbs) == 2, f"{lang}/{url} has no breadcrumb"
        home, index = (resolve(site, lang, url, crumb["href"]) for crumb in crumbs)
        assert home == page_file(site, lang, "")
        assert index == page_file(site, lang, url.split("/")[0] + "/"), f"{lang}/{url}"
        assert text_of(crumbs[1]) == text_of(article(site, lang, url.split("/")[0] + "/").select_one("h1"))
