"""A store's replenishment request, shipped by the operator, received by the store's
scan count (short and extra items recorded), and counts racing sales and receipts."""

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
    sale_op,
)

from warehouse_api.models import TransferLine

PRODUCT = 17
OTHER = 18
EXTRA = 19


def _request(server: Server, token: str, lines: list[dict[str, int]], reason: str = "") -> dict:
    result = push_one(
        server,
        token,
        "transfer.request",
        {"transfer_id": new_id(), "lines": lines, "reason": reason or None},
    )
    assert result["status"] == "applied", result
    return dict(result["result"])


def test_request_ship_receive_short_and_extra(server: Server) -> None:
    store = server.enroll("S001")
    operator = server.token("operator")
    wh_before = {p: level(server, "WH01", p)[0] for p in (PRODUCT, OTHER, EXTRA)}
    st_before = {p: level(server, "S001", p)[0] for p in (PRODUCT, OTHER, EXTRA)}
    transfer = _request(
        server,
        store,
        [{"product_id": PRODUCT, "qty": 3}, {"product_id": OTHER, "qty": 2}],
        "低庫存",
    )
    assert transfer["status"] == "requested"
    assert transfer["reason"] == "低庫存"
    assert transfer["from_location_id"] == server.location_id("WH01")
    assert transfer["to_location_id"] == server.location_id("S001")
    tid = transfer["transfer_id"]
    with server.client(operator) as client:
        shipped = client.post(f"/operator/transfers/{tid}/ship", json={"carrier": "自有車隊"})
        assert shipped.status_code == 200, shipped.text
        assert shipped.json()["status"] == "shipped"
    assert level(server, "WH01", PRODUCT)[0] == wh_before[PRODUCT] - 3
    # The store scanned 2 of 3 (one short), both of OTHER, and one EXTRA nobody shipped.
    received = push_one(
        server,
        store,
        "transfer.receive",
        {
            "transfer_id": tid,
            "lines": [
                {"product_id": PRODUCT, "qty": 2},
                {"product_id": OTHER, "qty": 2},
                {"product_id": EXTRA, "qty": 1},
            ],
        },
    )
    assert received["status"] == "applied", received
    lines = {line["product_id"]: line for line in received["result"]["lines"]}
    assert lines[PRODUCT] == {"product_id": PRODUCT, "qty": 3, "received_qty": 2}
    assert lines[OTHER]["received_qty"] == 2
    assert lines[EXTRA] == {"product_id": EXTRA, "qty": 0, "received_qty": 1}
    # The store books what arrived; the warehouse shipped what it shipped.
    assert level(server, "S001", PRODUCT)[0] == st_before[PRODUCT] + 2
    assert level(server, "S001", OTHER)[0] == st_before[OTHER] + 2
    assert level(server, "S001", EXTRA)[0] == st_before[EXTRA] + 1
    assert level(server, "WH01", EXTRA)[0] == wh_before[EXTRA]
    assert ledger_balances(server)
    # The discrepancy stays on the transfer for the warehouse to see.
    with server.client(operator) as client:
        listed = client.get("/operator/transfers", params={"status": "received"}).json()
    mine = next(t for t in listed if t["transfer_id"] == tid)
    short = [(x["product_id"], x["qty"] - x["received_qty"]) for x in mine["lines"]]
    assert sorted(short) == [(PRODUCT, 1), (OTHER, 0), (EXTRA, -1)]
    # Received once: a second receipt is refused.
    again = push_one(server, store, "transfer.receive", {"transfer_id": tid})
    assert again["problem"]["code"] == "invalid_transition"


