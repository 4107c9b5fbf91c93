"""The fast ways of converting a generated page (hooks/briefing/build/prepared_pages.py) make the very HTML,
table of contents and title Markdown makes: the step that hands a page's HTML blocks to Markdown without
parsing them again, and the conversion without Markdown of a page of headings and HTML blocks alone. Every
generated page of the real site, both languages, is converted each way with the language's own extensions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from base import LANGS, PROJECT
from briefing.build.cache import BuildCache
from briefing.build.page_html import PageHtml
from briefing.build.prepared_pages import DirectPages, Unbalanced, parts, use_raw_blocks
from mkdocs.config import load_config
from mkdocs.structure.pages import _ExtractTitleTreeprocessor
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


def _markdowns_own(md: markdown.Markdown, source: str) -> tuple[str, list[dict], str | None]:
    """What MkDocs takes from Markdown for a page: its HTML, table of contents (tokens) and title."""
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    html = md.reset().convert(source)
    return html, md.toc_tokens, title.title


@pytest.mark.parametrize("lang", LANGS)
def test_every_generated_page_is_converted_without_markdown_into_what_markdown_makes(exported, lang):
    config = _config(exported, lang)
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
    direct = DirectPages(md, config.markdown_extensions)
    converted = 0
    for name, source in _generated_pages(exported, lang):
        made = direct.convert(source)
        assert made is not None, f"{lang}: {name} is left to Markdown"  # (our templates write only such pages)
        assert made == _markdowns_own(md, source), f"{lang}: {name}"
        converted += 1
    assert converted > 100


_HEADINGS = [
    "# 予算事業\n\n<p>a</p>\n\n## 概要 {#summary}\n\n<div>\n<p>b</p>\n</div>\n",
    "# Budget lines\n\n## Budget lines\n\n## Budget lines {#budget-lines_1}\n\n### Budget lines\n",  # slugs made unique
    '## Before \\(the past\\) {#before}\n\n# R\\&D \\<fast\\> \\"x\\" 1\\.\n',  # escaped characters
    '# A &amp; B &#169; <span class="briefing-nowrap">令和8年度</span><wbr>予算\n',  # entities and tags
    '# <span lang="ja">未訳</span> title\n\n<p>x</p>\n',
    "<div>\n<p>first</p>\n</div>\n\n# Not the title\n",  # a page that starts with HTML has no title from it
    "## Level two first\n\n# One\n\n###### Six\n",
    "# Title\n<div>\n<p>at once</p>\n</div>\n",  # HTML straight after a heading: a paragraph to Markdown
    "# *emphasis*\n",
    "# a_b\n",
    "# [a link](x/)\n",
    "# `code`\n",
    "# <https://example.com>\n",
    "# trailing hashes ##\n",
    "# A & B\n",
    "# {: .class}\n",
    "#no-space\n",
    "    # indented\n",
    "text\n\n# A\n",
    "- list\n",
    "<div>\n<p>unclosed\n",
    "<!-- a comment -->\n\n<div>\n<p>x<!-- <div> --></p>\n</div>\n\n# After\n",
    '<div>\n<p>a</p></div><div><br/><img src="x"><BR><p/>\n</div>\n\n# After\n',  # two blocks on a line, void tags
    "",
    "\n\n",
]


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"toc": {"permalink": True, "permalink_title": "この見出しへのリンク"}},
        {"toc": {"permalink": "#", "permalink_class": "a&b", "toc_depth": "2-3"}},
        {"toc": {"permalink": True, "slugify": __import__("pymdownx.slugs").slugs.slugify(case="lower")}},
    ],
    ids=["no-permalink", "ours", "own-mark-depth", "unicode-slugs"],
)
def test_a_page_without_markdown_is_what_markdown_makes_or_left_to_it(settings):
    """Pages our templates never write, and settings other than ours: converted into what Markdown makes of
    them, or (markup in a heading, a paragraph, HTML that does not close) left to Markdown."""
    extensions = ["toc", "tables", "fenced_code", "attr_list", "pymdownx.escapeall"]
    md = markdown.Markdown(extensions=extensions, extension_configs=settings)
    direct = DirectPages(md, extensions)
    assert direct.usable
    left = 0
    for source in _HEADINGS:
        made = direct.convert(source)
        left += made is None
        assert made is None or made == _markdowns_own(md, source), repr(source)
    assert 7 <= len(_HEADINGS) - left <= 12, left  # (both ways taken)


def test_other_extensions_leave_every_page_to_markdown():
    md = markdown.Markdown(extensions=["toc", "attr_list", "abbr"])
    assert not DirectPages(md, ["toc", "attr_list", "abbr"]).usable
    escaped = markdown.Markdown(
        extensions=["toc", "pymdownx.escapeall"], extension_configs={"pymdownx.escapeall": {"nbsp": True}}
    )
    assert not DirectPages(escaped, ["toc", "pymdownx.escapeall"]).usable


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
        whole = pages.by_markdown(source, part=len(source))
        assert pages.by_markdown(source, part=2000) == whole, f"{lang}: {name}"
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
    assert pages.by_markdown(source, part=50) == pages.by_markdown(source, part=len(source))
