"""The Z report's invoice register (發票日報) counts each invoice number in the shift it was
issued in (a replacement in its return's shift, not the original sale's) and each void in
the shift of the void; so the registers of all shifts add up to the till's invoices
table, whatever sales, returns, exchanges and shift changes came in between (a property
test on the in-memory fakes and on the till's SQLite file)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from counter_app.core.cart import Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice import Booklet, InvoiceRecord, invoice_register
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.core.records import ShiftRecord
from counter_app.local.db import LocalDatabase
from counter_app.local.models import Einvoice, OutboxOp, Shift
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.exchanges import ExchangeService
from counter_app.services.returns import ReturnChoice, ReturnError, ReturnsService
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "supervisor")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
CHIPS = ProductInfo(11, "100011", "樂事 原味洋芋片 85g", Money(3900))
SETTINGS = EinvoiceSettings(seller_id="04595257", aes_key_hex="0" * 32, numbers_ahead=10)
START = datetime(2026, 12, 30, 9, 0, tzinfo=TAIWAN)


class Till:
    """A till with an open shift, numbers of two periods, and a clock tests move."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.now = START
        open_test_shift(db, STORE.location_id)
        with db.transaction() as uow:
            uow.einvoices.add_booklets(
                [
                    Booklet(7, "11512", "AB", 12345600, 12345799, "07", 12345600),
                    Booklet(8, "11602", "CD", 22345600, 22345799, "07", 22345600),
                ]
            )
        clock = lambda: self.now  # noqa: E731
        self.invoicing = EinvoiceService(db, SETTINGS, clock)
        self.selling = SellingService(db, STORE, clock, self.invoicing)
        self.returns = ReturnsService(db, STORE, None, clock, invoicing=self.invoicing)
        self.exchanges = ExchangeService(
            db, STORE, self.returns, clock, invoicing=self.invoicing, selling=self.selling
        )
        self.shifts = ShiftService(db, STORE, StaffService(db, STORE.location_id), clock=clock)
        self.sales: list[CompletedSale] = []

    def sell(self, teas: int, chips: int) -> CompletedSale:
        cart = Cart()
        if teas:
            cart.add(TEA, teas)
        if chips:
            cart.add(CHIPS, chips)
        sold = self.selling.complete_cash_sale(cart, CASHIER, cart.total)
        self.sales.append(sold)
        return sold

    def choices(self, receipt_no: str, pieces: int) -> list[ReturnChoice]:
        """Up to ``pieces`` of what is left of the sale, line by line."""
        picks = []
        for line in self.returns.find(receipt_no).lines:
            take = min(pieces, line.returnable)
            if take:
                picks.append(ReturnChoice(line.line_id, take))
                pieces -= take
        return picks

    def take_back(self, index: int, pieces: int) -> None:
        sold = self.sales[index % len(self.sales)]
        picks = self.choices(sold.receipt_no, pieces)
        if picks:
            self.returns.complete(sold.receipt_no, picks, CASHIER)

    def exchange(self, index: int, pieces: int) -> None:
        sold = self.sales[index % len(self.sales)]
        picks = self.choices(sold.receipt_no, pieces)
        if not picks:
            return
        new = Cart()
        new.add(TEA, 1)
        done = self.exchanges.complete(sold.receipt_no, picks, new, CASHIER)
        self.sales.append(
            CompletedSale(
                sale_id=done.sale_id,
                receipt_no=done.receipt_no,
                op_id=done.sale_op_id,
                created_at=self.now,
                cashier_name=CASHIER.name,
                lines=done.new_lines,
                total=done.quote.new_total,
                tendered=done.tendered,
                change=done.change,
                invoice=done.invoice,
            )
        )

    def next_shift(self) -> str:
        """Close the open shift and open the next; answers the closed one's id."""
        with self.db.transaction() as uow:
            shift = uow.shifts.open_shift(STORE.location_id)
            uow.shifts.close(shift.shift_id, self.now.isoformat(), CASHIER.id, (), 0, 0)
            uow.shifts.add(
                ShiftRecord(
                    uuid7(), STORE.location_id, self.now.isoformat(), 1, "測試員", (), 0, None
                )
            )
        return shift.shift_id

    def shift_ids(self) -> list[str]:
        """Every shift of the till, closed and open (the shifts table)."""
        if isinstance(self.db, LocalDatabase):
            with self.db.read() as session:
                return sorted(session.scalars(select(Shift.shift_id)))
        return sorted(self.db.state.shifts)

    def invoices(self) -> list[InvoiceRecord]:
        """The till's invoices table, every row."""
        if isinstance(self.db, LocalDatabase):
            with self.db.read() as session:
                numbers = list(session.scalars(select(Einvoice.number)))
            with self.db.snapshot() as uow:
                return [uow.einvoices.by_number(n) for n in numbers]
        return list(self.db.state.invoices.values())


@pytest.fixture(params=["sqlite", "fakes"])
def till(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Till]:
    db: Any = (
        LocalDatabase(tmp_path / "counter.db") if request.param == "sqlite" else FakeDatabase()
    )
    yield Till(db)
    if isinstance(db, LocalDatabase):
        db.dispose()


def _close_with_z(till: Till) -> Any:
    """Close the shift by the service (its Z report) once every op counts as sent."""
    if isinstance(till.db, LocalDatabase):
        with till.db.unit_of_work() as session:
            session.execute(update(OutboxOp).values(state="done"))
    else:
        for number, op in list(till.db.state.outbox.items()):
            till.db.state.outbox[number] = type(op)(**{**op.__dict__, "state": "done"})
    return till.shifts.close(CASHIER, {100: 1})


