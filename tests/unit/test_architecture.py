"""The shape of the code: data flows one way, checks need no rendering, interface strings are complete, and
the engine knows nothing of this briefing's domain (templates/domain/)."""

from __future__ import annotations

import ast
import copy
import importlib
import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import yaml
from briefing.build import theme_values
from briefing.cli import PROJECT
from briefing.load import domain as domain_loader
from briefing.load.domain import load_domain
from briefing.model.domain import Domain
from briefing.project.template_folders import STRINGS
from briefing.render.renderer import Renderer

PACKAGE = PROJECT / "hooks" / "briefing"
LAYERS = {"generator": PACKAGE / "templates", "briefing": PROJECT / "templates"}
DOMAIN = PROJECT / domain_loader.PACKAGE  # this briefing's Python: templates/domain/


# The stages in the order the data flows through them (briefing/__init__.py): a module may import from
# its own stage and the stages before it, never from a later one. messages and problems (what the
# generator says) come first; cli/, which runs every stage, last.
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
    """(It makes each language's renderer, to know the filters and tests the templates may name.)"""
    from briefing import cli
    from jinja2 import Template

    def refuse(*_args, **_kwargs):
        raise AssertionError("a page was rendered while checking")

    monkeypatch.setattr(Renderer, "render", refuse)
    monkeypatch.setattr(Renderer, "page", refuse)
    for running in (
        "render",
        "generate",
        "make_module",
        "_get_default_module",
    ):  # (a template run, whole or its macros)
        monkeypatch.setattr(Template, running, refuse)
    assert cli.main(["--project", str(PROJECT), "check"]) == 0


def test_make_check_compiles_the_page_templates_with_the_syntax_the_build_renders_them_with():
    from briefing.load.loader import load_briefing
    from briefing.project.template_folders import TEMPLATE_SYNTAX

    renderer = Renderer(PROJECT, "ja", load_briefing(PROJECT / "data", load_domain(PROJECT)))
    assert {key: getattr(renderer.env, key) for key in TEMPLATE_SYNTAX} == TEMPLATE_SYNTAX


def test_checking_returns_what_it_found_and_leaves_the_loaded_data_as_it_was(monkeypatch):
    from briefing.check import validate as validation
    from briefing.load.loader import load_briefing

    loaded = load_briefing(PROJECT / "data", load_domain(PROJECT))

    def snapshot() -> dict:
        data = {name: value for name, value in vars(loaded).items() if not name.startswith("_") and name != "domain"}
        return copy.deepcopy(data)  # (the domain is code, not data)

    before = snapshot()
    monkeypatch.setattr(validation, "load_briefing", lambda _data, _domain, **_options: loaded)
    checked = validation.validate(PROJECT)
    assert checked.briefing is loaded and checked.addresses and checked.plan.pages
    assert snapshot() == before, "checking wrote into the loaded briefing"


