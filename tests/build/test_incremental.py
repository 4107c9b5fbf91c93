"""A build redoes only what changed, and never serves a wrong page: after each kind of change, the build
that reused the last one's outputs is the same, file by file, as a build made from nothing."""

from __future__ import annotations

import filecmp
import re
import shutil
import sys
from pathlib import Path

import pytest
from base import PROJECT, build, replace_in, run, write_briefing
from briefing.project import digests as inputs

ABOUT = {
    "docs/ja/about.md": "# このサイトについて\n\n[行事の一覧](events/index.md)を見てください。\n",
    "docs/en/about.md": "# About this site\n\nSee [the events](events/index.md).\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The small briefing with a page written by hand and an older edition, superseded by the current one."""
    folder = write_briefing(tmp_path_factory.mktemp("incremental") / "briefing")
    for name, text in ABOUT.items():
        if name.endswith(".md"):
            (folder / name).write_text(text, encoding="utf-8")
    replace_in(
        folder / "data" / "collections.yml",
        "  - {path: downloads.md,",
        "  - {path: about.md, nav: {section: about, position: 0}}\n  - {path: downloads.md,",
    )
    assert run("freeze", project=folder).code == 0
    replace_in(folder / "data" / "briefing.yml", 'edition_date: "2027-04-01"', 'edition_date: "2027-10-01"')
    replace_in(folder / "data" / "events.yml", "venue: {ja: 本館, en: Main building}", "venue: {ja: 別館, en: Annex}")
    return folder


def _same_trees(one: Path, other: Path) -> list[str]:
    """The files that differ between two built sites (or exist in one only)."""
    differ = []
    compared = filecmp.dircmp(one, other)
    stack = [("", compared)]
    while stack:
        prefix, found = stack.pop()
        differ += [prefix + name for name in found.left_only + found.right_only + found.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(Path(found.left), Path(found.right), found.common_files, shallow=False)
        differ += [prefix + name for name in mismatch + errors]
        stack += [(f"{prefix}{name}/", sub) for name, sub in found.subdirs.items()]
    return sorted(differ)


# Each kind of input a page is made from, changed as a person (or an upgrade) would change it.
CHANGES = {
    "an item": lambda p: replace_in(p / "data" / "events.yml", "cost: 1.5", "cost: 1.7"),
    "a template": lambda p: replace_in(p / "templates" / "events" / "item.md.j2", "<ul>", '<ul class="themes">'),
    "a string": lambda p: replace_in(p / "templates" / "strings" / "en.yml", "held_on: Held on", "held_on: Date"),
    "mkdocs.yml": lambda p: replace_in(p / "mkdocs.yml", "site_name: 小さな説明資料", "site_name: 小さな資料"),
    "a hand-written page": lambda p: replace_in(p / "docs" / "en" / "about.md", "See", "Read"),
    "a frozen edition": lambda p: _correct_frozen(p),
}


def _correct_frozen(project: Path) -> None:
    """A correction recorded in the older edition's frozen copy (as `make freeze AGAIN=1` would, then)."""
    from briefing.check.editions import CHECKSUMS, checksums

    frozen = project / "editions" / "2027-04-01"
    replace_in(
        frozen / "data" / "events.yml", "name: {ja: 研修会, en: Workshop}", "name: {ja: 研修会, en: Training day}"
    )
    (frozen / CHECKSUMS).write_text(checksums(frozen / "data"), encoding="utf-8")


@pytest.mark.parametrize("kind", list(CHANGES))
def test_after_each_kind_of_change_the_build_is_the_same_as_a_build_from_nothing(project, tmp_path, kind):
    copy = tmp_path / "briefing"
    shutil.copytree(project, copy)
    first = build(copy, copy / "site")
    assert first.counts["rendered"] == first.counts["pages"]  # nothing to reuse yet
    again = build(copy, copy / "site")
    assert again.up_to_date  # nothing changed: nothing is done
    CHANGES[kind](copy)
    incremental = build(copy, copy / "site")
    assert not incremental.up_to_date
    cold = build(copy, tmp_path / "cold")
    assert _same_trees(copy / "site", tmp_path / "cold") == []
    if kind == "an item":  # only the pages that show it are made again
        assert 0 < incremental.counts["rendered"] < incremental.counts["pages"] / 2, incremental.counts
        assert incremental.counts["themed"] < cold.counts["themed"] / 2, incremental.counts


def test_one_changed_amount_renders_again_the_pages_that_show_it_and_no_other(project, tmp_path, monkeypatch):
    """Work proportional to what changed: the other event's page and the older edition's pages are taken
    as they were, although every item page shows the box of changes since the last edition (which names
    that edition's date) and the page of the changed event is not the only one it reaches."""
    from briefing.render.renderer import Renderer

    copy = tmp_path / "briefing"
    shutil.copytree(project, copy)
    item_page = copy / "templates" / "events" / "item.md.j2"
    replace_in(
        item_page,
        "{{ m.title(item.name|heading) }}\n",
        "{{ m.title(item.name|heading) }}\n\n{{ m.translation_notice(item) }}\n",
    )
    build(copy, copy / "site")
    record = tmp_path / "rendered.txt"  # a file: the languages may be rendered in child processes
    render = Renderer.page

    def recorded(self, template, src_path, context):
        with record.open("a", encoding="utf-8") as found:
            found.write(f"{self.lang} {self.edition or 'current'} {src_path}\n")
        return render(self, template, src_path, context)

    monkeypatch.setattr(Renderer, "page", recorded)
    replace_in(copy / "data" / "events.yml", "cost: 1.5", "cost: 1.7")  # the open day's
    build(copy, copy / "site")
    rendered = set(record.read_text(encoding="utf-8").splitlines())
    assert {"ja current events/open-day.md", "en current events/open-day.md"} <= rendered
    assert not {line for line in rendered if "workshop" in line}, rendered
    assert not {line for line in rendered if " current " not in line}, rendered  # the frozen edition's
    assert len(rendered) < 10, sorted(rendered)
    cold = build(copy, tmp_path / "cold")
    assert cold.counts["rendered"] == cold.counts["pages"]
    assert _same_trees(copy / "site", tmp_path / "cold") == []


def test_a_new_version_of_a_package_makes_every_page_again(project, tmp_path, monkeypatch):
    copy = tmp_path / "briefing"
    shutil.copytree(project, copy)
    build(copy, copy / "site")
    installed = inputs.versions_digest
    for name, module in list(sys.modules.items()):  # every module of the build that digests the versions
        if name.startswith("briefing") and getattr(module, "versions_digest", None) is installed:
            monkeypatch.setattr(module, "versions_digest", lambda: "mkdocs-material==99.0.0")
    upgraded = build(copy, copy / "site")
    assert not upgraded.up_to_date
    assert upgraded.counts["rendered"] == upgraded.counts["pages"]
    assert upgraded.counts["themed"] == upgraded.counts["converted"] > 0
    build(copy, tmp_path / "cold")
    assert _same_trees(copy / "site", tmp_path / "cold") == []


def test_an_output_changed_by_hand_is_made_again(project, tmp_path):
    copy = tmp_path / "briefing"
    shutil.copytree(project, copy)
    build(copy, copy / "site")
    page = copy / "site" / "en" / "events" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text("edited by hand", encoding="utf-8")  # in place: the same file as the one the cache keeps
    assert not build(copy, copy / "site").up_to_date
    assert page.read_text(encoding="utf-8") == text


def test_make_clean_removes_the_cache_so_that_the_next_build_is_cold():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    clean = makefile.split("\nclean:", 1)[1].split("\n\n", 1)[0]
    assert ".site.cache" in clean and ".site-offline.cache" in clean


def test_placing_an_output_again_in_a_served_site_leaves_no_temporary_file_and_keeps_the_kept_copy(tmp_path):
    """The preview replaces pages in place: the same page placed twice (an edit undone, a page that did not
    change) must leave the folder clean, and writing a new version must not change the kept copy of the old."""
    from briefing.build.cache import BuildCache

    site = tmp_path / "site"
    cache = BuildCache(site)
    page = site / "ja" / "index.html"
    first = cache.write(b"<p>1</p>", page)
    cache.place(first, page)
    cache.place(first, page)
    second = cache.write(b"<p>2</p>", page)
    cache.place(first, page)
    assert page.read_bytes() == b"<p>1</p>"
    assert cache.load(second) == b"<p>2</p>" and cache.load(first) == b"<p>1</p>"
    assert sorted(path.name for path in page.parent.iterdir()) == ["index.html"]


def test_a_save_made_while_the_preview_builds_is_shown_after_it(tmp_path, monkeypatch):
    """The preview watches before its first build: a file saved while that build runs is built next."""
    import threading
    import time

    from briefing.preview.session import Preview
    from briefing.preview.watcher import follow, start_watching

    project = write_briefing(tmp_path / "briefing")
    events = project / "data" / "events.yml"
    preview = Preview(project)
    first_build = Preview._rebuild

    def saved_during_the_build(self, changed):
        first_build(self, changed)
        if changed is None:  # the first build has read the data: the editor saves now
            replace_in(events, "en: Open day}", "en: Open house}")

    monkeypatch.setattr(Preview, "_rebuild", saved_during_the_build)
    stop = threading.Event()
    watching = start_watching(project)
    try:
        preview.rebuild()
        page = preview.site / "en" / "events" / "open-day" / "index.html"
        assert "Open house" not in page.read_text(encoding="utf-8")
        threading.Thread(target=follow, args=(watching, preview.rebuild, stop), daemon=True).start()
        deadline = time.monotonic() + 30
        while "Open house" not in page.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "Open house" in page.read_text(encoding="utf-8")
    finally:
        stop.set()
        shutil.rmtree(preview.folder, ignore_errors=True)


def test_an_engine_template_edited_while_the_process_runs_changes_what_every_page_is_made_from(tmp_path, monkeypatch):
    """The preview runs for hours: an edit of the engine's own templates must not be hidden by a digest taken
    when it started (its Python, which the process imported once, may be)."""
    engine = tmp_path / "engine"
    shutil.copytree(inputs.GENERATOR, engine, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(inputs, "GENERATOR", engine)
    before = inputs.generator_digest()
    assert inputs.generator_digest() == before
    replace_in(engine / "templates" / "collection" / "item.md.j2", "{", "{ ")
    assert inputs.generator_digest() != before


def test_a_build_says_what_it_does_one_line_per_stage_with_its_counts(tmp_path):
    """Not a terminal here: the stage lines and nothing more (no progress bar, no line per page)."""
    project = write_briefing(tmp_path / "briefing")
    said = []
    for change in (None, lambda: replace_in(project / "data" / "events.yml", "cost: 1.5", "cost: 1.7")):
        if change:
            change()
        result = run("build", "--out", project / "site", project=project)
        assert result.code == 0 and not result.err, result.err
        stages = [line for line in result.out.splitlines() if re.fullmatch(r".+ \(\d+\.\d s\)", line)]
        assert len(result.out.splitlines()) <= len(stages) + 2  # the site URL note and where the site went
        assert any(line.startswith("Checked data/: 5 items") for line in stages), stages
        said.append(next(line for line in stages if line.startswith("Pages: ")))
        if not change:  # each language's own time, though both are built side by side and said together
            built = [float(line.rsplit("(", 1)[1][:-3]) for line in stages if line.startswith("Built ")]
            assert len(built) == 2 and min(built) > 0, stages
    assert said[0].startswith("Pages: 12 of 12 rendered")
    rendered = int(said[1].split()[1])
    assert 0 < rendered < 12, said[1]  # after one amount changed: its pages only


def test_a_cold_build_compiles_each_page_template_once(project, tmp_path, monkeypatch):
    """The check compiles every template to find its mistakes; the renderers of both languages and both
    editions, and the theme of both, then use that code rather than compiling the template again."""
    from jinja2 import Environment

    compiled: list[str] = []
    compile_template = Environment.compile
    overrides = str(PROJECT / "overrides")  # the theme the small briefing takes: the real one

    def recorded(self, source, name=None, filename=None, *args, **kwargs):
        if name and (name.endswith(".j2") or (filename or "").startswith(overrides)):
            compiled.append(name)
        return compile_template(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", recorded)
    built = build(project, tmp_path / "site")
    assert built.counts["rendered"] == built.counts["pages"] > 0
    twice = sorted({name for name in compiled if compiled.count(name) > 1})
    assert "events/item.md.j2" in compiled and "main.html" in compiled and twice == [], twice


def test_code_the_check_compiled_is_not_used_where_a_filter_takes_the_context(tmp_path, monkeypatch):
    """Jinja compiles a call to a filter that takes the context differently; the check takes every filter
    as one that does not. A domain's filter that takes it must still be given it."""
    from briefing.build.cache import TemplateCode, kept_objects
    from briefing.check.templates import template_problems
    from briefing.render.jinja import environment
    from jinja2 import Environment, pass_context

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "greeting.md.j2").write_text("{{ name|greet }}\n", encoding="utf-8")
    code = TemplateCode(kept_objects(tmp_path / "code"))
    assert template_problems(tmp_path, code=code)[0] == []

    taking = environment(tmp_path, code=code)
    taking.filters["greet"] = pass_context(lambda context, name: f"{context['salutation']} {name}")
    assert taking.get_template("greeting.md.j2").render(name="Ito", salutation="Dear") == "Dear Ito\n"

    plain = environment(tmp_path, code=code)  # a filter that takes nothing: the check's code serves
    plain.filters["greet"] = lambda name: f"Hello {name}"
    monkeypatch.setattr(Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert plain.get_template("greeting.md.j2").render(name="Ito") == "Hello Ito\n"


def test_a_generated_page_holds_its_html_only_while_it_is_set_in_the_theme(project, tmp_path, monkeypatch):
    """Memory in proportion to one page, not the site: when a page is set in the theme, no other generated
    page holds its HTML (the pages of the navigation are converted first, for their titles, and read again
    from the cache). That the sidebar still names each page by its title: tests/real_site/test_site.py."""
    from briefing.build.mkdocs_session import LanguageSession

    record = tmp_path / "holding.txt"  # a file: the languages may be built in child processes
    set_in_theme = LanguageSession._build_page

    def recorded(self, page):
        others = [f.src_uri for f in self.doc_files if f.page is not page and f.page.content is not None]
        with record.open("a", encoding="utf-8") as found:
            found.write(f"{page.file.src_uri}: {' '.join(uri for uri in others if uri in self.generated)}\n")
        return set_in_theme(self, page)

    monkeypatch.setattr(LanguageSession, "_build_page", recorded)
    build(project, tmp_path / "site")
    lines = record.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 20
    assert [line for line in lines if not line.endswith(": ")] == []


def test_the_names_a_template_uses_are_listed_again_when_the_code_that_lists_them_changes(tmp_path, monkeypatch):
    """The check keeps the filters and tests each template names beside its compiled code; a list made by
    other code (a generator that lists more of them) is not served."""
    from briefing.build.cache import TemplateCode, kept_objects
    from briefing.check import templates

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "greeting.md.j2").write_text("{{ names|map('greet')|join }}\n", encoding="utf-8")
    code = TemplateCode(kept_objects(tmp_path / "code"))
    first = templates.template_problems(tmp_path, code=code)[1]
    assert ("templates/greeting.md.j2", 1, "filter", "greet") in first
    listing = templates._named
    monkeypatch.setattr(templates, "_named", lambda tree: [*listing(tree), (1, "test", "listed-anew")])
    code.kept.close()  # (the check ends)
    code = TemplateCode(kept_objects(tmp_path / "code"))  # (the next check, its compiled templates kept)
    assert templates.template_problems(tmp_path, code=code)[1] == first  # the same code: the kept list
    monkeypatch.setattr(templates, "_LISTED_BY", "other code")
    code.kept.close()
    code = TemplateCode(kept_objects(tmp_path / "code"))
    assert ("templates/greeting.md.j2", 1, "test", "listed-anew") in templates.template_problems(tmp_path, code=code)[1]
