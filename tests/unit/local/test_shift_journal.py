"""The open shift is in the till's SQLite journal: a restart (a crash, a power cut)
finds it, and the database itself refuses a second open shift for the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from counter_app.core.cart import Cart
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.core.records import ShiftRecord
from counter_app.local.db import LocalDatabase
from counter_app.local.models import Shift
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.selling import SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")


def test_an_open_shift_and_its_sales_survive_a_restart(db: LocalDatabase, tmp_path: Path) -> None:
    shifts = ShiftService(db, STORE, StaffService(db, STORE.location_id))
    shift = shifts.open(CASHIER, {1000: 2, 50: 1})
    cart = Cart()
    cart.add(CatalogService(db).find_by_code("4710000000010"), 2)
    sale = SellingService(db, STORE).complete_cash_sale(cart, CASHIER, Money(10000))
    shifts.cash_out(CASHIER, Money.from_dollars(30), "郵資")
    db.dispose()  # the process ends without closing anything

    again = LocalDatabase(tmp_path / "counter.db")
    try:
        after = ShiftService(again, STORE, StaffService(again, STORE.location_id))
        assert after.current() == shift
        report = after.report()
        assert (report.sale_count, report.cash_sales_cents, report.cash_out_cents) == (
            1,
            sale.total.cents,
            3000,
        )
        assert report.expected_cents == 205_000 + sale.total.cents - 3000
    finally:
        again.dispose()


def test_the_database_refuses_a_second_open_shift(db: LocalDatabase) -> None:
    def shift() -> ShiftRecord:
        return ShiftRecord(uuid7(), 2, "2026-11-25T08:00:00+08:00", 3, "王小明", (), 0, None)

    with db.transaction() as uow:
        uow.shifts.add(shift())
    with pytest.raises((IntegrityError, ValueError)), db.transaction() as uow:
        uow.shifts.add(shift())
    with (
        pytest.raises(IntegrityError),
        db.unit_of_work() as session,
    ):  # the index, not only the check
        session.add(
            Shift(
                shift_id=uuid7(),
                location_id=2,
                opened_at="x",
                opened_by=3,
                opened_by_name="x",
                opening_count="{}",
                opening_cents=0,
            )
        )
        session.flush()