def test_request_is_idempotent_by_transfer_id_and_refuses_bad_input(server: Server) -> None:
    store = server.enroll("S001")
    tid = new_id()
    payload: dict[str, Any] = {"transfer_id": tid, "lines": [{"product_id": PRODUCT, "qty": 1}]}
    first, second = push(
        server, store, op("transfer.request", payload), op("transfer.request", payload)
    )
    assert first["status"] == "applied" and second["status"] == "applied"
    other = {"transfer_id": tid, "lines": [{"product_id": PRODUCT, "qty": 5}]}
    assert push_one(server, store, "transfer.request", other)["problem"]["code"] == (
        "idempotency_key_reused"
    )
    unknown = {"transfer_id": new_id(), "lines": [{"product_id": 999_999, "qty": 1}]}
    assert push_one(server, store, "transfer.request", unknown)["problem"]["code"] == (
        "unknown_product"
    )
    # A quantity of 0 or a reason over 200 characters is a schema error for the batch.
    with server.client(store) as client:
        for bad in (
            {"transfer_id": new_id(), "lines": [{"product_id": PRODUCT, "qty": 0}]},
            {
                "transfer_id": new_id(),
                "lines": [{"product_id": PRODUCT, "qty": 1}],
                "reason": "x" * 201,
            },
        ):
            response = client.post("/sync/push", json={"ops": [op("transfer.request", bad)]})
            assert_problem(response, 422, "validation_error")
    # Only a store counter asks: the operator has its own routes.
    operator = server.token("operator")
    refused = push_one(
        server,
        operator,
        "transfer.request",
        {"transfer_id": new_id(), "lines": [{"product_id": PRODUCT, "qty": 1}]},
    )
    assert refused["problem"]["code"] == "forbidden"


def test_receive_refuses_a_product_counted_twice(server: Server) -> None:
    store = server.enroll("S001")
    operator = server.token("operator")
    tid = _request(server, store, [{"product_id": PRODUCT, "qty": 1}])["transfer_id"]
    with server.client(operator) as client:
        client.post(f"/operator/transfers/{tid}/ship", json={}).raise_for_status()
    twice = push_one(
        server,
        store,
        "transfer.receive",
        {"transfer_id": tid, "lines": [{"product_id": PRODUCT, "qty": 1}] * 2},
    )
    assert twice["problem"]["code"] == "receive_duplicate_product"
    with server.db.read() as session:
        assert all(
            line.received_qty is None
            for line in session.query(TransferLine).filter_by(transfer_id=tid)
        )


def _race(*work: Any) -> list[Any]:
    results: list[Any] = [None] * len(work)
    start = threading.Barrier(len(work))

    def run(i: int) -> None:
        start.wait()
        results[i] = work[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_a_count_racing_a_sale_never_loses_the_sale(server: Server) -> None:
    """Two tills: one sells, the other submits a count made against the figure before
    the sale. Whichever lands first, the sale stays booked."""
    seller, counter = server.enroll("S001"), server.enroll("S001")
    on_hand = level(server, "S001", PRODUCT)[0]
    count = {
        "count_id": new_id(),
        "lines": [{"product_id": PRODUCT, "expected_on_hand": on_hand, "counted": on_hand + 4}],
    }
    sale_result, count_result = _race(
        lambda: push(server, seller, sale_op(PRODUCT, 1))[0],
        lambda: push_one(server, counter, "stock_count", count),
    )
    assert sale_result["status"] == "applied", sale_result
    if count_result["status"] == "applied":  # the count first, the sale on top of it
        assert level(server, "S001", PRODUCT)[0] == on_hand + 4 - 1
    else:  # the sale first: the count is refused with the figure it raced
        assert count_result["problem"]["code"] == "count_conflict"
        [current] = count_result["problem"]["current"]
        assert current == {
            "product_id": PRODUCT,
            "expected_on_hand": on_hand,
            "on_hand": on_hand - 1,
        }
        assert level(server, "S001", PRODUCT)[0] == on_hand - 1
    assert ledger_balances(server)


def test_a_count_racing_a_transfer_receipt(server: Server) -> None:
    store = server.enroll("S001")
    other_till = server.enroll("S001")
    operator = server.token("operator")
    tid = _request(server, store, [{"product_id": PRODUCT, "qty": 5}])["transfer_id"]
    with server.client(operator) as client:
        client.post(f"/operator/transfers/{tid}/ship", json={}).raise_for_status()
    on_hand = level(server, "S001", PRODUCT)[0]
    count = {
        "count_id": new_id(),
        "lines": [{"product_id": PRODUCT, "expected_on_hand": on_hand, "counted": on_hand}],
    }
    receipt = {"transfer_id": tid, "lines": [{"product_id": PRODUCT, "qty": 4}]}
    got, counted = _race(
        lambda: push_one(server, store, "transfer.receive", receipt),
        lambda: push_one(server, other_till, "stock_count", count),
    )
    assert got["status"] == "applied", got
    # Whichever order: the four that arrived are on the shelf's figure.
    assert level(server, "S001", PRODUCT)[0] == on_hand + 4
    assert counted["status"] == "applied" or counted["problem"]["code"] == "count_conflict"
    assert ledger_balances(server)
