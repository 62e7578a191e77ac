"""Regenerate the e-invoice status bar and Z report register images (not a test):

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python tests/ui/make_einvoice_status_screenshots.py

Writes docs/screenshots/status_bar_einvoice.png (the status bar of a till offline for a
day: invoice ops unsent for 25 hours, twelve invoice numbers left) and
docs/screenshots/z_report_invoice_register.png (a Z report whose shift issued three
invoices, one voided, drawn as the 58 mm printer lays it out), and
docs/screenshots/einvoice_allowance_slip.png (the allowance certificate of a return in a
later period).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMainWindow

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.connectivity import Connectivity
from counter_app.core.einvoice import Booklet
from counter_app.core.einvoice_codes import buyer_from_input
from counter_app.core.money import Money
from counter_app.devices.config import PrinterConfig
from counter_app.devices.preview import render_preview
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from counter_app.services.sync_status import SyncStatus
from counter_app.ui.app import ensure_application
from counter_app.ui.status_bar import CounterStatusBar
from tests.shift_testkit import open_test_shift

OUT = Path("docs/screenshots")
STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))


def clock() -> datetime:
    return datetime(2026, 11, 25, 21, 30, tzinfo=TAIWAN)


def status_bar() -> None:
    window = QMainWindow()
    window.resize(1280, 120)
    window.setCentralWidget(QLabel())
    bar = CounterStatusBar("S001 台北信義店")
    window.setStatusBar(bar)
    bar.on_connectivity_changed(Connectivity.OFFLINE.value)
    bar.on_sync_status(
        SyncStatus(
            waiting=58,
            oldest_age_s=25 * 3600.0,
            failed=0,
            last_pull_age_s=25 * 3600.0,
            oldest_invoice_age_s=25 * 3600.0,
            invoice_numbers_left=12,
            invoice_numbers_low=True,
        )
    )
    window.show()
    QTest.qWait(200)
    window.grab().save(str(OUT / "status_bar_einvoice.png"))


def z_report() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = LocalDatabase(Path(tmp) / "counter.db")
        open_test_shift(db, STORE.location_id)
        settings = EinvoiceSettings(seller_id="04595257", aes_key_hex="0" * 32)
        invoicing = EinvoiceService(db, settings, clock, random_code=lambda: "0427")
        with db.transaction() as uow:
            uow.einvoices.add_booklets(
                [Booklet(7, "11512", "AB", 12345600, 12345649, "07", 12345600)]
            )
        selling = SellingService(db, STORE, clock, invoicing)
        sold = []
        for qty, buyer in ((4, {}), (1, {"tax_id": "04595257"}), (2, {})):
            cart = Cart()
            cart.add(TEA, qty)
            sold.append(
                selling.complete_cash_sale(cart, CASHIER, cart.total, buyer_from_input(**buyer))
            )
        with db.transaction() as uow:
            shift = uow.shifts.open_shift(STORE.location_id)
            uow.einvoices.mark_voided(sold[1].invoice.number, clock().isoformat(), shift.shift_id)
        shifts = ShiftService(
            db, STORE, StaffService(db, STORE.location_id), terminal="S001-1", clock=clock
        )
        # The Z report of the same figures (a close needs a count and, with ops waiting,
        # a supervisor): the invoice register section is the one the close prints.
        report = replace(
            shifts.report(), kind="Z", counted_cents=17500, closed_by_name=CASHIER.name
        )
        document = report.document(STORE.name, "S001-1")
        render_preview(document, RenderTarget.from_config(PrinterConfig()), TextRasterizer()).save(
            str(OUT / "z_report_invoice_register.png")
        )
        db.dispose()


def allowance_certificate() -> None:
    """A B2B sale in November returned in part in January: the allowance certificate."""
    from counter_app.core.einvoice import AllowanceRecord, InvoiceRecord
    from counter_app.core.einvoice_proof import AllowanceItem, allowance_slip

    invoice = InvoiceRecord(
        "AB12345600",
        "s1",
        7,
        "11512",
        "0427",
        "2026-11-25T21:30:00+08:00",
        9500,
        500,
        10000,
        "04595257",
        buyer_id="12345676",
    )
    allowance = AllowanceRecord(
        "AB12345600-01", "AB12345600", "ret-1", "2027-01-03T11:00:00+08:00", 4800, 200, 5000
    )
    items = [AllowanceItem("茶裏王 日式無糖綠茶 600ml", 2, 5000)]
    document = allowance_slip(STORE.name, invoice, allowance, items)
    render_preview(document, RenderTarget.from_config(PrinterConfig()), TextRasterizer()).save(
        str(OUT / "einvoice_allowance_slip.png")
    )


if __name__ == "__main__":
    app = ensure_application("zh_TW")
    status_bar()
    z_report()
    allowance_certificate()
    app.quit()
