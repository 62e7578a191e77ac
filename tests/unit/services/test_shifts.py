"""Shifts and cash control on the in-memory fakes: open with a counted float, cash in and
out, the X report, the close with a count, the Z report and its ``shift.close`` op."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.core.cart import Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.receipts import Document
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.shifts import DENOMINATIONS, ShiftError, ShiftService, count_cents
from counter_app.services.staff import StaffService
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
PINS = {"cashier": "1234", "supervisor": "246810", "manager": "13579135"}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 8, 0, tzinfo=TAIWAN)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[tuple[str | None, Document]] = []

    def submit(self, document: Document, *, title: str | None = None) -> str:
        self.documents.append((title, document))
        return str(len(self.documents))

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        return "drawer"


def _database() -> FakeDatabase:
    db = FakeDatabase()
    db.add_product(TEA, "4710000000010")
    db.add_staff(2, 3, "王小明", "cashier", PINS["cashier"])
    db.add_staff(2, 4, "林主任", "supervisor", PINS["supervisor"])
    return db


@pytest.fixture
def db() -> Iterator[FakeDatabase]:
    yield _database()


def _services(
    db: FakeDatabase, output: RecordingOutput | None = None
) -> tuple[ShiftService, SellingService, StaffService]:
    clock = Clock()
    staff = StaffService(db, STORE.location_id)
    return (
        ShiftService(db, STORE, staff, output, terminal="S001-1", clock=clock),
        SellingService(db, STORE, clock),
        staff,
    )


def _sell(selling: SellingService, qty: int = 1) -> Any:
    cart = Cart()
    cart.add(TEA, qty)
    return selling.complete_cash_sale(cart, CASHIER, cart.total)


def _acknowledge_everything(db: FakeDatabase) -> None:
    for op in db.state.outbox.values():
        op.state = "done"


def test_no_sale_without_an_open_shift_and_nothing_is_written(db: FakeDatabase) -> None:
    shifts, selling, _staff = _services(db)
    with pytest.raises(CartError) as refused:
        _sell(selling)
    assert refused.value.code == "no_open_shift"
    assert db.state.sales == {} and db.state.outbox == {}

    shifts.open(CASHIER, {100: 5})
    sale = _sell(selling)
    assert db.state.shift_sales == {sale.sale_id: shifts.current().shift_id}  # type: ignore[union-attr]


def test_the_opening_count_is_checked_against_the_previous_close(db: FakeDatabase) -> None:
    shifts, _selling, _staff = _services(db)
    assert shifts.expected_opening() is None
    first = shifts.open(CASHIER, {1000: 2, 100: 5, 50: 2, 1: 3})
    assert first.opening_cents == count_cents({1000: 2, 100: 5, 50: 2, 1: 3}) == 260_300
    assert first.expected_opening_cents is None
    with pytest.raises(ShiftError) as twice:
        shifts.open(CASHIER, {})
    assert twice.value.code == "shift_already_open"

    shifts.close(CASHIER, {1000: 2, 100: 5})
    assert shifts.expected_opening() == Money.from_dollars(2500)
    _acknowledge_everything(db)
    second = shifts.open(CASHIER, {1000: 2, 100: 4})  # NT$100 went missing between shifts
    assert second.expected_opening_cents == 250_000
    assert second.opening_cents == 240_000
    assert db.state.audit[-1] == (
        CASHIER.id,
        "shift.opening_difference",
        {"shift_id": second.shift_id, "expected_cents": 250_000, "counted_cents": 240_000},
    )


@pytest.mark.parametrize(
    ("count", "code"),
    [
        ({3: 1}, "bad_count"),
        ({100: -1}, "bad_count"),
        ({100: 10**6}, "bad_count"),
        ({2000: 99_999}, "amount_too_large"),
    ],
)
def test_a_count_with_an_unknown_denomination_or_absurd_pieces_is_refused(
    db: FakeDatabase, count: dict[int, int], code: str
) -> None:
    shifts, _selling, _staff = _services(db)
    with pytest.raises(ShiftError) as refused:
        shifts.open(CASHIER, count)
    assert refused.value.code == code
    assert db.state.shifts == {}


def test_cash_in_and_out_need_a_reason_and_an_open_shift_and_move_the_expected_cash(
    db: FakeDatabase,
) -> None:
    shifts, selling, _staff = _services(db)
    with pytest.raises(ShiftError) as closed:
        shifts.cash_in(CASHIER, Money.from_dollars(100), "零錢")
    assert closed.value.code == "no_open_shift"
    shifts.open(CASHIER, {100: 10})
    with pytest.raises(ShiftError) as no_reason:
        shifts.cash_out(CASHIER, Money.from_dollars(100), "  ")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(ShiftError) as nothing:
        shifts.cash_in(CASHIER, Money(0), "零錢")
    assert nothing.value.code == "amount_required"
    with pytest.raises(ShiftError) as too_much:
        shifts.cash_out(CASHIER, Money.from_dollars(1001), "銀行")
    assert too_much.value.code == "not_enough_cash"

    shifts.cash_in(CASHIER, Money.from_dollars(500), "換零錢")
    _sell(selling, 2)  # NT$50 cash
    shifts.cash_out(CASHIER, Money.from_dollars(300), "買文具")
    x = shifts.report()
    assert x.kind == "X"
    assert (x.opening_cents, x.cash_sales_cents, x.cash_in_cents, x.cash_out_cents) == (
        100_000,
        5_000,
        50_000,
        30_000,
    )
    assert x.expected_cents == 100_000 + 5_000 + 50_000 - 30_000
    assert [(t.method, t.sales_count, t.sales_cents) for t in x.tenders] == [("cash", 1, 5_000)]


def test_close_records_the_difference_queues_shift_close_and_prints_the_z_report(
    db: FakeDatabase,
) -> None:
    output = RecordingOutput()
    shifts, selling, _staff = _services(db, output)
    shift = shifts.open(CASHIER, {100: 10})
    _sell(selling, 4)  # NT$100
    _acknowledge_everything(db)
    z = shifts.close(CASHIER, {1000: 1, 50: 1})  # NT$1050 counted, NT$1100 expected
    assert (z.expected_cents, z.counted_cents, z.difference_cents) == (110_000, 105_000, -5_000)
    assert shifts.current() is None
    closed = db.state.shifts[shift.shift_id]
    assert (closed.counted_cents, closed.expected_cents, closed.closing_count) == (
        105_000,
        110_000,
        ((50, 1), (1000, 1)),
    )
    [op] = [o for o in db.state.outbox.values() if o.type == "shift.close"]
    assert op.entity_key == f"shift:{shift.shift_id}"
    assert (
        op.payload
        | {
            "expected_cents": 110_000,
            "counted_cents": 105_000,
            "difference_cents": -5_000,
            "cash_sales_cents": 10_000,
            "sale_count": 1,
            "opening_cents": 100_000,
            "staff_id": CASHIER.id,
        }
        == op.payload
    )
    assert op.payload["report"]["closing_count"] == {"50": 1, "1000": 1}
    assert op.payload["report"]["tenders"] == [
        {
            "method": "cash",
            "sales_count": 1,
            "sales_cents": 10_000,
            "refunds_count": 0,
            "refunds_cents": 0,
        }
    ]

    shifts.print_report(z)
    [(_title, document)] = output.documents
    text = document.plain_text(42)
    assert "Z 報表" in text and "應有現金" in text and "NT$1,100" in text and "-NT$50" in text


def test_closing_with_operations_waiting_needs_a_supervisors_approval_and_is_audited(
    db: FakeDatabase,
) -> None:
    shifts, selling, staff = _services(db)
    shift = shifts.open(CASHIER, {100: 1})
    _sell(selling)  # its op waits: the warehouse has not taken it yet
    with pytest.raises(ShiftError) as waiting:
        shifts.close(CASHIER, {100: 1})
    assert (waiting.value.code, waiting.value.waiting) == ("unsynced_operations", 1)
    assert shifts.current() is not None

    with pytest.raises(ApprovalRefused):
        staff.approve(PINS["cashier"], Action.CLOSE_SHIFT_UNSYNCED)
    approval = staff.approve(PINS["supervisor"], Action.CLOSE_SHIFT_UNSYNCED)
    z = shifts.close(CASHIER, {100: 1, 5: 5}, approval)
    assert z.unsynced_ops == 1 and shifts.current() is None
    assert (
        4,
        "shift.close_unsynced",
        {"shift_id": shift.shift_id, "waiting": 1, "cashier_id": CASHIER.id},
    ) in db.state.audit
    [op] = [o for o in db.state.outbox.values() if o.type == "shift.close"]
    assert op.payload["unsynced_ops"] == 1
    with pytest.raises(ApprovalRefused) as reused:  # an approval serves once
        shifts.open(CASHIER, {})
        _sell(selling)
        shifts.close(CASHIER, {}, approval)
    assert reused.value.code == "not_issued"


def test_an_open_shift_is_in_the_journal_so_a_new_service_finds_it(db: FakeDatabase) -> None:
    """A crash or power cut: a new till process (new services) over the same database."""
    shifts, selling, _staff = _services(db)
    shift = shifts.open(CASHIER, {500: 2})
    _sell(selling)
    after_restart, selling_again, _ = _services(db)
    assert after_restart.current() == shift
    _sell(selling_again)
    assert after_restart.report().sale_count == 2


journal_steps = st.lists(
    st.one_of(
        st.tuples(st.just("sale"), st.integers(1, 40)),
        st.tuples(st.just("in"), st.integers(1, 5_000)),
        st.tuples(st.just("out"), st.integers(1, 5_000)),
    ),
    max_size=25,
)
counts = st.dictionaries(
    st.sampled_from(DENOMINATIONS), st.integers(0, 200), max_size=len(DENOMINATIONS)
)


@settings(max_examples=60, deadline=None)
@given(opening=counts, steps=journal_steps, closing=counts)
def test_the_z_reports_figures_are_the_sums_of_the_shifts_journal(
    opening: dict[int, int], steps: list[tuple[str, int]], closing: dict[int, int]
) -> None:
    db = _database()
    shifts, selling, _staff = _services(db)
    shifts.open(CASHIER, opening)
    for kind, amount in steps:
        try:
            if kind == "sale":
                _sell(selling, amount)
            elif kind == "in":
                shifts.cash_in(CASHIER, Money.from_dollars(amount), "找零")
            else:
                shifts.cash_out(CASHIER, Money.from_dollars(amount), "支出")
        except ShiftError as refused:
            assert refused.code == "not_enough_cash"
    _acknowledge_everything(db)
    z = shifts.close(CASHIER, closing)

    # The journal, read back on its own: sales with their payments, the cash movements.
    shift_id = z.shift.shift_id
    sales = [db.state.sales[s] for s, owner in db.state.shift_sales.items() if owner == shift_id]
    cash = sum(p.amount_cents for s in sales for p in s.payments if p.method == "cash")
    moved_in = sum(
        m.amount_cents for m in db.state.movements if m.shift_id == shift_id and m.kind == "in"
    )
    moved_out = sum(
        m.amount_cents for m in db.state.movements if m.shift_id == shift_id and m.kind == "out"
    )
    opening_cents = sum(d * 100 * n for d, n in opening.items())
    counted = sum(d * 100 * n for d, n in closing.items())
    assert z.sale_count == len(sales)
    assert z.cash_sales_cents == cash == sum(s.total_cents for s in sales)
    assert (z.cash_in_cents, z.cash_out_cents, z.cash_refunds_cents) == (moved_in, moved_out, 0)
    assert z.expected_cents == opening_cents + cash + moved_in - moved_out
    assert z.counted_cents == counted and z.difference_cents == counted - z.expected_cents
    [op] = [o for o in db.state.outbox.values() if o.type == "shift.close"]
    assert (
        op.payload["expected_cents"],
        op.payload["counted_cents"],
        op.payload["difference_cents"],
    ) == (
        z.expected_cents,
        counted,
        counted - z.expected_cents,
    )
    assert op.payload["cash_sales_cents"] == cash and op.payload["sale_count"] == len(sales)
