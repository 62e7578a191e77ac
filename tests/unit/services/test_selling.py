from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.core.cart import Cart, CartError
from counter_app.core.money import Money
from counter_app.local import outbox, sync_state
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


def _enrolled_as(db: LocalDatabase, device_id: int, till_no: int | None) -> None:
    with db.unit_of_work() as s:
        sync_state.set_value(s, sync_state.DEVICE_ID_KEY, str(device_id))
        sync_state.set_value(s, sync_state.TILL_NO_KEY, str(till_no) if till_no else "")


def _sell_one(db: LocalDatabase) -> str:
    cart = Cart()
    cart.add(CatalogService(db).find_by_code("4710000000041"))
    return (
        SellingService(db, STORE, fixed_clock)
        .complete_cash_sale(cart, CASHIER, Money(2200))
        .receipt_no
    )


def test_a_cash_sale_writes_journal_outbox_and_local_stock_together(db: LocalDatabase) -> None:
    catalog = CatalogService(db)
    cart = Cart()
    cart.add(catalog.find_by_code("4710000000010"), 2)
    cart.add(catalog.find_by_code("100011"))
    _enrolled_as(db, 7, 3)
    sale = SellingService(db, STORE, fixed_clock).complete_cash_sale(
        cart, CASHIER, Money.from_dollars(100)
    )
    assert sale.receipt_no == "RS001-3-261125-0001"
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
    _enrolled_as(db, 7, 3)
    numbers = [_sell_one(db) for _ in range(3)]
    assert numbers == ["RS001-3-261125-0001", "RS001-3-261125-0002", "RS001-3-261125-0003"]


def test_two_tills_of_one_store_never_issue_the_same_number(
    db: LocalDatabase, tmp_path: Path
) -> None:
    """Issue 8.1: each till counted from 1 per day and both printed RS001-261125-0001."""
    with sqlite3.connect(db.path) as source, sqlite3.connect(tmp_path / "till2.db") as copy:
        source.backup(copy)  # a second till with the same catalog
    other = LocalDatabase(tmp_path / "till2.db")
    _enrolled_as(db, 7, 1)
    _enrolled_as(other, 8, 2)
    try:
        first = [_sell_one(db) for _ in range(3)]
        second = [_sell_one(other) for _ in range(3)]
    finally:
        other.dispose()
    assert not set(first) & set(second)
    assert first[0] == "RS001-1-261125-0001" and second[0] == "RS001-2-261125-0001"


def test_a_till_enrolled_before_till_numbers_uses_its_device_id_until_it_learns_its_number(
    db: LocalDatabase,
) -> None:
    _enrolled_as(db, 17, None)
    assert _sell_one(db) == "RS001-D17-261125-0001"
    _enrolled_as(db, 17, 4)  # the relay learnt it from GET /devices/me
    assert _sell_one(db) == "RS001-4-261125-0002"


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
