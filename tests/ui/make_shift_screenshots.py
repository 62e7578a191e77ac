"""Regenerate the screenshots of the staff and shift screens (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_shift_screenshots.py [zh_TW|en]

Writes docs/screenshots/{sign_in,shift_open,shift_cash_out,shift_x_report,shift_close,
lock_screen,z_report_print}.png (``_en`` before ``.png`` in English). The demo
warehouse and counter in a temporary folder; a previous shift closed so the opening
count has something to compare with; a sale, cash in and out; the Z report as the
printer received it (the ESC/POS bytes of the print queue's file, drawn back).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.demo import start_demo
from counter_app.devices.config import PrinterConfig
from counter_app.devices.preview import render_preview
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget
from counter_app.ui.app import ensure_application
from counter_app.ui.sign_in_dialog import SignInDialog
from counter_app.ui.task_runner import TaskRunner
from tests.integration.devices.escpos_stream import printed_text, raster_images, stack

OUT = Path("docs/screenshots")


def _settle(tasks: TaskRunner, ms: int = 600) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(150)


def _screen(path: Path, widget: QWidget) -> None:
    """The whole screen where the window is (dialogs over it included)."""
    frame = widget.window().frameGeometry()
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(str(path))


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    app = ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        services, server = start_demo(data)
        tasks = TaskRunner()
        cashier = demo_cashier(services)
        # Yesterday's shift: closed with NT$5,000 counted, so today's opening compares with it.
        services.shifts.open(cashier, {1000: 5})
        services.shifts.close(cashier, {1000: 5})
        services.relay.drain()

        sign_in = SignInDialog(services.staff, tasks, services.store.name)
        sign_in.show()
        sign_in.pin.setText("1234")
        _settle(tasks)
        sign_in.grab().save(str(OUT / f"sign_in{suffix}.png"))
        sign_in.close()

        counter = build_counter(services, cashier, tasks)
        window = counter.window
        window.move(0, 0)
        window.show()
        window.show_screen("shift")
        screen = counter.shift_screen
        _settle(tasks)
        for denomination, pieces in {1000: 4, 500: 1, 100: 4, 50: 2, 10: 5}.items():
            screen.count_panel.spins[denomination].setValue(pieces)
        _settle(tasks)
        window.grab().save(str(OUT / f"shift_open{suffix}.png"))

        screen.open_shift()
        _settle(tasks)
        cart = Cart()
        for product in services.catalog.search("茶", 3):
            cart.add(product, 2)
        services.selling.complete_cash_sale(cart, counter.cashier, cart.total)
        services.shifts.cash_in(counter.cashier, Money.from_dollars(1000), "銀行換零錢")
        screen.ask_movement("out")
        dialog = screen.movement_dialog
        assert dialog is not None
        dialog.amount.setValue(150)
        dialog.reason.setText("支付快遞運費")
        _settle(tasks)
        _screen(OUT / f"shift_cash_out{suffix}.png", window)
        dialog.buttons.accepted.emit()
        _settle(tasks)

        screen.x_report()
        _settle(tasks)
        window.grab().save(str(OUT / f"shift_x_report{suffix}.png"))

        services.relay.drain()
        expected = services.shifts.report().expected_cents
        count = {1000: expected // 100_000, 100: (expected % 100_000) // 10_000, 10: 3}
        for denomination, spin in screen.count_panel.spins.items():
            spin.setValue(count.get(denomination, 0))
        screen.close_shift()
        _settle(tasks, 1500)
        window.grab().save(str(OUT / f"shift_close{suffix}.png"))

        counter.lock()
        lock = counter.lock_dialog
        assert lock is not None
        lock.pin.setText("12")
        _settle(tasks)
        _screen(OUT / f"lock_screen{suffix}.png", window)

        # The Z report as the printer got it: the print queue writes ESC/POS to a file.
        if suffix == "":
            _settle(tasks, 2000)
            stream = (data / "counter" / "receipts.escpos").read_bytes()
            z_job = stream[stream.rfind("Z 報表".encode("cp950")) - 200 :]
            images = raster_images(z_job) or raster_images(stream)
            if images:
                stack(images).save(str(OUT / "z_report_print.png"))
            else:  # a text-mode printer: the bytes are text, drawn as the paper would show it
                report = screen.last_report
                assert report is not None
                document = report.document(services.store.name, services.store.code)
                render_preview(
                    document, RenderTarget.from_config(PrinterConfig()), TextRasterizer()
                ).save(str(OUT / "z_report_print.png"))
            print(printed_text(stream)[-1500:])

        tasks.shutdown()
        services.close()
        server.stop()
        app.quit()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
