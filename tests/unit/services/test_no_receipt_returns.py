"""Returns without a receipt, on the in-memory fakes and on the till's SQLite file: the
refund at the lowest price of the last 30 days (or the list price), the supervisor's
approval, the per-phone limit (the warehouse's count online, this till's offline), and
everything in one transaction with the shift's cash."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.ops import WarehouseDown, WarehouseError
from counter_app.core.pins import hash_pin
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.no_receipt_returns import (
    NoReceiptItem,
    NoReceiptReturnsService,
    unit_refund_cents,
)
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.returns import ReturnError
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
SHIRT = ProductInfo(11, "100011", "棉質T恤 M", Money(59_000))
PINS = {"cashier": "1234", "supervisor": "246810"}
PHONE = "0912-345-678"


class Clock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


class Warehouse:
    """The warehouse's answers about a phone (or that it cannot be reached)."""

    def __init__(self, used: int = 0, limit: int = 3, down: bool = False) -> None:
        self.used, self.limit, self.down = used, limit, down
        self.asked: list[str] = []

    def no_receipt_usage(self, phone: str) -> dict[str, Any]:
        self.asked.append(phone)
        if self.down:
            raise WarehouseDown("no route to host")
        return {"used": self.used, "limit": self.limit, "period_days": 30}

    def sale_by_receipt(self, receipt_no: str) -> dict[str, Any]:
        raise WarehouseError("not used here")

    def search_sales(
        self, day: str, amount_cents: int | None, phone_suffix: str | None
    ) -> list[dict[str, Any]]:
        raise WarehouseError("not used here")


def _seed_sqlite(db: LocalDatabase) -> None:
    changes = [
        Change(
            n,
            "product",
            "upsert",
            str(p.id),
            {
                "id": p.id,
                "sku": p.sku,
                "name": p.name,
                "category": "",
                "price_cents": p.price.cents,
                "active": True,
                "barcodes": [],
                "dropship_partner_id": None,
            },
        )
        for n, p in enumerate((TEA, SHIRT), start=1)
    ]
    changes += [
        Change(
            10 + staff_id,
            "staff",
            "upsert",
            str(staff_id),
            {
                "id": staff_id,
                "name": name,
                "role": role,
                "location_id": STORE.location_id,
                "pin_hash": hash_pin(PINS[role], b"salt-%d" % staff_id, n=2**4),
                "active": True,
            },
        )
        for staff_id, name, role in ((3, "王小明", "cashier"), (4, "林主任", "supervisor"))
    ]
    with db.unit_of_work() as session:
        apply_changes(session, changes, "2026-11-25T00:00:00+00:00")


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "fake":
        database: Any = FakeDatabase()
        for product in (TEA, SHIRT):
            database.add_product(product)
        database.add_staff(2, 3, "王小明", "cashier", PINS["cashier"])
        database.add_staff(2, 4, "林主任", "supervisor", PINS["supervisor"])
    else:
        database = LocalDatabase(tmp_path / "counter.db")
        _seed_sqlite(database)
    open_test_shift(database, STORE.location_id, opening_cents=500_000)
    yield database


def _sell_at(db: Any, when: datetime, product: ProductInfo, paid_cents: int, qty: int = 1) -> None:
    cart = Cart()
    cart.add(ProductInfo(product.id, product.sku, product.name, Money(paid_cents)), qty)
    SellingService(db, STORE, Clock(when)).complete_cash_sale(cart, CASHIER, cart.total)


def _service(
    db: Any, warehouse: Warehouse | None = None, policy: str = "lowest_30_days"
) -> tuple[NoReceiptReturnsService, StaffService]:
    staff = StaffService(db, STORE.location_id)
    return NoReceiptReturnsService(db, STORE, staff, Clock(), warehouse, policy), staff


