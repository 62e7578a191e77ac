from __future__ import annotations

from server_testkit import Server, assert_problem, ledger_balances, level, new_id

PRODUCT = 13


def _order(client, key: str, qty: int = 2, order_id: str | None = None):  # type: ignore[no-untyped-def]
    body = {"lines": [{"product_id": PRODUCT, "qty": qty}], "customer_name": "團購客"}
    if order_id:
        body["order_id"] = order_id
    return client.post("/group-buy/orders", json=body, headers={"Idempotency-Key": key})


def test_group_buy_order_holds_stock_once_per_idempotency_key(server: Server) -> None:
    channel = server.token("group_buy")
    before = level(server, "WH01", PRODUCT)
    with server.client(channel) as client:
        first = _order(client, "key-1")
        replay = _order(client, "key-1")
        reused = _order(client, "key-1", qty=3)
    assert first.status_code == 201, first.text
    assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert first.json()["lines"] == [
        {
            "product_id": PRODUCT,
            "qty": 2,
            "sale_line_id": None,
            "paid_cents": None,
            "arrived_qty": 0,
            "collected_qty": 0,
            "unit_price_cents": None,
        }
    ]
    assert_problem(reused, 409, "idempotency_key_reused")
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + 2)


def test_group_buy_order_ships_from_the_warehouse(server: Server) -> None:
    channel = server.token("group_buy")
    operator = server.token("operator")
    before = level(server, "WH01", PRODUCT)
    with server.client(channel) as client:
        order = _order(client, new_id(), qty=3).json()
    with server.client(operator) as client:
        shipped = client.post(f"/operator/group-buy-orders/{order['reservation_id']}/ship")
        twice = client.post(f"/operator/group-buy-orders/{order['reservation_id']}/ship")
    assert shipped.json()["status"] == "shipped"
    assert_problem(twice, 409, "invalid_transition")
    assert level(server, "WH01", PRODUCT) == (before[0] - 3, before[1])
    assert ledger_balances(server)


def test_group_buy_order_beyond_stock_is_409_and_missing_key_is_422(server: Server) -> None:
    channel = server.token("group_buy")
    on_hand, _ = level(server, "WH01", PRODUCT)
    with server.client(channel) as client:
        too_many = _order(client, "big", qty=on_hand + 1)
        no_key = client.post(
            "/group-buy/orders", json={"lines": [{"product_id": PRODUCT, "qty": 1}]}
        )
    body = assert_problem(too_many, 409, "insufficient_stock")
    assert body["product_id"] == PRODUCT
    assert_problem(no_key, 422, "validation_error")


def test_a_store_token_is_403_on_operator_admin_and_group_buy_routes(server: Server) -> None:
    counter = server.enroll("S001")
    with server.client(counter) as client:
        assert_problem(client.get("/operator/transfers"), 403, "forbidden")
        assert_problem(client.get("/admin/locations"), 403, "forbidden")
        assert_problem(_order(client, "k"), 403, "forbidden")
    operator = server.token("operator")
    with server.client(operator) as client:
        assert_problem(client.get("/admin/locations"), 403, "forbidden")
        assert client.get("/operator/transfers").status_code == 200


def test_admin_changes_reach_the_feed(server: Server) -> None:
    admin = server.token("admin")
    counter = server.enroll("S001")
    with server.client(counter) as client:
        cursor = client.get("/sync/pull", params={"limit": 5000}).json()["cursor"]
    with server.client(admin) as client:
        created = client.post(
            "/admin/products",
            json={
                "sku": "NEW-1",
                "name": "新品 測試 100g",
                "category": "零食",
                "price_cents": 4500,
                "barcodes": ["4710000000017"],
            },
        )
        assert created.status_code == 201, created.text
        product_id = created.json()["id"]
        assert (
            client.put(
                f"/admin/products/{product_id}/price", json={"price_cents": 3900}
            ).status_code
            == 200
        )
        taken = client.post(
            f"/admin/products/{product_id}/barcodes", json={"code": "4710000000017"}
        )
        assert_problem(taken, 409, "barcode_taken")
        code = client.post("/admin/enrollment-codes", json={"store_code": "S002"})
        assert code.status_code == 201
    with server.client(counter) as client:
        changes = client.get("/sync/pull", params={"cursor": cursor}).json()["changes"]
    [product] = [c for c in changes if c["entity"] == "product"]
    assert product["data"]["price_cents"] == 3900
    assert product["data"]["barcodes"] == ["4710000000017"]
    with server.client() as client:
        enrolled = client.post(
            "/devices/enroll", json={"code": code.json()["code"], "device_name": "t"}
        )
    assert enrolled.json()["location"]["code"] == "S002"


def test_admin_revokes_a_token(server: Server) -> None:
    admin = server.token("admin")
    counter = server.enroll("S003")
    with server.client(admin) as client:
        devices = client.get("/admin/devices").json()
        device_id = next(d["id"] for d in devices if d["location_id"] == server.location_id("S003"))
        assert client.post(f"/admin/devices/{device_id}/revoke").status_code == 200
    with server.client(counter) as client:
        assert_problem(client.get("/sync/pull"), 401, "unauthorized")
