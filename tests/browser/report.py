"""Write the accessibility pages (docs/ja/accessibility.md, docs/en/accessibility.md) from a browser-test run.

    python tests/browser/report.py [test-artifacts/browser/results.json]

The tests (tests/browser/) write results.json; this turns it into a test-results statement in the
form JIS X 8341-3:2016 Annex JB asks of Japanese public bodies: date, standard, target level,
conformance wording, scope, technologies relied on, how the pages were chosen, the pages, and a
checklist of success criteria with what the automated run could and could not establish.
Run by ``make accessibility-report``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
from pathlib import Path

from briefing.cli import PROJECT
from briefing.text.formats import long_date
from briefing.text.phrases import PhraseBreaker

RESULTS = PROJECT / "test-artifacts" / "browser" / "results.json"
STANDARD = "JIS X 8341-3:2016"
BREAKER = PhraseBreaker([])  # Japanese titles break between phrases, as in the site's own tables
TECHNOLOGIES = "HTML, CSS, JavaScript, WAI-ARIA, SVG"


def JA(text: str) -> str:
    """Japanese words inside English text, marked as such (WCAG 3.1.2)."""
    return f'<span lang="ja">{text}</span>'


# The browser checks, as the report names them: (ja, en, success criteria they bear on).
CHECKS = {
    "test_axe_finds_no_wcag_a_or_aa_violations": (
        "axe-core の WCAG 2.0・2.1 レベル A・AA と WCAG 2.2 レベル AA の全ルール（ターゲットのサイズを含む。全ページ）",
        "Every WCAG 2.0 and 2.1 level A and AA rule and every WCAG 2.2 level AA rule of axe-core (target size "
        "included; every page)",
        [],
    ),
    "test_japanese_lines_start_as_the_rules_allow_and_units_stay_whole": (
        "幅 1280 px と 390 px で、日本語の行頭に「ー」、小書きの仮名、閉じ括弧、句読点が来ず、日付・金額・名称が"
        "行をまたいで分かれない（全ページ、引用欄を含む）",
        "At 1280 and 390 px, no Japanese line starts with ー, a small kana, a closing bracket or a punctuation "
        "mark, and dates, amounts and names are never split across lines (every page, the citation included)",
        [],
    ),
    "test_filtering_sorting_and_totals_in_the_browser": (
        "検討体制の表の絞り込みと並べ替え（390 px の並べ替えの選択肢を含む）で、合計と行の順が正しい",
        "Filtering and sorting the working-group tables (with the sort list at 390 px) gives the right totals "
        "and order",
        [],
    ),
    "test_skip_link_is_the_first_thing_the_tab_key_reaches": (
        "最初の Tab キーで「コンテンツにスキップ」リンクに移り、Enter で本文へ移動できる（全ページ）",
        "The first Tab key press reaches a visible skip link, and Enter on it moves to the content (every page)",
        ["2.4.1"],
    ),
    "test_each_page_has_one_h1_a_title_and_its_language": (
        "見出し h1 が1つ、ページ名を含む title、正しい html の lang（全ページ）",
        "One h1, a title naming the page, the right html lang (every page)",
        ["1.3.1", "2.4.2", "3.1.1"],
    ),
    "test_passages_in_the_other_language_are_marked": (
        "他言語の文言（例：日本語版の「English」）に lang 属性がある（全ページ、本文と属性）",
        f"Passages in the other language (such as {JA('日本語')} on English pages) carry a lang attribute "
        "(every page, text and attributes)",
        ["3.1.2"],
    ),
    "test_pages_reflow_at_320_px_without_horizontal_scrolling": (
        "幅 320 px で横スクロールが生じない（全ページ）",
        "No horizontal scrolling at 320 px wide (every page)",
        ["1.4.10"],
    ),
    "test_no_request_leaves_the_site_and_nothing_fails": (
        "サイト外への通信、失敗した通信、コンソールのエラーがない（全ページ、http）",
        "No request outside the site, no failed request, no console error (every page, over http)",
        [],
    ),
    "test_opened_from_file_no_request_leaves_the_computer": (
        "file:// で開いたときに外部への通信がない（全ページ）",
        "No request leaves the computer when pages are opened from file:// (every page)",
        [],
    ),
    "test_every_internal_link_and_anchor_resolves_over_http": (
        "サイト内のリンクとページ内リンクがすべて有効で、全ページにリンクでたどり着ける（http）",
        "Every internal link and anchor resolves, and every page can be reached by links (over http)",
        [],
    ),
    "test_every_internal_link_and_anchor_resolves_from_file": (
        "サイト内のリンクとページ内リンクが file:// でも有効",
        "Every internal link and anchor resolves from file://",
        [],
    ),
    "test_switcher_on_every_page_points_at_the_same_page_in_the_other_language": (
        "言語切替のリンクが、他言語の同じページを指している（全ページ）",
        "The language switcher links to the same page in the other language (every page)",
        [],
    ),
    "test_switcher_opens_the_same_page_in_the_other_language_over_http": (
        "言語切替をクリックすると他言語の同じページが開く（各種類のページ、http・サブパス）",
        "Clicking the language switcher opens the same page in the other language (each kind of page, "
        "http under a sub-path)",
        [],
    ),
    "test_switcher_opens_the_same_page_in_the_other_language_from_file": (
        "言語切替が file:// でも他言語の同じページを開く（各種類のページ）",
        "The language switcher works from file:// (each kind of page)",
        [],
    ),
    "test_search_finds_the_page_about_the_query": (
        "キー入力による検索で、語に対応するページが上位5件に表示される（日本語・英語）",
        "Search, typed with key presses, lists the page about the query among the first five (both languages)",
        ["2.4.5"],
    ),
}

# JIS X 8341-3:2016 = WCAG 2.0: every level A and AA success criterion.
CRITERIA_20 = [
    ("1.1.1", "A", "非テキストコンテンツ", "Non-text Content"),
    ("1.2.1", "A", "音声のみ及び映像のみ（収録済み）", "Audio-only and Video-only (Prerecorded)"),
    ("1.2.2", "A", "キャプション（収録済み）", "Captions (Prerecorded)"),
    (
        "1.2.3",
        "A",
        "音声解説、又はメディアに対する代替コンテンツ（収録済み）",
        "Audio Description or Media Alternative (Prerecorded)",
    ),
    ("1.2.4", "AA", "キャプション（ライブ）", "Captions (Live)"),
    ("1.2.5", "AA", "音声解説（収録済み）", "Audio Description (Prerecorded)"),
    ("1.3.1", "A", "情報及び関係性", "Info and Relationships"),
    ("1.3.2", "A", "意味のある順序", "Meaningful Sequence"),
    ("1.3.3", "A", "感覚的な特徴", "Sensory Characteristics"),
    ("1.4.1", "A", "色の使用", "Use of Color"),
    ("1.4.2", "A", "音声の制御", "Audio Control"),
    ("1.4.3", "AA", "コントラスト（最低限レベル）", "Contrast (Minimum)"),
    ("1.4.4", "AA", "テキストのサイズ変更", "Resize text"),
    ("1.4.5", "AA", "文字画像", "Images of Text"),
    ("2.1.1", "A", "キーボード", "Keyboard"),
    ("2.1.2", "A", "キーボードトラップなし", "No Keyboard Trap"),
    ("2.2.1", "A", "タイミング調整可能", "Timing Adjustable"),
    ("2.2.2", "A", "一時停止、停止及び非表示", "Pause, Stop, Hide"),
    ("2.3.1", "A", "3回の閃光、又は閾値以下", "Three Flashes or Below Threshold"),
    ("2.4.1", "A", "ブロックスキップ", "Bypass Blocks"),
    ("2.4.2", "A", "ページタイトル", "Page Titled"),
    ("2.4.3", "A", "フォーカス順序", "Focus Order"),
    ("2.4.4", "A", "リンクの目的（コンテキスト内）", "Link Purpose (In Context)"),
    ("2.4.5", "AA", "複数の手段", "Multiple Ways"),
    ("2.4.6", "AA", "見出し及びラベル", "Headings and Labels"),
    ("2.4.7", "AA", "フォーカスの可視化", "Focus Visible"),
    ("3.1.1", "A", "ページの言語", "Language of Page"),
    ("3.1.2", "AA", "一部分の言語", "Language of Parts"),
    ("3.2.1", "A", "フォーカス時", "On Focus"),
    ("3.2.2", "A", "入力時", "On Input"),
    ("3.2.3", "AA", "一貫したナビゲーション", "Consistent Navigation"),
    ("3.2.4", "AA", "一貫した識別性", "Consistent Identification"),
    ("3.3.1", "A", "エラーの特定", "Error Identification"),
    ("3.3.2", "A", "ラベル又は説明", "Labels or Instructions"),
    ("3.3.3", "AA", "エラー修正の提案", "Error Suggestion"),
    ("3.3.4", "AA", "エラー回避（法的、金融及びデータ）", "Error Prevention (Legal, Financial, Data)"),
    ("4.1.1", "A", "構文解析", "Parsing"),
    ("4.1.2", "A", "名前（name）・役割（role）及び値（value）", "Name, Role, Value"),
]
# WCAG 2.1 adds these at A and AA; not part of JIS X 8341-3:2016, checked as far as the tools go.
CRITERIA_21 = [
    ("1.3.4", "AA", "表示の向き", "Orientation"),
    ("1.3.5", "AA", "入力目的の特定", "Identify Input Purpose"),
    ("1.4.10", "AA", "リフロー", "Reflow"),
    ("1.4.11", "AA", "非テキストのコントラスト", "Non-text Contrast"),
    ("1.4.12", "AA", "テキストの間隔", "Text Spacing"),
    ("1.4.13", "AA", "ホバー又はフォーカスで表示されるコンテンツ", "Content on Hover or Focus"),
    ("2.1.4", "A", "文字キーのショートカット", "Character Key Shortcuts"),
    ("2.5.1", "A", "ポインタのジェスチャ", "Pointer Gestures"),
    ("2.5.2", "A", "ポインタのキャンセル", "Pointer Cancellation"),
    ("2.5.3", "A", "ラベルを含む名前（name）", "Label in Name"),
    ("2.5.4", "A", "動きによる起動", "Motion Actuation"),
    ("4.1.3", "AA", "ステータスメッセージ", "Status Messages"),
]
# WCAG 2.2 adds these at A and AA (4.1.1 Parsing is obsolete there); axe checks 2.5.8.
CRITERIA_22 = [
    ("2.4.11", "AA", "フォーカスの非隠蔽（最低限）", "Focus Not Obscured (Minimum)"),
    ("2.5.7", "AA", "ドラッグ動作", "Dragging Movements"),
    ("2.5.8", "AA", "ターゲットのサイズ（最低限）", "Target Size (Minimum)"),
    ("3.2.6", "A", "一貫したヘルプ", "Consistent Help"),
    ("3.3.7", "A", "冗長な入力", "Redundant Entry"),
    ("3.3.8", "AA", "アクセシブルな認証（最低限）", "Accessible Authentication (Minimum)"),
]

WORDS = {
    "ja": {
        "title": "ウェブアクセシビリティ",
        "fail": "問題あり（自動試験で検出）",
        "pass": "自動試験では問題なし",
        "none": "自動試験の対象となる要素なし",
        "manual": "自動試験では判定できない（未確認）",
        "review": "要確認 {n} 件",
        "passed": "合格",
        "failed": "不合格",
        "skipped": "未実施",
        "own": "独自試験",
    },
    "en": {
        "title": "Web accessibility",
        "fail": "Problem found by the automated tests",
        "pass": "No problem found by the automated tests",
        "none": "Nothing for the automated tests to check",
        "manual": "Cannot be judged automatically (not verified)",
        "review": "{n} to review",
        "passed": "Passed",
        "failed": "Failed",
        "skipped": "Not run",
        "own": "own check",
    },
}


class ReportError(Exception):
    pass


def _criterion(tag: str) -> str | None:
    """axe's tag wcag1410 → 1.4.10 (level tags such as wcag2aa are not criteria)."""
    match = re.fullmatch(r"wcag(\d)(\d)(\d{1,2})", tag)
    return ".".join(match.groups()) if match else None


