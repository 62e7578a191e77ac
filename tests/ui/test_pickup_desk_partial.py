"""The pickup desk's partial hand-over and call list on a real counter (F8): a pickup
the feed brought half arrived is handed over in part from the side panel, online and
with the warehouse gone; released holds are listed to call with the phone masked until
staff open the row."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, text

from counter_app.bootstrap import CounterApp
from counter_app.local import cache_writer
from counter_app.local.models import AuditEntry, OutboxOp
from counter_app.local.models import Reservation as LocalReservation

CODE = "PUPART0001"


def _products(counter: CounterApp) -> list[tuple[int, str]]:
    with counter.services.db.read() as session:
        rows = session.execute(text("SELECT id, name FROM products ORDER BY id LIMIT 2")).all()
    return [(int(pid), str(name)) for pid, name in rows]


def _feed(counter: CounterApp, rid: str, code: str, status: str, lines: list[dict]) -> None:
    change = {
        "entity": "reservation",
        "op": "upsert",
        "id": rid,
        "data": {
            "reservation_id": rid,
            "kind": "pickup",
            "pickup_code": code,
            "status": status,
            "source_location_id": 1,
            "store_location_id": counter.services.store.location_id,
            "lines": lines,
            "expires_at": "2099-11-28T10:00:00+00:00",  # not overdue
            "sale_id": None,
            "updated_at": "2026-11-25T02:00:00+00:00",
        },
    }
    with counter.services.db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, [change], "2026-11-25T02:00:01+00:00")


def _handover_ops(counter: CounterApp) -> list[dict]:
    with counter.services.db.read() as session:
        rows = session.scalars(select(OutboxOp).where(OutboxOp.type == "pickup.complete")).all()
        return [json.loads(row.payload) for row in rows]


def _warehouse_ready_pickup(counter: CounterApp, db_url: str, tea: int, puff: int) -> str:
    """A pickup reserved at this till, applied by the demo warehouse, its transfer shipped
    and received with one tea short and no puff; the till pulls it ready. Returns its id."""
    from warehouse_api.db import Database, make_engine
    from warehouse_api.services.transfers import receive_transfer, ship_transfer

    services = counter.services
    cashier = services.staff.first_with_role("cashier")
    assert services.pickups is not None and cashier is not None
    made = services.pickups.reserve(tea, 3, "陳小姐", "0912-345-678", cashier)
    rid = made.record.reservation_id
    with services.db.unit_of_work() as session:  # a second line: the desk reserves one product
        row = session.get(LocalReservation, rid)
        assert row is not None
        row.lines_json = json.dumps([[tea, 3], [puff, 1]])
    with services.db.unit_of_work() as session:
        op = session.scalars(select(OutboxOp).where(OutboxOp.type == "reservation.create")).one()
        payload = json.loads(op.payload)
        payload["lines"].append({"product_id": puff, "qty": 1})
        op.payload = json.dumps(payload)
    assert services.relay.drain().applied == 1
    engine = make_engine(db_url)
    try:
        warehouse = Database(engine)
        with warehouse.write() as session:
            ship_transfer(session, f"TR-{rid}", None, None, None)
        with warehouse.write() as session:
            receive_transfer(session, f"TR-{rid}", None, {tea: 2, puff: 0})
    finally:
        engine.dispose()
    assert not services.puller.pull_until_current().unreachable
    return rid


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
def test_part_of_a_pickup_is_handed_over_from_the_side_panel(
    qtbot: Any, counter: CounterApp, demo_counter: Any, online: bool
) -> None:
    """Online: a real pickup of the demo warehouse, the hand-overs pushed and applied.
    Offline: the same figures from the feed's cache, the warehouse gone; they wait."""
    (tea, _tea_name), (puff, puff_name) = _products(counter)
    if online:
        rid = _warehouse_ready_pickup(counter, demo_counter.warehouse_url, tea, puff)
    else:
        rid = "res-part-1"
        demo_counter.server.stop()
        _feed(
            counter,
            rid,
            CODE,
            "ready",
            [
                {"product_id": tea, "qty": 3, "arrived_qty": 2, "collected_qty": 0},
                {"product_id": puff, "qty": 1, "arrived_qty": 0, "collected_qty": 0},
            ],
        )
    pickups = counter.services.pickups
    assert pickups is not None
    found = pickups.entry(rid)
    assert found is not None
    code = found.pickup_code
    printed: list[str] = []
    queue = counter.services.print_queue
    real = queue.submit
    queue.submit = lambda document, *, title=None: (  # type: ignore[method-assign]
        printed.append(document.plain_text(42)) or real(document, title=title)
    )
    desk = counter.pickups_screen
    assert desk is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: desk.table.rowCount() == 1 and desk.partial.entry is not None)
    panel = desk.partial
    spin = panel.spins[tea]
    assert (spin.maximum(), spin.value()) == (2, 2)  # two of three arrived
    assert not panel.spins[puff].isEnabled()  # nothing of it here yet
    spin.setValue(1)  # the customer takes one now
    panel.button.click()
    qtbot.waitUntil(lambda: code in desk.message.text())
    ops = _handover_ops(counter)
    assert [op["lines"] for op in ops] == [[{"product_id": tea, "qty": 1}]]
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert "【本次取走】" in printed[0] and "【尚待取貨（到店後通知）】" in printed[0]
    assert puff_name[:6] in printed[0].split("【尚待取貨")[1]
    if online:
        assert counter.services.relay.drain().applied == 1
        assert not counter.services.puller.pull_until_current().unreachable
        desk.reload()
    # Still ready for the rest: one tea here; scanning the code takes what is here.
    qtbot.waitUntil(
        lambda: desk.partial.entry is not None and desk.partial.spins[tea].maximum() == 1
    )
    qtbot.waitUntil(lambda: not desk._busy)
    counter.wedge.scanned.emit(code)
    qtbot.waitUntil(lambda: len(_handover_ops(counter)) == 2)
    assert _handover_ops(counter)[1]["lines"] == [{"product_id": tea, "qty": 1}]
    if online:
        assert counter.services.relay.drain().applied == 1
        from warehouse_api.db import Database, make_engine
        from warehouse_api.models import Reservation as ServerReservation

        engine = make_engine(demo_counter.warehouse_url)
        try:
            with Database(engine).read() as session:
                line = session.get(ServerReservation, rid).lines[0]  # type: ignore[union-attr]
                assert line.collected_qty == 2  # the warehouse moved the two handed over
        finally:
            engine.dispose()
    # Nothing left here: a third scan is refused in words, nothing queued.
    qtbot.waitUntil(lambda: not desk._busy)
    counter.wedge.scanned.emit(code)
    qtbot.waitUntil(
        lambda: "還沒有" in desk.message.text() or "nothing of it" in desk.message.text()
    )
    assert len(_handover_ops(counter)) == 2


