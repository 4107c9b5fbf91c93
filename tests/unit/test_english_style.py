"""One English style: American spelling, as the Japanese government's own English pages use it
(program, organization, center, labor), except inside official names that spell otherwise
(the Ministry of Health, Labour and Welfare). Official names are those the data marks
``en_status: official``.
"""

from __future__ import annotations

import re

import pytest
import yaml
from briefing.cli import PROJECT
from briefing.model.fields import Name

# British spelling → the American one this site uses. Stems match the inflected forms too.
BRITISH = {
    "programme": "program",
    "organis": "organiz",
    "centre": "center",
    "labour": "labor",
    "colour": "color",
    "behaviour": "behavior",
    "favour": "favor",
    "honour": "honor",
    "neighbour": "neighbor",
    "analyse": "analyze",
    "catalogue": "catalog",
    "defence": "defense",
    "licence": "license",
    "judgement": "judgment",
    "modelling": "modeling",
    "travelled": "traveled",
    "fulfil ": "fulfill ",
    "enrol ": "enroll ",
    "ageing": "aging",
    "realis": "realiz",
    "recognis": "recogniz",
    "utilis": "utiliz",
    "prioritis": "prioritiz",
    "minimis": "minimiz",
    "maximis": "maximiz",
    "emphasis": "emphasiz",
    "specialis": "specializ",
    "stabilis": "stabiliz",
    "finalis": "finaliz",
    "mobilis": "mobiliz",
    "visualis": "visualiz",
    "summaris": "summariz",
    "categoris": "categoriz",
    "characteris": "characteriz",
    "optimis": "optimiz",
    "standardis": "standardiz",
    "authoris": "authoriz",
    "criticis": "criticiz",
    "revitalis": "revitaliz",
    "subsidis": "subsidiz",
    "digitalis": "digitaliz",
    "globalis": "globaliz",
    "industrialis": "industrializ",
    "commercialis": "commercializ",
    "localis": "localiz",
    "centralis": "centraliz",
    "normalis": "normaliz",
    "mobilising": "mobilizing",
    "strategis": "strategiz",
}
# Words where the British stem is also correct American English.
ALLOWED = re.compile(r"\b(emphasis|emphases|analyses|organism\w*|realism|characteristic\w*|licensed|licensing)\b", re.I)


def _english_texts(briefing):
    """(where, English text, is an official name) for every text of the data."""
    from briefing.model.walk import texts_in

    for collection, items in briefing.items.items():
        for item in items:
            for path, text, _ in texts_in(item):
                if text.en:
                    where = f"{collection}/{getattr(item, 'id', '')}/{'.'.join(map(str, path))}"
                    official = isinstance(text, Name) and text.en_status == "official"
                    yield where, text.en, official


def _official_names(briefing) -> list[str]:
    names = {text for _, text, official in _english_texts(briefing) if official}
    return sorted(names, key=len, reverse=True)


def _british(text: str, official: list[str]) -> list[str]:
    text = re.sub(r"\]\([^)]*\)", "]", text)  # Markdown link targets are addresses, not English
    text = re.sub(r"<code>.*?</code>", " ", text)  # addresses listed as code (with <wbr> where they may break)
    text = re.sub(r"`[^`]*`", " ", text)  # what an editor types (the data's own values, e.g. `reorganised`)
    for name in official:
        text = text.replace(name, " ")
    text = ALLOWED.sub(" ", text)
    lowered = text.lower()
    return [f"{british} → {american}" for british, american in BRITISH.items() if british in lowered]


def _interface_texts():
    for folder in (PROJECT / "templates", PROJECT / "hooks" / "briefing" / "templates"):
        strings = yaml.safe_load((folder / "strings" / "en.yml").read_text(encoding="utf-8"))
        for key, value in strings.items():
            yield f"{folder.relative_to(PROJECT)}/strings/en.yml: {key}", value
    for path in sorted((PROJECT / "docs" / "en").glob("*.md")):
        yield str(path.relative_to(PROJECT)), path.read_text(encoding="utf-8")


def test_the_data_is_written_in_american_spelling(briefing):
    official = _official_names(briefing)
    found = [
        f"{where}: {', '.join(hits)}"
        for where, text, is_official in _english_texts(briefing)
        if not is_official and (hits := _british(text, official))
    ]
    assert not found, "British spelling (this site writes American English):\n" + "\n".join(found)


def test_the_interface_and_the_hand_written_pages_are_in_american_spelling(briefing):
    official = _official_names(briefing)
    found = [f"{where}: {', '.join(hits)}" for where, text in _interface_texts() if (hits := _british(text, official))]
    assert not found, "British spelling (this site writes American English):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("The budget programme", ["programme → program"]),
        ("Ministry of Health, Labour and Welfare", []),  # an official name
        ("the labour market", ["labour → labor"]),
        ("an emphasis on data", []),
        ("organisation and organising", ["organis → organiz"]),
    ],
)
def test_the_style_check_can_fail(text, hits):
    assert _british(text, ["Ministry of Health, Labour and Welfare"]) == hits
