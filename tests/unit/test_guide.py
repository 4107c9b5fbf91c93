"""The editor's guide keeps step with the checks: a section for every group of messages an editor meets
(the preview links each problem to it), the steps an editor takes (editions, redirects, YAML, git) in both
languages, and records that say who writes them."""

from __future__ import annotations

import re
import string

import pytest
from base import LANGS
from briefing.build.language import Extras, render_language
from briefing.build.theme_values import guide_address
from briefing.check.addresses import MANIFEST, read_manifest
from briefing.check.validate import validate
from briefing.cli import PROJECT
from briefing.load.domain import load_domain
from briefing.messages import Message, guided, texts
from briefing.preview.session import Preview
from briefing.problems import Problem
from bs4 import BeautifulSoup

GUIDE = {}
DOMAIN_MESSAGES = load_domain(PROJECT).messages  # this briefing's own checks say theirs (templates/messages/)
SECTIONS = guided(DOMAIN_MESSAGES)  # the engine's groups of messages, and the domain's, in the guide's order


def _guide(lang: str) -> str:
    """The guide's page as generated (Markdown headings around HTML), without building the site."""
    if lang not in GUIDE:
        content = render_language(PROJECT, validate(PROJECT), lang, Extras(), only={"editing/"})
        GUIDE[lang] = next(page.markdown for page in content.pages if page.path == "editing.md")
    return GUIDE[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_has_a_section_for_every_group_of_problems_an_editor_meets(lang):
    anchors = set(re.findall(r"\{#([a-z0-9-]+)\}", _guide(lang)))
    for group in SECTIONS:
        assert f"rule-{group}" in anchors, f"{lang}: no section of the guide explains the messages of {group!r}"
    for anchor in anchors:
        if anchor.startswith("rule-"):
            group = anchor.removeprefix("rule-")
            assert group in SECTIONS, f"{lang}: the guide explains {anchor}, which no message has"


def _text(lang: str) -> str:
    return BeautifulSoup(_guide(lang), "html.parser").get_text(" ")


_STEPS = ["make freeze", "AGAIN=1", "redirects.yml", " #", "UTF-8", "git restore", "git commit"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ja", [*_STEPS, "警告", "全角スペース"]),
        ("en", [*_STEPS, "warning", "full-width space"]),
    ],
)
def test_the_guide_says_what_an_editor_needs(lang, words):
    text = _text(lang)
    for word in words:
        assert word in text, f"{lang}: the guide never says {word!r}"
    # Renamed items need redirects, rows on other pages too, and removed items a place to lead to.
    assert text.count("redirects.yml") >= 2 and "editions/2026-01-21/glossary/#cefp" in text.replace(" ", "")


def test_the_japanese_guide_says_what_is_meant():
    text = _text("ja")
    assert "全角でない記号は書きません" not in text  # it said the opposite of what is meant
    assert "桁区切りのカンマは付けず" in text


def _filled(key: str, catalogue=None) -> dict:
    forms = (catalogue.texts("en") if catalogue else texts("en"))[key]
    forms = forms.values() if isinstance(forms, dict) else [forms]
    return {name: "x" for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def test_every_problem_in_the_preview_links_to_the_part_of_the_guide_that_explains_it():
    preview = Preview(PROJECT)
    preview.built, preview.guide = True, guide_address(validate(PROJECT).briefing)
    assert preview.guide == "editing/"
    said = [Message(key, **_filled(key)) for key in texts("en")]
    said += [DOMAIN_MESSAGES.message(key, **_filled(key, DOMAIN_MESSAGES)) for key in DOMAIN_MESSAGES.texts("en")]
    problems = [Problem("data/fields.yml", 1, 1, "", "", message) for message in said if message.guide_section()]
    assert any(message.catalogue is DOMAIN_MESSAGES for message in said if message.guide_section())
    for lang in LANGS:
        anchors = set(re.findall(r"\{#([a-z0-9-]+)\}", _guide(lang)))
        for text, link in preview._said(problems, lang):
            assert link is not None and link.startswith(f"/{lang}/editing/#"), text
            assert link.partition("#")[2] in anchors


def test_the_record_of_published_addresses_says_who_writes_it():
    lines = (PROJECT / "data" / MANIFEST).read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line[:1] == "#"]
    said = " ".join(header)
    assert "make publish" in said and "Written by `make site`" not in said
    assert read_manifest(PROJECT / "data")  # the header is not read as addresses
