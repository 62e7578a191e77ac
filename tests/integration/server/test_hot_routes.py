"""`POST /sync/push` and `POST /group-buy/orders` served outside the framework
(warehouse_api/hot_routes.py): the same answers as the routes, everything unusual
answered by the routes themselves, and orders arriving together judged together with
never more sold than is available."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import FrameType
from typing import Any

import httpx
from server_testkit import (
    Server,
    assert_problem,
    ledger_balances,
    level,
    new_id,
    op,
    push,
    sale_op,
    set_available,
)
from sqlalchemy import event, select, update

from warehouse_api.hot_routes import HotRouteCounts
from warehouse_api.models import Device, FeedState, Reservation, utcnow
from warehouse_api.services.devices import authenticate

PRODUCT = 23
ORDERS = "/group-buy/orders"


def _counts(server: Server) -> HotRouteCounts:
    counts: HotRouteCounts = server.embedded.app_state.hot_routes
    return counts


def _order(client: httpx.Client, key: str, qty: int = 1, **extra: Any) -> httpx.Response:
    body = {"lines": [{"product_id": PRODUCT, "qty": qty}], **extra}
    return client.post(ORDERS, json=body, headers={"Idempotency-Key": key})


def test_a_known_device_is_served_the_routes_own_answers(server: Server) -> None:
    set_available(server.db, server.location_id("WH01"), PRODUCT, 5)
    counts = _counts(server)
    with server.client(server.token("group_buy")) as client:
        # The token's first request: looked up here (and this worker remembers it).
        first = _order(client, "first", customer_phone="0912345678")
        assert first.status_code == 201, first.text
        passed, served = counts.passed, counts.served
        second = _order(client, "second", customer_phone="0912345678")
        replay = _order(client, "first", customer_phone="0912345678")
        reused = _order(client, "first", qty=2)
        assert counts.served == served + 3 and counts.passed == passed
    assert second.status_code == 201, second.text
    assert set(second.json()) == set(first.json())
    expected = {
        k: v
        for k, v in first.json().items()
        if k not in ("reservation_id", "created_at", "updated_at")
    }
    assert {k: v for k, v in second.json().items() if k in expected} == expected
    assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert_problem(reused, 409, "idempotency_key_reused")
    assert level(server, "WH01", PRODUCT)[1] >= 2


def test_a_push_is_answered_as_the_route_answers_it(server: Server) -> None:
    set_available(server.db, server.location_id("WH01"), PRODUCT, 0)
    counts = _counts(server)
    reservation = op(
        "reservation.create",
        {"reservation_id": new_id(), "lines": [{"product_id": PRODUCT, "qty": 1}]},
    )
    with server.client(server.token("counter", "S001")) as client:
        client.get("/sync/pull?cursor=0&limit=1").raise_for_status()  # the token is known
        served = counts.served
        refused = client.post("/sync/push", json={"ops": [reservation]})
        empty = client.post("/sync/push", json={"ops": []})
        assert counts.served == served + 2
    assert refused.status_code == 200 and refused.headers["content-type"] == "application/json"
    [result] = refused.json()["results"]
    assert result["status"] == "rejected" and result["problem"]["code"] == "insufficient_stock"
    assert empty.json() == {"results": []}


def test_what_the_intake_does_not_take_the_routes_answer(server: Server) -> None:
    """Each of these is passed on to FastAPI, which answers it precisely."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 5)
    counts = _counts(server)
    till = server.token("counter", "S001")
    with server.client(server.token("group_buy")) as client:
        assert _order(client, "warm").status_code == 201  # the token is known from here on
        served = counts.served
        no_key = client.post(ORDERS, json={"lines": [{"product_id": PRODUCT, "qty": 1}]})
        negative = _order(client, "negative", qty=-1)
        nul = _order(client, "nul", customer_name="a\x00b")
        broken = client.post(
            ORDERS,
            content=b'{"lines": [',
            headers={"Idempotency-Key": "broken", "Content-Type": "application/json"},
        )
        not_json = client.post(ORDERS, content=b"lines=1", headers={"Idempotency-Key": "form"})
        long_key = _order(client, "k" * 129)
        pickup = _order(client, "pickup", pickup_store_code="S001")
        query = client.post(
            f"{ORDERS}?x=1",
            json={"lines": [{"product_id": PRODUCT, "qty": 1}]},
            headers={"Idempotency-Key": "query"},
        )
        assert counts.served == served  # none of them was served by the intake
    assert_problem(no_key, 422, "validation_error")
    assert_problem(negative, 422, "validation_error")
    assert_problem(nul, 422, "validation_error")
    assert broken.status_code in (400, 422) and "Traceback" not in broken.text
    assert not_json.status_code in (400, 415, 422) and "Traceback" not in not_json.text
    assert_problem(long_key, 422, "validation_error")
    assert pickup.status_code == 201 and pickup.json()["pickup_store_code"] == "S001"
    assert query.status_code == 201  # the route ignores an unknown query parameter
    with server.client(till) as client:
        client.get("/sync/pull?cursor=0&limit=1").raise_for_status()
        assert_problem(_order(client, "till"), 403, "forbidden")
    with server.client("not-a-token") as client:
        assert_problem(_order(client, "stranger"), 401, "unauthorized")
    assert ledger_balances(server)


