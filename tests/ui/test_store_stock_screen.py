"""The store stock screen (Shift+F3) on a real counter and warehouse on loopback: a shipped
transfer received by scanner (one short), a blind count by scanner, a request from a
replenishment line; and offline, the replenishment figures cached with their age."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select, text

from counter_app.bootstrap import CounterApp
from counter_app.local import cache_writer
from counter_app.local.models import OutboxOp
from counter_app.services.replenishment import CACHE_KEY


def _product(counter: CounterApp) -> tuple[int, str, str]:
    with counter.services.db.read() as session:
        pid, name, code = session.execute(
            text(
                "SELECT p.id, p.name, b.code FROM products p JOIN barcodes b ON b.product_id = p.id "
                "WHERE p.active ORDER BY p.id LIMIT 1"
            )
        ).one()
    return int(pid), str(name), str(code)


def _ops(counter: CounterApp, op_type: str) -> list[OutboxOp]:
    with counter.services.db.read() as session:
        return list(session.scalars(select(OutboxOp).where(OutboxOp.type == op_type)).all())


def test_receive_a_shipped_transfer_by_scanning_with_one_short(
    qtbot: Any, counter: CounterApp
) -> None:
    pid, name, code = _product(counter)
    change = {
        "entity": "transfer",
        "op": "upsert",
        "id": "tr-1",
        "data": {
            "transfer_id": "tr-1",
            "status": "shipped",
            "from_location_id": 1,
            "to_location_id": counter.services.store.location_id,
            "reservation_id": None,
            "carrier": "自有車隊",
            "tracking_no": "A1",
            "reason": "補貨",
            "lines": [{"product_id": pid, "qty": 3, "received_qty": None}],
            "updated_at": "2026-11-25T02:00:00+00:00",
        },
    }
    with counter.services.db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, [change], "2026-11-25T02:00:01+00:00")
    screen = counter.store_stock_screen
    assert screen is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert counter.window.current_screen() is screen
    qtbot.waitUntil(lambda: screen.transfer_table.rowCount() == 1)
    assert name in screen.transfer_table.item(0, 1).text()
    screen.receive_start.click()
    qtbot.waitUntil(lambda: screen.receiving == "tr-1")
    counter.wedge.scanned.emit(code)  # the scanner: counts one, the sale screen never sees it
    counter.wedge.scanned.emit(code)
    qtbot.waitUntil(
        lambda: (
            screen.receipt_table.item(0, 2) is not None
            and screen.receipt_table.item(0, 2).text() == "2"
        )
    )
    assert counter.window.current_screen() is screen
    assert counter.sale_screen.cart_model.rowCount() == 0  # the sale screen never saw them
    assert "1" in screen.receipt_table.item(0, 3).text()  # 1 short
    screen.receive_done.click()
    qtbot.waitUntil(lambda: len(_ops(counter, "transfer.receive")) == 1)
    assert '"qty":2' in _ops(counter, "transfer.receive")[0].payload
    qtbot.waitUntil(lambda: not screen.receipt_box.isVisible())


def test_a_blind_count_by_scanner_hides_the_expected_figure_until_submitted(
    qtbot: Any, counter: CounterApp
) -> None:
    pid, _name, code = _product(counter)
    screen = counter.store_stock_screen
    assert screen is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    screen.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: screen.category.count() > 0)
    screen.scope.setCurrentIndex(2)  # flagged: nothing flagged in the demo
    screen.start_button.click()
    qtbot.waitUntil(lambda: screen.message.text() != "")
    screen.scope.setCurrentIndex(0)  # the whole store
    screen.start_button.click()
    qtbot.waitUntil(lambda: screen.count_table.rowCount() > 0)
    assert screen.count_table.item(0, 2).text() == "—"
    counter.wedge.scanned.emit(code)
    qtbot.waitUntil(
        lambda: any(
            screen.count_table.item(r, 3).text() == "1"
            for r in range(screen.count_table.rowCount())
        )
    )
    session = screen.session
    assert session is not None
    for view in session.lines:  # type the rest as expected so nothing asks for a recount
        if view.product.id != pid:
            counter.services.stock_counts.set_count(view.product.id, view.line.expected)
    expected = next(v.line.expected for v in session.lines if v.product.id == pid)
    screen._show_session(counter.services.stock_counts.current())
    row = next(i for i, v in enumerate(screen.session.lines) if v.product.id == pid)  # type: ignore[union-attr]
    screen.count_table.selectRow(row)
    screen.count_qty.setValue(expected)  # typed, as for a case of many
    screen.count_set.click()
    qtbot.waitUntil(
        lambda: (
            screen.session is not None
            and next(v for v in screen.session.lines if v.product.id == pid).line.counted
            == expected
        )
    )
    screen.finish_button.click()
    qtbot.waitUntil(
        lambda: (
            screen.submit_button.isEnabled()
            and screen.session is not None
            and screen.session.recounts_left == 0
        )
    )
    screen.submit_button.click()
    qtbot.waitUntil(lambda: len(_ops(counter, "stock_count")) == 1)
    qtbot.waitUntil(lambda: screen.count_table.item(0, 2).text() != "—")


def test_replenishment_online_then_offline_with_the_figures_age(
    qtbot: Any, counter: CounterApp, demo_counter: Any
) -> None:
    screen = counter.store_stock_screen
    assert screen is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    screen.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.live, timeout=10_000)
    assert (
        screen.replenish_age.text() in ("即時取自倉庫", "Live from the warehouse")
        or screen.report.live
    )
    with counter.services.db.read() as session:
        assert session.execute(
            text("SELECT value FROM sync_state WHERE key = :k"), {"k": CACHE_KEY}
        ).scalar_one()
    demo_counter.server.stop()  # the network goes down
    screen.refresh_replenishment()
    qtbot.waitUntil(lambda: screen.report is not None and not screen.report.live, timeout=15_000)
    assert screen.report.fetched_at is not None
    assert any(w in screen.replenish_age.text() for w in ("離線", "Offline"))


def test_the_demand_chart_draws_sales_and_forecast_for_both_places(qtbot: Any) -> None:
    from counter_app.services.replenishment import DemandReport, DemandSeries
    from counter_app.ui.demand_chart import CHARTS, DemandChart

    chart = DemandChart()
    qtbot.addWidget(chart)
    report = DemandReport(
        10,
        (
            DemandSeries(
                "S001",
                "store",
                (("2026-11-23", 2), ("2026-11-24", 5)),
                "2026-11-25",
                (3.0, 4.0),
                "ses",
            ),
            DemandSeries("WH01", "warehouse", (("2026-11-24", 1),), None, (), None),
        ),
        live=False,
        age_s=600.0,
    )
    chart.show_report(report)
    assert "10" in chart.note.text()  # offline: the chart's age in minutes
    assert CHARTS  # PySide6-Addons is installed where the tests run
    assert chart.series_count == 3  # S001 sold, S001 forecast, WH01 sold (no forecast)


def test_the_demand_chart_says_so_when_nothing_sold_instead_of_empty_axes(qtbot: Any) -> None:
    from counter_app.services.replenishment import DemandReport, DemandSeries
    from counter_app.ui.demand_chart import DemandChart

    chart = DemandChart()
    qtbot.addWidget(chart)
    chart.show()
    nothing = DemandReport(
        10, (DemandSeries("S001", "store", (), None, (), None),), live=True, age_s=0.0
    )
    chart.show_report(nothing)
    assert chart.series_count == 0
    assert chart.view is not None and not chart.view.isVisible()
    assert "No sales" in chart.note.text() or "尚無" in chart.note.text()
    one = DemandReport(
        10,
        (DemandSeries("S001", "store", (("2026-11-24", 1),), None, (), None),),
        live=True,
        age_s=0.0,
    )
    chart.show_report(one)  # a product that sold once: the chart comes back
    assert chart.series_count == 1 and chart.view.isVisible()
