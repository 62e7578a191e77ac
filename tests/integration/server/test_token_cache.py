"""Device tokens remembered between requests (services/token_cache.py), and how soon a
revocation bites: at once in the process that revoked, within the recheck interval
(`token_recheck_seconds`, 1 s) everywhere else."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from server_testkit import Server, assert_problem
from sqlalchemy import event, update

from warehouse_api.app import create_app
from warehouse_api.config import Settings
from warehouse_api.models import Device, utcnow
from warehouse_api.services.devices import authenticate

RECHECK_S = 1.0
# A recheck is due 1 s after the last one; the request that finds it due reads the
# figures first. The margin is for a loaded machine, not for the rule.
MARGIN_S = 3.0


def _device_id(server: Server, token: str) -> int:
    with server.db.read() as session:
        device = authenticate(session, token)
        assert device is not None
        return device.id


def _refused_after(client: httpx.Client, deadline_s: float) -> float | None:
    """Seconds until the token is refused (401), or None if it still works at the deadline."""
    started = time.monotonic()
    while time.monotonic() - started < deadline_s:
        response = client.get("/sync/pull", params={"limit": 1})
        if response.status_code == 401:
            return time.monotonic() - started
        assert response.status_code == 200, response.text
        time.sleep(0.05)
    return None


def test_a_token_revoked_through_the_admin_route_is_refused_at_once(server: Server) -> None:
    till = server.enroll("S001")
    with server.client(till) as client:
        assert client.get("/sync/pull", params={"limit": 1}).status_code == 200  # remembered
        with server.client(server.token("admin")) as admin:
            revoked = admin.post(f"/admin/devices/{_device_id(server, till)}/revoke")
            assert revoked.status_code == 200
        # The same process revoked it: the very next request is refused.
        assert_problem(client.get("/sync/pull"), 401, "unauthorized")


def test_a_token_revoked_by_another_process_is_refused_within_the_recheck(
    server: Server,
) -> None:
    """Another worker or server, or an UPDATE by hand: this process finds out when it
    next rechecks the devices' figures."""
    till = server.enroll("S001")
    with server.client(till) as client:
        assert client.get("/sync/pull", params={"limit": 1}).status_code == 200
        # Not through revoke_device, which would tell this process (the embedded server
        # runs in it): as another process's revocation looks from here.
        with server.db.write() as session:
            session.execute(
                update(Device)
                .where(Device.id == _device_id(server, till))
                .values(revoked_at=utcnow())
            )
        after = _refused_after(client, RECHECK_S + MARGIN_S)
    assert after is not None, "the revoked token still worked"


@pytest.fixture
def counted(server: Server) -> Iterator[tuple[TestClient, list[str]]]:
    """An app of its own on the server's database, counting the statements that read
    the devices table."""
    app = create_app(server.db_url, settings=Settings(token_recheck_seconds=60))
    reads: list[str] = []

    @event.listens_for(app.state.db.engine, "before_cursor_execute")
    def _count(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "FROM devices" in statement:
            reads.append(statement)

    with TestClient(app) as client:
        yield client, reads
    app.state.db.dispose()


def test_a_known_token_is_looked_up_once_then_remembered(
    server: Server, counted: tuple[TestClient, list[str]]
) -> None:
    client, reads = counted
    till = server.enroll("S002")
    headers = {"Authorization": f"Bearer {till}"}
    for _ in range(5):
        assert client.get("/api/v1/sync/pull?limit=1", headers=headers).status_code == 200
    # the first request: the devices' figures (the first recheck) and the token
    assert len(reads) == 2, reads
    unknown = {"Authorization": "Bearer not-a-token"}
    for _ in range(3):
        assert_problem(client.get("/api/v1/sync/pull", headers=unknown), 401, "unauthorized")
    assert len(reads) == 5  # an unknown token is looked up every time


def test_with_the_recheck_off_every_request_looks_its_token_up(server: Server) -> None:
    app = create_app(server.db_url, settings=Settings(token_recheck_seconds=0))
    reads: list[str] = []

    @event.listens_for(app.state.db.engine, "before_cursor_execute")
    def _count(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "FROM devices" in statement:
            reads.append(statement)

    till = server.enroll("S003")
    try:
        with TestClient(app) as client:
            for _ in range(4):
                response = client.get(
                    "/api/v1/sync/pull?limit=1", headers={"Authorization": f"Bearer {till}"}
                )
                assert response.status_code == 200
    finally:
        app.state.db.dispose()
    assert len(reads) == 4


def test_every_worker_refuses_a_revoked_token_within_the_recheck(contended: Server) -> None:
    """Two workers: the revoke lands on one of them; the till's connections, spread
    over both, are all refused within the recheck."""
    till = contended.enroll("S001")
    clients = [contended.client(till) for _ in range(8)]
    try:
        for client in clients:
            assert client.get("/sync/pull", params={"limit": 1}).status_code == 200
        with contended.client(contended.token("admin")) as admin:
            revoked = admin.post(f"/admin/devices/{_device_id(contended, till)}/revoke")
            assert revoked.status_code == 200
        started = time.monotonic()
        for client in clients:
            left = RECHECK_S + MARGIN_S - (time.monotonic() - started)
            assert _refused_after(client, max(left, 0.1)) is not None
    finally:
        for client in clients:
            client.close()
