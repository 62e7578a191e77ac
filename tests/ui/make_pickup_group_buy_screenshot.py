"""Regenerate the screenshot of the pickup desk with group-buy orders (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_pickup_group_buy_screenshot.py [zh_TW|en]

Writes docs/screenshots/pickups_group_buy.png (``_en`` before ``.png`` in English): the
demo counter's desk with two group-buy orders collected at this store (marked, with the
channel's order number) next to a counter's own reservation, one of the group-buy orders
just handed over by its pickup code.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from make_pickup_screenshots import OUT, _settle
from PySide6.QtGui import QGuiApplication
from sqlalchemy import text

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.demo import start_demo
from counter_app.local import cache_writer
from counter_app.ui.app import ensure_application
from counter_app.ui.task_runner import TaskRunner

ORDERS = [  # (id, kind, pickup code, status, the channel's customer name)
    ("GB-20261201-0042", "group_buy", "PUGB7Q3M2K", "ready", "林小姐"),
    ("GB-20261201-0057", "group_buy", "PUGB4T8W1R", "ready", "王先生"),
    ("res-own-1", "pickup", "PUAB12CD34", "ready", None),
    ("GB-20261130-0913", "group_buy", "PUGB9N2C6V", "in_transit", "張小姐"),
]


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, _server = start_demo(Path(tmp) / "demo")
        tasks = TaskRunner()
        with services.db.read() as session:
            products = [
                int(r[0])
                for r in session.execute(text("SELECT id FROM products ORDER BY id LIMIT 4"))
            ]
        changes = [
            {
                "entity": "reservation",
                "op": "upsert",
                "id": rid,
                "data": {
                    "reservation_id": rid,
                    "kind": kind,
                    "pickup_code": code,
                    "status": status,
                    "store_location_id": services.store.location_id,
                    "lines": [{"product_id": products[n], "qty": 1 + n % 2}],
                    "expires_at": "2026-12-04T10:00:00+00:00",
                    "updated_at": f"2026-12-01T0{n}:00:00+00:00",
                    **({"customer_name": name} if name else {}),
                },
            }
            for n, (rid, kind, code, status, name) in enumerate(ORDERS)
        ]
        with services.db.unit_of_work() as session:
            cache_writer.apply_feed_page(session, changes, "2026-12-01T08:00:00+00:00")
        counter = build_counter(services, demo_cashier(services), tasks)
        window = counter.window
        window.move(0, 0)
        window.show()
        desk = counter.pickups_screen
        assert desk is not None
        window.show_screen("pickups")
        desk.status_filter.setCurrentIndex(0)
        _settle(tasks)
        desk.hand_over("PUGB7Q3M2K")
        _settle(tasks)
        frame = window.frameGeometry()
        QGuiApplication.primaryScreen().grabWindow(
            0, frame.x(), frame.y(), frame.width(), frame.height()
        ).save(str(OUT / f"pickups_group_buy{suffix}.png"))
        tasks.shutdown()
        services.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
