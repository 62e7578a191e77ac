"""A till finds a sale it did not ring up: by receipt number any store's (the customer
holds the receipt), by search only its own store's (day, amount, last digits of the
phone its pickup was made with); what was returned already comes with the lines."""

from __future__ import annotations

from server_testkit import Server, assert_problem, new_id, op, push, push_one, sale_op

from counter_app.core.ops import ReturnLinePayload, ReturnPayload

PRODUCT = 17
DAY = "2026-11-25"  # sale_op's sales are of 2026-11-25 09:30 Taiwan time


def test_a_sale_of_another_store_is_found_by_its_receipt_number_with_its_returns(
    server: Server,
) -> None:
    other_till = server.enroll("S002")
    sale = sale_op(PRODUCT, qty=3)
    [sold] = push(server, other_till, sale)
    assert sold["status"] == "applied", sold
    receipt_no = sale["payload"]["receipt_no"]
    ret = ReturnPayload(
        new_id(),
        sale["payload"]["sale_id"],
        100,
        (ReturnLinePayload(PRODUCT, 1, "restock_here"),),
    )
    assert push_one(server, other_till, "return", ret.to_payload())["status"] == "applied"

    here = server.enroll("S001")
    with server.client(here) as client:
        found = client.get(f"/sales/by-receipt/{receipt_no}")
        assert found.status_code == 200, found.text
        body = found.json()
        assert body["location_code"] == "S002"
        assert body["refunded_cents"] == 100
        [line] = body["lines"]
        assert (line["product_id"], line["qty"], line["returned"]) == (PRODUCT, 3, 1)
        assert line["sku"] and line["name"]
        assert_problem(client.get("/sales/by-receipt/RS999-000000-0000"), 404, "sale_not_found")
        # Search sees only this store's sales: the other store's sale is not listed.
        assert client.get("/sales/search", params={"day": DAY}).json() == {"sales": []}
    with server.client(other_till) as client:
        hits = client.get(
            "/sales/search",
            params={"day": DAY, "amount_cents": sale["payload"]["total_cents"]},
        ).json()["sales"]
        assert [h["receipt_no"] for h in hits] == [receipt_no]
        assert client.get("/sales/search", params={"day": DAY, "amount_cents": 1}).json() == {
            "sales": []
        }
        # A phone suffix matches only sales with a phone: this one has none.
        assert client.get("/sales/search", params={"day": DAY, "phone_suffix": "678"}).json() == {
            "sales": []
        }
        assert client.get("/sales/search", params={"day": "yesterday"}).status_code == 422


def test_a_sale_is_found_by_the_last_digits_of_its_pickup_customers_phone(
    server: Server,
) -> None:
    till = server.enroll("S001")
    sale = sale_op(PRODUCT, qty=1)
    push(server, till, sale)
    reservation = {
        "reservation_id": new_id(),
        "lines": [{"product_id": PRODUCT + 1, "qty": 1}],
        "customer_name": "王小明",
        "customer_phone": "0912-345-678",
        "sale_id": sale["payload"]["sale_id"],
    }
    made = push_one(server, till, "reservation.create", reservation)
    assert made["status"] == "applied", made
    with server.client(till) as client:
        hits = client.get("/sales/search", params={"day": DAY, "phone_suffix": "5678"}).json()
        assert [(h["receipt_no"], h["customer_phone_tail"]) for h in hits["sales"]] == [
            (sale["payload"]["receipt_no"], "678")
        ]
        none = client.get("/sales/search", params={"day": DAY, "phone_suffix": "1111"}).json()
        assert none == {"sales": []}


def test_an_exchange_is_a_return_linked_to_its_new_sale(server: Server) -> None:
    from sqlalchemy import select

    from warehouse_api.models import Return

    till = server.enroll("S001")
    original = sale_op(PRODUCT, qty=1)
    new_sale = sale_op(PRODUCT + 1, qty=1)
    ret = ReturnPayload(
        new_id(),
        original["payload"]["sale_id"],
        2500,
        (ReturnLinePayload(PRODUCT, 1, "restock_here"),),
        exchange_sale_id=new_sale["payload"]["sale_id"],
    )
    results = push(server, till, original, new_sale, op("return", ret.to_payload()))
    assert [r["status"] for r in results] == ["applied"] * 3, results
    with server.db.read() as session:
        stored = session.scalars(select(Return).where(Return.id == ret.return_id)).one()
    assert stored.exchange_sale_id == new_sale["payload"]["sale_id"]
