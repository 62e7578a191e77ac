"""A real warehouse server on loopback, over a real SQLite file or a real PostgreSQL.

Tests that take `server` run once per backend. PostgreSQL tests use their own schema
per test session (dropped at the end) and skip when the server cannot be reached,
unless CI_REQUIRE_POSTGRES=1, in which case they fail.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# The suite runs in importlib mode: make the helpers next to this file importable.
sys.path.insert(0, str(Path(__file__).parent))

from server_testkit import Server

from warehouse_api.db import Database
from warehouse_api.demo_data import DemoCatalog, generate_catalog, load_catalog
from warehouse_api.embedded import serve_in_subprocess, start_embedded
from warehouse_api.models import Base
from warehouse_api.schema import prepare_database
from warehouse_api.services.change_feed import ensure_feed_state

TEST_PRODUCTS = 60
PG_BASE_URL = os.environ.get(
    "WAREHOUSE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def demo_catalog() -> DemoCatalog:
    return generate_catalog(TEST_PRODUCTS)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory, demo_catalog: DemoCatalog) -> Path:
    path = tmp_path_factory.mktemp("template") / "warehouse.db"
    db = Database.from_url(f"sqlite:///{path}")
    prepare_database(db)
    load_catalog(db, demo_catalog)
    db.dispose()
    return path


def _pg_unavailable(reason: str) -> None:
    if os.environ.get("CI_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (CI_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"PostgreSQL not reachable at {PG_BASE_URL}: {reason}")


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    """A fresh schema for this test session, migrated with Alembic; dropped at the end."""
    import psycopg

    plain = PG_BASE_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        admin = psycopg.connect(plain, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        _pg_unavailable(str(error).strip().splitlines()[0])
    schema = f"wh_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    url = f"{PG_BASE_URL}?options=-csearch_path%3D{schema}"
    db = Database.from_url(url)
    prepare_database(db)
    db.dispose()
    try:
        yield url
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


def _reset_postgres(url: str, catalog: DemoCatalog) -> None:
    db = Database.from_url(url, pool_size=1, max_overflow=0)
    try:
        tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        with db.write() as session:
            ensure_feed_state(session)
        load_catalog(db, catalog)
    finally:
        db.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, demo_catalog: DemoCatalog) -> str:
    """A freshly seeded demo database on the parametrized backend."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "warehouse.db"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("pg_schema_url")
    _reset_postgres(url, demo_catalog)
    return url


@pytest.fixture
def postgres_url(pg_schema_url: str, demo_catalog: DemoCatalog) -> str:
    """A freshly seeded demo database on PostgreSQL only (for PostgreSQL-specific tests)."""
    _reset_postgres(pg_schema_url, demo_catalog)
    return pg_schema_url


@pytest.fixture
def server(db_url: str) -> Iterator[Server]:
    embedded = start_embedded(db_url)
    db = Database.from_url(db_url, **({} if db_url.startswith("sqlite") else {"pool_size": 2}))
    try:
        yield Server(embedded.url, db_url, db, embedded)
    finally:
        embedded.stop()
        db.dispose()


@pytest.fixture
def contended(server: Server, db_url: str) -> Iterator[Server]:
    """`warehouse-api serve --workers 2` as a subprocess, on both backends: on SQLite the
    two workers' writers meet on SQLite's own lock (docs/server.md, "Production
    settings (SQLite)"), not only on the in-process one."""
    with serve_in_subprocess(db_url, workers=2, timeout_s=30) as url:
        yield Server(url, db_url, server.db, server.embedded)
