"""Regenerate the screenshots of the store's stock work (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_store_stock_screenshots.py [zh_TW|en]

Writes docs/screenshots/store_transfers.png, store_replenishment.png, store_count.png
and stock_lookup_chart.png (``_en`` before ``.png`` in English). Everything is real:
the demo warehouse gets 120 days of weekly-seasonal sales history for a few products
at the demo store (``warehouse-api history import``) and runs its nightly forecast
(``warehouse-api forecast``); the counter asks for a transfer, the operator ships it,
and the counter receives it by scanning with one item short; a count asks for a
recount of a line far from its figure.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from sqlalchemy import text

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.demo import start_demo
from counter_app.ui.app import ensure_application
from counter_app.ui.task_runner import TaskRunner
from warehouse_api.cli import main as warehouse_cli
from warehouse_api.db import Database
from warehouse_api.services.demand_history import today_in_taiwan
from warehouse_api.services.inventory import adjust_stock
from warehouse_api.services.transfers import ship_transfer

OUT = Path("docs/screenshots")


def _settle(tasks: TaskRunner, ms: int = 600) -> None:
    QTest.qWait(ms)
    while tasks.pending:
        QTest.qWait(50)
    QTest.qWait(150)


def _grab(window: object, name: str) -> None:
    frame = window.frameGeometry()  # type: ignore[attr-defined]
    QGuiApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    ).save(str(OUT / name))


def _history(url: str, tmp: Path, store_code: str, skus: list[str], idle_sku: str) -> None:
    today = today_in_taiwan()
    old_day = (today - timedelta(days=150)).isoformat()
    # The idle one: held at the store for months without a sale, selling at the warehouse.
    lines = ["date,sku_or_barcode,location,qty,on_hand", f"{old_day},{idle_sku},{store_code},0,80"]
    for back in range(120, 0, -1):
        day = (today - timedelta(days=back)).isoformat()
        lines.append(f"{day},{idle_sku},WH01,{2 + back % 3},")
    for n, sku in enumerate(skus):
        for back in range(120, 0, -1):
            day = today - timedelta(days=back)
            base = 2 + n
            qty = base * 3 if day.weekday() >= 5 else base
            qty += day.toordinal() % 3 - 1
            lines.append(f"{day.isoformat()},{sku},{store_code},{max(qty, 0)},")
            lines.append(f"{day.isoformat()},{sku},WH01,{max(qty // 2, 0)},")
    path = tmp / "history.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert warehouse_cli(["history", "import", str(path), "--db", url]) == 0
    assert warehouse_cli(["forecast", "--db", url]) == 0


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, _server = start_demo(Path(tmp) / "demo")
        url = f"sqlite:///{(Path(tmp) / 'demo' / 'warehouse.db').as_posix()}"
        tasks = TaskRunner()
        store = services.store
        with services.db.read() as session:
            rows = session.execute(
                text("SELECT id, sku FROM products WHERE active ORDER BY id LIMIT 5")
            ).all()
        ids, skus = [int(r[0]) for r in rows][:4], [str(r[1]) for r in rows][:4]
        idle_id, idle_sku = int(rows[4][0]), str(rows[4][1])
        warehouse = Database.from_url(url)
        with warehouse.write() as session:  # the idle one: 80 on the store's shelf
            level = session.execute(
                text("SELECT on_hand FROM stock WHERE location_id = :l AND product_id = :p"),
                {"l": store.location_id, "p": idle_id},
            ).scalar()
            adjust_stock(
                session,
                store.location_id,
                idle_id,
                on_hand_delta=80 - int(level or 0),
                reason="count",
                reference="screenshot",
                device_id=None,
            )
        _history(url, Path(tmp), store.code, skus, idle_sku)
        with warehouse.write() as session:  # two of them run low at the store
            for pid in ids[:2]:
                level = session.execute(
                    text("SELECT on_hand FROM stock WHERE location_id = :l AND product_id = :p"),
                    {"l": store.location_id, "p": pid},
                ).scalar()
                adjust_stock(
                    session,
                    store.location_id,
                    pid,
                    on_hand_delta=1 - int(level or 0),
                    reason="count",
                    reference="screenshot",
                    device_id=None,
                )
        cashier = demo_cashier(services)
        transfers = services.store_transfers
        assert transfers is not None
        shipped = transfers.request(ids[0], 6, "週末促銷備貨", cashier)
        transfers.request(ids[1], 4, "", cashier)
        services.relay.drain()
        with warehouse.write() as session:
            ship_transfer(session, shipped.record.transfer_id, None, "自有車隊", "TW-0001")
        services.puller.pull_until_current()

        counter = build_counter(services, cashier, tasks)
        window = counter.window
        window.move(0, 0)
        window.show()
        screen = counter.store_stock_screen
        assert screen is not None
        window.show_screen("store_stock")
        _settle(tasks)
        for row in range(screen.transfer_table.rowCount()):
            if screen._transfer_rows[row].status == "shipped":
                screen.transfer_table.selectRow(row)
        screen.start_receiving()
        _settle(tasks)
        for _ in range(5):
            transfers.scan(shipped.record.transfer_id, ids[0])
        screen._show_receipt(transfers.progress(shipped.record.transfer_id))
        _settle(tasks)
        _grab(window, f"store_transfers{suffix}.png")

        screen.stop_receiving()
        screen.tabs.setCurrentIndex(1)
        _settle(tasks, 1500)
        _grab(window, f"store_replenishment{suffix}.png")

        screen.tabs.setCurrentIndex(2)
        _settle(tasks)
        screen.blind.setChecked(False)
        screen.scope.setCurrentIndex(1)  # one category: the first product's
        with services.db.read() as session:
            category = session.execute(
                text("SELECT category FROM products WHERE id = :p"), {"p": ids[0]}
            ).scalar_one()
        screen.category.setCurrentText(str(category))
        screen.start_count()
        _settle(tasks)
        counts = services.stock_counts
        assert counts is not None
        current = counts.current()
        assert current is not None
        for view in current.lines:  # most as expected, a few off by one or two
            counts.set_count(
                view.product.id, max(view.line.expected - (view.product.id % 3 == 0), 0)
            )
        counts.set_count(current.lines[0].product.id, current.lines[0].line.expected + 4)
        screen._finished(counts.finish_counting())
        screen.reconcile_code.setText(skus[0])
        screen.reconcile()
        _settle(tasks)
        _grab(window, f"store_count{suffix}.png")

        stock = counter.stock_screen
        assert stock is not None
        window.show_screen("stock")
        stock.code_input.setText(skus[1])
        stock.look_up()
        _settle(tasks, 1500)
        _grab(window, f"stock_lookup_chart{suffix}.png")
        tasks.shutdown()
        services.close()
        warehouse.dispose()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
