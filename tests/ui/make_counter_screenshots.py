"""Regenerate the counter's screenshots in docs/screenshots/ (not a test).

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_counter_screenshots.py

Runs the demo (embedded warehouse, zh_TW) in a temporary folder and takes: the sale
screen, a shelf warning, an error banner, a large total, Stock to count, and the
sync-problems dialog with a rejected operation.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

OUT = Path("docs/screenshots")


def settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(check: Callable[[], bool], ms: int = 8000) -> None:
    for _ in range(ms // 50):
        if check():
            return
        settle(50)
    raise RuntimeError("timed out")


def shoot(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / name))
    print("wrote", OUT / name)


def main() -> int:
    from counter_app.bootstrap import build_counter
    from counter_app.core.cart import Cart
    from counter_app.core.ids import uuid7
    from counter_app.core.money import Money
    from counter_app.demo import start_demo
    from counter_app.local import outbox
    from counter_app.ui.app import ensure_application
    from counter_app.ui.stock_to_count_dialog import StockToCountDialog
    from counter_app.ui.sync_problems_dialog import SyncProblemsDialog
    from counter_app.ui.task_runner import TaskRunner

    data = Path(tempfile.mkdtemp(prefix="counter-shots-"))
    services, server = start_demo(data / "demo")
    from tests.shift_testkit import open_test_shift

    open_test_shift(services.db, services.store.location_id)  # sales need an open shift
    app = ensure_application("zh_TW")
    tasks = TaskRunner()
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    window, screen = counter.window, counter.sale_screen
    window.show()
    screen.beep = lambda: None
    store = services.selling.location_id

    def codes(shelf_sql: str, n: int) -> list[str]:
        with services.db.read() as s:
            return list(
                s.execute(
                    text(
                        "SELECT MIN(b.code) FROM barcodes b JOIN products p ON p.id = b.product_id "
                        "LEFT JOIN stock st ON st.product_id = p.id AND st.location_id = :store "
                        f"WHERE p.active AND length(b.code) = 13 AND {shelf_sql} GROUP BY p.id ORDER BY 1 LIMIT :n"
                    ),
                    {"store": store, "n": n},
                ).scalars()
            )

    stocked = codes("COALESCE(st.on_hand, 0) >= 20", 3)
    for i, code in enumerate(stocked):
        counter.router.on_scanned(code)
        wait_for(lambda i=i: len(screen.cart_model.cart.lines) == i + 1)
    counter.router.on_scanned(stocked[0])
    wait_for(lambda: screen.cart_model.cart.lines[0].qty == 2)
    shoot(window, "sale_screen.png")

    none_here = codes("COALESCE(st.on_hand, 0) = 0", 1)[0]
    counter.router.on_scanned(none_here)
    wait_for(lambda: screen.message_kind == "warning")
    shoot(window, "sale_screen_shelf_warning.png")

    counter.router.on_scanned("4710000000000")
    wait_for(lambda: screen.message_kind == "error")
    shoot(window, "sale_screen_error.png")

    screen.cart_model.set_qty(0, 9999)
    screen.cart_model.set_qty(1, 9999)
    screen.scan_input.setFocus()
    window.resize(window.minimumSizeHint())
    shoot(window, "sale_screen_large_total.png")
    window.resize(1180, 760)

    # A sale of what the shelf does not have, then the manager's list.
    cart = Cart()
    cart.add(services.catalog.find_by_code(none_here), 2)
    services.selling.complete_cash_sale(
        cart, services.staff.first_with_role("cashier"), Money(100_000_00)
    )
    count = StockToCountDialog(services.catalog, store, tasks)
    count.show()
    wait_for(lambda: len(count.items) >= 1)
    shoot(count, "stock_to_count.png")

    payload = {
        "sale_id": uuid7(),
        "receipt_no": "RS001-261125-9001",
        "cashier_id": 1,
        "created_at": "2026-11-25T10:00:00+08:00",
        "total_cents": 100,
        "lines": [
            {
                "line_id": uuid7(),
                "product_id": 99_999_999,
                "qty": 1,
                "unit_price_cents": 100,
                "line_total_cents": 100,
            }
        ],
        "payments": [
            {
                "payment_id": uuid7(),
                "method": "cash",
                "amount_cents": 100,
                "tendered_cents": 100,
                "change_cents": 0,
            }
        ],
    }
    with services.db.unit_of_work() as session:
        outbox.enqueue(session, "sale", f"sale:{payload['sale_id']}", payload)
    services.relay.drain()
    problems = SyncProblemsDialog(services.sync_status, services.staff, tasks)
    problems.show()
    wait_for(lambda: problems.table.rowCount() >= 1)
    shoot(problems, "sync_problems.png")

    screen.clear_cart()
    tasks.shutdown()
    services.close()
    server.stop()  # type: ignore[attr-defined]
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
