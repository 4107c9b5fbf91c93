"""Where Japanese may break: between BudouX's phrases, never inside the units a reader reads as one."""

from __future__ import annotations

import re

import pytest
from briefing.text.phrases import PhraseBreaker

BREAKER = PhraseBreaker(["経産大臣", "内閣府（科技）", "人工知能戦略大臣"])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("2026年1月～開始", "2026年1月～"),  # BudouX alone splits 202|6年1月～
        ("予算額は21.9億円（令和8年度）", "21.9億円"),
        ("④人材育成・研究拠点整備等", "④人材育成・研究拠点整備等"),  # the browser would break at the middle dot
        ("内閣府（科技）、文科", "内閣府（科技）"),  # BudouX alone splits 内閣府|（科技）
        ("◎人工知能戦略大臣", "◎人工知能戦略大臣"),  # the mark stays with its name
        ("◎サイバーセキュリティ推進専門家会議", "◎サ"),  # ... the first character of a long one
        ("資料の「R3～R12」は令和3～12年度", "R3～R12"),
        ("資料の日付：令和8年1月21日", "令和8年1月21日"),
        ("第7期（2026～2030年度）", "2026～2030年度"),
        ("例：181億円＝¥18.1 billion", "¥18.1 billion"),
    ],
)
def test_units_are_kept_on_one_line(text, kept):
    html = BREAKER.html(text)
    assert f'<span class="briefing-nowrap">{kept}</span>' in html
    assert html.replace("<wbr>", "").replace('<span class="briefing-nowrap">', "").replace("</span>", "") == text


def test_phrases_are_marked_and_markup_is_left_alone():
    html = BREAKER.html('<a href="x/">マテリアル・イノベーション創出に向けた強化</a><code>日本語のコード</code>')
    assert html.startswith('<a href="x/">マテリアル・イノベーション<wbr>創出に<wbr>向けた')
    assert "<code>日本語のコード</code>" in html  # never inside code
    assert BREAKER.html("English text stays as it is.") == "English text stays as it is."
    assert BREAKER.html("研究&amp;開発").count("&amp;") == 1  # never inside an entity


def test_a_long_compound_may_break_where_its_script_changes():
    assert BREAKER.html("サイバーセキュリティ推進専門家会議") == "サイバーセキュリティ<wbr>推進専門家会議"


def test_for_the_pdf_tables_get_phrases_and_running_text_only_its_units():
    text = "令和8年度予算額（案）は181億円 AI for Science"
    tight = BREAKER.pieces(text, phrases=True)
    phrases = [piece for kind, piece in tight if kind == "phrase"]
    assert phrases[:3] == ["令和8年度", "予算額", "（案）は181億円"]  # a unit is never cut: 181億円 is in one phrase
    assert phrases[-3:] == ["AI", "for", "Science"]
    assert "".join(piece for _, piece in tight) == text  # nothing added, nothing lost
    # In running text a line may break anywhere but inside a date, an amount or a name.
    assert BREAKER.pieces(text, phrases=False) == (
        ("keep", "令和8年度"),
        ("text", "予算額（案）は"),
        ("keep", "181億円"),
        ("text", " AI for Science"),
    )
    # A long compound may also break after its middle dot: a phrase is as narrow as a table's column gets.
    assert ("phrase", "デジタル・") in BREAKER.pieces("デジタル・サイバーセキュリティ", phrases=True)
    # A unit takes the marks after it along: a line may break after it, and would then start with them.
    assert BREAKER.pieces("（令和7年6月4日）を決定", phrases=False)[1] == ("keep", "令和7年6月4日）")


def test_in_english_amounts_and_dates_stay_whole():
    assert BREAKER.pieces("¥18.1 billion from 21 January 2026 (¥ billion)", phrases=True) == (
        ("keep", "¥18.1 billion"),
        ("text", " from "),
        ("keep", "21 January 2026"),
        ("text", " ("),
        ("keep", "¥ billion"),
        ("text", ")"),
    )
    assert BREAKER.pieces("English text stays as it is.", phrases=True) == (("text", "English text stays as it is."),)


def test_outside_the_tables_only_the_units_are_marked_and_never_inside_a_form_control():
    page = (
        "# 令和8年度の予算 {#budget}\n\n<p>資料の日付：令和8年1月21日（2026年1月21日）。¥18.1 billion</p>\n"
        '<div class="briefing-scroll" role="region"><div><table><td>2026年1月～開始</td></table></div></div>\n'
        "<select><option>2026年1月</option></select><code>2026年1月</code>"
    )
    marked = BREAKER.units_in_page(page)
    assert marked.startswith('# <span class="briefing-nowrap">令和8年度</span>の予算 {#budget}')  # headings too
    for unit in ("令和8年1月21日", "2026年1月21日", "¥18.1 billion"):
        assert f'<span class="briefing-nowrap">{unit}</span>' in marked
    assert "<wbr>" not in marked  # phrases are the tables' business
    assert "<td>2026年1月～開始</td>" in marked  # a table region is left as its template made it
    assert "<option>2026年1月</option>" in marked and "<code>2026年1月</code>" in marked


def test_units_for_templates_that_mark_them_themselves_and_for_english_text():
    assert BREAKER.runs("（令和8年1月21日の資料に基づく）") == [
        ("（", False),
        ("令和8年1月21日", True),
        ("の資料に基づく）", False),
    ]
    assert BREAKER.html("based on the source of 21 January 2026") == (
        'based on the source of <span class="briefing-nowrap">21 January 2026</span>'
    )
    # The print page's tables: the units kept, no <wbr> (the browser breaks the lines).
    assert "<wbr>" not in BREAKER.html("マテリアル・イノベーション創出に向けた強化は181億円", units_only=True)


def test_no_wbr_inside_a_unit_a_template_keeps_whole_nor_before_a_mark_that_never_starts_a_line():
    html = BREAKER.html('<span class="briefing-nowrap">内閣府（科技）（政務）</span>、製造産業分科会')
    assert html.startswith('<span class="briefing-nowrap">内閣府（科技）（政務）</span>')
    for text in ("部素材）：産業構造審議会", "データ・サイエンス", "コンピューター"):
        assert not re.search(r"<wbr>[ー：・）]", BREAKER.html(text)), BREAKER.html(text)
