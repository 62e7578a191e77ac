"""The pickup desk on the in-memory fakes: the list by status and search, and the
hand-over by pickup code (queued ``pickup.complete``, marked locally, the slip printed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.receipts import Document, DocumentKind
from counter_app.core.records import ReservationRecord
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.pickups import PickupDeskService, PickupError
from counter_app.services.selling import TAIWAN
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
WHEN = datetime(2026, 11, 25, 15, 0, tzinfo=TAIWAN)


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[Document] = []

    def submit(self, document: Document, *, title: str | None = None) -> str:
        self.documents.append(document)
        return f"job-{len(self.documents)}"

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        raise AssertionError("the pickup desk never opens the drawer")


def _reservation(
    rid: str, code: str, status: str, name: str | None = None, at: str = "2026-11-25T10:00:00+08:00"
) -> ReservationRecord:
    return ReservationRecord(
        rid, "pickup", code, status, ((10, 2), (11, 1)), None, at, customer_name=name
    )


@pytest.fixture
def db() -> FakeDatabase:
    db = FakeDatabase()
    db.state.products[10] = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
    db.state.products[11] = ProductInfo(11, "100011", "義美小泡芙", Money(3500))
    for record in (
        _reservation("r-ready", "PU7K3M9Q2X", "ready", "陳小姐", "2026-11-25T12:00:00+08:00"),
        _reservation("r-transit", "PUAB12CD34", "in_transit", "林先生"),
        _reservation("r-confirmed", "PUZZ99YY88", "confirmed"),
        _reservation("r-done", "PUDONE0001", "picked_up"),
        _reservation("r-expired", "PUEXP00002", "expired"),
    ):
        db.state.reservations[record.reservation_id] = record
    return db


def test_the_desk_lists_by_status_and_finds_by_code_or_name(db: FakeDatabase) -> None:
    desk = PickupDeskService(db, STORE)
    assert [e.record.reservation_id for e in desk.entries("ready")] == ["r-ready"]
    assert [e.pickup_code for e in desk.entries(query="pu7k")] == ["PU7K3M9Q2X"]
    assert [e.pickup_code for e in desk.entries(query="林")] == ["PUAB12CD34"]
    assert [e.pickup_code for e in desk.entries(query="0002")] == ["PUEXP00002"]
    assert len(desk.entries()) == 5
    ready = desk.entries("ready")[0]
    assert [(line.name, line.qty) for line in ready.lines] == [
        ("茶裏王 日式無糖綠茶 600ml", 2),
        ("義美小泡芙", 1),
    ]


def test_a_ready_pickup_is_handed_over_once_queued_marked_and_printed(db: FakeDatabase) -> None:
    output = RecordingOutput()
    desk = PickupDeskService(db, STORE, output, clock=lambda: WHEN)
    handover = desk.hand_over(" pu7k3m9q2x\n", CASHIER)

    queued = list(db.state.outbox.values())
    assert [(op.type, op.entity_key, op.payload) for op in queued] == [
        (
            "pickup.complete",
            "reservation:r-ready",
            {
                "reservation_id": "r-ready",
                "pickup_code": "PU7K3M9Q2X",
                # Everything here, named line by line (what the customer took).
                "lines": [{"product_id": 10, "qty": 2}, {"product_id": 11, "qty": 1}],
            },
        )
    ]
    assert handover.op_id == queued[0].op_id
    assert db.state.reservations["r-ready"].handed_over_by == CASHIER.id
    assert [e.pickup_code for e in desk.entries("picked_up")] == ["PU7K3M9Q2X", "PUDONE0001"]

    assert desk.print_handover(handover, CASHIER) == "job-1"
    slip = output.documents[0]
    assert slip.kind == DocumentKind.HANDOVER_SLIP and slip.reference == "PU7K3M9Q2X"
    text = slip.plain_text(32)
    assert "取貨交付單" in text and "義美小泡芙" in text and "王小明" in text and "陳小姐" in text

    with pytest.raises(PickupError) as again:
        desk.hand_over("PU7K3M9Q2X", CASHIER)
    assert again.value.code == "already_picked_up"
    assert len(db.state.outbox) == 1


@pytest.mark.parametrize(
    ("code", "reason", "status"),
    [
        ("PUNOTHERE1", "unknown_code", ""),
        ("", "unknown_code", ""),
        ("PUAB12CD34", "not_ready", "in_transit"),
        ("PUZZ99YY88", "not_ready", "confirmed"),
        ("PUDONE0001", "already_picked_up", ""),
        ("PUEXP00002", "closed", "expired"),
    ],
)
def test_a_code_that_cannot_be_handed_over_is_refused_and_nothing_is_queued(
    db: FakeDatabase, code: str, reason: str, status: str
) -> None:
    desk = PickupDeskService(db, STORE, RecordingOutput(), clock=lambda: WHEN)
    with pytest.raises(PickupError) as refused:
        desk.hand_over(code, CASHIER)
    assert (refused.value.code, refused.value.status) == (reason, status)
    assert db.state.outbox == {}
    assert all(r.handed_over_at is None for r in db.state.reservations.values())


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("0912345678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+886 912 345 678", "0912345678"),
        ("(02) 2345-6789", "0223456789"),
        ("037-123456", "037123456"),
        ("091234567", None),  # a mobile one digit short
        ("1912345678", None),
        ("0112345678", None),  # no area code 01
        ("09123456789", None),
        ("", None),
    ],
)
def test_taiwan_phone_numbers(typed: str, digits: str | None) -> None:
    from counter_app.services.pickups import normalise_phone

    assert normalise_phone(typed) == digits


def test_a_reservation_is_queued_and_shows_pending_until_the_feed_confirms_it(
    db: FakeDatabase,
) -> None:
    desk = PickupDeskService(db, STORE, clock=lambda: WHEN)
    entry = desk.reserve(11, 2, " 陳小姐 ", "0912-345-678", CASHIER)
    assert entry.status == "pending" and entry.pickup_code == ""
    assert [(line.name, line.qty) for line in entry.lines] == [("義美小泡芙", 2)]
    [op] = db.state.outbox.values()
    assert (op.type, op.entity_key) == (
        "reservation.create",
        f"reservation:{entry.record.reservation_id}",
    )
    assert op.payload == {
        "reservation_id": entry.record.reservation_id,
        "lines": [{"product_id": 11, "qty": 2}],
        "customer_name": "陳小姐",
        "customer_phone": "0912345678",
    }
    assert [e.record.reservation_id for e in desk.entries("pending")] == [
        entry.record.reservation_id
    ]
    assert [e.record.reservation_id for e in desk.entries(query="陳")][:1] == [
        entry.record.reservation_id
    ]


@pytest.mark.parametrize(
    ("qty", "name", "phone", "reason"),
    [
        (2, "陳小姐", "12345", "bad_phone"),
        (0, "陳小姐", "0912345678", "bad_qty"),
        (1000, "陳小姐", "0912345678", "bad_qty"),
        (1, "  ", "0912345678", "no_name"),
    ],
)
def test_a_reservation_with_bad_input_is_refused_and_nothing_queued(
    db: FakeDatabase, qty: int, name: str, phone: str, reason: str
) -> None:
    desk = PickupDeskService(db, STORE, clock=lambda: WHEN)
    with pytest.raises(PickupError) as refused:
        desk.reserve(11, qty, name, phone, CASHIER)
    assert refused.value.code == reason
    assert db.state.outbox == {} and len(db.state.reservations) == 5


def test_the_pickup_slip_waits_for_the_warehouse_code_then_prints_it(db: FakeDatabase) -> None:
    output = RecordingOutput()
    desk = PickupDeskService(db, STORE, output, clock=lambda: WHEN)
    entry = desk.reserve(10, 1, "陳小姐", "0912345678", CASHIER)
    rid = entry.record.reservation_id
    with pytest.raises(PickupError) as early:
        desk.print_pickup_slip(rid)
    assert (early.value.code, early.value.status) == ("no_code_yet", "pending")
    # The feed's copy: confirmed, with the code the warehouse gave it.
    from dataclasses import replace

    db.state.reservations[rid] = replace(
        db.state.reservations[rid], status="confirmed", pickup_code="PUNEW12345"
    )
    assert desk.print_pickup_slip(rid) == "job-1"
    slip = output.documents[0]
    assert slip.kind == DocumentKind.PICKUP_SLIP and slip.reference == "PUNEW12345"
    text = slip.plain_text(32)
    assert "PUNEW12345" in text and "0912***678" in text and "0912345678" not in text


def test_a_finished_pickup_forgets_its_customer_after_the_retention_period(
    db: FakeDatabase,
) -> None:
    now = datetime(2026, 12, 30, 12, 0, tzinfo=TAIWAN)
    db.state.reservations["r-done"] = _reservation(
        "r-done", "PUDONE0001", "picked_up", "張先生", "2026-11-25T10:00:00+08:00"
    )
    db.state.reservations["r-recent"] = _reservation(
        "r-recent", "PURECENT01", "picked_up", "李小姐", "2026-12-29T10:00:00+08:00"
    )
    desk = PickupDeskService(db, STORE, clock=lambda: now)
    # Picked up 35 days ago: forgotten; a day ago, or still waiting (陳小姐, 林先生): kept.
    assert desk.forget_old_customers(retention_days=30) == 1
    names = {rid: r.customer_name for rid, r in db.state.reservations.items()}
    assert names["r-done"] is None
    assert names["r-recent"] == "李小姐"
    assert names["r-ready"] == "陳小姐" and names["r-transit"] == "林先生"
    assert desk.forget_old_customers(retention_days=30) == 0  # once