def test_released_holds_are_listed_to_call_with_the_phone_masked_until_opened(
    qtbot: Any, counter: CounterApp
) -> None:
    (tea, _name), _ = _products(counter)
    pickups = counter.services.pickups
    assert pickups is not None
    cashier = counter.services.staff.first_with_role("cashier")
    assert cashier is not None
    made = pickups.reserve(tea, 2, "陳小姐", "0912-345-678", cashier)
    rid = made.record.reservation_id
    _feed(counter, rid, "PUCALL0001", "expired", [{"product_id": tea, "qty": 2}])
    desk = counter.pickups_screen
    assert desk is not None and desk.call_list is not None
    qtbot.keyClick(counter.window, Qt.Key.Key_F8)
    calls = desk.call_list
    desk.tabs.setCurrentWidget(calls)
    qtbot.waitUntil(lambda: calls.table.rowCount() == 1)
    assert calls.table.item(0, 0).text() == "陳小姐"
    assert calls.table.item(0, 1).text() == "0912***678"
    assert calls.table.item(0, 4).text() == ""
    calls.show_phone_button.click()
    qtbot.waitUntil(lambda: calls.table.item(0, 1).text() == "0912345678")
    calls.called_button.click()
    qtbot.waitUntil(lambda: calls.table.item(0, 4).text() != "")
    with counter.services.db.read() as session:
        actions = [a.action for a in session.scalars(select(AuditEntry)).all()]
    assert actions.count("pickup.phone_shown") == 1
