"""Where Japanese text may break: at phrase boundaries found by BudouX, and never inside a number
with its unit, a date, a name of the briefing, or next to a bracket or mark that belongs to a word.

BudouX (Google's phrase segmenter, its model in the wheel) finds the phrases; a few rules fix what a
statistical model gets wrong with this deck's text (it splits 202|6年, 経済産業|大臣, 内閣府|（科技）).
For the web pages the result is <wbr> between phrases; the CSS (word-break: keep-all) then breaks only
there, and overflow-wrap: anywhere is the last resort for a phrase wider than its column.

The PDF (publish/pdf_content.py) asks for the pieces instead (``pieces``): in its tables and headings each phrase
is a box a line never breaks inside; in running text a line may break between any two characters, as
Japanese print does, except inside a date, an amount with its unit or a name (English too: ¥18.1
billion, 21 January 2026).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import budoux


@lru_cache(maxsize=1)
def _parser() -> budoux.Parser:
    """BudouX's Japanese model, loaded when first needed (make check, which imports this module, seldom is)."""
    return budoux.load_default_japanese_parser()


_JAPANESE = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# A boundary is dropped between these characters: inside numbers, words of Latin letters, dates and amounts.
# What a line never starts with (JIS X 4051): closing brackets, the comma and full stop, the middle dot,
# the long-vowel mark, small kana, iteration marks. A unit kept whole takes them along.
NO_LINE_START = set(
    "、。，．)）〕］｝〉》」』】”’・：；？！ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ"
)
_GLUE_BEFORE = set("0123456789０１２３４５６７８９.,%％～〜") | NO_LINE_START
GLUE_AFTER = set("(（「『【［◎○●・") | {chr(c) for c in range(0x2460, 0x2474)}
# Inside a long phrase (BudouX keeps compound nouns whole: サイバーセキュリティ推進専門家会議), a change
# between katakana and kanji, or from kana to kanji (設置および|日本…), is a break of last resort, so
# that a long phrase still fits a narrow column.
_LONG = 9
_SCRIPT_CHANGE = re.compile(
    r"(?<=[\u30a0-\u30ff])(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=[\u30a0-\u30ff])"
    r"|(?<=[\u3040-\u309f])(?=[\u3400-\u9fff\u30a0-\u30ff])"
    r"|(?<=[A-Za-z0-9])(?=[\u30a0-\u30ff\u3400-\u9fff])|(?<=[\u30a0-\u30ff\u3400-\u9fff])(?=[A-Za-z])"
    r"|(?<=/)"
)
_UNIT = re.compile(r"^(年度?|月|日|億円|万円|円|万人|人|件|名|倍|割|回|か所|箇所|期)")
# Units a line never breaks inside (the browser's own rules would break a date after its year, a
# circled number's label at its middle dot): dates, amounts with their unit, a circled number with
# its label. They, and the briefing's short names, are kept on one line with white-space: nowrap.
# English units (an amount with its scale, a date) are kept whole in text of either language: the
# Japanese glossary gives 181億円＝¥18.1 billion.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_KEPT_LATIN = (
    r"¥\d[\d,.]*\s(?:billion|million|trillion)|¥\s(?:billion|million)|¥[\d,.]+"
    rf"|\b\d{{1,2}}\s(?:{_MONTHS})\s\d{{4}}|\b(?:{_MONTHS})\s\d{{4}}|\b\d[\d,.]* (?:per cent|%)"
)
_TILDE = "～〜~"
_KEPT = re.compile(
    rf"(?:令和|平成|昭和)(?:\d{{1,2}}|元)(?:[{_TILDE}]\d{{1,2}})?年(?:度)?(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?[{_TILDE}]?"
    rf"|\d{{4}}(?:[{_TILDE}]\d{{4}})?年(?:度)?(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?[{_TILDE}]?"
    rf"|(?<![A-Za-z0-9])[RH]\d{{1,2}}[{_TILDE}][RH]?\d{{1,2}}(?!\d)"  # the deck's R3～R12: Reiwa 3 to 12
    rf"|(?<![A-Za-z0-9])R\d{{1,2}}年(?:度)?"  # the deck's R7年度
    r"|\d[\d,.]*(?:兆円|億円|万円|万人|件|人|%|％)"
    r"|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf][\u30a0-\u30ff\u3400-\u9fff・]{1,13}"
    # A mark of the name after it (◎ lead minister) with that name's first character: the browser
    # breaks after a symbol even under keep-all.
    r"|[◎○●][\u3040-\u30ff\u3400-\u9fffA-Za-z0-9]"
    rf"|{_KEPT_LATIN}"
)
_KEPT_IN_LATIN = re.compile(_KEPT_LATIN)
# Our own markup between text: tags are whole, and attribute values never hold a raw '>' (they are escaped).
_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")
_SPACES = re.compile(r"(\s+)")
# Never inside these (an <abbr> name may break: long ones must fit a column); a form control's text is
# text only: a <span> inside an <option> is not allowed.
_SKIP = ("code", "time", "script", "style", "svg", "option", "textarea", "title")
# A region of a page that a template has already broken into phrases (a table in its scroll box).
_PHRASED = re.compile(r'<div\b[^>]*\bclass="briefing-scroll\b')
_NOWRAP = '<span class="briefing-nowrap">'
_SPAN_END = "</span>"


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one (a name holding a date stays one unit)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def phrases(text: str) -> list[str]:
    """The phrases of a Japanese text, as BudouX finds them."""
    return list(_phrases(text)) if text else []


