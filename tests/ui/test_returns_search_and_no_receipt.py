"""The returns screen beyond the receipt on a real counter and a real warehouse: a search
by day and amount lists this till's sales (offline too, saying head office cannot be
reached) and another till's from the warehouse; a receipt of another till opens from
the warehouse and says so when it is down; a return without a receipt asks a
supervisor, pays the cash and queues the op, online and offline."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QSpinBox
from sqlalchemy import select

from counter_app.bootstrap import CounterApp
from counter_app.core.cart import Cart
from counter_app.core.einvoice_codes import NO_BUYER
from counter_app.core.money import Money
from counter_app.core.tenders import CASH, TenderedPayment
from counter_app.local.models import OutboxOp
from counter_app.services.permissions import Action
from counter_app.services.selling import TAIWAN, CompletedSale
from counter_app.services.staff import Approval
from counter_app.ui.screens.returns import ReturnsScreen
from warehouse_api.demo_data import DEMO_SUPERVISOR_PIN
from warehouse_api.embedded import issue_enrollment_code


def _screen(counter: CounterApp) -> ReturnsScreen:
    counter.window.show_screen("returns")
    screen = counter.returns_screen
    assert screen is not None
    return screen


def _sell(counter: CounterApp, query: str, qty: int) -> CompletedSale:
    product = counter.services.catalog.search(query, 1)[0]
    cart = Cart()
    cart.add(product, qty)
    return counter.services.selling.complete_cash_sale(cart, counter.cashier, cart.total)


def _supervisor_approves(counter: CounterApp, screen: ReturnsScreen) -> list[Action]:
    asked: list[Action] = []

    def ask(_prompt: str, action: Action, then: Any) -> None:
        asked.append(action)
        approval: Approval = counter.services.staff.approve(DEMO_SUPERVISOR_PIN, action)
        then(approval)

    screen._ask_approval = ask  # the PIN dialog has tests of its own
    return asked


def _other_till_sale(demo_counter: Any, product_id: int, price_cents: int) -> str:
    """A sale rung up at a second till of the same store, straight on the warehouse."""
    code = issue_enrollment_code(demo_counter.warehouse_url, "S001")
    base = f"{demo_counter.server.url}/api/v1"
    token = httpx.post(f"{base}/devices/enroll", json={"code": code, "device_name": "till-2"})
    token.raise_for_status()
    receipt_no = f"RS001-2-{datetime.now(TAIWAN):%y%m%d}-0001"
    sale = {
        "sale_id": str(uuid.uuid4()),
        "receipt_no": receipt_no,
        "cashier_id": None,
        "created_at": datetime.now(TAIWAN).isoformat(),
        "total_cents": price_cents * 2,
        "lines": [
            {
                "line_id": str(uuid.uuid4()),
                "product_id": product_id,
                "qty": 2,
                "unit_price_cents": price_cents,
                "line_total_cents": price_cents * 2,
            }
        ],
        "payments": [
            {
                "payment_id": str(uuid.uuid4()),
                "method": "cash",
                "amount_cents": price_cents * 2,
                "tendered_cents": price_cents * 2,
                "change_cents": 0,
            }
        ],
    }
    op = {
        "op_id": str(uuid.uuid4()),
        "type": "sale",
        "payload": sale,
        "created_at": datetime.now(TAIWAN).isoformat(),
    }
    pushed = httpx.post(
        f"{base}/sync/push",
        json={"ops": [op]},
        headers={"Authorization": f"Bearer {token.json()['token']}"},
    )
    assert pushed.json()["results"][0]["status"] == "applied", pushed.text
    return receipt_no


def test_search_lists_this_tills_and_other_tills_sales_and_opens_one(
    qtbot: Any, counter: CounterApp, demo_counter: Any
) -> None:
    mine = _sell(counter, "茶", 2)
    product = counter.services.catalog.search("米", 1)[0]
    theirs = _other_till_sale(demo_counter, product.id, product.price.cents)
    screen = _screen(counter)
    screen.search_toggle.click()
    assert screen.search_panel.isVisible()
    panel = screen.search_panel
    panel.search_button.click()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    assert panel.result is not None
    assert {h.receipt_no for h in panel.result.hits} == {mine.receipt_no, theirs}
    assert panel.result.warehouse == "answered"
    # By amount: only the other till's.
    panel.amount.setText(str(product.price.cents * 2 // 100))
    panel.result = None
    panel.search_button.click()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    assert [h.receipt_no for h in panel.result.hits] == [theirs]
    assert panel.hits.item(0, 3).text() == screen.tr("Head office")
    panel.open_row(0)  # double-click: the sale opens from the warehouse
    qtbot.waitUntil(lambda: screen.sale is not None, timeout=10_000)
    assert screen.sale is not None and screen.sale.receipt_no == theirs
    assert screen.sale.origin == "warehouse"
    spin = screen.lines.cellWidget(0, 4)
    assert isinstance(spin, QSpinBox) and spin.maximum() == 2
    spin.setValue(1)
    screen.confirm()
    qtbot.waitUntil(lambda: screen.last_return is not None, timeout=10_000)
    assert screen.last_return is not None
    assert screen.last_return.receipt_no == theirs
    assert screen.last_return.refund.cents == product.price.cents // 100 * 100


def test_offline_search_lists_this_tills_sales_and_says_head_office_is_down(
    qtbot: Any, counter: CounterApp, demo_counter: Any
) -> None:
    mine = _sell(counter, "茶", 1)
    demo_counter.server.stop()  # the network goes down
    screen = _screen(counter)
    screen.search_toggle.click()
    panel = screen.search_panel
    panel.amount.setText(str(mine.total.cents // 100))
    panel.search_button.click()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=15_000)
    assert panel.result is not None
    assert [h.receipt_no for h in panel.result.hits] == [mine.receipt_no]
    assert panel.result.warehouse == "unreachable"
    assert panel.note.text().startswith(screen.tr("Head office cannot be reached")[:6])
    panel.amount.setText("12.5")  # not whole dollars: said, nothing searched
    panel.search()
    assert screen.tr("The total is whole NT$, e.g. 1250") == panel.note.text()
    # A receipt that is not in this till's journal: head office cannot be asked.
    screen.find("RS001-9-261125-0001")
    qtbot.waitUntil(lambda: "RS001-9-261125-0001" in screen.message.text(), timeout=15_000)
    assert screen.sale is None
    # This till's own sale still opens.
    screen.find(mine.receipt_no)
    qtbot.waitUntil(lambda: screen.sale is not None, timeout=10_000)


@pytest.mark.parametrize("online", [True, False])
def test_a_return_without_a_receipt_asks_a_supervisor_and_pays_cash(
    qtbot: Any, counter: CounterApp, demo_counter: Any, online: bool
) -> None:
    if not online:
        demo_counter.server.stop()
    screen = _screen(counter)
    asked = _supervisor_approves(counter, screen)
    dialog = screen.open_no_receipt()
    assert dialog is not None
    product = counter.services.catalog.search("茶", 1)[0]
    dialog.phone.setText("0912-345-678")
    dialog.add_code(product.sku)
    qtbot.waitUntil(lambda: dialog.quote is not None, timeout=15_000)
    dialog.add_code(product.sku)  # the same product again: two pieces
    qtbot.waitUntil(
        lambda: dialog.quote is not None and dialog.quote.lines[0].qty == 2, timeout=15_000
    )
    quote = dialog.quote
    assert quote is not None
    assert quote.usage.source == ("warehouse" if online else "this_till")
    assert quote.refund.cents == 2 * (product.price.cents // 100 * 100)
    dialog.add_code("0000000000000")  # not a product: said, the rest kept
    qtbot.waitUntil(lambda: dialog.message.text() == screen.tr("No such product"))
    qtbot.waitUntil(lambda: dialog.quote is not None and dialog.confirm_button.isEnabled())
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.done_return is not None, timeout=15_000)
    done = dialog.done_return
    assert done is not None and asked == [Action.RETURN_NO_RECEIPT]
    assert done.refund == quote.refund and done.approved_by
    with counter.services.db.read() as session:
        op = session.scalars(select(OutboxOp).where(OutboxOp.op_id == done.op_id)).one()
    payload = json.loads(op.payload)
    assert payload["sale_id"] is None
    assert payload["no_receipt"]["customer_phone"] == "0912345678"
    if online:
        # The warehouse records it and counts it against the phone.
        counter.services.relay.push_once()
        usage = counter.services.no_receipt.usage("0912345678")
        assert (usage.used, usage.source) == (1, "warehouse")


def _barcode(counter: CounterApp, product_id: int) -> str:
    from counter_app.local.models import Barcode

    with counter.services.db.read() as session:
        return str(
            session.scalars(select(Barcode.code).where(Barcode.product_id == product_id)).first()
        )


@pytest.mark.parametrize("online", [True, False])
def test_a_size_swap_is_two_scans_and_one_exchange(
    qtbot: Any, counter: CounterApp, demo_counter: Any, online: bool
) -> None:
    shirt = counter.services.catalog.search("茶", 1)[0]
    other = counter.services.catalog.search("米", 1)[0]
    sale = _sell(counter, "茶", 1)
    if not online:
        demo_counter.server.stop()
    screen = _screen(counter)
    screen.find(sale.receipt_no)
    qtbot.waitUntil(lambda: screen.sale is not None, timeout=10_000)
    dialog = screen.open_exchange()
    assert dialog is not None
    # The scanner reads both codes while the dialog is open: the router hands them to it.
    counter.router.on_scanned(_barcode(counter, shirt.id))
    qtbot.waitUntil(lambda: dialog.chosen() != {}, timeout=10_000)
    counter.router.on_scanned(_barcode(counter, other.id))
    qtbot.waitUntil(lambda: not dialog.new.is_empty(), timeout=10_000)
    assert counter.sale_screen.cart_model.cart.is_empty()  # the cart behind saw no scan
    net = other.price.cents - shirt.price.cents
    offered: list[Money] = []

    def pay_cash(total: Money, tenders: Any, _parent: Any) -> Any:
        offered.append(total)  # the sale screen's tender dialog: cash with its change
        handed = total.cents + 10_000
        return (TenderedPayment(CASH, total.cents, handed, handed - total.cents),), NO_BUYER

    dialog._ask_tender = pay_cash
    assert dialog.confirm_button.isEnabled()
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.done_exchange is not None, timeout=15_000)
    done = dialog.done_exchange
    assert done is not None and done.returned.receipt_no == sale.receipt_no
    assert done.quote.net.cents == net
    assert offered == ([Money(net)] if net > 0 else [])
    assert done.change == (Money(10_000) if net > 0 else Money(0))
    dialog.accept()
    qtbot.waitUntil(lambda: done.receipt_no in screen.message.text())
    with counter.services.db.read() as session:
        ops = {
            o.op_id: json.loads(o.payload)
            for o in session.scalars(select(OutboxOp).where(OutboxOp.type.in_(["sale", "return"])))
        }
    assert ops[done.returned.op_id]["exchange_sale_id"] == done.sale_id
    assert ops[done.sale_op_id]["receipt_no"] == done.receipt_no


def _token(demo_counter: Any, role: str) -> str:
    from warehouse_api.db import Database
    from warehouse_api.services.devices import issue_token

    db = Database.from_url(demo_counter.warehouse_url)
    try:
        with db.write() as session:
            return issue_token(session, role, None, f"test-{role}").token
    finally:
        db.dispose()


@pytest.mark.parametrize("mode", ["counter", "channel"])
def test_a_group_buy_order_is_returned_at_the_counter(
    qtbot: Any, counter: CounterApp, demo_counter: Any, mode: str
) -> None:
    base = f"{demo_counter.server.url}/api/v1"
    product = counter.services.catalog.search("茶", 1)[0]
    channel = {"Authorization": f"Bearer {_token(demo_counter, 'group_buy')}"}
    order_id = str(uuid.uuid4())
    made = httpx.post(
        f"{base}/group-buy/orders",
        json={"order_id": order_id, "lines": [{"product_id": product.id, "qty": 2}]},
        headers={**channel, "Idempotency-Key": order_id},
    )
    assert made.status_code == 201, made.text
    shipped = httpx.post(
        f"{base}/operator/group-buy-orders/{order_id}/ship",
        json={},
        headers={"Authorization": f"Bearer {_token(demo_counter, 'operator')}"},
    )
    assert shipped.status_code == 200, shipped.text

    screen = _screen(counter)
    dialog = screen.open_order_return()
    assert dialog is not None
    dialog.number.setText(order_id)
    dialog.find()
    qtbot.waitUntil(lambda: dialog.order is not None, timeout=10_000)
    spin = dialog.lines.cellWidget(0, dialog.QTY_COLUMN)
    assert isinstance(spin, QSpinBox) and spin.maximum() == 2
    spin.setValue(1)
    dialog.mode.setCurrentIndex(dialog.mode.findData(mode))
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.done_return is not None, timeout=10_000)
    done = dialog.done_return
    assert done is not None
    assert done.refund.cents == (product.price.cents // 100 * 100 if mode == "counter" else 0)
    counter.services.relay.push_once()
    returns = httpx.get(f"{base}/group-buy/orders/{order_id}/returns", headers=channel).json()
    [recorded] = returns["returns"]
    assert recorded["refund_state"] == (
        "paid_at_counter" if mode == "counter" else "pending_channel"
    )
    # Offline, the order cannot be looked up: the dialog says head office is down.
    demo_counter.server.stop()
    dialog.number.setText(order_id)
    dialog.find()
    qtbot.waitUntil(lambda: order_id in dialog.message.text(), timeout=15_000)
