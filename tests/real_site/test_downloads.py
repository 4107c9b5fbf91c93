"""Data downloads: read back from the built site and checked against the YAML."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
from decimal import Decimal

import pytest
from base import LANGS, article, text_of
from briefing.text.formats import yen


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize("lang", LANGS)
def test_budget_csv_and_json_match_the_data(site, briefing, lang):
    folder = site / lang / "downloads"
    expected = {
        (line.id, phase): amount
        for programme in briefing.programmes
        for line in programme.lines
        for phase, amount in line.amounts.items()
    }
    rows = read_csv(folder / "budget-lines.csv")
    assert {(row["line_id"], row["phase"]): Decimal(row["amount"]) for row in rows} == expected
    assert all(row["unit"] == "oku_yen" and row["currency"] == "JPY" for row in rows)
    assert all(name.isascii() for name in rows[0])
    records = json.loads((folder / "budget-lines.json").read_text("utf-8"), parse_float=Decimal)
    assert {(r["line_id"], r["phase"]): Decimal(str(r["amount"])) for r in records} == expected
    names = {row["line_id"]: row["line_name"] for row in rows}
    lines = {line.id: line for programme in briefing.programmes for line in programme.lines}
    assert all(names[line_id] == line.name(lang) for line_id, line in lines.items())
    computing = [row for row in rows if row["line_id"] == "ai-for-science-computing"]
    assert computing and all(row["in_total"] == "false" for row in computing)


@pytest.mark.parametrize("lang", LANGS)
def test_every_collection_has_csv_and_json_described_by_the_datapackage(site, briefing, lang):
    folder = site / lang / "downloads"
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    paths = {resource["path"] for resource in package["resources"]}
    for name in ("strategic-fields", "working-groups", "technology-areas", "budget-lines", "budget-totals"):
        assert {f"{name}.csv", f"{name}.json"} <= paths
    for resource in package["resources"]:
        content = (folder / resource["path"]).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        if resource["format"] == "csv":
            # Read as a program reads it, following the declared encoding: the byte-order mark that Excel
            # needs is not part of the first column's name.
            assert content.startswith(codecs.BOM_UTF8)
            with (folder / resource["path"]).open(encoding=resource["encoding"], newline="") as file:
                header = next(csv.reader(file))
            assert header == [field["name"] for field in resource["schema"]["fields"]]
    amount = next(
        field
        for resource in package["resources"]
        if resource["path"] == "budget-lines.csv"
        for field in resource["schema"]["fields"]
        if field["name"] == "amount"
    )
    assert amount["currency"] == "JPY" and amount["factor"] == 100_000_000
    assert len(read_csv(folder / "working-groups.csv")) == len(briefing.working_groups)
    examples = sum(len(area.examples) for area in briefing.technology_areas)
    assert len(read_csv(folder / "technology-areas.csv")) == examples


def test_downloads_page_links_every_file_with_format_and_size(site):
    for lang in LANGS:
        rows = article(site, lang, "downloads/").select("#downloads-table tbody tr")
        files = sorted(p.name for p in (site / lang / "downloads").iterdir() if p.suffix in (".csv", ".json"))
        assert sorted(text_of(row.select_one("a")) for row in rows) == files
        for row in rows:
            cells = [text_of(td) for td in row.select("td")]
            assert cells[1] in ("CSV", "JSON") and cells[2].endswith("KB")


def test_budget_charts_are_drawn_at_build_time_in_the_order_of_their_table(site, briefing):
    for lang in LANGS:
        for programme in briefing.programmes:
            page = article(site, lang, f"programmes/{programme.id}/")
            figure = page.select_one("figure.briefing-figure")
            chart = figure.select_one(".briefing-chart")
            assert chart["aria-hidden"] == "true"  # the table below carries the same figures for screen readers
            labels = [text_of(p) for p in chart.select(".briefing-chart-label")]
            # (a list of booleans is true whenever it is not empty: each label must start with its line's name)
            assert all(label.startswith(line.name(lang)) for label, line in zip(labels, programme.lines, strict=True))
            amounts = [amount for line in programme.lines for amount in line.amounts.values()]
            assert len(chart.select(".briefing-chart-value")) == len(amounts)
            legend = [text_of(li) for li in chart.select(".briefing-chart-legend li")]
            header = [text_of(th) for th in page.select(f"#{programme.id}-lines thead th.num")]
            assert legend and all(h.startswith(entry) for entry, h in zip(legend, header, strict=False))  # same order
            assert len(legend) == len(header) + (not all(line.in_total for line in programme.lines))
            assert not chart.select("script") and "http" not in str(chart).replace("http://www.w3.org/2000/svg", "")
            assert programme.name(lang) in text_of(figure.select_one("figcaption"))


def _bar_style(rect) -> str:
    """How a bar is drawn: solid, or the pattern it is filled with (…-hatched, …-dotted)."""
    return "solid" if "chart-solid" in rect.get("class", []) else rect["fill"].rsplit("-", 1)[-1].rstrip(")")


def test_budget_charts_draw_a_phase_alike_everywhere_on_the_scale_they_say_and_set_apart_what_the_total_leaves_out(
    site, briefing
):
    """Issue 22: the same phase was dotted in one chart and solid in the next; on the budget page a
    370億円 bar was as long as a 103億円 one, without a word; the line outside the total looked like
    counted money. The budget page's charts share one scale; a programme's page has its own; both say so."""
    programmes = list(briefing.programmes)

    def largest(of) -> Decimal:
        return max(amount for p in of for line in p.lines for amount in line.amounts.values())

    for lang in LANGS:
        styles: dict[str, set[str]] = {}
        budget_page = article(site, lang, "budget/").select(".briefing-chart")
        pages = [(chart, programme, programmes) for chart, programme in zip(budget_page, programmes, strict=True)]
        pages += [
            (article(site, lang, f"programmes/{p.id}/").select_one(".briefing-chart"), p, [p]) for p in programmes
        ]
        for chart, programme, together in pages:
            scale = largest(together)
            assert yen(scale, lang) in text_of(chart.select_one(".briefing-chart-scale")), programme.id
            phases = [phase for phase in briefing.phases if any(phase.id in line.amounts for line in programme.lines)]
            for group, line in zip(chart.select(".briefing-chart-group"), programme.lines, strict=True):
                drawn = [phase for phase in phases if phase.id in line.amounts]
                for rect, phase in zip(group.select("rect.chart-bar"), drawn, strict=True):
                    styles.setdefault(phase.kind.value, set()).add(_bar_style(rect))
                    width = Decimal(rect["width"].rstrip("%"))
                    expected = max(line.amounts[phase.id] * 100 / scale, Decimal("0.5"))
                    assert abs(width - expected) < Decimal("0.1"), (programme.id, line.id, width)  # the scale said
                    assert ("chart-uncounted" in rect["class"]) == (not line.in_total), line.id
                label = group.select_one(".briefing-chart-label small")
                assert (label is not None) == (not line.in_total), line.id  # said in words too
        assert all(len(drawn) == 1 for drawn in styles.values()), styles  # one look per kind of phase
        assert len({next(iter(drawn)) for drawn in styles.values()}) == len(styles)  # and a different one per kind


def test_kpi_chart_compares_only_like_with_like_and_repeats_the_figures_in_words(site, briefing):
    charted = [kpi for kpi in briefing.kpis if kpi.chart]
    assert charted
    for lang in LANGS:
        figure = article(site, lang, "kpis/").select_one("figure.briefing-figure")
        labels = [text_of(p) for p in figure.select(".briefing-chart-label")]
        assert labels == [kpi.indicator(lang) for kpi in charted]
        values = [text_of(t) for t in figure.select(".briefing-chart-value")]
        expected = [f.stated(lang) for kpi in charted for f in [*kpi.baselines[:2], kpi.target]]
        assert values == expected
        caption = text_of(figure.select_one("figcaption"))
        assert all(kpi.target.stated(lang) in caption for kpi in charted)
        # Where an indicator has two current values, each bar says what it counts (the legend cannot).
        notes = [text_of(n) for n in figure.select(".briefing-chart-note")]
        two = [kpi for kpi in charted if len(kpi.baselines) > 1]
        assert two and notes == [b.description(lang) for kpi in two for b in kpi.baselines[:2]]
