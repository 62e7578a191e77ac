"""Regenerate the screenshot of the returns screen (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_returns_screenshot.py [zh_TW|en]

Writes docs/screenshots/returns.png (``returns_en.png`` in English): the demo counter,
a sale of three items with an earlier return of one, scanned back with two lines chosen;
then returns_offline.png: the same sale found again with the warehouse stopped.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.core.cart import Cart
from counter_app.demo import start_demo
from counter_app.services.returns import ReturnChoice
from counter_app.ui.app import ensure_application
from counter_app.ui.screens.returns import DISPOSITION_COLUMN, QTY_COLUMN
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
        cart = Cart()
        for query, qty in (("茶", 3), ("米", 1), ("衛生紙", 2)):
            found = services.catalog.search(query, 1)
            if found:
                cart.add(found[0], qty)
        sale = services.selling.complete_cash_sale(cart, cashier, cart.total)
        first = services.returns.find(sale.receipt_no).lines[0]
        services.returns.complete(sale.receipt_no, [ReturnChoice(first.line_id, 1)], cashier)

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
        for row, (qty, disposition) in enumerate(((1, "restock_here"), (0, ""), (1, "damaged"))):
            spin = screen.lines.cellWidget(row, QTY_COLUMN)
            combo = screen.lines.cellWidget(row, DISPOSITION_COLUMN)
            if isinstance(spin, QSpinBox) and isinstance(combo, QComboBox) and qty:
                spin.setValue(qty)
                combo.setCurrentIndex(combo.findData(disposition))
        _settle(tasks)
        _grab(window, f"returns{suffix}.png")
        # Head office down: Find shows the journal's counts and says they are this till's.
        server.stop()
        screen.find(sale.receipt_no)
        _settle(tasks, 1500)
        _grab(window, f"returns_offline{suffix}.png")
        tasks.shutdown()
        services.close()


def _grab(window: QWidget, name: str) -> None:
    frame = window.frameGeometry()
    QGuiApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    ).save(str(OUT / name))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
