"""Returns at the counter on the in-memory fakes and on the till's SQLite file: finding
the sale, partial and repeated returns never beyond what was sold, refund arithmetic,
the supervisor's approval above the cashier's limit, and everything in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import Discount, DiscountKind
from counter_app.core.money import Money
from counter_app.core.records import TenderRecord
from counter_app.core.tenders import CASH, DEFAULT_TENDERS, PaymentSplit
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.returns import (
    RefundAs,
    ReturnChoice,
    ReturnError,
    ReturnsService,
    line_refund_cents,
)
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
RICE = ProductInfo(11, "100011", "池上米 3kg", Money(33300))
TV = ProductInfo(12, "100012", "吸塵器", Money(129_000))
PINS = {"cashier": "1234", "supervisor": "246810"}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def _fake() -> FakeDatabase:
    db = FakeDatabase()
    for product in (TEA, RICE, TV):
        db.add_product(product)
    db.add_staff(2, 3, "王小明", "cashier", PINS["cashier"])
    db.add_staff(2, 4, "林主任", "supervisor", PINS["supervisor"])
    return db


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    database: Any = _fake() if request.param == "fake" else LocalDatabase(tmp_path / "counter.db")
    open_test_shift(database, STORE.location_id, opening_cents=500_000)
    yield database


def _sell(db: Any, *items: tuple[ProductInfo, int]) -> CompletedSale:
    cart = Cart()
    for product, qty in items:
        cart.add(product, qty)
    return SellingService(db, STORE, Clock()).complete_cash_sale(cart, CASHIER, cart.total)


def _returns(db: Any, staff: StaffService | None = None) -> ReturnsService:
    return ReturnsService(db, STORE, staff, Clock())


def test_a_sale_is_found_by_receipt_with_what_each_line_may_still_return(db: Any) -> None:
    sale = _sell(db, (TEA, 3), (RICE, 1))
    found = _returns(db).find(sale.receipt_no)
    assert [(line.sku, line.qty_sold, line.qty_returned) for line in found.lines] == [
        ("100010", 3, 0),
        ("100011", 1, 0),
    ]
    with pytest.raises(ReturnError) as refused:
        _returns(db).find("RS001-9-261125-9999")
    assert refused.value.code == "not_found"


def test_a_partial_return_refunds_cash_restocks_and_queues_one_op_in_one_transaction(
    db: Any,
) -> None:
    sale = _sell(db, (TEA, 3), (RICE, 1))
    service = _returns(db)
    tea = service.find(sale.receipt_no).lines[0]
    done = service.complete(
        sale.receipt_no, [ReturnChoice(tea.line_id, 2, "restock_here")], CASHIER
    )
    assert done.refund == Money(5000) and done.return_no.startswith("TS001-")
    assert done.receipt_no == sale.receipt_no
    assert service.find(sale.receipt_no).lines[0].qty_returned == 2
    assert service.find(sale.receipt_no).refunded == Money(5000)
    with db.snapshot() as uow:
        shift = uow.shifts.open_shift(STORE.location_id)
        (cash,) = uow.shifts.tender_totals(shift.shift_id)
        assert (cash.sales_cents, cash.refunds_count, cash.refunds_cents) == (40800, 1, 5000)
    # the drawer's expected cash: opening + sales - refunds
    report = ShiftService(
        db, STORE, StaffService(db, STORE.location_id), None, terminal="S001-1"
    ).report()
    assert report.expected_cents == 500_000 + 40800 - 5000
    ops = _outbox_ops(db)
    assert ops[-1]["type"] == "return"
    assert ops[-1]["payload"] == {
        "return_id": done.return_id,
        "sale_id": sale.sale_id,
        "refund_cents": 5000,
        "lines": [{"product_id": TEA.id, "qty": 2, "disposition": "restock_here"}],
        "tenders": [{"method": "cash", "amount_cents": 5000}],
    }


def test_more_than_sold_minus_returned_is_refused_and_writes_nothing(db: Any) -> None:
    sale = _sell(db, (TEA, 3))
    service = _returns(db)
    line = service.find(sale.receipt_no).lines[0].line_id
    service.complete(sale.receipt_no, [ReturnChoice(line, 2)], CASHIER)
    before = len(_outbox_ops(db))
    with pytest.raises(ReturnError) as refused:
        service.complete(sale.receipt_no, [ReturnChoice(line, 2)], CASHIER)
    assert refused.value.code == "more_than_sold"
    assert len(_outbox_ops(db)) == before
    assert service.find(sale.receipt_no).lines[0].qty_returned == 2
    for bad, code in (
        ([ReturnChoice("nope", 1)], "unknown_line"),
        ([ReturnChoice(line, 1, "lost")], "bad_disposition"),
        ([ReturnChoice(line, -1)], "bad_qty"),
        ([], "nothing_chosen"),
    ):
        with pytest.raises(ReturnError) as refused:
            service.complete(sale.receipt_no, bad, CASHIER)
        assert refused.value.code == code


def test_damaged_goods_move_no_stock_and_restocked_ones_do(db: Any) -> None:
    sale = _sell(db, (TEA, 2), (RICE, 2))
    service = _returns(db)
    tea, rice = service.find(sale.receipt_no).lines
    done = service.complete(
        sale.receipt_no,
        [
            ReturnChoice(tea.line_id, 1, "damaged"),
            ReturnChoice(rice.line_id, 2, "send_to_warehouse"),
        ],
        CASHIER,
    )
    assert done.refund == Money(2500 + 66600)
    deltas = _deltas_of(db, done.op_id)
    assert deltas == {RICE.id: 2}


def test_a_refund_above_the_cashiers_limit_needs_a_supervisor(db: Any) -> None:
    if not isinstance(db, FakeDatabase):
        pytest.skip("staff PINs come from the fakes")
    sale = _sell(db, (TV, 1))
    staff = StaffService(db, STORE.location_id)
    service = _returns(db, staff)
    line = service.find(sale.receipt_no).lines[0].line_id
    with pytest.raises(ReturnError) as refused:
        service.complete(sale.receipt_no, [ReturnChoice(line, 1)], CASHIER)
    assert refused.value.code == "approval_required"
    with pytest.raises(ApprovalRefused):
        staff.approve(PINS["cashier"], Action.REFUND_OVER_LIMIT)
    approval = staff.approve(PINS["supervisor"], Action.REFUND_OVER_LIMIT)
    done = service.complete(sale.receipt_no, [ReturnChoice(line, 1)], CASHIER, approval)
    assert done.refund == Money(129_000) and done.approved_by == "林主任"
    assert any(action == "return.refund_over_limit" for _, action, _ in db.state.audit)
    with pytest.raises(ApprovalRefused):  # an approval is used once
        service.complete(sale.receipt_no, [ReturnChoice(line, 1)], CASHIER, approval)


def test_no_return_without_an_open_shift() -> None:
    db = _fake()
    open_test_shift(db, STORE.location_id)
    sale = _sell(db, (TEA, 1))
    line = _returns(db).find(sale.receipt_no).lines[0].line_id
    with db.transaction() as uow:
        shift = uow.shifts.open_shift(STORE.location_id)
        uow.shifts.close(shift.shift_id, "2026-11-25T20:00:00+08:00", 3, (), 0, 0)
    with pytest.raises(ReturnError) as refused:
        _returns(db).complete(sale.receipt_no, [ReturnChoice(line, 1)], CASHIER)
    assert refused.value.code == "no_open_shift"


@settings(max_examples=200, deadline=None)
@given(
    qty=st.integers(1, 12),
    unit=st.integers(1, 99_999),
    discount=st.integers(0, 99),
    steps=st.lists(st.integers(1, 12), min_size=1, max_size=12),
)
def test_refunds_over_any_sequence_of_partial_returns_never_exceed_what_was_paid(
    qty: int, unit: int, discount: int, steps: list[int]
) -> None:
    line_total = (unit * qty * (100 - discount) // 100) * 100  # whole NT$, after a discount
    returned = refunded = 0
    for step in steps:
        take = min(step, qty - returned)
        if take == 0:
            break
        refund = line_refund_cents(line_total, qty, returned, take)
        assert refund >= 0 and refund % 100 == 0
        returned += take
        refunded += refund
        assert refunded <= line_total
    assert (returned == qty) == (refunded == line_total) or line_total == 0


@settings(max_examples=25, deadline=None)
@given(steps=st.lists(st.tuples(st.integers(0, 1), st.integers(1, 4)), min_size=1, max_size=6))
def test_the_service_never_refunds_more_than_the_sale_over_repeated_returns(
    steps: list[tuple[int, int]],
) -> None:
    db = _fake()
    open_test_shift(db, STORE.location_id)
    discounted = ProductInfo(13, "100013", "買三送一 餅乾", Money(3333))
    sale = _sell(db, (TEA, 3), (discounted, 4))
    service = _returns(db)
    lines = service.find(sale.receipt_no).lines
    for index, qty in steps:
        line = service.find(sale.receipt_no).lines[index]
        try:
            service.complete(sale.receipt_no, [ReturnChoice(lines[index].line_id, qty)], CASHIER)
        except ReturnError as refused:
            assert refused.code == "more_than_sold" and qty > line.returnable
    found = service.find(sale.receipt_no)
    assert found.refunded.cents <= sale.total.cents
    if all(line.returnable == 0 for line in found.lines):
        assert found.refunded == sale.total


def _outbox_ops(db: Any) -> list[dict[str, Any]]:
    if isinstance(db, FakeDatabase):
        return [{"type": op.type, "payload": op.payload} for op in db.state.outbox.values()]
    import json

    from sqlalchemy import select

    from counter_app.local.models import OutboxOp

    with db.transaction() as uow:
        rows = uow.session.scalars(
            select(OutboxOp).order_by(OutboxOp.created_at, OutboxOp.op_id)
        ).all()
        return [{"type": r.type, "payload": json.loads(r.payload)} for r in rows]


def _deltas_of(db: Any, op_id: str) -> dict[int, int]:
    if isinstance(db, FakeDatabase):
        return {pid: delta for op, _, pid, delta in db.state.deltas if op == op_id}
    from sqlalchemy import select

    from counter_app.local.models import PendingStockDelta

    with db.transaction() as uow:
        rows = uow.session.scalars(
            select(PendingStockDelta).where(PendingStockDelta.op_id == op_id)
        ).all()
        return {r.product_id: r.delta for r in rows}


SUPERVISOR = StaffMember(4, "林主任", "supervisor")
SPLIT_TENDERS = {t.code: t for t in DEFAULT_TENDERS if t.code in ("card", "linepay", "voucher")}
ALL_REFS = {"card": ("RF-1", "A1"), "linepay": ("LP-1", ""), "voucher": ("V-NEW-1", "")}


@settings(max_examples=40, deadline=None)
@given(
    discount=st.integers(0, 40),
    paid=st.lists(st.integers(1, 9), min_size=3, max_size=3),
    steps=st.lists(
        st.tuples(st.integers(0, 1), st.integers(1, 4), st.booleans()), min_size=1, max_size=6
    ),
)
def test_split_tender_refunds_stay_within_each_tender_over_any_partial_returns(
    discount: int, paid: list[int], steps: list[tuple[int, int, bool]]
) -> None:
    """A discounted sale paid by card, LINE Pay, a voucher and cash, returned in any
    steps (some all in cash instead): never more than paid, per tender (cash may stand in
    for the others) nor in all, each return's tenders add up to its refund, and the
    whole sale refunds each tender exactly what it paid when nothing was put in cash."""
    db = _fake()
    for tender in SPLIT_TENDERS.values():
        db.state.tenders[tender.code] = TenderRecord(
            tender.code, tender.name_zh, tender.name_en, tender.kind.value, True, True, 1
        )
    open_test_shift(db, STORE.location_id)
    cart = Cart()
    cart.add(TEA, 3)
    cart.add(RICE, 2)
    cart.discount = Discount(DiscountKind.PERCENT, discount) if discount else None
    split = PaymentSplit(cart.total.cents)
    for tender, tenth in zip(SPLIT_TENDERS.values(), paid, strict=True):
        split.add(tender, max(100, split.remaining_cents * tenth // 30 // 100 * 100), "T-1", "A")
    split.add(CASH, split.remaining_cents)
    sale = SellingService(db, STORE, Clock()).complete_sale(cart, CASHIER, split.payments)
    by_tender = {p.tender.code: p.amount_cents for p in sale.payments}
    service = ReturnsService(db, STORE, None, Clock(), voucher_refund="voucher")
    cash_instead = False
    for index, qty, to_cash in steps:
        line = service.find(sale.receipt_no).lines[index]
        if line.returnable == 0:
            continue
        done = service.complete(
            sale.receipt_no,
            [ReturnChoice(line.line_id, min(qty, line.returnable))],
            SUPERVISOR,
            refund_as=RefundAs(to_cash, ALL_REFS),
        )
        cash_instead = cash_instead or to_cash
        assert sum(p.amount_cents for p in done.tenders) == done.refund.cents
    with db.snapshot() as uow:
        refunded = uow.returns.refunded_by_tender(sale.sale_id)
    found = service.find(sale.receipt_no)
    assert sum(refunded.values()) == found.refunded.cents <= sale.total.cents
    for method, cents in by_tender.items():
        if method != "cash" or not cash_instead:
            assert refunded.get(method, 0) <= cents
    if all(line.returnable == 0 for line in found.lines):
        assert found.refunded == sale.total
        if not cash_instead:
            assert refunded == by_tender
