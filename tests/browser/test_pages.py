"""Every page of both languages in a real browser: accessibility, closed network, links, reflow."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from .conftest import AXE_TAGS, record

# Whole passages in the other language that the tests know about and that cannot be fixed from the
# templates: each needs a change elsewhere (the reason says where). A listed finding that no longer
# occurs fails the test, so the list shrinks as they are fixed. Key: (page path prefix, text start).
KNOWN_LANGUAGE_MISMATCHES: dict = {}


# Failed requests the tests know about, by the address requested (relative to the site root), with the fix.
# A listed request that no longer fails fails the test, so the entry goes once the fix is in.
KNOWN_FAILED_REQUESTS: dict = {}


def _fail_with(failures: list[str], what: str) -> None:
    shown = "\n  ".join(failures[:40])
    more = f"\n  … and {len(failures) - 40} more" if len(failures) > 40 else ""
    assert not failures, f"{len(failures)} {what}:\n  {shown}{more}"


def test_every_page_of_the_site_is_tested(served, http_visits):
    kinds = {page.kind for page in served.pages}
    for expected in ("language-chooser", "home", "not-found", "index:fields", "item:fields", "index:budget"):
        assert expected in kinds, f"no page of kind {expected}: {sorted(kinds)}"
    for lang in ("ja", "en"):
        paths = {p.path.removeprefix(f"{lang}/") for p in served.pages if p.lang == lang and p.kind != "not-found"}
        other = "en" if lang == "ja" else "ja"
        others = {p.path.removeprefix(f"{other}/") for p in served.pages if p.lang == other and p.kind != "not-found"}
        assert paths == others, f"pages only in {lang}: {sorted(paths - others)}"
    assert set(http_visits) == {page.rel for page in served.pages}
    record("test_every_page_of_the_site_is_tested", [], pages=len(http_visits))


def test_axe_finds_no_wcag_a_or_aa_violations(http_visits):
    failures = []
    for visit in http_visits.values():
        for rule in visit.axe["violations"]:
            for node in rule["nodes"]:
                failures.append(
                    f"{visit.page.path}: {rule['id']} ({rule['impact']}) {rule['help']} at {node['target']}"
                )
    record("test_axe_finds_no_wcag_a_or_aa_violations", failures, tags=AXE_TAGS)
    _fail_with(failures, "axe-core violations")


def test_skip_link_is_the_first_thing_the_tab_key_reaches(http_visits):
    failures = []
    for visit in http_visits.values():
        focus, where = visit.focus, visit.page.path
        if visit.page.kind == "language-chooser":
            # One heading, one sentence and the two choices: no block to bypass, so the
            # first Tab must land on a choice inside <main>.
            if not focus.get("inMain"):
                failures.append(f"{where}: first Tab reaches {focus} outside <main>")
            continue
        if "md-skip" not in focus.get("cls", ""):
            failures.append(f"{where}: first Tab reaches {focus.get('tag')}.{focus.get('cls')} {focus.get('text')!r}")
        elif not focus.get("visible"):
            failures.append(f"{where}: the focused skip link is not visible")
        elif not focus.get("targetInContent"):
            failures.append(f"{where}: skip link {focus.get('href')} does not lead into the page content")
        elif visit.after_skip != focus["href"]:
            failures.append(f"{where}: Enter on the skip link went to {visit.after_skip!r}, not {focus['href']}")
    record("test_skip_link_is_the_first_thing_the_tab_key_reaches", failures)
    _fail_with(failures, "pages without a working skip link")


def test_each_page_has_one_h1_a_title_and_its_language(http_visits):
    failures = []
    for visit in http_visits.values():
        info, where = visit.info, visit.page.path
        if len(info["h1"]) != 1 or not info["h1"][0]:
            failures.append(f"{where}: h1 elements {info['h1']}")
        if not info["title"]:
            failures.append(f"{where}: no title")
        elif (
            visit.page.kind not in ("home", "language-chooser")
            and info["h1"]
            and info["h1"][0].split()[0] not in info["title"]
        ):
            # The title names the page, not just the site (WCAG 2.4.2).
            failures.append(f"{where}: title {info['title']!r} does not name the page {info['h1'][0]!r}")
        expected_lang = "ja" if visit.page.lang == "ja+en" else visit.page.lang
        if info["lang"] != expected_lang:
            failures.append(f"{where}: <html lang={info['lang']!r}>, expected {expected_lang!r}")
    record("test_each_page_has_one_h1_a_title_and_its_language", failures)
    _fail_with(failures, "pages with a missing h1, title or language")


def _known(path: str, text: str) -> str | None:
    for (prefix, start), _reason in KNOWN_LANGUAGE_MISMATCHES.items():
        if path.startswith(prefix) and text.startswith(start):
            return f"{prefix}|{start}"
    return None


def is_strict(found: dict) -> bool:
    """Findings that fail the test; the others are listed for a person to review.

    - Anything the templates write around the content (header, navigation, footer) and the
      accessible names they give (aria-label, alt, placeholder, title other than an abbreviation's),
      wholly in the other language: "English" in the Japanese switcher must be lang="en".
    - On English pages, a passage wholly in Japanese: the generator marks untranslated text lang="ja".
    - Not failed: on Japanese pages, English names standing alone in the content (a glossary's
      "AI for Science", a document title): WCAG 3.1.2 exempts proper names; and Japanese words
      quoted inside an English sentence (in 億円), which need markup inside data and hand-written text.
    """
    if not found["whole"]:
        return False
    if found["chrome"] or found["source"] in ("@aria-label", "@alt", "@placeholder", "title"):
        return True
    if found["source"] == "@title":
        return not found["where"].rsplit(" > ", 1)[-1].startswith("abbr")
    return found["script"] == "ja"


def test_passages_in_the_other_language_are_marked(http_visits):
    """Passages in the other language carry their lang (WCAG 3.1.2): see ``is_strict`` for what fails.

    Checked in every text node (against the block around it) and in title, aria-label, alt and
    placeholder attributes, outside code. Acronyms (ARIM, DxMT) and Latin words inside Japanese
    sentences are part of the Japanese text and not findings at all.
    """
    failures, seen_known, review = [], set(), []
    for visit in http_visits.values():
        for found in visit.info["mismatches"]:
            described = f"{visit.page.path}: {found['text']!r} ({found['source']}, in lang={found['marked']!r})"
            if not is_strict(found):
                review.append({key: found[key] for key in ("text", "source", "marked", "script")})
                review[-1]["page"] = visit.page.path
                continue
            key = _known(visit.page.path, found["text"])
            if key:
                seen_known.add(key)
                continue
            failures.append(f"{described} at {found['where']}")
    stale = [f"{p}|{t}" for p, t in KNOWN_LANGUAGE_MISMATCHES if f"{p}|{t}" not in seen_known]
    failures += [f"known finding no longer occurs, remove it from KNOWN_LANGUAGE_MISMATCHES: {s}" for s in stale]
    record(
        "test_passages_in_the_other_language_are_marked",
        failures,
        known=list(KNOWN_LANGUAGE_MISMATCHES.values()),
        review=review,
    )
    _fail_with(failures, "passages not marked with their language")


def test_pages_reflow_at_320_px_without_horizontal_scrolling(http_visits):
    failures = []
    for visit in http_visits.values():
        found = visit.reflow
        if found["scrollWidth"] > found["clientWidth"]:
            failures.append(
                f"{visit.page.path}: {found['scrollWidth']} px wide in a 320 px window; too wide: {found['wide']}"
            )
    record("test_pages_reflow_at_320_px_without_horizontal_scrolling", failures, pages=len(http_visits))
    _fail_with(failures, "pages that scroll sideways at 320 px")


def test_japanese_lines_start_as_the_rules_allow_and_units_stay_whole(http_visits):
    """At 1280 and 390 px, on every page (its citation box open): no Japanese line starts with ー, a small
    kana, a closing bracket or a mark the Japanese line-breaking rules (JIS X 4051) keep off the start
    of a line; and no unit the build keeps whole, nor a date or an amount with its unit in a table,
    heading, chart or citation, is broken across lines (unless wider than its line). See lines.js."""
    failures, characters, units = [], 0, 0
    for visit in http_visits.values():
        for width, found in visit.lines.items():
            characters, units = characters + found["characters"], units + found["unitsSeen"]
            failures += [f"{visit.page.path} ({width}): line starts with {s}" for s in found["starts"][:5]]
            failures += [f"{visit.page.path} ({width}): unit broken: {s}" for s in found["units"][:5]]
    record(
        "test_japanese_lines_start_as_the_rules_allow_and_units_stay_whole",
        failures,
        characters=characters,
        units=units,
    )
    assert characters > 10_000 and units > 1_000  # the checks looked at something
    _fail_with(failures, "lines that break where they should not")


def test_no_request_leaves_the_site_and_nothing_fails(http_visits, served):
    """Closed network: every request goes to the site's own sub-path; no failed request, no console error."""
    failures, requests, seen_known = [], 0, set()
    known = {served.http + path: path for path in KNOWN_FAILED_REQUESTS}
    for visit in http_visits.values():
        for url in visit.traffic["requests"]:
            requests += 1
            if not (url.startswith(served.http) or url.startswith("data:") or url.startswith("blob:")):
                failures.append(f"{visit.page.path}: request outside the site: {url}")
        for problem in visit.traffic["failed"] + visit.traffic["errors"]:
            url = next((u for u in known if u + " " in problem or problem.endswith(f"({u})")), None)
            if url:
                seen_known.add(known[url])
            else:
                failures.append(f"{visit.page.path}: {problem}")
        expected = 404 if visit.page.kind == "not-found" else 200
        if visit.status != expected:
            failures.append(f"{visit.page.path}: HTTP {visit.status}, expected {expected}")
    assert requests > len(http_visits), "the request log is empty: the check saw nothing"
    failures += [
        f"known failed request no longer fails, remove it from KNOWN_FAILED_REQUESTS: {path}"
        for path in KNOWN_FAILED_REQUESTS
        if path not in seen_known
    ]
    record(
        "test_no_request_leaves_the_site_and_nothing_fails",
        failures,
        requests=requests,
        known=list(KNOWN_FAILED_REQUESTS.values()),
    )
    _fail_with(failures, "requests outside the site, failed requests or console errors")


def test_opened_from_file_no_request_leaves_the_computer(file_visits):
    failures = []
    for rel, visit in file_visits.items():
        for url in visit["traffic"]["requests"]:
            if urlsplit(url).scheme not in ("file", "data", "blob"):
                failures.append(f"{rel}: request from file:// to {url}")
    assert sum(len(v["traffic"]["requests"]) for v in file_visits.values()) > len(file_visits)
    record("test_opened_from_file_no_request_leaves_the_computer", failures)
    _fail_with(failures, "requests leaving the computer")


def _target_file(root: Path, rel_path: str) -> Path:
    """The file a server (or file://) shows for a path inside the site; '' is the root chooser."""
    target = root / unquote(rel_path)
    return target / "index.html" if rel_path.endswith("/") or rel_path == "" or target.is_dir() else target


def _check_links(visit_links, page_url, page_ids, base, root, ids_by_rel, failures, external):
    page_path = page_url.removeprefix(base)
    for href in visit_links:
        parts = urlsplit(href)
        if href.split("#", 1)[0] == page_url.split("#", 1)[0]:  # an anchor on the page itself
            if parts.fragment and unquote(parts.fragment) not in page_ids:
                failures.append(f"{page_path}: broken anchor {href}: no id {unquote(parts.fragment)!r} on the page")
            continue
        if parts.scheme in ("mailto", "tel", "javascript", "data"):
            continue
        if not href.startswith(base):
            if parts.scheme in ("http", "https") and base.startswith("http") and parts.netloc == urlsplit(base).netloc:
                failures.append(f"{page_path}: link leaves the site's sub-path: {href}")
            elif parts.scheme in ("http", "https"):
                external.add(href)
            else:
                failures.append(f"{page_path}: link outside the site: {href}")
            continue
        rel_path = href[len(base) :].split("#", 1)[0].split("?", 1)[0]
        target = _target_file(root, rel_path)
        if not target.is_file():
            failures.append(f"{page_path}: broken link {href} (no {target.relative_to(root)})")
            continue
        if parts.fragment:
            rel = target.relative_to(root).as_posix()
            ids = ids_by_rel.get(rel)
            if ids is None:
                failures.append(f"{page_path}: anchor {href} on a file that is not a page")
            elif unquote(parts.fragment) not in ids:
                failures.append(f"{page_path}: broken anchor {href}: no id {unquote(parts.fragment)!r} on {rel}")


def test_every_internal_link_and_anchor_resolves_over_http(http_visits, served):
    ids_by_rel = {rel: set(v.info["ids"]) for rel, v in http_visits.items()}
    failures, external, links = [], set(), 0
    for visit in http_visits.values():
        hrefs = visit.info["links"] + visit.info["alternates"]
        links += len(hrefs)
        own_ids = ids_by_rel[visit.page.rel]
        _check_links(hrefs, visit.url, own_ids, served.http, served.root, ids_by_rel, failures, external)
    assert links > 10 * len(http_visits), "too few links found: the check saw nothing"
    # Every page can be reached by following links from the root (only the 404 pages cannot).
    reached, queue = set(), ["index.html"]
    links_by_rel = {rel: v.info["links"] for rel, v in http_visits.items()}
    while queue:
        rel = queue.pop()
        if rel in reached or rel not in links_by_rel:
            continue
        reached.add(rel)
        for href in links_by_rel[rel]:
            if href.startswith(served.http):
                path = href[len(served.http) :].split("#", 1)[0].split("?", 1)[0]
                queue.append(_target_file(served.root, path).relative_to(served.root).as_posix())
    orphans = sorted(p.rel for p in served.pages if p.kind != "not-found" and p.rel not in reached)
    failures += [f"{rel}: no link from the site leads here" for rel in orphans]
    record("test_every_internal_link_and_anchor_resolves_over_http", failures, links=links, external=sorted(external))
    _fail_with(failures, "broken links or anchors")


def test_every_internal_link_and_anchor_resolves_from_file(file_visits, http_visits, served):
    """From file:// there is no server to add index.html: links must name the file itself."""
    ids_by_rel = {rel: set(v.info["ids"]) for rel, v in http_visits.items()}
    failures, external = [], set()
    for rel, visit in file_visits.items():
        own_ids = ids_by_rel[rel]
        _check_links(visit["links"], visit["url"], own_ids, served.file, served.root, ids_by_rel, failures, external)
        for href in visit["links"]:
            if href.startswith(served.file) and urlsplit(href).path.endswith("/"):
                failures.append(f"{rel}: link to a folder, which file:// shows as a listing: {href}")
    record("test_every_internal_link_and_anchor_resolves_from_file", failures)
    _fail_with(failures, "links that break from file://")


def test_switcher_on_every_page_points_at_the_same_page_in_the_other_language(http_visits, file_visits, served):
    """Over http and from file:// (where a script points folder links at index.html)."""
    failures = []
    for page in served.pages:
        if page.kind == "language-chooser":
            targets = {"ja": "ja/", "en": "en/"}
        else:
            targets = {page.other_lang: page.counterpart_path()}
        seen = [("http", http_visits[page.rel].info["switcher"], served.http_url)]
        if page.rel in file_visits:
            seen.append(("file", file_visits[page.rel]["switcher"], served.file_url))
        for mode, switcher, url in seen:
            for lang, target in targets.items():
                link = switcher.get(lang)
                if not link:
                    failures.append(f"{mode} {page.path}: no link to the {lang} site")
                elif link["href"] != url(target):
                    failures.append(f"{mode} {page.path}: {lang} link goes to {link['href']}, expected {url(target)}")
                elif link["lang"] != lang:
                    failures.append(f"{mode} {page.path}: the {lang} link is not marked lang={lang!r}")
    record("test_switcher_on_every_page_points_at_the_same_page_in_the_other_language", failures)
    _fail_with(failures, "switcher links that miss the page")