def test_unit_refund_is_the_lower_of_list_and_lowest_paid_in_whole_dollars() -> None:
    assert unit_refund_cents(59_000, None, "lowest_30_days") == 59_000
    assert unit_refund_cents(59_000, 45_050, "lowest_30_days") == 45_000  # whole NT$, down
    assert unit_refund_cents(59_000, 65_000, "lowest_30_days") == 59_000  # never above list
    assert unit_refund_cents(59_000, 45_000, "list_price") == 59_000


def test_the_refund_is_the_lowest_price_paid_here_in_the_last_30_days(db: Any) -> None:
    day = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)
    _sell_at(db, day - timedelta(days=40), SHIRT, 30_000)  # too old to count
    _sell_at(db, day - timedelta(days=20), SHIRT, 49_000)
    _sell_at(db, day - timedelta(days=3), SHIRT, 100_000, qty=2)  # 50,000 a piece
    service, _ = _service(db, Warehouse())
    quote = service.quote(PHONE, [NoReceiptItem(SHIRT.sku, 2), NoReceiptItem(TEA.sku, 1)])
    shirt, tea = quote.lines
    assert shirt.lowest_paid == Money(49_000) and shirt.unit_refund == Money(49_000)
    assert tea.lowest_paid is None and tea.unit_refund == Money(2500)  # never sold: list
    assert quote.refund == Money(2 * 49_000 + 2500)
    assert quote.phone == "0912345678" and quote.usage.left == 3
    listed, _ = _service(db, Warehouse(), policy="list_price")
    assert listed.quote(PHONE, [NoReceiptItem(SHIRT.sku, 1)]).refund == Money(59_000)


def test_a_no_receipt_return_needs_a_supervisor_and_moves_the_shifts_cash(db: Any) -> None:
    service, staff = _service(db, Warehouse())
    items = [NoReceiptItem(SHIRT.sku, 1, "restock_here"), NoReceiptItem(TEA.sku, 2, "damaged")]
    with pytest.raises(ReturnError) as refused:
        service.complete(PHONE, items, CASHIER, None)
    assert refused.value.code == "approval_required"
    with pytest.raises(ApprovalRefused):
        staff.approve(PINS["cashier"], Action.RETURN_NO_RECEIPT)
    # An approval for another action is not good for this one.
    other = staff.approve(PINS["supervisor"], Action.REFUND_OVER_LIMIT)
    with pytest.raises(ApprovalRefused):
        service.complete(PHONE, items, CASHIER, other)
    approval = staff.approve(PINS["supervisor"], Action.RETURN_NO_RECEIPT)
    done = service.complete(PHONE, items, CASHIER, approval)
    assert done.refund == Money(59_000 + 5000) and done.approved_by == "林主任"
    assert done.return_no.startswith("T")

    with db.snapshot() as uow:
        [op] = [o for o in _ops(db) if o["op_id"] == done.op_id]
        shift = uow.shifts.open_shift(STORE.location_id)
        [cash] = [t for t in uow.shifts.tender_totals(shift.shift_id) if t.method == "cash"]
    assert op["payload"]["sale_id"] is None
    assert op["payload"]["no_receipt"] == {
        "customer_phone": "0912345678",
        "approved_by": 4,
        "price_basis": "lowest_30_days",
    }
    assert [(line["product_id"], line["disposition"]) for line in op["payload"]["lines"]] == [
        (SHIRT.id, "restock_here"),
        (TEA.id, "damaged"),
    ]
    assert (cash.refunds_count, cash.refunds_cents) == (1, 64_000)
    report = ShiftService(db, STORE, staff, None, terminal="S001-1").report()
    assert report.expected_cents == 500_000 - 64_000
    assert _deltas(db, done.op_id) == {SHIRT.id: 1}  # damaged goods never go on the shelf


