"""Regenerate the screenshot of the pickup desk (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_pickup_screenshots.py [zh_TW|en]

Writes docs/screenshots/pickups.png and stock_lookup.png (``_en`` before ``.png`` in
English): the demo counter with reservations in every status as the change feed would
bring them, one of them just handed over by its pickup code; then the stock screen with
a product's figures and a reservation for pickup just queued.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from sqlalchemy import text

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.demo import start_demo
from counter_app.local import cache_writer
from counter_app.ui.app import ensure_application
from counter_app.ui.task_runner import TaskRunner

OUT = Path("docs/screenshots")
RESERVATIONS = [
    ("PU7K3M9Q2X", "ready"),
    ("PUAB12CD34", "ready"),
    ("PUHX58RT2N", "in_transit"),
    ("PUQW93LM7P", "confirmed"),
    ("PUDONE0001", "picked_up"),
    ("PUEXP00002", "expired"),
]


def _settle(tasks: TaskRunner, ms: int = 600) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(150)


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, _server = start_demo(Path(tmp) / "demo")
        tasks = TaskRunner()
        with services.db.read() as session:
            products = [
                int(r[0])
                for r in session.execute(text("SELECT id FROM products ORDER BY id LIMIT 6"))
            ]
        changes = []
        for n, (code, status) in enumerate(RESERVATIONS):
            rid = f"demo-{n}"
            changes.append(
                {
                    "entity": "reservation",
                    "op": "upsert",
                    "id": rid,
                    "data": {
                        "reservation_id": rid,
                        "kind": "pickup",
                        "pickup_code": code,
                        "status": status,
                        "store_location_id": services.store.location_id,
                        "lines": [
                            {"product_id": products[n], "qty": 1 + n % 2},
                            {"product_id": products[(n + 3) % 6], "qty": 1},
                        ],
                        "expires_at": f"2026-11-2{8 + n % 2}T10:00:00+00:00",
                        "updated_at": f"2026-11-25T0{n}:00:00+00:00",
                    },
                }
            )
        with services.db.unit_of_work() as session:
            cache_writer.apply_feed_page(session, changes, "2026-11-25T08:00:00+00:00")
        counter = build_counter(services, demo_cashier(services), tasks)
        window = counter.window
        window.move(0, 0)
        window.show()
        desk = counter.pickups_screen
        assert desk is not None
        window.show_screen("pickups")
        desk.status_filter.setCurrentIndex(0)
        _settle(tasks)
        desk.hand_over("PU7K3M9Q2X")
        _settle(tasks)
        frame = window.frameGeometry()
        QGuiApplication.primaryScreen().grabWindow(
            0, frame.x(), frame.y(), frame.width(), frame.height()
        ).save(str(OUT / f"pickups{suffix}.png"))
        stock = counter.stock_screen
        assert stock is not None
        window.show_screen("stock")
        with services.db.read() as session:
            sku = session.execute(
                text("SELECT sku FROM products ORDER BY id LIMIT 1 OFFSET 2")
            ).scalar_one()
        stock.code_input.setText(str(sku))
        stock.look_up()
        _settle(tasks, 1200)
        stock.qty.setValue(2)
        stock.customer_name.setText("陳小姐")
        stock.phone.setText("0912-345-678")
        stock.reserve()
        _settle(tasks)
        frame = window.frameGeometry()
        QGuiApplication.primaryScreen().grabWindow(
            0, frame.x(), frame.y(), frame.width(), frame.height()
        ).save(str(OUT / f"stock_lookup{suffix}.png"))
        tasks.shutdown()
        services.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
