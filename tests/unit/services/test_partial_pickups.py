"""Partial pickups, overdue pickups and the search by phone at the desk, on the
in-memory fakes and on the till's real SQLite file: a hand-over names what is here,
the rest stays ready, the handover slip lists what was taken and what is still to come."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.records import ReservationRecord
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp, Product
from counter_app.local.models import Reservation as LocalReservation
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.pickups import PickupDeskService, PickupError
from counter_app.services.selling import TAIWAN
from tests.unit.services.fakes import FakeDatabase
from tests.unit.services.test_pickups import RecordingOutput

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
WHEN = datetime(2026, 11, 25, 15, 0, tzinfo=TAIWAN)
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
PUFF = ProductInfo(11, "100011", "義美小泡芙", Money(3500))

# (product, qty, arrived, collected): tea came in short (2 of 3), the puffs not yet.
SHORT = {
    "reservation_id": "r-short",
    "kind": "pickup",
    "pickup_code": "PUSHORT001",
    "status": "ready",
    "store_location_id": 2,
    "lines": [
        {"product_id": 10, "qty": 3, "arrived_qty": 2, "collected_qty": 0},
        {"product_id": 11, "qty": 1, "arrived_qty": 0, "collected_qty": 0},
    ],
    "expires_at": "2026-11-26T10:00:00+08:00",
    "updated_at": "2026-11-25T10:00:00+08:00",
}


def _record(data: dict[str, Any], phone: str | None = None) -> ReservationRecord:
    return ReservationRecord(
        data["reservation_id"],
        "pickup",
        data["pickup_code"],
        data["status"],
        tuple((x["product_id"], x["qty"]) for x in data["lines"]),
        data["expires_at"],
        data["updated_at"],
        customer_name="陳小姐",
        customer_phone=phone,
        arrived=tuple(x["arrived_qty"] for x in data["lines"]),
        collected=tuple(x["collected_qty"] for x in data["lines"]),
    )


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "fake":
        fake = FakeDatabase()
        fake.state.products[10], fake.state.products[11] = TEA, PUFF
        fake.state.reservations["r-short"] = _record(SHORT)
        yield fake
        return
    database = LocalDatabase(tmp_path / "counter.db")
    with database.unit_of_work() as session:
        for p in (TEA, PUFF):
            session.add(
                Product(id=p.id, sku=p.sku, name=p.name, category="", price_cents=2500, active=True)
            )
        apply_changes(
            session,
            [Change(1, "reservation", "upsert", "r-short", SHORT)],
            "2026-11-25T10:00:00+08:00",
        )
    yield database
    database.dispose()


def _queued(db: Any) -> list[dict[str, Any]]:
    if isinstance(db, FakeDatabase):
        return [op.payload for op in db.state.outbox.values()]
    with db.read() as session:
        return [json.loads(row.payload) for row in session.scalars(select(OutboxOp)).all()]


def test_what_is_here_is_handed_over_and_the_rest_stays_ready(db: Any) -> None:
    output = RecordingOutput()
    desk = PickupDeskService(db, STORE, output, clock=lambda: WHEN)
    [entry] = desk.entries("ready")
    assert [(i.name, i.qty) for i in entry.here()] == [(TEA.name, 2)]
    assert [(i.name, i.qty) for i in entry.to_come()] == [(TEA.name, 1), (PUFF.name, 1)]

    handover = desk.hand_over("pushort001", CASHIER, {10: 1})
    assert _queued(db) == [
        {
            "reservation_id": "r-short",
            "pickup_code": "PUSHORT001",
            "lines": [{"product_id": 10, "qty": 1}],
        }
    ]
    assert [(i.name, i.qty) for i in handover.handed] == [(TEA.name, 1)]
    assert [(i.name, i.qty) for i in handover.still_to_come] == [(TEA.name, 2), (PUFF.name, 1)]
    assert handover.entry.status == "ready"  # the rest: still ready for the customer

    desk.print_handover(handover, CASHIER)
    slip = output.documents[0].plain_text(42)
    taken, later = slip.index("【本次取走】"), slip.index("【尚待取貨（到店後通知）】")
    assert taken < slip.index("x1") < later and "x2" in slip[later:]
    assert "合計 1 件" in slip

    # One tea left here: two is more than is here; the puffs have not arrived.
    for lines in ({10: 2}, {11: 1}, {12: 1}, {10: -1}):
        with pytest.raises(PickupError) as refused:
            desk.hand_over("PUSHORT001", CASHIER, lines)
        assert refused.value.code == "exceeds_held"
    with pytest.raises(PickupError) as nothing:
        desk.hand_over("PUSHORT001", CASHIER, {10: 0})
    assert nothing.value.code == "nothing_here"
    assert len(_queued(db)) == 1  # refusals queue nothing

    rest = desk.hand_over("PUSHORT001", CASHIER)  # no lines: all that is here
    assert [(i.name, i.qty) for i in rest.handed] == [(TEA.name, 1)]
    assert rest.entry.status == "ready" and not rest.entry.here()
    with pytest.raises(PickupError) as empty:
        desk.hand_over("PUSHORT001", CASHIER)
    assert empty.value.code == "nothing_here"


def test_the_feed_catching_up_neither_loses_nor_doubles_what_this_till_handed_over(
    tmp_path: Path,
) -> None:
    """Offline: the cached pickup is handed over in part (pending at the till); the feed
    then brings the warehouse's figures from before the op (the rest arrived), the
    warehouse acknowledges the op with its figures, the feed brings those: at each step
    the till counts each unit once, and the last hand-over completes it."""
    from counter_app.local.pickup_mirror import settle_acked_handover

    db = LocalDatabase(tmp_path / "counter.db")
    try:
        with db.unit_of_work() as session:
            for p in (TEA, PUFF):
                session.add(
                    Product(
                        id=p.id, sku=p.sku, name=p.name, category="", price_cents=1, active=True
                    )
                )
            apply_changes(
                session,
                [Change(1, "reservation", "upsert", "r-short", SHORT)],
                "2026-11-25T10:00:00+08:00",
            )
        desk = PickupDeskService(db, STORE, clock=lambda: WHEN)
        first = desk.hand_over("PUSHORT001", CASHIER, {10: 2})
        arrived = json.loads(json.dumps(SHORT))
        arrived["lines"][0]["arrived_qty"] = 3  # the rest arrived; the op not applied yet
        arrived["lines"][1]["arrived_qty"] = 1
        applied = json.loads(json.dumps(arrived))
        applied["lines"][0]["collected_qty"] = 2  # the warehouse applied the op

        def here() -> list[int]:
            [entry] = desk.entries("ready")
            return [i.qty for i in entry.here()]

        with db.unit_of_work() as session:
            apply_changes(
                session, [Change(2, "reservation", "upsert", "r-short", arrived)], "2026-11-25"
            )
        assert here() == [1, 1]  # 3 arrived - 2 handed over here (pending)
        with db.unit_of_work() as session:  # the relay: the warehouse's answer to the op
            payload = json.loads(session.get(OutboxOp, first.op_id).payload)  # type: ignore[union-attr]
            settle_acked_handover(session, "pickup.complete", payload, applied)
        assert here() == [1, 1]  # counted by the warehouse now, not pending
        with db.unit_of_work() as session:
            apply_changes(
                session, [Change(3, "reservation", "upsert", "r-short", applied)], "2026-11-25"
            )
        assert here() == [1, 1]
        last = desk.hand_over("PUSHORT001", CASHIER)
        assert last.entry.status == "picked_up" and not last.still_to_come
        with db.read() as session:
            row = session.get(LocalReservation, "r-short")
            assert row is not None and row.handed_over_by == CASHIER.id
    finally:
        db.dispose()


def test_a_ready_pickup_past_its_date_is_overdue_and_phones_are_searched_by_their_tail() -> None:
    fake = FakeDatabase()
    fake.state.products[10], fake.state.products[11] = TEA, PUFF
    fake.state.reservations["r-short"] = _record(SHORT, phone="0912345678")
    later = datetime(2026, 11, 26, 10, 1, tzinfo=TAIWAN)
    before = PickupDeskService(fake, STORE, clock=lambda: WHEN)
    after = PickupDeskService(fake, STORE, clock=lambda: later)
    assert [e.status for e in before.entries()] == ["ready"]
    assert [e.status for e in after.entries("overdue")] == ["overdue"]
    assert after.entries("ready") == []
    # An overdue pickup's goods are here: it is still handed over.
    assert after.hand_over("PUSHORT001", CASHIER, {10: 1}).entry.status == "overdue"
    assert [e.pickup_code for e in before.entries(query="678")] == ["PUSHORT001"]
    assert [e.pickup_code for e in before.entries(query="345-678")] == ["PUSHORT001"]
    assert before.entries(query="679") == []
    assert before.entries(query="78") == []  # two digits match too much to mean a phone
    assert before.entries()[0].masked_phone == "0912***678"


def test_a_hand_over_the_warehouse_refused_no_longer_counts_at_the_till(tmp_path: Path) -> None:
    from counter_app.local.pickup_mirror import undo_refused_handover

    db = LocalDatabase(tmp_path / "counter.db")
    try:
        with db.unit_of_work() as session:
            apply_changes(
                session, [Change(1, "reservation", "upsert", "r-short", SHORT)], "2026-11-25"
            )
        desk = PickupDeskService(db, STORE, clock=lambda: WHEN)
        desk.hand_over("PUSHORT001", CASHIER, {10: 1})
        handed = desk.hand_over("PUSHORT001", CASHIER)  # the other tea
        with db.unit_of_work() as session:  # the relay, as the warehouse refuses the second
            payload = json.loads(session.get(OutboxOp, handed.op_id).payload)  # type: ignore[union-attr]
            undo_refused_handover(session, "pickup.complete", payload)
            undo_refused_handover(session, "sale", {"reservation_id": "r-short"})  # not ours
        [entry] = desk.entries("ready")
        assert [i.qty for i in entry.here()] == [1]  # the refused tea is here again
    finally:
        db.dispose()


def test_a_hold_date_without_a_zone_is_read_as_the_warehouses_utc() -> None:
    from counter_app.services.pickups import shown_status

    record = _record({**SHORT, "expires_at": "2026-11-25T06:30:00"})  # 14:30 in Taipei
    assert shown_status(record, WHEN) == "overdue"  # WHEN is 15:00 in Taipei
    assert shown_status(replace_expiry(record, "2026-11-25T07:30:00"), WHEN) == "ready"


def replace_expiry(record: ReservationRecord, expires_at: str) -> ReservationRecord:
    from dataclasses import replace

    return replace(record, expires_at=expires_at)