def test_orders_arriving_together_never_sell_more_than_is_there(server: Server) -> None:
    """40 buyers at once for 10 units: exactly 10 placed, the rest refused with
    insufficient_stock, orders judged in rounds of more than one."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 10)
    counts = _counts(server)
    token = server.token("group_buy")
    with server.client(token) as client:
        assert _order(client, "warm", qty=1).status_code == 201
    set_available(server.db, server.location_id("WH01"), PRODUCT, 10)
    start = threading.Barrier(40)

    def buyer(index: int) -> str:
        with server.client(token) as client:
            start.wait()
            response = _order(client, f"buyer-{index}")
        if response.status_code == 201:
            return "placed"
        return f"{response.status_code}:{response.json()['code']}"

    rounds = counts.order_rounds
    with ThreadPoolExecutor(40) as pool:
        outcomes = Counter(pool.map(buyer, range(40)))
    assert outcomes == {"placed": 10, "409:insufficient_stock": 30}
    assert counts.order_rounds - rounds < 40 and counts.largest_round > 1
    assert ledger_balances(server)
    with server.db.read() as session:
        placed = session.scalars(
            select(Reservation.idempotency_key).where(Reservation.idempotency_key.like("%:buyer-%"))
        ).all()
    assert len(placed) == 10


def test_a_batch_keeps_the_customer_s_phone(server: Server) -> None:
    """It was left out of the batch's insert (the desk finds an order by its phone)."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 5)
    with server.client(server.token("group_buy")) as client:
        response = client.post(
            f"{ORDERS}:batch",
            json={
                "orders": [
                    {
                        "idempotency_key": "phone",
                        "lines": [{"product_id": PRODUCT, "qty": 1}],
                        "customer_phone": "0912345678",
                    }
                ]
            },
        )
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    with server.db.read() as session:
        order = session.get(Reservation, result["order"]["reservation_id"])
        assert order is not None and order.customer_phone == "0912345678"


def _pickup(reservation_id: str | None = None, qty: int = 1) -> dict[str, Any]:
    payload = {
        "reservation_id": reservation_id or new_id(),
        "lines": [{"product_id": PRODUCT, "qty": qty}],
    }
    return op("reservation.create", payload)