def _strings(layer: Path, lang: str) -> dict[str, str]:
    return yaml.safe_load((layer / STRINGS / f"{lang}.yml").read_text(encoding="utf-8"))


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
    theme = {*theme_values.THEME_STRINGS, *(f"cite_{part}" for part in theme_values.CITATION_PARTS)}
    python = {
        "generator": [path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")],
        "briefing": [path.read_text(encoding="utf-8") for path in DOMAIN.rglob("*.py")],
    }
    defined = {}
    for name, layer in LAYERS.items():
        ja, en = _strings(layer, "ja"), _strings(layer, "en")
        assert ja.keys() == en.keys(), f"{name}: keys only in one language: {sorted(ja.keys() ^ en.keys())}"
        assert all(isinstance(value, str) for value in [*ja.values(), *en.values()])
        defined[name] = set(ja)
    # A briefing may word one of the engine's strings its own way (load_strings: its strings win): the editor's
    # guide's examples and rules in this briefing's terms; the engine's wording is for any briefing.
    reworded = defined["generator"] & defined["briefing"]
    used = {}
    for name, layer in LAYERS.items():
        texts = [path.read_text(encoding="utf-8") for path in [*layer.rglob("*.j2"), *layer.rglob("*.typ")]]
        used[name] = _used(texts + python[name])
    for name in LAYERS:
        keys, prefixes = used[name]
        # The generator's templates use a briefing's strings too where they name them from data: a section of
        # the editor's guide for each group of the briefing's own messages (guide_rule_<group>).
        prefixes = prefixes | used["generator"][1]
        extra = theme if name == "generator" else used["generator"][0] & reworded
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
            own = defined["briefing"] - reworded
            assert not (used[name][0] & own), "the generator uses a string of this briefing"


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstrings' nodes in a module's tree."""
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def test_no_interface_text_in_python():
    """Japanese in the package's Python is only in docstrings, comments and model descriptions."""
    for path in PACKAGE.rglob("*.py"):
        # the models (model/) and the declaration's models (declaration.py, declared_downloads.py, data_files.py):
        # the descriptions and labels of each key, in both languages, for the editor's guide and the changes page;
        # formats.py: how numbers, years and dates are written in each language (locale rules, like Babel's);
        # phrases.py: where Japanese may break (the characters its rules are about).
        described = ("declaration.py", "declared_downloads.py", "data_files.py", "formats.py", "phrases.py")
        if path.parent.name == "model" or path.name in described:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", node.value), f"{path.name}: {node.value!r}"


# ---------------------------------------------------------------- the engine and the briefing's domain


def _code_names(path: Path) -> tuple[set[str], set[str]]:
    """(identifiers, string constants) of a module's code: its docstrings and comments left out, since they
    may give an example from this deck."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    names, strings = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.update(node.name.split("."))
        elif isinstance(node, ast.keyword) and node.arg:
            names.add(node.arg)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            strings.add(node.value)
    return names, strings


def _domain_names() -> tuple[set[str], set[str]]:
    """What the engine must not name, taken from the domain itself (so that a model or collection added to it
    is covered at once): the classes and functions its modules define, the names it puts into templates, and
    the collections data/collections.yml declares with its models."""
    domain = load_domain(PROJECT)
    package = domain_loader.domain_package(PROJECT)
    modules = [value for value in vars(package).values() if getattr(value, "__name__", "").startswith(package.__name__)]
    defined = {
        name
        for module in modules
        for name, value in vars(module).items()
        if getattr(value, "__module__", None) == module.__name__ and (isinstance(value, type) or callable(value))
    } - set(Domain.__dataclass_fields__)  # (its functions that give what a Domain asks for are named for it)
    models = {model.__name__ for model in (*domain.models, *domain.blocks)}
    renderer = SimpleNamespace(lang="en", data=None, ui=None)  # (the names are made, never called)
    briefing = SimpleNamespace(edition=SimpleNamespace(edition_date=None))
    own = domain.names_for(renderer)
    template_names = {*own.filters, *own.tests, *own.functions, *domain.filters_over_data(briefing, "en")}
    declared = yaml.safe_load((PROJECT / "data" / "collections.yml").read_text(encoding="utf-8"))
    collections = {spec["id"] for spec in declared["collections"] if spec.get("model") in models}
    assert {"Programme", "Kpi", "WorkingGroup", "rounding_slack", "phases_of"} <= defined | models | template_names
    assert {"phases", "kpis", "working_groups", "budget_lines"} <= collections
    return defined | models | template_names, collections


# Collection ids of this briefing that are also words the engine uses in another sense: a data package's and a
# change's ``fields`` (downloads.py, edition_diff.py).
OTHER_SENSES = {"fields"}
# This deck's subject in words, as an identifier or a string of the engine's code would spell it.
DECK_WORDS = re.compile(
    r"budget|\bkpis?\b|programme|\bphases?\b|ministr|minister|committee|working.?groups?|strategic.?fields?"
    r"|technology.?areas?|cross.?cutting|oku.?yen.?chart",
    re.IGNORECASE,
)


def _words(name: str) -> str:
    """CamelCase and snake_case as words: BudgetPhase → budget phase."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|_", " ", name)


