"""Each counter gets a short till number per store at enrollment: the part of every
receipt, return, dropship and pickup-slip number that keeps two tills from colliding."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import httpx
import pytest
from server_testkit import Server, assert_problem

from warehouse_api.embedded import issue_enrollment_code

TILLS_AT_ONCE = 6


def _enroll(server: Server, code: str, name: str) -> dict[str, object]:
    with server.client() as client:
        response = client.post("/devices/enroll", json={"code": code, "device_name": name})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_enrollment_numbers_the_tills_of_each_store_from_one(server: Server) -> None:
    first = _enroll(server, issue_enrollment_code(server.db_url, "S001"), "till-a")
    second = _enroll(server, issue_enrollment_code(server.db_url, "S001"), "till-b")
    other_store = _enroll(server, issue_enrollment_code(server.db_url, "S002"), "till-c")
    assert (first["till_no"], second["till_no"], other_store["till_no"]) == (1, 2, 1)
    with server.client(str(second["token"])) as client:
        me = client.get("/devices/me")
    assert me.status_code == 200, me.text
    assert me.json()["till_no"] == 2 and me.json()["id"] == second["device_id"]
    assert me.json()["location"]["code"] == "S001"


def test_a_revoked_tills_number_is_not_reused(server: Server) -> None:
    first = _enroll(server, issue_enrollment_code(server.db_url, "S001"), "till-a")
    admin = server.token("admin")
    with server.client(admin) as client:
        assert client.post(f"/admin/devices/{first['device_id']}/revoke").status_code == 200
    second = _enroll(server, issue_enrollment_code(server.db_url, "S001"), "till-b")
    assert second["till_no"] == 2


def test_me_needs_a_token(server: Server) -> None:
    with server.client() as client:
        assert_problem(client.get("/devices/me"), 401, "unauthorized")
    with server.client(server.token("operator")) as client:
        body = client.get("/devices/me").json()
    assert body["till_no"] is None and body["role"] == "operator"


def test_tills_enrolling_at_once_get_distinct_numbers(server: Server) -> None:
    """Check-then-insert would hand two tills the same number on PostgreSQL; the
    UNIQUE (location_id, till_no) index and the retry make each number go once."""
    codes = [issue_enrollment_code(server.db_url, "S001") for _ in range(TILLS_AT_ONCE)]
    barrier = Barrier(TILLS_AT_ONCE)

    def enroll(code: str) -> int:
        with httpx.Client(base_url=f"{server.url}/api/v1", timeout=30) as client:
            barrier.wait()
            response = client.post(
                "/devices/enroll", json={"code": code, "device_name": uuid.uuid4().hex[:8]}
            )
        assert response.status_code == 200, response.text
        return int(response.json()["till_no"])

    for _round in range(3):
        with ThreadPoolExecutor(TILLS_AT_ONCE) as pool:
            numbers = list(pool.map(enroll, codes))
        assert len(set(numbers)) == TILLS_AT_ONCE, numbers
        codes = [issue_enrollment_code(server.db_url, "S001") for _ in range(TILLS_AT_ONCE)]
        barrier.reset()


@pytest.mark.postgres
def test_migration_0002_numbers_the_counters_already_enrolled(pg_schema_url: str) -> None:
    """Tills enrolled before till numbers get 1, 2, ... per store, in enrollment order."""
    import psycopg
    from alembic import command

    from warehouse_api.db import Database
    from warehouse_api.schema import alembic_config

    base = pg_schema_url.split("?")[0].replace("postgresql+psycopg://", "postgresql://")
    schema = f"wh_mig_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(base, autocommit=True)
    admin.execute(f"CREATE SCHEMA {schema}")
    db = Database.from_url(f"{pg_schema_url.split('?')[0]}?options=-csearch_path%3D{schema}")
    try:
        with db.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
            connection.exec_driver_sql(
                "INSERT INTO locations (id, code, name, kind) VALUES "
                "(1, 'S001', 'a', 'store'), (2, 'S002', 'b', 'store')"
            )
            rows = [(10, 1, "counter"), (11, None, "admin"), (12, 2, "counter"), (13, 1, "counter")]
            for device_id, location_id, role in rows:
                connection.exec_driver_sql(
                    "INSERT INTO devices (id, name, token_sha256, role, location_id, created_at) "
                    "VALUES (%s, 'd', %s, %s, %s, now())",
                    (device_id, f"{device_id:064d}", role, location_id),
                )
            command.upgrade(alembic_config(connection), "head")
            numbered = connection.exec_driver_sql(
                "SELECT id, till_no FROM devices ORDER BY id"
            ).all()
        assert [tuple(row) for row in numbered] == [(10, 1), (11, None), (12, 1), (13, 2)]
    finally:
        db.dispose()
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()
