from __future__ import annotations

from typing import Any

from server_testkit import Server, assert_problem, sale_op

from warehouse_api.models import Barcode, Product
from warehouse_api.services.inventory import read_level


def _pull_all(server: Server, token: str, limit: int) -> tuple[list[dict[str, Any]], int, int]:
    changes: list[dict[str, Any]] = []
    cursor, pages = 0, 0
    with server.client(token) as client:
        while True:
            body = client.get("/sync/pull", params={"cursor": cursor, "limit": limit}).json()
            assert body["reset"] is False
            assert body["cursor"] >= cursor
            changes += body["changes"]
            cursor = body["cursor"]
            pages += 1
            if not body["has_more"]:
                return changes, cursor, pages


def test_pull_pages_through_every_live_entity_once(server: Server) -> None:
    token = server.enroll("S001")
    changes, _cursor, pages = _pull_all(server, token, limit=50)
    seqs = [change["seq"] for change in changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert pages > 2
    keys = [(change["entity"], change["id"]) for change in changes]
    assert len(keys) == len(set(keys))
    products = [c for c in changes if c["entity"] == "product"]
    assert len(products) == 60
    assert all(c["data"]["barcodes"] for c in products)
    staff_stores = {c["data"]["location_id"] for c in changes if c["entity"] == "staff"}
    assert staff_stores == {server.location_id("S001")}


def test_pull_after_cursor_returns_only_new_changes(server: Server) -> None:
    token = server.enroll("S001")
    _changes, cursor, _pages = _pull_all(server, token, limit=1000)
    with server.client(token) as client:
        client.post("/sync/push", json={"ops": [sale_op(3, qty=1)]}).raise_for_status()
        body = client.get("/sync/pull", params={"cursor": cursor}).json()
    entities = sorted(change["entity"] for change in body["changes"])
    assert entities == ["sale", "stock"]
    stock_change = next(c for c in body["changes"] if c["entity"] == "stock")
    assert stock_change["id"] == f"{server.location_id('S001')}:3"
    assert all(change["seq"] > cursor for change in body["changes"])


def test_another_stores_sales_are_invisible_but_its_stock_is_visible(server: Server) -> None:
    s001 = server.enroll("S001")
    s002 = server.enroll("S002")
    _c, cursor, _p = _pull_all(server, s001, limit=1000)
    with server.client(s002) as client:
        client.post("/sync/push", json={"ops": [sale_op(4, qty=1)]}).raise_for_status()
    with server.client(s001) as client:
        body = client.get("/sync/pull", params={"cursor": cursor}).json()
    assert [c["entity"] for c in body["changes"]] == ["stock"]
    with server.client(s002) as client:
        own = client.get("/sync/pull", params={"cursor": cursor}).json()
    assert sorted(c["entity"] for c in own["changes"]) == ["sale", "stock"]


def test_stock_by_sku_and_by_barcode(server: Server) -> None:
    token = server.enroll("S003")
    with server.db.read() as session:
        product = session.get(Product, 5)
        assert product is not None
        barcode = session.query(Barcode).filter_by(product_id=5).first()
        assert barcode is not None
        warehouse = read_level(session, server.location_id("WH01"), 5)
    with server.client(token) as client:
        by_sku = client.get("/stock", params={"product": product.sku})
        by_barcode = client.get("/stock", params={"product": barcode.code})
        unknown = client.get("/stock", params={"product": "0000000000000"})
    assert by_sku.status_code == 200
    assert by_sku.json()["levels"] == by_barcode.json()["levels"]
    levels = {level["location_code"]: level for level in by_sku.json()["levels"]}
    assert warehouse is not None
    assert levels["WH01"]["on_hand"] == warehouse.on_hand
    assert levels["WH01"]["available"] == warehouse.available
    assert_problem(unknown, 404, "product_not_found")