def criterion_results(results: dict) -> dict[str, dict]:
    """Per success criterion: the axe rules and own checks that bear on it, and how they came out."""
    found: dict[str, dict] = {}
    for rule, counts in results["axe"]["rules"].items():
        for tag in counts["tags"]:
            sc = _criterion(tag)
            if sc:
                entry = found.setdefault(sc, {"rules": [], "checks": [], "counts": dict.fromkeys(counts, 0)})
                entry["rules"].append(rule)
                for key in ("violations", "incomplete", "passes", "inapplicable"):
                    entry["counts"][key] = entry["counts"].get(key, 0) + counts[key]
    for check, (_ja, _en, criteria) in CHECKS.items():
        for sc in criteria:
            entry = found.setdefault(sc, {"rules": [], "checks": [], "counts": {}})
            entry["checks"].append((check, results["checks"][check]["outcome"]))
    return found


def verdict(entry: dict | None, lang: str) -> str:
    words = WORDS[lang]
    if not entry:
        return words["manual"]
    counts = entry["counts"]
    outcomes = [outcome for _check, outcome in entry["checks"]]
    if counts.get("violations") or "failed" in outcomes:
        text = words["fail"]
    elif counts.get("passes") or "passed" in outcomes:
        text = words["pass"]
    else:
        text = words["none"]
    if counts.get("incomplete"):
        text += "（" if lang == "ja" else " ("
        text += words["review"].format(n=counts["incomplete"]) + ("）" if lang == "ja" else ")")
    return text


