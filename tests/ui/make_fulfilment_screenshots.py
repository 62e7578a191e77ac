"""Regenerate the screenshots of one cart with three ways to fulfil (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_fulfilment_screenshots.py [zh_TW|en]

Writes to docs/screenshots/ (``_en`` before ``.png`` in English):
sale_mixed_cart.png (a line taken, one for pickup, one shipped from the partner, with
where each comes from), customer_dialog.png, dropship_list.png (Ctrl+F8, one order shipped
with its tracking number) and alerts.png (the banner and the dialog of a refused pickup).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select, text

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.core.cart import Cart
from counter_app.core.fulfilment import Fulfilment
from counter_app.demo import start_demo
from counter_app.local.fulfilment_repository import (
    apply_dropship_change,
    raise_alert_for_refused_order,
)
from counter_app.local.models import OutboxOp
from counter_app.local.outbox import mark_rejected
from counter_app.ui.alerts_dialog import AlertsDialog
from counter_app.ui.app import ensure_application
from counter_app.ui.customer_dialog import CustomerDialog
from counter_app.ui.task_runner import TaskRunner
from tests.shift_testkit import open_test_shift

OUT = Path("docs/screenshots")


def _settle(tasks: TaskRunner, ms: int = 800) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(200)


def _grab(widget: QWidget, name: str) -> None:
    frame = widget.frameGeometry()
    QGuiApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    ).save(str(OUT / name))


def _codes(services: object) -> list[str]:
    store = services.store.location_id  # type: ignore[attr-defined]
    queries = [
        f"SELECT b.code FROM barcodes b JOIN stock s ON s.product_id = b.product_id "
        f"AND s.location_id = {store} JOIN products p ON p.id = b.product_id "
        f"WHERE s.on_hand >= 10 AND p.active ORDER BY b.code LIMIT 1",
        "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
        "JOIN stock w ON w.product_id = p.id JOIN locations l ON l.id = w.location_id "
        f"AND l.kind = 'warehouse' LEFT JOIN stock s ON s.product_id = p.id "
        f"AND s.location_id = {store} WHERE p.active AND COALESCE(s.on_hand, 0) = 0 "
        "AND w.available >= 10 AND p.dropship_partner_id IS NULL ORDER BY b.code LIMIT 1",
        "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
        "WHERE p.active AND p.dropship_partner_id IS NOT NULL ORDER BY b.code LIMIT 1",
    ]
    with services.db.read() as session:  # type: ignore[attr-defined]
        return [str(session.execute(text(q)).scalar_one()) for q in queries]


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, _server = start_demo(Path(tmp) / "demo")
        open_test_shift(services.db, services.store.location_id)
        tasks = TaskRunner()
        counter = build_counter(services, demo_cashier(services), tasks)
        window = counter.window
        window.resize(1280, 780)
        window.move(0, 0)
        window.show()
        fulfilment = services.fulfilment
        assert fulfilment is not None

        # 1. The sale screen with a mixed cart.
        screen = counter.sale_screen
        for code in _codes(services):
            screen.scan_input.setText(code)
            screen.on_scan_input_return_pressed()
            _settle(tasks, 300)
        screen.table.selectRow(1)
        screen.on_fulfil_button_clicked()
        screen.table.selectRow(2)
        for _ in range(3):
            screen.on_fulfil_button_clicked()
        screen.cart_model.cart.customer = fulfilment.customer(
            "陳小姐", "0912345678", fulfilment.store_pickup("7-11", "123456", "松高門市")
        )
        screen._update_customer_label()
        _settle(tasks, 2000)
        _grab(window, f"sale_mixed_cart{suffix}.png")

        # 2. The customer dialog, a home address with its district shown.
        dialog = CustomerDialog(fulfilment, True, None, window)
        dialog.name.setText("陳小姐")
        dialog.phone.setText("0912-345-678")
        dialog.postal_code.setText("11049")
        dialog.street.setText("松高路1號5樓")
        dialog.show()
        dialog.move(200, 150)
        _settle(tasks, 400)
        _grab(dialog, f"customer_dialog{suffix}.png")
        dialog.close()

        # 3. Check out; the warehouse ships the dropship order; the list (F5).
        cart = Cart(list(screen.cart_model.cart.lines), customer=screen.cart_model.cart.customer)
        sale = services.selling.complete_cash_sale(cart, counter.cashier, cart.total)
        screen.clear_cart()
        dropship = services.dropship
        assert dropship is not None
        other = fulfilment.customer(
            "林先生", "02-2345-6789", fulfilment.home("40757", "市政北七路1號")
        )
        dropship.create(1, 2, other, "warehouse", counter.cashier)
        with services.db.unit_of_work() as session:
            apply_dropship_change(
                session,
                {
                    "dropship_id": sale.orders.dropship_ids[0],
                    "status": "shipped",
                    "carrier": "黑貓宅急便",
                    "tracking_no": "TW900001234",
                    "updated_at": "2026-12-01T03:00:00+00:00",
                },
            )
        window.show_screen("dropship")
        _settle(tasks)
        _grab(window, f"dropship_list{suffix}.png")

        # 4. A pickup the warehouse refused: the banner and the alerts dialog.
        c2 = Cart()
        product = services.catalog.find_by_code(_codes(services)[1])
        assert product is not None
        c2.add(product, 3)
        c2.set_fulfilment(0, Fulfilment("pickup"))
        c2.customer = fulfilment.customer("王大明", "0987-654-321")
        services.selling.complete_cash_sale(c2, counter.cashier, c2.total)
        with services.db.unit_of_work() as session:
            op = session.scalars(
                select(OutboxOp)
                .where(OutboxOp.type == "reservation.create")
                .order_by(OutboxOp.op_id.desc())
            ).first()
            assert op is not None
            detail = "WH01 has 0 of this product available, 3 requested"
            mark_rejected(session, op.op_id, "insufficient_stock", detail)
            raise_alert_for_refused_order(
                session, op.op_id, op.type, json.loads(op.payload), "insufficient_stock", detail
            )
        window.show_screen("sale")
        assert counter.alert_banner is not None
        counter.alert_banner.refresh()
        _settle(tasks)
        alerts = AlertsDialog(
            services.alerts, fulfilment, services.staff, tasks, counter.cashier, window
        )  # type: ignore[arg-type]
        alerts.show()
        alerts.move(120, 160)
        _settle(tasks)
        _grab(window, f"alerts_banner{suffix}.png")
        _grab(alerts, f"alerts{suffix}.png")
        alerts.close()
        tasks.shutdown()
        services.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
