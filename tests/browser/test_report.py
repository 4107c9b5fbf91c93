"""The accessibility pages' generator, on made-up results (no browser needed)."""

from __future__ import annotations

import json

import pytest

from . import report


def results(outcome: str = "passed", violations: int = 0) -> dict:
    checks = {name: {"outcome": outcome, "failures": [], "details": {}} for name in report.CHECKS}
    checks["test_passages_in_the_other_language_are_marked"]["details"] = {
        "review": [
            {"page": "en/about/", "text": "… in 億円 …", "source": "text", "marked": "en", "script": "ja"},
            {"page": "ja/glossary/", "text": "AI for Science", "source": "text", "marked": "ja", "script": "en"},
        ],
        "known": [{"ja": "既知の問題の説明", "en": "what is known"}],
    }
    return {
        "date": "2026-11-29",
        "tools": {"browser": "Chromium 156", "playwright": "1.65.2", "axe-core": "4.14.1"},
        "checks": checks,
        "pages": {
            "index.html": {
                "path": "",
                "lang": "ja+en",
                "kind": "language-chooser",
                "title": "選択",
                "axe_violations": 0,
            },
            "ja/index.html": {"path": "ja/", "lang": "ja", "kind": "home", "title": "ホーム", "axe_violations": 0},
            "en/index.html": {
                "path": "en/",
                "lang": "en",
                "kind": "home",
                "title": "Home <b>",
                "axe_violations": violations,
            },
        },
        "axe": {
            "pages": 3,
            "rules": {
                "color-contrast": {
                    "tags": ["wcag2aa", "wcag143"],
                    "violations": 1 if violations else 0,
                    "incomplete": 0,
                    "passes": 3,
                    "inapplicable": 0,
                },
                "video-caption": {
                    "tags": ["wcag2a", "wcag122"],
                    "violations": 0,
                    "incomplete": 0,
                    "passes": 0,
                    "inapplicable": 3,
                },
                "link-in-text-block": {
                    "tags": ["wcag2a", "wcag141"],
                    "violations": 0,
                    "incomplete": 2,
                    "passes": 1,
                    "inapplicable": 0,
                },
            },
        },
    }


def row(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {label}"))


def test_japanese_page_has_the_items_of_a_jis_test_results_statement():
    text = report.render(results(), "ja")
    assert text.startswith("# ウェブアクセシビリティ {#accessibility}")
    for label in (
        "表明日",
        "規格の規格番号及び改正年",
        "目標とする適合レベル",
        "対応度",
        "対象範囲",
        "依存したウェブコンテンツ技術",
        "試験対象ページの選択方法",
        "試験対象ページ数",
        "試験結果",
    ):
        assert row(text, label)
    assert "令和8年11月29日" in row(text, "表明日")
    assert "JIS X 8341-3:2016" in row(text, "規格")
    assert "配慮" in row(text, "対応度") and "準拠" not in row(text, "対応度")
    assert "3 ページ（日本語 1、英語 1、言語選択 1）" in row(text, "試験対象ページ数")
    assert "自動試験だけでは" in text
    assert "- 既知の問題: 既知の問題の説明" in text
    assert "既知の問題が 1 件" in row(text, "試験結果")
    # The checklist: every WCAG 2.0 A/AA criterion, judged from the rules that bear on it.
    assert row(text, "1.4.3 コントラスト").endswith("| 自動試験では問題なし |")
    assert row(text, "1.2.2 キャプション").endswith("| 自動試験の対象となる要素なし |")
    assert "要確認 2 件" in row(text, "1.4.1 色の使用")
    assert row(text, "3.3.4 エラー回避").endswith("| 自動試験では判定できない（未確認） |")
    assert (
        sum(1 for line in text.splitlines() if line.startswith(("| 1.", "| 2.", "| 3.", "| 4."))) == 38 + 12 + 6
    )  # WCAG 2.0, what 2.1 adds, what 2.2 adds


def test_english_page_says_the_same_and_escapes_titles():
    text = report.render(results(), "en")
    assert text.startswith("# Web accessibility {#accessibility}")
    assert "29 November 2026" in row(text, "Date of this statement")
    assert "Automated checks cannot show conformance" in text
    assert "Home &lt;b&gt;" in text and "Home <b>" not in text
    assert '<td lang="ja">ホーム</td>' in text
    # Japanese words in the English statement carry lang="ja" (the browser tests check the built page too).
    assert '<span lang="ja">「配慮」</span>' in text
    assert "- Known: what is known" in text
    assert "1 places on 1 pages (en/about/)" in text


def test_failures_are_reported_not_hidden():
    failing = results(violations=1)
    failing["checks"]["test_axe_finds_no_wcag_a_or_aa_violations"]["outcome"] = "failed"
    text = report.render(failing, "ja")
    assert "1 件の自動試験が不合格" in row(text, "試験結果")
    assert row(text, "1.4.3 コントラスト").endswith("| 問題あり（自動試験で検出） |")


def test_a_partial_run_is_refused(tmp_path):
    partial = results()
    del partial["checks"]["test_search_finds_the_page_about_the_query"]
    path = tmp_path / "results.json"
    path.write_text(json.dumps(partial), encoding="utf-8")
    with pytest.raises(report.ReportError, match="partial run"):
        report.load(path)
    assert report.main([str(tmp_path / "missing.json")]) == 1
