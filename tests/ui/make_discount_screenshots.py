"""Regenerate the screenshots of discounts and held carts (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_discount_screenshots.py [zh_TW|en]

Writes docs/screenshots/{discount_dialog,sale_discounts,held_carts,receipt_discounts}.png
(``_en`` before ``.png`` in English): the demo counter with a cart of three lines, a
line discount, a price override and a cart discount; the discount dialog over it; two
held carts listed; the receipt of the discounted sale as the printer would show it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.core import receipts
from counter_app.core.cart import Cart
from counter_app.core.discounts import Discount, PriceOverride
from counter_app.devices.config import PrinterConfig
from counter_app.devices.preview import render_preview
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget
from counter_app.services.held_carts import CartKeeper
from counter_app.ui.app import ensure_application
from counter_app.ui.discount_dialog import DiscountDialog, Mode
from counter_app.ui.held_carts_dialog import HeldCartsDialog
from counter_app.ui.task_runner import TaskRunner

OUT = Path("docs/screenshots")


def _settle(tasks: TaskRunner, ms: int = 600) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(150)


def _grab(path: Path, widget: QWidget) -> None:
    frame = widget.frameGeometry()
    QGuiApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    ).save(str(path))


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, server = start_demo_with_shift(Path(tmp))
        tasks = TaskRunner()
        cashier = demo_cashier(services)
        supervisor = services.staff.first_with_role("supervisor") or cashier
        keeper = CartKeeper(services.db, services.store)
        cart = Cart()
        for query, qty in (("茶", 3), ("米", 1), ("衛生紙", 2)):
            found = services.catalog.search(query, 1)
            if found:
                cart.add(found[0], qty)
        # Two carts parked earlier, by two people
        held = Cart()
        held.add(cart.lines[0].product, 2)
        keeper.hold(held, cashier)
        other = cart.copy()
        keeper.hold(other, supervisor)
        cart.lines[0].discount = Discount.percent(10)
        cart.lines[1].override = PriceOverride(
            cart.lines[1].list_price.cents // 100 * 90,
            "外盒破損" if suffix == "" else "damaged box",
        )
        cart.discount = Discount.amount(2000)
        keeper.save_open(cart, cashier)  # the open cart comes back on the screen

        counter = build_counter(services, cashier, tasks)
        window = counter.window
        window.move(0, 0)
        window.resize(1200, 760)
        window.show()
        _settle(tasks, 1200)
        screen = counter.sale_screen
        screen.table.selectRow(2)
        _settle(tasks)
        _grab(OUT / f"sale_discounts{suffix}.png", window)

        dialog = DiscountDialog(screen.cart_model.cart, 2, screen)
        dialog.set_mode(Mode.LINE_PERCENT)
        dialog.value_edit.setText("15")
        dialog.show()
        dialog.move(window.frameGeometry().x() + 300, window.frameGeometry().y() + 180)
        _settle(tasks)
        _grab(OUT / f"discount_dialog{suffix}.png", dialog)
        dialog.done(QDialog.DialogCode.Rejected)

        listing = HeldCartsDialog(keeper.held(), screen)
        listing.show()
        listing.move(window.frameGeometry().x() + 260, window.frameGeometry().y() + 180)
        _settle(tasks)
        _grab(OUT / f"held_carts{suffix}.png", listing)
        listing.done(QDialog.DialogCode.Rejected)

        if suffix == "":
            sale = services.selling.complete_cash_sale(cart.copy(), cashier, cart.total)
            data = receipts.SaleReceiptData(
                store_name=services.store.name,
                store_code=services.store.code,
                receipt_no=sale.receipt_no,
                cashier_name=sale.cashier_name,
                created_at=sale.created_at,
                lines=[
                    receipts.SaleLine(
                        s.name,
                        s.qty,
                        s.unit_price,
                        s.line_total,
                        s.list_price,
                        s.discount,
                        s.override_reason,
                    )
                    for s in sale.lines
                ],
                total=sale.total,
                payments=[receipts.Payment("cash", sale.total, sale.tendered, sale.change)],
            )
            render_preview(
                receipts.sale_receipt(data),
                RenderTarget.from_config(PrinterConfig()),
                TextRasterizer(),
            ).save(str(OUT / "receipt_discounts.png"))
        tasks.shutdown()
        services.close()
        server.stop()


def start_demo_with_shift(tmp: Path):  # type: ignore[no-untyped-def]
    from counter_app.demo import start_demo

    services, server = start_demo(tmp / "demo")
    services.shifts.open(demo_cashier(services), {1000: 5})
    return services, server


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
