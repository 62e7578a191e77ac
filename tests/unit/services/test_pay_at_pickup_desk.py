"""A group-buy order paid at pickup at the desk, on the in-memory fakes and on the till's
real SQLite file: the desk shows what to pay, refuses a hand-over without the payment,
and records the sale (collect lines at the order's prices, its tenders, in the open shift)
and the hand-over naming it in one transaction, the sale queued first; a refused sale
records nothing of either. The receipt and the handover slip say what was paid."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.core.cart import CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.records import ReservationRecord
from counter_app.core.tenders import CASH, DEFAULT_TENDERS, TenderedPayment
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.local.migrations import SCHEMA_VERSION, STEPS
from counter_app.local.models import OutboxOp, PendingStockDelta, Product, ShiftSale
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.pickups import PickupDeskService, PickupError
from counter_app.services.receipts import ReceiptService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase
from tests.unit.services.test_pickups import RecordingOutput

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
WHEN = datetime(2026, 12, 2, 15, 0, tzinfo=TAIWAN)
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
PUFF = ProductInfo(11, "100011", "義美小泡芙", Money(3500))
CARD = DEFAULT_TENDERS[1]

# The channel sells tea at NT$19 and puffs at NT$30 (not the store's prices); two teas of
# three arrived, the puffs not yet.
ORDER = {
    "reservation_id": "GB-PAY-1",
    "kind": "group_buy",
    "pickup_code": "PUPAY0001",
    "status": "ready",
    "store_location_id": 2,
    "lines": [
        {
            "product_id": 10,
            "qty": 3,
            "arrived_qty": 2,
            "collected_qty": 0,
            "unit_price_cents": 1900,
        },
        {
            "product_id": 11,
            "qty": 1,
            "arrived_qty": 0,
            "collected_qty": 0,
            "unit_price_cents": 3000,
        },
    ],
    "expires_at": "2026-12-05T10:00:00+08:00",
    "updated_at": "2026-12-02T10:00:00+08:00",
    "customer_name": "團購客",
    "payment": "at_pickup",
    "amount_due_cents": 8700,
    "paid_cents": 0,
}


def _record(data: dict[str, Any]) -> ReservationRecord:
    return ReservationRecord(
        data["reservation_id"],
        "group_buy",
        data["pickup_code"],
        data["status"],
        tuple((x["product_id"], x["qty"]) for x in data["lines"]),
        data["expires_at"],
        data["updated_at"],
        customer_name=data["customer_name"],
        arrived=tuple(x["arrived_qty"] for x in data["lines"]),
        collected=tuple(x["collected_qty"] for x in data["lines"]),
        payment=data["payment"],
        unit_prices=tuple((x["product_id"], x["unit_price_cents"]) for x in data["lines"]),
    )


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "fake":
        fake = FakeDatabase()
        fake.state.products[10], fake.state.products[11] = TEA, PUFF
        fake.state.reservations["GB-PAY-1"] = _record(ORDER)
        yield fake
        return
    database = LocalDatabase(tmp_path / "counter.db")
    with database.unit_of_work() as session:
        for p in (TEA, PUFF):
            session.add(
                Product(
                    id=p.id,
                    sku=p.sku,
                    name=p.name,
                    category="",
                    price_cents=p.price.cents,
                    active=True,
                )
            )
        # Through the cache writer: the mirror keeps the payment and the prices.
        apply_changes(
            session,
            [Change(1, "reservation", "upsert", "GB-PAY-1", ORDER)],
            "2026-12-02T10:00:00+08:00",
        )
    yield database
    database.dispose()


def _queued(db: Any) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(db, FakeDatabase):
        return [(op.type, op.payload) for op in db.state.outbox.values()]
    with db.read() as session:
        rows = session.scalars(select(OutboxOp).order_by(OutboxOp.op_id)).all()
        return [(row.type, json.loads(row.payload)) for row in rows]


def _deltas(db: Any) -> int:
    if isinstance(db, FakeDatabase):
        return len(db.state.deltas)
    with db.read() as session:
        return len(session.scalars(select(PendingStockDelta)).all())


def _in_shift(db: Any, sale_id: str) -> bool:
    if isinstance(db, FakeDatabase):
        return sale_id in db.state.shift_sales
    with db.read() as session:
        return session.get(ShiftSale, sale_id) is not None


def _desk(db: Any, output: RecordingOutput | None = None) -> PickupDeskService:
    selling = SellingService(db, STORE, clock=lambda: WHEN)
    return PickupDeskService(db, STORE, output, clock=lambda: WHEN, selling=selling)


def test_the_desk_shows_what_to_pay_and_refuses_a_handover_without_it(db: Any) -> None:
    desk = _desk(db)
    [entry] = desk.entries("ready")
    assert entry.record.pays_at_pickup and entry.to_pay == Money(3800)  # two teas here
    plan = desk.plan("pupay0001", {10: 1})
    assert plan.due == Money(1900) and dict(plan.taken) == {10: 1}
    assert desk.plan("PUPAY0001").due == Money(3800)
    with pytest.raises(PickupError) as unpaid:
        desk.hand_over("PUPAY0001", CASHIER)
    assert unpaid.value.code == "payment_due" and unpaid.value.status == "3800"
    with pytest.raises(PickupError) as more:
        desk.plan("PUPAY0001", {11: 1})  # the puffs have not arrived
    assert more.value.code == "exceeds_held"
    assert _queued(db) == []


def test_no_open_shift_or_payments_not_adding_up_record_nothing(db: Any) -> None:
    desk = _desk(db)
    cash = TenderedPayment(CASH, 3800, 5000, 1200)
    with pytest.raises(CartError) as no_shift:
        desk.hand_over_paid("PUPAY0001", CASHIER, [cash])
    assert no_shift.value.code == "no_open_shift"
    open_test_shift(db, STORE.location_id)
    with pytest.raises(CartError):
        desk.hand_over_paid("PUPAY0001", CASHIER, [TenderedPayment(CASH, 1900, 1900)])
    assert _queued(db) == []
    [entry] = desk.entries("ready")
    assert entry.to_pay == Money(3800)  # nothing counted as collected


def test_a_paid_handover_records_the_sale_then_the_handover_naming_it(db: Any) -> None:
    open_test_shift(db, STORE.location_id)
    output = RecordingOutput()
    desk = _desk(db, output)
    card = TenderedPayment(CARD, 2000, 2000, 0, "TX-77", "A12345")
    cash = TenderedPayment(CASH, 1800, 2000, 200)
    done = desk.hand_over_paid("PUPAY0001", CASHIER, [card, cash])
    sale, handover = done.sale, done.handover
    assert sale.total == Money(3800) and sale.change == Money(200)
    assert sale.collects_order_id == "GB-PAY-1"
    assert [(line.name, line.qty, line.fulfilment) for line in sale.lines] == [
        (TEA.name, 2, "collect")
    ]
    [(sale_type, sold), (handover_type, handed)] = _queued(db)
    assert sale_type == "sale" and handover_type == "pickup.complete"
    assert sold["collects_order_id"] == "GB-PAY-1" and sold["total_cents"] == 3800
    assert [
        (x["product_id"], x["qty"], x["unit_price_cents"], x["fulfilment"]) for x in sold["lines"]
    ] == [(10, 2, 1900, "collect")]
    assert sold["lines"][0]["list_price_cents"] == 1900  # the order's price: no override
    assert [(p["method"], p["amount_cents"]) for p in sold["payments"]] == [
        ("card", 2000),
        ("cash", 1800),
    ]
    assert handed == {
        "reservation_id": "GB-PAY-1",
        "pickup_code": "PUPAY0001",
        "lines": [{"product_id": 10, "qty": 2}],
        "sale_id": sale.sale_id,
    }
    assert _deltas(db) == 0  # the held units leave with the hand-over, not the sale
    assert _in_shift(db, sale.sale_id)
    assert handover.entry.status == "ready" and handover.entry.to_pay == Money(0)
    assert [(i.name, i.qty) for i in handover.still_to_come] == [(TEA.name, 1), (PUFF.name, 1)]
    with pytest.raises(PickupError) as nothing:
        desk.plan("PUPAY0001")
    assert nothing.value.code == "nothing_here"

    desk.print_handover(handover, CASHIER, sale)
    slip = output.documents[-1].plain_text(42)
    assert "取貨付款 已收" in slip and "NT$38" in slip and sale.receipt_no in slip
    staff = StaffService(db, STORE.location_id)
    ReceiptService(db, output, STORE, staff).print_sale(sale)
    receipt = output.documents[-1].plain_text(42)
    assert "【團購取貨付款】" in receipt and "團購訂單：GB-PAY-1" in receipt
    assert "信用卡" in receipt and "現金" in receipt  # both tenders, as on any sale


def test_nothing_to_pay_is_not_a_payment(db: Any) -> None:
    open_test_shift(db, STORE.location_id)
    desk = _desk(db)
    if isinstance(db, FakeDatabase):
        free = _record({**ORDER, "lines": [{**ORDER["lines"][0], "unit_price_cents": 0}]})
        db.state.reservations["GB-PAY-1"] = free
    else:
        with db.unit_of_work() as session:
            apply_changes(
                session,
                [
                    Change(
                        2,
                        "reservation",
                        "upsert",
                        "GB-PAY-1",
                        {**ORDER, "lines": [{**ORDER["lines"][0], "unit_price_cents": 0}]},
                    )
                ],
                "2026-12-02T10:00:00+08:00",
            )
    assert desk.plan("PUPAY0001").due == Money(0)
    with pytest.raises(PickupError) as not_due:
        desk.hand_over_paid("PUPAY0001", CASHIER, [TenderedPayment(CASH, 0, 0)])
    assert not_due.value.code == "payment_not_due"
    handover = desk.hand_over("PUPAY0001", CASHIER)  # a gift: handed over without a sale
    assert [t for t, _ in _queued(db)] == ["pickup.complete"]
    assert handover.handed


PAY_STEP = [step.__name__ for step in STEPS].index("_pay_at_pickup")


def test_the_pay_at_pickup_step_gives_the_mirror_its_payment_and_prices(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    LocalDatabase(path).dispose()
    conn = sqlite3.connect(path)
    conn.executescript(
        "ALTER TABLE reservations DROP COLUMN payment;"
        "ALTER TABLE reservations DROP COLUMN prices_json;"
        f"PRAGMA user_version={PAY_STEP};"
    )
    conn.close()
    database = LocalDatabase(path)
    try:
        with database.unit_of_work() as session:
            apply_changes(
                session, [Change(1, "reservation", "upsert", "GB-PAY-1", ORDER)], "2026-12-02"
            )
        [entry] = PickupDeskService(database, STORE).entries()
        assert entry.record.pays_at_pickup and entry.to_pay == Money(3800)
    finally:
        database.dispose()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
