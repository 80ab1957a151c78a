"""Data moves one way, and nothing imports back up: the layer order of the library packages and
of the app's features, checked on the import graph read from the source with ``ast`` (every
import counts, also one inside a function: hiding a cycle there does not remove it).

A unit may import the units of its own layer and of the layers below, never one above. The
composition roots (``ROOTS``) put everything together: they may import anything and nothing
but another root imports them. ``docs/architecture.md`` draws the same order.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

LIBRARY_LAYERS = [
    {"ecoplan", "errors", "config", "ooxml", "clock", "secretbox"},
    {"standards"},
    {"reports", "assessment", "demo"},
    {"plan"},
    {"monitoring"},
    {"standards_cli", "water_cli", "reports_cli", "backup", "migrations"},
    {"app"},
]
"""``ecoplan.<unit>``, bottom first (``ecoplan`` is the package's own ``__init__``)."""

APP_LAYERS = [
    {"app", "core", "db", "versions", "serving", "forms", "deps", "params", "bodylimit",
     "migrate", "setup"},
    {"audit"},
    {"units"},
    {"permissions"},
    {"templating"},
    {"auth"},
    {"seals"},
    {"plans"},
    {"obligations"},
    {"ledger"},
    {"progress"},
    {"workbench"},
    {"intake"},
    {"supervision"},
    {"status"},
    {"projects"},
    {"funding"},
    {"subplans"},
    {"letters"},
    {"meetings"},
    {"assessment"},
    {"annualreports"},
    {"documents"},
    {"admin"},
    {"public"},
    {"feedback"},
    {"surveys"},
    {"home", "api", "api_admin", "handlers"},
]
"""``ecoplan.app.<unit>``, bottom first (``app`` is the package's own ``__init__``)."""

KNOWN_UPWARD: set[tuple[str, str]] = set()
"""Imports known to go up a layer, each to be removed (a ``PageSection``, an event, a value moved
down), never to grow; ``test_known_upward_imports_still_exist`` fails once one is gone, to
shrink this list. Empty since issue 12: keep it so."""

ROOTS = {"ecoplan.__main__", "ecoplan.cli", "ecoplan.clidoc", "ecoplan.demo.build",
         "ecoplan.migrations.env", "ecoplan.app.main", "ecoplan.app.features", "ecoplan.app.cli",
         "ecoplan.app.permdoc", "ecoplan.app.models", "ecoplan.app.serving.factory"}
"""Composition roots: entry points and the modules that know every feature."""


def module_names(src: Path) -> dict[str, Path]:
    """Dotted name → file of every module under ``src``."""
    found = {}
    for path in src.rglob("*.py"):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(node, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join(anchor + ([node.module] if node.module else []))
    return [base, *(f"{base}.{a.name}" for a in node.names)]


def import_graph(src: Path) -> dict[str, set[str]]:
    """Module → the modules under ``src`` it imports (a name imported from a module counts as
    that module unless it is a module itself)."""
    modules = module_names(src)
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for imported in _imported(node, package):
                while imported and imported not in modules:
                    imported = imported.rpartition(".")[0]
                if imported and imported != name:
                    targets.add(imported)
        graph[name] = targets
    return graph


def unit_graph(graph: dict[str, set[str]], prefix: str) -> dict[str, set[str]]:
    """The graph between the units directly under ``prefix`` (``ecoplan`` or ``ecoplan.app``),
    roots left out."""
    def unit(module: str) -> str | None:
        if module in ROOTS or not (module == prefix or module.startswith(prefix + ".")):
            return None
        rest = module[len(prefix) + 1:]
        return rest.split(".")[0] if rest else prefix.rpartition(".")[2]

    units: dict[str, set[str]] = {}
    for module, targets in graph.items():
        source = unit(module)
        if source is None:
            continue
        units.setdefault(source, set()).update(
            t for t in map(unit, targets) if t is not None and t != source)
    return units


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def upward_imports(graph: dict[str, set[str]], layers: list[set[str]]) -> list[str]:
    """Each import of a unit from a higher layer, and each unit missing from the layers."""
    layer_of = {unit: n for n, members in enumerate(layers) for unit in members}
    wrong = [f"{u} has no layer" for u in sorted(graph) if u not in layer_of]
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            if target not in layer_of:
                wrong.append(f"{target} has no layer")
            elif source in layer_of and layer_of[target] > layer_of[source]:
                wrong.append(f"{source} imports {target}, a higher layer")
    return wrong


def roots_imported(graph: dict[str, set[str]]) -> list[str]:
    return [f"{m} imports the root {t}" for m, targets in sorted(graph.items()) if m not in ROOTS
            for t in sorted(targets & ROOTS)]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(SRC)


def test_library_packages_import_only_layers_below(graph):
    units = unit_graph(graph, "ecoplan")
    assert upward_imports(units, LIBRARY_LAYERS) == []
    assert cycles(units) == []


def _without_known(units: dict[str, set[str]]) -> dict[str, set[str]]:
    return {u: {t for t in targets if (u, t) not in KNOWN_UPWARD} for u, targets in units.items()}


def test_app_features_import_only_layers_below(graph):
    units = _without_known(unit_graph(graph, "ecoplan.app"))
    assert upward_imports(units, APP_LAYERS) == []
    assert cycles(units) == []


def test_known_upward_imports_still_exist(graph):
    units = unit_graph(graph, "ecoplan.app")
    assert {(u, t) for u, t in KNOWN_UPWARD if t in units.get(u, ())} == KNOWN_UPWARD


def test_only_roots_import_roots(graph):
    assert set(ROOTS) <= set(graph)
    assert roots_imported(graph) == []


def test_features_are_listed_in_layer_order():
    from ecoplan.app.features import FEATURES

    layer_of = {unit: n for n, members in enumerate(APP_LAYERS) for unit in members}
    named = [layer_of[f.name] for f in FEATURES if f.name in layer_of]
    assert len(named) == len(FEATURES) - 1  # all but "site" (home, api, api_admin: the top)
    assert named == sorted(named)


def test_library_never_imports_the_app(graph):
    for module, targets in graph.items():
        if module.startswith("ecoplan.app") or module in ROOTS:
            continue
        assert not {t for t in targets if t.startswith("ecoplan.app")}, module


def test_standards_imports_nothing_of_ours(graph):
    for module, targets in graph.items():
        if module == "ecoplan.standards" or module.startswith("ecoplan.standards."):
            ours = {t for t in targets if t.partition(".")[2].partition(".")[0] != "standards"}
            assert not ours, f"{module} imports {ours}"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_checker_finds_a_cycle_and_an_upward_import(tmp_path):
    """A synthetic tree: low → high inside a function, high → low at the top (a cycle)."""
    src = _write(tmp_path, {
        "ecoplan/__init__.py": "",
        "ecoplan/app/__init__.py": "",
        "ecoplan/app/low/__init__.py": "",
        "ecoplan/app/low/service.py": "def f():\n    from ecoplan.app.high import views\n",
        "ecoplan/app/high/__init__.py": "",
        "ecoplan/app/high/views.py": "from ..low import service\n",
        "ecoplan/app/fine.py": "import ecoplan.app.low.service\n",
    })
    units = unit_graph(import_graph(src), "ecoplan.app")
    assert units["low"] == {"high"} and units["high"] == {"low"} and units["fine"] == {"low"}
    assert cycles(units) == [["high", "low"]]
    layers = [{"app"}, {"low"}, {"fine", "high"}]
    assert upward_imports(units, layers) == ["low imports high, a higher layer"]
    assert upward_imports(units, [{"app", "low"}, {"high"}]) == [
        "fine has no layer", "low imports high, a higher layer"]
    acyclic = {k: v - {"high"} for k, v in units.items()}
    assert cycles(acyclic) == [] and upward_imports(acyclic, layers) == []
