"""Partial pickups at the warehouse (issue #11 item 4), on SQLite and PostgreSQL: a
hand-over names per line what the customer takes; the warehouse refuses more than is
held at the store for the reservation, moves only what was handed over, keeps the
reservation ready for the rest, and answers a replayed op as the first time."""

from __future__ import annotations

import threading
from typing import Any

from server_testkit import (
    Server,
    assert_problem,
    ledger_balances,
    level,
    new_id,
    op,
    push,
    push_one,
)

RICE, TEA = 11, 12


def _ready_pickup(server: Server, token: str, wanted: dict[int, int], arrived: dict[int, int]):
    """A pickup of `wanted`, shipped whole and received at S001 as `arrived` counts it."""
    created = push_one(
        server,
        token,
        "reservation.create",
        {
            "reservation_id": new_id(),
            "lines": [{"product_id": p, "qty": q} for p, q in sorted(wanted.items())],
            "customer_name": "陳小姐",
            "customer_phone": "0912345678",
        },
    )
    assert created["status"] == "applied", created
    reservation = created["result"]
    with server.client(server.token("operator")) as client:
        shipped = client.post(f"/operator/transfers/{reservation['transfer_id']}/ship", json={})
    assert shipped.status_code == 200, shipped.text
    received = push_one(
        server,
        token,
        "transfer.receive",
        {
            "transfer_id": reservation["transfer_id"],
            "lines": [{"product_id": p, "qty": q} for p, q in sorted(arrived.items())],
        },
    )
    assert received["status"] == "applied", received
    return reservation


def _hand_over(server: Server, token: str, rid: str, lines: dict[int, int] | None) -> Any:
    payload: dict[str, Any] = {"reservation_id": rid}
    if lines is not None:
        payload["lines"] = [{"product_id": p, "qty": q} for p, q in sorted(lines.items())]
    return push_one(server, token, "pickup.complete", payload)


def _lines(result: dict[str, Any]) -> dict[int, tuple[int, int, int]]:
    """product -> (qty, arrived, collected)."""
    return {
        x["product_id"]: (x["qty"], x["arrived_qty"], x["collected_qty"]) for x in result["lines"]
    }


def test_a_short_receipt_is_handed_over_in_parts_and_only_what_left_moves(server: Server) -> None:
    till = server.enroll("S001")
    store_before = level(server, "S001", RICE)
    reservation = _ready_pickup(server, till, {RICE: 3}, {RICE: 2})  # one short on the way
    rid = reservation["reservation_id"]
    assert level(server, "S001", RICE) == (store_before[0] + 2, store_before[1] + 2)

    first = _hand_over(server, till, rid, {RICE: 1})
    assert first["status"] == "applied", first
    assert first["result"]["status"] == "ready"  # the rest stays held for the customer
    assert first["result"]["handed_over"] == [{"product_id": RICE, "qty": 1}]
    assert _lines(first["result"]) == {RICE: (3, 2, 1)}
    assert level(server, "S001", RICE) == (store_before[0] + 1, store_before[1] + 1)

    # More than is here (1 left of the 2 that arrived): refused, nothing moves.
    over = _hand_over(server, till, rid, {RICE: 2})
    assert over["status"] == "rejected", over
    assert over["problem"]["code"] == "pickup_exceeds_held"
    assert (over["problem"]["requested"], over["problem"]["held"]) == (2, 1)
    # A product the pickup does not have is held 0 times here.
    other = _hand_over(server, till, rid, {TEA: 1})
    assert other["problem"]["code"] == "pickup_exceeds_held" and other["problem"]["held"] == 0
    assert level(server, "S001", RICE) == (store_before[0] + 1, store_before[1] + 1)

    # No lines: everything held here (the last unit that arrived); the missing one waits.
    rest = _hand_over(server, till, rid, None)
    assert rest["result"]["handed_over"] == [{"product_id": RICE, "qty": 1}]
    assert rest["result"]["status"] == "ready" and _lines(rest["result"]) == {RICE: (3, 2, 2)}
    nothing = _hand_over(server, till, rid, None)
    assert nothing["problem"]["code"] == "pickup_nothing_held"
    assert level(server, "S001", RICE) == store_before
    assert ledger_balances(server)


