"""Live preview of both languages while editing (``make serve``): what it has built and what is wrong.

The site is built as ``make site`` builds it, into a folder of its own (never site/), and served at
http://127.0.0.1:8000/ (server.py) with both languages and the language chooser, so the switcher works.
The project's inputs are watched (watcher.py; project/files.py lists them, the generator's code among
them). After a save the data is checked at once; if it is valid, the page being read (the last one asked
for) is made again first, in its language, then the other pages that changed, then the other language:
each language's MkDocs build is kept between saves (build/mkdocs_session.py) and redoes only the pages
whose inputs changed. A page reloads by itself as soon as a newer build of it is there (server-sent
events). While the data or a template has a problem, every page is answered at once: the last good page
with a banner listing each problem as ``make check`` does, in the page's language, or, before any build
has succeeded, a page with the list. Nothing that goes wrong in a rebuild stops the watching.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

from markupsafe import Markup

from .. import ENGINE
from ..build.cache import BuildCache
from ..check.validate import LANGUAGES, Reuse, validate
from ..messages import Message, say
from ..problems import DataError, Problem, printable
from ..project.files import CONFIGS, READ_BY_PAGES
from ..project.outputs import OutputRefused
from ..project.template_folders import STRINGS, load_strings, template_folders
from ..render.jinja import environment
from .watcher import watch

ENDPOINT = "/__preview__/"
LIVE_JS = ENGINE / "templates" / "preview-live.js"


class Preview:
    """The latest good build, what is wrong now, and a version of each page that changes with either."""

    def __init__(self, project: Path):
        self.project = project
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
        self.site = self.folder / "site"  # made by the first build that succeeds
        self.cache = BuildCache(self.site)
        self.reuse = Reuse(code=self.cache.template_code())  # what each save's check need not do again
        self.sessions: dict = {}  # language → driver.LanguageSession
        self.titles: dict[str, dict[str, str]] = {}  # the last titles of each page, by address and language
        self.problems: list[Problem | Message] = []  # worded in the language of the page that shows them
        self.built = False
        self.ready: set[str] = set()  # the languages built at least once (the first build makes one, then the other)
        self.guide: str | None = None  # the editor's guide's address, once the data has been read
        self.viewed = (LANGUAGES[0], "")  # the page last asked for: (language, address)
        self._epoch = 0  # every page may have changed
        self._page_versions: dict[tuple[str, str], int] = {}
        self._changed = threading.Condition()
        self.template = environment(project).get_template("preview.html.j2")
        self.strings = _preview_strings(project)
        self.live_js = LIVE_JS.read_bytes()

    # --- versions ---------------------------------------------------------------------------------------

    def version_of(self, lang: str, url: str) -> str:
        with self._changed:
            return f"{self._epoch}.{self._page_versions.get((lang, url), 0)}"

    def _bump(self, lang: str | None = None, url: str | None = None) -> None:
        with self._changed:
            if lang is None:
                self._epoch += 1
            else:
                self._page_versions[lang, url] = self._page_versions.get((lang, url), 0) + 1
            self._changed.notify_all()

    def wait_for_change(self, timeout: float) -> None:
        with self._changed:
            self._changed.wait(timeout)

    # --- building -----------------------------------------------------------------------------------------

    def rebuild(self, changed: set[Path] | None = None) -> None:
        """Check the data first (a problem shows at once), then build what changed. Whatever goes wrong
        is shown as a problem, and the preview goes on watching."""
        from mkdocs.exceptions import MkDocsException

        from ..build.mkdocs_session import StrictAbort

        started = time.perf_counter()
        shown = self.problems  # (cleared by the rebuild once the check passes)
        problems: list[Problem | Message] = []
        try:
            self._rebuild(changed)
        except DataError as err:
            problems = list(err.problems)
        except (MkDocsException, StrictAbort) as err:
            problems = [
                Message("build_stopped", error=printable(line)) for line in str(err).splitlines() if line.strip()
            ]
        except OSError as err:
            where = f"{err.filename}: " if err.filename else ""
            problems = [Message("could_not_write", what=Message("the_preview"), where=where, error=err.strerror or err)]
        except OutputRefused as err:
            problems = [err.message]
        except Exception as err:  # a fault of the generator: shown like any problem, and the watching goes on
            problems = [Message("preview_generator_fault", error=printable(f"{type(err).__name__}: {err}"))]
            self.sessions.clear()  # the next save builds everything again
        if changed is None or any(path.parent.name == STRINGS for path in changed):
            self.strings = _preview_strings(self.project)  # (the banner's words, as the strings files say them now)
        if problems or problems != shown:
            self.problems = problems
            self._bump()
        self.built = self.built or not problems
        state = say("preview_problems_state", count=len(problems)) if problems else say("preview_built")
        print(f"[{time.strftime('%H:%M:%S')}] {state} ({time.perf_counter() - started:.2f} s)", file=sys.stderr)
        for problem in problems:  # in the terminal too, as `make check` lists them: the editor may be there
            print(f"  {printable(problem.text())}", file=sys.stderr)

    def _rebuild(self, changed: set[Path] | None) -> None:
        from ..build.language import Extras, render_language
        from ..build.mkdocs_session import LanguageSession
        from ..build.site_content import all_titles, pages_meta, root_files
        from ..build.theme_values import guide_address, page_meta

        checked = validate(self.project, self.reuse)
        # The problems listed are fixed: a page made from here on is shown without them (else the first page
        # to reload showed the site under a banner of problems no longer there).
        self.problems = []
        self.guide = guide_address(checked.briefing)
        self.site.mkdir(exist_ok=True)
        whole = changed is None or any(self._is_whole(path) for path in changed)
        if whole:
            self.sessions.clear()
        first, url = self.viewed
        order = [first, *(lang for lang in LANGUAGES if lang != first)]
        extras = Extras()
        if first in self.sessions and url in {page.url for page in checked.plan.pages}:
            # The page being read first: in the browser before the others are made.
            quick = render_language(self.project, checked, first, extras, self.cache, only={url})
            self._merge_titles(quick)
            meta = {url: page_meta(url, self._complete_titles(), checked)}
            session = self.sessions[first]
            pages = [page for page in session.changed(quick, meta) if page.url == url]
            if pages and session.can_update_page(pages[0]):
                session.update_pages(pages, {**session.meta, **meta}, lambda done: self._bump(first, done))
        contents = {}
        for lang in order:
            contents[lang] = render_language(self.project, checked, lang, extras, self.cache)
            self._merge_titles(contents[lang])
        titles = all_titles(self.project, checked, contents)
        self.titles = titles
        meta = pages_meta(checked, contents, titles)
        for lang in order:
            content, session = contents[lang], self.sessions.get(lang)
            if session is not None and session.can_update(content, meta):
                pages = sorted(session.changed(content, meta), key=lambda page: page.url != url)
                session.update_pages(pages, meta, lambda done, lang=lang: self._bump(lang, done))
                session.update_files(content.files)
            else:
                session = LanguageSession(
                    self.project, self.project / CONFIGS[lang], self.site / lang, self.cache, in_place=True
                )
                self.sessions.pop(lang, None)
                session.build(content, meta)
                self.sessions[lang] = session
                self.ready.add(lang)
                self._bump()
        for name, data in root_files(self.project, checked, None, self.cache):
            self.cache.write(data, self.site / name)
        self.cache.carry_over()

    def _is_whole(self, path: Path) -> bool:
        """Whether a change to ``path`` makes every page again: a change to any input that no page records
        reading (the configurations, the hand-written pages, the theme, the generator)."""
        relative = path.relative_to(self.project) if path.is_relative_to(self.project) else path
        return bool(relative.parts[:1]) and relative.parts[0] not in READ_BY_PAGES

    def _merge_titles(self, content) -> None:
        for url, title in content.titles.items():
            self.titles.setdefault(url, {})[content.lang] = title

    def _complete_titles(self) -> dict[str, dict[str, str]]:
        return {url: found for url, found in self.titles.items() if len(found) == len(LANGUAGES)}

    # --- serving --------------------------------------------------------------------------------------------

    def page(self, html: str, lang: str, url: str) -> str:
        """A served page with the reloading script and, while something is wrong, the banner."""
        problems = list(self.problems)
        banner = self.template.module.banner(self._said(problems, lang), self._ui(lang)) if problems else ""
        script = self._script(lang, url)
        head, found, rest = html.partition("<body")
        if not found:
            return html + banner + script
        tag, _, body = rest.partition(">")
        return f"{head}<body{tag}>{banner}{body}".replace("</body>", f"{script}</body>")

    def serves(self, lang: str) -> bool:
        """Whether the site of ``lang`` is there to serve (else: what is wrong, or that it is being built)."""
        return self.built or lang in self.ready

    def error_page(self, lang: str, url: str) -> str:
        listed = self._said(list(self.problems), lang)
        # (the script as markup: added to the page's Markup as a str, it was escaped and shown as text, and
        # the page never reloaded once the problems were fixed)
        return str(self.template.module.page(listed, self._ui(lang), lang, Markup(self._script(lang, url))))

    def _said(self, problems: list[Problem | Message], lang: str) -> list[tuple[str, str | None]]:
        """Each problem in the page's language, with the address of the part of the editor's guide that
        explains its kind (if the guide explains it)."""
        said = []
        for problem in problems:
            message = problem.message if isinstance(problem, Problem) else problem
            group = message.guide_section()
            guide = f"/{lang}/{self.guide}#rule-{group}" if group and self.built and self.guide else None
            said.append((printable(problem.text(lang)), guide))
        return said

    def _script(self, lang: str, url: str) -> str:
        version = self.version_of(lang, url)
        return f'<script src="{ENDPOINT}live.js" data-version="{version}" data-page="/{lang}/{url}"></script>'

    def _ui(self, lang: str):
        strings = self.strings.get(lang, self.strings[LANGUAGES[0]])
        return lambda key, **values: strings[key].format(**values)

    # --- watching -------------------------------------------------------------------------------------------

    def watch(self, stop: threading.Event | None = None) -> None:
        """Rebuild after every change to the project's inputs, until the preview ends (or ``stop``)."""
        watch(self.project, self.rebuild, stop)


def _preview_strings(project: Path) -> dict[str, dict[str, str]]:
    """The words of the preview's banner and pages, in each language: the template folders' strings, or the
    generator's own while the briefing's strings file cannot be read (the preview then lists that problem,
    as the check finds it, rather than stopping)."""
    from jinja2 import TemplateRuntimeError

    strings = {}
    for lang in LANGUAGES:
        try:
            strings[lang] = load_strings(template_folders(project), lang)
        except TemplateRuntimeError:
            strings[lang] = load_strings([ENGINE / "templates"], lang)
    return strings
