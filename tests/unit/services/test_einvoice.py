"""E-invoices at the counter: an invoice in every sale's transaction, from numbers the till
holds, topped up and given back by the sync step (real SQLite file and the fakes)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.core.cart import Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice import Booklet, split_tax
from counter_app.core.einvoice_codes import buyer_from_input
from counter_app.core.einvoice_proof import ProofItem
from counter_app.core.money import Money
from counter_app.core.ops import WarehouseError
from counter_app.core.receipts import DocumentKind
from counter_app.local.db import LocalDatabase
from counter_app.local.models import Einvoice, OutboxOp, Sale
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings, InvoiceNotFound
from counter_app.services.selling import TAIWAN, SellingService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
SETTINGS = EinvoiceSettings(seller_id="04595257", aes_key_hex="0" * 32, numbers_ahead=120)


def clock() -> datetime:
    return datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)


def booklet(booklet_id: int, start: int, period: str = "11512", size: int = 50) -> Booklet:
    return Booklet(booklet_id, period, "AB", start, start + size - 1, "07", start)


class FakeWarehouse:
    """The warehouse's booklet routes: hands out booklets of 50 from a counter."""

    def __init__(self, booklets: int = 100) -> None:
        self.left = booklets
        self.next_start = 12345600
        self.next_id = 1
        self.returned: list[dict[str, int]] = []
        self.offline = False

    def claim_booklets(self, period: str, count: int) -> list[dict[str, Any]]:
        if self.offline:
            raise WarehouseError("offline")
        handed = []
        for _ in range(min(count, self.left)):
            handed.append(
                {
                    "booklet_id": self.next_id,
                    "period": period,
                    "track": "AB",
                    "start_no": self.next_start,
                    "end_no": self.next_start + 49,
                    "invoice_type": "07",
                }
            )
            self.next_id += 1
            self.next_start += 50
            self.left -= 1
        return handed

    def return_booklets(self, items: list[dict[str, int]]) -> dict[str, Any]:
        if self.offline:
            raise WarehouseError("offline")
        self.returned += items
        return {"returned": [i["booklet_id"] for i in items], "blank_numbers": 0}


def _sell(selling: SellingService, qty: int = 1, **buyer: str) -> Any:
    cart = Cart()
    cart.add(TEA, qty)
    return selling.complete_cash_sale(cart, CASHIER, cart.total, buyer_from_input(**buyer))


@pytest.fixture
def sqlite_db(tmp_path: Path) -> LocalDatabase:
    database = LocalDatabase(tmp_path / "counter.db")
    open_test_shift(database, STORE.location_id)  # SellingService sells only in an open shift
    yield database
    database.dispose()


def test_every_sale_gets_the_next_number_with_its_invoice_and_op_in_one_transaction(
    sqlite_db: LocalDatabase,
) -> None:
    invoicing = EinvoiceService(sqlite_db, SETTINGS, clock, random_code=lambda: "0427")
    with sqlite_db.transaction() as uow:
        uow.einvoices.add_booklets([booklet(7, 12345600)])
    selling = SellingService(sqlite_db, STORE, clock, invoicing)
    first = _sell(selling, 4)  # NT$100
    second = _sell(selling, 1, tax_id="04595257")
    assert first.invoice is not None and second.invoice is not None
    assert (first.invoice.number, second.invoice.number) == ("AB12345600", "AB12345601")
    assert first.invoice.total_cents == 10000 and first.invoice.random_code == "0427"
    assert (second.invoice.sales_amount_cents, second.invoice.tax_cents) == (2400, 100)
    assert second.invoice.buyer_id == "04595257" and second.invoice.seller_id == "04595257"
    with sqlite_db.read() as session:
        ops = session.scalars(select(OutboxOp).order_by(OutboxOp.op_id)).all()
        assert [op.type for op in ops] == ["sale", "einvoice.issue"] * 2
        assert ops[1].entity_key == f"sale:{first.sale_id}"  # sent after its sale, never before
        assert json.loads(ops[1].payload)["number"] == "AB12345600"
        assert session.get(Einvoice, "AB12345600").sale_id == first.sale_id
    assert invoicing.numbers_left() == 48


