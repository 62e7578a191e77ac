"""Regenerate the screenshots of the returns screen beyond the receipt (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_returns_more_screenshots.py [zh_TW|en]

Writes docs/screenshots/returns_search.png (a search by day and amount listing this
till's sales), returns_exchange.png (a size swap: one scanned back, one scanned out,
the difference to pay) and returns_no_receipt.png (a return without a receipt, priced
at the lowest price of the last 30 days, with the phone's returns left),
returns_order.png (a group-buy order brought back, its refund left to the channel) and
the exchange and no-receipt receipts as printed; ``_en`` in English.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSpinBox, QWidget

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.core import receipts
from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.core.receipts import Document
from counter_app.demo import start_demo
from counter_app.devices.config import PrinterConfig
from counter_app.devices.preview import render_preview
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget
from counter_app.services.selling import TAIWAN
from counter_app.ui.app import ensure_application
from counter_app.ui.task_runner import TaskRunner

OUT = Path("docs/screenshots")


def _shipped_group_buy_order(server: object, warehouse_db: Path, product_id: int) -> str:
    import uuid

    import httpx

    from warehouse_api.db import Database
    from warehouse_api.services.devices import issue_token

    db = Database.from_url(f"sqlite:///{warehouse_db.as_posix()}")
    with db.write() as session:
        channel = issue_token(session, "group_buy", None, "screenshot-channel").token
        operator = issue_token(session, "operator", None, "screenshot-operator").token
    db.dispose()
    base = f"{server.url}/api/v1"  # type: ignore[attr-defined]
    order_id = str(uuid.uuid4())
    httpx.post(
        f"{base}/group-buy/orders",
        json={"order_id": order_id, "lines": [{"product_id": product_id, "qty": 2}]},
        headers={"Authorization": f"Bearer {channel}", "Idempotency-Key": order_id},
    ).raise_for_status()
    httpx.post(
        f"{base}/operator/group-buy-orders/{order_id}/ship",
        json={},
        headers={"Authorization": f"Bearer {operator}"},
    ).raise_for_status()
    return order_id


def _receipts() -> list[tuple[str, Document]]:
    now = datetime(2026, 12, 1, 13, 20, tzinfo=TAIWAN)
    exchange = receipts.ReturnReceiptData(
        store_name="台北信義店",
        return_no="RS001-1-261201-0004",
        original_receipt_no="RS001-1-261201-0001",
        cashier_name="示範收銀員",
        created_at=now,
        returned=[receipts.SaleLine("棉質T恤 M", 1, Money(59000), Money(59000))],
        exchanged=[receipts.SaleLine("棉質T恤 L", 1, Money(59000), Money(59000))],
        reason="換貨（退貨單 TS001-1-261201-0001）",
    )
    no_receipt = receipts.ReturnReceiptData(
        store_name="台北信義店",
        return_no="TS001-1-261201-0002",
        original_receipt_no="無收據退貨",
        cashier_name="示範收銀員",
        created_at=now,
        returned=[receipts.SaleLine("Heinz 沙茶醬 500g", 2, Money(18500), Money(37000))],
        reason="無收據退貨，主管 示範主管 核准",
    )
    return [
        ("exchange_receipt.png", receipts.return_receipt(exchange)),
        ("no_receipt_receipt.png", receipts.return_receipt(no_receipt)),
    ]


def _settle(tasks: TaskRunner, ms: int = 600) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(200)


def _grab(widget: QWidget, name: str) -> None:
    frame = widget.frameGeometry()
    QGuiApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    ).save(str(OUT / name))


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, server = start_demo(Path(tmp) / "demo")
        tasks = TaskRunner()
        cashier = demo_cashier(services)
        services.shifts.open(cashier, {1000: 5})
        sales = []
        for items in ((("茶", 2), ("米", 1)), (("衛生紙", 1),), (("茶", 1),)):
            cart = Cart()
            for query, qty in items:
                found = services.catalog.search(query, 1)
                if found:
                    cart.add(found[0], qty)
            sales.append(services.selling.complete_cash_sale(cart, cashier, cart.total))

        counter = build_counter(services, cashier, tasks)
        window = counter.window
        window.move(0, 0)
        window.resize(1200, 760)
        window.show()
        window.show_screen("returns")
        screen = counter.returns_screen
        assert screen is not None

        # 1. The search: today's sales of this till and the store's other tills.
        screen.search_toggle.click()
        screen.search_panel.search()
        _settle(tasks)
        _grab(window, f"returns_search{suffix}.png")
        screen.search_toggle.click()

        # 2. An exchange: the tea comes back, rice goes out instead.
        screen.find(sales[0].receipt_no)
        _settle(tasks)
        dialog = screen.open_exchange()
        assert dialog is not None
        dialog.move(120, 60)
        _settle(tasks, 300)
        tea = services.catalog.search("茶", 1)[0]
        other = services.catalog.search("洗髮", 1) or services.catalog.search("米", 1)
        dialog.scan(tea.sku)
        _settle(tasks)
        dialog.scan(other[0].sku)
        _settle(tasks)
        _settle(tasks, 200)
        _grab(dialog, f"returns_exchange{suffix}.png")
        dialog.reject()
        _settle(tasks, 200)

        # 3. A return without a receipt.
        nodialog = screen.open_no_receipt()
        assert nodialog is not None
        nodialog.move(120, 60)
        nodialog.phone.setText("0912-345-678")
        nodialog.add_code(tea.sku)
        _settle(tasks)
        nodialog.add_code(tea.sku)
        _settle(tasks)
        _grab(nodialog, f"returns_no_receipt{suffix}.png")
        nodialog.reject()

        # 4. A group-buy order brought back to the store.
        order_id = _shipped_group_buy_order(server, Path(tmp) / "demo" / "warehouse.db", tea.id)
        order_dialog = screen.open_order_return()
        assert order_dialog is not None
        order_dialog.move(120, 60)
        order_dialog.number.setText(order_id)
        order_dialog.find()
        _settle(tasks)
        spin = order_dialog.lines.cellWidget(0, order_dialog.QTY_COLUMN)
        if isinstance(spin, QSpinBox):
            spin.setValue(1)
        order_dialog.mode.setCurrentIndex(order_dialog.mode.findData("channel"))
        _settle(tasks, 200)
        _grab(order_dialog, f"returns_order{suffix}.png")
        order_dialog.reject()

        # The receipts as the paper shows them (zh_TW only: the paper is always Chinese).
        if suffix == "":
            target, rasterizer = RenderTarget.from_config(PrinterConfig()), TextRasterizer()
            for name, document in _receipts():
                render_preview(document, target, rasterizer).save(str(OUT / name))

        tasks.shutdown()
        services.close()
        server.stop()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
