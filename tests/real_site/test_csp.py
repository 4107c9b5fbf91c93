"""What the README's Content-Security-Policy asks of the site, checked on the built files: no inline
script, style or event handler on any page, and Material's inline scripts loaded from files that are
still Material's. (tests/browser/test_csp_in_browser.py serves the site with the policy and checks
that every kind of page works under it.)"""

from __future__ import annotations

import re
from pathlib import Path

import material
from base import PROJECT, readme_policy, soup

# <script> types that hold data, which a browser does not run and the policy does not govern.
DATA_BLOCKS = {"application/json", "application/ld+json"}
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OUR_COPIES = PROJECT / "overrides" / "assets" / "briefing" / "material"
# Material's inline scripts → the files that replace them (overrides/partials/javascripts/*.html), with
# the one change: the template value base.html wrote into its script now comes from data-md-scope.
MATERIAL_SCRIPTS = {
    "base.html": ["base.js"],
    "palette.html": ["palette.js"],
    "content.html": ["content-tabs.js", "content.js"],
}
SCOPE = ('"{{ config.extra.scope | d(base_url) }}"', 'document.currentScript.getAttribute("data-md-scope")')


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} is given twice"
        parsed[name] = sources
    return parsed


def test_the_policy_allows_only_the_site_itself_and_nothing_inline():
    policy = directives(readme_policy())
    assert policy["default-src"] == ["'none'"], "what is not named is refused"
    for name, sources in policy.items():
        assert not [s for s in sources if s.startswith("'unsafe-") or s in ("*", "http:", "https:", "blob:")], name
        assert set(sources) <= {"'self'", "'none'", "data:"}, f"{name} allows another host: {sources}"
    assert [name for name, sources in policy.items() if "data:" in sources] == ["img-src"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]


def _inline(page: Path) -> list[str]:
    html = soup(page)
    found = [
        f"inline <script>: {script.get_text()[:80]!r}"
        for script in html.select("script:not([src])")
        if script.get("type", "").lower() not in DATA_BLOCKS
    ]
    found += [f"<style>: {style.get_text()[:80]!r}" for style in html.select("style")]
    for tag in html.find_all(True):
        for name, value in tag.attrs.items():
            script_url = name in ("href", "src", "action", "formaction") and str(value).strip().lower().startswith(
                "javascript:"
            )
            if name == "style" or name.startswith("on") or script_url:
                found.append(f"<{tag.name} {name}={value!r}>")
    return found


def test_no_page_has_an_inline_script_style_or_event_handler(site, published_site):
    pages = sorted(site.rglob("*.html")) + sorted(published_site.rglob("*.html"))
    assert len(pages) > 400
    found = [f"{page}: {what}" for page in pages for what in _inline(page)]
    assert not found, "\n".join(found[:20])


def _scripts(partial: str) -> list[str]:
    text = (MATERIAL_TEMPLATES / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
    return re.findall(r"<script>(.*?)</script>", text, re.DOTALL)


def test_the_files_that_replace_materials_inline_scripts_are_still_materials_scripts():
    """After an update of Material, its inline scripts may change: the copies must change with them."""
    for partial, copies in MATERIAL_SCRIPTS.items():
        scripts = _scripts(partial)
        assert len(scripts) == len(copies), f"Material's {partial} now has {len(scripts)} scripts"
        for script, copy in zip(scripts, copies, strict=True):
            expected = script.replace(*SCOPE) if partial == "base.html" else script
            code = [
                line
                for line in (OUR_COPIES / copy).read_text(encoding="utf-8").splitlines()
                if not line.startswith("//")
            ]
            assert code == [expected], f"{copy} is no longer Material's {partial}: copy it again"
        override = (PROJECT / "overrides" / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
        for copy in copies:
            assert f"assets/briefing/material/{copy}" in override
    # The one template value, and nothing else of the template, is left in the copies.
    assert SCOPE[0] in _scripts("base.html")[0]
    assert not [copy.name for copy in OUR_COPIES.glob("*.js") if "{{" in copy.read_text(encoding="utf-8")]
