"""The pickup desk (F8) on a real counter: a reservation the change feed brought as
ready is handed over by scanning its pickup code (from any screen); the op is queued,
the desk shows it picked up, the handover slip prints; a second scan is refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, text

from counter_app.bootstrap import CounterApp
from counter_app.local import cache_writer
from counter_app.local.models import OutboxOp

CODE = "PU7K3M9Q2X"


def _feed_reservation(
    counter: CounterApp, rid: str, code: str, status: str, kind: str = "pickup"
) -> str:
    db = counter.services.db
    with db.read() as session:
        pid, name = session.execute(text("SELECT id, name FROM products ORDER BY id LIMIT 1")).one()
    change = {
        "entity": "reservation",
        "op": "upsert",
        "id": rid,
        "data": {
            "reservation_id": rid,
            "kind": kind,
            "pickup_code": code,
            "status": status,
            "source_location_id": 1,
            "store_location_id": counter.services.store.location_id,
            "lines": [{"product_id": pid, "qty": 2}],
            "expires_at": "2026-11-28T10:00:00+00:00",
            "sale_id": None,
            "updated_at": "2026-11-25T02:00:00+00:00",
        },
    }
    with db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, [change], "2026-11-25T02:00:01+00:00")
    return str(name)


def test_a_pickup_scan_opens_the_desk_and_hands_it_over_once(
    qtbot: Any, counter: CounterApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _feed_reservation(counter, "res-ready-1", CODE, "ready")
    printed: list[str] = []
    real = counter.services.print_queue.submit

    def submit(document: Any, *, title: str | None = None) -> str:
        printed.append(document.plain_text(42))
        return real(document, title=title)

    monkeypatch.setattr(counter.services.print_queue, "submit", submit)
    desk = counter.pickups_screen
    assert desk is not None

    counter.wedge.scanned.emit(CODE)  # from the sale screen: the router brings the desk
    assert counter.window.current_screen() is desk
    qtbot.waitUntil(lambda: "已交付" in desk.message.text() or "Handed over" in desk.message.text())
    assert CODE in desk.message.text()
    with counter.services.db.read() as session:
        ops = session.scalars(select(OutboxOp).where(OutboxOp.type == "pickup.complete")).all()
    assert len(ops) == 1 and CODE in ops[0].payload
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert "取貨交付單" in printed[0] and name[:6] in printed[0]

    # The desk lists it as picked up; a second scan of the same slip is refused.
    desk.status_filter.setCurrentIndex(0)  # all
    # Wait for the reload itself: the ready row of before may still be on screen.
    qtbot.waitUntil(
        lambda: (
            desk.table.rowCount() >= 1
            and desk.table.item(0, 1).text() == desk.status_text("picked_up")
        )
    )
    assert desk.table.item(0, 0).text() == CODE
    counter.wedge.scanned.emit(CODE)
    qtbot.waitUntil(
        lambda: any(w in desk.message.text() for w in ("已交付過", "already handed over"))
    )
    with counter.services.db.read() as session:
        assert (
            len(session.scalars(select(OutboxOp).where(OutboxOp.type == "pickup.complete")).all())
            == 1
        )


def test_a_typed_code_not_ready_or_unknown_is_refused_in_words(
    qtbot: Any, counter: CounterApp
) -> None:
    _feed_reservation(counter, "res-transit-1", "PUAB12CD34", "in_transit")
    desk = counter.pickups_screen
    assert desk is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F8)
    assert counter.window.current_screen() is desk
    qtbot.keyClicks(desk.code_input, "puab12cd34")
    qtbot.keyClick(desk.code_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "PUAB12CD34" in desk.message.text())
    assert desk.status_text("in_transit") in desk.message.text()
    desk.code_input.setText("PUNOPE0000")
    desk.hand_over_button.click()
    qtbot.waitUntil(lambda: "PUNOPE0000" in desk.message.text())
    with counter.services.db.read() as session:
        assert (
            session.scalars(select(OutboxOp).where(OutboxOp.type == "pickup.complete")).all() == []
        )


def test_reserve_for_pickup_from_the_stock_screen_queues_the_op(
    qtbot: Any, counter: CounterApp
) -> None:
    stock = counter.stock_screen
    assert stock is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F3)
    assert counter.window.current_screen() is stock
    with counter.services.db.read() as session:
        pid, sku = session.execute(
            text("SELECT id, sku FROM products WHERE active ORDER BY id LIMIT 1")
        ).one()
    qtbot.keyClicks(stock.code_input, sku)
    qtbot.keyClick(stock.code_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stock.reserve_button.isEnabled() and stock.panel.rows != [])

    stock.qty.setValue(2)
    stock.customer_name.setText("陳小姐")  # QTest types ASCII only
    qtbot.keyClicks(stock.phone, "0912-34")  # too short: refused, nothing queued
    stock.reserve_button.click()
    qtbot.waitUntil(lambda: "09" in stock.message.text())
    with counter.services.db.read() as session:
        assert (
            session.scalars(select(OutboxOp).where(OutboxOp.type == "reservation.create")).all()
            == []
        )

    qtbot.keyClicks(stock.phone, "5678")
    stock.reserve_button.click()
    qtbot.waitUntil(lambda: "F8" in stock.message.text())
    with counter.services.db.read() as session:
        [op] = session.scalars(select(OutboxOp).where(OutboxOp.type == "reservation.create")).all()
    payload = json.loads(op.payload)
    assert (
        payload["lines"] == [{"product_id": pid, "qty": 2}]
        and payload["customer_phone"] == "0912345678"
    )
    desk = counter.pickups_screen
    assert desk is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F8)
    desk.status_filter.setCurrentIndex(1)  # pending
    qtbot.waitUntil(lambda: desk.table.rowCount() == 1)
    assert desk.table.item(0, 1).text() == desk.status_text("pending")
    assert desk.table.item(0, 3).text() == "陳小姐"


def test_a_group_buy_order_shows_its_channel_number_and_is_handed_over_by_scan(
    qtbot: Any, counter: CounterApp
) -> None:
    _feed_reservation(counter, "GB-20261201-0042", "PUGB7Q3M2K", "ready", kind="group_buy")
    _feed_reservation(counter, "res-own-1", "PUOWN00001", "ready")
    desk = counter.pickups_screen
    assert desk is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F8)
    desk.status_filter.setCurrentIndex(0)  # all (their hold date has passed: overdue)
    qtbot.waitUntil(lambda: desk.table.rowCount() == 2)
    orders = {desk.table.item(r, 0).text(): desk.table.item(r, 5).text() for r in range(2)}
    mark = "團購" if "團購" in orders["PUGB7Q3M2K"] else "Group-buy"  # the tests' language
    assert orders == {"PUGB7Q3M2K": f"{mark} GB-20261201-0042", "PUOWN00001": ""}
    desk.search.setText("0042")  # the channel's order number finds it
    qtbot.waitUntil(lambda: desk.table.rowCount() == 1)
    assert desk.table.item(0, 0).text() == "PUGB7Q3M2K"

    counter.wedge.scanned.emit("PUGB7Q3M2K")
    qtbot.waitUntil(lambda: "PUGB7Q3M2K" in desk.message.text())
    assert any(w in desk.message.text() for w in ("已交付", "Handed over"))
    with counter.services.db.read() as session:
        [op] = session.scalars(select(OutboxOp).where(OutboxOp.type == "pickup.complete")).all()
    assert json.loads(op.payload)["reservation_id"] == "GB-20261201-0042"
