"""Every message in both languages, from one place; none left in Python; the language the editor reads."""

from __future__ import annotations

import ast
import re
import string
import textwrap

import pytest
import yaml
from base import PROJECT, command, replace_in, write_briefing
from briefing import messages
from briefing.messages import GUIDED, LANGUAGES, Message, language, texts
from briefing.problems import Problem

PACKAGE = PROJECT / "hooks" / "briefing"


DOMAIN = PROJECT / "templates" / "domain"  # this briefing's own code, and its catalogue (templates/messages/)
DOMAIN_MESSAGES = PROJECT / "templates" / "messages"


def _catalogue(lang: str, folder=messages.FOLDER) -> dict:
    return yaml.safe_load((folder / f"{lang}.yml").read_text(encoding="utf-8"))


def _placeholders(text) -> set[str]:
    forms = text.values() if isinstance(text, dict) else [text]
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


@pytest.mark.parametrize("folder", [messages.FOLDER, DOMAIN_MESSAGES], ids=["engine", "domain"])
def test_every_message_is_in_both_languages_with_the_same_placeholders(folder):
    ja, en = _catalogue("ja", folder), _catalogue("en", folder)
    assert list(ja) == list(en), "the groups differ"
    for group in en:
        assert list(ja[group]) == list(en[group]), (
            f"{group}: keys only in one language: {set(ja[group]) ^ set(en[group])}"
        )
        for key in en[group]:
            assert _placeholders(ja[group][key]) == _placeholders(en[group][key]), key
            if isinstance(en[group][key], dict):
                assert set(en[group][key]) == {"one", "other"}, key
    keys = [key for group in en.values() for key in group]
    assert len(keys) == len(set(keys)), "a key is in two groups"


def test_every_message_can_be_said():
    """Each text formats with its placeholders filled (no stray brace), in both languages."""
    for lang in LANGUAGES:
        for key, text in texts(lang).items():
            values = {name: "x" for name in _placeholders(text)}
            assert Message(key, **{"count": 2, **values}).text(lang)


def test_the_guide_explains_each_group_the_editors_meet():
    groups = list(_catalogue("en"))
    assert set(GUIDED) <= set(groups)
    # The others are the generator's (its declaration, templates, commands): named here, so a new group is a choice.
    assert set(groups) - set(GUIDED) == {"declaration", "expressions", "templates", "outputs", "commands", "preview"}


def _string_constants(tree: ast.AST) -> set[str]:
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


