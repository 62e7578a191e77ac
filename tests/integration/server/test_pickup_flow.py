from __future__ import annotations

from datetime import timedelta

import pytest
from server_testkit import (
    Server,
    assert_problem,
    ledger_balances,
    level,
    new_id,
    op,
    push,
    push_one,
)
from sqlalchemy import update

from warehouse_api.models import Reservation, Transfer, table_of, utcnow

PRODUCT = 11


def _reserve(server: Server, token: str, qty: int = 2) -> dict:
    return push_one(
        server,
        token,
        "reservation.create",
        {
            "reservation_id": new_id(),
            "lines": [{"product_id": PRODUCT, "qty": qty}],
            "customer_name": "王小明",
            "customer_phone": "0912345678",
        },
    )


def test_pickup_goes_confirmed_in_transit_ready_picked_up(server: Server) -> None:
    counter = server.enroll("S001")
    operator = server.token("operator")
    wh_before = level(server, "WH01", PRODUCT)
    store_before = level(server, "S001", PRODUCT)

    created = _reserve(server, counter, qty=2)
    assert created["status"] == "applied", created
    reservation = created["result"]
    assert reservation["status"] == "confirmed"
    assert reservation["pickup_code"].startswith("PU") and len(reservation["pickup_code"]) == 10
    assert level(server, "WH01", PRODUCT) == (wh_before[0], wh_before[1] + 2)

    with server.client(operator) as client:
        shipped = client.post(
            f"/operator/transfers/{reservation['transfer_id']}/ship",
            json={"carrier": "黑貓", "tracking_no": "T123"},
        )
    assert shipped.status_code == 200, shipped.text
    assert level(server, "WH01", PRODUCT) == (wh_before[0] - 2, wh_before[1])

    received = push_one(
        server, counter, "transfer.receive", {"transfer_id": reservation["transfer_id"]}
    )
    assert received["status"] == "applied", received
    assert level(server, "S001", PRODUCT) == (store_before[0] + 2, store_before[1] + 2)
    with server.client(counter) as client:
        ready = client.get(f"/reservations/{reservation['reservation_id']}").json()
    assert ready["status"] == "ready"

    picked = push_one(
        server, counter, "pickup.complete", {"pickup_code": reservation["pickup_code"]}
    )
    assert picked["result"]["status"] == "picked_up"
    assert level(server, "S001", PRODUCT) == store_before
    assert ledger_balances(server)


def test_illegal_transitions_are_rejected(server: Server) -> None:
    counter = server.enroll("S001")
    reservation = _reserve(server, counter)["result"]
    early_pickup = push_one(
        server, counter, "pickup.complete", {"reservation_id": reservation["reservation_id"]}
    )
    assert early_pickup["problem"]["code"] == "invalid_transition"
    receive_unshipped = push_one(
        server, counter, "transfer.receive", {"transfer_id": reservation["transfer_id"]}
    )
    assert receive_unshipped["problem"]["code"] == "invalid_transition"
    cancelled = push_one(
        server, counter, "reservation.cancel", {"reservation_id": reservation["reservation_id"]}
    )
    assert cancelled["result"]["status"] == "cancelled"
    again = push_one(
        server, counter, "reservation.cancel", {"reservation_id": reservation["reservation_id"]}
    )
    assert again["problem"]["code"] == "invalid_transition"
    with server.client(server.token("operator")) as client:
        ship_cancelled = client.post(
            f"/operator/transfers/{reservation['transfer_id']}/ship", json={}
        )
    assert_problem(ship_cancelled, 409, "invalid_transition")


def test_cancel_releases_the_hold(server: Server) -> None:
    counter = server.enroll("S002")
    before = level(server, "WH01", PRODUCT)
    reservation = _reserve(server, counter, qty=3)["result"]
    push_one(
        server, counter, "reservation.cancel", {"reservation_id": reservation["reservation_id"]}
    )
    assert level(server, "WH01", PRODUCT) == before


def test_reserving_more_than_available_is_insufficient_stock(server: Server) -> None:
    counter = server.enroll("S001")
    on_hand, reserved = level(server, "WH01", PRODUCT)
    result = _reserve(server, counter, qty=on_hand + 1)
    assert result["status"] == "rejected"
    assert result["problem"]["code"] == "insufficient_stock"
    assert level(server, "WH01", PRODUCT) == (on_hand, reserved)


def test_expired_holds_release_at_read_time(server: Server) -> None:
    counter = server.enroll("S001")
    before = level(server, "WH01", PRODUCT)
    reservation = _reserve(server, counter, qty=4)["result"]
    with server.db.write() as session:
        session.execute(update(Reservation).values(expires_at=utcnow() - timedelta(seconds=1)))
    with server.client(counter) as client:
        stock = client.get("/stock", params={"product": str(100_000 + PRODUCT)}).json()
        after = client.get(f"/reservations/{reservation['reservation_id']}").json()
    warehouse = next(lv for lv in stock["levels"] if lv["location_code"] == "WH01")
    assert (warehouse["on_hand"], warehouse["reserved"]) == before
    assert after["status"] == "expired"
    assert ledger_balances(server)


