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
TEMPLATE = "accessibility.md.j2"  # beside this file: the words and the markup of the pages
STANDARD = "JIS X 8341-3:2016"
BREAKER = PhraseBreaker([])
TECHNOLOGIES = "HTML, CSS, JavaScript, WAI-ARIA, SVG"


# The browser checks the report lists, with the success criteria each bears on (what they check, in words:
# accessibility.md.j2).
CHECKS = {
    "test_axe_finds_no_wcag_a_or_aa_violations": [],
    "test_japanese_lines_start_as_the_rules_allow_and_units_stay_whole": [],
    "test_filtering_sorting_and_totals_in_the_browser": [],
    "test_skip_link_is_the_first_thing_the_tab_key_reaches": ["2.4.1"],
    "test_each_page_has_one_h1_a_title_and_its_language": ["1.3.1", "2.4.2", "3.1.1"],
    "test_passages_in_the_other_language_are_marked": ["3.1.2"],
    "test_pages_reflow_at_320_px_without_horizontal_scrolling": ["1.4.10"],
    "test_no_request_leaves_the_site_and_nothing_fails": [],
    "test_opened_from_file_no_request_leaves_the_computer": [],
    "test_every_internal_link_and_anchor_resolves_over_http": [],
    "test_every_internal_link_and_anchor_resolves_from_file": [],
    "test_switcher_on_every_page_points_at_the_same_page_in_the_other_language": [],
    "test_switcher_opens_the_same_page_in_the_other_language_over_http": [],
    "test_switcher_opens_the_same_page_in_the_other_language_from_file": [],
    "test_search_finds_the_page_about_the_query": ["2.4.5"],
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
    for check, criteria in CHECKS.items():
        for sc in criteria:
            entry = found.setdefault(sc, {"rules": [], "checks": [], "counts": {}})
            entry["checks"].append((check, results["checks"][check]["outcome"]))
    return found


def verdict(entry: dict | None) -> dict:
    """What the automated run makes of a success criterion: ``verdict`` (fail, pass, none, or manual when no
    check bears on it), the axe rules and own checks that bear on it, and how many pages need review."""
    if not entry:
        return {"verdict": "manual", "rules": [], "checks": False, "incomplete": 0}
    counts = entry["counts"]
    outcomes = [outcome for _check, outcome in entry["checks"]]
    if counts.get("violations") or "failed" in outcomes:
        found = "fail"
    elif counts.get("passes") or "passed" in outcomes:
        found = "pass"
    else:
        found = "none"
    return {
        "verdict": found,
        "rules": entry["rules"],
        "checks": bool(entry["checks"]),
        "incomplete": counts.get("incomplete", 0),
    }


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
    """The accessibility page of ``lang``: the facts worked out here, written by accessibility.md.j2."""
    pages = sorted(results["pages"].values(), key=lambda p: (p["lang"] != "ja+en", p["lang"], p["path"]))
    judged = criterion_results(results)
    review = results["checks"]["test_passages_in_the_other_language_are_marked"]["details"].get("review", [])
    english = [found for found in review if found["script"] == "en"]
    japanese = [found for found in review if found["script"] == "ja"]
    return _template().render(
        lang=lang,
        standard=STANDARD,
        technologies=TECHNOLOGIES,
        date=long_date(dt.date.fromisoformat(results["date"]), lang),
        tools=results["tools"],
        pages=[page | {"title_lang": "en" if page["lang"] == "en" else "ja"} for page in pages],
        by_lang={code: sum(1 for p in pages if p["lang"] == code) for code in ("ja", "en", "ja+en")},
        failed=[check for check in CHECKS if results["checks"][check]["outcome"] != "passed"],
        checks=[
            {"id": check, "criteria": criteria, "outcome": results["checks"][check]["outcome"]}
            for check, criteria in CHECKS.items()
        ],
        checklists={
            version: [
                {"id": sc, "level": level, "name": name_ja if lang == "ja" else name_en} | verdict(judged.get(sc))
                for sc, level, name_ja, name_en in listed
            ]
            for version, listed in (("2.0", CRITERIA_20), ("2.1", CRITERIA_21), ("2.2", CRITERIA_22))
        },
        incomplete={rule: n["incomplete"] for rule, n in results["axe"]["rules"].items() if n["incomplete"]},
        review={
            "any": bool(review),
            "english": english,
            "english_pages": sorted({found["page"] for found in english}),
            "japanese": japanese,
            "japanese_pages": sorted({found["page"] for found in japanese}),
        },
        known=[reason for check in CHECKS for reason in results["checks"][check]["details"].get("known", [])],
    )


def _template():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        undefined=StrictUndefined,
        comment_start_string="{##",  # {#id} is Markdown (a heading's anchor), as in the site's own templates
        comment_end_string="##}",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        cell=lambda text: text.replace("|", "\\|").replace("\n", " "),  # inside a Markdown table's cell
        html_attr=html.escape,
        html_text=lambda text: html.escape(text, quote=False),
        phrases=BREAKER.html,  # Japanese breaks between phrases, as in the site's own tables
    )
    return env.get_template(TEMPLATE)


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
