"""Where Japanese may break: between BudouX's phrases, never inside the units a reader reads as one."""

from __future__ import annotations

import pytest
from briefing.phrases import PhraseBreaker

BREAKER = PhraseBreaker(["経産大臣", "内閣府（科技）", "人工知能戦略大臣"])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("2026年1月～開始", "2026年1月～"),  # BudouX alone splits 202|6年1月～
        ("予算額は21.9億円（令和8年度）", "21.9億円"),
        ("④人材育成・研究拠点整備等", "④人材育成・研究拠点整備等"),  # the browser would break at the middle dot
        ("内閣府（科技）、文科", "内閣府（科技）"),  # BudouX alone splits 内閣府|（科技）
        ("◎人工知能戦略大臣", "人工知能戦略大臣"),
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
