"""Group-buy orders paid at pickup, against the real warehouse on loopback (SQLite and
PostgreSQL), at the protocol's level: placing needs a store and prices; a hand-over costs
what it takes and needs the store sale (collect lines naming the order) that paid for
exactly that; the sale is linked once; the channel reads unpaid, part_paid and
paid_at_store with the receipts; two tills handing over one order at once: one wins."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
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

from warehouse_api.models import Payment, Sale, SaleLine

P1, P2 = 17, 18
PRICE1, PRICE2 = 29900, 15000


def place(
    server: Server,
    channel: str,
    lines: list[dict[str, Any]] | None = None,
    store: str | None = "S001",
    **extra: Any,
) -> Any:
    body: dict[str, Any] = {
        "order_id": f"GB-{new_id()[:12]}",
        "lines": lines
        or [
            {"product_id": P1, "qty": 2, "unit_price_cents": PRICE1},
            {"product_id": P2, "qty": 1, "unit_price_cents": PRICE2},
        ],
        "customer_name": "取貨付款客",
        "payment": "at_pickup",
        **extra,
    }
    if store is not None:
        body["pickup_store_code"] = store
    with server.client(channel) as client:
        return client.post("/group-buy/orders", json=body, headers={"Idempotency-Key": new_id()})


def read_order(server: Server, channel: str, order_id: str) -> dict[str, Any]:
    with server.client(channel) as client:
        response = client.get(f"/group-buy/orders/{order_id}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def collect_sale(
    order_id: str, taken: dict[int, int], prices: dict[int, int], **overrides: Any
) -> dict[str, Any]:
    """The `sale` op a till records for a hand-over: collect lines at the order's prices,
    paid by card and cash."""
    lines = [
        {
            "line_id": new_id(),
            "product_id": pid,
            "qty": qty,
            "unit_price_cents": prices[pid],
            "line_total_cents": prices[pid] * qty,
            "list_price_cents": prices[pid],
            "discount_cents": 0,
            "fulfilment": "collect",
        }
        for pid, qty in sorted(taken.items())
    ]
    total = sum(line["line_total_cents"] for line in lines)
    payload = {
        "sale_id": new_id(),
        "receipt_no": f"RS001-1-261202-{new_id()[:6]}",
        "created_at": "2026-12-02T10:00:00+08:00",
        "total_cents": total,
        "lines": lines,
        "payments": [
            {
                "payment_id": new_id(),
                "method": "card",
                "amount_cents": total - 100,
                "reference": "TX-1",
                "approval_code": "A1",
            },
            {
                "payment_id": new_id(),
                "method": "cash",
                "amount_cents": 100,
                "tendered_cents": 500,
                "change_cents": 400,
            },
        ],
        "collects_order_id": order_id,
        **overrides,
    }
    return op("sale", payload)


def ready_order(
    server: Server, channel: str, till: str, received: list[dict[str, int]] | None = None
) -> dict[str, Any]:
    """An at-pickup order for S001, shipped and received there (in full, or `received`)."""
    placed = place(server, channel)
    assert placed.status_code == 201, placed.text
    order: dict[str, Any] = placed.json()
    with server.client(server.token("operator")) as client:
        shipped = client.post(f"/operator/transfers/TR-{order['reservation_id']}/ship", json={})
    assert shipped.status_code == 200, shipped.text
    receive: dict[str, Any] = {"transfer_id": f"TR-{order['reservation_id']}"}
    if received is not None:
        receive["lines"] = received
    result = push_one(server, till, "transfer.receive", receive)
    assert result["status"] == "applied", result
    return order


PRICES = {P1: PRICE1, P2: PRICE2}


def test_placing_needs_a_store_and_a_price_on_every_line(server: Server) -> None:
    channel = server.token("group_buy")
    before = level(server, "WH01", P1)
    assert_problem(place(server, channel, store=None), 422, "pay_at_pickup_needs_store")
    unpriced = place(
        server,
        channel,
        lines=[
            {"product_id": P1, "qty": 1, "unit_price_cents": PRICE1},
            {"product_id": P2, "qty": 1},
        ],
    )
    assert assert_problem(unpriced, 422, "pay_at_pickup_needs_prices")["product_ids"] == [P2]
    too_much = place(
        server, channel, lines=[{"product_id": P1, "qty": 100_000, "unit_price_cents": 2**31 - 1}]
    )
    assert_problem(too_much, 422, "validation_error")
    assert level(server, "WH01", P1) == before

    placed = place(server, channel)
    assert placed.status_code == 201, placed.text
    order = placed.json()
    assert order["payment"] == "at_pickup" and order["payment_state"] == "unpaid"
    assert order["amount_due_cents"] == 2 * PRICE1 + PRICE2 and order["paid_cents"] == 0
    assert order["store_payments"] == [] and order["channel_status"] == "pending"
    assert {line["product_id"]: line["unit_price_cents"] for line in order["lines"]} == PRICES
    online = place(server, channel, payment="online").json()
    assert online["payment"] == "online" and online["payment_state"] == "paid_online"
    assert online["amount_due_cents"] is None and online["paid_cents"] is None
    # Only S001's feed carries it, with what the desk must collect.
    with server.client(server.enroll("S001")) as client:
        changes = client.get("/sync/pull", params={"limit": 5000}).json()["changes"]
    [data] = [c["data"] for c in changes if c["id"] == order["reservation_id"]]
    assert data["payment"] == "at_pickup" and data["amount_due_cents"] == 2 * PRICE1 + PRICE2
    with server.client(server.enroll("S002")) as client:
        changes = client.get("/sync/pull", params={"limit": 5000}).json()["changes"]
    assert not [c for c in changes if c["id"] == order["reservation_id"]]


def test_a_handover_without_its_sale_is_refused_then_paid_and_collected(server: Server) -> None:
    channel, till = server.token("group_buy"), server.enroll("S001")
    store_before = level(server, "S001", P1)
    order = ready_order(server, channel, till)
    order_id, code = order["reservation_id"], order["pickup_code"]

    unpaid = push_one(server, till, "pickup.complete", {"pickup_code": code})
    assert unpaid["status"] == "rejected"
    assert unpaid["problem"]["code"] == "pickup_unpaid"
    assert unpaid["problem"]["amount_due_cents"] == 2 * PRICE1 + PRICE2
    assert read_order(server, channel, order_id)["channel_status"] == "ready_for_pickup"

    sale = collect_sale(order_id, {P1: 2, P2: 1}, PRICES)
    sale_id = sale["payload"]["sale_id"]
    handover = op("pickup.complete", {"reservation_id": order_id, "sale_id": sale_id})
    applied = push(server, till, sale, handover)
    assert [r["status"] for r in applied] == ["applied", "applied"], applied
    assert applied[1]["result"]["paid_by"] == {
        "sale_id": sale_id,
        "amount_cents": 2 * PRICE1 + PRICE2,
    }
    # Exactly once: the same two ops again are duplicates, nothing more is linked.
    again = push(server, till, sale, handover)
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]

    seen = read_order(server, channel, order_id)
    assert seen["channel_status"] == "collected" and seen["payment_state"] == "paid_at_store"
    assert seen["paid_cents"] == seen["amount_due_cents"] == 2 * PRICE1 + PRICE2
    [paid] = seen["store_payments"]
    assert paid["sale_id"] == sale_id and paid["store_code"] == "S001"
    assert paid["receipt_no"] == sale["payload"]["receipt_no"] and paid["paid_at"]
    assert paid["amount_cents"] == 2 * PRICE1 + PRICE2
    with server.db.read() as session:
        stored = session.get(Sale, sale_id)
        assert stored is not None and stored.collects_order_id == order_id
        assert {line.fulfilment for line in session.query(SaleLine).filter_by(sale_id=sale_id)} == {
            "collect"
        }
        assert sorted(
            (p.method, p.amount_cents) for p in session.query(Payment).filter_by(sale_id=sale_id)
        ) == [("card", 2 * PRICE1 + PRICE2 - 100), ("cash", 100)]
    # The held units left with the hand-over; the collect lines moved nothing more.
    assert level(server, "S001", P1) == store_before
    assert ledger_balances(server)

    # The sale is a store sale: it is returned like any (back on the store's shelf).
    returned = push_one(
        server,
        till,
        "return",
        {
            "return_id": new_id(),
            "sale_id": sale_id,
            "refund_cents": PRICE2,
            "lines": [{"product_id": P2, "qty": 1, "disposition": "restock_here"}],
        },
    )
    assert returned["status"] == "applied", returned
    assert ledger_balances(server)


def test_a_partial_pickup_pays_for_what_it_takes_and_a_wrong_sale_is_refused(
    server: Server,
) -> None:
    channel, till = server.token("group_buy"), server.enroll("S001")
    # One of P1 arrived, P2 whole: the customer takes what is here and pays for that.
    order = ready_order(
        server, channel, till, received=[{"product_id": P1, "qty": 1}, {"product_id": P2, "qty": 1}]
    )
    order_id = order["reservation_id"]
    take = {"reservation_id": order_id, "lines": [{"product_id": P1, "qty": 1}]}

    def refused(sale: dict[str, Any], handover: dict[str, Any]) -> dict[str, Any]:
        results = push(server, till, sale, op("pickup.complete", handover))
        assert results[0]["status"] == "applied", results
        assert results[1]["status"] == "rejected", results
        problem: dict[str, Any] = results[1]["problem"]
        return problem

    more = collect_sale(order_id, {P1: 1, P2: 1}, PRICES)  # pays for more than it takes
    problem = refused(more, {**take, "sale_id": more["payload"]["sale_id"]})
    assert problem["code"] == "pickup_payment_mismatch"
    assert problem["amount_due_cents"] == PRICE1 and problem["paid_cents"] == PRICE1 + PRICE2
    cheaper = collect_sale(order_id, {P1: 1}, {P1: PRICE1 - 1000})
    problem = refused(cheaper, {**take, "sale_id": cheaper["payload"]["sale_id"]})
    assert problem["code"] == "pickup_payment_mismatch" and problem["paid_cents"] == PRICE1 - 1000
    other = collect_sale("GB-another-order", {P1: 1}, PRICES)
    problem = refused(other, {**take, "sale_id": other["payload"]["sale_id"]})
    assert problem["code"] == "pickup_payment_mismatch"
    unknown = push_one(server, till, "pickup.complete", {**take, "sale_id": new_id()})
    assert unknown["problem"]["code"] == "pickup_sale_unknown"
    # Another store's till cannot see the order at all.
    elsewhere = push_one(
        server, server.enroll("S002"), "pickup.complete", {**take, "sale_id": new_id()}
    )
    assert elsewhere["problem"]["code"] == "reservation_not_found"
    assert read_order(server, channel, order_id)["payment_state"] == "unpaid"

    first = collect_sale(order_id, {P1: 1}, PRICES)
    first_id = first["payload"]["sale_id"]
    results = push(server, till, first, op("pickup.complete", {**take, "sale_id": first_id}))
    assert [r["status"] for r in results] == ["applied", "applied"], results
    seen = read_order(server, channel, order_id)
    assert seen["channel_status"] == "ready_for_pickup" and seen["payment_state"] == "part_paid"
    assert seen["paid_cents"] == PRICE1 and len(seen["store_payments"]) == 1
    # A sale pays one hand-over: the same sale for the rest is refused.
    reused = push_one(
        server,
        till,
        "pickup.complete",
        {"reservation_id": order_id, "lines": [{"product_id": P2, "qty": 1}], "sale_id": first_id},
    )
    assert reused["problem"]["code"] == "pickup_sale_used"

    rest = collect_sale(order_id, {P2: 1}, PRICES)
    results = push(
        server,
        till,
        rest,
        op("pickup.complete", {"reservation_id": order_id, "sale_id": rest["payload"]["sale_id"]}),
    )
    assert [r["status"] for r in results] == ["applied", "applied"], results
    seen = read_order(server, channel, order_id)
    # P1's second unit never arrived: still to come, and not paid.
    assert seen["channel_status"] == "ready_for_pickup" and seen["payment_state"] == "part_paid"
    assert seen["paid_cents"] == PRICE1 + PRICE2 and len(seen["store_payments"]) == 2
    assert ledger_balances(server)


def test_an_order_paid_online_names_no_sale(server: Server) -> None:
    channel, till = server.token("group_buy"), server.enroll("S001")
    placed = place(server, channel, payment="online")
    order = placed.json()
    with server.client(server.token("operator")) as client:
        client.post(f"/operator/transfers/TR-{order['reservation_id']}/ship", json={})
    push_one(server, till, "transfer.receive", {"transfer_id": f"TR-{order['reservation_id']}"})
    sale = collect_sale(order["reservation_id"], {P1: 2, P2: 1}, PRICES)
    results = push(
        server,
        till,
        sale,
        op(
            "pickup.complete",
            {"reservation_id": order["reservation_id"], "sale_id": sale["payload"]["sale_id"]},
        ),
    )
    assert results[1]["problem"]["code"] == "pickup_payment_not_due"


def test_collect_lines_and_their_order_go_together(server: Server) -> None:
    till = server.enroll("S001")
    sale = collect_sale("GB-1", {P1: 1}, PRICES)
    del sale["payload"]["collects_order_id"]
    with server.client(till) as client:
        response = client.post("/sync/push", json={"ops": [sale]})
    assert_problem(response, 422, "validation_error")


@pytest.mark.slow
def test_two_tills_handing_over_one_paid_order_at_once_one_wins(contended: Server) -> None:
    server = contended
    channel, first_till = server.token("group_buy"), server.enroll("S001")
    orders = [ready_order(server, channel, first_till) for _ in range(4)]
    tills = (server.enroll("S001"), server.enroll("S001"))

    def hand_over(job: tuple[str, dict[str, Any]]) -> str:
        token, order = job
        sale = collect_sale(order["reservation_id"], {P1: 2, P2: 1}, PRICES)
        handover = op(
            "pickup.complete",
            {"pickup_code": order["pickup_code"], "sale_id": sale["payload"]["sale_id"]},
        )
        sold, handed = push(server, token, sale, handover)
        assert sold["status"] == "applied", sold  # the sale is a fact either way
        return "picked_up" if handed["status"] == "applied" else handed["problem"]["code"]

    jobs = [(token, order) for order in orders for token in tills]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        outcomes = Counter(pool.map(hand_over, jobs))
    assert outcomes == {"picked_up": len(orders), "invalid_transition": len(orders)}, outcomes
    for order in orders:
        seen = read_order(server, channel, order["reservation_id"])
        assert seen["payment_state"] == "paid_at_store" and len(seen["store_payments"]) == 1
    assert ledger_balances(server)


def test_sales_pushed_in_a_run_keep_their_order_and_pay_their_handovers(server: Server) -> None:
    """A till back online pushes its sales set-wise (a run of sales in one batch): each
    keeps the order it collects, and the hand-overs after them find them."""
    channel, till = server.token("group_buy"), server.enroll("S001")
    orders = [ready_order(server, channel, till) for _ in range(2)]
    sales = [collect_sale(o["reservation_id"], {P1: 2, P2: 1}, PRICES) for o in orders]
    handovers = [
        op(
            "pickup.complete",
            {"reservation_id": o["reservation_id"], "sale_id": s["payload"]["sale_id"]},
        )
        for o, s in zip(orders, sales, strict=True)
    ]
    results = push(server, till, *sales, *handovers)
    assert [r["status"] for r in results] == ["applied"] * 4, results
    with server.db.read() as session:
        for order, sale in zip(orders, sales, strict=True):
            stored = session.get(Sale, sale["payload"]["sale_id"])
            assert stored is not None and stored.collects_order_id == order["reservation_id"]
    for order in orders:
        assert read_order(server, channel, order["reservation_id"])["payment_state"] == (
            "paid_at_store"
        )
    assert ledger_balances(server)
