"""Schemathesis against the published OpenAPI: no 500s, responses conform to the schema.

Runs on SQLite as an admin (reaches every route) and as a store counter (meets the
403s and 404s); bounded to 30 examples per operation to keep the suite short.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance
from server_testkit import Server

from warehouse_api.app import create_app
from warehouse_api.db import Database
from warehouse_api.embedded import start_embedded

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def contract_server(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    import shutil

    path = tmp_path_factory.mktemp("contract") / "warehouse.db"
    shutil.copyfile(sqlite_template, path)
    db_url = f"sqlite:///{path}"
    embedded = start_embedded(db_url)
    db = Database.from_url(db_url)
    try:
        yield Server(embedded.url, db_url, db, embedded)
    finally:
        embedded.stop()
        db.dispose()


@pytest.fixture(scope="module")
def tokens(contract_server: Server) -> dict[str, str]:
    """An admin reaches every route; a store counter meets the 403s and 404s."""
    return {
        "admin": contract_server.token("admin"),
        "counter": contract_server.token("counter", "S001"),
    }


def _operations() -> list[tuple[str, str]]:
    spec = create_app("sqlite://", run_background=False).openapi()
    return [
        (method.upper(), path)
        for path, methods in spec["paths"].items()
        for method in methods
        if method in {"get", "post", "put", "patch", "delete"}
    ]


@pytest.fixture(scope="module")
def api_schema(contract_server: Server) -> Any:
    return schemathesis.openapi.from_url(f"{contract_server.url}/api/v1/openapi.json")


@pytest.mark.parametrize("role", ["admin", "counter"])
@pytest.mark.parametrize(("method", "path"), _operations(), ids=lambda value: str(value))
def test_every_route_honours_the_contract(
    method: str, path: str, role: str, api_schema: Any, tokens: dict[str, str]
) -> None:
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {tokens[role]}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def conforms(case: Any) -> None:
        # Schema-valid bodies may still break a business rule (an unknown product, a
        # location that is not a store): those are 4xx by design, so that check is off.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    conforms()


# ----- every answer the server can give is documented on its route -----

UNPARSEABLE_JSON = b'{"code": "\xff"}'  # not UTF-8: FastAPI answers 400 bad_request
PROBE_PARAM = "1"


def _spec_operations() -> list[tuple[str, str, dict[str, Any]]]:
    spec = create_app("sqlite://", run_background=False).openapi()
    return [
        (method.upper(), path, operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def _documented(operation: dict[str, Any]) -> set[int]:
    return {int(status) for status in operation["responses"] if status.isdigit()}


def _concrete(path: str, value: str = PROBE_PARAM) -> str:
    import re

    return re.sub(r"\{[^}]+\}", value, path)


@pytest.mark.parametrize(
    ("method", "path", "operation"), _spec_operations(), ids=lambda value: str(value)[:60]
)
def test_every_status_a_route_answers_is_documented(
    method: str,
    path: str,
    operation: dict[str, Any],
    contract_server: Server,
    tokens: dict[str, str],
) -> None:
    """Probe each route the ways a stranger's client would and compare with its spec:
    no token, a token of the wrong role, an empty body, an unparseable body, an
    oversized body, a bad path parameter. Every answer must be a documented status,
    and every route documents the 500 any bug would give."""
    import httpx

    documented = _documented(operation)
    missing: list[str] = []
    has_body = "requestBody" in operation
    required = {500} if path.endswith("/health") else {500, 503}
    if has_body:
        required |= {400, 413, 422}
    if operation.get("parameters"):
        required.add(422)
    if operation.get("security"):
        required.add(401)
    if required - documented:
        missing.append(f"{method} {path} does not document {sorted(required - documented)}")

    json_headers = {"Content-Type": "application/json"}
    probes: list[tuple[str, dict[str, str], bytes | None]] = [
        (_concrete(path), {}, None),
        (_concrete(path), {"Authorization": f"Bearer {tokens['counter']}"}, b"{}"),
        (_concrete(path), {"Authorization": f"Bearer {tokens['admin']}"}, b"{}"),
        (_concrete(path, "0"), {"Authorization": f"Bearer {tokens['admin']}"}, b"{}"),
    ]
    if has_body:
        admin = {"Authorization": f"Bearer {tokens['admin']}"}
        probes += [
            (_concrete(path), admin, UNPARSEABLE_JSON),
            (_concrete(path), admin, b"[" * 10),
            (_concrete(path), admin, b" " * (2 * 1024 * 1024)),
        ]
    with httpx.Client(base_url=contract_server.url, timeout=30) as client:
        for url, headers, body in probes:
            response = client.request(
                method, url, content=body, headers={**headers, **json_headers} if body else headers
            )
            if response.status_code not in documented:
                missing.append(
                    f"{method} {url} answered {response.status_code} "
                    f"(documented: {sorted(documented)}): {response.text[:120]}"
                )
            if response.status_code >= 400:
                assert response.headers["content-type"].startswith("application/problem+json")
    assert not missing, "\n".join(missing)
