"""The stock lookup's one-step actions by keyboard alone: each button shows its key, and
"Request a transfer to this store" (Ctrl+T) queues ``transfer.request`` for the product
and quantity on screen, which the store stock screen then lists as pending."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select, text

from counter_app.bootstrap import CounterApp
from counter_app.local.models import OutboxOp


def _ops(counter: CounterApp, kind: str) -> list[OutboxOp]:
    with counter.services.db.read() as session:
        return list(session.scalars(select(OutboxOp).where(OutboxOp.type == kind)).all())


def test_every_action_of_the_stock_lookup_shows_its_key(counter: CounterApp) -> None:
    stock = counter.stock_screen
    assert stock is not None
    for button, key in (
        (stock.reserve_button, "Ctrl+P"),
        (stock.ship_button, "Ctrl+D"),
        (stock.ship_partner_button, "Ctrl+Shift+D"),
        (stock.transfer_button, "Ctrl+T"),
    ):
        assert button.text().endswith(f"({key})"), button.text()
        assert button.shortcut().toString() == key


def test_request_a_transfer_to_this_store_from_the_stock_lookup_by_keyboard(
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
    qtbot.keyClick(stock.code_input, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert _ops(counter, "transfer.request") == []  # no product yet: the key does nothing
    qtbot.keyClicks(stock.code_input, sku)
    qtbot.keyClick(stock.code_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stock.transfer_button.isEnabled())
    stock.qty.setFocus()
    stock.qty.selectAll()
    qtbot.keyClicks(stock.qty, "6")
    qtbot.keyClick(stock.qty, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Shift+F3" in stock.message.text())
    [op] = _ops(counter, "transfer.request")
    assert json.loads(op.payload)["lines"] == [{"product_id": pid, "qty": 6}]
    assert stock.qty.value() == 1  # ready for the next one

    store_stock = counter.store_stock_screen
    assert store_stock is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert counter.window.current_screen() is store_stock
    transfer_id = json.loads(op.payload)["transfer_id"]
    qtbot.waitUntil(
        lambda: any(view.record.transfer_id == transfer_id for view in store_stock._transfer_rows)
    )
