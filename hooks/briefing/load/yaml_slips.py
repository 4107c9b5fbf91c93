"""The slips people make typing YAML, found where they are made, and named in words.

libyaml reports where it stopped understanding a file, in its own terms ("mapping values are not
allowed here"), often a line after the slip. Here the raw lines are read again for what editors
actually type: a full-width space (the space of a Japanese keyboard) in the indentation or after
"ja:", a full-width colon, a tab, an apostrophe inside single quotes, a missing "- ", a text that
starts with a character YAML keeps for itself, a quote left open. Each becomes a message of its own
(messages/<lang>.yml, group ``yaml``), at the line and column of the slip.

A file that reads well can still lose words: in YAML, " #" starts a comment, so ``en: at NIMS #1``
publishes "at NIMS". ``comment_in_text`` finds such a comment after a text on its line. And a phrase marked
as one that cannot be read with confidence, ``{?…?}``, left open would be published with its marks showing
(``unclosed_mark``).
"""

from __future__ import annotations

import re

import yaml

from ..messages import Message
from ..problems import Problem

FULL_WIDTH_SPACE = "\u3000"
_KEY = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"
_INDENT = re.compile(r"^[ \u3000]*")
_AFTER_KEY = re.compile(rf"^ *(?:- +)?({_KEY}):\u3000")
_AFTER_DASH = re.compile(r"^ *-\u3000")
_FULL_WIDTH_COLON = re.compile(rf"^ *(?:- +)?({_KEY})：")
_KEY_LINE = re.compile(rf"^( *)(?:- )?{_KEY}:( |$)")
# A line's value: after "key: " or "- " (as many as there are), the text as typed.
_VALUE = re.compile(rf"^ *(?:- +)*(?:{_KEY}: +(?:- +)*)?")
_RESERVED_START = "@`%|>!&*"  # characters that cannot start a plain value, or start something else


def character_name(char: str) -> str:
    """U+001B, as a message shows an invisible character."""
    return f"U+{ord(char):04X}"


def yaml_problems(err: yaml.MarkedYAMLError, label: str, lines: list[str]) -> list[Problem]:
    """What to tell the editor about a file libyaml could not read: the slips found in its lines, or,
    failing those, libyaml's complaint in words."""
    slips = full_width_slips(lines, label)
    if slips:  # what libyaml complains of is their consequence
        return slips
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:col]:
        return [Problem(label, line, col, "", "", Message("tab"))]
    said = " ".join(f"{err.context or ''} {err.problem or ''}".split())
    for number in dict.fromkeys(n for n in (line, err.context_mark and err.context_mark.line + 1) if n):
        if (quoted := _quote_closed_early(lines, number)) is not None:
            return [Problem(label, number, quoted[0], "", "", quoted[1])]
    if "expected '-' indicator" in said and (dash := _missing_dash(err, lines)) is not None:
        return [Problem(label, line, col, "", "", dash)]
    if "mapping values are not allowed" in said and (slip := _misaligned(lines, line)):
        return [Problem(label, *slip)]
    message = _libyaml_in_words(said, err, lines, line, col)
    opened = _unclosed_quote(lines[: line - 1])
    if opened and "quoted" not in said:
        message = Message("open_quote_above", problem=message, line=opened)
    return [Problem(label, line, col, "", "", message)]


def full_width_slips(lines: list[str], label: str) -> list[Problem]:
    """Full-width spaces where YAML needs an ordinary one (indentation, after 'key:' or '- '), and
    full-width colons after a key: each is a slip of a Japanese keyboard, at its line and column."""
    problems = []
    for number, line in enumerate(lines, 1):
        indent = _INDENT.match(line).group()
        if FULL_WIDTH_SPACE in indent and line.strip(" \u3000"):
            problems.append(
                Problem(label, number, indent.index(FULL_WIDTH_SPACE) + 1, "", "", Message("full_width_indent"))
            )
        elif found := _AFTER_KEY.match(line):
            message = Message("full_width_after_key", key=found.group(1))
            problems.append(Problem(label, number, found.end(), "", "", message))
        elif found := _AFTER_DASH.match(line):
            problems.append(Problem(label, number, found.end(), "", "", Message("full_width_after_dash")))
        elif found := _FULL_WIDTH_COLON.match(line):
            message = Message("full_width_colon", key=found.group(1))
            problems.append(Problem(label, number, found.end(), "", "", message))
    return problems


def comment_in_text(node: yaml.ScalarNode, path: tuple, lines: list[str]) -> tuple[tuple[int, int], Message] | None:
    """A comment (" #…") after a text on the text's own line: the words after " #" are not part of the
    text, which is published without them. Only texts count (a 'ja' or 'en', or a value holding Japanese):
    a note after an id, a number or a setting (``- id: fy2026-draft  # 令和8年度``) loses nothing."""
    end = node.end_mark
    if end.line >= len(lines):
        return None
    after = lines[end.line][end.column :]
    found = re.match(r"^[ \t]+(#.*)$", after)
    if not found:
        return None
    is_text = (path and path[-1] in ("ja", "en")) or re.search(r"[^\x00-\x7f]", node.value)
    if not is_text:
        return None
    lost = found.group(1).rstrip()
    where = (end.line + 1, end.column + found.start(1) + 1)
    return where, Message("comment_in_text", kept=node.value, lost=lost)


