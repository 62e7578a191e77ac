"""A return naming a sale is checked against it on the warehouse, on SQLite and
PostgreSQL: two tills returning the same receipt beyond what was sold get one applied
and one refused with ``return_exceeds_sold``, and stock rises only once."""

from __future__ import annotations

import threading
from typing import Any

from server_testkit import Server, ledger_balances, level, new_id, push, push_one, sale_op

from counter_app.core.ops import ReturnLinePayload, ReturnPayload

PRODUCT = 17


def _return(sale_id: str, qty: int, product_id: int = PRODUCT) -> dict[str, Any]:
    # The till's typed payload, as counter_app.services.returns queues it.
    return ReturnPayload(
        new_id(), sale_id, qty * 2500, (ReturnLinePayload(product_id, qty, "restock_here"),)
    ).to_payload()


def test_two_tills_returning_the_same_receipt_beyond_what_was_sold_get_one_refused(
    server: Server,
) -> None:
    till_a, till_b = server.enroll("S001"), server.enroll("S001")
    sale = sale_op(PRODUCT, qty=3)
    sale_id = sale["payload"]["sale_id"]
    [sold] = push(server, till_a, sale)
    assert sold["status"] == "applied", sold
    before = level(server, "S001", PRODUCT)

    start = threading.Barrier(2)
    results: dict[str, dict[str, Any]] = {}

    def till(name: str, token: str) -> None:
        start.wait()
        results[name] = push_one(server, token, "return", _return(sale_id, 2))

    threads = [
        threading.Thread(target=till, args=(n, t)) for n, t in (("a", till_a), ("b", till_b))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(r["status"] for r in results.values())
    assert statuses == ["applied", "rejected"], results
    [refused] = [r for r in results.values() if r["status"] == "rejected"]
    assert refused["problem"]["code"] == "return_exceeds_sold"
    assert (
        refused["problem"]["sold"],
        refused["problem"]["returned"],
        refused["problem"]["asked"],
    ) == (3, 2, 2)
    assert level(server, "S001", PRODUCT)[0] == before[0] + 2

    # What is left can still come back, and then nothing more.
    assert push_one(server, till_b, "return", _return(sale_id, 1))["status"] == "applied"
    again = push_one(server, till_a, "return", _return(sale_id, 1))
    assert again["problem"]["code"] == "return_exceeds_sold"
    assert level(server, "S001", PRODUCT)[0] == before[0] + 3
    assert ledger_balances(server)


def test_a_return_whose_lines_do_not_match_the_sale_is_refused(server: Server) -> None:
    till = server.enroll("S001")
    sale = sale_op(PRODUCT, qty=1)
    push(server, till, sale)
    other = push_one(
        server, till, "return", _return(sale["payload"]["sale_id"], 1, product_id=PRODUCT + 1)
    )
    assert other["problem"]["code"] == "return_product_not_sold"
    unknown = push_one(server, till, "return", _return(new_id(), 1))
    assert unknown["problem"]["code"] == "return_sale_unknown"
