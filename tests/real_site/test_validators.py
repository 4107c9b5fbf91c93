"""Outside validators on the built site.

- The Nu Html Checker (vnu, the W3C's validator; pinned in tests/validators/package-lock.json, run
  with Java) on every HTML page of both languages, as built without a site URL (``site``) and as
  built for a server (``published_site``: with a site URL and a page at a moved address), and on the
  project's own style sheets. It must report nothing but the theme's own messages listed in MATERIAL.
- Frictionless (pinned in pyproject.toml) on each language's downloads/datapackage.json.

Without Java or the checker these tests are skipped with the reason; with ``CI`` set they fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from base import LANGS, PROJECT, leads_on, unavailable

VALIDATORS = PROJECT / "tests" / "validators"
VNU = VALIDATORS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Messages about markup that Material for MkDocs 9.8.2 writes itself, on every page, which the project
# could change only by copying Material's navigation templates. Each is matched by its exact text AND
# by the very markup Material writes (in vnu's extract of the offending tag), so the same message about markup of
# the project's own is still reported.
MATERIAL = {
    # Material's partials/nav-item.html gives the label of a navigation section an empty tabindex
    # (`{% set tabindex = "0" if not is_section %}` … `tabindex="{{ tabindex }}"`; navigation.sections).
    "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.": re.compile(
        r'<label class="md-nav__link" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">'
    ),
    # Material's base.html: the checkboxes that open the navigation drawer and the search carry
    # autocomplete="off" (so that a browser does not restore them open).
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.": re.compile(
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
        r'autocomplete="off">'
    ),
    # Material's partials/toc.html labels the table of contents for="__toc", but its partials/nav-item.html
    # writes the <input id="__toc"> only in the navigation entry of the page shown: on pages kept out of
    # the navigation (the item pages, DESIGN.md §5) the label points at nothing.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.": (
        re.compile(r'<label class="md-nav__title" for="__toc">')
    ),
}


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        unavailable("Java is not installed (the Nu Html Checker needs it): apt-get install default-jre-headless")
    if not VNU.is_file():
        unavailable(
            f"the Nu Html Checker is not installed: `make test` runs npm ci in {VALIDATORS.relative_to(PROJECT)}"
        )
    return java


def is_materials(message: dict) -> bool:
    """A message listed in MATERIAL, about the markup Material writes (found in vnu's extract, the few dozen
    characters around the offending tag: vnu's highlight within it is sometimes one character off)."""
    markup = MATERIAL.get(message.get("message", ""))
    return markup is not None and markup.search(message.get("extract", "")) is not None


def _where(message: dict, roots: dict[str, Path]) -> str:
    url = message.get("url", "")
    for name, root in roots.items():
        url = url.replace(root.as_uri(), name)
    return f"{url}:{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"


def test_vnu_reports_nothing_on_any_page_but_materials_own_markup(site, published_site):
    java = _java()
    roots = {"site": site, "site-with-url": published_site}
    pages = {name: sorted(root.rglob("*.html")) for name, root in roots.items()}
    for name, files in pages.items():
        assert len(files) > 200, f"{name} has only {len(files)} pages"
        assert any(f.name == "404.html" for f in files) and (roots[name] / "index.html") in files
    forwarding = [published_site / lang / "fields" / "material" / "index.html" for lang in LANGS]
    assert all(page.is_file() for page in forwarding), "the page at the moved address was not built"
    # The project's own style sheets (the theme's are Material's), checked as CSS.
    styles = sorted((site / "ja" / "assets" / "briefing").glob("*.css"))
    assert styles
    files = [str(f) for group in pages.values() for f in group] + [str(f) for f in styles]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--stdout", "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu did not answer in JSON (exit {result.returncode}): {result.stdout[-2000:]}{result.stderr}")
    material = [m for m in messages if is_materials(m)]
    reported = [m for m in messages if not is_materials(m)]
    shown = [
        f"{_where(m, roots)}: {m['type']}{'/' + m['subType'] if m.get('subType') else ''}: {m.get('message')}"
        f" [{m.get('extract', '').strip()[:160]}]"
        for m in reported
    ]
    assert not shown, f"vnu reports {len(shown)} messages:\n  " + "\n  ".join(shown[:60])
    # The theme's messages are there (so the matching above is not simply missing them all): the
    # navigation section labels and the two toggles are on every page.
    themed = [f for group in pages.values() for f in group if not leads_on(f)]
    assert len(material) >= 5 * len(themed)  # (pages that lead on to another have no theme)


@pytest.mark.parametrize("lang", LANGS)
def test_frictionless_finds_each_languages_data_package_valid(site, lang):
    folder = site / lang / "downloads"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    errors = [f"{e['type']}: {e['message']}" for e in report.get("errors", [])]
    for task in report.get("tasks", []):
        errors += [f"{task['name']}: {e['type']}: {e['message']}" for e in task.get("errors", [])]
    assert not errors, "\n".join(errors)
    assert report["valid"] and result.returncode == 0
    # Every resource was checked (a package error stops the run before any is).
    assert sorted(task["name"] for task in report["tasks"]) == sorted(r["name"] for r in package["resources"])