def test_a_till_with_no_number_left_refuses_the_sale_and_writes_nothing(
    sqlite_db: LocalDatabase,
) -> None:
    invoicing = EinvoiceService(sqlite_db, SETTINGS, clock)
    with sqlite_db.transaction() as uow:
        uow.einvoices.add_booklets([booklet(7, 12345600, size=1)])
    selling = SellingService(sqlite_db, STORE, clock, invoicing)
    _sell(selling)
    with pytest.raises(CartError) as refused:
        _sell(selling)
    assert refused.value.code == "einvoice_numbers_exhausted"
    with sqlite_db.read() as session:
        assert len(session.scalars(select(Sale)).all()) == 1
        assert len(session.scalars(select(OutboxOp)).all()) == 2


def test_a_carrier_sale_records_the_carrier_and_prints_no_proof(sqlite_db: LocalDatabase) -> None:
    invoicing = EinvoiceService(sqlite_db, SETTINGS, clock)
    with sqlite_db.transaction() as uow:
        uow.einvoices.add_booklets([booklet(7, 12345600)])
    sale = _sell(SellingService(sqlite_db, STORE, clock, invoicing), carrier="/abc+123")
    assert sale.invoice.carrier_type == "3J0002" and sale.invoice.carrier_id == "/ABC+123"
    assert not sale.invoice.prints_proof
    assert invoicing.invoice_of(sale.sale_id) == sale.invoice


@pytest.mark.parametrize("kind", ["sqlite", "fake"])
def test_top_up_holds_a_day_ahead_and_past_periods_are_given_back(
    tmp_path: Path, kind: str
) -> None:
    db = LocalDatabase(tmp_path / "counter.db") if kind == "sqlite" else FakeDatabase()
    warehouse = FakeWarehouse()
    invoicing = EinvoiceService(db, SETTINGS, clock)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([booklet(900, 500, period="11510")])  # Sep-Oct: past
    result = invoicing.top_up(warehouse)
    assert (result.claimed, result.returned, result.remaining) == (3, 1, 150)
    assert warehouse.returned == [{"booklet_id": 900, "next_unused_no": 500}]
    assert invoicing.top_up(warehouse).claimed == 0  # enough held
    warehouse.offline = True
    invoicing.release_all()
    assert invoicing.numbers_left() == 0  # nothing is issued from numbers being given back
    assert invoicing.top_up(warehouse).problem == "warehouse_unreachable"
    warehouse.offline = False
    assert invoicing.return_unused(warehouse) == 3
    if isinstance(db, LocalDatabase):
        db.dispose()


def test_the_next_period_is_claimed_on_the_last_day_of_a_period(sqlite_db: LocalDatabase) -> None:
    warehouse = FakeWarehouse()
    invoicing = EinvoiceService(
        sqlite_db, SETTINGS, lambda: datetime(2026, 12, 31, 20, 0, tzinfo=TAIWAN)
    )
    invoicing.top_up(warehouse)
    with sqlite_db.snapshot() as uow:
        periods = sorted({b.period for b in uow.einvoices.held()})
    assert periods == ["11512", "11602"]


def test_the_tax_split_of_a_tax_inclusive_total() -> None:
    assert split_tax(100) == (95, 5)
    assert split_tax(25) == (24, 1)
    assert split_tax(105) == (100, 5)
    assert split_tax(0) == (0, 0)
    for total in range(0, 5000):
        sales, tax = split_tax(total)
        assert sales + tax == total and abs(sales * 1.05 - total) <= 0.525


class Paper:
    def __init__(self) -> None:
        self.documents: list[Any] = []

    def submit(self, document: Any, *, title: str | None = None) -> str:
        self.documents.append(document)
        return "job"


