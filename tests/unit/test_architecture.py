"""The shape of the code: data flows one way, checks need no rendering, interface strings are complete."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml
from briefing.build import language
from briefing.cli import PROJECT
from briefing.render import environment as render

PACKAGE = PROJECT / "hooks" / "briefing"
LAYERS = {"generator": PACKAGE / "templates", "briefing": PROJECT / "templates"}


# The stages in the order the data flows through them (briefing/__init__.py): a module may import from
# its own stage and the stages before it, never from a later one. messages and problems (what the
# generator says) come first; cli.py, which runs every stage, last.
STAGES = ["messages", "problems", "text", "project", "model", "load", "plan", "check", "render", "publish", "build"]
STAGES += ["preview", "cli"]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Module (dotted, within the package) → the package's modules it imports, at any depth of the code
    (a local import is still a dependency)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py") if path.stem != "__main__"}
    graph = {}
    for module, path in modules.items():
        package = module.split(".") if path.stem == "__init__" else module.split(".")[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                continue
            base = package[: len(package) - (node.level - 1)]
            origin = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:  # `from . import formats` imports a module; `from .x import y`, x
                named = f"{origin}.{alias.name}".lstrip(".")
                found.add(named if named in modules else origin)
        graph[module] = found - {module}
    return graph


def _stage(module: str) -> int:
    return STAGES.index(module.split(".")[0]) if module else -1


def test_the_package_has_no_import_cycles_and_no_stage_imports_a_later_one():
    graph = _imports()
    assert len(graph) > 40, "the package's modules were not found"
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
    backwards = [
        f"{module} imports {imported}"
        for module, imported_modules in graph.items()
        for imported in imported_modules
        if imported and _stage(imported) > _stage(module)
    ]
    assert not backwards, "a stage imports a later one:\n" + "\n".join(sorted(backwards))


def test_every_module_is_in_a_stage_folder():
    stray = [name for name in _imports() if "." not in name and name and name not in STAGES]
    assert not stray, f"modules outside the stages: {stray}"


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
    python = [path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")]
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
    for path in PACKAGE.rglob("*.py"):
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
