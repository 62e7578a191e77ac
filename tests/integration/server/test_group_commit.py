"""Group commit: a push batch is one transaction with a savepoint per op.

A rejected op rolls back alone (its rows, ledger, feed changes and claim), the rest
of the batch commits once; concurrent batches over the same products neither
deadlock nor lose or double an op; a replayed batch answers duplicate."""

from __future__ import annotations

import contextlib
import json
import logging
import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from server_testkit import Server, ledger_balances, level, new_id, op, push, sale_op, set_available
from sqlalchemy import event, func, select

from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.models import Reservation, Sale, StockMovement, SyncOp, Transfer
from warehouse_api.schemas import PushRequest
from warehouse_api.services import op_handlers  # noqa: F401  (fills the op registry)
from warehouse_api.services.devices import AuthenticatedDevice, issue_token, location_by_code
from warehouse_api.services.inventory import check_ledger, ensure_stock_row
from warehouse_api.services.push import apply_ops


def _count(server: Server, query: Any) -> int:
    with server.db.read() as session:
        return int(session.scalar(query) or 0)


def _feed_ids(server: Server, token: str) -> set[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    cursor = 0
    with server.client(token) as client:
        while True:
            page = client.get("/sync/pull", params={"cursor": cursor, "limit": 5000}).json()
            seen.update((change["entity"], change["id"]) for change in page["changes"])
            cursor = page["cursor"]
            if not page["has_more"]:
                return seen


def test_a_rejected_op_in_the_middle_rolls_back_alone(server: Server) -> None:
    warehouse = server.location_id("WH01")
    set_available(server.db, warehouse, 7, 3)
    token = server.enroll("S001")
    before = level(server, "S001", 5)
    held_before = level(server, "WH01", 7)
    first, last = sale_op(5, 2), sale_op(5, 1)
    # The pickup writes its reservation and transfer rows, then falls short on the hold.
    reservation_id = new_id()
    short = op(
        "reservation.create",
        {"reservation_id": reservation_id, "lines": [{"product_id": 7, "qty": 4}]},
    )
    batch = [first, short, last]

    results = push(server, token, *batch)

    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["problem"]["code"] == "insufficient_stock"
    assert level(server, "S001", 5) == (before[0] - 3, before[1])
    assert _count(server, select(func.count()).where(Reservation.id == reservation_id)) == 0
    assert _count(server, select(func.count()).where(Transfer.id == f"TR-{reservation_id}")) == 0
    assert _count(server, select(func.count()).where(SyncOp.op_id == short["op_id"])) == 0
    assert level(server, "WH01", 7) == held_before  # the hold's UPDATE never took
    sales = {first["payload"]["sale_id"], last["payload"]["sale_id"]}
    assert _count(server, select(func.count()).where(Sale.id.in_(sales))) == 2
    assert _count(server, select(func.count()).where(StockMovement.reference.in_(sales))) == 2
    feed = _feed_ids(server, token)
    assert {("sale", sale_id) for sale_id in sales} <= feed
    assert ("reservation", reservation_id) not in feed
    assert ("transfer", f"TR-{reservation_id}") not in feed
    assert ledger_balances(server)

    # The same batch again: the applied ops answer duplicate with their stored results,
    # the rejected one (never claimed) is tried again and refused again.
    replay = push(server, token, *batch)
    assert [r["status"] for r in replay] == ["duplicate", "rejected", "duplicate"]
    assert replay[0]["result"] == results[0]["result"]
    assert replay[2]["result"] == results[2]["result"]
    assert level(server, "S001", 5) == (before[0] - 3, before[1])
    # Fixed, under a new op_id, the pickup applies.
    fixed = op(
        "reservation.create",
        {"reservation_id": reservation_id, "lines": [{"product_id": 7, "qty": 3}]},
    )
    [applied] = push(server, token, fixed)
    assert applied["status"] == "applied", applied
    assert level(server, "WH01", 7) == (held_before[0], held_before[1] + 3)
    assert ledger_balances(server)


def test_a_duplicate_op_id_inside_one_batch_applies_once(server: Server) -> None:
    token = server.enroll("S002")
    sale = sale_op(9, 1)
    before = level(server, "S002", 9)
    results = push(server, token, sale, sale)
    assert [r["status"] for r in results] == ["applied", "duplicate"]
    assert results[1]["result"] == results[0]["result"]
    assert level(server, "S002", 9) == (before[0] - 1, before[1])


@pytest.mark.slow
def test_concurrent_batches_from_many_tills_lose_and_double_nothing(contended: Server) -> None:
    server = contended
    products = [11, 12, 13, 14, 15, 16]
    stores = ("S001", "S002", "S003")
    tills = [(store, server.enroll(store)) for store in stores for _ in range(3)]
    before = {(s, p): level(server, s, p)[0] for s in stores for p in products}
    rng = random.Random(3)
    batches: list[tuple[str, str, list[dict[str, Any]]]] = []
    for store, token in tills:
        for _ in range(3):
            ops = []
            for _ in range(15):
                sale = sale_op(rng.choice(products), rng.randint(1, 2))
                ops.append(sale)
            rng.shuffle(ops)
            batches.append((store, token, ops))
    # Every batch twice, at the same time: a till resending while its first try runs.
    jobs = batches + batches
    rng.shuffle(jobs)
    barrier = threading.Barrier(12)

    def send(job: tuple[str, str, list[dict[str, Any]]]) -> list[str]:
        _store, token, ops = job
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=5)
        with server.client(token) as client:
            response = client.post("/sync/push", json={"ops": ops})
        assert response.status_code == 200, response.text
        return [r["status"] for r in response.json()["results"]]

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = Counter(s for result in pool.map(send, jobs) for s in result)

    all_ops = [(store, o) for store, _token, ops in batches for o in ops]
    assert statuses == {"applied": len(all_ops), "duplicate": len(all_ops)}, statuses
    sold: Counter[tuple[str, int]] = Counter()
    for store, sale in all_ops:
        line = sale["payload"]["lines"][0]
        sold[(store, line["product_id"])] += line["qty"]
    for key, on_hand_before in before.items():
        assert level(server, *key)[0] == on_hand_before - sold[key], key
    sale_ids = [sale["payload"]["sale_id"] for _store, sale in all_ops]
    assert _count(server, select(func.count()).where(Sale.id.in_(sale_ids))) == len(sale_ids)
    assert _count(server, select(func.count()).where(StockMovement.reference.in_(sale_ids))) == len(
        sale_ids
    )
    assert ledger_balances(server)


