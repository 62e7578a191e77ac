"""Contention against a real server: threads on one side, uvicorn (2 workers on PostgreSQL)."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from server_testkit import Server, level, new_id, op, set_available

from warehouse_api.db import Database
from warehouse_api.services.change_feed import assign_pending_seqs, ensure_feed_state, read_changes
from warehouse_api.services.inventory import adjust_stock

pytestmark = pytest.mark.slow
PRODUCT = 21
LAST_UNITS = 50


def test_100_clients_race_for_the_last_50_units(contended: Server) -> None:
    server = contended
    warehouse = server.location_id("WH01")
    set_available(server.db, warehouse, PRODUCT, LAST_UNITS)
    on_hand_before, reserved_before = level(server, "WH01", PRODUCT)
    counters = [server.enroll(code) for code in ("S001", "S002", "S003")]
    channel = server.token("group_buy")

    def reserve_at_store(index: int) -> tuple[int, str]:
        token = counters[index % 3]
        with server.client(token) as client:
            response = client.post(
                "/sync/push",
                json={
                    "ops": [
                        op(
                            "reservation.create",
                            {
                                "reservation_id": new_id(),
                                "lines": [{"product_id": PRODUCT, "qty": 1}],
                            },
                        )
                    ]
                },
            )
        if response.status_code != 200:
            return response.status_code, response.text
        [result] = response.json()["results"]
        return 200, result["status"] if result["status"] == "applied" else result["problem"]["code"]

    def order_for_group_buy(_index: int) -> tuple[int, str]:
        with server.client(channel) as client:
            response = client.post(
                "/group-buy/orders",
                headers={"Idempotency-Key": new_id()},
                json={"lines": [{"product_id": PRODUCT, "qty": 1}]},
            )
        if response.status_code == 201:
            return 200, "applied"
        return response.status_code, response.json().get("code", response.text)

    jobs = [(reserve_at_store, i) for i in range(80)] + [
        (order_for_group_buy, i) for i in range(40)
    ]
    random.Random(5).shuffle(jobs)
    barrier = threading.Barrier(len(jobs))

    def run(job: tuple[Any, int]) -> tuple[int, str]:
        barrier.wait()
        return job[0](job[1])

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        outcomes = list(pool.map(run, jobs))

    tally = Counter(outcome for _status, outcome in outcomes)
    assert not [o for o in outcomes if o[0] >= 500], outcomes
    assert tally == {"applied": LAST_UNITS, "insufficient_stock": len(jobs) - LAST_UNITS}, tally
    assert level(server, "WH01", PRODUCT) == (on_hand_before, reserved_before + LAST_UNITS)
    from server_testkit import ledger_balances

    assert ledger_balances(server)


def test_multi_line_orders_in_opposite_line_orders_do_not_deadlock(contended: Server) -> None:
    server = contended
    products = [31, 32, 33, 34]
    warehouse = server.location_id("WH01")
    for product_id in products:
        set_available(server.db, warehouse, product_id, 500)
    channel = server.token("group_buy")
    counter = server.enroll("S001")
    rng = random.Random(11)

    def place(index: int) -> int:
        lines = [{"product_id": p, "qty": 1} for p in rng.sample(products, k=3)]
        if index % 2:
            with server.client(channel) as client:
                return client.post(
                    "/group-buy/orders",
                    headers={"Idempotency-Key": new_id()},
                    json={"lines": lines},
                ).status_code
        with server.client(counter) as client:
            response = client.post(
                "/sync/push",
                json={
                    "ops": [
                        op("reservation.create", {"reservation_id": new_id(), "lines": lines[::-1]})
                    ]
                },
            )
            assert response.json()["results"][0]["status"] == "applied", response.text
            return 201

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(place, range(120)))
    assert statuses == [201] * 120
    held = sum(level(server, "WH01", p)[1] for p in products)
    assert held == 120 * 3


@pytest.mark.postgres
def test_a_change_committed_late_is_not_skipped_by_pull(postgres_url: str) -> None:
    # PostgreSQL only: SQLite never has two writers in flight.
    db = Database.from_url(postgres_url)
    try:
        with db.read() as session, session.begin():
            cursor = read_changes(session, 0, 100_000, None, True).cursor

        second_done = threading.Event()

        def second_writer() -> None:
            with db.write() as session:
                adjust_stock(
                    session, 1, 2, on_hand_delta=1, reason="receipt", reference="B", device_id=None
                )
            second_done.set()

        thread = threading.Thread(target=second_writer)
        with db.write() as first:
            adjust_stock(
                first, 1, 1, on_hand_delta=1, reason="receipt", reference="A", device_id=None
            )
            assign_pending_seqs(first)  # A's seq is taken; A has not committed yet
            thread.start()
            time.sleep(0.5)
            assert not second_done.is_set(), "B must wait for A: its seq comes after A's"
            with db.read() as session, session.begin():
                midway = read_changes(session, cursor, 1000, None, True)
            assert midway.changes == []
        thread.join(10)
        assert second_done.is_set()
        with db.read() as session, session.begin():
            page = read_changes(session, midway.cursor, 1000, None, True)
        ids = [change["id"] for change in page.changes]
        assert ids == ["1:1", "1:2"]
    finally:
        db.dispose()


def test_cancel_and_ship_racing_on_one_pickup_never_both_win(contended: Server) -> None:
    server = contended
    counter = server.enroll("S002")
    operator = server.token("operator")
    created = []
    with server.client(counter) as client:
        for _ in range(15):
            response = client.post(
                "/sync/push",
                json={
                    "ops": [
                        op(
                            "reservation.create",
                            {
                                "reservation_id": new_id(),
                                "lines": [
                                    {"product_id": 41, "qty": 1},
                                    {"product_id": 42, "qty": 1},
                                ],
                            },
                        )
                    ]
                },
            )
            [result] = response.json()["results"]
            assert result["status"] == "applied", result
            created.append(result["result"])
    before = (level(server, "WH01", 41), level(server, "WH01", 42))

    def cancel(reservation: dict[str, Any]) -> str:
        with server.client(counter) as client:
            response = client.post(
                "/sync/push",
                json={
                    "ops": [
                        op("reservation.cancel", {"reservation_id": reservation["reservation_id"]})
                    ]
                },
            )
        [result] = response.json()["results"]
        return "cancelled" if result["status"] == "applied" else result["problem"]["code"]

    def ship(reservation: dict[str, Any]) -> str:
        with server.client(operator) as client:
            response = client.post(
                f"/operator/transfers/{reservation['transfer_id']}/ship", json={}
            )
        return "shipped" if response.status_code == 200 else response.json()["code"]

    jobs = [(cancel, r) for r in created] + [(ship, r) for r in created]
    random.Random(3).shuffle(jobs)
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        outcomes = list(pool.map(lambda job: job[0](job[1]), jobs))

    tally = Counter(outcomes)
    assert tally["cancelled"] + tally["shipped"] == len(created), tally
    assert tally["invalid_transition"] == len(created), tally
    cancelled, shipped = tally["cancelled"], tally["shipped"]
    # Cancelled holds went back; shipped ones left the warehouse.
    for index, product_id in enumerate((41, 42)):
        on_hand, reserved = before[index]
        assert level(server, "WH01", product_id) == (
            on_hand - shipped,
            reserved - cancelled - shipped,
        )
    from server_testkit import ledger_balances

    assert ledger_balances(server)


@pytest.mark.postgres
def test_a_write_whose_feed_changes_cannot_be_written_commits_nothing(postgres_url: str) -> None:
    """On PostgreSQL the feed's rows and the COMMIT go out in one round trip: a feed
    write that fails (here: no feed_state row, so no head to number the changes from)
    must fail before the COMMIT, as SQLAlchemy's IntegrityError, leaving nothing."""
    from sqlalchemy import delete, func, select
    from sqlalchemy.exc import IntegrityError

    from warehouse_api.models import FeedState, StockMovement

    db = Database.from_url(postgres_url)
    try:
        with db.read() as session:
            movements = session.scalar(select(func.count()).select_from(StockMovement))
        with db.write() as session:
            session.execute(delete(FeedState))
        with pytest.raises(IntegrityError), db.write() as session:
            adjust_stock(
                session, 1, 1, on_hand_delta=5, reason="receipt", reference="X", device_id=None
            )
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(StockMovement)) == movements
        with db.write() as session:
            ensure_feed_state(session)
        with db.write() as session:  # and the next write goes through again
            adjust_stock(
                session, 1, 1, on_hand_delta=5, reason="receipt", reference="Y", device_id=None
            )
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(StockMovement)) == movements + 1
    finally:
        db.dispose()


