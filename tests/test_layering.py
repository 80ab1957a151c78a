"""Data moves one way: the library never imports the web app; standards imports nothing of ours."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "ecoplan"
LIBRARY = ["standards", "plan", "monitoring", "reports", "assessment"]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _package_imports(package: str) -> dict[Path, set[str]]:
    return {p: _imports(p) for p in (SRC / package).rglob("*.py")}


def test_library_never_imports_the_app():
    for package in LIBRARY:
        for path, names in _package_imports(package).items():
            bad = {n for n in names if n == "ecoplan.app" or n.startswith("ecoplan.app.")}
            assert not bad, f"{path} imports {bad}"


def test_standards_imports_nothing_of_ours():
    for path, names in _package_imports("standards").items():
        ours = {n for n in names if n.startswith("ecoplan") and not n.startswith("ecoplan.standards")}
        assert not ours, f"{path} imports {ours}"
