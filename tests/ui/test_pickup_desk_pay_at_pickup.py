"""The pickup desk (F8) with a group-buy order paid at pickup, on a real counter: the
desk shows what to pay; scanning the code opens the payment step (the sale screen's
tender dialog, here split over card and cash) and records the sale and the hand-over
together, prints the sale receipt and the handover slip; leaving the payment step records
nothing. Online (the demo warehouse applies both) and with the warehouse gone (the
mirror alone)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select, text

from counter_app.bootstrap import CounterApp
from counter_app.core.money import Money
from counter_app.core.tenders import Tender
from counter_app.local import cache_writer
from counter_app.local.models import OutboxOp
from counter_app.ui.screens.pickups import Payment
from counter_app.ui.tender_dialog import TenderDialog

CODE = "PUPAY00042"
ORDER = "GB-20261202-0042"


def _products(counter: CounterApp) -> list[int]:
    with counter.services.db.read() as session:
        rows = session.execute(text("SELECT id FROM products ORDER BY id LIMIT 2")).all()
    return [int(r[0]) for r in rows]


def _feed_order(counter: CounterApp, tea: int, puff: int) -> None:
    """A ready group-buy order paid at pickup, as the change feed brings it."""
    change = {
        "entity": "reservation",
        "op": "upsert",
        "id": ORDER,
        "data": {
            "reservation_id": ORDER,
            "kind": "group_buy",
            "pickup_code": CODE,
            "status": "ready",
            "source_location_id": 1,
            "store_location_id": counter.services.store.location_id,
            "lines": [
                {
                    "product_id": tea,
                    "qty": 2,
                    "arrived_qty": 2,
                    "collected_qty": 0,
                    "unit_price_cents": 1900,
                },
                {
                    "product_id": puff,
                    "qty": 1,
                    "arrived_qty": 1,
                    "collected_qty": 0,
                    "unit_price_cents": 3000,
                },
            ],
            "expires_at": "2099-12-04T10:00:00+00:00",
            "sale_id": None,
            "updated_at": "2026-12-02T02:00:00+00:00",
            "customer_name": "林小姐",
            "payment": "at_pickup",
            "amount_due_cents": 6800,
            "paid_cents": 0,
        },
    }
    with counter.services.db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, [change], "2026-12-02T02:00:01+00:00")


def _ops(counter: CounterApp) -> list[tuple[str, dict[str, Any]]]:
    with counter.services.db.read() as session:
        rows = session.scalars(
            select(OutboxOp)
            .where(OutboxOp.type.in_(["sale", "pickup.complete"]))
            .order_by(OutboxOp.op_id)
        ).all()
        return [(row.type, json.loads(row.payload)) for row in rows]


class CardThenCash:
    """The payment step as a cashier works it: NT$50 on the card, the rest in cash."""

    def __init__(self) -> None:
        self.asked: list[Money] = []

    def __call__(self, total: Money, tenders: Sequence[Tender], parent: QWidget) -> Payment | None:
        self.asked.append(total)
        dialog = TenderDialog(total, tenders, parent)
        card = next(t for t in tenders if t.code == "card")
        dialog.tender_buttons["card"].click()
        assert dialog.current == card
        dialog.amount_edit.setText("50")
        dialog.reference_edit.setText("TX-8812")
        dialog.approval_edit.setText("A1B2")
        dialog.confirm()  # the card part; the rest is left for cash
        dialog.amount_edit.setText("100")
        dialog.confirm()  # cash covers it: the sale is complete
        assert dialog.result() == TenderDialog.DialogCode.Accepted
        return dialog.payments, dialog.buyer


def _warehouse_ready_order(counter: CounterApp, db_url: str, tea: int, puff: int) -> None:
    """The same order placed in the demo warehouse for this store, paid at pickup, its
    transfer shipped and received; the till pulls it ready."""
    from warehouse_api.db import Database, make_engine
    from warehouse_api.models import Device
    from warehouse_api.schemas import GroupBuyLine
    from warehouse_api.services.devices import AuthenticatedDevice
    from warehouse_api.services.reservations import place_group_buy_order
    from warehouse_api.services.transfers import receive_transfer, ship_transfer

    engine = make_engine(db_url)
    try:
        warehouse = Database(engine)
        with warehouse.write() as session:
            device_id = session.scalars(select(Device.id).order_by(Device.id)).first()
            assert device_id is not None
            place_group_buy_order(
                session,
                AuthenticatedDevice(device_id, "channel", "group_buy", None),
                ORDER,
                [
                    GroupBuyLine(product_id=tea, qty=2, unit_price_cents=1900),
                    GroupBuyLine(product_id=puff, qty=1, unit_price_cents=3000),
                ],
                "ui-test:1",
                "0" * 64,
                "林小姐",
                store_id=counter.services.store.location_id,
                hold_hours=72,
                payment="at_pickup",
            )
            session.execute(
                text("UPDATE reservations SET pickup_code = :c WHERE id = :i"),
                {"c": CODE, "i": ORDER},
            )
        with warehouse.write() as session:
            ship_transfer(session, f"TR-{ORDER}", None, None, None)
        with warehouse.write() as session:
            receive_transfer(session, f"TR-{ORDER}", None, None)
    finally:
        engine.dispose()
    assert not counter.services.puller.pull_until_current().unreachable


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
def test_an_order_paid_at_pickup_is_paid_and_handed_over_at_the_desk(
    qtbot: Any, counter: CounterApp, demo_counter: Any, online: bool
) -> None:
    tea, puff = _products(counter)
    if online:
        _warehouse_ready_order(counter, demo_counter.warehouse_url, tea, puff)
    else:  # the warehouse gone: the mirror's copy from the feed is all the desk has
        demo_counter.server.stop()
        _feed_order(counter, tea, puff)
    printed: list[str] = []
    queue = counter.services.print_queue
    real = queue.submit
    queue.submit = lambda document, *, title=None: (  # type: ignore[method-assign]
        printed.append(document.plain_text(42)) or real(document, title=title)
    )
    desk = counter.pickups_screen
    assert desk is not None
    pay = CardThenCash()
    qtbot.keyClick(counter.window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: desk.table.rowCount() == 1)
    to_pay = desk.table.item(0, 6).text()
    assert "68" in to_pay and ("To pay" in to_pay or "待收" in to_pay), to_pay
    qtbot.waitUntil(lambda: desk.partial.entry is not None)
    assert "68" in desk.partial.to_pay.text()
    desk.partial.spins[puff].setValue(0)
    assert "38" in desk.partial.to_pay.text()  # two teas: NT$38

    # Leaving the payment step hands nothing over and records nothing.
    desk._ask_payment = lambda total, tenders, parent: None
    counter.wedge.scanned.emit(CODE)
    qtbot.waitUntil(lambda: not desk._busy)
    assert _ops(counter) == [] and CODE in desk.message.text()

    desk._ask_payment = pay
    counter.wedge.scanned.emit(CODE)
    qtbot.waitUntil(lambda: len(_ops(counter)) == 2)
    assert pay.asked == [Money(6800)]
    (sale_type, sale), (handover_type, handover) = _ops(counter)
    assert (sale_type, handover_type) == ("sale", "pickup.complete")
    assert sale["collects_order_id"] == ORDER and sale["total_cents"] == 6800
    assert {line["fulfilment"] for line in sale["lines"]} == {"collect"}
    assert [(p["method"], p["amount_cents"]) for p in sale["payments"]] == [
        ("card", 5000),
        ("cash", 1800),
    ]
    assert handover["sale_id"] == sale["sale_id"]
    qtbot.waitUntil(lambda: not desk._busy)
    assert sale["receipt_no"] in desk.message.text()
    # The sale receipt (through the sale's own path) and the handover slip.
    qtbot.waitUntil(lambda: any("團購取貨付款" in p for p in printed))
    qtbot.waitUntil(lambda: any("取貨付款 已收" in p for p in printed))
    receipt = next(p for p in printed if "團購取貨付款" in p)
    assert ORDER in receipt and "信用卡" in receipt and "NT$68" in receipt
    if online:
        drained = counter.services.relay.drain()
        assert drained.rejected == 0, drained
        from warehouse_api.db import Database, make_engine
        from warehouse_api.models import Reservation as ServerReservation
        from warehouse_api.models import ReservationPayment

        engine = make_engine(demo_counter.warehouse_url)
        try:
            with Database(engine).read() as session:
                found = session.get(ServerReservation, ORDER)
                assert found is not None and found.status == "picked_up"
                paid = session.get(ReservationPayment, sale["sale_id"])
                assert paid is not None and paid.amount_cents == 6800
        finally:
            engine.dispose()
    else:
        assert counter.services.relay.drain().applied == 0  # waiting for the warehouse
