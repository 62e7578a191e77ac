"""Regenerate the screenshot of the payment dialog with a split payment (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_tender_screenshots.py [zh_TW|en]

Writes docs/screenshots/payment_split.png (``payment_split_en.png`` in English): a
NT$1,250 sale with NT$1,000 taken by card and a LINE Pay payment, NT$500 cash typed
for the rest and its change shown. In zh_TW it also draws the receipts as an 80 mm
printer prints them: that split (receipt_split.png) and a sale paid by a larger
voucher (receipt_voucher.png).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from counter_app.core import receipts
from counter_app.core.money import Money
from counter_app.core.tenders import DEFAULT_TENDERS
from counter_app.devices.config import PrinterConfig
from counter_app.devices.preview import render_preview
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget
from counter_app.services.selling import TAIWAN
from counter_app.ui.app import ensure_application
from counter_app.ui.tender_dialog import TenderDialog

OUT = Path("docs/screenshots")


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    dialog = TenderDialog(Money.from_dollars(1250), DEFAULT_TENDERS, buyer_text="/ABC+123")
    dialog.resize(760, 640)
    dialog.show()
    QTest.qWait(300)

    def keys(*presses: Qt.Key | str) -> None:
        for press in presses:
            target = dialog.focusWidget() or dialog
            if isinstance(press, str):
                QTest.keyClicks(target, press)
            else:
                QTest.keyClick(target, press)

    keys(Qt.Key.Key_F2, "1000", Qt.Key.Key_Tab, "TX-889912", Qt.Key.Key_Tab, "A1B2C3")
    keys(Qt.Key.Key_Return)
    keys(Qt.Key.Key_F3, "50", Qt.Key.Key_Tab, "LP20261201000123", Qt.Key.Key_Return)
    keys("500")
    QTest.qWait(300)
    OUT.mkdir(parents=True, exist_ok=True)
    QGuiApplication.primaryScreen().grabWindow(dialog.winId()).save(
        str(OUT / f"payment_split{suffix}.png")
    )
    payments = list(dialog.split.payments)
    dialog.close()
    if language == "zh_TW":
        _receipt("receipt_split.png", Money.from_dollars(1250), [*payments, _cash(20_000, 50_000)])
        voucher = receipts.Payment(
            "voucher", Money(30_000), Money(50_000), Money(0), "V-000123", None, "禮券", True
        )
        _receipt("receipt_voucher.png", Money.from_dollars(300), [voucher])


def _cash(amount: int, tendered: int) -> receipts.Payment:
    return receipts.Payment("cash", Money(amount), Money(tendered), Money(tendered - amount))


def _receipt(name: str, total: Money, paid: list[object]) -> None:
    payments = [
        p
        if isinstance(p, receipts.Payment)
        else receipts.Payment(
            p.tender.code,  # type: ignore[attr-defined]
            Money(p.amount_cents),  # type: ignore[attr-defined]
            Money(p.tendered_cents),  # type: ignore[attr-defined]
            Money(p.change_cents),  # type: ignore[attr-defined]
            p.reference,  # type: ignore[attr-defined]
            p.approval_code,  # type: ignore[attr-defined]
            p.tender.name_zh,  # type: ignore[attr-defined]
        )
        for p in paid
    ]
    data = receipts.SaleReceiptData(
        store_name="台北信義店",
        store_code="S001",
        receipt_no="RS001-1-261201-0042",
        cashier_name="王小明",
        created_at=datetime(2026, 12, 1, 14, 5, tzinfo=TAIWAN),
        lines=[receipts.SaleLine("茶裏王 日式無糖綠茶 600ml", 1, total, total)],
        total=total,
        payments=payments,
    )
    render_preview(
        receipts.sale_receipt(data), RenderTarget.from_config(PrinterConfig()), TextRasterizer()
    ).save(str(OUT / name))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