def test_one_order_sent_many_times_at_once_for_the_last_unit_is_placed_once(
    contended: Server,
) -> None:
    """A channel whose client retries while its first try runs (a timeout on its side):
    the same Idempotency-Key and body 16 times at once, for the last unit. One order is
    placed; every other answer is that order again (200, Idempotent-Replayed), never a
    refusal for want of the unit it holds itself. The same key with another body at the
    same time is refused as a reused key."""
    server = contended
    warehouse = server.location_id("WH01")
    set_available(server.db, warehouse, PRODUCT, 1)
    on_hand_before, reserved_before = level(server, "WH01", PRODUCT)
    channel = server.token("group_buy")
    key = new_id()
    body = {"lines": [{"product_id": PRODUCT, "qty": 1}], "customer_name": "陳小姐"}
    other_body = {"lines": [{"product_id": PRODUCT, "qty": 1}], "customer_name": "林先生"}
    jobs = [body] * 16 + [other_body] * 2
    random.Random(7).shuffle(jobs)
    barrier = threading.Barrier(len(jobs))

    def send(sent: dict[str, Any]) -> tuple[str, int, str, str | None]:
        with server.client(channel) as client:
            barrier.wait()
            response = client.post("/group-buy/orders", headers={"Idempotency-Key": key}, json=sent)
        answer = response.json()
        said = answer["reservation_id"] if response.status_code in (200, 201) else answer["code"]
        return (
            sent["customer_name"],
            response.status_code,
            said,
            response.headers.get("Idempotent-Replayed"),
        )

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        answers = list(pool.map(send, jobs))

    [(winner, _, order_id, _)] = [a for a in answers if a[1] == 201]
    for name, status, said, replayed in answers:
        if name == winner and status != 201:  # the same request again: the same order
            assert (status, said, replayed) == (200, order_id, "true"), answers
        elif name != winner:  # the key with another body
            assert said == "idempotency_key_reused" and status in (409, 422), answers
    assert level(server, "WH01", PRODUCT) == (on_hand_before, reserved_before + 1)
    from server_testkit import ledger_balances

    assert ledger_balances(server)
