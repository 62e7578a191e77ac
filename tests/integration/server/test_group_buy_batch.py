"""`POST /group-buy/orders:batch`: each order answered as it would be alone, in order,
all or nothing per order, one transaction for the batch; racing batches and single
orders never hold more than is available."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import httpx
import pytest
from server_testkit import (
    Server,
    assert_problem,
    ledger_balances,
    level,
    new_id,
    op,
    push,
    set_available,
)
from sqlalchemy import select, update

from warehouse_api.embedded import serve_in_subprocess
from warehouse_api.models import Reservation, ReservationLine, utcnow

PRODUCT = 23
OTHER = 24
BATCH = "/group-buy/orders:batch"


def _order(key: str, qty: int = 1, product: int = PRODUCT, **extra: Any) -> dict[str, Any]:
    return {"idempotency_key": key, "lines": [{"product_id": product, "qty": qty}], **extra}


def _batch(client: httpx.Client, *orders: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(BATCH, json={"orders": list(orders)})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    assert [r["idempotency_key"] for r in results] == [o["idempotency_key"] for o in orders]
    return results


def test_each_order_of_a_batch_gets_the_answer_it_would_get_alone(server: Server) -> None:
    warehouse = server.location_id("WH01")
    set_available(server.db, warehouse, PRODUCT, 3)
    before = level(server, "WH01", PRODUCT)
    taken_id = new_id()
    with server.client(server.token("group_buy")) as client:
        alone = client.post(
            "/group-buy/orders",
            json={"order_id": taken_id, "lines": [{"product_id": PRODUCT, "qty": 1}]},
            headers={"Idempotency-Key": "alone"},
        )
        assert alone.status_code == 201, alone.text
        results = _batch(
            client,
            _order("a", 1, customer_name="王小明"),
            _order("a", 1, customer_name="王小明"),  # the same key and body: a replay
            _order("a", 2),  # the same key, another body
            _order("b", 1, order_id=taken_id),  # an order id already used
            _order("c", 1, product=999_999),  # no such product
            _order("d", 2),  # 1 left: refused whole
            _order("e", 1),  # the last unit
            _order("f", 1),  # sold out
        )
        # The order placed alone, forwarded again in a batch: its replay.
        [again] = _batch(client, {"idempotency_key": "alone", "order_id": taken_id, **_lines()})
        # The order placed in the batch, sent alone again: the same order, replayed.
        replay = client.post(
            "/group-buy/orders",
            json={"lines": [{"product_id": PRODUCT, "qty": 1}], "customer_name": "王小明"},
            headers={"Idempotency-Key": "a"},
        )
    statuses = [r["status"] for r in results]
    assert statuses == [201, 200, 409, 409, 422, 409, 201, 409], results
    placed = results[0]["order"]
    assert placed["kind"] == "group_buy" and placed["status"] == "confirmed"
    assert placed["lines"] == [
        {
            "product_id": PRODUCT,
            "qty": 1,
            "sale_line_id": None,
            "paid_cents": None,
            "arrived_qty": 0,
            "collected_qty": 0,
            "unit_price_cents": None,
        }
    ]
    assert results[1]["order"] == placed
    codes = [r["problem"]["code"] if "problem" in r else None for r in results]
    assert codes == [
        None,
        None,
        "idempotency_key_reused",
        "idempotency_key_reused",
        "unknown_product",
        "insufficient_stock",
        None,
        "insufficient_stock",
    ]
    short = results[5]["problem"]
    assert (short["status"], short["available"], short["requested"]) == (409, 1, 2)
    assert "WH01 has 1 of SKU" in short["detail"]
    assert results[4]["problem"]["product_ids"] == [999_999]
    assert results[7]["problem"]["available"] == 0
    assert again["status"] == 200 and again["order"] == alone.json()
    assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == placed
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + 3)
    assert ledger_balances(server)


def test_a_batch_after_the_sell_out_is_refused_and_a_replay_in_it_still_answered(
    server: Server,
) -> None:
    set_available(server.db, server.location_id("WH01"), PRODUCT, 1)
    with server.client(server.token("group_buy")) as client:
        [won] = _batch(client, _order("won"))
        held = level(server, "WH01", PRODUCT)
        refused = _batch(client, _order("late-1"), _order("late-2", 2))
        mixed = _batch(client, _order("late-3"), _order("won"))
    assert won["status"] == 201
    assert [(r["status"], r["problem"]["code"], r["problem"]["requested"]) for r in refused] == [
        (409, "insufficient_stock", 1),
        (409, "insufficient_stock", 2),
    ]
    assert refused[0]["problem"]["available"] == 0
    assert "WH01 has 0 of SKU" in refused[0]["problem"]["detail"]
    assert [r["status"] for r in mixed] == [409, 200]
    assert mixed[1]["order"] == won["order"]
    assert level(server, "WH01", PRODUCT) == held
    assert ledger_balances(server)


def _lines() -> dict[str, Any]:
    return {"lines": [{"product_id": PRODUCT, "qty": 1}]}


def test_an_order_is_held_whole_or_not_at_all(server: Server) -> None:
    warehouse = server.location_id("WH01")
    set_available(server.db, warehouse, PRODUCT, 5)
    set_available(server.db, warehouse, OTHER, 1)
    before = level(server, "WH01", PRODUCT), level(server, "WH01", OTHER)
    both = [{"product_id": OTHER, "qty": 2}, {"product_id": PRODUCT, "qty": 1}]
    with server.client(server.token("group_buy")) as client:
        [refused, placed] = _batch(
            client,
            {"idempotency_key": "both", "lines": both},
            {"idempotency_key": "one", "lines": [{"product_id": PRODUCT, "qty": 2}]},
        )
    assert refused["status"] == 409 and refused["problem"]["product_id"] == OTHER
    assert placed["status"] == 201
    after = level(server, "WH01", PRODUCT), level(server, "WH01", OTHER)
    assert after == ((before[0][0], before[0][1] + 2), before[1])
    assert ledger_balances(server)


def test_units_of_an_expired_hold_go_to_the_batch(server: Server) -> None:
    warehouse = server.location_id("WH01")
    set_available(server.db, warehouse, PRODUCT, 1)
    counter = server.enroll("S001")
    hold = new_id()
    [held] = push(
        server,
        counter,
        op("reservation.create", {"reservation_id": hold, "lines": _lines()["lines"]}),
    )
    assert held["status"] == "applied", held
    with server.db.write() as session:
        session.execute(
            update(Reservation)
            .where(Reservation.id == hold)
            .values(expires_at=utcnow() - timedelta(hours=1))
        )
    with server.client(server.token("group_buy")) as client:
        [result] = _batch(client, _order("late"))
    assert result["status"] == 201, result
    with server.db.read() as session:
        assert session.get(Reservation, hold).status == "expired"  # type: ignore[union-attr]
    assert ledger_balances(server)


def test_bad_batches_are_refused_whole_and_hold_nothing(server: Server) -> None:
    set_available(server.db, server.location_id("WH01"), PRODUCT, 10)
    before = level(server, "WH01", PRODUCT)
    too_many = [_order(f"k{i}") for i in range(501)]
    with server.client(server.token("group_buy")) as client:
        # No orders; more than 500; an order without its key; an empty key; a key over
        # 128 characters; a string quantity; an unknown field.
        for body in (
            {"orders": []},
            {"orders": too_many},
            {"orders": [_lines()]},
            {"orders": [_order("")]},
            {"orders": [_order("k" * 129)]},
            {"orders": [{"idempotency_key": "x", "lines": [{"product_id": PRODUCT, "qty": "1"}]}]},
            {"orders": [_order("x", note="hi")]},
        ):
            assert_problem(client.post(BATCH, json=body), 422, "validation_error")
    with server.client(server.enroll("S001")) as till:
        assert_problem(till.post(BATCH, json={"orders": [_order("x")]}), 403, "forbidden")
    assert level(server, "WH01", PRODUCT) == before


@pytest.fixture
def contended(server: Server, db_url: str) -> Iterator[Server]:
    """SQLite: the embedded server. PostgreSQL: `warehouse-api serve --workers 2`."""
    if db_url.startswith("sqlite"):
        yield server
        return
    with serve_in_subprocess(db_url, workers=2, timeout_s=30) as url:
        yield Server(url, db_url, server.db, server.embedded)


@pytest.mark.slow
def test_batches_and_single_orders_racing_for_the_last_units(contended: Server) -> None:
    server = contended
    units = 40
    set_available(server.db, server.location_id("WH01"), PRODUCT, units)
    before = level(server, "WH01", PRODUCT)
    channel = server.token("group_buy")
    # 12 batches of 10 orders, 4 of them sent twice at once (the same keys racing),
    # 30 orders alone and 20 pickups pushed by a store's till: 170 orders for 40 units.
    batches = [[_order(f"b{b}-{i}") for i in range(10)] for b in range(12)]
    jobs: list[tuple[str, Any]] = [("batch", orders) for orders in batches]
    jobs += [("batch", batches[b]) for b in range(4)]
    jobs += [("alone", f"alone-{i}") for i in range(30)]
    jobs += [("store", f"store-{i}") for i in range(20)]  # tills reserving for pickup
    till = server.enroll("S002")
    barrier = threading.Barrier(len(jobs))

    def run(job: tuple[str, Any]) -> list[tuple[str, int, str]]:
        kind, what = job
        with server.client(till if kind == "store" else channel) as client:
            barrier.wait()
            if kind == "store":
                pickup = op("reservation.create", {"reservation_id": new_id(), **_lines()})
                response = client.post("/sync/push", json={"ops": [pickup]})
                [result] = response.json()["results"]
                if result["status"] == "applied":
                    return [(what, 201, "")]
                return [(what, 409, result["problem"]["code"])]
            if kind == "alone":
                response = client.post(
                    "/group-buy/orders", json=_lines(), headers={"Idempotency-Key": what}
                )
                body = response.json()
                return [(what, response.status_code, body.get("code", ""))]
            response = client.post(BATCH, json={"orders": what})
            assert response.status_code == 200, response.text
            return [
                (r["idempotency_key"], r["status"], r.get("problem", {}).get("code", ""))
                for r in response.json()["results"]
            ]

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        answers = [answer for answers in pool.map(run, jobs) for answer in answers]

    placed = {key for key, status, _code in answers if status == 201}
    tally = Counter(status for _key, status, _code in answers)
    assert len(placed) == units, tally
    assert tally[201] == units, tally  # no key placed twice
    refusals = {code for _key, status, code in answers if status not in (200, 201)}
    assert refusals == {"insufficient_stock"}, tally
    # A replay (200) only ever answers a key that was placed.
    assert {key for key, status, _code in answers if status == 200} <= placed
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + units)
    with server.db.read() as session:
        keys = session.scalars(
            select(Reservation.idempotency_key).where(Reservation.kind == "group_buy")
        ).all()
    channel_placed = sorted(key for key in placed if not key.startswith("store-"))
    assert sorted(str(key).split(":", 1)[1] for key in keys) == channel_placed  # exactly once
    assert ledger_balances(server)


def test_a_batch_keeps_the_channels_prices_and_refuses_store_pickup_orders(
    server: Server,
) -> None:
    """Unit prices sent in a batch are stored like the single route's (the price report
    reads them); an order collected at a store cannot ride in a batch: 422
    `store_pickup_not_batched`, and nothing of that batch is placed."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 5)
    priced = _order("priced-1")
    priced["lines"][0]["unit_price_cents"] = 9900
    with server.client(server.token("group_buy")) as client:
        [result] = _batch(client, priced)
        refused = client.post(
            BATCH, json={"orders": [_order("ok-2"), _order("store-3", pickup_store_code="S001")]}
        )
        [later] = _batch(client, _order("ok-2", 2))
    assert result["status"] == 201
    with server.db.read() as session:
        price = session.scalar(
            select(ReservationLine.unit_price_cents).where(
                ReservationLine.reservation_id == result["order"]["reservation_id"]
            )
        )
    assert price == 9900
    assert_problem(refused, 422, "store_pickup_not_batched")
    assert later["status"] == 201  # "ok-2" of the refused batch was never placed
