"""The fast step that hands a generated page's HTML blocks to Markdown without parsing them again
(hooks/briefing/build/prepared_pages.py) makes the very HTML Markdown's own step makes: every generated page
of the real site, both languages, converted both ways with the language's own extensions."""

from __future__ import annotations

import markdown
import pytest
from base import LANGS, PROJECT
from briefing.build.prepared_pages import Unbalanced, use_raw_blocks
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data


@pytest.mark.parametrize("lang", LANGS)
def test_every_generated_page_converts_to_the_same_html_as_markdowns_own_step(exported, lang):
    config = load_config(str(exported / ("mkdocs.yml" if lang == "ja" else "mkdocs.en.yml")))

    def converter(fast: bool) -> markdown.Markdown:
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
        if fast:
            use_raw_blocks(md)
        return md

    standard, fast = converter(False), converter(True)
    compared, left_to_markdown = 0, []
    for path in sorted((exported / "docs" / lang).rglob("*.md")):
        if (PROJECT / "docs" / lang / path.relative_to(exported / "docs" / lang)).exists():
            continue  # a hand-written page: Markdown's own step converts it
        source, _meta = get_data(path.read_text(encoding="utf-8"))
        expected = standard.reset().convert(source)
        try:
            made = fast.reset().convert(source)
        except Unbalanced:
            left_to_markdown.append(path.name)
            continue
        assert made == expected, f"{lang}: {path.relative_to(exported)}"
        compared += 1
    assert compared > 100, (compared, left_to_markdown)
    assert len(left_to_markdown) <= compared // 20, left_to_markdown  # the fast step is the rule, not the exception
