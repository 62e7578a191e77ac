"""A till's outbox on the console's stores page, in a real browser: a real counter (its
local database, the outbox relay and the heartbeat over HTTP on loopback) pushes a sale
the warehouse rejects and queues another; its heartbeat puts "waiting 1 · failed 1" in
red on the till's row, and GET /admin/devices says the same."""

from __future__ import annotations

from pathlib import Path

from console_testkit import MANAGER, Console
from sqlalchemy import select

from counter_app.local import outbox
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp
from counter_app.local.outbox import OpState
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.heartbeat import HeartbeatSender
from counter_app.sync.puller import ChangePuller
from counter_app.sync.relay import OutboxRelay
from warehouse_api.models import Device

UNKNOWN_PRODUCT = 999_999


def _sale(product_id: int, sale_id: str) -> dict[str, object]:
    return {
        "sale_id": sale_id,
        "receipt_no": f"RS001-261201-{sale_id[-6:]}",
        "created_at": "2026-12-01T09:30:00+08:00",
        "total_cents": 2500,
        "lines": [
            {
                "line_id": f"{sale_id}-1",
                "product_id": product_id,
                "qty": 1,
                "unit_price_cents": 2500,
                "line_total_cents": 2500,
            }
        ],
        "payments": [
            {
                "payment_id": f"{sale_id}-p",
                "method": "cash",
                "amount_cents": 2500,
                "tendered_cents": 2500,
                "change_cents": 0,
            }
        ],
    }


def _healthy_till(console: Console, tmp_path: Path) -> int:
    """A second till at the store with nothing waiting: its heartbeat, its device id."""
    token = console.server.enroll("S001")
    local = LocalDatabase(tmp_path / "calm.db")
    client = WarehouseClient(console.server.url, token)
    try:
        assert HeartbeatSender(local, client, "0.1.0").beat() is True
        return int(client.me()["id"])
    finally:
        client.close()
        local.dispose()


def test_a_tills_failed_and_waiting_operations_show_on_the_stores_page(
    console: Console, tmp_path: Path
) -> None:
    server = console.server
    token = server.enroll("S001")
    with server.db.read() as session:
        till_id = session.scalars(select(Device.id).where(Device.role == "counter")).one()
    local = LocalDatabase(tmp_path / "counter.db")
    client = WarehouseClient(server.url, token)
    try:
        with local.unit_of_work() as session:
            bad = outbox.enqueue(
                session,
                "sale",
                "sale:bad",
                _sale(UNKNOWN_PRODUCT, "0193a000-0000-7000-8000-00000000b"),
            )
        outcome = OutboxRelay(local, client, ConnectivityMonitor()).drain()
        assert (outcome.pushed, outcome.rejected) == (1, 1), outcome
        with local.unit_of_work() as session:
            failed = session.get(OutboxOp, bad)
            assert failed is not None and failed.state == OpState.FAILED
            outbox.enqueue(
                session, "sale", "sale:next", _sale(17, "0193a000-0000-7000-8000-00000000c")
            )
        # A real pull first: the heartbeat carries the cursor, the page shows the lag.
        ChangePuller(local, client, ConnectivityMonitor()).pull_until_current()
        assert HeartbeatSender(local, client, "0.1.0").beat() is True
    finally:
        client.close()
        local.dispose()
    healthy = _healthy_till(console, tmp_path)

    console.sign_in(*MANAGER)
    console.go("/stores")
    cell = console.find(f"#device-{till_id} td.outbox")
    assert "待送 1 · 失敗 1" in cell.text
    assert "status bad" in cell.find_element("css selector", "span.status").get_attribute("class")
    assert "0.1.0" in console.find(f"#device-{till_id} td.version").text
    assert console.find(f"#device-{till_id} td.lag").text == "0"
    calm = console.find(f"#device-{healthy} td.outbox span.status")
    assert "待送 0 · 失敗 0" in calm.text and "status ok" in calm.get_attribute("class")
    console.shot("stores_outbox")
    console.go("/stores?lang=en")
    assert "waiting 1 · failed 1" in console.find(f"#device-{till_id} td.outbox").text

    with server.client(server.token("admin")) as admin:
        [shown] = [d for d in admin.get("/admin/devices").json() if d["id"] == till_id]
    beat = shown["heartbeat"]
    assert (beat["outbox_waiting"], beat["outbox_failed"], beat["attention"]) == (1, 1, True)


def test_a_till_whose_oldest_operation_waits_too_long_is_flagged(console: Console) -> None:
    """Nothing failed, but the oldest operation has waited an hour (over 15 minutes):
    amber, with its age; a till that never sent a heartbeat says so."""
    server = console.server
    late = server.enroll("S002")
    silent = server.enroll("S002")
    beat = {
        "outbox_waiting": 2,
        "outbox_failed": 0,
        "oldest_waiting_age_s": 3600,
        "app_version": "0.1.0",
        "local_schema": 8,
    }
    with server.client(late) as api:
        api.post("/devices/heartbeat", json=beat).raise_for_status()
        late_id = api.get("/devices/me").json()["id"]
    with server.client(silent) as api:
        silent_id = api.get("/devices/me").json()["id"]
    manager, _ = console.http_signed_in(*MANAGER)
    try:
        page = manager.get("/stores").text
    finally:
        manager.close()
    late_row = page[page.index(f'id="device-{late_id}"') :]
    late_row = late_row[: late_row.index("</tr>")]
    assert '<span class="status warn">待送 2 · 失敗 0</span>' in late_row
    assert "最久待送: 60 分鐘" in late_row
    silent_row = page[page.index(f'id="device-{silent_id}"') :]
    assert "尚未回報" in silent_row[: silent_row.index("</tr>")]