def _how(entry: dict | None, lang: str) -> str:
    if not entry:
        return "―" if lang == "ja" else "–"
    parts = [f"`{rule}`" for rule in entry["rules"]]
    parts += [WORDS[lang]["own"]] if entry["checks"] else []
    return ", ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def load(path: Path) -> dict:
    if not path.is_file():
        raise ReportError(f"{path} does not exist: run the browser tests first (make test-browser)")
    results = json.loads(path.read_text(encoding="utf-8"))
    missing = [check for check in CHECKS if results.get("checks", {}).get(check, {}).get("outcome") is None]
    if missing or not results.get("pages") or "axe" not in results:
        raise ReportError(
            f"{path} is from a partial run (no result for: {', '.join(missing) or 'the page visits'}); "
            "run the whole browser suite (make test-browser) and try again"
        )
    return results


def render(results: dict, lang: str) -> str:
    words = WORDS[lang]
    ja = lang == "ja"
    date = long_date(dt.date.fromisoformat(results["date"]), lang)
    pages = sorted(results["pages"].values(), key=lambda p: (p["lang"] != "ja+en", p["lang"], p["path"]))
    by_lang = {code: sum(1 for p in pages if p["lang"] == code) for code in ("ja", "en", "ja+en")}
    tools = results["tools"]
    failed = [check for check in CHECKS if results["checks"][check]["outcome"] != "passed"]
    criteria = criterion_results(results)
    review = results["checks"]["test_passages_in_the_other_language_are_marked"]["details"].get("review", [])
    known = [reason for check in CHECKS for reason in results["checks"][check]["details"].get("known", [])]
    incomplete = {
        rule: counts["incomplete"] for rule, counts in results["axe"]["rules"].items() if counts["incomplete"]
    }

    out = [f"# {words['title']} {{#accessibility}}", ""]
    out += [
        "<!-- Generated by tests/browser/report.py from the browser tests' results "
        "(make accessibility-report). Do not edit by hand. -->",
        "",
    ]
    if ja:
        out += [
            f"このサイトは、日本産業規格 {STANDARD}「高齢者・障害者等配慮設計指針－情報通信における機器，"
            "ソフトウェア及びサービス－第3部：ウェブコンテンツ」の適合レベル AA を目標としています。",
            "このページは、実際のブラウザーで全ページを開いて行う自動試験の結果から作成しており、"
            f"{STANDARD} 附属書JB の試験結果の項目に沿って記載しています。",
            "",
            "**自動試験だけでは、達成基準を満たしていること（適合）は示せません。**"
            "自動試験で確認できるのは達成基準の一部で、代替テキストや見出しの内容が適切か、"
            "キーボードだけですべての操作ができるかなどは、人による確認が必要です。"
            "附属書JB による全達成基準の試験はまだ行っていないため、"
            "対応度は「準拠」「一部準拠」ではなく「配慮」と表記します。",
        ]
    else:
        out += [
            f"This site aims at level AA of the Japanese Industrial Standard {STANDARD} (web content; the same "
            "success criteria as WCAG 2.0). This page is written from an automated run that opens every page "
            f"in a real browser, and follows the items of a test-results statement in {STANDARD} Annex JB.",
            "",
            "**Automated checks cannot show conformance.** They cover only part of the success criteria: whether "
            "alternative text and headings say the right thing, or whether everything can be done from the "
            "keyboard alone, needs a person to check. No full Annex JB test of every criterion has been done "
            f"yet, so the site claims only that it takes level AA into account ({JA('「配慮」')}), not that it "
            f"conforms or partly conforms ({JA('「準拠」')}, {JA('「一部準拠」')}).",
        ]
    out.append("")

    out += [f"## {'試験結果' if ja else 'Test results'} {{#results}}", ""]
    out += ["| 項目 | 内容 |" if ja else "| Item | Statement |", "| --- | --- |"]
    rows = [
        ("表明日" if ja else "Date of this statement", date),
        ("規格の規格番号及び改正年" if ja else "Standard", STANDARD),
        ("目標とする適合レベル" if ja else "Target level", "AA"),
        (
            "対応度" if ja else "Conformance wording",
            "AA に配慮（自動試験のみ実施）"
            if ja
            else f"Level AA taken into account ({JA('配慮')}; automated tests only)",
        ),
        (
            "対象範囲" if ja else "Scope",
            "このサイトの全ページ：日本語版（ja/ 以下）、英語版（en/ 以下）、言語選択ページ、"
            "各言語の「ページが見つかりません」ページ"
            if ja
            else "Every page of this site: the Japanese site (under ja/), the English site (under en/), "
            "the language chooser, and each language's page-not-found page",
        ),
        ("依存したウェブコンテンツ技術" if ja else "Technologies relied upon", TECHNOLOGIES),
        (
            "試験対象ページの選択方法" if ja else "How the pages were chosen",
            "全ページ。生成したサイトの HTML ページをすべて列挙し、さらにトップページからリンクをたどって"
            "全ページに到達できることを確かめています。ページが増えれば自動的に試験対象に加わります。"
            if ja
            else "All pages: every HTML page the build writes, and a check that each can be reached by "
            "following links from the root. New pages are tested as soon as they exist.",
        ),
        (
            "試験対象ページ数" if ja else "Pages tested",
            f"{len(pages)} ページ（日本語 {by_lang['ja']}、英語 {by_lang['en']}、言語選択 {by_lang['ja+en']}）"
            if ja
            else f"{len(pages)} ({by_lang['ja']} Japanese, {by_lang['en']} English, "
            f"{by_lang['ja+en']} language chooser)",
        ),
        (
            "試験方法" if ja else "How the pages were tested",
            f"{tools['browser']}（Playwright {tools['playwright']}）で、ローカルの http サーバーのサブパス"
            f"（/briefings/materials/）と file:// からページを開き、axe-core {tools['axe-core']} と下記の独自試験を実行"
            if ja
            else f"{tools['browser']} (Playwright {tools['playwright']}) opened the pages from a local http server "
            f"under a sub-path (/briefings/materials/) and from file://, and ran axe-core {tools['axe-core']} "
            "and the checks below",
        ),
        (
            "試験結果" if ja else "Result",
            (
                "すべての自動試験に合格（自動試験で確認できる範囲に限ります）"
                + (f"。ただし既知の問題が {len(known)} 件あります（「確認が必要な箇所」参照）" if known else "")
                if ja
                else "Every automated check passed (as far as automated checks go)"
                + (f", apart from {len(known)} known problems (see “Points to review”)" if known else "")
            )
            if not failed
            else (
                f"{len(failed)} 件の自動試験が不合格：" + "、".join(CHECKS[c][0] for c in failed)
                if ja
                else f"{len(failed)} automated checks failed: " + "; ".join(CHECKS[c][1] for c in failed)
            ),
        ),
    ]
    out += [f"| {_cell(a)} | {_cell(b)} |" for a, b in rows]
    out.append("")

    out += [f"## {'自動試験の項目と結果' if ja else 'The automated checks'} {{#checks}}", ""]
    out += ["| 試験 | 関係する達成基準 | 結果 |" if ja else "| Check | Success criteria | Result |"]
    out.append("| --- | --- | --- |")
    for check, (text_ja, text_en, sc) in CHECKS.items():
        outcome = results["checks"][check]["outcome"]
        criteria_text = ", ".join(sc) or ("―" if ja else "–")
        if check == "test_axe_finds_no_wcag_a_or_aa_violations":
            criteria_text = "A・AA（チェックリスト参照）" if ja else "A and AA (see the checklist)"
        out.append(f"| {_cell(text_ja if ja else text_en)} | {criteria_text} | {words[outcome]} |")
    out.append("")

    out += [f"## {'達成基準チェックリスト' if ja else 'Success criteria checklist'} {{#checklist}}", ""]
    out.append(
        f"{STANDARD}（WCAG 2.0 と同じ達成基準）のレベル A・AA の達成基準と、自動試験での確認結果です。"
        "「自動試験では問題なし」は、達成基準を満たしていることを意味しません。"
        if ja
        else f"The level A and AA success criteria of {STANDARD} (those of WCAG 2.0) and what the automated run "
        "found. “No problem found” does not mean that the criterion is met."
    )
    out.append("")
    out += _checklist(CRITERIA_20, criteria, lang)
    out.append("")
    for version, added in (("2.1", CRITERIA_21), ("2.2", CRITERIA_22)):
        out.append(
            f"WCAG {version} で追加されたレベル A・AA の達成基準（{STANDARD} には含まれません）："
            if ja
            else f"Level A and AA success criteria added by WCAG {version} (not part of {STANDARD}):"
        )
        out.append("")
        out += _checklist(added, criteria, lang)
        out.append("")

    out += [f"## {'自動試験では確認できないこと' if ja else 'What the automated checks cannot show'} {{#limits}}", ""]
    if ja:
        out += [
            "- 代替テキスト、見出し、リンクの文言、表の見出しが内容を正しく伝えているか（1.1.1、2.4.4、2.4.6 など）。",
            "- キーボードだけで、すべての機能を操作できるか。"
            "最初の Tab キーとスキップリンクのみ試験しています（2.1.1、2.4.3）。",
            "- フォーカスの表示が十分に見えるか、拡大（200%）や文字間隔の変更で内容が欠けないか"
            "（2.4.7、1.4.4、1.4.12）。",
            "- スクリーンリーダーでの読み上げ。試験は Chromium のみで、支援技術では試していません。",
            "- ダークモードの配色。コントラストはライトモードで試験しています。",
            "- Material for MkDocs の1文字キーのショートカット（「/」「s」「f」で検索を開くなど）は"
            "利用者が無効にできないため、WCAG 2.1 の 2.1.4（文字キーのショートカット）は確認が必要です。",
        ]
    else:
        out += [
            "- Whether alternative text, headings, link text and table headers say the right thing "
            "(1.1.1, 2.4.4, 2.4.6 and others).",
            "- Whether everything can be done from the keyboard alone: only the first Tab key press and the skip "
            "link are tested (2.1.1, 2.4.3).",
            "- Whether focus is clearly visible, and whether content survives 200% zoom or changed text spacing "
            "(2.4.7, 1.4.4, 1.4.12).",
            "- How screen readers read the pages: the tests use Chromium only, no assistive technology.",
            "- Colors in dark mode: contrast is tested in light mode.",
            "- Material for MkDocs' single-key shortcuts (“/”, “s” and “f” open search) cannot be turned off "
            "by the reader, so WCAG 2.1 criterion 2.1.4 (Character Key Shortcuts) needs checking.",
        ]
    out.append("")

    if incomplete or review or known:
        out += [f"## {'確認が必要な箇所' if ja else 'Points to review'} {{#review}}", ""]
        if incomplete:
            listed = ", ".join(f"`{rule}` ({n})" for rule, n in sorted(incomplete.items()))
            out.append(
                f"- axe-core が人による確認を求めた項目（ページ数）：{listed}"
                if ja
                else f"- Items axe-core asks a person to review (pages): {listed}"
            )
        english = [found for found in review if found["script"] == "en"]
        japanese = [found for found in review if found["script"] == "ja"]
        if english:
            pages_en = len({found["page"] for found in english})
            out.append(
                "- 日本語の文脈で、lang 属性なしに英語で書かれた名称など（例：AI for Science、文書の英語名）："
                f"{len(english)} 箇所（{pages_en} ページ）。固有名詞は達成基準 3.1.2 の例外ですが、"
                "読み上げのために lang の付与を検討します。"
                if ja
                else "- English names and the like in Japanese text without a lang attribute (such as AI for "
                f"Science, the English title of a document): {len(english)} places on {pages_en} pages. Proper "
                "names are an exception in criterion 3.1.2, but marking them helps speech output."
            )
        if japanese:
            pages_ja = sorted({found["page"] for found in japanese})
            listed = ", ".join(pages_ja) if len(pages_ja) <= 12 else ", ".join(pages_ja[:12]) + ", …"
            out.append(
                "- 英語の文中に引用された日本語の語句（例：億円、令和8年度、英語の出典表示の中の日本語の題名）で"
                f" lang 属性のないもの：{len(japanese)} 箇所（{len(pages_ja)} ページ：{listed}）"
                if ja
                else f"- Japanese words quoted inside English text (such as {JA('億円')}, {JA('令和8年度')}, or a "
                f"Japanese title inside an English citation) without a lang attribute: {len(japanese)} places on "
                f"{len(pages_ja)} pages ({listed})"
            )
        for reason in known:
            out.append(f"- {'既知の問題' if ja else 'Known'}: {html.escape(reason[lang], quote=False)}")
        out.append("")

    out += [f"## {'試験したページ' if ja else 'Pages tested'} {{#pages}}", ""]
    summary = f"試験したページの一覧（{len(pages)} ページ）" if ja else f"The {len(pages)} pages tested"
    out.append(f"<details>\n<summary>{html.escape(summary)}</summary>")
    label = "試験したページ" if ja else "Pages tested"
    out.append(f'<div class="briefing-scroll" role="region" tabindex="0" aria-label="{html.escape(label)}">')
    out.append('<table class="briefing-table">')
    head = ("アドレス", "ページ名", "axe-core の違反") if ja else ("Address", "Page title", "axe-core violations")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>")
    out.append("<tbody>")
    for page in pages:
        title_lang = {"ja": "ja", "en": "en"}.get(page["lang"], "ja")
        lang_attr = f' lang="{title_lang}"' if title_lang != lang else ""
        out.append(
            # an address may break after a slash: long ones would widen the table past a phone's screen
            f'<tr><th scope="row"><code>{html.escape(page["path"] or "/").replace("/", "/<wbr>")}</code></th>'
            f"<td{lang_attr}>{BREAKER.html(html.escape(page['title']))}</td>"
            f'<td class="num">{page["axe_violations"]}</td></tr>'
        )
    out += ["</tbody>", "</table>", "</div>", "</details>", ""]
    return "\n".join(out)


def _checklist(criteria_list, criteria: dict, lang: str) -> list[str]:
    ja = lang == "ja"
    head = "| 達成基準 | レベル | 自動試験での確認 | 結果 |"
    if not ja:
        head = "| Success criterion | Level | Checked by | Result |"
    lines = [head, "| --- | --- | --- | --- |"]
    for sc, level, name_ja, name_en in criteria_list:
        entry = criteria.get(sc)
        name = name_ja if ja else name_en
        lines.append(f"| {sc} {_cell(name)} | {level} | {_how(entry, lang)} | {verdict(entry, lang)} |")
    return lines


def write(results: dict, docs: Path = PROJECT / "docs") -> list[Path]:
    written = []
    for lang in ("ja", "en"):
        target = docs / lang / "accessibility.md"
        target.write_text(render(results, lang), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else RESULTS
    try:
        results = load(path)
    except ReportError as err:
        print(err, file=sys.stderr)
        return 1
    for target in write(results):
        print(f"Wrote {target.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