def test_a_replacement_and_its_void_count_in_the_shift_of_the_return(till: Till) -> None:
    sold = till.sell(4, 1)  # NT$139, AB12345600, in the first shift
    first = _close_with_z(till)
    assert first.invoices is not None  # the Z report carries the register
    assert (first.invoices.first, first.invoices.issued, first.invoices.voided) == (
        "AB12345600",
        1,
        0,
    )
    assert first.invoices.total_cents == 13900
    till.shifts.open(CASHIER, {100: 1})
    till.now = START + timedelta(hours=5)
    till.returns.complete(sold.receipt_no, till.choices(sold.receipt_no, 2), CASHIER)  # 2 teas
    report = till.shifts.report()
    assert report.invoices is not None
    # The replacement was issued now, in this shift; the void of the original too.
    assert (report.invoices.first, report.invoices.last) == ("AB12345601", "AB12345601")
    assert (report.invoices.issued, report.invoices.voided) == (1, 1)
    assert (report.invoices.issued_cents, report.invoices.voided_cents) == (8900, 13900)
    assert report.invoices.total_cents == 8900 - 13900
    # The first shift's register is what its Z report said: issued 1, voided none.
    with till.db.snapshot() as uow:
        again = invoice_register(uow.einvoices.of_shift(first.shift.shift_id), first.shift.shift_id)
    assert (again.issued, again.voided, again.total_cents) == (1, 0, 13900)
    # And the printed register of the second shift says the void.
    text = report.document("信義", "S001-1").plain_text(42)
    lines = {line.split()[0]: line.split()[-1] for line in text.splitlines() if line.split()}
    assert (lines["開立張數"], lines["作廢張數"]) == ("1", "1")
    assert "139" in lines["作廢金額"]


def test_a_shift_with_only_a_void_prints_its_register(till: Till) -> None:
    sold = till.sell(1, 0)
    _close_with_z(till)
    till.shifts.open(CASHIER, {100: 1})
    till.returns.complete(sold.receipt_no, till.choices(sold.receipt_no, 1), CASHIER)
    report = till.shifts.report()
    assert report.invoices is not None
    assert (report.invoices.issued, report.invoices.voided, report.invoices.first) == (0, 1, None)
    assert "電子發票日報" in report.document("信義", "S001-1").plain_text(42)


STEPS = st.one_of(
    st.tuples(st.just("sell"), st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("return"), st.integers(0, 20), st.integers(1, 4)),
    st.tuples(st.just("exchange"), st.integers(0, 20), st.integers(1, 3)),
    st.tuples(st.just("shift"), st.just(0), st.just(0)),
    st.tuples(st.just("later"), st.integers(1, 40), st.just(0)),  # hours: Jan 1 is 39 away
)
# A sale first, so the returns and exchanges have something to take back.
ACTIONS = st.tuples(st.just("sell"), st.integers(1, 3), st.integers(0, 2)).flatmap(
    lambda first: st.lists(STEPS, min_size=1, max_size=25).map(lambda rest: [first, *rest])
)


def _play(till: Till, actions: list[tuple[str, int, int]]) -> None:
    for kind, a, b in actions:
        try:
            if kind == "sell" and a + b:
                till.sell(a, b)
            elif kind == "return" and till.sales:
                till.take_back(a, b)
            elif kind == "exchange" and till.sales:
                till.exchange(a, b)
            elif kind == "shift":
                till.next_shift()
            elif kind == "later":
                till.now += timedelta(hours=a)  # may cross into the next period
        except (ReturnError, CartError) as refused:
            # Nothing left to return, or an invoice already fully allowed: refused, and
            # nothing written; anything else is a failure.
            assert refused.code in ("more_than_sold", "nothing_chosen", "einvoice_nothing_to_allow")


def _check(till: Till) -> None:
    invoices = till.invoices()
    with till.db.snapshot() as uow:
        registers = {s: invoice_register(uow.einvoices.of_shift(s), s) for s in till.shift_ids()}
        issued_in = {
            s: {i.number for i in uow.einvoices.of_shift(s) if i.shift_id == s} for s in registers
        }
    assert sum(r.issued for r in registers.values()) == len(invoices)
    assert sum(r.voided for r in registers.values()) == sum(
        i.voided_at is not None for i in invoices
    )
    live = sum(i.total_cents for i in invoices if i.voided_at is None)
    assert sum(r.total_cents for r in registers.values()) == live
    for invoice in invoices:
        # Each number in exactly one shift's register: the one it was issued in.
        holders = [s for s, numbers in issued_in.items() if invoice.number in numbers]
        assert holders == [invoice.shift_id]
        if invoice.voided_at is not None:
            assert invoice.void_shift_id is not None
    for shift_id, register in registers.items():
        numbers = sorted(
            issued_in[shift_id],
            key=lambda n: next((i.issued_at, i.number) for i in invoices if i.number == n),
        )
        assert (register.first, register.last) == (
            (numbers[0], numbers[-1]) if numbers else (None, None)
        )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ACTIONS)
def test_the_registers_of_all_shifts_add_up_to_the_invoices_on_the_fakes(
    actions: list[tuple[str, int, int]],
) -> None:
    till = Till(FakeDatabase())
    _play(till, actions)
    _check(till)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ACTIONS)
def test_the_registers_of_all_shifts_add_up_to_the_invoices_on_sqlite(
    actions: list[tuple[str, int, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = LocalDatabase(Path(folder) / "counter.db")
        try:
            till = Till(db)
            _play(till, actions)
            _check(till)
        finally:
            db.dispose()
