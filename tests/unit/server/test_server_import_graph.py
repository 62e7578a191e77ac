"""The warehouse's import graph points one way: no module reaches itself again.

Every import counts, also those inside functions (a lazy import hides a cycle, it does
not remove it). The push operation registry is full once `op_handlers` is imported,
and `push` reaches handlers only through it.
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import warehouse_api

PACKAGE = Path(warehouse_api.__file__).resolve().parent


def _module_names() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "alembic" in parts:
            continue  # migration scripts are loaded by Alembic, not imported
        name = ".".join(parts)
        modules[name.removesuffix(".__init__")] = path
    return modules


def _import_graph() -> dict[str, set[str]]:
    modules = _module_names()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                base = node.module
                if node.level:  # relative: resolve against this module's package
                    package = name.split(".")[: -node.level or None]
                    base = ".".join([*package, node.module])
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    targets.add(submodule if submodule in modules else base)
        graph[name] = {t for t in targets if t in modules and t not in (name, "warehouse_api")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_warehouse_import_graph_has_no_cycle() -> None:
    graph = _import_graph()
    assert len(graph) > 40
    assert "warehouse_api.services.operations" in graph["warehouse_api.services.sales"]
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_push_reaches_handlers_only_through_the_registry() -> None:
    graph = _import_graph()
    features = {
        f"warehouse_api.services.{name}"
        for name in ("sales", "returns", "reservations", "counts", "dropship", "shifts")
    }
    assert graph["warehouse_api.services.push"] & features == set()
    for feature in features:
        assert "warehouse_api.services.push" not in graph[feature], feature


def test_every_push_op_type_has_a_registered_handler() -> None:
    from warehouse_api.schemas import PushOp
    from warehouse_api.services import op_handlers  # noqa: F401  (fills the registry)
    from warehouse_api.services.operations import registered_op_types

    [union, *_] = typing.get_args(PushOp)
    op_types = {
        literal
        for model in typing.get_args(union)
        for literal in typing.get_args(model.model_fields["type"].annotation)
    }
    assert len(op_types) >= 11
    assert op_types == registered_op_types()
