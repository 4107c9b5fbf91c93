"""The shape of the code: data flows one way, checks need no rendering, interface strings are complete."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import yaml
from briefing import language, render
from briefing.cli import PROJECT

PACKAGE = PROJECT / "hooks" / "briefing"
LAYERS = {"generator": PACKAGE / "templates", "briefing": PROJECT / "templates"}


def _imports() -> dict[str, set[str]]:
    """Module → the package's modules it imports (at any depth: a local import is still a dependency)."""
    graph = {}
    for path in PACKAGE.glob("*.py"):
        module = path.stem
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module} if node.module else {alias.name for alias in node.names}
        graph[module] = found
    return graph


def test_the_package_has_no_import_cycles():
    graph = _imports()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, "import cycle: " + " → ".join((*path, module))
        if module in done:
            return
        for imported in graph.get(module, ()):
            visit(imported, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())
    # The order the data flows in: nothing earlier imports anything later.
    order = [
        "models",
        "declaration",
        "sources",
        "content",
        "loader",
        "checks",
        "plan",
        "addresses",
        "validation",
        "reads",
        "render",
        "pages",
        "language",
        "driver",
        "builder",
    ]
    for earlier, later in itertools.pairwise(order):
        assert earlier not in _reachable(graph, earlier) - {earlier}
        assert later not in _reachable(graph, earlier), f"{earlier} depends on {later}"


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for imported in graph.get(todo.pop(), ()):
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


def test_make_check_renders_no_page(monkeypatch):
    from briefing import cli

    def refuse(*_args, **_kwargs):
        raise AssertionError("a page was rendered while checking")

    monkeypatch.setattr(render.Renderer, "render", refuse)
    monkeypatch.setattr(render.Renderer, "__init__", refuse)
    assert cli.main(["--project", str(PROJECT), "check"]) == 0


def _strings(layer: Path, lang: str) -> dict[str, str]:
    return yaml.safe_load((layer / render.STRINGS / f"{lang}.yml").read_text(encoding="utf-8"))


def _used(texts: list[str]) -> tuple[set[str], set[str]]:
    """Keys used by ui('key', …), and prefixes of keys built from data (ui('status_' ~ …))."""
    keys, prefixes = set(), set()
    for text in texts:
        keys |= set(re.findall(r"""ui(?:_by_lang\[\w+\])?\(\s*['"]([A-Za-z0-9_\-]+)['"]\s*[,)]""", text))
        prefixes |= set(re.findall(r"""ui\(\s*['"]([A-Za-z0-9_\-]+)['"]\s*~""", text))
        prefixes |= set(re.findall(r"""ui\(f['"]([A-Za-z0-9_\-]+)\{""", text))
        prefixes |= set(re.findall(r"""strings\[f['"]([A-Za-z0-9_\-]+)\{""", text))
        keys |= set(re.findall(r"""strings\[['"]([A-Za-z0-9_\-]+)['"]\]""", text))
        keys |= set(re.findall(r"""\bui\.([A-Za-z0-9_]+)""", text))  # the PDF's Typst template (pdf.typ)
    return keys, prefixes


def test_every_interface_string_is_used_and_exists_in_both_languages():
    theme = {*language.THEME_STRINGS, *(f"cite_{part}" for part in language.CITATION_PARTS)}
    python = [path.read_text(encoding="utf-8") for path in PACKAGE.glob("*.py")]
    defined = {}
    for name, layer in LAYERS.items():
        ja, en = _strings(layer, "ja"), _strings(layer, "en")
        assert ja.keys() == en.keys(), f"{name}: keys only in one language: {sorted(ja.keys() ^ en.keys())}"
        assert all(isinstance(value, str) for value in [*ja.values(), *en.values()])
        defined[name] = set(ja)
    assert not defined["generator"] & defined["briefing"], "a string is defined in both places"
    used = {}
    for name, layer in LAYERS.items():
        texts = [path.read_text(encoding="utf-8") for path in [*layer.rglob("*.j2"), *layer.rglob("*.typ")]]
        used[name] = _used(texts + (python if name == "generator" else []))
    for name in LAYERS:
        keys, prefixes = used[name]
        extra = theme if name == "generator" else set()
        unused = {
            key for key in defined[name] if key not in keys | extra and not any(key.startswith(p) for p in prefixes)
        }
        assert not unused, f"{name}: strings no template or code uses: {sorted(unused)}"
    everything = defined["generator"] | defined["briefing"]
    for name in LAYERS:
        missing = used[name][0] - everything
        assert not missing, f"{name}: strings used but not defined: {sorted(missing)}"
        # a briefing's templates may use the generator's strings; the generator may not use a briefing's
        if name == "generator":
            assert not (used[name][0] & defined["briefing"]), "the generator uses a string of this briefing"


def test_no_interface_text_in_python():
    """Japanese in the package's Python is only in docstrings, comments and model descriptions."""
    for path in PACKAGE.glob("*.py"):
        # models.py and declaration.py: the descriptions of each key, in both languages, for the editor's guide;
        # formats.py: how numbers, years and dates are written in each language (locale rules, like Babel's);
        # phrases.py: where Japanese may break (the characters its rules are about).
        if path.name in ("models.py", "declaration.py", "formats.py", "phrases.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", node.value), f"{path.name}: {node.value!r}"
