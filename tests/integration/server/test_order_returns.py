"""A group-buy order returned at a store, on SQLite and PostgreSQL: recorded against
the order, the goods on the store's shelf (or written off, with the ledger showing
both), never more than was ordered; a refund left to the channel is shown on the
channel's API and refunded there exactly once, one paid at the counter never."""

from __future__ import annotations

from typing import Any

from server_testkit import Server, assert_problem, ledger_balances, level, new_id, push_one
from sqlalchemy import select

from warehouse_api.models import StockMovement

PRODUCT = 17


def _shipped_group_buy_order(server: Server, qty: int = 3) -> tuple[str, str]:
    """(the order's id, the channel's token: a channel sees its own orders only)."""
    channel = server.token("group_buy")
    order_id = new_id()
    with server.client(channel) as client:
        made = client.post(
            "/group-buy/orders",
            json={"order_id": order_id, "lines": [{"product_id": PRODUCT, "qty": qty}]},
            headers={"Idempotency-Key": new_id()},
        )
        assert made.status_code == 201, made.text
    with server.client(server.token("operator")) as client:
        shipped = client.post(f"/operator/group-buy-orders/{order_id}/ship", json={})
        assert shipped.status_code == 200, shipped.text
    return order_id, channel


def _order_return(
    order_id: str, qty: int, mode: str, disposition: str = "restock_here", cents: int = 0
) -> dict[str, Any]:
    return {
        "return_id": new_id(),
        "order_kind": "group_buy",
        "order_id": order_id,
        "refund_mode": mode,
        "refund_cents": cents,
        "lines": [
            {
                "product_id": PRODUCT,
                "qty": qty,
                "disposition": disposition,
                "reason": "外盒破損" if disposition == "damaged" else None,
            }
        ],
    }


def test_a_group_buy_order_returned_at_a_store(server: Server) -> None:
    order_id, channel = _shipped_group_buy_order(server, qty=3)
    till = server.enroll("S001")
    before = level(server, "S001", PRODUCT)[0]

    with server.client(till) as client:
        found = client.get(f"/returns/orders/group_buy/{order_id}")
        assert found.status_code == 200, found.text
        [line] = found.json()["lines"]
        assert (line["qty"], line["returned"]) == (3, 0) and line["price_cents"] > 0

    left = push_one(server, till, "order.return", _order_return(order_id, 1, "channel"))
    assert left["status"] == "applied", left
    assert left["result"]["refund_state"] == "pending_channel"
    paid = push_one(
        server, till, "order.return", _order_return(order_id, 1, "counter", "damaged", 2500)
    )
    assert paid["result"]["refund_state"] == "paid_at_counter"
    too_many = push_one(server, till, "order.return", _order_return(order_id, 2, "channel"))
    assert too_many["problem"]["code"] == "return_exceeds_sold"
    assert (too_many["problem"]["sold"], too_many["problem"]["returned"]) == (3, 2)
    # One back on the shelf; the damaged one came in and was written off at once.
    assert level(server, "S001", PRODUCT)[0] == before + 1
    with server.db.read() as session:
        reasons = sorted(
            (m.reason, m.delta)
            for m in session.scalars(
                select(StockMovement).where(StockMovement.reference == paid["result"]["return_id"])
            )
        )
    assert reasons == [("order_return", 1), ("write_off_damaged", -1)]
    assert ledger_balances(server)

    with server.client(channel) as client:
        shown = client.get(f"/group-buy/orders/{order_id}/returns").json()["returns"]
        assert sorted(r["refund_state"] for r in shown) == ["paid_at_counter", "pending_channel"]
        left_id = left["result"]["return_id"]
        refunded = client.post(f"/group-buy/orders/{order_id}/returns/{left_id}/refund")
        assert refunded.status_code == 200, refunded.text
        assert refunded.json()["refund_state"] == "refunded_by_channel"
        again = client.post(f"/group-buy/orders/{order_id}/returns/{left_id}/refund")
        assert assert_problem(again, 409, "refund_not_pending")["refund_state"] == (
            "refunded_by_channel"
        )
        paid_id = paid["result"]["return_id"]
        at_counter = client.post(f"/group-buy/orders/{order_id}/returns/{paid_id}/refund")
        assert assert_problem(at_counter, 409, "refund_not_pending")["refund_state"] == (
            "paid_at_counter"
        )


def test_an_order_not_yet_with_the_customer_cannot_come_back(server: Server) -> None:
    channel = server.token("group_buy")
    order_id = new_id()
    with server.client(channel) as client:
        client.post(
            "/group-buy/orders",
            json={"order_id": order_id, "lines": [{"product_id": PRODUCT, "qty": 1}]},
            headers={"Idempotency-Key": new_id()},
        ).raise_for_status()
    till = server.enroll("S001")
    early = push_one(server, till, "order.return", _order_return(order_id, 1, "channel"))
    assert early["problem"]["code"] == "order_not_returnable"
    assert early["problem"]["current_status"] == "confirmed"
    unknown = push_one(server, till, "order.return", _order_return(new_id(), 1, "channel"))
    assert unknown["problem"]["code"] == "order_return_unknown"
    with server.client(till) as client:
        assert_problem(client.get(f"/returns/orders/group_buy/{new_id()}"), 404, "order_not_found")


def test_a_delivered_dropship_order_returned_at_another_store(server: Server) -> None:
    ordering = server.enroll("S001")
    created = push_one(
        server,
        ordering,
        "dropship.create",
        {
            "dropship_id": new_id(),
            "source": "warehouse",
            "lines": [{"product_id": PRODUCT, "qty": 2}],
            "customer_name": "陳小姐",
            "customer_phone": "0922000111",
            "address": "台北市信義區松高路1號",
        },
    )
    dropship_id = created["result"]["dropship_id"]
    operator = server.token("operator")
    path = f"/operator/dropship-orders/{dropship_id}"
    with server.client(operator) as client:
        client.post(f"{path}/accept").raise_for_status()
        client.post(f"{path}/ship", json={"carrier": "黑貓", "tracking_no": "1"}).raise_for_status()
        client.post(f"{path}/deliver").raise_for_status()
    other_store = server.enroll("S002")
    before = level(server, "S002", PRODUCT)[0]
    with server.client(other_store) as client:
        found = client.get(f"/returns/orders/dropship/{dropship_id}").json()
        assert (found["status"], found["customer_phone_tail"]) == ("delivered", "111")
    ret = {
        "return_id": new_id(),
        "order_kind": "dropship",
        "order_id": dropship_id,
        "refund_mode": "channel",
        "refund_cents": 0,
        "lines": [{"product_id": PRODUCT, "qty": 2, "disposition": "send_to_warehouse"}],
    }
    applied = push_one(server, other_store, "order.return", ret)
    assert applied["status"] == "applied", applied
    assert applied["result"]["transfer_id"] == f"TR-RET-{ret['return_id']}"
    assert level(server, "S002", PRODUCT)[0] == before + 2
    with server.client(operator) as client:
        [shown] = client.get(f"{path}/returns").json()["returns"]
        assert shown["refund_state"] == "pending_channel"
        done = client.post(f"{path}/returns/{ret['return_id']}/refund")
        assert done.json()["refund_state"] == "refunded_by_channel"
        assert_problem(
            client.post(f"{path}/returns/{ret['return_id']}/refund"), 409, "refund_not_pending"
        )
    assert ledger_balances(server)