def test_the_proof_prints_once_and_every_later_print_is_marked_reprint(
    sqlite_db: LocalDatabase,
) -> None:
    paper = Paper()
    invoicing = EinvoiceService(
        sqlite_db,
        SETTINGS,
        clock,
        random_code=lambda: "0427",
        output=paper,
        store_name="台北信義店",
    )
    with sqlite_db.transaction() as uow:
        uow.einvoices.add_booklets([booklet(7, 12345600)])
    selling = SellingService(sqlite_db, STORE, clock, invoicing)
    sale = _sell(selling, 2)
    items = [ProofItem(line.name, line.qty, line.unit_price.cents // 100) for line in sale.lines]
    invoicing.print_for_sale(sale.sale_id, items)
    invoicing.reprint(sale.receipt_no)
    first, again = paper.documents
    assert (first.kind, first.reprint, again.reprint) == (DocumentKind.EINVOICE_PROOF, False, True)
    assert "補印" in again.plain_text(32) and "補印" not in first.plain_text(32)
    assert "AB-12345600" in first.plain_text(32)
    carrier_sale = _sell(selling, carrier="/ABC+123")
    invoicing.print_for_sale(carrier_sale.sale_id, items)
    assert paper.documents[-1].kind == DocumentKind.EINVOICE_SLIP  # no proof for a carrier
    with pytest.raises(InvoiceNotFound):
        invoicing.reprint("RS001-261125-9999")


@pytest.mark.parametrize("kind", ["sqlite", "fake"])
def test_a_return_voids_in_the_period_and_gives_allowances_after_it(
    tmp_path: Path, kind: str
) -> None:
    db = LocalDatabase(tmp_path / "counter.db") if kind == "sqlite" else FakeDatabase()
    open_test_shift(db, STORE.location_id)
    invoicing = EinvoiceService(db, SETTINGS, clock)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([booklet(7, 12345600)])
    selling = SellingService(db, STORE, clock, invoicing)
    voided, later = _sell(selling, 4), _sell(selling, 4)  # NT$100 each
    same_period = datetime(2026, 12, 31, 20, 0, tzinfo=TAIWAN)
    next_period = datetime(2027, 1, 2, 11, 0, tzinfo=TAIWAN)
    with db.transaction() as uow:
        settled = invoicing.settle_return(uow, voided.sale_id, "ret-1", 10000, same_period)
    assert settled is not None and (settled.kind, settled.number) == ("void", "AB12345600")
    with db.transaction() as uow:
        first = invoicing.settle_return(uow, later.sale_id, "ret-2", 4000, next_period)
        second = invoicing.settle_return(uow, later.sale_id, "ret-3", 10000, next_period)
        allowances = uow.einvoices.allowances_of("AB12345601")
    assert first is not None and first.kind == "allowance" and first.allowance_no == "AB12345601-01"
    assert second is not None and second.allowance_no == "AB12345601-02"
    assert [a.total_cents for a in allowances] == [4000, 6000]  # never more than the invoice
    assert [(a.sales_amount_cents, a.tax_cents) for a in allowances] == [(3800, 200), (5700, 300)]
    assert {a.return_id for a in allowances} == {"ret-2", "ret-3"}  # the link to the return
    with pytest.raises(CartError) as nothing_left, db.transaction() as uow:
        invoicing.settle_return(uow, later.sale_id, "ret-4", 100, next_period)
    assert nothing_left.value.code == "einvoice_nothing_to_allow"
    with db.snapshot() as uow:
        assert uow.einvoices.of_sale(voided.sale_id).voided_at == same_period.isoformat()
    if isinstance(db, LocalDatabase):
        with db.read() as session:
            types = [op.type for op in session.scalars(select(OutboxOp).order_by(OutboxOp.op_id))]
        assert types[-3:] == ["einvoice.void", "einvoice.allowance", "einvoice.allowance"]
        db.dispose()
