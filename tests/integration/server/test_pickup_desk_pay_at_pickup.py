"""A group-buy order paid at pickup, end to end against the real warehouse on loopback
(SQLite and PostgreSQL): the channel places it for S001; S002's till never sees it; the
operator ships its transfer; S001's till receives it; the desk shows what to pay and
refuses a hand-over without the payment (the warehouse too); the desk takes the payment
(card and cash) and hands the order over in one local transaction, later pushed in order;
the warehouse then has the sale with its tenders, the order collected and paid_at_store
with the receipt, and a balanced ledger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Server, ledger_balances, level, new_id, push_one
from till_testkit import Till, enrolled_till

from counter_app.core.money import Money
from counter_app.core.tenders import CASH, DEFAULT_TENDERS, TenderedPayment
from counter_app.services.pickups import PickupDeskService, PickupError
from counter_app.services.returns import RefundAs, ReturnChoice, ReturnsService
from counter_app.services.selling import SellingService
from tests.shift_testkit import open_test_shift
from warehouse_api.models import Payment, Sale

P1, P2 = 17, 18
PRICE1, PRICE2 = 19900, 4500  # the channel's prices, not the store's


@pytest.fixture
def tills(server: Server, tmp_path: Path) -> Iterator[tuple[Till, Till]]:
    a, b = enrolled_till(server, tmp_path / "a"), enrolled_till(server, tmp_path / "b", "S002")
    yield a, b
    a.close()
    b.close()


def _order(server: Server, channel: str, order_id: str) -> dict[str, Any]:
    with server.client(channel) as client:
        response = client.get(f"/group-buy/orders/{order_id}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_the_desk_takes_the_payment_and_hands_the_order_over(
    server: Server, tills: tuple[Till, Till]
) -> None:
    till_a, till_b = tills
    channel = server.token("group_buy")
    store_before = {p: level(server, "S001", p) for p in (P1, P2)}
    body = {
        "order_id": f"GB-{new_id()[:12]}",
        "lines": [
            {"product_id": P1, "qty": 1, "unit_price_cents": PRICE1},
            {"product_id": P2, "qty": 2, "unit_price_cents": PRICE2},
        ],
        "customer_name": "林小姐",
        "pickup_store_code": "S001",
        "payment": "at_pickup",
    }
    with server.client(channel) as client:
        placed = client.post("/group-buy/orders", json=body, headers={"Idempotency-Key": new_id()})
    assert placed.status_code == 201, placed.text
    order_id, code = placed.json()["reservation_id"], placed.json()["pickup_code"]
    due = PRICE1 + 2 * PRICE2

    selling = SellingService(till_a.db, till_a.store)
    desk_a = PickupDeskService(till_a.db, till_a.store, selling=selling)
    desk_b = PickupDeskService(till_b.db, till_b.store)
    till_a.sync()
    till_b.sync()
    assert desk_b.entries() == [] and desk_b.find(code) is None  # another store: unseen
    with server.client(server.token("operator")) as client:
        shipped = client.post(f"/operator/transfers/TR-{order_id}/ship", json={})
    assert shipped.status_code == 200, shipped.text
    till_a.sync()
    till_a.queue("transfer.receive", f"transfer:TR-{order_id}", {"transfer_id": f"TR-{order_id}"})
    till_a.sync()
    [entry] = desk_a.entries("ready")
    assert entry.channel_order == order_id and entry.record.pays_at_pickup
    assert entry.to_pay == Money(due)

    with pytest.raises(PickupError) as unpaid:
        desk_a.hand_over(code, till_a.cashier)
    assert unpaid.value.code == "payment_due"
    # The warehouse refuses a hand-over without its sale too (another till of the store).
    refused = push_one(server, server.enroll("S001"), "pickup.complete", {"pickup_code": code})
    assert refused["problem"]["code"] == "pickup_unpaid"
    assert refused["problem"]["amount_due_cents"] == due

    open_test_shift(till_a.db, till_a.store.location_id, till_a.cashier.id)
    card = TenderedPayment(DEFAULT_TENDERS[1], due - 5000, due - 5000, 0, "TX-5521", "A77")
    cash = TenderedPayment(CASH, 5000, 10000, 5000)
    # Recorded at the till alone (no call to the warehouse), pushed afterwards in order.
    done = desk_a.hand_over_paid(code, till_a.cashier, [card, cash])
    assert done.handover.entry.status == "picked_up" and done.sale.total == Money(due)
    assert desk_a.entries("picked_up")[0].channel_order == order_id
    drained = till_a.relay.drain()
    assert drained.applied == 2 and drained.rejected == 0, drained

    seen = _order(server, channel, order_id)
    assert seen["channel_status"] == "collected" and seen["payment_state"] == "paid_at_store"
    assert seen["paid_cents"] == seen["amount_due_cents"] == due
    [paid] = seen["store_payments"]
    assert paid["receipt_no"] == done.sale.receipt_no and paid["amount_cents"] == due
    with server.db.read() as session:
        sale = session.get(Sale, done.sale.sale_id)
        assert sale is not None and sale.collects_order_id == order_id
        assert sale.total_cents == due and {line.fulfilment for line in sale.lines} == {"collect"}
        tenders = sorted(
            (p.method, p.amount_cents, p.reference)
            for p in session.query(Payment).filter_by(sale_id=sale.id)
        )
    assert tenders == [("card", due - 5000, "TX-5521"), ("cash", 5000, None)]
    # The held units left with the hand-over; the sale moved nothing more.
    assert {p: level(server, "S001", p) for p in (P1, P2)} == store_before
    assert ledger_balances(server)

    till_a.sync()  # the feed agrees: picked up, nothing left to pay
    [after] = desk_a.entries("picked_up")
    assert after.to_pay == Money(0)
    with pytest.raises(PickupError) as again:
        desk_a.hand_over_paid(code, till_a.cashier, [cash])
    assert again.value.code == "already_picked_up"

    # The sale is returned like any store sale: one unit back on the shelf, refunded.
    returns = ReturnsService(till_a.db, till_a.store)
    found = returns.find(done.sale.receipt_no)
    [line] = [x for x in found.lines if x.product_id == P2]
    assert line.returnable == 2 and line.unit_price == Money(PRICE2)
    back = returns.complete(
        done.sale.receipt_no,
        [ReturnChoice(line.line_id, 1, "restock_here")],
        till_a.cashier,
        refund_as=RefundAs(references={"card": ("RF-5521", "R77")}),
    )
    assert back.refund == Money(PRICE2)
    assert {part.method for part in back.tenders} == {"card", "cash"}  # the original tenders
    assert till_a.relay.drain().rejected == 0
    assert level(server, "S001", P2) == (store_before[P2][0] + 1, store_before[P2][1])
    assert _order(server, channel, order_id)["payment_state"] == "paid_at_store"
    assert ledger_balances(server)
