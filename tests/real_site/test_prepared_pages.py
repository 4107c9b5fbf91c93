"""The fast step that hands a generated page's HTML blocks to Markdown without parsing them again
(hooks/briefing/build/prepared_pages.py) makes the very HTML Markdown's own step makes: every generated page
of the real site, both languages, converted both ways with the language's own extensions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from base import LANGS, PROJECT
from briefing.build.cache import BuildCache
from briefing.build.page_html import PageHtml
from briefing.build.prepared_pages import Unbalanced, parts, use_raw_blocks
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data


def _generated_pages(exported: Path, lang: str) -> Iterator[tuple[str, str]]:
    """Each generated page of the export in ``lang``: its address in docs/{lang}/ and its Markdown."""
    docs = exported / "docs" / lang
    for path in sorted(docs.rglob("*.md")):
        name = path.relative_to(docs).as_posix()
        if not (PROJECT / "docs" / lang / name).exists():  # (a hand-written page: Markdown's own step converts it)
            yield name, get_data(path.read_text(encoding="utf-8"))[0]


def _config(exported: Path, lang: str):
    return load_config(str(exported / ("mkdocs.yml" if lang == "ja" else "mkdocs.en.yml")))


@pytest.mark.parametrize("lang", LANGS)
def test_every_generated_page_converts_to_the_same_html_as_markdowns_own_step(exported, lang):
    config = _config(exported, lang)

    def converter(fast: bool) -> markdown.Markdown:
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
        if fast:
            use_raw_blocks(md)
        return md

    standard, fast = converter(False), converter(True)
    compared, left_to_markdown = 0, []
    for name, source in _generated_pages(exported, lang):
        expected = standard.reset().convert(source)
        try:
            made = fast.reset().convert(source)
        except Unbalanced:
            left_to_markdown.append(name)
            continue
        assert made == expected, f"{lang}: {name}"
        compared += 1
    assert compared > 100, (compared, left_to_markdown)
    assert len(left_to_markdown) <= compared // 20, left_to_markdown  # the fast step is the rule, not the exception


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_converted_a_part_at_a_time_is_the_page_converted_whole(exported, lang):
    """The build converts a long page a part at a time (the print page at ×100 is some 20 MB of Markdown).
    Cut into parts of 2,000 characters, every generated page of the real site converts to what it is
    converted whole: the same HTML, table of contents and title."""
    pages = PageHtml(_config(exported, lang), None, BuildCache(None), lang, "")
    cut, printed = [], ""
    for name, source in _generated_pages(exported, lang):
        printed = source if name == "print/index.md" else printed
        if len(list(parts(source, 2000))) == 1:
            continue
        whole = pages.convert(source, part=len(source))
        assert pages.convert(source, part=2000) == whole, f"{lang}: {name}"
        assert whole[0].count("<h") > 1 and whole[2], name  # (a page with headings and a title)
        cut.append(name)
    assert "print/index.md" in cut and len(cut) > 20, cut
    assert pages._in_parts(parts(printed, 2000))[0] is not None  # (cut, not converted whole after all)


_PAD = "x" * 60 + "\n\n"


@pytest.mark.parametrize(
    "source",
    [
        _PAD + "<div>\n<p>a</p>\n</div>\n\n# H {#h}\n\n<div>\n<p>b</p>\n</div>\n\n## I\n\ntext\n",
        _PAD + "<div>\n<p>a</p>\n</div>   \n\n# B\n\ntext\n",  # a part's HTML would lose the spaces
        _PAD + "para\n{: #b }\n\n# B\n",  # a heading's id made unique against an id written in another part
        _PAD + "# A\n\ntext\n\n# A\n\n# A\n",  # headings with the same name in different parts
        _PAD + "[link][r]\n\n# B\n\n[r]: http://example.com/\n",  # a link defined in another part
        _PAD + "[TOC]\n\n# A\n\n## B\n",
        "\n" * 100 + "# B\n\ntext\n",  # a first part of blank lines
        _PAD + "### c\n\n# a\n\n## b\n\n#### d\n",  # levels that skip
    ],
    ids=["blocks", "spaces", "written-id", "same-names", "link-definition", "toc-marker", "blank", "levels"],
)
def test_what_markdown_reads_across_a_page_is_the_same_in_parts(source):
    pages = PageHtml(load_config(str(PROJECT / "mkdocs.yml"), hooks=[]), None, BuildCache(None), "ja", "")
    assert pages.convert(source, part=50) == pages.convert(source, part=len(source))