def test_stores_and_the_channel_racing_for_the_last_units(server: Server) -> None:
    """Three stores' tills pushing pickups alone and the channel ordering, all at once,
    for 10 units: exactly 10 held. After the sell-out the holds arriving together are
    refused by their round's one read, with the problem each would have got alone; a
    placed pickup pushed again in such a round is a duplicate with its first result."""
    warehouse = server.location_id("WH01")
    channel = server.token("group_buy")
    tills = [server.token("counter", code) for code in ("S001", "S002", "S003")]
    with server.client(channel) as client:
        assert _order(client, "warm").status_code == 201  # the tokens are known from here on
    for till in tills:
        with server.client(till) as client:
            client.get("/sync/pull?cursor=0&limit=1").raise_for_status()
    counts = _counts(server)

    def race(wave: str, buyers: int, ops: dict[int, dict[str, Any]]) -> Counter[str]:
        start = threading.Barrier(buyers)

        def buyer(index: int) -> str:
            is_channel = index % 2 == 0
            with server.client(channel if is_channel else tills[index % 3]) as client:
                start.wait()
                if is_channel:
                    response = _order(client, f"{wave}-{index}")
                    if response.status_code == 201:
                        return "placed"
                    return f"{response.status_code}:{response.json()['code']}"
                pushed = ops.setdefault(index, _pickup())
                response = client.post("/sync/push", json={"ops": [pushed]})
            assert response.status_code == 200, response.text
            [result] = response.json()["results"]
            ops[index] = {**pushed, "result": result}
            if result["status"] == "applied":
                return "placed"
            if result["status"] == "duplicate":
                return "duplicate"
            return f"409:{result['problem']['code']}"

        with ThreadPoolExecutor(buyers) as pool:
            return Counter(pool.map(buyer, range(buyers)))

    set_available(server.db, warehouse, PRODUCT, 11)
    with server.client(tills[1]) as client:
        kept = _pickup()
        [alone] = client.post("/sync/push", json={"ops": [kept]}).json()["results"]
    assert alone["status"] == "applied"
    first: dict[int, dict[str, Any]] = {}
    assert race("first", 40, first) == {"placed": 10, "409:insufficient_stock": 30}

    second: dict[int, dict[str, Any]] = {1: kept}  # pushed again by the same till
    assert race("second", 40, second) == {"duplicate": 1, "409:insufficient_stock": 39}
    assert second[1]["result"] == {**alone, "status": "duplicate"}
    # A round holding the replay is left to each hold's own way, so whether the second
    # wave was refused together depends on how its requests fell into rounds; a wave
    # without a replay is, in every round of two or more.
    refused_together = counts.refused_together
    third: dict[int, dict[str, Any]] = {}
    assert race("third", 40, third) == {"409:insufficient_stock": 40}
    assert counts.refused_together > refused_together  # rounds judged by their one read
    with server.client(tills[0]) as client:
        [lone] = client.post("/sync/push", json={"ops": [_pickup()]}).json()["results"]
    refused = [pushed["result"]["problem"] for i, pushed in second.items() if i != 1]
    refused += [pushed["result"]["problem"] for pushed in third.values()]
    assert refused and all(problem == lone["problem"] for problem in refused)
    assert level(server, "WH01", PRODUCT)[1] >= 11
    assert ledger_balances(server)
    pickups = [pushed["payload"]["reservation_id"] for pushed in first.values()]
    applied = sum(1 for pushed in first.values() if pushed["result"]["status"] == "applied")
    with server.db.read() as session:
        held = session.scalars(select(Reservation.id).where(Reservation.id.in_(pickups))).all()
    assert len(held) == applied


