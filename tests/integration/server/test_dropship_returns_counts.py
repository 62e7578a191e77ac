from __future__ import annotations

from server_testkit import Server, assert_problem, ledger_balances, level, new_id, push_one
from sqlalchemy import select

from warehouse_api.models import Product

PRODUCT = 17


def _dropship(
    server: Server, token: str, qty: int = 1, source: str = "warehouse", product_id: int = PRODUCT
) -> dict:
    return push_one(
        server,
        token,
        "dropship.create",
        {
            "dropship_id": new_id(),
            "source": source,
            "lines": [{"product_id": product_id, "qty": qty}],
            "customer_name": "陳小姐",
            "customer_phone": "0922000111",
            "address": "台北市信義區松高路1號",
        },
    )


def test_dropship_from_the_warehouse_through_delivery(server: Server) -> None:
    counter = server.enroll("S001")
    operator = server.token("operator")
    before = level(server, "WH01", PRODUCT)
    created = _dropship(server, counter, qty=2)
    order = created["result"]
    assert order["status"] == "pending"
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + 2)
    path = f"/operator/dropship-orders/{order['dropship_id']}"
    with server.client(operator) as client:
        assert_problem(
            client.post(f"{path}/ship", json={"carrier": "黑貓", "tracking_no": "1"}),
            409,
            "invalid_transition",
        )
        assert client.post(f"{path}/accept").json()["status"] == "accepted"
        shipped = client.post(f"{path}/ship", json={"carrier": "黑貓宅急便", "tracking_no": "9001"})
        assert shipped.json()["tracking_no"] == "9001"
        assert client.post(f"{path}/deliver").json()["status"] == "delivered"
    assert level(server, "WH01", PRODUCT) == (before[0] - 2, before[1])
    cancel_late = push_one(
        server, counter, "dropship.cancel", {"dropship_id": order["dropship_id"]}
    )
    assert cancel_late["problem"]["code"] == "invalid_transition"
    assert ledger_balances(server)


def test_dropship_from_the_partner_holds_partner_stock(server: Server) -> None:
    counter = server.enroll("S002")
    with server.db.read() as session:
        partner_product = session.scalar(
            select(Product.id).where(Product.dropship_partner_id.is_not(None)).limit(1)
        )
        plain_product = session.scalar(
            select(Product.id).where(Product.dropship_partner_id.is_(None)).limit(1)
        )
    assert partner_product is not None and plain_product is not None
    before = level(server, "P001", partner_product)
    result = _dropship(server, counter, source="partner", product_id=partner_product)
    assert result["status"] == "applied", result
    assert level(server, "P001", partner_product) == (before[0], before[1] + 1)
    cancelled = push_one(
        server, counter, "dropship.cancel", {"dropship_id": result["result"]["dropship_id"]}
    )
    assert cancelled["result"]["status"] == "cancelled"
    assert level(server, "P001", partner_product) == before
    no_partner = _dropship(server, counter, source="partner", product_id=plain_product)
    assert no_partner["problem"]["code"] == "no_dropship_partner"


def test_return_dispositions(server: Server) -> None:
    counter = server.enroll("S001")
    before = level(server, "S001", PRODUCT)
    result = push_one(
        server,
        counter,
        "return",
        {
            "return_id": new_id(),
            "refund_cents": 5000,
            "lines": [
                {"product_id": PRODUCT, "qty": 1, "disposition": "restock_here"},
                {"product_id": PRODUCT, "qty": 2, "disposition": "send_to_warehouse"},
                {"product_id": PRODUCT, "qty": 5, "disposition": "damaged"},
            ],
        },
    )
    assert result["status"] == "applied", result
    assert level(server, "S001", PRODUCT)[0] == before[0] + 3
    transfer_id = result["result"]["transfer_id"]
    operator = server.token("operator")
    wh_before = level(server, "WH01", PRODUCT)
    with server.client(operator) as client:
        assert client.post(f"/operator/transfers/{transfer_id}/ship", json={}).status_code == 200
        assert client.post(f"/operator/transfers/{transfer_id}/receive").status_code == 200
    assert level(server, "S001", PRODUCT)[0] == before[0] + 1
    assert level(server, "WH01", PRODUCT)[0] == wh_before[0] + 2
    assert ledger_balances(server)
    with server.client(counter) as client:
        changes = client.get("/sync/pull", params={"limit": 5000}).json()["changes"]
        seen = client.get(f"/transfers/{transfer_id}")
    [feed_transfer] = [c for c in changes if c["entity"] == "transfer"]
    assert feed_transfer["data"]["status"] == "received"  # the sending store follows it
    assert seen.status_code == 200


