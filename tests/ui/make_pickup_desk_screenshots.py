"""Regenerate the screenshots of the pickup desk's partial hand-over and call list
(not a test):

    Xvfb :97 -screen 0 1920x1200x24 &
    DISPLAY=:97 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_pickup_desk_screenshots.py [zh_TW|en]

Writes docs/screenshots/pickups_partial.png (a pickup whose transfer came in short, one
unit just handed over from the side panel, with an overdue pickup in the list) and
pickups_call_list.png (released holds to call, one phone opened, one marked called);
``_en`` before ``.png`` in English.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from sqlalchemy import text

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.demo import start_demo
from counter_app.local import cache_writer
from counter_app.ui.app import ensure_application
from counter_app.ui.task_runner import TaskRunner

OUT = Path("docs/screenshots")
LATER = "2099-12-31T10:00:00+00:00"  # not overdue
PAST = "2026-11-28T10:00:00+00:00"


def _settle(tasks: TaskRunner, ms: int = 600) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(150)


def _change(rid: str, code: str, status: str, lines: list[dict], expires: str, store: int) -> dict:
    return {
        "entity": "reservation",
        "op": "upsert",
        "id": rid,
        "data": {
            "reservation_id": rid,
            "kind": "pickup",
            "pickup_code": code,
            "status": status,
            "store_location_id": store,
            "lines": lines,
            "expires_at": expires,
            "updated_at": "2026-11-25T08:00:00+00:00",
        },
    }


def _grab(window: Any, name: str) -> None:
    frame = window.frameGeometry()
    QGuiApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    ).save(str(OUT / name))


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, _server = start_demo(Path(tmp) / "demo")
        tasks = TaskRunner()
        with services.db.read() as session:
            p = [
                int(r[0])
                for r in session.execute(text("SELECT id FROM products ORDER BY id LIMIT 4"))
            ]
        store = services.store.location_id
        cashier = demo_cashier(services)
        desk_service = services.pickups
        assert desk_service is not None
        # Two holds made here and released at their expiry: the call list.
        calls = [
            desk_service.reserve(p[2], 1, "林先生", "0933-222-111", cashier),
            desk_service.reserve(p[3], 2, "陳小姐", "0912-345-678", cashier),
        ]

        def line(pid: int, qty: int, arrived: int, collected: int = 0) -> dict:
            return {
                "product_id": pid,
                "qty": qty,
                "arrived_qty": arrived,
                "collected_qty": collected,
            }

        changes = [
            _change(
                "d-1", "PUSHORT001", "ready", [line(p[0], 3, 2), line(p[1], 1, 0)], LATER, store
            ),
            _change("d-2", "PUAB12CD34", "ready", [line(p[2], 1, 1)], PAST, store),
            _change("d-3", "PUHX58RT2N", "in_transit", [line(p[3], 2, 0)], LATER, store),
        ]
        changes += [
            _change(
                c.record.reservation_id, f"PUEXP0000{n}", "expired", [line(pid, q, 0)], PAST, store
            )
            for n, (c, pid, q) in enumerate(zip(calls, (p[2], p[3]), (1, 2), strict=True))
        ]
        with services.db.unit_of_work() as session:
            cache_writer.apply_feed_page(session, changes, "2026-11-25T08:00:00+00:00")
        counter = build_counter(services, cashier, tasks)
        window = counter.window
        window.move(0, 0)
        window.show()
        desk = counter.pickups_screen
        assert desk is not None and desk.call_list is not None
        window.show_screen("pickups")
        desk.status_filter.setCurrentIndex(0)
        _settle(tasks)
        short = [e.pickup_code for e in desk.entries].index("PUSHORT001")
        desk.table.selectRow(short)
        _settle(tasks)
        desk.partial.spins[p[0]].setValue(1)
        desk.partial.button.click()
        _settle(tasks)
        desk.table.selectRow([e.pickup_code for e in desk.entries].index("PUSHORT001"))
        _settle(tasks)
        _grab(window, f"pickups_partial{suffix}.png")

        desk.tabs.setCurrentWidget(desk.call_list)
        _settle(tasks)
        desk.call_list.table.selectRow(0)
        desk.call_list.mark_called()
        _settle(tasks)
        desk.call_list.table.selectRow(1)
        desk.call_list.show_phone()
        _settle(tasks)
        _grab(window, f"pickups_call_list{suffix}.png")
        tasks.shutdown()
        services.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