def test_the_engine_names_nothing_of_this_briefings_domain():
    """No module of the engine names a model, function or collection of this briefing's domain, nor its
    subject (budget, KPI, working group…), in its code; nor does any of the engine's templates."""
    names, collections = _domain_names()
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        identifiers, strings = _code_names(path)
        where = path.relative_to(PACKAGE)
        found += [f"{where}: {name}" for name in sorted(identifiers & names)]
        found += [f"{where}: {text!r}" for text in sorted(strings) if text in names | (collections - OTHER_SENSES)]
        # (a string with a space is prose: a description for the editor's guide, whose example may be this deck's)
        spelled = identifiers | {text for text in strings if not re.search(r"\s", text)}
        found += [f"{where}: {word}" for word in sorted(spelled) if DECK_WORDS.search(_words(word))]
    for path in sorted([*PACKAGE.rglob("*.j2"), *PACKAGE.rglob("*.typ")]):
        text = re.sub(r"\{##.*?##\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)  # (its comments)
        where = path.relative_to(PACKAGE)
        found += [f"{where}: {name}" for name in sorted(names) if re.search(rf"\b{name}\b", text)]
        # a collection as templates name one: data.<id>, ref('<id>'), '<id>/' (not an attribute: change.fields)
        as_collection = [name for name in collections if re.search(rf"(?<![\w.]){name}\b|data\.{name}\b", text)]
        found += [f"{where}: {name}" for name in sorted(as_collection)]
        found += [f"{where}: {word}" for word in sorted(set(DECK_WORDS.findall(text)))]
    for path in sorted((PACKAGE / "templates" / "messages").glob("*.yml")):  # what it says to every briefing's editors
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(PACKAGE)
        found += [f"{where}: {word}" for word in sorted(set(DECK_WORDS.findall(text)))]
        found += [f"{where}: {name}/" for name in sorted(collections) if re.search(rf"(?<![\w/-]){name}/", text)]
    assert not found, "the engine names this briefing's domain:\n" + "\n".join(found)


def test_the_engine_reaches_the_domain_only_through_its_one_loader():
    """No module of the engine imports the project's templates/ package, by name or by path, but
    load/domain.py, which loads it by its path under a name of the project's own; nothing changes sys.path."""
    loader = PACKAGE / "load" / "domain.py"
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(PACKAGE)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and node.level == 0):
                modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                found += [f"{where}: import {m}" for m in modules if m.split(".")[0] in ("templates", "domain")]
                found += [f"{where}: import {m}" for m in modules if m.startswith("briefing_domain")]
                if path != loader:
                    found += [f"{where}: import {m}" for m in modules if m in ("importlib.util", "runpy")]
            if path != loader and isinstance(node, ast.Attribute) and node.attr in ("util", "import_module"):
                found.append(f"{where}: importlib.{node.attr}")
            if isinstance(node, ast.Attribute) and node.attr == "path" and getattr(node.value, "id", "") == "sys":
                found.append(f"{where}: sys.path")
            if path != loader and isinstance(node, ast.Name) and node.id in ("__import__", "exec", "eval"):
                found.append(f"{where}: {node.id}")
            if path != loader and isinstance(node, ast.Constant) and node.value in ("domain", "templates/domain"):
                found.append(f"{where}: {node.value!r}")
    assert not found, "the engine reaches the domain other than through load/domain.py:\n" + "\n".join(found)


def test_every_import_of_the_generator_in_the_benchmarks_and_tests_names_what_exists():
    """Imports inside functions included: the benchmark's editions step imported a function that had moved,
    and failed after 45 minutes of measuring (CI runs the benchmark at ×1 only)."""
    missing = []
    for path in sorted([*(PROJECT / "benchmarks").glob("*.py"), *(PROJECT / "tests").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "briefing"):
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                if not hasattr(module, alias.name) and not _is_module(f"{node.module}.{alias.name}"):
                    missing.append(f"{path.relative_to(PROJECT)}:{node.lineno}: {node.module}.{alias.name}")
    assert not missing, missing


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its parent is a module, not a package
        return False