def test_stock_count_is_compare_and_set(server: Server) -> None:
    counter = server.enroll("S003")
    on_hand, _ = level(server, "S003", PRODUCT)
    stale = push_one(
        server,
        counter,
        "stock_count",
        {
            "count_id": new_id(),
            "lines": [{"product_id": PRODUCT, "expected_on_hand": on_hand + 1, "counted": 3}],
        },
    )
    assert stale["problem"]["code"] == "count_conflict"
    assert stale["problem"]["current"] == [
        {"product_id": PRODUCT, "expected_on_hand": on_hand + 1, "on_hand": on_hand}
    ]
    applied = push_one(
        server,
        counter,
        "stock_count",
        {
            "count_id": new_id(),
            "lines": [{"product_id": PRODUCT, "expected_on_hand": on_hand, "counted": 3}],
        },
    )
    assert applied["result"]["adjustments"] == [
        {"product_id": PRODUCT, "delta": 3 - on_hand, "on_hand": 3}
    ]
    assert level(server, "S003", PRODUCT)[0] == 3
    assert ledger_balances(server)


def test_shift_close_and_audit_are_recorded_once(server: Server) -> None:
    counter = server.enroll("S001")
    shift = {
        "shift_id": new_id(),
        "staff_id": 1,
        "closed_at": "2026-11-25T21:00:00+08:00",
        "report": {"cash_cents": 123400, "sales": 42},
    }
    first = push_one(server, counter, "shift.close", shift)
    again = push_one(server, counter, "shift.close", shift)
    assert first["status"] == "applied" and again["status"] == "duplicate"
    audit = push_one(
        server,
        counter,
        "audit",
        {
            "audit_id": new_id(),
            "staff_id": 2,
            "action": "price_override",
            "detail": {"product_id": 3, "from": 2500, "to": 2000},
            "created_at": "2026-11-25T10:00:00+08:00",
        },
    )
    assert audit["status"] == "applied"


def test_unknown_op_type_is_422(server: Server) -> None:
    counter = server.enroll("S001")
    with server.client(counter) as client:
        response = client.post(
            "/sync/push", json={"ops": [{"op_id": new_id(), "type": "teleport", "payload": {}}]}
        )
    assert_problem(response, 422, "validation_error")


def test_customer_data_is_forgotten_after_the_order_is_done(server: Server) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from warehouse_api.config import Settings
    from warehouse_api.models import DropshipOrder, utcnow
    from warehouse_api.services.sweeper import sweep_once

    counter = server.enroll("S001")
    done = _dropship(server, counter)["result"]["dropship_id"]
    open_order = _dropship(server, counter)["result"]["dropship_id"]
    with server.client(server.token("operator")) as client:
        path = f"/operator/dropship-orders/{done}"
        client.post(f"{path}/accept")
        client.post(f"{path}/ship", json={"carrier": "新竹物流", "tracking_no": "55"})
        client.post(f"{path}/deliver")
    with server.db.write() as session:
        session.execute(update(DropshipOrder).values(updated_at=utcnow() - timedelta(days=31)))

    assert sweep_once(server.db, Settings()).forgotten_customers == 1
    with server.db.read() as session:
        finished = session.get(DropshipOrder, done)
        pending = session.get(DropshipOrder, open_order)
        assert finished is not None and pending is not None
        assert (finished.customer_name, finished.customer_phone, finished.address) == ("", "", "")
        assert pending.customer_phone == "0922000111"
