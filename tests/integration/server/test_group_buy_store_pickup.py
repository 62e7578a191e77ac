"""Group-buy orders collected at a store, against the real warehouse on loopback (SQLite
and PostgreSQL): the channel places an order for store S001; the operator ships its
transfer; S001's till receives it by scan; S001's desk lists it with the channel's order
number, S002's never sees it; S001 hands it over by its pickup code; the channel reads
each step (pending, in_transit, ready_for_pickup, collected) and the ledger balances."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Server, assert_problem, ledger_balances, level, new_id, push_one
from sqlalchemy import select
from till_testkit import Till, enrolled_till

from counter_app.services.pickups import PickupDeskService, PickupError
from warehouse_api.errors import DomainError
from warehouse_api.models import Transfer, utcnow
from warehouse_api.security import new_pickup_code
from warehouse_api.services.group_buy_pickup import send_to_store
from warehouse_api.services.reservations import expire_holds
from warehouse_api.services.retry import write_with_retry

PRODUCT = 17


def place(
    server: Server, channel: str, qty: int = 2, store: str | None = "S001", **extra: Any
) -> Any:
    body: dict[str, Any] = {
        "order_id": f"GB-{new_id()[:12]}",
        "lines": [{"product_id": PRODUCT, "qty": qty}],
        "customer_name": "團購客",
        **extra,
    }
    if store is not None:
        body["pickup_store_code"] = store
    with server.client(channel) as client:
        return client.post("/group-buy/orders", json=body, headers={"Idempotency-Key": new_id()})


def channel_status(server: Server, channel: str, order_id: str) -> str:
    with server.client(channel) as client:
        response = client.get(f"/group-buy/orders/{order_id}")
    assert response.status_code == 200, response.text
    status: str = response.json()["channel_status"]
    return status


@pytest.fixture
def tills(server: Server, tmp_path: Path) -> Iterator[tuple[Till, Till]]:
    a, b = enrolled_till(server, tmp_path / "a"), enrolled_till(server, tmp_path / "b", "S002")
    yield a, b
    a.close()
    b.close()


def test_an_order_for_store_a_reaches_only_store_a_and_is_collected_there(
    server: Server, tills: tuple[Till, Till]
) -> None:
    till_a, till_b = tills
    channel, operator = server.token("group_buy"), server.token("operator")
    wh_before, a_before = level(server, "WH01", PRODUCT), level(server, "S001", PRODUCT)
    placed = place(server, channel, qty=2)
    assert placed.status_code == 201, placed.text
    order = placed.json()
    order_id, code = order["reservation_id"], order["pickup_code"]
    assert order["kind"] == "group_buy" and order["pickup_store_code"] == "S001"
    assert order["channel_status"] == "pending" and code and order["expires_at"]
    assert order["store_location_id"] == server.location_id("S001")
    assert level(server, "WH01", PRODUCT) == (wh_before[0], wh_before[1] + 2)

    desk_a = PickupDeskService(till_a.db, till_a.store)
    desk_b = PickupDeskService(till_b.db, till_b.store)
    till_a.sync()
    till_b.sync()
    [entry] = [e for e in desk_a.entries() if e.channel_order == order_id]
    assert entry.status == "confirmed" and entry.pickup_code == code
    assert entry.record.customer_name == "團購客"  # the channel's, for the desk
    assert [e.record.reservation_id for e in desk_a.entries(query=order_id[-6:])] == [order_id]
    assert desk_b.entries() == [] and desk_b.find(code) is None
    # The feed itself: S002's pull carries neither the order nor its transfer.
    with server.client(server.enroll("S002")) as client:
        changes = client.get("/sync/pull", params={"limit": 5000}).json()["changes"]
    assert not [c for c in changes if c["id"] in (order_id, f"TR-{order_id}")]

    with server.client(operator) as client:
        shipped = client.post(f"/operator/transfers/TR-{order_id}/ship", json={"carrier": "黑貓"})
    assert shipped.status_code == 200, shipped.text
    assert channel_status(server, channel, order_id) == "in_transit"
    assert level(server, "WH01", PRODUCT) == (wh_before[0] - 2, wh_before[1])

    till_a.sync()
    till_a.queue("transfer.receive", f"transfer:TR-{order_id}", {"transfer_id": f"TR-{order_id}"})
    till_a.sync()
    assert [e.channel_order for e in desk_a.entries("ready")] == [order_id]
    assert channel_status(server, channel, order_id) == "ready_for_pickup"
    assert level(server, "S001", PRODUCT) == (a_before[0] + 2, a_before[1] + 2)
    assert ledger_balances(server)

    till_b.sync()
    with pytest.raises(PickupError) as elsewhere:
        desk_b.hand_over(code, till_b.cashier)
    assert elsewhere.value.code == "unknown_code"
    handover = desk_a.hand_over(code, till_a.cashier)
    assert handover.entry.status == "picked_up" and handover.entry.channel_order == order_id
    assert till_a.relay.drain().applied == 1
    assert channel_status(server, channel, order_id) == "collected"
    # The reserved units are what left: no second movement, the store is back where it was.
    assert level(server, "S001", PRODUCT) == a_before
    assert level(server, "WH01", PRODUCT) == (wh_before[0] - 2, wh_before[1])
    assert ledger_balances(server)


def test_bad_store_orders_are_refused_and_hold_nothing(server: Server) -> None:
    channel = server.token("group_buy")
    before = level(server, "WH01", PRODUCT)
    assert_problem(place(server, channel, payment="at_pickup"), 422, "pay_at_pickup_needs_prices")
    assert_problem(place(server, channel, store="S999"), 422, "pickup_store_unknown")
    assert_problem(place(server, channel, store="WH01"), 422, "pickup_store_unknown")
    # The body's fault is told first, even when the stock would refuse the order too.
    too_many = place(server, channel, qty=before[0] + 1, store="S999")
    assert_problem(too_many, 422, "pickup_store_unknown")
    assert_problem(place(server, channel, qty=before[0] + 1), 409, "insufficient_stock")
    assert_problem(place(server, channel, store="s001"), 422, "validation_error")
    assert_problem(place(server, channel, payment="cash"), 422, "validation_error")
    assert level(server, "WH01", PRODUCT) == before
    assert ledger_balances(server)


def test_a_store_order_is_not_shipped_to_the_customer_and_cancels_with_its_transfer(
    server: Server,
) -> None:
    channel, operator = server.token("group_buy"), server.token("operator")
    before = level(server, "WH01", PRODUCT)
    order_id = place(server, channel, qty=3).json()["reservation_id"]
    with server.client(operator) as client:
        refused = client.post(f"/operator/group-buy-orders/{order_id}/ship")
    assert_problem(refused, 409, "order_for_store_pickup")
    with server.client(channel) as client:
        cancelled = client.post(f"/group-buy/orders/{order_id}/cancel")
    assert cancelled.json()["channel_status"] == "cancelled"
    with server.db.read() as session:
        assert session.get(Transfer, f"TR-{order_id}").status == "cancelled"  # type: ignore[union-attr]
    assert level(server, "WH01", PRODUCT) == before
    assert ledger_balances(server)


def test_a_store_order_past_its_hold_expires_and_gives_its_units_back(server: Server) -> None:
    channel = server.token("group_buy")
    before = level(server, "WH01", PRODUCT)
    order_id = place(server, channel, qty=2).json()["reservation_id"]
    with server.db.write() as session:
        assert expire_holds(session, now=utcnow() + timedelta(days=30), reservation_id=order_id)
    assert channel_status(server, channel, order_id) == "expired"
    with server.db.read() as session:
        assert session.get(Transfer, f"TR-{order_id}").status == "cancelled"  # type: ignore[union-attr]
    assert level(server, "WH01", PRODUCT) == before
    assert ledger_balances(server)


def test_a_replay_answers_the_same_pickup_code(server: Server) -> None:
    channel = server.token("group_buy")
    body = {"lines": [{"product_id": PRODUCT, "qty": 1}], "pickup_store_code": "S002"}
    with server.client(channel) as client:
        first = client.post("/group-buy/orders", json=body, headers={"Idempotency-Key": "k-1"})
        again = client.post("/group-buy/orders", json=body, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == first.json() and first.json()["pickup_store_code"] == "S002"


def _ready_orders(server: Server, channel: str, count: int) -> list[dict[str, Any]]:
    """`count` store orders for S001, shipped and received there (ready for pickup)."""
    operator, till = server.token("operator"), server.enroll("S001")
    orders = [place(server, channel, qty=1).json() for _ in range(count)]
    with server.client(operator) as client:
        for order in orders:
            response = client.post(
                f"/operator/transfers/TR-{order['reservation_id']}/ship", json={}
            )
            assert response.status_code == 200, response.text
    for order in orders:
        received = push_one(
            server, till, "transfer.receive", {"transfer_id": f"TR-{order['reservation_id']}"}
        )
        assert received["status"] == "applied", received
    return orders


@pytest.mark.slow
def test_two_tills_handing_over_one_order_at_once_one_wins(contended: Server) -> None:
    server = contended
    channel = server.token("group_buy")
    orders = _ready_orders(server, channel, 6)
    store_before = level(server, "S001", PRODUCT)
    tills = (server.enroll("S001"), server.enroll("S001"))

    def hand_over(job: tuple[str, dict[str, Any]]) -> str:
        token, order = job
        result = push_one(server, token, "pickup.complete", {"pickup_code": order["pickup_code"]})
        return "picked_up" if result["status"] == "applied" else result["problem"]["code"]

    jobs = [(token, order) for order in orders for token in tills]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        outcomes = Counter(pool.map(hand_over, jobs))
    assert outcomes == {"picked_up": len(orders), "invalid_transition": len(orders)}, outcomes
    assert level(server, "S001", PRODUCT) == (
        store_before[0] - len(orders),
        store_before[1] - len(orders),
    )
    assert {channel_status(server, channel, o["reservation_id"]) for o in orders} == {"collected"}
    assert ledger_balances(server)


@pytest.mark.slow
def test_sending_to_a_store_racing_a_ship_never_both_win(contended: Server) -> None:
    server = contended
    channel, operator = server.token("group_buy"), server.token("operator")
    store_id = server.location_id("S002")
    orders = [place(server, channel, qty=1, store=None).json()["reservation_id"] for _ in range(8)]
    before = level(server, "WH01", PRODUCT)

    def ship(order_id: str) -> str:
        with server.client(operator) as client:
            response = client.post(f"/operator/group-buy-orders/{order_id}/ship")
        return "shipped" if response.status_code == 200 else response.json()["code"]

    def send(order_id: str) -> str:
        try:
            write_with_retry(
                server.db,
                lambda session: send_to_store(session, order_id, store_id, new_pickup_code(), 72),
            )
        except DomainError as error:
            return error.code
        return "sent"

    jobs = [(ship, o) for o in orders] + [(send, o) for o in orders]
    random.Random(5).shuffle(jobs)
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        outcomes = Counter(pool.map(lambda job: job[0](job[1]), jobs))
    assert outcomes["shipped"] + outcomes["sent"] == len(orders), outcomes
    assert outcomes["invalid_transition"] + outcomes["order_for_store_pickup"] == len(orders)
    with server.db.read() as session:
        transfers = session.scalars(
            select(Transfer.reservation_id).where(Transfer.reservation_id.in_(orders))
        ).all()
    assert len(transfers) == outcomes["sent"]
    # Shipped ones left the warehouse; sent ones stay held until their transfer ships.
    assert level(server, "WH01", PRODUCT) == (
        before[0] - outcomes["shipped"],
        before[1] - outcomes["shipped"],
    )
    assert ledger_balances(server)


def test_the_channels_phone_reaches_only_the_pickup_stores_desk(
    server: Server, tills: tuple[Till, Till]
) -> None:
    """The channel may give the customer's phone (digits, a Taiwan mobile or a landline with
    its area code): the store's desk finds the order by its last digits and shows it
    masked; the other store's feed never carries it; a malformed phone is the body's fault."""
    till_a, till_b = tills
    channel = server.token("group_buy")
    before = level(server, "WH01", PRODUCT)
    for bad in (
        "0912-345-678",
        "12345678",
        "09123456789",
        "0912345678\x00",
        "０９１２３４５６７８",
    ):
        assert_problem(place(server, channel, customer_phone=bad), 422, "validation_error")
    assert level(server, "WH01", PRODUCT) == before  # refused bodies hold nothing
    placed = place(server, channel, customer_phone="0933222111")
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["reservation_id"]
    assert "customer_phone" not in placed.json()  # the channel's answers do not echo it
    landline = place(server, channel, customer_phone="0223456789")
    assert landline.status_code == 201, landline.text

    till_a.sync()
    till_b.sync()
    desk_a = PickupDeskService(till_a.db, till_a.store)
    [entry] = desk_a.entries(query="2111")
    assert entry.channel_order == order_id
    assert entry.record.customer_phone == "0933222111" and entry.masked_phone == "0933***111"
    assert PickupDeskService(till_b.db, till_b.store).entries(query="2111") == []
    with server.client(server.enroll("S002")) as client:
        changes = client.get("/sync/pull", params={"limit": 5000}).json()["changes"]
    assert "0933222111" not in str(changes)
