"""The theme's part of a language's build: its static files and templates, listed and compiled once for
both languages, and the digest of everything a page's place in the theme is made from besides the page."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..project.digests import digest, files_digest, generator_digest, versions_digest
from ..project.template_folders import COMPILING

# A template named in another's include, extends, import or from (written out whole: not ".icons/" ~ icon …).
_NAMED = re.compile(r"""\{%-?\s*(?:include|extends|import|from)\s+["']([^"'~]+)["']\s""")


@dataclass(frozen=True)
class Theme:
    """What both languages' builds share of the theme, made once before they start (in the build's
    process, so that the processes of both languages have it): its static files, and its templates
    compiled (``code``, shared with every template environment of the build)."""

    files: tuple[tuple[str, str], ...]  # (path, the theme folder it comes from), as MkDocs adds them
    code: Any  # cache.TemplateCode


def prepare_theme(config, code) -> Theme:
    """The theme of the MkDocs configuration ``config``: its static files and its templates compiled."""
    import fnmatch

    from mkdocs import utils

    share_code(config.theme, code)
    env = config.theme.get_env()
    skipped = [".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*"]
    skipped += [f"*{suffix}" for suffix in utils.markdown_extensions] + list(config.theme.static_templates)
    found: dict[str, str] = {}
    templates = set()
    for folder in config.theme.dirs:
        for root, folders, names in os.walk(folder):
            folders[:] = [name for name in folders if not name.startswith(".")]  # (.icons: 14,000 files)
            for name in names:
                path = os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/")
                if path.endswith(".html") or path in config.theme.static_templates:
                    templates.add(path)
                if not any(fnmatch.fnmatch(path.lower(), pattern) for pattern in skipped):
                    found.setdefault(path, folder)
    # The templates a page or a static template may reach (by name, written out), each compiled once here: not
    # those of features the site has no plugin for (the blog's, the tags'). A page naming another template, or
    # a template reached by a name put together (an icon), has it compiled where it is used.
    todo = ["main.html", *config.theme.static_templates, "partials/languages/ja.html", "partials/languages/en.html"]
    reached: set[str] = set()
    while todo:
        name = todo.pop()
        if name in reached or name not in templates:
            continue
        reached.add(name)
        try:
            todo += _NAMED.findall(env.loader.get_source(env, name)[0])
            env.get_template(name)  # compiled into ``code`` for both languages' environments
        except Exception:  # (MkDocs says it, at the page that uses it)
            continue
    return Theme(tuple(sorted(found.items())), code)


def share_code(theme, code) -> None:
    """Every template environment of MkDocs' ``theme`` (the pages', and the search plugin's own for its
    translations) compiles as the generator's do (COMPILING) and takes its compiled templates from ``code``:
    compiled once for both languages, before they start (prepare_theme)."""
    if getattr(theme, "_briefing_code", None) is code:
        return
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = code
        for setting, value in COMPILING.items():
            setattr(env, setting, value)
        return env

    theme.get_env, theme._briefing_code = get_env, code


def theme_digest(config, nav) -> str:
    """What every page's place in the theme is made from besides the page itself."""
    nav_titles = [(page.title, page.url) for page in nav.pages]
    theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    theme_files = sorted(path for path in theme.rglob("*") if path.is_file()) if theme else []
    return digest(
        generator_digest(),
        versions_digest(),
        *(path.read_text(encoding="utf-8") for path in _configs(Path(config.config_file_path))),
        repr(config.site_url),
        repr(list(config.plugins.keys())),
        json.dumps(config.extra, sort_keys=True, default=str, ensure_ascii=False),
        repr(nav_titles),
        files_digest(theme, theme_files) if theme else "",
    )


def _configs(config_file: Path) -> list[Path]:
    """A configuration and those it inherits (INHERIT), which the theme's digest must cover too."""
    import yaml

    found = [config_file]
    while "INHERIT" in (text := found[-1].read_text(encoding="utf-8")):
        parent = (yaml.safe_load(text) or {}).get("INHERIT")
        if not parent:
            break
        found.append((found[-1].parent / parent).resolve())
    return found
