"""Races and ownership rules the warehouse must hold under concurrency, on both backends.

An enrollment code works exactly once however many tills redeem it at the same moment;
concurrent stock counts with the same expectation apply exactly once; a counter (token,
enrollment code) belongs to a store and nowhere else.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from server_testkit import Server, assert_problem, ledger_balances, level, new_id, op
from sqlalchemy import func, select

from warehouse_api.embedded import issue_enrollment_code
from warehouse_api.models import Device

RACERS = 8
PRODUCT = 23
COUNT_ROUNDS = 10


def _race(server: Server, send: Any) -> list[httpx.Response]:
    """Run `send(client)` on RACERS threads released together, one client each."""
    start = threading.Barrier(RACERS)

    def one(_: int) -> httpx.Response:
        with httpx.Client(base_url=f"{server.url}/api/v1", timeout=60) as client:
            client.get("/health")  # connect before the barrier, so the sends coincide
            start.wait()
            response: httpx.Response = send(client)
            return response

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        return list(pool.map(one, range(RACERS)))


def test_one_enrollment_code_redeemed_by_eight_tills_at_once_gives_one_token(
    server: Server,
) -> None:
    for _round in range(3):
        code = issue_enrollment_code(server.db_url, "S001")
        responses = _race(
            server,
            lambda client, code=code: client.post(
                "/devices/enroll", json={"code": code, "device_name": "racing till"}
            ),
        )
        winners = [r for r in responses if r.status_code == 200]
        assert len(winners) == 1, [r.text for r in responses]
        for loser in (r for r in responses if r.status_code != 200):
            assert_problem(loser, 409, "enrollment_code_used")
        with server.client(winners[0].json()["token"]) as client:
            assert client.get("/sync/pull", params={"limit": 1}).status_code == 200
    with server.db.read() as session:
        devices = session.scalar(
            select(func.count()).select_from(Device).where(Device.role == "counter")
        )
    assert devices == 3  # the losers left no device behind


def test_concurrent_counts_with_one_expectation_apply_exactly_once(server: Server) -> None:
    token = server.enroll("S002")
    for round_no in range(COUNT_ROUNDS):
        on_hand, _ = level(server, "S002", PRODUCT)
        counted = [on_hand + 1 + i for i in range(RACERS)]
        bodies = iter([_count_body(on_hand, n) for n in counted])
        lock = threading.Lock()

        def send(client: httpx.Client, bodies: Any = bodies, lock: Any = lock) -> httpx.Response:
            with lock:
                body = next(bodies)
            auth = {"Authorization": f"Bearer {token}"}
            return client.post("/sync/push", json=body, headers=auth)

        responses = _race(server, send)
        assert all(r.status_code == 200 for r in responses), [r.text for r in responses]
        results = [r.json()["results"][0] for r in responses]
        applied = [r for r in results if r["status"] == "applied"]
        assert len(applied) == 1, (round_no, results)
        assert all(
            r["status"] == "rejected" and r["problem"]["code"] == "count_conflict"
            for r in results
            if r["status"] != "applied"
        )
        [adjustment] = applied[0]["result"]["adjustments"]
        assert adjustment["on_hand"] in counted
        # The figure left is one somebody counted, not two deltas stacked.
        assert level(server, "S002", PRODUCT)[0] == adjustment["on_hand"]
    assert ledger_balances(server)


def _count_body(expected: int, counted: int) -> dict[str, Any]:
    line = {"product_id": PRODUCT, "expected_on_hand": expected, "counted": counted}
    return {"ops": [op("stock_count", {"count_id": new_id(), "lines": [line]})]}


def test_a_count_naming_one_product_twice_is_refused(server: Server) -> None:
    token = server.enroll("S002")
    on_hand, _ = level(server, "S002", PRODUCT)
    line = {"product_id": PRODUCT, "expected_on_hand": on_hand, "counted": on_hand + 1}
    with server.client(token) as client:
        response = client.post(
            "/sync/push",
            json={"ops": [op("stock_count", {"count_id": new_id(), "lines": [line, line]})]},
        )
    [result] = response.json()["results"]
    assert result["status"] == "rejected"
    assert result["problem"]["code"] == "count_duplicate_product"
    assert level(server, "S002", PRODUCT)[0] == on_hand


def test_a_counter_token_or_code_is_refused_for_a_location_that_is_not_a_store(
    server: Server,
) -> None:
    admin = server.token("admin")
    with server.client(admin) as client:
        kinds = {loc["code"]: loc["kind"] for loc in client.get("/admin/locations").json()}
        not_stores = [code for code, kind in kinds.items() if kind != "store"]
        assert "WH01" in not_stores
        for code in not_stores:
            token = client.post(
                "/admin/tokens", json={"name": "till", "role": "counter", "location_code": code}
            )
            assert_problem(token, 422, "not_a_store")
            enrollment = client.post("/admin/enrollment-codes", json={"store_code": code})
            assert_problem(enrollment, 422, "not_a_store")
        store = client.post(
            "/admin/tokens", json={"name": "till", "role": "counter", "location_code": "S001"}
        )
        assert store.status_code == 201, store.text
        # Other roles may still sit at the warehouse.
        operator = client.post(
            "/admin/tokens", json={"name": "wh", "role": "operator", "location_code": "WH01"}
        )
        assert operator.status_code == 201, operator.text
    with server.client(admin) as client:
        devices = client.get("/admin/devices").json()
    warehouse_id = server.location_id("WH01")
    assert not [d for d in devices if d["role"] == "counter" and d["location_id"] == warehouse_id]
