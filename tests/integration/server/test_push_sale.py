from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from server_testkit import Server, assert_problem, new_id, sale_op
from sqlalchemy import func, select

from warehouse_api.models import Sale, Stock, StockMovement
from warehouse_api.services.inventory import check_ledger

PRODUCT_ID = 7


def _on_hand(server: Server, store: str, product_id: int) -> int:
    with server.db.read() as session:
        stock = session.get(Stock, (server.location_id(store), product_id))
        return stock.on_hand if stock else 0


def _push(server: Server, token: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    with server.client(token) as client:
        response = client.post("/sync/push", json={"ops": list(ops)})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_sale_applies_once_and_replay_returns_the_stored_result(server: Server) -> None:
    token = server.enroll("S001")
    before = _on_hand(server, "S001", PRODUCT_ID)
    op = sale_op(PRODUCT_ID, qty=2)

    [first] = _push(server, token, op)
    [again] = _push(server, token, op)

    assert first["status"] == "applied"
    assert again == {**first, "status": "duplicate"}
    assert _on_hand(server, "S001", PRODUCT_ID) == before - 2
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 1
        assert check_ledger(session) == []


def test_concurrent_copies_of_one_op_apply_once(server: Server) -> None:
    token = server.enroll("S001")
    before = _on_hand(server, "S001", PRODUCT_ID)
    op = sale_op(PRODUCT_ID, qty=3)

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda _: _push(server, token, op)[0], range(12)))

    statuses = sorted(result["status"] for result in results)
    assert statuses == ["applied"] + ["duplicate"] * 11
    assert _on_hand(server, "S001", PRODUCT_ID) == before - 3
    with server.db.read() as session:
        movements = session.scalar(
            select(func.count()).select_from(StockMovement).where(StockMovement.reason == "sale")
        )
        assert movements == 1


def test_same_op_id_with_a_different_body_is_rejected(server: Server) -> None:
    token = server.enroll("S001")
    op = sale_op(PRODUCT_ID, qty=1)
    altered = {**op, "payload": {**op["payload"], "total_cents": 1}}

    [applied] = _push(server, token, op)
    [rejected] = _push(server, token, altered)

    assert applied["status"] == "applied"
    assert rejected["status"] == "rejected"
    assert rejected["problem"]["code"] == "idempotency_key_reused"


def test_same_op_id_on_a_new_sale_is_rejected_and_leaves_nothing(server: Server) -> None:
    """Pushed alone, a sale does not look its op_id up first (`finds_replays`): its ids
    are all new here, so it is the claim's UNIQUE that catches the reused op_id, the
    whole transaction rolls back and the ordinary way gives the answer."""
    token = server.enroll("S001")
    op = sale_op(PRODUCT_ID, qty=1)
    [applied] = _push(server, token, op)
    after_first = _on_hand(server, "S001", PRODUCT_ID)
    other = {**sale_op(PRODUCT_ID, qty=2), "op_id": op["op_id"]}

    [rejected] = _push(server, token, other)

    assert applied["status"] == "applied"
    assert rejected["status"] == "rejected"
    assert rejected["problem"]["code"] == "idempotency_key_reused"
    assert _on_hand(server, "S001", PRODUCT_ID) == after_first
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 1
        assert check_ledger(session) == []


def test_same_sale_under_a_new_op_id_is_a_duplicate_but_a_changed_one_is_rejected(
    server: Server,
) -> None:
    token = server.enroll("S001")
    op = sale_op(PRODUCT_ID, qty=1)
    [applied] = _push(server, token, op)
    [requeued] = _push(server, token, {**op, "op_id": new_id()})
    changed = {**op, "op_id": new_id(), "payload": {**op["payload"], "total_cents": 99}}
    [conflict] = _push(server, token, changed)

    assert requeued == {**applied, "op_id": requeued["op_id"], "status": "duplicate"}
    assert conflict["problem"]["code"] == "idempotency_key_reused"


def test_sale_driving_stock_negative_applies_and_is_flagged(server: Server) -> None:
    token = server.enroll("S002")
    before = _on_hand(server, "S002", PRODUCT_ID)
    [result] = _push(server, token, sale_op(PRODUCT_ID, qty=before + 5))

    assert result["status"] == "applied"
    assert result["result"]["negative_stock"] == [{"product_id": PRODUCT_ID, "on_hand": -5}]
    with server.db.read() as session:
        stock = session.get(Stock, (server.location_id("S002"), PRODUCT_ID))
        assert stock is not None and stock.needs_count
        assert check_ledger(session) == []
    with server.client(server.token("operator")) as client:
        flagged = client.get("/operator/stock/needs-count").json()
    assert {"location_id": server.location_id("S002"), "product_id": PRODUCT_ID}.items() <= flagged[
        0
    ].items()
    assert flagged[0]["on_hand"] == -5

    count = {
        "op_id": new_id(),
        "type": "stock_count",
        "payload": {
            "count_id": new_id(),
            "lines": [{"product_id": PRODUCT_ID, "expected_on_hand": -5, "counted": 0}],
        },
    }
    [counted] = _push(server, token, count)
    assert counted["result"]["adjustments"] == [
        {"product_id": PRODUCT_ID, "delta": 5, "on_hand": 0}
    ]
    with server.client(server.token("operator")) as client:
        assert client.get("/operator/stock/needs-count").json() == []


def test_a_batch_gets_one_result_per_op_in_order(server: Server) -> None:
    token = server.enroll("S001")
    good = sale_op(PRODUCT_ID)
    unknown_product = sale_op(999_999)
    results = _push(server, token, good, unknown_product, good)
    assert [r["status"] for r in results] == ["applied", "rejected", "duplicate"]
    assert results[1]["problem"]["code"] == "unknown_product"


def test_only_counters_push_sales(server: Server) -> None:
    token = server.token("group_buy")
    [result] = _push(server, token, sale_op(PRODUCT_ID))
    assert result["problem"]["code"] == "forbidden"


def test_negative_quantity_is_a_validation_error(server: Server) -> None:
    token = server.enroll("S001")
    op = sale_op(PRODUCT_ID)
    op["payload"]["lines"][0]["qty"] = -1
    with server.client(token) as client:
        response = client.post("/sync/push", json={"ops": [op]})
    body = assert_problem(response, 422, "validation_error")
    assert any("qty" in [str(part) for part in error["loc"]] for error in body["errors"])


def test_draining_a_backlog_applies_each_sale_exactly_once(server: Server) -> None:
    token = server.enroll("S003")
    backlog = [sale_op(1 + i % 40, qty=1) for i in range(600)]
    batches = [backlog[i : i + 200] for i in range(0, len(backlog), 200)]
    statuses: list[str] = []
    for batch in batches:
        statuses += [r["status"] for r in _push(server, token, *batch)]
    # The relay lost the answer to the second batch and sends it again.
    replayed = [r["status"] for r in _push(server, token, *batches[1])]

    assert statuses == ["applied"] * 600
    assert replayed == ["duplicate"] * 200
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 600
        assert check_ledger(session) == []