def test_reading_an_overdue_reservation_expires_it(server: Server) -> None:
    counter = server.enroll("S001")
    before = level(server, "WH01", PRODUCT)
    reservation = _reserve(server, counter, qty=2)["result"]
    with server.db.write() as session:
        session.execute(update(Reservation).values(expires_at=utcnow() - timedelta(seconds=1)))
    with server.client(counter) as client:
        seen = client.get(f"/reservations/{reservation['reservation_id']}").json()
    assert seen["status"] == "expired"
    assert level(server, "WH01", PRODUCT) == before


def test_sweeper_expires_holds(server: Server) -> None:
    from warehouse_api.services.sweeper import sweep_once

    counter = server.enroll("S001")
    before = level(server, "WH01", PRODUCT)
    _reserve(server, counter, qty=1)
    assert sweep_once(server.db, server_settings()).expired_holds == 0
    with server.db.write() as session:
        session.execute(update(Reservation).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert sweep_once(server.db, server_settings()).expired_holds == 1
    assert level(server, "WH01", PRODUCT) == before


def server_settings():  # type: ignore[no-untyped-def]
    from warehouse_api.config import Settings

    return Settings()


def test_another_stores_reservation_is_404(server: Server) -> None:
    s001 = server.enroll("S001")
    s002 = server.enroll("S002")
    reservation = _reserve(server, s001)["result"]
    with server.client(s002) as client:
        assert_problem(
            client.get(f"/reservations/{reservation['reservation_id']}"),
            404,
            "reservation_not_found",
        )
    cancel = push_one(
        server, s002, "reservation.cancel", {"reservation_id": reservation["reservation_id"]}
    )
    assert cancel["problem"]["code"] == "reservation_not_found"


def test_the_background_sweeper_expires_holds_without_any_read(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from warehouse_api.db import Database
    from warehouse_api.embedded import start_embedded

    monkeypatch.setenv("WAREHOUSE_SWEEP_INTERVAL_SECONDS", "0.2")
    embedded = start_embedded(db_url)
    db = Database.from_url(db_url)
    try:
        live = Server(embedded.url, db_url, db, embedded)
        counter = live.enroll("S001")
        reservation = _reserve(live, counter, qty=1)["result"]
        with db.write() as session:
            session.execute(update(Reservation).values(expires_at=utcnow() - timedelta(seconds=1)))
        deadline = time.monotonic() + 10
        status = "confirmed"
        while status == "confirmed" and time.monotonic() < deadline:
            time.sleep(0.1)
            with db.read() as session:
                found = session.get(Reservation, reservation["reservation_id"])
                status = found.status if found else "missing"
        assert status == "expired"
    finally:
        embedded.stop()
        db.dispose()


@pytest.mark.parametrize("alone", [True, False], ids=["pushed alone", "in a batch"])
def test_a_pickup_s_rows_are_whole(server: Server, alone: bool) -> None:
    """A pickup's four kinds of rows go in as Core inserts, not through the ORM: every
    column a default would have filled is set (the payment, what arrived and was
    collected, the times), pushed alone and inside a batch alike."""
    counter = server.enroll("S001")
    payload = {"reservation_id": new_id(), "lines": [{"product_id": PRODUCT, "qty": 1}]}
    if alone:
        created = push_one(server, counter, "reservation.create", payload)
    else:
        other = {"reservation_id": new_id(), "lines": [{"product_id": PRODUCT, "qty": 1}]}
        created, _ = push(
            server, counter, op("reservation.create", payload), op("reservation.create", other)
        )
    assert created["status"] == "applied", created
    with server.db.read() as session:
        reservation = session.get(Reservation, payload["reservation_id"])
        assert reservation is not None
        transfer = session.get(Transfer, created["result"]["transfer_id"])
        assert transfer is not None and transfer.reservation_id == reservation.id
        rows = [reservation, *reservation.lines, transfer, *transfer.lines]
        for row in rows:
            for column in table_of(type(row)).columns:
                if column.default is not None or column.server_default is not None:
                    assert getattr(row, column.key) is not None, (type(row).__name__, column.key)
        assert reservation.payment == "online" and reservation.status == "confirmed"
        [line] = reservation.lines
        assert (line.qty, line.arrived_qty, line.collected_qty) == (1, 0, 0)
        [moved] = transfer.lines
        assert (moved.product_id, moved.qty, moved.received_qty) == (PRODUCT, 1, None)
        assert transfer.status == "requested" and transfer.created_at is not None
        assert reservation.created_at == reservation.updated_at
    assert ledger_balances(server)
