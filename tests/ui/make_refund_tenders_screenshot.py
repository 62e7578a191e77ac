"""Regenerate the screenshot of a refund to the original tenders (not a test):

    Xvfb :97 -screen 0 1920x1200x24 &
    DISPLAY=:97 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_refund_tenders_screenshot.py [zh_TW|en]

Writes docs/screenshots/returns_refund_tenders.png (``_en`` in English): the demo
counter, a discounted sale paid by card, LINE Pay and cash, scanned back with one line
chosen: the refund's split per tender, the card's refund reference and approval code typed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QSpinBox

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.core.cart import Cart
from counter_app.core.discounts import Discount, DiscountKind
from counter_app.core.tenders import PaymentSplit
from counter_app.demo import start_demo
from counter_app.services.tenders import TenderService
from counter_app.ui.app import ensure_application
from counter_app.ui.screens.returns import QTY_COLUMN
from counter_app.ui.task_runner import TaskRunner

OUT = Path("docs/screenshots")


def _settle(tasks: TaskRunner, ms: int = 600) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(150)


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, server = start_demo(Path(tmp) / "demo")
        tasks = TaskRunner()
        cashier = demo_cashier(services)
        services.shifts.open(cashier, {1000: 5})
        tenders = {t.code: t for t in TenderService(services.db).usable()}
        cart = Cart()
        for query, qty in (("茶", 4), ("米", 1)):
            found = services.catalog.search(query, 1)
            if found:
                cart.add(found[0], qty)
        cart.discount = Discount(DiscountKind.PERCENT, 10)
        split = PaymentSplit(cart.total.cents)
        split.add(tenders["card"], cart.total.cents // 200 * 100, "TXN-88120", "A31")
        split.add(tenders["linepay"], split.remaining_cents // 200 * 100, "LP-55001")
        split.add(tenders["cash"], split.remaining_cents)
        sale = services.selling.complete_sale(cart, cashier, split.payments)

        counter = build_counter(services, cashier, tasks)
        window = counter.window
        window.move(0, 0)
        window.resize(1200, 760)
        window.show()
        window.show_screen("returns")
        screen = counter.returns_screen
        assert screen is not None
        screen.receipt_input.setText(sale.receipt_no)
        screen.find(sale.receipt_no)
        _settle(tasks)
        spin = screen.lines.cellWidget(len(sale.lines) - 1, QTY_COLUMN)
        assert isinstance(spin, QSpinBox)
        spin.setValue(1)
        _settle(tasks)
        panel = screen.refund_tenders
        for name, text in (
            ("refundReference_card", "RF-20261201-0042"),
            ("refundApproval_card", "A77"),
        ):
            field = panel.findChild(QLineEdit, name)
            assert field is not None
            field.setText(text)
        _settle(tasks)
        frame = window.frameGeometry()
        QGuiApplication.primaryScreen().grabWindow(
            0, frame.x(), frame.y(), frame.width(), frame.height()
        ).save(str(OUT / f"returns_refund_tenders{suffix}.png"))
        tasks.shutdown()
        services.close()
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
