"""Imports point one way: ui -> services -> core. core imports nothing of ours and no
Qt, SQL or HTTP; services import no Qt. (DESIGN section 2.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("core"), ids=lambda p: p.name)
def test_core_is_pure(path: Path) -> None:
    forbidden = ("PySide6", "sqlalchemy", "requests", "escpos", "sqlite3", "counter_app.")
    bad = sorted(
        name
        for name in _imports(path)
        if name.startswith(forbidden) and not name.startswith("counter_app.core")
    )
    assert bad == []


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: p.name)
def test_services_import_no_qt_and_no_ui(path: Path) -> None:
    bad = sorted(name for name in _imports(path) if name.startswith(("PySide6", "counter_app.ui")))
    assert bad == []


@pytest.mark.parametrize("layer", ["local", "sync"])
def test_storage_and_sync_import_no_qt(layer: str) -> None:
    bad = {
        str(p.name): sorted(n for n in _imports(p) if n.startswith(("PySide6", "counter_app.ui")))
        for p in _modules(layer)
    }
    assert {k: v for k, v in bad.items() if v} == {}


ENTRY_POINTS = {"bootstrap.py", "__main__.py", "demo.py"}
"""The composition root and the two starters: the only modules that wire, or start the
demo's embedded warehouse."""


def _counter_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules("ui"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_ui_does_not_import_the_root(path: Path) -> None:
    roots = tuple(f"counter_app.{name.removesuffix('.py')}" for name in ENTRY_POINTS)
    assert sorted(name for name in _imports(path) if name.startswith(roots)) == []


def test_only_the_entry_points_import_the_warehouse() -> None:
    importers = sorted(
        str(path.relative_to(PACKAGE))
        for path in _counter_modules()
        if any(
            name == "warehouse_api" or name.startswith("warehouse_api.") for name in _imports(path)
        )
    )
    assert set(importers) <= ENTRY_POINTS, importers
    assert "demo.py" in importers  # the check sees imports inside functions too


def test_the_layer_check_sees_modules() -> None:
    assert len(_modules("core")) >= 5 and len(_modules("services")) >= 4
    assert any(p.parent.name == "screens" for p in _modules("ui"))


# -- The layer map's arrows and "never"s, direct imports (import-linter in CI also follows
# -- indirect ones: `lint-imports`, contracts in pyproject.toml).

SQL_HTTP = ("sqlalchemy", "sqlite3", "requests", "httpx")


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: p.name)
def test_services_import_no_sql_http_or_storage(path: Path) -> None:
    forbidden = (*SQL_HTTP, "counter_app.local", "counter_app.sync", "counter_app.bootstrap")
    assert sorted(n for n in _imports(path) if n.startswith(forbidden)) == []


@pytest.mark.parametrize("path", _modules("ui"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_ui_imports_no_local_sync_or_root(path: Path) -> None:
    forbidden = (
        *SQL_HTTP,
        "counter_app.local",
        "counter_app.sync",
        "counter_app.bootstrap",
        "counter_app.demo",
    )
    assert sorted(n for n in _imports(path) if n.startswith(forbidden)) == []


def test_counter_and_warehouse_never_import_each_other() -> None:
    counter = {
        str(p.relative_to(PACKAGE)): sorted(n for n in _imports(p) if n.startswith("warehouse_api"))
        for p in PACKAGE.rglob("*.py")
        if str(p.relative_to(PACKAGE)) not in ENTRY_POINTS
    }
    warehouse = {
        str(p.relative_to(PACKAGE.parent)): sorted(
            n for n in _imports(p) if n.startswith("counter_app")
        )
        for p in (PACKAGE.parent / "warehouse_api").rglob("*.py")
    }
    assert {k: v for k, v in {**counter, **warehouse}.items() if v} == {}
