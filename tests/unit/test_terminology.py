"""The terminology check: where an entry's Japanese uses a glossary term, its English uses the glossary's.

Tried on this briefing's own glossary and texts (in a copy of the project, with one rendering changed)."""

from __future__ import annotations

from base import PROJECT, copy_project, run
from briefing.check.validate import validate

PILLAR = '      en: "**Pillar 2: Realizing a strong economy through'


def test_the_real_data_uses_the_glossary_everywhere():
    warnings = validate(PROJECT).warnings
    found = [str(problem) for problem in warnings if "glossary's rendering" in problem.message]
    assert not found, "\n".join(found)


def _robust(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "data" / "pages" / "economic-measures.yml"
    text = page.read_text(encoding="utf-8")
    assert PILLAR in text
    line = text[: text.index(PILLAR)].count("\n") + 1
    page.write_text(text.replace(PILLAR, PILLAR.replace("a strong economy", "a robust economy")), encoding="utf-8")
    return project, page, line


def test_another_rendering_is_reported_with_its_place_and_what_was_found(tmp_path):
    project, _, line = _robust(tmp_path)
    result = run("check", project=project)
    assert result.code == 0  # a warning: the site still builds
    assert (
        f"data/pages/economic-measures.yml:{line}:11: warning: blocks[8].paragraph.en: the Japanese uses 「強い経済」 "
        "but the English does not use “strong economy”, the glossary's rendering (term 'strong-economy'); "
        "it has “robust economy”"
    ) in result.err


def test_an_entry_can_give_its_reason_not_to_follow_the_glossary(tmp_path):
    project, page, _ = _robust(tmp_path)
    text = page.read_text(encoding="utf-8")
    exception = "terminology_exceptions:\n  - term: strong-economy\n    reason: {ja: 試験のため。, en: For a test.}\n"
    page.write_text(text.replace("blocks:\n", exception + "blocks:\n", 1), encoding="utf-8")
    assert "strong-economy" not in run("check", project=project).err
    page.write_text(text.replace("blocks:\n", exception.replace("strong-economy", "strong-econ") + "blocks:\n", 1))
    result = run("check", project=project)
    assert result.code == 1
    assert "there is no glossary term 'strong-econ' (did you mean 'strong-economy'?)" in result.err
