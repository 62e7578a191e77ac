"""A till's heartbeat on SQLite and PostgreSQL: the warehouse keeps the latest per till
(its outbox waiting and failed, the oldest waiting's age, versions, cursor), shows it on
GET /admin/devices, keeps one row however many arrive at once, and refuses a bad body
with a problem saying which field, keeping what it had."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from server_testkit import Server, assert_problem
from sqlalchemy import func, select

from warehouse_api.models import Device, DeviceHeartbeat, utcnow


def _beat(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "outbox_waiting": 3,
        "outbox_failed": 1,
        "oldest_waiting_age_s": 1200,
        "app_version": "0.1.0",
        "local_schema": 9,
        "pull_cursor": 5,
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


def _device_id(server: Server, token: str) -> int:
    with server.client(token) as client:
        return int(client.get("/devices/me").json()["id"])


def test_the_latest_heartbeat_is_kept_and_shown_to_the_admin(server: Server) -> None:
    till = server.enroll("S001")
    quiet_till = server.enroll("S001")
    with server.client(till) as client:
        first = client.post("/devices/heartbeat", json=_beat())
        assert first.status_code == 200, first.text
        kept = first.json()
        assert (kept["outbox_waiting"], kept["outbox_failed"]) == (3, 1)
        assert 1200 <= kept["oldest_waiting_age_s"] < 1260
        assert kept["attention"] is True  # a failed op, and 20 minutes > 15
        assert kept["sync_lag"] > 0  # the demo feed holds far more than 5 changes
        later = client.post(
            "/devices/heartbeat",
            json=_beat(outbox_waiting=0, outbox_failed=0, oldest_waiting_age_s=None),
        )
        assert later.json()["attention"] is False
        assert later.json()["oldest_waiting_since"] is None
    with server.client(server.token("admin")) as admin:
        devices = {d["id"]: d for d in admin.get("/admin/devices").json()}
    shown = devices[_device_id(server, till)]["heartbeat"]
    assert (shown["outbox_waiting"], shown["outbox_failed"]) == (0, 0)
    assert (shown["app_version"], shown["local_schema"], shown["pull_cursor"]) == ("0.1.0", 9, 5)
    assert devices[_device_id(server, quiet_till)]["heartbeat"] is None
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(DeviceHeartbeat)) == 1


def test_an_old_waiting_operation_alone_needs_attention(server: Server) -> None:
    till = server.enroll("S001")
    with server.client(till) as client:
        fresh = client.post(
            "/devices/heartbeat", json=_beat(outbox_failed=0, oldest_waiting_age_s=60)
        )
        stale = client.post("/devices/heartbeat", json=_beat(outbox_failed=0))
    assert fresh.json()["attention"] is False
    assert stale.json()["attention"] is True  # 20 minutes, over the 15-minute threshold


def test_heartbeats_at_once_leave_one_row_with_one_of_them(server: Server) -> None:
    """No read-then-insert race: eight heartbeats of one till at once, on PostgreSQL
    too, all answered 200 and one row kept (one of the eight)."""
    till = server.enroll("S001")

    def send(n: int) -> int:
        with server.client(till) as client:
            body = _beat(outbox_waiting=n + 1, oldest_waiting_age_s=n)
            return client.post("/devices/heartbeat", json=body).status_code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(send, range(8))) == [200] * 8
    with server.db.read() as session:
        [row] = session.scalars(select(DeviceHeartbeat)).all()
        assert 1 <= row.outbox_waiting <= 8


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (_beat(outbox_waiting=-1), "outbox_waiting"),
        (_beat(outbox_failed=-3), "outbox_failed"),
        (_beat(outbox_waiting=10**12), "outbox_waiting"),
        (_beat(outbox_failed=2**31), "outbox_failed"),
        (_beat(oldest_waiting_age_s=-5), "oldest_waiting_age_s"),
        (_beat(oldest_waiting_age_s=10**10), "oldest_waiting_age_s"),
        (_beat(local_schema=-1), "local_schema"),
        (_beat(pull_cursor=2**63), "pull_cursor"),
        (_beat(outbox_waiting="3"), "outbox_waiting"),  # strict: a string is not a count
        (_beat(outbox_failed=1.5), "outbox_failed"),
        (_beat(outbox_failed=True), "outbox_failed"),
        (_beat(app_version="x" * 33), "app_version"),
        (_beat(app_version="1.0\n; rm"), "app_version"),
        (_beat(app_version=...), "app_version"),  # missing
        (_beat(cpu_temperature=71), "cpu_temperature"),  # unknown field
        (_beat(oldest_waiting_age_s=None), "oldest_waiting_age_s"),  # 3 wait: how long?
        (_beat(outbox_waiting=0), "oldest_waiting_age_s"),  # none waits, yet an age
    ],
)
def test_a_bad_heartbeat_is_refused_and_the_last_good_one_kept(
    server: Server, body: dict[str, Any], field: str
) -> None:
    till = server.enroll("S001")
    with server.client(till) as client:
        assert client.post("/devices/heartbeat", json=_beat()).status_code == 200
        problem = assert_problem(
            client.post("/devices/heartbeat", json=body), 422, "validation_error"
        )
    assert field in problem["detail"] or field in str(problem.get("errors")), problem
    with server.db.read() as session:
        [row] = session.scalars(select(DeviceHeartbeat)).all()
        assert (row.outbox_waiting, row.outbox_failed, row.app_version) == (3, 1, "0.1.0")


def test_only_a_till_sends_a_heartbeat(server: Server) -> None:
    with server.client() as anonymous:
        assert_problem(anonymous.post("/devices/heartbeat", json=_beat()), 401, "unauthorized")
    with server.client(server.token("operator")) as operator:
        assert_problem(operator.post("/devices/heartbeat", json=_beat()), 403, "forbidden")
    till = server.enroll("S001")
    till_id = _device_id(server, till)
    with server.client(server.token("admin")) as admin:
        admin.post(f"/admin/devices/{till_id}/revoke").raise_for_status()
    with server.client(till) as revoked:
        assert revoked.post("/devices/heartbeat", json=_beat()).status_code == 401
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(DeviceHeartbeat)) == 0
        assert session.get(Device, till_id) is not None


def test_the_age_is_kept_on_the_warehouse_clock(server: Server) -> None:
    """The till says how old its oldest waiting op is; the warehouse keeps when that was
    on its own clock, so the age grows while the till is silent."""
    till = server.enroll("S001")
    before = utcnow()
    with server.client(till) as client:
        client.post("/devices/heartbeat", json=_beat(oldest_waiting_age_s=3600)).raise_for_status()
    with server.db.read() as session:
        [row] = session.scalars(select(DeviceHeartbeat)).all()
    assert row.oldest_waiting_since is not None
    assert before - timedelta(hours=1, seconds=1) <= row.oldest_waiting_since <= utcnow()
