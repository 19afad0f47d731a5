"""The package's layers, read from its source: the core and the CLI never import the app or streamlit
(the CLI starts the app's server by path), and the app's modules import each other without cycles.
Every import counts, also one inside a function, since it runs all the same."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import esg_workbench

PACKAGE_DIR = Path(esg_workbench.__file__).resolve().parent
APP = "esg_workbench.app"


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # a module of the package or a third-party top-level name
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def _is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _imports(name: str, path: Path, known: set[str]) -> list[Import]:
    """What ``name`` imports: the package's modules by full name (``from .x import y`` counts for ``x``
    and, when ``y`` is a module, for ``x.y``), other libraries by their top-level name, and the package's
    module paths written as strings (a lazy ``import_module("esg_workbench.store")``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known:
            targets = [node.value]
        for target in targets:
            if _is_under(target, "esg_workbench"):
                if target in known:
                    found.append(Import(name, target, node.lineno))
            elif target and not _is_under(target, "__future__"):
                found.append(Import(name, target.split(".")[0], node.lineno))
    return found


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    modules = _modules()
    return [imp for name, path in modules.items() for imp in _imports(name, path, set(modules))]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_the_imports_it_checks(imports: list[Import]) -> None:
    """Guards the checks below against a walk that finds nothing (they would pass vacuously)."""
    pairs = {(imp.source, imp.target) for imp in imports}
    assert ("esg_workbench.app.state", "esg_workbench.app.i18n") in pairs  # ``from . import auth, i18n``
    assert ("esg_workbench.app.state", "streamlit") in pairs
    assert ("esg_workbench.cli", "esg_workbench.cli.app") in pairs  # the CLI's ``app`` command, not the app
    assert ("esg_workbench", "esg_workbench.frameworks") in pairs  # a lazy import by its module path string
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_and_the_cli_never_import_the_app_or_streamlit(imports: list[Import]) -> None:
    wrong = [
        f"{imp.source} (line {imp.line}) imports {imp.target}"
        for imp in imports
        if not _is_under(imp.source, APP) and (_is_under(imp.target, APP) or imp.target == "streamlit")
    ]
    assert wrong == []


def test_the_app_modules_import_each_other_without_cycles(imports: list[Import]) -> None:
    edges: dict[str, set[str]] = {}
    for imp in imports:
        if _is_under(imp.source, APP) and _is_under(imp.target, APP) and imp.source != imp.target:
            edges.setdefault(imp.source, set()).add(imp.target)
    cycles = [{member: sorted(edges[member] & set(component)) for member in component} for component in _cycles(edges)]
    assert cycles == []