def test_lines_arriving_apart_are_collected_apart_then_the_pickup_is_picked_up(
    server: Server,
) -> None:
    till = server.enroll("S001")
    reservation = _ready_pickup(server, till, {RICE: 1, TEA: 2}, {RICE: 1, TEA: 2})
    rid = reservation["reservation_id"]
    rice = _hand_over(server, till, rid, {RICE: 1})
    assert rice["result"]["status"] == "ready"
    assert _lines(rice["result"]) == {RICE: (1, 1, 1), TEA: (2, 2, 0)}
    tea = _hand_over(server, till, rid, {TEA: 2})
    assert tea["result"]["status"] == "picked_up"  # every line collected in full
    late = _hand_over(server, till, rid, {TEA: 1})
    assert late["problem"]["code"] == "invalid_transition"
    duplicate = _hand_over(
        server, till, _ready_pickup(server, till, {RICE: 2}, {RICE: 2})["reservation_id"], None
    )
    assert duplicate["result"]["status"] == "picked_up"  # no lines: all of it, as before
    assert ledger_balances(server)


def test_a_replayed_hand_over_is_answered_again_without_moving_stock_twice(
    server: Server,
) -> None:
    till = server.enroll("S001")
    rid = _ready_pickup(server, till, {RICE: 3}, {RICE: 3})["reservation_id"]
    before = level(server, "S001", RICE)
    handover = op(
        "pickup.complete", {"reservation_id": rid, "lines": [{"product_id": RICE, "qty": 2}]}
    )
    [first] = push(server, till, handover)
    [again] = push(server, till, handover)  # the till never heard the answer and sends it again
    assert (first["status"], again["status"]) == ("applied", "duplicate"), (first, again)
    assert again["result"] == first["result"]
    assert _lines(again["result"]) == {RICE: (3, 3, 2)}
    assert level(server, "S001", RICE) == (before[0] - 2, before[1] - 2)
    bad = push_one(
        server,
        till,
        "pickup.complete",
        {"reservation_id": rid, "lines": [{"product_id": RICE, "qty": 1}] * 2},
    )
    assert bad["problem"]["code"] == "pickup_duplicate_product"
    # A quantity of 0 is no hand-over: the whole push is refused before anything runs.
    zero = op("pickup.complete", {"reservation_id": rid, "lines": [{"product_id": RICE, "qty": 0}]})
    with server.client(till) as client:
        refused = client.post("/sync/push", json={"ops": [zero]})
    assert_problem(refused, 422, "validation_error")
    assert level(server, "S001", RICE) == (before[0] - 2, before[1] - 2)


def test_two_tills_handing_over_at_once_cannot_take_more_than_is_held(server: Server) -> None:
    """Three units here; two tills each hand over two at the same moment: one is applied,
    the other refused, and the store's stock falls by exactly two."""
    tills = [server.enroll("S001"), server.enroll("S001")]
    rid = _ready_pickup(server, tills[0], {RICE: 3}, {RICE: 3})["reservation_id"]
    before = level(server, "S001", RICE)
    start = threading.Barrier(2)
    results: list[Any] = [None, None]

    def run(i: int) -> None:
        start.wait()
        results[i] = _hand_over(server, tills[i], rid, {RICE: 2})

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r["status"] for r in results)
    assert statuses == ["applied", "rejected"], results
    refused = next(r for r in results if r["status"] == "rejected")
    assert refused["problem"]["code"] == "pickup_exceeds_held" and refused["problem"]["held"] == 1
    assert level(server, "S001", RICE) == (before[0] - 2, before[1] - 2)
    assert ledger_balances(server)


def test_cancelling_a_partly_collected_pickup_releases_only_what_is_still_held(
    server: Server,
) -> None:
    """Two of three arrived, one collected: a cancel gives back the one still held at the
    store, not three (which would free other customers' holds)."""
    till = server.enroll("S001")
    before = level(server, "S001", RICE)
    rid = _ready_pickup(server, till, {RICE: 3}, {RICE: 2})["reservation_id"]
    assert _hand_over(server, till, rid, {RICE: 1})["status"] == "applied"
    cancelled = push_one(server, till, "reservation.cancel", {"reservation_id": rid})
    assert cancelled["result"]["status"] == "cancelled", cancelled
    # The uncollected unit is back on the shelf, free to sell; nothing else moved.
    assert level(server, "S001", RICE) == (before[0] + 1, before[1])
    assert ledger_balances(server)


