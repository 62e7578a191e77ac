"""Regenerate the screenshots of a void and an exchange settled by other tenders (not a test):

    Xvfb :93 -screen 0 1920x1200x24 &
    DISPLAY=:93 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_void_exchange_tenders_screenshots.py [zh_TW|en]

Writes, in docs/screenshots (``_en`` in English): void_sale_tenders.png (voiding a sale
paid by card and cash: what goes back to each tender, the card's cancellation reference
and approval code typed) and exchange_give_back.png (an exchange of that kind of sale:
four of a product back, one out, the difference going back to the card and the cash).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.core.cart import Cart
from counter_app.core.tenders import PaymentSplit
from counter_app.demo import start_demo
from counter_app.services.selling import CompletedSale
from counter_app.services.tenders import TenderService
from counter_app.ui.app import ensure_application
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.void_refund_dialog import VoidRefundDialog

OUT = Path("docs/screenshots")


def _settle(tasks: TaskRunner, ms: int = 600) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(150)


def _grab(widget: QWidget, name: str) -> None:
    frame = widget.frameGeometry()
    QGuiApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    ).save(str(OUT / name))


def _type(widget: QWidget, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        field = widget.findChild(QLineEdit, name)
        assert field is not None, name
        field.setText(text)


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, server = start_demo(Path(tmp) / "demo")
        tasks = TaskRunner()
        cashier = demo_cashier(services)
        services.shifts.open(cashier, {1000: 5})
        tenders = {t.code: t for t in TenderService(services.db).usable()}
        tea = services.catalog.search("茶", 1)[0]

        def sell() -> CompletedSale:
            cart = Cart()
            cart.add(tea, 4)
            split = PaymentSplit(cart.total.cents)
            split.add(tenders["card"], cart.total.cents // 200 * 100, "TXN-88120", "A31")
            split.add(tenders["cash"], split.remaining_cents)
            return services.selling.complete_sale(cart, cashier, split.payments)

        counter = build_counter(services, cashier, tasks)
        window = counter.window
        window.move(0, 0)
        window.resize(1200, 760)
        window.show()
        _settle(tasks)

        # 1. A void of a card and cash sale: the refund per tender before the PIN.
        plan = counter.void_flow._voids.check(sell().receipt_no)
        dialog = VoidRefundDialog(plan, window)
        dialog.move(200, 160)
        dialog.show()
        _type(dialog, {"refundReference_card": "VOID-20261201-07", "refundApproval_card": "A31"})
        _settle(tasks, 300)
        _grab(dialog, f"void_sale_tenders{suffix}.png")
        dialog.reject()

        # 2. An exchange giving a difference back to the card and the cash.
        sale = sell()
        window.show_screen("returns")
        screen = counter.returns_screen
        assert screen is not None
        screen.receipt_input.setText(sale.receipt_no)
        screen.find(sale.receipt_no)
        _settle(tasks)
        exchange = screen.open_exchange()
        assert exchange is not None
        exchange.move(120, 40)
        spin = exchange.back.cellWidget(0, exchange.BACK_QTY_COLUMN)
        assert isinstance(spin, QSpinBox)
        spin.setValue(4)
        exchange.scan(tea.sku)
        _settle(tasks)
        _type(exchange, {"refundReference_card": "RF-20261201-0042", "refundApproval_card": "A77"})
        _settle(tasks, 300)
        _grab(exchange, f"exchange_give_back{suffix}.png")
        exchange.reject()
        _settle(tasks, 200)
        tasks.shutdown()
        services.close()
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
