from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from counter_app.core.cart import Cart, CartError
from counter_app.core.money import Money
from counter_app.local import outbox
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp, Payment, Sale, SaleLine
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.selling import TAIWAN, SellingService
from tests.shift_testkit import open_test_shift

STORE = StoreContext(2, "S001", "台北信義店")


@pytest.fixture(autouse=True)
def _open_shift(db: LocalDatabase) -> None:
    open_test_shift(db, STORE.location_id)  # SellingService sells only in an open shift
CASHIER = StaffMember(3, "王小明", "cashier")


def fixed_clock() -> datetime:
    return datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)


def test_a_cash_sale_writes_journal_outbox_and_local_stock_together(db: LocalDatabase) -> None:
    catalog = CatalogService(db)
    cart = Cart()
    cart.add(catalog.find_by_code("4710000000010"), 2)
    cart.add(catalog.find_by_code("100011"))
    sale = SellingService(db, STORE, fixed_clock).complete_cash_sale(cart, CASHIER, Money.from_dollars(100))
    assert sale.receipt_no == "RS001-261125-0001"
    assert sale.total == Money(2 * 2500 + 3900)
    assert sale.change == Money(10000 - 8900)
    with db.read() as s:
        assert s.get(Sale, sale.sale_id).total_cents == 8900
        assert len(s.scalars(select(SaleLine).where(SaleLine.sale_id == sale.sale_id)).all()) == 2
        assert s.scalars(select(Payment)).one().tendered_cents == 10000
        op = s.get(OutboxOp, sale.op_id)
        payload = json.loads(op.payload)
    assert op.type == "sale" and op.state == "ready"
    assert payload["sale_id"] == sale.sale_id and payload["total_cents"] == 8900
    assert [line["qty"] for line in payload["lines"]] == [2, 1]
    # Store stock shows the sale before the server has heard of it.
    store = next(f for f in catalog.stock(10) if f.location_id == 2)
    assert (store.on_hand, store.pending_local) == (3, -2)


def test_receipt_numbers_count_up_per_day(db: LocalDatabase) -> None:
    catalog = CatalogService(db)
    service = SellingService(db, STORE, fixed_clock)
    numbers = []
    for _ in range(3):
        cart = Cart()
        cart.add(catalog.find_by_code("4710000000041"))
        numbers.append(service.complete_cash_sale(cart, CASHIER, Money(2200)).receipt_no)
    assert numbers == ["RS001-261125-0001", "RS001-261125-0002", "RS001-261125-0003"]


def test_a_refused_sale_writes_nothing(db: LocalDatabase) -> None:
    catalog = CatalogService(db)
    service = SellingService(db, STORE, fixed_clock)
    cart = Cart()
    cart.add(catalog.find_by_code("4710000000041"))
    with pytest.raises(CartError) as info:
        service.complete_cash_sale(cart, CASHIER, Money(100))
    assert info.value.code == "tender_too_small"
    with pytest.raises(CartError):
        service.complete_cash_sale(Cart(), CASHIER, Money(100))
    with db.read() as s:
        assert s.scalars(select(Sale)).all() == []
        assert outbox.stats(s).waiting == 0
