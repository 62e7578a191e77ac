"""Every error code the package can raise is in the published catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import warehouse_api
from warehouse_api.app import create_app
from warehouse_api.error_codes import ERROR_CODES

RAISERS = {"DomainError", "NotFound", "ProblemError"}


def _raised_codes() -> set[str]:
    codes: set[str] = set()
    for path in Path(warehouse_api.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in RAISERS:
                continue
            args = [
                a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if node.func.id == "ProblemError":
                args = args[:1]  # ProblemError(status, code, detail)
            if args:
                codes.add(args[0].value)
    return codes


def test_every_raised_code_is_catalogued() -> None:
    raised = _raised_codes()
    assert len(raised) > 20
    assert raised - set(ERROR_CODES) == set()


def test_the_catalogue_is_in_the_openapi_document() -> None:
    spec = create_app("sqlite://", run_background=False).openapi()
    description = spec["components"]["schemas"]["Problem"]["description"]
    for code in ERROR_CODES:
        assert f"`{code}`" in description
