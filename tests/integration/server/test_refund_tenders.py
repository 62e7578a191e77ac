"""A return's refund per tender, checked on the warehouse against the sale it names, on
SQLite and PostgreSQL: two tills returning the same split-tender receipt at once each
send a card refund the card can only take once, and one is refused with
``refund_exceeds_tender``; cash may stand in for the card; the sale's total bounds all."""

from __future__ import annotations

import threading
from typing import Any

from server_testkit import Server, new_id, op, push, push_one, sale_op
from sqlalchemy import select

from counter_app.core.ops import RefundTenderPayload, ReturnLinePayload, ReturnPayload
from warehouse_api.models import ReturnTender

PRODUCT = 17


def _split_sale() -> dict[str, Any]:
    """Four pieces at NT$25: NT$60 by card (with its reference), NT$40 in cash."""
    sale = sale_op(PRODUCT, qty=4)
    cash = sale["payload"]["payments"][0]
    cash.update(amount_cents=4000, tendered_cents=4000)
    sale["payload"]["payments"].append(
        {
            "payment_id": new_id(),
            "method": "card",
            "amount_cents": 6000,
            "reference": "TXN-1",
            "approval_code": "A1",
        }
    )
    return sale


def _return(sale_id: str, qty: int, *tenders: tuple[str, int]) -> dict[str, Any]:
    return ReturnPayload(
        new_id(),
        sale_id,
        sum(cents for _, cents in tenders),
        (ReturnLinePayload(PRODUCT, qty, "restock_here"),),
        tenders=tuple(
            RefundTenderPayload(m, c, "RF-1" if m != "cash" else None) for m, c in tenders
        ),
    ).to_payload()


def test_two_tills_refunding_the_same_card_at_once_get_one_refused(server: Server) -> None:
    till_a, till_b = server.enroll("S001"), server.enroll("S001")
    sale = _split_sale()
    sale_id = sale["payload"]["sale_id"]
    [sold] = push(server, till_a, sale)
    assert sold["status"] == "applied", sold

    start = threading.Barrier(2)
    results: dict[str, dict[str, Any]] = {}

    def till(name: str, token: str) -> None:
        start.wait()
        results[name] = push_one(server, token, "return", _return(sale_id, 2, ("card", 5000)))

    threads = [
        threading.Thread(target=till, args=(n, t)) for n, t in (("a", till_a), ("b", till_b))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(r["status"] for r in results.values()) == ["applied", "rejected"], results
    [refused] = [r for r in results.values() if r["status"] == "rejected"]
    problem = refused["problem"]
    assert problem["code"] == "refund_exceeds_tender"
    assert (problem["method"], problem["paid"], problem["refunded"], problem["asked"]) == (
        "card",
        6000,
        5000,
        5000,
    )
    # The card's last NT$10 and cash for the rest: applied.
    rest = push_one(server, till_b, "return", _return(sale_id, 2, ("cash", 4000), ("card", 1000)))
    assert rest["status"] == "applied", rest
    with server.db.read() as session:
        rows = session.scalars(select(ReturnTender).order_by(ReturnTender.amount_cents)).all()
        assert sorted((r.method, r.amount_cents, r.reference) for r in rows) == [
            ("card", 1000, "RF-1"),
            ("card", 5000, "RF-1"),
            ("cash", 4000, None),
        ]
    with server.client(till_a) as client:
        found = client.get(f"/sales/by-receipt/{sale['payload']['receipt_no']}").json()
    assert found["refunded_by_tender"] == {"card": 6000, "cash": 4000}
    assert found["refunded_cents"] == 10000


def test_cash_stands_in_for_the_card_but_the_total_bounds_every_refund(server: Server) -> None:
    till = server.enroll("S001")
    sale = _split_sale()
    sale_id = sale["payload"]["sale_id"]
    push(server, till, sale)
    # All in cash (the cashier's supervisor chose cash instead): more than cash paid.
    cash = push_one(server, till, "return", _return(sale_id, 3, ("cash", 7500)))
    assert cash["status"] == "applied", cash
    over = push_one(server, till, "return", _return(sale_id, 1, ("card", 2600)))
    assert over["problem"]["code"] == "refund_exceeds_paid"
    assert (over["problem"]["total"], over["problem"]["refunded"]) == (10000, 7500)
    # A tender the sale was not paid with has no room at all.
    other = push_one(server, till, "return", _return(sale_id, 1, ("linepay", 100)))
    assert other["problem"]["code"] == "refund_exceeds_tender"
    # A till that sends no split refunded in cash: one cash row.
    old = ReturnPayload(
        new_id(), sale_id, 2500, (ReturnLinePayload(PRODUCT, 1, "restock_here"),)
    ).to_payload()
    assert push_one(server, till, "return", old)["status"] == "applied"
    with server.db.read() as session:
        methods = session.scalars(select(ReturnTender.method)).all()
    assert sorted(methods) == ["cash", "cash"]


def test_a_split_that_does_not_add_up_or_holds_a_card_number_is_refused(server: Server) -> None:
    till = server.enroll("S001")
    sale = _split_sale()
    sale_id = sale["payload"]["sale_id"]
    push(server, till, sale)
    body = _return(sale_id, 1, ("card", 1500), ("cash", 1000))
    body["refund_cents"] = 2000
    twice = _return(sale_id, 1, ("card", 1500), ("cash", 1000))
    twice["tenders"][1]["method"] = "card"
    # A body the schema refuses: the whole push is a 422 validation_error.
    for bad, why in ((body, "must add up to refund_cents"), (twice, "appears once")):
        with server.client(till) as client:
            answer = client.post("/sync/push", json={"ops": [op("return", bad)]})
        assert answer.status_code == 422 and why in answer.text, answer.text
    card = _return(sale_id, 1, ("card", 2500))
    card["tenders"][0]["reference"] = "4111-1111-1111-1111"
    refused = push_one(server, till, "return", card)
    assert refused["problem"]["code"] == "card_number_in_reference"
    with server.db.read() as session:
        assert session.scalars(select(ReturnTender)).all() == []
