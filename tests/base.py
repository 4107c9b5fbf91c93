"""The tests' harness, as MkDocs' own tests/base.py is theirs: a tiny briefing from a dict of files, built in
this process, and the helpers every kind of test shares.

The tests are grouped by what they need:

- ``unit/``: no build (the loader, the checks, the messages, the code's shape, this briefing's data);
- ``build/``: tiny briefings (``SMALL_BRIEFING``, with changes) written into a temporary folder and built in
  this process, one for each mechanism tried (faults, addresses, editions, outputs…);
- ``site/``: the real project's site, built once per test session and shared (tests/conftest.py);
- ``browser/``: the real site in Chromium, with Playwright.

A build runs in a process of its own (``command``) only where the test is about the command line or about
processes (a killed build, two builds at once, the folder a command is run in, the locale).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from briefing.cli import PROJECT, main
from bs4 import BeautifulSoup

LANGS = ("ja", "en")
# Where the browser tests serve a site built for a server (its site URL ends with it).
SUB_PATH = "/briefings/materials/"
# An address that has moved (old → new) in the real site as the session's ``published_site`` builds it.
MOVED = ("fields/material/", "fields/materials/")

# ------------------------------------------------------------------------------------------ a tiny briefing

SMALL_BRIEFING = {
    "mkdocs.yml": f"""
        site_name: 小さな説明資料
        docs_dir: docs/ja
        site_dir: site/ja
        strict: true
        theme: {{name: material, language: ja, custom_dir: {PROJECT / "overrides"}, font: false}}
        hooks: [{PROJECT / "hooks" / "briefing_pages.py"}]
        markdown_extensions: [attr_list, pymdownx.escapeall, toc]
        plugins: [search]
        extra:
          alternate:
            - {{name: 日本語, link: /ja/, lang: ja}}
            - {{name: English, link: /en/, lang: en}}
        """,
    "mkdocs.en.yml": """
        INHERIT: mkdocs.yml
        site_name: A small briefing
        docs_dir: docs/en
        site_dir: site/en
        theme: {language: en}
        """,
    "docs/ja/.keep": "",
    "docs/en/.keep": "",
    "data/briefing.yml": """
        briefing:
          id: small-briefing
          title: {ja: 小さな説明資料, en: A small briefing}
          issuer: {ja: 架空の課, en: A fictitious division}
          edition_date: "2027-04-01"
          source_document: {ja: 架空の課「小さな説明資料」, en: "A fictitious division, “A small briefing”"}
          summary: {ja: 行事の一覧です。, en: A list of events.}
          parts: []
          sections: []
        """,
    "data/themes.yml": """
        themes:
          - {id: outreach, name: {ja: 広報, en: Outreach}}
          - {id: training, name: {ja: 研修, en: Training}}
        """,
    "data/events.yml": """
        events:
          - id: open-day
            name: {ja: 一般公開, en: Open day}
            held_on: "2027-05-10"
            venue: {ja: 本館, en: Main building}
            cost: 1.5
            themes: [outreach]
          - id: workshop
            name: {ja: 研修会, en: Workshop}
            held_on: "2027-06-01"
            themes: [training, outreach]
        """,
    "data/collections.yml": """
        sections:
          - {id: about, title: {ja: 案内, en: About}, position: 90}
        collections:
          - id: themes
            name: theme
            description: {ja: テーマ, en: A theme}
            file: themes.yml
            key: themes
            fields:
              name: {type: name, description: {ja: 名称。, en: The theme's name.}}
          - id: events
            name: event
            description: {ja: 行事, en: An event}
            file: events.yml
            key: events
            fields:
              name: {type: name, description: {ja: 名称。, en: The event's name.}}
              held_on: {type: date, description: {ja: 開催日。, en: The day it is held.}}
              venue: {type: text, required: false, description: {ja: 会場。, en: Where.}}
              cost: {type: amount, required: false, description: {ja: 費用（億円）。, en: Cost in 億円.}}
              themes: {type: id, refers_to: themes, many: true, description: {ja: テーマ。, en: Its themes.}}
            pages: events
            title: {ja: "{count}件の行事", en: "{count} events"}
            intro: {ja: 今年度の行事です。, en: This year's events.}
            anchors: [index]
            nav: {position: 10}
            home: true
            downloads:
              - name: events
                title: {ja: 行事, en: Events}
                columns:
                  - {name: id, type: string, value: item.id, description: stable id}
                  - {name: name, type: string, value: "item.name|t_plain", description: name}
                  - {name: held_on, type: date, value: item.held_on.isoformat(), description: day}
                  - {name: cost, type: number, value: item.cost, description: cost, currency: JPY, factor: 100000000}
                  - {name: themes, type: string, value: "item.themes|join(';')", description: theme ids}
        pages:
          - {path: index.md, template: home.md.j2, nav: {position: 0, title: {ja: ホーム, en: Home}}}
          - {path: downloads.md, template: downloads.md.j2, nav: {section: about, position: 1}}
          - {path: editing.md, template: editor-guide.md.j2, nav: {section: about, position: 2}}
        """,
    "templates/events/index.md.j2": """
        {% import "_macros.html.j2" as m with context %}
        {{ m.index_title(collection, items) }}

        {{ m.intro(collection, items) }}

        <table class="briefing-table">
        <thead><tr><th scope="col">{{ ui('event') }}</th><th scope="col">{{ ui('held_on') }}</th></tr></thead>
        <tbody>
        {% for event in items %}
        <tr id="{{ anchor(event.id) }}"><th scope="row">{{ m.link('events/' ~ event.id ~ '/', event.name|t) }}
        {{- m.rowlink(event.id, event.name|t_plain) }}</th><td>{{ event.held_on|long_date }}</td></tr>
        {% endfor %}
        </tbody>
        </table>
        """,
    "templates/events/item.md.j2": """
        {% import "_macros.html.j2" as m with context %}
        {{ m.title(item.name|heading) }}

        <p>{{ ui('held_on') }}{{ ui('colon') }}{{ item.held_on|long_date }}
        {%- if item.venue %}, {{ item.venue|t }}{% endif %}</p>
        {% if item.cost %}<p>{{ item.cost|yen }}</p>{% endif %}
        <ul>
        {% for theme in item.themes|map('ref', 'themes') %}
        <li>{{ theme.name|t }}</li>
        {% endfor %}
        </ul>
        """,
    "templates/strings/ja.yml": "event: 行事\nheld_on: 開催日\n",
    "templates/strings/en.yml": "event: Event\nheld_on: Held on\n",
}


def small(name: str) -> str:
    """A file of ``SMALL_BRIEFING`` as it is written (to change or add to it: ``small(name) + more``)."""
    return textwrap.dedent(SMALL_BRIEFING[name]).lstrip("\n")


def write_briefing(folder: Path, changes: dict[str, str] | None = None, files: dict[str, str] | None = None) -> Path:
    """The files of a briefing (``SMALL_BRIEFING`` unless ``files``), with ``changes``, written into ``folder``."""
    for name, text in {**(files or SMALL_BRIEFING), **(changes or {})}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in the file at ``path`` with ``new``, as an editor would; return the (1-based)
    line it was on. Fails if ``old`` is not there, so that a test never edits nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(path: Path, text: str) -> int:
    """The (1-based) line on which ``text`` first starts in the file at ``path``."""
    content = path.read_text(encoding="utf-8")
    assert text in content, f"{text!r} is not in {path}"
    return content[: content.index(text)].count("\n") + 1


# ------------------------------------------------------------------------------------------ running commands


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


@contextlib.contextmanager
def _captured():
    """What is printed while the block runs, by this process and by the children a build forks (so into files,
    which a child shares, not into memory, which it copies), MkDocs' warnings included."""
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8") as err,
    ):
        handler = logging.StreamHandler(err)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        said: list[str] = []
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                yield said
        finally:
            logger.removeHandler(handler)
            for stream in (out, err):
                stream.flush()
                stream.seek(0)
                said.append(stream.read())


def run(*args: str, project: Path, env: dict[str, str] | None = None) -> Ran:
    """A command of the command line, run in this process as a person would type it
    (``run("build", "--out", str(out), project=p)``), with ``env`` set while it runs."""
    with _environment(env or {}), _captured() as said:
        code = main(["--project", str(project), *map(str, args)])
    return Ran(code, *said)


@contextlib.contextmanager
def _environment(env: dict[str, str]):
    before = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build(project: Path, out: Path, *, pdf: bool = False, site_url: str | None = None):
    """Build ``project`` into ``out`` in this process, reusing what the last build there left (the cache
    beside ``out``); returns the build's result (BuildResult). Raises what the build raises."""
    from briefing.build.site import BuildOptions, Progress, build_site

    with _captured():
        return build_site(project, out, BuildOptions(site_url, make_pdf=pdf), Progress())


def command(*args: str, project: Path | None = PROJECT, pdf: bool = False, **options) -> subprocess.CompletedProcess:
    """``briefing`` in a process of its own, for the tests about the command line and processes. A build
    leaves out the PDFs unless asked (``pdf``); ``options`` go to subprocess.run (cwd, env…)."""
    if args[:1] in (("build",), ("publish",), ("export",), ("offline",)) and not pdf:
        args = (*args, "--no-pdf")
    where = ["--project", str(project)] if project is not None else []
    return subprocess.run(
        [sys.executable, "-m", "briefing", *where, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        **options,
    )


def in_a_child(function, *args):
    """``function(*args)``, worked out in a forked child process and sent back. For what leaves threads behind
    in a process (Typst's, once it has typeset anything): a build of this test process forks its jobs only
    while the process has no thread but its own."""
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, send the result (or the error) back, end without the parent's cleanup
        os.close(read)
        try:
            result = (True, function(*args))
        except BaseException as error:  # raised again in the parent
            result = (False, error)
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(result, pipe)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        ok, result = pickle.load(pipe)
    os.waitpid(pid, 0)
    if not ok:
        raise result
    return result


def copy_project(target: Path) -> Path:
    """A private copy of the whole project: only for tests about this briefing's own data (a tiny briefing
    tries a mechanism faster)."""
    from briefing.project.files import INPUTS

    target.mkdir(parents=True, exist_ok=True)
    for part in INPUTS:
        source = PROJECT / part
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, target / part)
    return target


def unavailable(reason: str) -> None:
    """A tool the test needs is missing: skip on a person's machine, fail in CI (which installs every tool)."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def needs(missing: object | None) -> None:
    """``unavailable`` if something the test needs is ``missing`` (a sentence saying what, or None)."""
    if missing is not None:
        unavailable(str(missing))


# ------------------------------------------------------------------------------------------ reading built pages


def page_file(site: Path, lang: str, url: str) -> Path:
    return site / lang / url / "index.html"


def leads_on(path: Path) -> bool:
    """A page left at an address only to lead on to another (a moved page, or an address of the
    current edition under editions/<date>/): no theme, no content of its own."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:600]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(site: Path, lang: str, url: str) -> BeautifulSoup:
    content = soup(page_file(site, lang, url)).select_one("article.md-content__inner")
    assert content is not None, f"{lang}/{url} has no article"
    for chrome in content.select("a.headerlink, details.briefing-cite"):  # the ¶ after headings, the citation box
        chrome.decompose()
    return content


INLINE = ("abbr", "span", "a", "strong", "em", "small", "sup", "code", "i", "b", "time", "wbr", "cite")


def text_of(node) -> str:
    """Visible text as a reader sees it: spaces between blocks, none added inside a sentence."""
    node = BeautifulSoup(str(node), "html.parser")
    for inline in node.find_all(INLINE):
        inline.unwrap()
    node.smooth()  # join the pieces of text the unwrapped tags leave side by side
    return " ".join(node.get_text(" ").split())


def all_pages(site: Path, lang: str) -> list[str]:
    """The content pages of a language (not the pages left at addresses that lead on to another)."""
    root = site / lang
    return sorted(
        str(path.parent.relative_to(root)).replace(".", "") + ("/" if path.parent != root else "")
        for path in root.rglob("index.html")
        if "assets" not in path.parts and "search" not in path.parts and not leads_on(path)
    )


def resolve(site: Path, lang: str, url: str, href: str, base: str = "http://intranet.example/any/") -> Path:
    """The file a link on ``lang/url`` leads to, the site being served at ``base``."""
    from urllib.parse import urljoin, urlsplit

    absolute = urlsplit(urljoin(f"{base}{lang}/{url}", href)).path
    relative = absolute.removeprefix(urlsplit(base).path)
    return site / relative / "index.html" if relative.endswith("/") or not relative else site / relative


def readme_policy() -> str:
    """The Content-Security-Policy of the README's server examples (nginx and Apache must send the same),
    so that the tests check the very policy a publisher copies."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    nginx = re.findall(r'^\s*add_header Content-Security-Policy "([^"]+)" always;$', readme, re.MULTILINE)
    apache = re.findall(r'^\s*Header always set Content-Security-Policy "([^"]+)"$', readme, re.MULTILINE)
    assert len(nginx) == 1, f"the README's nginx example should set the policy once: {nginx}"
    assert apache == nginx, f"the README's Apache example sends another policy than nginx: {apache} ≠ {nginx}"
    return nginx[0]


# ------------------------------------------------------------------------------------------ the broken-data corpus

# One mistake an editor could make in this briefing's data per file (tests/broken/README.md).
BROKEN = sorted((Path(__file__).parent / "broken").glob("*.yml"))


def fill(template: str, line: int, data_dir: Path) -> str:
    """{line}, {line+N}: near the changed text; {at FILE|TEXT}: the line where TEXT first starts in FILE."""

    def at(match: re.Match) -> str:
        return str(line_of(data_dir / match.group(1), match.group(2)))

    template = re.sub(r"\{at ([^|]+)\|([^}]+)\}", at, template)
    return re.sub(r"\{line([+-]\d+)?\}", lambda m: str(line + int(m.group(1) or 0)), template)


def break_data(spec: dict, data_dir: Path) -> int:
    """Make the case's mistake in ``data_dir``; return the line of the changed text (1 when a whole file is
    deleted, emptied or re-encoded)."""
    path = data_dir / spec["file"]
    if spec.get("delete"):
        path.unlink()
        return 1
    if "content" in spec:
        path.write_text(spec["content"], encoding="utf-8")
        return 1
    if "copy_to" in spec:  # a file copied to start another, and not yet changed
        (data_dir / spec["copy_to"]).write_bytes(path.read_bytes())
        return 1
    if "encoding" in spec:
        path.write_bytes(path.read_text(encoding="utf-8").encode(spec["encoding"], errors="replace"))
        return 1
    old, new = spec["replace"]
    return replace_in(path, old, new)
