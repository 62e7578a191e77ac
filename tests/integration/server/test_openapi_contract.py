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