def test_the_reservation_read_shows_what_arrived_and_what_was_collected(server: Server) -> None:
    till = server.enroll("S001")
    rid = _ready_pickup(server, till, {RICE: 3}, {RICE: 2})["reservation_id"]
    _hand_over(server, till, rid, {RICE: 1})
    with server.client(till) as client:
        read = client.get(f"/reservations/{rid}")
    assert read.status_code == 200, read.text
    assert _lines(read.json()) == {RICE: (3, 2, 1)}


def _send_rest(server: Server, rid: str) -> Any:
    with server.client(server.token("operator")) as client:
        return client.post(f"/operator/reservations/{rid}/send-rest")


def test_the_rest_of_a_short_pickup_follows_and_is_collected_later(server: Server) -> None:
    """Two of three arrived; the customer takes them; the operator sends the missing one
    on a follow-up transfer; it arrives held for the pickup; the customer collects it and
    the pickup is picked up. The warehouse holds the unit until it ships."""
    till = server.enroll("S001")
    wh_before, store_before = level(server, "WH01", RICE), level(server, "S001", RICE)
    rid = _ready_pickup(server, till, {RICE: 3}, {RICE: 2})["reservation_id"]
    assert _hand_over(server, till, rid, None)["result"]["status"] == "ready"

    sent = _send_rest(server, rid)
    assert sent.status_code == 200, sent.text
    follow_up = sent.json()
    assert follow_up["status"] == "requested" and follow_up["reservation_id"] == rid
    assert [(x["product_id"], x["qty"]) for x in follow_up["lines"]] == [(RICE, 1)]
    assert level(server, "WH01", RICE) == (wh_before[0] - 3, wh_before[1] + 1)  # held again
    again = _send_rest(server, rid)
    assert_problem(again, 409, "pickup_rest_on_its_way")

    with server.client(server.token("operator")) as client:
        shipped = client.post(f"/operator/transfers/{follow_up['transfer_id']}/ship", json={})
    assert shipped.status_code == 200, shipped.text
    received = push_one(server, till, "transfer.receive", {"transfer_id": follow_up["transfer_id"]})
    assert received["status"] == "applied", received
    with server.client(till) as client:
        ready = client.get(f"/reservations/{rid}").json()
    assert ready["status"] == "ready" and _lines(ready) == {RICE: (3, 3, 2)}
    assert level(server, "S001", RICE) == (store_before[0] + 1, store_before[1] + 1)

    last = _hand_over(server, till, rid, None)
    assert last["result"]["status"] == "picked_up", last
    assert level(server, "S001", RICE) == store_before
    # Four left the warehouse: three, one of them lost on the way (the first transfer's
    # discrepancy), then the one sent after.
    assert level(server, "WH01", RICE) == (wh_before[0] - 4, wh_before[1])
    assert_problem(_send_rest(server, rid), 409, "invalid_transition")
    assert ledger_balances(server)


def test_a_pickup_with_nothing_missing_has_no_rest_and_a_cancel_takes_the_rest_back(
    server: Server,
) -> None:
    till = server.enroll("S001")
    whole = _ready_pickup(server, till, {RICE: 1}, {RICE: 1})["reservation_id"]
    assert_problem(_send_rest(server, whole), 409, "pickup_nothing_to_send")
    assert_problem(_send_rest(server, "no-such-pickup"), 404, "reservation_not_found")

    wh_before = level(server, "WH01", RICE)
    short = _ready_pickup(server, till, {RICE: 2}, {RICE: 1})["reservation_id"]
    sent = _send_rest(server, short).json()
    assert level(server, "WH01", RICE) == (wh_before[0] - 2, wh_before[1] + 1)
    cancelled = push_one(server, till, "reservation.cancel", {"reservation_id": short})
    assert cancelled["result"]["status"] == "cancelled", cancelled
    # The requested rest is cancelled and its warehouse hold given back.
    assert level(server, "WH01", RICE) == (wh_before[0] - 2, wh_before[1])
    with server.client(server.token("operator")) as client:
        late = client.post(f"/operator/transfers/{sent['transfer_id']}/ship", json={})
    assert_problem(late, 409, "invalid_transition")
    assert ledger_balances(server)