def test_a_token_new_to_the_worker_is_looked_up_once_for_the_requests_carrying_it(
    server: Server,
) -> None:
    """The first requests of a token this worker does not remember (a flash sale's
    clients starting together; every till after a device is issued or revoked) are
    served here after ONE look-up of the token, however many arrive together. They used
    to go through FastAPI, one look-up each. An unknown token and a role the route does
    not take still get FastAPI's precise 401 and 403."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 100)
    counts = _counts(server)
    engine = server.embedded.app_state.db.engine
    lookups: list[str] = []

    def count_lookups(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "token_sha256" in statement and "devices" in statement:
            lookups.append(statement)

    channel = server.token("group_buy")
    event.listen(engine, "before_cursor_execute", count_lookups)
    try:
        served, passed = counts.served, counts.passed
        start = threading.Barrier(12)

        def order(index: int) -> int:
            with server.client(channel) as client:
                start.wait()
                return _order(client, f"together-{index}").status_code

        with ThreadPoolExecutor(12) as pool:
            assert list(pool.map(order, range(12))) == [201] * 12
        assert (counts.served - served, counts.passed - passed) == (12, 0)
        assert 1 <= len(lookups) <= 2  # one; two if a revocation recheck fell between
    finally:
        event.remove(engine, "before_cursor_execute", count_lookups)
    with server.client("not-a-token") as client:
        assert_problem(_order(client, "stranger"), 401, "unauthorized")
    with server.client(server.token("counter", "S001")) as client:
        assert_problem(_order(client, "till"), 403, "forbidden")
        pushed = client.post("/sync/push", json={"ops": [_pickup()]})
        assert pushed.status_code == 200, pushed.text
    assert counts.passed - passed == 2  # the stranger and the till's order
    assert ledger_balances(server)


def test_a_due_recheck_keeps_requests_here_and_a_revocation_still_bites(server: Server) -> None:
    """When the token cache's recheck for revocations is due, the first request asks and
    the others arriving meanwhile wait for it, then are served here (they used to go
    to FastAPI until one of them had asked). A revocation written by another process
    is refused within the recheck interval, on these routes too."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 0)
    till = server.enroll("S001")
    counts = _counts(server)
    with server.client(till) as client:
        client.get("/sync/pull?cursor=0&limit=1").raise_for_status()  # the token is known
        time.sleep(1.1)  # token_recheck_seconds (1 s) is up: a recheck is due
        served, passed = counts.served, counts.passed

        def pickup(_index: int) -> int:
            return client.post("/sync/push", json={"ops": [_pickup()]}).status_code

        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(pickup, range(8))) == {200}
        assert (counts.served - served, counts.passed - passed) == (8, 0)
        with server.db.write() as session:  # as another process revokes it
            device = authenticate(session, till)
            assert device is not None
            session.execute(
                update(Device).where(Device.id == device.id).values(revoked_at=utcnow())
            )
        deadline = time.monotonic() + 4.0  # the interval, and a margin for a loaded machine
        refused = None
        while time.monotonic() < deadline:
            response = client.post("/sync/push", json={"ops": [_pickup()]})
            if response.status_code == 401:
                refused = response
                break
            assert response.status_code == 200
            time.sleep(0.05)
    assert refused is not None, "the revoked token still worked"
    assert_problem(refused, 401, "unauthorized")


