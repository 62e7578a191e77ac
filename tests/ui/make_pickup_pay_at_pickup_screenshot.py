"""Regenerate the screenshot of the pickup desk with a group-buy order paid at pickup
(not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_pickup_pay_at_pickup_screenshot.py [zh_TW|en]

Writes docs/screenshots/pickups_pay_at_pickup.png (``_en`` before ``.png`` in English):
the demo counter's desk with two group-buy orders paid at pickup (the "To pay" column),
one paid online and a counter's own reservation, the first order selected (its side
panel says what the quantities cost); and pickups_pay_at_pickup_payment.png: its payment
step open over the desk, a card part taken and the rest about to be paid in cash.
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
from counter_app.services.tenders import TenderService
from counter_app.ui.app import ensure_application
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog

ORDERS = [  # (id, kind, pickup code, payment, the channel's customer name, prices)
    ("GB-20261202-0042", "group_buy", "PUGB7Q3M2K", "at_pickup", "林小姐", (19900, 4500)),
    ("GB-20261202-0057", "group_buy", "PUGB4T8W1R", "at_pickup", "王先生", (12900, 3000)),
    ("GB-20261201-0913", "group_buy", "PUGB9N2C6V", "online", "張小姐", (9900, 2500)),
    ("res-own-1", "pickup", "PUAB12CD34", "online", None, (None, None)),
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
                for r in session.execute(text("SELECT id FROM products ORDER BY id LIMIT 2"))
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
                    "status": "ready",
                    "store_location_id": services.store.location_id,
                    "lines": [
                        {
                            "product_id": products[0],
                            "qty": 1,
                            "arrived_qty": 1,
                            "collected_qty": 0,
                            "unit_price_cents": prices[0],
                        },
                        {
                            "product_id": products[1],
                            "qty": 2,
                            "arrived_qty": 2,
                            "collected_qty": 0,
                            "unit_price_cents": prices[1],
                        },
                    ],
                    "expires_at": "2099-12-04T10:00:00+00:00",
                    "updated_at": f"2026-12-02T0{9 - n}:00:00+00:00",
                    "payment": payment,
                    **({"customer_name": name} if name else {}),
                },
            }
            for n, (rid, kind, code, payment, name, prices) in enumerate(ORDERS)
        ]
        with services.db.unit_of_work() as session:
            cache_writer.apply_feed_page(session, changes, "2026-12-02T08:00:00+00:00")
        counter = build_counter(services, demo_cashier(services), tasks)
        window = counter.window
        window.move(0, 0)
        window.show()
        desk = counter.pickups_screen
        assert desk is not None
        window.show_screen("pickups")
        _settle(tasks)
        desk.table.selectRow(0)
        _settle(tasks)
        entry = desk.partial.entry
        assert entry is not None and entry.record.pays_at_pickup
        frame = window.frameGeometry()
        QGuiApplication.primaryScreen().grabWindow(
            0, frame.x(), frame.y(), frame.width(), frame.height()
        ).save(str(OUT / f"pickups_pay_at_pickup{suffix}.png"))
        dialog = TenderDialog(entry.to_pay, TenderService(services.db).usable(), window)
        dialog.tender_buttons["card"].click()
        dialog.amount_edit.setText("200")
        dialog.reference_edit.setText("TX-8812")
        dialog.approval_edit.setText("A1B2C3")
        dialog.confirm()  # the card part; the rest in cash
        dialog.amount_edit.setText("100")
        dialog.show()
        dialog.move(frame.x() + frame.width() - dialog.width() - 40, frame.y() + 120)
        _settle(tasks)
        QGuiApplication.primaryScreen().grabWindow(
            0, frame.x(), frame.y(), frame.width(), frame.height()
        ).save(str(OUT / f"pickups_pay_at_pickup_payment{suffix}.png"))
        dialog.close()
        tasks.shutdown()
        services.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
