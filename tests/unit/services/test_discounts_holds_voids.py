"""Discount limits and approvals, the written-through cart, held carts, and voids, on the
in-memory fakes and on the till's SQLite file."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import Discount, PriceOverride
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp, SaleLine
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.discounts import (
    DiscountRefused,
    DiscountService,
    cart_discount_request,
    line_discount_request,
    override_request,
)
from counter_app.services.held_carts import CartKeeper, HeldCartError
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.returns import ReturnsService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.staff import StaffService
from counter_app.services.voids import SaleVoidService, VoidError
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
SUPERVISOR = StaffMember(4, "林主任", "supervisor")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
RICE = ProductInfo(11, "100011", "池上米 3kg", Money(33300))
PINS = {"cashier": "1234", "supervisor": "246810", "manager": "13579111"}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def _fake() -> FakeDatabase:
    db = FakeDatabase()
    for product in (TEA, RICE):
        db.add_product(product)
    db.add_staff(2, 3, "王小明", "cashier", PINS["cashier"])
    db.add_staff(2, 4, "林主任", "supervisor", PINS["supervisor"])
    db.add_staff(2, 5, "陳經理", "manager", PINS["manager"])
    return db


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    database: Any = _fake() if request.param == "fake" else LocalDatabase(tmp_path / "counter.db")
    yield database
    if isinstance(database, LocalDatabase):
        database.dispose()


def _cart() -> Cart:
    cart = Cart()
    cart.add(TEA, 4)  # NT$100
    cart.add(RICE)  # NT$333
    return cart


# --- discounts ---------------------------------------------------------------------


def test_a_cashier_gives_up_to_ten_percent_alone_and_more_needs_a_supervisor() -> None:
    db = _fake()
    staff = StaffService(db, STORE.location_id)
    service = DiscountService(db, staff)
    cart = _cart()
    small = line_discount_request(cart, 0, Discount.percent(10))
    assert not service.needs_approval(CASHIER, small)
    assert service.authorize(CASHIER, small) is None
    assert db.state.audit == []  # nothing to audit within the cashier's own limit

    large = cart_discount_request(cart, Discount.amount(5000))  # NT$50 of NT$433: 11.5%
    assert service.needs_approval(CASHIER, large)
    with pytest.raises(DiscountRefused) as refused:
        service.authorize(CASHIER, large)
    assert refused.value.code == "approval_required"
    assert refused.value.action is Action.DISCOUNT_OVER_LIMIT
    with pytest.raises(ApprovalRefused):  # a cashier's PIN approves nothing
        staff.approve(PINS["cashier"], Action.DISCOUNT_OVER_LIMIT)
    approval = staff.approve(PINS["supervisor"], Action.DISCOUNT_OVER_LIMIT)
    assert service.authorize(CASHIER, large, approval) == SUPERVISOR
    (audit,) = db.state.audit
    assert audit[0] == SUPERVISOR.id and audit[1] == "cart_discount"
    assert audit[2]["off_cents"] == 5000 and audit[2]["cashier_id"] == CASHIER.id
    with pytest.raises(ApprovalRefused) as reused:  # an approval is good once
        service.authorize(CASHIER, large, approval)
    assert reused.value.code == "not_issued"


def test_above_the_supervisors_limit_only_a_manager_approves() -> None:
    db = _fake()
    staff = StaffService(db, STORE.location_id)
    service = DiscountService(db, staff)
    half = line_discount_request(_cart(), 1, Discount.percent(50))
    with pytest.raises(DiscountRefused) as refused:
        service.authorize(
            CASHIER, half, staff.approve(PINS["supervisor"], Action.DISCOUNT_OVER_LIMIT)
        )
    assert refused.value.code == "over_approver_limit"
    approver = service.authorize(
        CASHIER, half, staff.approve(PINS["manager"], Action.DISCOUNT_OVER_LIMIT)
    )
    assert approver is not None and approver.role == "manager"


def test_any_price_override_by_a_cashier_needs_a_supervisor_and_is_audited() -> None:
    db = _fake()
    staff = StaffService(db, STORE.location_id)
    service = DiscountService(db, staff)
    request = override_request(_cart(), 1, PriceOverride(30000, "包裝破損"))
    assert service.needs_approval(CASHIER, request)
    assert not service.needs_approval(SUPERVISOR, request)  # 10% off: within 30%
    approval = staff.approve(PINS["supervisor"], Action.PRICE_OVERRIDE)
    assert service.authorize(CASHIER, request, approval) == SUPERVISOR
    (audit,) = db.state.audit
    assert audit[1] == "price_override" and audit[2]["reason"] == "包裝破損"
    assert audit[2]["list_price_cents"] == 33300 and audit[2]["price_cents"] == 30000


def test_a_discounted_sale_records_list_discount_and_paid_per_line(db: Any) -> None:
    open_test_shift(db, STORE.location_id)
    cart = _cart()
    cart.lines[0].discount = Discount.percent(10)  # NT$10 off NT$100
    cart.lines[1].override = PriceOverride(30000, "包裝破損")
    cart.discount = Discount.amount(3900)  # NT$39 off NT$390
    keeper = CartKeeper(db, STORE, Clock())
    keeper.save_open(cart, CASHIER)
    sale = SellingService(db, STORE, Clock()).complete_cash_sale(cart, CASHIER, Money(40000))
    assert sale.total == Money(35100)
    assert [(s.line_total.cents, s.discount.cents) for s in sale.lines] == [
        (9000 - 900, 1000 + 900),
        (30000 - 3000, 3000),
    ]
    assert sale.saved == Money(43300 - 35100)
    assert keeper.load_open() is None  # the sold cart does not come back
    (op,) = [o for o in _ops(db) if o["type"] == "sale"]
    lines = op["payload"]["lines"]
    assert [
        (
            line["list_price_cents"],
            line["unit_price_cents"],
            line["discount_cents"],
            line["line_total_cents"],
        )
        for line in lines
    ] == [(2500, 2500, 1900, 8100), (33300, 30000, 3000, 27000)]
    assert lines[1]["override_reason"] == "包裝破損" and "override_reason" not in lines[0]
    with db.snapshot() as uow:
        stored = uow.sales.by_receipt_no(sale.receipt_no)
    assert [(r.list_price_cents, r.discount_cents, r.override_reason) for r in stored.lines] == [
        (2500, 1900, None),
        (33300, 3000, "包裝破損"),
    ]


# --- the open cart and held carts ----------------------------------------------------


def test_the_open_cart_survives_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    db = LocalDatabase(path)
    cart = _cart()
    cart.lines[0].discount = Discount.amount(1000)
    cart.lines[1].extra["fulfilment"] = "ship"
    CartKeeper(db, STORE, Clock()).save_open(cart, CASHIER)
    del db  # no dispose, no close: the process dies here
    gc.collect()
    again = LocalDatabase(path)
    back = CartKeeper(again, STORE, Clock()).load_open()
    assert back == cart and back is not None and back.total == cart.total
    CartKeeper(again, STORE, Clock()).save_open(Cart(), CASHIER)  # emptied: nothing back
    assert CartKeeper(again, STORE, Clock()).load_open() is None
    again.dispose()


def test_held_carts_are_listed_recalled_once_and_kept_over_a_restart(
    db: Any, tmp_path: Path
) -> None:
    keeper = CartKeeper(db, STORE, Clock())
    first = _cart()
    keeper.save_open(first, CASHIER)
    held = keeper.hold(first, CASHIER)
    assert keeper.load_open() is None  # holding clears the screen's cart
    second = Cart()
    second.add(TEA)
    keeper.hold(second, SUPERVISOR)
    listed = keeper.held()
    assert [(h.cashier_name, h.total, h.line_count, h.item_count) for h in listed] == [
        ("王小明", Money(43300), 2, 5),
        ("林主任", Money(2500), 1, 1),
    ]
    assert listed[0].held_at < listed[1].held_at
    assert keeper.recall(held.held_id, CASHIER) == first
    assert keeper.load_open() == first  # the recalled cart is the open one now
    with pytest.raises(HeldCartError) as again:
        keeper.recall(held.held_id, CASHIER)
    assert again.value.code == "not_held"
    with pytest.raises(HeldCartError) as empty:
        keeper.hold(Cart(), CASHIER)
    assert empty.value.code == "cart_empty"
    other_store = CartKeeper(db, StoreContext(3, "S002", "板橋店"), Clock())
    assert other_store.held() == []  # held per store
    with pytest.raises(HeldCartError):
        other_store.recall(listed[1].held_id, CASHIER)
    if isinstance(db, LocalDatabase):  # a restart: a new connection to the same file
        reopened = LocalDatabase(tmp_path / "counter.db")
        assert [h.cashier_name for h in CartKeeper(reopened, STORE, Clock()).held()] == ["林主任"]
        reopened.dispose()


def test_a_voided_cart_is_cleared_and_counted_in_the_shift(db: Any) -> None:
    shift = open_test_shift(db, STORE.location_id)
    keeper = CartKeeper(db, STORE, Clock())
    cart = _cart()
    keeper.save_open(cart, CASHIER)
    keeper.void(cart, CASHIER)
    assert keeper.load_open() is None
    assert keeper.voids_in_shift(shift.shift_id).carts == 1
    assert keeper.voids_in_shift(shift.shift_id).total == Money(43300)


# --- voiding a completed sale ---------------------------------------------------------


def test_voiding_a_sale_of_the_shift_is_a_supervisors_full_cash_return() -> None:
    db = _fake()
    open_test_shift(db, STORE.location_id, opening_cents=100_000)
    clock = Clock()
    staff = StaffService(db, STORE.location_id)
    cart = _cart()
    cart.discount = Discount.percent(10)
    sale = SellingService(db, STORE, clock).complete_cash_sale(cart, CASHIER, Money(50000))
    returns = ReturnsService(db, STORE, staff, clock)
    voids = SaleVoidService(db, STORE, staff, returns)
    voids.check(sale.receipt_no)
    with pytest.raises(ApprovalRefused) as cashier_pin:
        staff.approve(PINS["cashier"], Action.VOID)
    assert cashier_pin.value.code == "not_permitted"
    done = voids.void(
        sale.receipt_no, CASHIER, staff.approve(PINS["supervisor"], Action.VOID), "客人不要了"
    )
    assert done.refund == sale.total  # what was paid, discounts included
    assert {(line.sku, line.qty) for line in done.lines} == {("100010", 4), ("100011", 1)}
    assert ("sale.void", SUPERVISOR.id) in {(a[1], a[0]) for a in db.state.audit}
    void_audit = next(a for a in db.state.audit if a[1] == "sale.void")
    assert void_audit[2]["reason"] == "客人不要了" and void_audit[2]["return_id"]
    with pytest.raises(VoidError) as twice:
        voids.check(sale.receipt_no)
    assert twice.value.code == "already_returned"
    with pytest.raises(VoidError) as unknown:
        voids.check("RS001-9-261125-9999")
    assert unknown.value.code == "not_found"


def test_a_sale_of_an_earlier_shift_is_returned_not_voided() -> None:
    db = _fake()
    shift = open_test_shift(db, STORE.location_id)
    clock = Clock()
    sale = SellingService(db, STORE, clock).complete_cash_sale(_cart(), CASHIER, Money(50000))
    staff = StaffService(db, STORE.location_id)
    # the shift closes and the next one opens after the sale
    db.state.shifts[shift.shift_id] = replace(shift, closed_at=clock().isoformat())
    later = open_test_shift(db, STORE.location_id)
    db.state.shifts[later.shift_id] = replace(later, opened_at=clock().isoformat())
    voids = SaleVoidService(db, STORE, staff, ReturnsService(db, STORE, staff, clock))
    with pytest.raises(VoidError) as refused:
        voids.check(sale.receipt_no)
    assert refused.value.code == "not_this_shift"


def _ops(db: Any) -> list[dict[str, Any]]:
    if isinstance(db, FakeDatabase):
        return [{"type": op.type, "payload": op.payload} for op in db.state.outbox.values()]
    with db.transaction() as uow:
        rows = uow.session.scalars(select(OutboxOp).order_by(OutboxOp.created_at)).all()
        return [{"type": r.type, "payload": json.loads(r.payload)} for r in rows]


def test_an_old_till_file_gains_the_discount_columns(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    from counter_app.local import migrations

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE sale_lines (line_id VARCHAR(36) PRIMARY KEY, sale_id VARCHAR(36),"
                " position INTEGER, product_id INTEGER, sku VARCHAR(40), name VARCHAR(200),"
                " qty INTEGER, unit_price_cents INTEGER, line_total_cents INTEGER)"
            )
        )
        conn.execute(text("INSERT INTO sale_lines VALUES ('l1','s1',0,1,'A','a',1,100,100)"))
        migrations._v7_discounts(conn)
        migrations._v7_discounts(conn)  # idempotent
        row = conn.execute(
            text("SELECT list_price_cents, discount_cents, override_reason FROM sale_lines")
        ).one()
    assert tuple(row) == (None, 0, None)
    engine.dispose()
    assert SaleLine.__table__.c.discount_cents is not None


def test_voided_carts_are_on_the_x_report(db: Any) -> None:
    from counter_app.core import receipts
    from counter_app.services.shifts import ShiftService

    open_test_shift(db, STORE.location_id)
    keeper = CartKeeper(db, STORE, Clock())
    keeper.void(_cart(), CASHIER)
    report = ShiftService(db, STORE, StaffService(db, STORE.location_id), None).report()
    assert (report.voided_carts, report.voided_cents) == (1, 43300)
    printed = [t for t, _ in receipts.text_lines(report.document("台北信義店", "S001-1"), 42)]
    assert any("作廢交易 1 筆" in line and "NT$433" in line for line in printed)


def test_the_open_cart_survives_the_process_being_killed(tmp_path: Path) -> None:
    """A real kill -9 right after the write-through: the next start reads the cart."""
    import os
    import signal
    import subprocess
    import sys

    script = f"""
import os, signal
from pathlib import Path
from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import Discount
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.held_carts import CartKeeper
db = LocalDatabase(Path({str(tmp_path / "counter.db")!r}))
cart = Cart()
cart.add(ProductInfo(10, "100010", "綠茶", Money(2500)), 3)
cart.discount = Discount.percent(10)
CartKeeper(db, StoreContext(2, "S001", "台北信義店")).save_open(cart, StaffMember(3, "王", "cashier"))
os.kill(os.getpid(), signal.SIGKILL)
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    done = subprocess.run([sys.executable, "-c", script], env=env, timeout=60, check=False)
    assert done.returncode == -signal.SIGKILL
    db = LocalDatabase(tmp_path / "counter.db")
    back = CartKeeper(db, STORE, Clock()).load_open()
    assert (
        back is not None and back.item_count == 3 and back.total == Money(6700)
    )  # NT$7.5 off, half up to NT$8
    db.dispose()
