"""The e-invoice buyer at the counter: a scanned mobile barcode reaches the payment step and
the sale's invoice; the payment dialog checks what the cashier types."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from counter_app.core.catalog import ProductInfo
from counter_app.core.codes import parse_scan
from counter_app.core.einvoice import Booklet
from counter_app.core.einvoice_codes import CarrierType
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from counter_app.ui.scan_router import SCAN_ROUTES, scan_kind
from counter_app.ui.screens.sale import SaleScreen
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog
from tests.shift_testkit import open_test_shift

TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))


def _ok(dialog: TenderDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_scanned_carrier_fills_the_dialog_and_becomes_the_buyer(qtbot: Any) -> None:
    dialog = TenderDialog(Money(2500))
    qtbot.addWidget(dialog)
    dialog.on_scan(parse_scan("/ABC+123"), "/ABC+123")
    dialog.amount_edit.setText("25")
    _ok(dialog)
    assert dialog.result() == TenderDialog.DialogCode.Accepted
    assert dialog.buyer.carrier is not None
    assert dialog.buyer.carrier.carrier_type is CarrierType.MOBILE


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("12345678", "Not a valid tax ID"),
        ("/AB", "Not a valid carrier"),
        ("12", "Not a valid donation code"),
    ],
)
def test_a_bad_buyer_keeps_the_dialog_open_and_says_why(
    qtbot: Any, typed: str, problem: str
) -> None:
    dialog = TenderDialog(Money(2500), buyer_text=typed)
    qtbot.addWidget(dialog)
    dialog.amount_edit.setText("25")
    _ok(dialog)
    assert dialog.result() != TenderDialog.DialogCode.Accepted and dialog.payments == ()
    assert dialog.message.text() == problem


def test_a_tax_id_or_donation_code_typed_in_the_dialog_is_taken(qtbot: Any) -> None:
    for typed, field in (("04595257", "buyer_id"), ("8585", "donation_code")):
        dialog = TenderDialog(Money(2500), buyer_text=typed)
        qtbot.addWidget(dialog)
        dialog.amount_edit.setText("25")
        _ok(dialog)
        assert getattr(dialog.buyer, field) == typed


def test_carriers_are_routed_to_the_sale_screen() -> None:
    assert SCAN_ROUTES[scan_kind(parse_scan("/ABC+123"))] == "sale"


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_a_carrier_scanned_at_the_sale_screen_goes_on_the_sales_invoice(
    qtbot: Any, tmp_path: Path, tasks: TaskRunner
) -> None:
    db = LocalDatabase(tmp_path / "counter.db")
    now = datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)
    invoicing = EinvoiceService(db, EinvoiceSettings("04595257", "0" * 32), lambda: now)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(1, "11512", "AB", 12345600, 12345649, "07", 12345600)])
    open_test_shift(db, 2)  # SellingService sells only in an open shift
    selling = SellingService(db, StoreContext(2, "S001", "台北信義店"), lambda: now, invoicing)
    screen = SaleScreen(
        CatalogService(db),
        selling,
        tasks,
        StaffMember(3, "王小明", "cashier"),
        ask_tender=lambda total, _parent: total,
    )
    qtbot.addWidget(screen)
    screen.cart_model.add_product(TEA)
    screen.on_scan(parse_scan("/ABC+123"), "/ABC+123")
    assert "/ABC+123" in screen.message.text()
    with qtbot.waitSignal(screen.sale_completed, timeout=5000) as done:
        screen.on_pay_button_clicked()
    sale: CompletedSale = done.args[0]
    assert sale.invoice is not None and sale.invoice.carrier_id == "/ABC+123"
    db.dispose()
