"""Exchanges on the in-memory fakes and on the till's SQLite file: the return and the new
sale in one transaction, the difference paid or refunded in cash (the shift's expected
cash moves by it), the return op linked to the new sale, the two-scan size swap, and a
refused exchange that leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from counter_app.core.cart import Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import Discount, DiscountKind
from counter_app.core.money import Money
from counter_app.core.tenders import DEFAULT_TENDERS, PaymentSplit
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.exchanges import ExchangeService, exchange_quote, route_scan
from counter_app.services.returns import ReturnChoice, ReturnError, ReturnsService
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
SHIRT_M = ProductInfo(20, "200020", "棉質T恤 M", Money(59_000))
SHIRT_L = ProductInfo(21, "200021", "棉質T恤 L", Money(59_000))
JACKET = ProductInfo(22, "200022", "防風外套", Money(159_000))
SOCKS = ProductInfo(23, "200023", "運動襪", Money(9_900))
CARD = next(t for t in DEFAULT_TENDERS if t.code == "card")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    database: Any = FakeDatabase() if request.param == "fake" else LocalDatabase(tmp_path / "c.db")
    open_test_shift(database, STORE.location_id, opening_cents=500_000)
    yield database


def _sell(db: Any, *items: tuple[ProductInfo, int]) -> CompletedSale:
    cart = Cart()
    for product, qty in items:
        cart.add(product, qty)
    return SellingService(db, STORE, Clock()).complete_cash_sale(cart, CASHIER, cart.total)


def _services(db: Any) -> tuple[ReturnsService, ExchangeService]:
    returns = ReturnsService(db, STORE, None, Clock())
    return returns, ExchangeService(db, STORE, returns, Clock())


def _cart(*items: tuple[ProductInfo, int]) -> Cart:
    cart = Cart()
    for product, qty in items:
        cart.add(product, qty)
    return cart


def _expected_cash(db: Any) -> int:
    staff = StaffService(db, STORE.location_id)
    return ShiftService(db, STORE, staff, None, terminal="S001-1").report().expected_cents


def test_exchange_arithmetic() -> None:
    assert exchange_quote(59_000, 159_000).to_pay == Money(100_000)
    assert exchange_quote(59_000, 9_900).to_refund == Money(49_100)
    even = exchange_quote(59_000, 59_000)
    assert (even.to_pay, even.to_refund, even.net) == (Money(0), Money(0), Money(0))


def test_a_size_swap_takes_two_scans_and_moves_no_cash(db: Any) -> None:
    sale = _sell(db, (SHIRT_M, 1), (SOCKS, 2))
    returns, exchanges = _services(db)
    before = _expected_cash(db)
    found = returns.find(sale.receipt_no)
    chosen: dict[str, int] = {}
    # Scan 1: the M shirt is on the receipt: it comes back.
    line = route_scan(found, chosen, SHIRT_M.id)
    assert line == found.lines[0].line_id
    chosen[line] = 1
    # Scan 2: the L shirt is not on the receipt: it goes out. So would the M shirt again.
    assert route_scan(found, chosen, SHIRT_L.id) is None
    assert route_scan(found, chosen, SHIRT_M.id) is None
    done = exchanges.complete(
        sale.receipt_no, [ReturnChoice(line, 1)], _cart((SHIRT_L, 1)), CASHIER
    )
    assert done.quote.net == Money(0) and done.tendered == Money(0)
    assert done.receipt_no.startswith("RS001") and done.returned.receipt_no == sale.receipt_no
    assert _expected_cash(db) == before  # +590 sale, -590 refund
    ops = _ops(db)
    [ret] = [o for o in ops if o["type"] == "return"]
    [new_sale] = [o for o in ops if o["type"] == "sale" and o["op_id"] == done.sale_op_id]
    assert ret["payload"]["exchange_sale_id"] == done.sale_id == new_sale["payload"]["sale_id"]
    assert new_sale["payload"]["lines"][0]["product_id"] == SHIRT_L.id
    assert _deltas(db, done.returned.op_id) == {SHIRT_M.id: 1}
    assert _deltas(db, done.sale_op_id) == {SHIRT_L.id: -1}
    # The new sale is in the journal: its receipt can be returned in turn.
    assert returns.find(done.receipt_no).lines[0].product_id == SHIRT_L.id


def test_the_customer_pays_the_difference_in_cash(db: Any) -> None:
    sale = _sell(db, (SHIRT_M, 1))
    returns, exchanges = _services(db)
    line = returns.find(sale.receipt_no).lines[0].line_id
    before = _expected_cash(db)
    with pytest.raises(CartError) as short:
        exchanges.complete(
            sale.receipt_no, [ReturnChoice(line, 1)], _cart((JACKET, 1)), CASHIER, Money(50_000)
        )
    assert short.value.code == "insufficient_tender"
    assert _expected_cash(db) == before and returns.find(sale.receipt_no).lines[0].returnable == 1
    done = exchanges.complete(
        sale.receipt_no, [ReturnChoice(line, 1)], _cart((JACKET, 1)), CASHIER, Money(200_000)
    )
    assert done.quote.to_pay == Money(100_000) and done.change == Money(100_000)
    assert _expected_cash(db) == before + 100_000


def test_the_customer_gets_the_difference_back_in_cash(db: Any) -> None:
    sale = _sell(db, (SHIRT_M, 2))
    returns, exchanges = _services(db)
    line = returns.find(sale.receipt_no).lines[0].line_id
    before = _expected_cash(db)
    done = exchanges.complete(sale.receipt_no, [ReturnChoice(line, 1)], _cart((SOCKS, 1)), CASHIER)
    assert done.quote.to_refund == Money(49_100) and done.tendered == Money(0)
    assert _expected_cash(db) == before - 49_100
    assert returns.find(sale.receipt_no).lines[0].qty_returned == 1


def test_a_refused_exchange_records_neither_the_return_nor_the_sale(db: Any) -> None:
    sale = _sell(db, (SHIRT_M, 1))
    returns, exchanges = _services(db)
    line = returns.find(sale.receipt_no).lines[0].line_id
    count = len(_ops(db))
    with pytest.raises(ReturnError) as refused:
        exchanges.complete(sale.receipt_no, [ReturnChoice(line, 2)], _cart((SHIRT_L, 1)), CASHIER)
    assert refused.value.code == "more_than_sold"
    with pytest.raises(CartError) as empty:
        exchanges.complete(sale.receipt_no, [ReturnChoice(line, 1)], Cart(), CASHIER)
    assert empty.value.code == "cart_empty"
    assert len(_ops(db)) == count


def _ops(db: Any) -> list[dict[str, Any]]:
    if isinstance(db, FakeDatabase):
        return [
            {"op_id": o.op_id, "type": o.type, "payload": o.payload}
            for o in db.state.outbox.values()
        ]
    import json

    from sqlalchemy import text

    with db.unit_of_work() as session:
        rows = session.execute(text("SELECT op_id, type, payload FROM outbox")).all()
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


def test_an_exchange_in_the_invoices_period_voids_the_old_invoice_and_issues_a_new_one(
    db: Any,
) -> None:
    from counter_app.core.einvoice import Booklet
    from counter_app.services.einvoice import EinvoiceService
    from tests.unit.services.test_einvoice import SETTINGS

    invoicing = EinvoiceService(db, SETTINGS, Clock())
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(7, "11512", "AB", 12345600, 12345649, "07", 12345600)])
    cart = _cart((SHIRT_M, 1))
    sale = SellingService(db, STORE, Clock(), invoicing).complete_cash_sale(
        cart, CASHIER, cart.total
    )
    assert sale.invoice is not None
    returns = ReturnsService(db, STORE, None, Clock(), invoicing=invoicing)
    exchanges = ExchangeService(db, STORE, returns, Clock(), invoicing=invoicing)
    line = returns.find(sale.receipt_no).lines[0].line_id
    done = exchanges.complete(
        sale.receipt_no, [ReturnChoice(line, 1)], _cart((SHIRT_L, 1)), CASHIER
    )
    assert done.returned.settlement is not None
    assert (done.returned.settlement.kind, done.returned.settlement.number) == (
        "void",
        sale.invoice.number,
    )
    assert done.invoice is not None and done.invoice.number != sale.invoice.number
    assert done.invoice.total_cents == 59_000
    with db.snapshot() as uow:
        assert uow.einvoices.of_sale(sale.sale_id).voided_at is not None
        assert uow.einvoices.of_sale(done.sale_id).number == done.invoice.number


def test_an_exchanges_new_sale_is_recorded_as_at_checkout(db: Any) -> None:
    """The new goods keep their discount, the difference paid by card keeps its
    reference and approval code, and the sale screen's open cart is left alone."""
    sale = _sell(db, (SHIRT_M, 1))
    returns, exchanges = _services(db)
    line = returns.find(sale.receipt_no).lines[0].line_id
    new = _cart((JACKET, 1))
    new.discount = Discount(DiscountKind.PERCENT, 10)
    assert new.total == Money(143_100)
    with db.transaction() as uow:
        uow.carts.save_open(STORE.location_id, CASHIER.id, "2026-11-25T09:00:00+08:00", "{}")
    before = _expected_cash(db)
    split = PaymentSplit(143_100 - 59_000)
    short = PaymentSplit(10_000)
    short.add(CARD, 10_000, "TXN-0", "A0")
    count = len(_ops(db))
    with pytest.raises(CartError) as wrong:  # the difference's payments do not add up
        exchanges.complete(
            sale.receipt_no, [ReturnChoice(line, 1)], new, CASHIER, payments=short.payments
        )
    assert wrong.value.code == "payments_do_not_match" and len(_ops(db)) == count
    split.add(CARD, split.remaining_cents, "TXN-9", "A1")
    done = exchanges.complete(
        sale.receipt_no, [ReturnChoice(line, 1)], new, CASHIER, payments=split.payments
    )
    assert [(p.tender.code, p.amount_cents, p.reference) for p in done.payments] == [
        ("cash", 59_000, None),
        ("card", 84_100, "TXN-9"),
    ]
    assert done.new_lines[0].discount == Money(15_900) and done.tendered == Money(0)
    with db.snapshot() as uow:
        recorded = uow.sales.by_receipt_no(done.receipt_no)
        assert uow.carts.open_cart(STORE.location_id) == "{}"
    assert recorded is not None
    assert recorded.lines[0].discount_cents == 15_900
    assert recorded.lines[0].list_price_cents == 159_000
    assert recorded.payments[1].reference == "TXN-9"
    assert recorded.payments[1].approval_code == "A1"
    body = next(o for o in _ops(db) if o["op_id"] == done.sale_op_id)["payload"]
    assert body["lines"][0]["discount_cents"] == 15_900
    assert body["payments"][1]["reference"] == "TXN-9"
    # The credit came in as cash and went out as the return's cash refund: the card paid
    # the difference, so the drawer did not move.
    assert _expected_cash(db) == before