def test_the_warehouse_count_refuses_a_phone_at_its_limit(db: Any) -> None:
    warehouse = Warehouse(used=3)
    service, staff = _service(db, warehouse)
    approval = staff.approve(PINS["supervisor"], Action.RETURN_NO_RECEIPT)
    with pytest.raises(ReturnError) as refused:
        service.complete(PHONE, [NoReceiptItem(TEA.sku, 1)], CASHIER, approval)
    assert refused.value.code == "no_receipt_limit"
    assert warehouse.asked == ["0912345678"]
    assert _ops(db) == []  # nothing recorded


def test_offline_this_tills_own_returns_count_against_the_limit(db: Any) -> None:
    service, staff = _service(db, Warehouse(down=True))
    assert service.usage(PHONE).source == "this_till"
    for _ in range(3):
        approval = staff.approve(PINS["supervisor"], Action.RETURN_NO_RECEIPT)
        service.complete(PHONE, [NoReceiptItem(TEA.sku, 1)], CASHIER, approval)
    usage = service.usage(PHONE)
    assert (usage.used, usage.left, usage.source) == (3, 0, "this_till")
    approval = staff.approve(PINS["supervisor"], Action.RETURN_NO_RECEIPT)
    with pytest.raises(ReturnError) as refused:
        service.complete(PHONE, [NoReceiptItem(TEA.sku, 1)], CASHIER, approval)
    assert refused.value.code == "no_receipt_limit"
    # Another phone is not affected; a returns made online the warehouse has not counted
    # yet still count here (this till's count is a floor under the warehouse's).
    approval = staff.approve(PINS["supervisor"], Action.RETURN_NO_RECEIPT)
    service.complete("02-2345-6789", [NoReceiptItem(TEA.sku, 1)], CASHIER, approval)
    online, online_staff = _service(db, Warehouse(used=0))
    approval = online_staff.approve(PINS["supervisor"], Action.RETURN_NO_RECEIPT)
    with pytest.raises(ReturnError) as floor:
        online.complete(PHONE, [NoReceiptItem(TEA.sku, 1)], CASHIER, approval)
    assert floor.value.code == "no_receipt_limit"


@pytest.mark.parametrize(
    ("phone", "items", "code"),
    [
        ("12345", [NoReceiptItem("100010", 1)], "bad_phone"),
        (PHONE, [], "nothing_chosen"),
        (PHONE, [NoReceiptItem("999999", 1)], "unknown_product"),
        (PHONE, [NoReceiptItem("100010", -1)], "bad_qty"),
        (PHONE, [NoReceiptItem("100010", 1, "lost")], "bad_disposition"),
    ],
)
def test_bad_input_is_refused_and_records_nothing(
    db: Any, phone: str, items: list[NoReceiptItem], code: str
) -> None:
    service, staff = _service(db, Warehouse())
    approval = staff.approve(PINS["supervisor"], Action.RETURN_NO_RECEIPT)
    with pytest.raises(ReturnError) as refused:
        service.complete(phone, items, CASHIER, approval)
    assert refused.value.code == code
    assert _ops(db) == []


def _ops(db: Any) -> list[dict[str, Any]]:
    if isinstance(db, FakeDatabase):
        return [
            {"op_id": o.op_id, "type": o.type, "payload": o.payload}
            for o in db.state.outbox.values()
            if o.type == "return"
        ]
    import json

    from sqlalchemy import text

    with db.unit_of_work() as session:
        rows = session.execute(
            text("SELECT op_id, type, payload FROM outbox WHERE type = 'return'")
        ).all()
    return [{"op_id": r[0], "type": r[1], "payload": json.loads(r[2])} for r in rows]


def _deltas(db: Any, op_id: str) -> dict[int, int]:
    if isinstance(db, FakeDatabase):
        return {pid: d for oid, _, pid, d in db.state.deltas if oid == op_id}
    from sqlalchemy import text

    with db.unit_of_work() as session:
        rows = session.execute(
            text("SELECT product_id, delta FROM pending_stock_deltas WHERE op_id = :o"),
            {"o": op_id},
        ).all()
    return {int(r[0]): int(r[1]) for r in rows}
