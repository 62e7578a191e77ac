"""E-invoice warnings at the counter and the invoice register on the Z report: invoice ops
unsent for 24 hours put the 48-hour upload deadline at risk; numbers running low; the
shift's first and last number, invoices issued and voided, and their total, printed
(real SQLite file)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice import Booklet, InvoiceRecord, invoice_register
from counter_app.core.einvoice_codes import buyer_from_input
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from counter_app.services.sync_status import SyncStatusService
from tests.shift_testkit import open_test_shift

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
SETTINGS = EinvoiceSettings(seller_id="04595257", aes_key_hex="0" * 32, numbers_ahead=60)


def clock() -> datetime:
    return datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[Any] = []

    def submit(self, document: Any, *, title: str | None = None) -> str:
        self.documents.append(document)
        return str(len(self.documents))

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        return "drawer"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[LocalDatabase]:
    database = LocalDatabase(tmp_path / "counter.db")
    open_test_shift(database, STORE.location_id)
    yield database
    database.dispose()


def _till(db: LocalDatabase) -> tuple[EinvoiceService, SellingService]:
    invoicing = EinvoiceService(db, SETTINGS, clock, random_code=lambda: "0427")
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(7, "11512", "AB", 12345600, 12345649, "07", 12345600)])
    return invoicing, SellingService(db, STORE, clock, invoicing)


def _sell(selling: SellingService, qty: int = 1, **buyer: str) -> Any:
    cart = Cart()
    cart.add(TEA, qty)
    return selling.complete_cash_sale(cart, CASHIER, cart.total, buyer_from_input(**buyer))


def test_invoice_ops_unsent_for_a_day_put_the_deadline_at_risk(db: LocalDatabase) -> None:
    invoicing, selling = _till(db)
    status = SyncStatusService(db, einvoicing=invoicing)
    fresh = status.status()
    assert fresh.invoice_numbers_left == 50 and fresh.invoice_numbers_low is True  # < 60
    assert fresh.oldest_invoice_age_s is None and fresh.invoices_at_risk is False
    _sell(selling)
    just_sold = status.status()
    assert just_sold.oldest_invoice_age_s is not None and just_sold.oldest_invoice_age_s < 60
    assert just_sold.invoices_at_risk is False

    day_ago = (datetime.now(UTC) - timedelta(hours=25)).isoformat(timespec="milliseconds")
    with db.unit_of_work() as session:
        session.execute(
            update(OutboxOp).where(OutboxOp.type == "einvoice.issue").values(created_at=day_ago)
        )
    late = status.status()
    assert late.invoices_at_risk is True and late.oldest_invoice_age_s is not None
    assert late.oldest_invoice_age_s >= 25 * 3600 - 5
    # A failed invoice op is still unsent: the risk stays until it is sent or discarded.
    with db.unit_of_work() as session:
        session.execute(
            update(OutboxOp).where(OutboxOp.type == "einvoice.issue").values(state="failed")
        )
    assert status.status().invoices_at_risk is True
    with db.unit_of_work() as session:
        session.execute(
            update(OutboxOp).where(OutboxOp.type == "einvoice.issue").values(state="done")
        )
    assert status.status().invoices_at_risk is False
    # A sale op waiting that long is not an invoice: no invoice warning for it.
    with db.unit_of_work() as session:
        session.execute(update(OutboxOp).where(OutboxOp.type == "sale").values(state="ready"))
    assert status.status().invoices_at_risk is False


def _age_invoice_ops(db: LocalDatabase, hours: float, sale_id: str) -> None:
    when = (datetime.now(UTC) - timedelta(hours=hours)).isoformat(timespec="milliseconds")
    with db.unit_of_work() as session:
        session.execute(
            update(OutboxOp)
            .where(OutboxOp.type.like("einvoice.%"), OutboxOp.entity_key == f"sale:{sale_id}")
            .values(created_at=when)
        )


def test_an_invoice_with_a_buyer_tax_id_is_at_risk_only_near_its_seven_days(
    db: LocalDatabase,
) -> None:
    invoicing, selling = _till(db)
    status = SyncStatusService(db, einvoicing=invoicing)
    b2b = _sell(selling, 1, tax_id="04595257")
    _age_invoice_ops(db, 30, b2b.sale_id)
    thirty_hours = status.status()
    assert thirty_hours.oldest_invoice_age_s is None, "no B2C invoice op is waiting"
    assert thirty_hours.oldest_b2b_invoice_age_s is not None
    assert thirty_hours.oldest_b2b_invoice_age_s >= 30 * 3600 - 5
    assert thirty_hours.invoices_at_risk is False, "30 hours of 7 days"
    _age_invoice_ops(db, 6 * 24 + 1, b2b.sale_id)
    six_days = status.status()
    assert six_days.invoices_at_risk is True and six_days.invoice_risk_age_s is not None
    assert six_days.invoice_risk_age_s >= (6 * 24 + 1) * 3600 - 5

    # A B2C invoice 25 hours old beside it: the tightest deadline is the one shown.
    b2c = _sell(selling)
    _age_invoice_ops(db, 25, b2c.sale_id)
    both = status.status()
    assert both.invoice_risk_age_s is not None
    assert 25 * 3600 - 5 <= both.invoice_risk_age_s < 26 * 3600


def test_a_till_without_e_invoices_shows_no_invoice_warning(db: LocalDatabase) -> None:
    plain = SyncStatusService(db).status()
    assert (plain.invoice_numbers_left, plain.invoice_numbers_low) == (None, False)


def test_the_z_report_carries_the_shift_invoice_register(db: LocalDatabase) -> None:
    _invoicing, selling = _till(db)
    sold = [_sell(selling, 4), _sell(selling, 1, tax_id="04595257"), _sell(selling, 2)]
    with db.transaction() as uow:
        shift = uow.shifts.open_shift(STORE.location_id)
        uow.einvoices.mark_voided(sold[1].invoice.number, clock().isoformat(), shift.shift_id)
    output = RecordingOutput()
    shifts = ShiftService(
        db, STORE, StaffService(db, STORE.location_id), output, terminal="S001-1", clock=clock
    )
    report = shifts.report()
    assert report.invoices is not None
    assert (report.invoices.first, report.invoices.last) == ("AB12345600", "AB12345602")
    assert (report.invoices.issued, report.invoices.voided) == (3, 1)
    assert report.invoices.total_cents == 10000 + 5000  # the voided one is not counted
    shifts.print_report(report)
    text = output.documents[0].plain_text(42)
    assert "電子發票日報" in text
    assert "起號" in text and "AB-12345600" in text and "AB-12345602" in text
    lines = {line.split()[0]: line.split()[-1] for line in text.splitlines() if line.split()}
    assert (lines["開立張數"], lines["作廢張數"]) == ("3", "1")
    assert "150" in lines["發票金額"]


def test_a_shift_without_invoices_prints_no_register(db: LocalDatabase) -> None:
    output = RecordingOutput()
    shifts = ShiftService(
        db, STORE, StaffService(db, STORE.location_id), output, terminal="S001-1", clock=clock
    )
    report = shifts.report()
    assert report.invoices is not None and report.invoices.issued == 0
    shifts.print_report(report)
    assert "電子發票日報" not in output.documents[0].plain_text(42)


def test_the_register_orders_by_issue_time() -> None:
    def invoice(number: str, at: str, voided: bool = False, shift: str = "A") -> InvoiceRecord:
        return InvoiceRecord(
            number,
            f"s-{number}",
            1,
            "11512",
            "0001",
            at,
            95,
            5,
            100,
            "04595257",
            voided_at=at if voided else None,
            shift_id=shift,
            void_shift_id="A" if voided else None,
        )

    register = invoice_register(
        [
            invoice("AB00000051", "2026-11-25T10:00:00+08:00"),
            invoice("AB00000003", "2026-11-25T09:00:00+08:00", voided=True),
            invoice("AB00000001", "2026-11-25T08:00:00+08:00", shift="B"),  # not this shift's
        ],
        "A",
    )
    assert (register.first, register.last, register.issued, register.voided) == (
        "AB00000003",
        "AB00000051",
        2,
        1,
    )
    assert (register.issued_cents, register.voided_cents, register.total_cents) == (200, 100, 100)
    assert invoice_register([], "A").first is None and invoice_register([], "A").empty


def test_a_return_in_a_later_period_prints_the_allowance_certificate(db: LocalDatabase) -> None:
    from counter_app.services.returns import ReturnChoice, ReturnsService

    output = RecordingOutput()
    invoicing = EinvoiceService(
        db, SETTINGS, clock, random_code=lambda: "0427", output=output, store_name=STORE.name
    )
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(7, "11512", "AB", 12345600, 12345649, "07", 12345600)])
    sold = _sell(SellingService(db, STORE, clock, invoicing), 4, tax_id="04595257")  # NT$100

    def january() -> datetime:
        return datetime(2027, 1, 3, 11, 0, tzinfo=TAIWAN)

    returns = ReturnsService(db, STORE, None, january, invoicing=invoicing, output=output)
    line = returns.find(sold.receipt_no).lines[0]
    done = returns.complete(sold.receipt_no, [ReturnChoice(line.line_id, 2)], CASHIER)
    assert done.settlement is not None and done.settlement.kind == "allowance"
    returns.print_return(done)
    kinds = [d.kind.value for d in output.documents]
    assert kinds == ["return_receipt", "einvoice_allowance"]
    slip = output.documents[1].plain_text(32)
    assert "折讓證明單 證明聯" in slip
    assert "折讓單號：AB12345600-01" in slip and "折讓日期：2027-01-03" in slip
    assert "原發票：AB-12345600" in slip and "原發票日期：2026-11-25" in slip
    assert "買方統編：04595257" in slip and "買受人簽收" in slip
    figures = {line.split()[0]: line.split()[-1] for line in slip.splitlines() if line.split()}
    # NT$50 back: 48 before tax + 2 tax, the item's amount before tax adding up to 48
    assert (figures["銷售額（未稅）"], figures["營業稅額"], figures["折讓合計"]) == (
        "48",
        "2",
        "NT$50",
    )
    assert figures["茶裏王"] == "48"


def test_a_return_in_the_period_prints_no_allowance_certificate(db: LocalDatabase) -> None:
    from counter_app.services.returns import ReturnChoice, ReturnsService

    output = RecordingOutput()
    invoicing = EinvoiceService(db, SETTINGS, clock, output=output, store_name=STORE.name)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(7, "11512", "AB", 12345600, 12345649, "07", 12345600)])
    sold = _sell(SellingService(db, STORE, clock, invoicing), 4)
    returns = ReturnsService(db, STORE, None, clock, invoicing=invoicing, output=output)
    line = returns.find(sold.receipt_no).lines[0]
    done = returns.complete(sold.receipt_no, [ReturnChoice(line.line_id, 4)], CASHIER)
    assert done.settlement is not None and done.settlement.kind == "void"
    returns.print_return(done)
    assert [d.kind.value for d in output.documents] == ["return_receipt"]