@pytest.mark.parametrize(
    ("code", "catalogue"), [(PACKAGE, messages.FOLDER), (DOMAIN, DOMAIN_MESSAGES)], ids=["engine", "domain"]
)
def test_every_message_is_used_and_every_message_used_exists(code, catalogue):
    defined = {key for group in _catalogue("en", catalogue).values() for key in group}
    constants = set()
    calls = set()
    for path in code.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants |= _string_constants(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in _KEYED and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    calls.add(first.value)
    assert not calls - defined, f"messages said but not written: {sorted(calls - defined)}"
    unused = {key for key in defined if key not in constants}
    assert not unused, f"messages no code says: {sorted(unused)}"


# Where a sentence for a person would go: these calls take a message (a key and values), never words.
_KEYED = {"Message", "say", "MessageError", "message", "error"}  # (a domain's: MESSAGES.message, .error)
_SINKS = {"print", "Problem", "problem", "DataError", "OutputRefused", "ExpressionError", "MessageError"}
_RAISED = {"ValueError", "TemplateRuntimeError", "RuntimeError", "Exception", "PluginError"}
_WORDS = re.compile(r"[A-Za-z]{2,}[ ,;:.'’]+[A-Za-z]{2,}|[\u3040-\u30ff\u4e00-\u9fff]")


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _words_in(node: ast.expr) -> list[str]:
    """Words a person would read, written into an argument: a sentence in a string, or a word in the text of
    an f-string (whose values are filled in between its words)."""
    found, inside_fstrings = [], set()
    for part in ast.walk(node):
        if isinstance(part, ast.JoinedStr):
            text = "{}".join(value.value for value in part.values if isinstance(value, ast.Constant))
            inside_fstrings |= {id(value) for value in part.values}
            unpathed = re.sub(r"[\w.-]*/", "", text)  # a folder (data/{name}) is no word
            if re.search(r"[A-Za-z]{3,}|[\u3040-\u30ff\u4e00-\u9fff]", unpathed):
                found.append(text)
        elif isinstance(part, ast.Constant) and isinstance(part.value, str) and id(part) not in inside_fstrings:
            found += [part.value] if _WORDS.search(part.value) else []
    return found


def message_text_in(source: str) -> list[str]:
    """Sentences written in Python where a message belongs: in what is printed, in a problem, in an error
    raised for a person to read, or yielded as a model's problem."""
    found = []
    tree = ast.parse(source)
    keyed_args = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _name(node.func) in _KEYED
        for arg in node.args[:1]
        for part in ast.walk(arg)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in _SINKS | _RAISED:
            for arg in [*node.args, *(keyword.value for keyword in node.keywords)]:
                found += [text for text in _words_in(arg) if id(arg) not in keyed_args]
        elif isinstance(node, ast.Yield | ast.Return) and isinstance(node.value, ast.Tuple):
            found += [text for element in node.value.elts[1:] for text in _words_in(element)]
    return found


def test_no_message_text_is_left_in_python():
    for path in sorted([*PACKAGE.rglob("*.py"), *DOMAIN.rglob("*.py")]):
        found = message_text_in(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: words for a person belong in templates/messages/<lang>.yml: {found}"


def test_the_scan_finds_message_text_where_it_is_left():
    """The scan above can fail: each of these ways of leaving words in Python is found."""
    left = textwrap.dedent(
        """
        print(f"Built {out}/ja/ and {out}/en/.")
        problems.append(Problem(label, 1, 1, "", "", "the file is missing"))
        briefing.problem(item, path, f"there is no {name} '{value}'")
        raise ValueError("write a number, not true or false")
        def problems(self, data):
            yield (), "give either 'field' or 'issue'"
        print(say("data_valid", counts=counts))  # this one is right
        """
    )
    assert len(message_text_in(left)) == 5


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "C"}, "en"),
        ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C"}, "ja"),
        ({"LC_ALL": "C.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),  # LC_ALL wins, as POSIX has it
        ({"LC_ALL": "ja_JP.UTF-8"}, "ja"),
        ({"BRIEFING_LANG": "ja", "LANG": "C"}, "ja"),
        ({"BRIEFING_LANG": "en", "LANG": "ja_JP.UTF-8"}, "en"),
    ],
)
def test_the_language_follows_briefing_lang_then_the_locale(monkeypatch, environment, expected):
    for name in ("BRIEFING_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert language() == expected


def test_make_check_speaks_the_editors_language(tmp_path):
    """In a process of its own, as a person's locale sets it."""
    project = write_briefing(tmp_path / "briefing")
    replace_in(project / "data" / "events.yml", "cost: 1.5", "cost:\u30001.5")

    def check(**environment: str) -> str:
        result = command("check", project=project, env={"PATH": "/usr/bin:/bin", **environment})
        assert result.returncode == 1
        return result.stderr

    japanese = check(LANG="ja_JP.UTF-8")
    assert "データに問題が1件あります：" in japanese and "全角スペース" in japanese
    english = check(LANG="C.UTF-8")
    assert "1 problem in the data:" in english and "full-width space" in english
    assert check(LANG="ja_JP.UTF-8", BRIEFING_LANG="en") == english
    # The place is the same in both: only the words differ.
    assert japanese.splitlines()[1].split(": ")[0] == english.splitlines()[1].split(": ")[0]


def test_what_is_printed_cannot_drive_the_terminal():
    problem = Problem("data/fields.yml", 3, 9, "materials\x1b[2J", "id", Message("expression_error", error="bad\x07"))
    assert "\x1b" not in str(problem) and "\x07" not in str(problem)
    assert "materials<U+001B>[2J" in str(problem)


def test_a_message_edited_while_a_process_runs_is_said_as_it_is_now(tmp_path):
    """The live preview runs for hours: a catalogue reads a language's file again once it has changed."""
    catalogue = messages.Catalogue(tmp_path)
    (tmp_path / "en.yml").write_text("group:\n  greeting: 'Hello, {name}'\n", encoding="utf-8")
    assert catalogue.message("greeting", name="editor").text("en") == "Hello, editor"
    (tmp_path / "en.yml").write_text("group:\n  greeting: 'Good morning, {name}'\n", encoding="utf-8")
    assert catalogue.message("greeting", name="editor").text("en") == "Good morning, editor"