def _quote_closed_early(lines: list[str], number: int) -> tuple[int, Message] | None:
    """A quoted value that closes before the line ends, with more text after it: an apostrophe inside
    single quotes ('NIMS's functions'), or a double quote inside double quotes."""
    if not 0 < number <= len(lines):
        return None
    line = lines[number - 1]
    start = _VALUE.match(line).end()
    quote = line[start : start + 1]
    if quote not in ("'", '"'):
        return None
    at = start + 1
    while at < len(line):
        if quote == "'" and line.startswith("''", at):
            at += 2
            continue
        if quote == '"' and line[at] == "\\":
            at += 2
            continue
        if line[at] == quote:
            break
        at += 1
    else:
        return None  # not closed on this line: another slip (an unclosed quote)
    rest = line[at + 1 :]
    if not rest.strip() or rest.lstrip().startswith("#"):
        return None
    word = re.search(r"\S*$", line[:at]).group() + quote + re.match(r"\S*", rest).group()
    key = "apostrophe_in_single_quotes" if quote == "'" else "quote_in_double_quotes"
    return at + 1, Message(key, word=word)


def _missing_dash(err: yaml.MarkedYAMLError, lines: list[str]) -> Message | None:
    """A key line at the column of a list's dashes, without its own dash: a new entry missing its '- '."""
    mark, context = err.problem_mark, err.context_mark
    if mark is None or context is None or mark.line >= len(lines):
        return None
    found = _KEY_LINE.match(lines[mark.line])
    if not found or len(found.group(1)) != context.column or lines[mark.line].lstrip().startswith("-"):
        return None
    key = lines[mark.line].strip().split(":", 1)[0]
    return Message("missing_dash_in_list", key=key, first=context.line + 1)


def _libyaml_in_words(said: str, err: yaml.MarkedYAMLError, lines: list[str], line: int, col: int) -> Message:
    """libyaml's complaint as a message: what the editor probably typed, and what to do."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "quoted scalar" in said:
        opened = err.context_mark.line + 1 if err.context_mark and err.context_mark is not err.problem_mark else line
        if "unknown escape" in said:
            return Message("unknown_escape", char=here[col - 1 : col + 1] if col <= len(here) else "\\")
        return Message("quote_not_closed", line=opened)
    if "mapping values are not allowed" in said:
        return Message("colon_in_text")
    if "block sequence entries are not allowed" in said:
        return Message("dash_after_key")
    if "could not find expected ':'" in said:
        return Message("missing_colon")
    if "did not find expected key" in said or "expected <block end>" in said:
        return Message("keys_not_aligned")
    if "expected '-' indicator" in said:
        return Message("list_not_aligned")
    if "exceeded maximum nesting depth" in said:
        return Message("too_deep_brackets")
    if "alias" in said or "anchor" in said or "cannot start any token" in said:
        char = here[col - 1] if 0 < col <= len(here) else "*"
        if char in _RESERVED_START:
            return Message("reserved_start", char=char)
    if "another document" in said:
        return Message("second_document")
    if "flow" in said:  # inside [ … ] or { … }: the last one opened is the one not closed
        before = "\n".join(lines[: max(line, 1)])
        return Message("brace_not_closed" if before.rfind("{") > before.rfind("[") else "bracket_not_closed")
    return Message("yaml_unreadable")


def _misaligned(lines: list[str], line: int) -> tuple[int, int, str, str, Message] | None:
    """A key line indented further than the key line above it, which YAML then reads as the rest of that
    line's value (so that it complains of a colon): the real slip is that the two do not line up."""
    here = _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), None)
    there = _KEY_LINE.match(lines[above - 1]) if above else None
    if not (here and there) or len(there.group(1)) >= len(here.group(1)) or lines[above - 1].rstrip().endswith(":"):
        return None
    a, b = len(there.group(1)) + 1, len(here.group(1)) + 1
    return above, a, "", "", Message("misaligned_keys", above=above, line=line, a=a, b=b)


def _unclosed_quote(lines: list[str]) -> int | None:
    """The last line whose value starts with a double quote that the line does not close. Each line is
    read once, left to right (no backtracking pattern: a line of 20,000 spaces takes no longer than it is
    long)."""
    for number in range(len(lines), 0, -1):
        value = _quoted_value(lines[number - 1])
        if value is not None and _unescaped_quotes(value) % 2 == 0:
            return number
    return None


def _quoted_value(line: str) -> str | None:
    """What follows the opening double quote of a line's value (``key: "…`` or ``- "…``), or None."""
    rest = line.lstrip()
    if rest.startswith("-") and rest[1:2].isspace():  # a list item
        rest = rest[1:].lstrip()
        if rest.startswith('"'):
            return rest[1:]
    found = min((at for at in (rest.find('"'), rest.find("#")) if at >= 0), default=-1)
    if found < 0 or rest[found] != '"':
        return None
    before = rest[:found]
    key = before.rstrip()
    return rest[found + 1 :] if key.endswith(":") and len(key) < len(before) else None


def _unescaped_quotes(text: str) -> int:
    return sum(1 for at, char in enumerate(text) if char == '"' and (at == 0 or text[at - 1] != "\\"))


_MARK = re.compile(r"\{\?|\?\}")


def unclosed_mark(text: str) -> Message | None:
    """A ``{?`` that no ``?}`` closes before the next ``{?`` or the end of the text, or a ``?}`` that no
    ``{?`` opened: the site would show the marks as typed instead of the phrase and its label."""
    opened = None
    for found in _MARK.finditer(text):
        if found.group() == "{?":
            if opened is not None:
                break
            opened = found.start()
        elif opened is None:
            return Message("mark_not_opened", near=text[max(0, found.start() - 20) : found.end()])
        else:
            opened = None
    if opened is None:
        return None
    return Message("mark_not_closed", near=text[opened : opened + 30])
