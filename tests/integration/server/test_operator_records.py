"""A manager reads what the warehouse recorded of a store's day (SQLite and PostgreSQL):
``GET /operator/sales`` with every line's list price, discount and paid amount and every
payment's reference and approval code; ``GET /operator/audit`` with the tills' audited
actions. Tills cannot read them."""

from __future__ import annotations

from pathlib import Path

from server_testkit import Server, assert_problem, new_id, push, push_one, sale_op
from test_discounted_sale import _counter_sale_op


def _card_and_cash_sale(product_id: int) -> dict[str, object]:
    sale = sale_op(product_id, 2, price_cents=2500)
    sale["payload"]["created_at"] = "2026-11-26T10:00:00+08:00"  # type: ignore[index]
    sale["payload"]["payments"] = [  # type: ignore[index]
        {
            "payment_id": new_id(),
            "method": "card",
            "amount_cents": 3000,
            "tendered_cents": 3000,
            "change_cents": 0,
            "reference": "TX-889912",
            "approval_code": "A1B2C3",
        },
        {
            "payment_id": new_id(),
            "method": "cash",
            "amount_cents": 2000,
            "tendered_cents": 5000,
            "change_cents": 3000,
        },
    ]
    return sale


def test_a_manager_reads_the_sales_with_prices_discounts_and_payments(
    server: Server, tmp_path: Path
) -> None:
    s001, s002 = server.enroll("S001"), server.enroll("S002")
    discounted = _counter_sale_op(tmp_path)  # 2026-11-25 10:00, a cash sale
    split = _card_and_cash_sale(7)
    elsewhere = sale_op(7)
    assert [r["status"] for r in push(server, s001, discounted, split)] == ["applied"] * 2
    assert push(server, s002, elsewhere)[0]["status"] == "applied"

    with server.client(server.token("operator")) as client:
        every = client.get("/operator/sales").json()
        s001_sales = client.get("/operator/sales", params={"store": "S001"}).json()
        later = client.get(
            "/operator/sales", params={"store": "S001", "since": "2026-11-26T00:00:00+08:00"}
        ).json()
        unknown = client.get("/operator/sales", params={"store": "NOPE"})
    assert len(every) == 3
    assert [s["receipt_no"] for s in s001_sales] == [
        split["payload"]["receipt_no"],  # type: ignore[index]
        discounted["payload"]["receipt_no"],
    ]  # newest first
    assert [s["receipt_no"] for s in later] == [split["payload"]["receipt_no"]]  # type: ignore[index]
    assert_problem(unknown, 404, "location_not_found")

    old = s001_sales[1]
    assert old["total_cents"] == 19_700 and old["location_code"] == "S001"
    assert sorted(
        (
            line["product_id"],
            line["qty"],
            line["list_price_cents"],
            line["unit_price_cents"],
            line["discount_cents"],
            line["line_total_cents"],
            line["override_reason"],
        )
        for line in old["lines"]
    ) == [
        (7, 3, 2500, 2500, 1400, 6100, None),
        (8, 1, 19900, 15000, 1400, 13600, "外盒破損"),
    ]
    assert all(line["sku"] for line in old["lines"])  # the catalog's SKU, for reading
    new = s001_sales[0]
    assert sorted(
        (p["method"], p["amount_cents"], p["tendered_cents"], p["change_cents"], p["reference"],
         p["approval_code"], p["unknown_tender"])
        for p in new["payments"]
    ) == [
        ("card", 3000, 3000, 0, "TX-889912", "A1B2C3", False),
        ("cash", 2000, 5000, 3000, None, None, False),
    ]  # fmt: skip

    with server.client(s001) as client:  # a till is not a manager
        assert_problem(client.get("/operator/sales"), 403, "forbidden")


def test_a_manager_reads_the_audited_actions_of_a_store(server: Server) -> None:
    s001, s002 = server.enroll("S001"), server.enroll("S002")
    unlock = {
        "audit_id": new_id(),
        "staff_id": 2,
        "action": "screen.unlock",
        "detail": {"locked_by": 1},
        "created_at": "2026-11-25T12:00:00+08:00",
    }
    discount = {
        "audit_id": new_id(),
        "staff_id": 2,
        "action": "line_discount",
        "detail": {"cashier_id": 1, "off_cents": 2000, "base_cents": 10000},
        "created_at": "2026-11-25T11:00:00+08:00",
    }
    for payload in (unlock, discount):
        assert push_one(server, s001, "audit", payload)["status"] == "applied"
    other = {**unlock, "audit_id": new_id()}
    assert push_one(server, s002, "audit", other)["status"] == "applied"

    with server.client(server.token("operator")) as client:
        s001_entries = client.get("/operator/audit", params={"store": "S001"}).json()
        unlocks = client.get("/operator/audit", params={"action": "screen.unlock"}).json()
        unknown = client.get("/operator/audit", params={"store": "NOPE"})
    assert [e["audit_id"] for e in s001_entries] == [unlock["audit_id"], discount["audit_id"]]
    assert {e["audit_id"] for e in unlocks} == {unlock["audit_id"], other["audit_id"]}
    assert_problem(unknown, 404, "location_not_found")
    entry = s001_entries[1]
    assert (entry["location_code"], entry["staff_id"], entry["action"], entry["detail"]) == (
        "S001",
        2,
        "line_discount",
        discount["detail"],
    )
    assert entry["device_id"] is not None

    with server.client(s001) as client:
        assert_problem(client.get("/operator/audit"), 403, "forbidden")