@pytest.mark.postgres
def test_batches_selling_products_in_opposite_orders_never_deadlock(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Without the up-front lock, batch A takes row 1 then wants 6 while B holds 6 and
    wants 1: PostgreSQL kills one after deadlock_timeout and the batch is retried."""
    db = Database.from_url(postgres_url)
    settings = Settings()
    try:
        with db.write() as session:
            store = location_by_code(session, "S001").id
            device_id = issue_token(session, "counter", store, "till").device_id
            products = [1, 2, 3, 4, 5, 6]
            for product_id in products:  # rows that exist are the ones locked up front
                ensure_stock_row(session, store, product_id)
        device = AuthenticatedDevice(device_id, "till", "counter", store)

        def run(index: int) -> list[str]:
            order = products if index % 2 else products[::-1]
            statuses = []
            for _ in range(4):
                body = PushRequest.model_validate({"ops": [sale_op(p) for p in order]})
                results = apply_ops(db, settings, device, list(body.ops))
                statuses += [r["status"] for r in results]
            return statuses

        with (
            caplog.at_level(logging.INFO, logger="warehouse_api.services.push"),
            ThreadPoolExecutor(max_workers=8) as pool,
        ):
            outcomes = [s for statuses in pool.map(run, range(8)) for s in statuses]
        assert outcomes == ["applied"] * (8 * 4 * len(products))
        retries = [r for r in caplog.records if "retrying a batch" in r.getMessage()]
        assert retries == [], [r.getMessage() for r in retries]
        with db.read() as session:
            assert check_ledger(session) == []
    finally:
        db.dispose()


def test_a_run_of_sales_answers_as_one_by_one(server: Server) -> None:
    """Consecutive sales are applied set-wise; the answers are the one-by-one answers:
    each sale's negative_stock is the figure right after that sale, and a sale that
    reuses a receipt number in the middle is refused without stopping the others."""
    from warehouse_api.services.inventory import adjust_stock, read_level

    store = server.location_id("S003")
    with server.db.write() as session:
        current = read_level(session, store, 17)
        on_hand = current.on_hand if current else 0
        adjust_stock(
            session,
            store,
            17,
            on_hand_delta=2 - on_hand,
            reason="count",
            reference="t",
            device_id=None,
        )
    token = server.enroll("S003")
    sales = [sale_op(17, 1) for _ in range(3)]
    clash = sale_op(17, 1, receipt_no=sales[0]["payload"]["receipt_no"])
    results = push(server, token, sales[0], sales[1], clash, sales[2])
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "applied"]
    assert results[2]["problem"]["code"] == "receipt_no_taken"
    assert [r["result"]["negative_stock"] for r in (results[0], results[1], results[3])] == [
        [],
        [],
        [{"product_id": 17, "on_hand": -1}],
    ]
    assert level(server, "S003", 17) == (-1, 0)
    with server.client(server.token("operator")) as client:
        flagged = client.get("/operator/stock/needs-count").json()
    assert any(row["location_id"] == store and row["product_id"] == 17 for row in flagged), flagged
    assert ledger_balances(server)


def _values(parameters: Any) -> int:
    """How many values a statement was sent with: an IN list's, an array's (PostgreSQL)
    or a JSON array's (SQLite's `json_each`: `sql.in_list`) each."""
    if isinstance(parameters, str) and parameters.startswith("["):
        with contextlib.suppress(ValueError):
            return _values(json.loads(parameters))
    if isinstance(parameters, dict):
        return sum(_values(value) for value in parameters.values())
    if isinstance(parameters, (list, tuple)):
        return sum(_values(value) for value in parameters)
    return 1


def test_sales_that_go_alone_do_not_make_the_run_read_the_batch_again(server: Server) -> None:
    """A push whose first 60 sales reuse taken receipt numbers (a till whose receipt
    counter went back), then 140 new ones: the 60 are refused one by one, the 140
    applied, and the reads stay in proportion to the ops. Before, the run handler was
    offered the whole rest of the push after each refused sale and read every id in
    it again: 60 x 140-200 sales' ids, 3 s per 500-sale push on SQLite."""
    token = server.enroll("S002")
    first = [sale_op(31, 1) for _ in range(60)]
    assert {r["status"] for r in push(server, token, *first)} == {"applied"}
    reused = [sale_op(31, 1, receipt_no=sale["payload"]["receipt_no"]) for sale in first]
    fresh = [sale_op(31, 1) for _ in range(140)]
    engine = server.embedded.app_state.db.engine
    read_values: list[int] = []

    def count(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            read_values.append(_values(parameters))

    event.listen(engine, "before_cursor_execute", count)
    try:
        results = push(server, token, *reused, *fresh)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert [r["status"] for r in results] == ["rejected"] * 60 + ["applied"] * 140
    assert {r["problem"]["code"] for r in results[:60]} == {"receipt_no_taken"}
    assert sum(read_values) <= 40 * len(results), (sum(read_values), len(read_values))
    assert _count(server, select(func.count()).select_from(Sale)) >= 200
    assert ledger_balances(server)