def test_a_pull_is_served_the_route_s_own_page(server: Server) -> None:
    """`GET /sync/pull` with plainly given parameters is served here, byte for byte the
    page the route gives; a parameter the route would refuse or does not know, and an
    unknown token, are the route's to answer."""
    till = server.token("counter", "S001")
    push(server, till, sale_op(PRODUCT, 2))
    counts = _counts(server)
    queries = ["", "?cursor=0&limit=50", "?limit=3&cursor=0&rebuild=true", "?cursor=2&rebuild=0"]
    with server.client(till) as client:
        served, passed = counts.served, counts.passed
        here = [client.get(f"/sync/pull{query}") for query in queries]
        assert (counts.served - served, counts.passed - passed) == (len(queries), 0)
        app_state = server.embedded.app_state
        settings = app_state.settings
        app_state.settings = settings.model_copy(update={"hot_routes": False})
        try:
            framework = [client.get(f"/sync/pull{query}") for query in queries]
        finally:
            app_state.settings = settings
        assert (counts.served - served, counts.passed - passed) == (len(queries), 0)
        for mine, theirs in zip(here, framework, strict=True):
            assert mine.status_code == theirs.status_code == 200, mine.text
            assert mine.headers["content-type"] == theirs.headers["content-type"]
            assert mine.json() == theirs.json()
        assert any(change["entity"] == "sale" for change in here[0].json()["changes"])
        assert len(here[2].json()["changes"]) <= 3
        served, passed = counts.served, counts.passed
        refused = {
            query: client.get(f"/sync/pull{query}")
            for query in (
                "?cursor=-1",
                "?cursor=4611686018427387905",  # 2**62 + 1
                "?limit=0",
                "?limit=5001",
                "?limit=abc",
                "?rebuild=maybe",
            )
        }
        unknown = client.get("/sync/pull?cursor=0&limit=5&x=1")
        repeated = client.get("/sync/pull?cursor=0&cursor=1")
        assert (counts.served - served, counts.passed - passed) == (0, 8)
    for query, response in refused.items():
        assert_problem(response, 422, "validation_error"), query
    assert unknown.status_code == 200 and len(unknown.json()["changes"]) <= 5
    assert repeated.status_code == 200
    with server.client("not-a-token") as client:
        assert_problem(client.get("/sync/pull?cursor=0"), 401, "unauthorized")
    # The token read as the framework reads it: spaces around it do not make it unknown.
    spaced = {"Authorization": f"Bearer  {till}"}
    with httpx.Client(base_url=f"{server.url}/api/v1", headers=spaced, timeout=30) as client:
        served = counts.served
        assert client.get("/sync/pull?cursor=0&limit=1").status_code == 200
        assert client.post("/sync/push", json={"ops": []}).json() == {"results": []}
        assert counts.served == served + 2


def _threads_in(function_name: str) -> int:
    """Threads of this process whose stack is inside a function of that name (the
    embedded server runs in this process)."""
    found = 0
    for frame in sys._current_frames().values():
        walking: FrameType | None = frame
        while walking is not None:
            if walking.f_code.co_name == function_name:
                found += 1
                break
            walking = walking.f_back
    return found


def _hold_writes(server: Server) -> Callable[[], None]:
    """Hold up every write (the feed's sequence row, which each write takes: on
    PostgreSQL its row lock, on SQLite the database's write lock) until the returned
    function is called."""
    connection = server.db.engine.connect()
    transaction = connection.begin()
    connection.execute(update(FeedState).values(last_seq=FeedState.last_seq))

    def release() -> None:
        transaction.rollback()
        connection.close()

    return release


def test_the_tills_lane_is_not_held_by_the_framework_s_threads(server: Server) -> None:
    """The hot routes' database work runs in a lane of worker threads of its own: with
    both of the framework's threads stuck (here two pushes passed to FastAPI waiting
    for a write the test holds up), a till's pull is still answered. In one shared pool
    it waited for them."""
    till = server.token("counter", "S001")
    with server.client(till) as client:
        client.get("/sync/pull?cursor=0&limit=1").raise_for_status()  # the token is known
    held = _hold_writes(server)
    stuck: list[httpx.Response] = []
    try:

        def framework_push(_index: int) -> None:
            with server.client(till) as client:  # a query string: FastAPI's route
                stuck.append(
                    client.post("/sync/push?via=framework", json={"ops": [sale_op(PRODUCT)]})
                )

        pushers = [threading.Thread(target=framework_push, args=(i,)) for i in range(2)]
        for pusher in pushers:
            pusher.start()
        deadline = time.monotonic() + 10
        while _threads_in("apply_ops") < 2:
            assert time.monotonic() < deadline, "the framework's pushes never got their threads"
            time.sleep(0.01)
        with httpx.Client(
            base_url=f"{server.url}/api/v1",
            headers={"Authorization": f"Bearer {till}"},
            timeout=5,
        ) as client:
            pulled = client.get("/sync/pull?cursor=0&limit=10")
        assert pulled.status_code == 200, pulled.text
        assert stuck == []  # still waiting: the pull did not need their threads
    finally:
        held()
    for pusher in pushers:
        pusher.join(30)
    assert len(stuck) == 2 and all(r.status_code in (200, 503) for r in stuck), stuck