@lru_cache(maxsize=16384)
def _phrases(text: str) -> tuple[str, ...]:
    """(Kept for every breaker: the current edition's pages, a frozen edition's and the PDF's share most
    of their texts.)"""
    return tuple(_parser().parse(text))


def _end_of_marks(text: str, end: int) -> int:
    while end < len(text) and text[end] in NO_LINE_START:
        end += 1
    return end


class PhraseBreaker:
    """Marks the phrase boundaries of Japanese text in an HTML fragment: <wbr> between phrases for the
    web pages, or each phrase in a box for the PDF."""

    def __init__(self, names: list[str]):
        # The briefing's names (ministries, ministers, fields…) are kept whole; long compound titles
        # may still break between their parts.
        kept = sorted({name for name in names if 2 <= len(name) <= 12}, key=len, reverse=True)
        self._names = re.compile("|".join(map(re.escape, kept))) if kept else None
        self._text = lru_cache(maxsize=None)(self._break_text)
        self._pieced = lru_cache(maxsize=None)(self._pieces)
        self._kept = lru_cache(maxsize=None)(self._keep_text)

    def _units(self, text: str) -> tuple[set[int], list[tuple[int, int]]]:
        """Where a line may break, and the spans (dates, amounts, names) it never breaks inside."""
        phrases = _phrases(text)
        cuts, position = set(), 0
        for phrase in phrases:
            if len(phrase) > _LONG:  # a last resort inside long phrases only
                cuts |= {position + found.start() for found in _SCRIPT_CHANGE.finditer(phrase)}
            position += len(phrase)
            cuts.add(position)
        cuts.discard(len(text))
        cuts.discard(len(text) - 1)  # never a single character alone on the last line (検討体|制)
        for cut in list(cuts):
            before, after = text[cut - 1], text[cut]
            if (
                (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())
                or after in _GLUE_BEFORE
                or before in GLUE_AFTER
                or (before.isdigit() and _UNIT.match(text[cut:]))
            ):
                cuts.discard(cut)
        for found in _ENTITY.finditer(text):
            cuts -= set(range(found.start() + 1, found.end()))
        kept = [found.span() for found in _KEPT.finditer(text)]
        if self._names:
            kept += [found.span() for found in self._names.finditer(text)]
        kept = _merged(kept)
        for start, end in kept:
            cuts -= set(range(start + 1, end))
        return cuts, kept

    def _kept_spans(self, text: str) -> list[tuple[int, int]]:
        """The units of a text never broken inside, of more than one character. Outside the tables'
        phrases, names of two characters are left to the browser: they are as often part of a longer
        word (エネ in フュージョンエネルギー) as names."""
        if not _JAPANESE.search(text):
            return [found.span() for found in _KEPT_IN_LATIN.finditer(text)]
        kept = [found.span() for found in _KEPT.finditer(text)]
        if self._names:
            kept += [found.span() for found in self._names.finditer(text) if found.end() - found.start() > 2]
        return [(start, end) for start, end in _merged(kept) if end - start > 1]

    def runs(self, text: str) -> list[tuple[str, bool]]:
        """A plain text as runs of (text, kept whole): for templates that mark the units themselves
        (the theme's citation box and footer)."""
        runs, position = [], 0
        for start, end in self._kept_spans(text):
            if start > position:
                runs.append((text[position:start], False))
            runs.append((text[start:end], True))
            position = end
        if position < len(text):
            runs.append((text[position:], False))
        return runs

    def _keep_text(self, text: str) -> str:
        return "".join(
            f"{_NOWRAP}{run}{_SPAN_END}" if kept and not run.isspace() else run for run, kept in self.runs(text)
        )

    def _break_text(self, text: str) -> str:
        if not _JAPANESE.search(text):
            return self._keep_text(text)  # an English amount or date
        cuts, kept = self._units(text)
        opening = {start for start, end in kept if end - start > 1}
        closing = {end for start, end in kept if end - start > 1}
        if not cuts and not opening:
            return text
        out = []
        for index, char in enumerate(text):
            if index in closing:
                out.append("</span>")
            if index in cuts:
                out.append("<wbr>")
            if index in opening:
                out.append('<span class="briefing-nowrap">')
            out.append(char)
        if len(text) in closing:
            out.append("</span>")
        return "".join(out)

    def _pieces(self, text: str, phrases: bool) -> tuple[tuple[str, str], ...]:
        if not _JAPANESE.search(text):
            return self._latin_pieces(text)
        cuts, kept = self._units(text)  # a kept unit never holds a cut, so it is inside one phrase
        if not phrases:
            # A unit takes the marks after it along (こども・, 181億円、): the PDF may break a line after a
            # unit, which would then start with them.
            kept = [(start, _end_of_marks(text, end)) for start, end in kept]
            edges = sorted({0, len(text), *(edge for span in kept for edge in span)})
            starts = {start for start, _ in kept}
            return tuple(
                ("keep" if start in starts else "text", text[start:end])
                for start, end in itertools.pairwise(edges)
                if end > start
            )
        # A phrase is never broken inside, so it is as narrow as a table's column may get: a long
        # compound may also break after a middle dot (デジタル・|サイバー…).
        edges = [0, *sorted(cuts), len(text)]
        inside_kept = {index for start, end in kept for index in range(start + 1, end)}
        cuts |= {
            index + 1
            for start, end in itertools.pairwise(edges)
            if end - start > _LONG
            for index in range(start, end - 2)
            if text[index] == "・" and index + 1 not in inside_kept
        }
        edges = [0, *sorted(cuts), len(text)]
        out: list[tuple[str, str]] = []
        for start, end in itertools.pairwise(edges):
            for piece in _SPACES.split(text[start:end]):  # spaces stay between phrases: a line may break there
                if piece:
                    out.append(("text" if piece.isspace() else "phrase", piece))
        return tuple(out)

    @staticmethod
    def _latin_pieces(text: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        position = 0
        for found in _KEPT_IN_LATIN.finditer(text):
            if found.start() > position:
                out.append(("text", text[position : found.start()]))
            out.append(("keep", found.group()))
            position = found.end()
        if position < len(text):
            out.append(("text", text[position:]))
        return tuple(out)

    def pieces(self, text: str, *, phrases: bool) -> tuple[tuple[str, str], ...]:
        """The text as (kind, text) pieces for the PDF: "keep" a date, an amount with its unit or a name
        that a line never breaks inside; with ``phrases`` (tables, headings), "phrase" each phrase of
        Japanese, which a line never breaks inside either; "text" the rest."""
        return self._pieced(text, phrases)

    def html(self, fragment: str, *, units_only: bool = False) -> str:
        """The fragment with <wbr> in the Japanese text between its tags (not inside code, time, svg…)
        and its units (dates, amounts, names) each in a <span class="briefing-nowrap">. With
        ``units_only``, the units alone: the text breaks where the browser's own rules let it (the print
        page, whose thousands of <wbr> slowed it down)."""
        mark = self._kept if units_only else self._text
        return self._marked(fragment, mark, skip_phrased=False)

    def units_in_page(self, page: str) -> str:
        """A whole page (Markdown holding HTML): the units of its text each in a <span class="briefing-nowrap">,
        outside the regions its templates have already broken into phrases (the tables)."""
        return self._marked(page, self._kept, skip_phrased=True)

    def _marked(self, fragment: str, mark, *, skip_phrased: bool) -> str:
        out, skipping, phrased, kept = [], 0, 0, 0
        for part in _TAG.split(fragment):
            if part.startswith("<"):
                name, skip_change = _tag(part)
                skipping += skip_change
                if skip_phrased and name in ("div", "/div"):
                    if phrased:
                        phrased += 1 if name == "div" else -1
                    elif _PHRASED.match(part):
                        phrased = 1
                # A unit a template keeps whole (文科（政務）): no <wbr> inside, which would break it anyway.
                if name in ("span", "/span"):
                    if kept:
                        kept += 1 if name == "span" else -1
                    elif part.startswith(_NOWRAP[:-1]):
                        kept = 1
                out.append(part)
            elif part and not skipping and not phrased and not kept and not part.isspace():
                out.append(mark(part))
            else:
                out.append(part)
        return "".join(out)


@lru_cache(maxsize=4096)
def _tag(tag: str) -> tuple[str, int]:
    """A tag's name in lower case ("/" before it for an end tag), and 1 if it opens an element whose text is
    not marked (_SKIP), -1 if it closes one. (A page has few kinds of tag, each many times.)"""
    name = tag[1:].split(None, 1)[0].rstrip(">/").lower() if len(tag) > 2 else ""
    if name.lstrip("/") not in _SKIP or tag.endswith("/>"):
        return name, 0
    return name, -1 if name.startswith("/") else 1
