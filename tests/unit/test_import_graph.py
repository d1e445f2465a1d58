"""Tests that no two modules of myrole import each other, directly or round a loop, lazily or not.

The graph is read from the source (the AST), not from running it, so it holds every import:
at the top of a module, inside a function (a lazy import is still a dependency, and a loop of
them is a knot to untie before any of its modules can change alone), and under
`if TYPE_CHECKING:`. Type-only imports count too: they do not run, but the modules still know
each other, and a type checker follows them the same way; a type that two modules both need
belongs in a third they both import.

An edge is to the module an import names: `import myrole.store.drafts` and
`from myrole.store.drafts import Draft` point at myrole.store.drafts, `from myrole.ui import
safe` at myrole.ui.safe, `from myrole.store import StoreError` at the package myrole.store (its
__init__.py). The parent packages Python runs on the way (myrole, myrole.store) are not edges
of their own: their __init__ files only re-export, and counting them would make every package
a loop with its own submodules. Imports by a computed name (importlib.import_module) are not
seen: ui/dialogs/drafts.open_draft imports the module ui/drafts.FORMS names, so the offer of drafts need not
import every form, and ui/keys.binding_owners imports every screen, dialog and widget module. Both make loops
at run time that this test cannot see; the last tests below keep the list of such modules, and of the
modules outside ui/ that import it, as docs/architecture.md names them.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import myrole

PACKAGE_ROOT = Path(myrole.__file__).parent


def module_files() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name, for __init__.py)."""
    modules = {}
    for path in PACKAGE_ROOT.rglob("*.py"):
        parts = ["myrole", *path.relative_to(PACKAGE_ROOT).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imported_by(name: str, path: Path, modules: set[str]) -> set[str]:
    """The modules of the package that the module `name` (at path) imports anywhere in its source."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            source = absolute(node, name, is_package)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules:
                    found.add(submodule)
                elif source in modules:
                    found.add(source)
    found.discard(name)
    return found


def absolute(node: ast.ImportFrom, name: str, is_package: bool) -> str:
    """The dotted name a `from ... import` reads from, with a relative one (`from .x import y`) resolved."""
    if not node.level:
        return node.module or ""
    here = name.split(".") if is_package else name.split(".")[:-1]
    base = here[:len(here) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def import_graph() -> dict[str, set[str]]:
    """Each module of myrole -> the modules of myrole it imports."""
    files = module_files()
    return {name: imported_by(name, path, set(files)) for name, path in files.items()}


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = lowest[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = lowest[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                elif target in on_stack:
                    lowest[node] = min(lowest[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                lowest[parent] = min(lowest[parent], lowest[node])
            if lowest[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def one_loop(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A path round the component that comes back to where it started, to name in the failure."""
    start = component[0]
    members = set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:  # breadth first: the shortest way from start back to start
        node = queue.pop(0)
        for target in sorted(graph[node] & members):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    return component  # not reached: a strongly connected component always leads back


def test_the_package_has_no_import_cycles():
    graph = import_graph()
    found = loops(graph)
    assert not found, "Import cycles (each module imports the next, lazily or not):\n" + "\n".join(
        "  " + " -> ".join(one_loop(component, graph)) + f"  (all of {', '.join(component)} reach each other)"
        for component in found)


# -- the check itself ------------------------------------------------------------------------


def test_the_graph_sees_top_level_lazy_type_only_and_relative_imports(tmp_path, monkeypatch):
    package = tmp_path / "myrole"
    (package / "inner").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "inner" / "__init__.py").write_text("from myrole.inner.b import B\n")
    (package / "a.py").write_text("import json\nimport myrole.inner.b\n")
    (package / "inner" / "b.py").write_text("def f():\n    from myrole import a\n")
    (package / "inner" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import b\nfrom .. import a\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_ROOT", package)
    assert import_graph() == {
        "myrole": set(),
        "myrole.a": {"myrole.inner.b"},
        "myrole.inner": {"myrole.inner.b"},
        "myrole.inner.b": {"myrole.a"},  # inside a function
        "myrole.inner.c": {"myrole.inner.b", "myrole.a"},  # under TYPE_CHECKING; relative
    }


def test_a_cycle_is_found_and_named_round_the_loop():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e", "d"}}
    assert loops(graph) == [["a", "b", "c"]]
    assert one_loop(["a", "b", "c"], graph) == ["a", "b", "c", "a"]
    assert loops({"x": {"y"}, "y": {"x"}, "z": {"x"}}) == [["x", "y"]]
    assert loops({"x": {"y"}, "y": set()}) == []


# -- what the graph cannot see, and the UI's exceptions (docs/architecture.md names each) -----------------

# Modules that import by a computed name (importlib.import_module), which the graph above cannot see.
# ui/dialogs/drafts imports the module ui/drafts.FORMS names for a draft's form (a one-to-one's screen among
# them, which imports drafts back at run time); ui/keys imports every screen, dialog and widget module to
# read their bindings (most of which import ui/keys for key_for); plain/menu imports the flow chosen, and
# store/window a platform's own module (neither makes a loop).
BY_COMPUTED_NAME = {"myrole.ui.dialogs.drafts", "myrole.ui.keys", "myrole.plain.menu", "myrole.store.window"}
# Outside ui/, only these import the UI (inside a function): the launcher opens the app, and `myrole keys`
# loads it to list and check the bindings.
UI_FROM_OUTSIDE = {"myrole.launch", "myrole.cli.keys"}


def imports_by_computed_name(path: Path) -> bool:
    """Whether the module's source calls import_module (importlib's or imported from it)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call):
            called = node.func
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            if name == "import_module":
                return True
    return False


def test_only_the_known_modules_import_by_a_computed_name():
    found = {name for name, path in module_files().items() if imports_by_computed_name(path)}
    assert found == BY_COMPUTED_NAME, "name a new one, and any loop it makes, in docs/architecture.md"


def test_outside_ui_only_the_launcher_and_myrole_keys_import_the_ui():
    graph = import_graph()
    found = {name for name, targets in graph.items()
             if not name.startswith("myrole.ui") and any(t == "myrole.ui" or t.startswith("myrole.ui.") for t in targets)}
    assert found == UI_FROM_OUTSIDE, "name a new one in docs/architecture.md"
