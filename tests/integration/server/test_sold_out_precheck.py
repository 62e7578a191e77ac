"""After a sell-out, orders are refused by one read before any write (the precheck);
what must still go the full way does: replays, reused ids, and units an expired
hold is about to give back."""

from __future__ import annotations

from datetime import timedelta

from server_testkit import (
    Server,
    assert_problem,
    ledger_balances,
    level,
    new_id,
    op,
    push,
    set_available,
)
from sqlalchemy import update

from warehouse_api.models import Reservation, utcnow

PRODUCT = 17
UNITS = 3


def _lines(qty: int = 1) -> list[dict[str, int]]:
    return [{"product_id": PRODUCT, "qty": qty}]


def _sell_out(server: Server) -> None:
    set_available(server.db, server.location_id("WH01"), PRODUCT, UNITS)


def test_a_group_buy_replay_after_the_sell_out_still_answers_its_order(server: Server) -> None:
    _sell_out(server)
    channel = server.token("group_buy")
    with server.client(channel) as client:
        first = client.post(
            "/group-buy/orders", json={"lines": _lines(UNITS)}, headers={"Idempotency-Key": "a"}
        )
        held = level(server, "WH01", PRODUCT)
        replay = client.post(
            "/group-buy/orders", json={"lines": _lines(UNITS)}, headers={"Idempotency-Key": "a"}
        )
        other_body = client.post(
            "/group-buy/orders", json={"lines": _lines(1)}, headers={"Idempotency-Key": "a"}
        )
        late = client.post(
            "/group-buy/orders", json={"lines": _lines(1)}, headers={"Idempotency-Key": "b"}
        )
        taken_id = client.post(
            "/group-buy/orders",
            json={"order_id": first.json()["reservation_id"], "lines": _lines(1)},
            headers={"Idempotency-Key": "c"},
        )
    assert first.status_code == 201, first.text
    # A replay is answered with its order, not refused for the stock now gone.
    assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert_problem(other_body, 409, "idempotency_key_reused")
    refused = assert_problem(late, 409, "insufficient_stock")
    assert (refused["product_id"], refused["available"], refused["requested"]) == (PRODUCT, 0, 1)
    assert "WH01 has 0 of SKU" in refused["detail"]
    # An order id already used: the full way says so (not insufficient_stock).
    assert_problem(taken_id, 409, "idempotency_key_reused")
    assert level(server, "WH01", PRODUCT) == held
    assert ledger_balances(server)


def test_pushed_pickups_after_the_sell_out(server: Server) -> None:
    _sell_out(server)
    counter = server.enroll("S001")
    winner = op("reservation.create", {"reservation_id": new_id(), "lines": _lines(UNITS)})
    [won] = push(server, counter, winner)
    held = level(server, "WH01", PRODUCT)
    [again] = push(server, counter, winner)  # the same op: a duplicate, not a refusal
    [late] = push(
        server, counter, op("reservation.create", {"reservation_id": new_id(), "lines": _lines()})
    )
    reused_id = op(
        "reservation.create",
        {"reservation_id": winner["payload"]["reservation_id"], "lines": _lines()},
    )
    [reused] = push(server, counter, reused_id)
    unknown = op(
        "reservation.create",
        {"reservation_id": new_id(), "lines": [{"product_id": 999_999, "qty": 1}]},
    )
    [unknown_answer] = push(server, counter, unknown)
    assert won["status"] == "applied", won
    assert again["status"] == "duplicate" and again["result"] == won["result"]
    assert late["status"] == "rejected"
    assert late["problem"]["code"] == "insufficient_stock"
    assert (late["problem"]["available"], late["problem"]["requested"]) == (0, 1)
    assert reused["status"] == "rejected"
    assert reused["problem"]["code"] == "idempotency_key_reused"
    assert unknown_answer["status"] == "rejected"
    assert unknown_answer["problem"]["code"] == "unknown_product"
    assert level(server, "WH01", PRODUCT) == held
    assert ledger_balances(server)


def test_units_of_an_expired_hold_go_to_the_next_buyer(server: Server) -> None:
    """Sold out on paper, but a pickup hold has run out: the precheck does not refuse,
    the write path releases the hold and the order wins its units."""
    _sell_out(server)
    counter = server.enroll("S001")
    [hold] = push(
        server,
        counter,
        op("reservation.create", {"reservation_id": new_id(), "lines": _lines(UNITS)}),
    )
    assert hold["status"] == "applied", hold
    with server.db.write() as session:
        session.execute(
            update(Reservation)
            .where(Reservation.id == hold["result"]["reservation_id"])
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    held = level(server, "WH01", PRODUCT)
    [pickup] = push(
        server, counter, op("reservation.create", {"reservation_id": new_id(), "lines": _lines()})
    )
    with server.client(server.token("group_buy")) as client:
        order = client.post(
            "/group-buy/orders", json={"lines": _lines(1)}, headers={"Idempotency-Key": new_id()}
        )
    assert pickup["status"] == "applied", pickup
    assert order.status_code == 201, order.text
    # The expired hold's 3 units came back; 2 of them are held again.
    assert level(server, "WH01", PRODUCT) == (held[0], held[1] - UNITS + 2)
    assert ledger_balances(server)
