"""Holds a flash-sale round applies together, on both backends: store pickups of several
tills in one transaction (`push.apply_together`) and a channel's orders judged on
figures read without a lock, held last (`place_group_buy_batch(hold_last=True)`).
Each op and order gets the answer it would have got alone; when the units are no longer
all there, they are judged again one by one; nothing is held twice or lost."""

from __future__ import annotations

from typing import Any

import pytest
from server_testkit import Server, ledger_balances, level, new_id, op, push, set_available
from sqlalchemy import select

from warehouse_api.config import Settings
from warehouse_api.models import Reservation, SyncOp
from warehouse_api.schemas import GroupBuyOrderCreate, PushRequest, PushResponse
from warehouse_api.services import group_buy_batch
from warehouse_api.services.devices import AuthenticatedDevice, authenticate
from warehouse_api.services.group_buy_batch import batch_order, place_orders
from warehouse_api.services.inventory import HeldRow
from warehouse_api.services.push import apply_together

PRODUCT = 23


def _device(server: Server, token: str) -> AuthenticatedDevice:
    with server.db.read() as session:
        device = authenticate(session, token)
    assert device is not None
    return device


def _pickup(reservation_id: str | None = None, qty: int = 1) -> dict[str, Any]:
    payload = {
        "reservation_id": reservation_id or new_id(),
        "lines": [{"product_id": PRODUCT, "qty": qty}],
    }
    return op("reservation.create", payload)


def _validated(pushed: dict[str, Any]) -> Any:
    return PushRequest.model_validate({"ops": [pushed]}).ops[0]


def _together(server: Server, pushes: list[tuple[AuthenticatedDevice, dict[str, Any]]]) -> Any:
    return apply_together(
        server.db, Settings(), [(device, _validated(pushed)) for device, pushed in pushes]
    )


def _claimed(server: Server, op_id: str) -> SyncOp | None:
    with server.db.read() as session:
        return session.scalar(select(SyncOp).where(SyncOp.op_id == op_id))


def _answered(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Results as the push route answers them (every field of its model present)."""
    answer: list[dict[str, Any]] = PushResponse.model_validate({"results": results}).model_dump(
        mode="json"
    )["results"]
    return answer


def test_pickups_of_several_tills_applied_together_each_get_their_own_result(
    server: Server,
) -> None:
    """Three pickups of two tills, 5 units there: all applied in one transaction, each
    claimed under its own till, each pickup for its own store; reserved rises by 3 once;
    the same op pushed again is a duplicate with the result given here."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 5)
    before = level(server, "WH01", PRODUCT)
    first, second = server.token("counter", "S001"), server.token("counter", "S002")
    till_1, till_2 = _device(server, first), _device(server, second)
    ops = [_pickup(), _pickup(qty=2), _pickup()]

    results = _together(server, [(till_1, ops[0]), (till_2, ops[1]), (till_1, ops[2])])

    assert [r["status"] for r in results] == ["applied"] * 3
    assert [r["op_id"] for r in results] == [o["op_id"] for o in ops]
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + 4)
    assert ledger_balances(server)
    stores = {"S001": server.location_id("S001"), "S002": server.location_id("S002")}
    with server.db.read() as session:
        for pushed, store in ((ops[0], "S001"), (ops[1], "S002"), (ops[2], "S001")):
            held = session.get(Reservation, pushed["payload"]["reservation_id"])
            assert held is not None and held.kind == "pickup" and held.status == "confirmed"
            assert held.store_location_id == stores[store] and held.op_id == pushed["op_id"]
    for pushed, device in ((ops[0], till_1), (ops[1], till_2), (ops[2], till_1)):
        claim = _claimed(server, pushed["op_id"])
        assert claim is not None and claim.device_id == device.id
    [again] = push(server, second, ops[1])
    assert again == {**_answered(results)[1], "status": "duplicate"}


def test_when_the_units_are_short_the_ops_are_judged_one_by_one(server: Server) -> None:
    """Three pickups found clear a moment ago, but only 2 units there now: held together
    they do not fit, so nothing of that is kept and each op holds its own units in its
    savepoint: the first two applied, the third rejected `insufficient_stock` as it
    would have been alone, not claimed, its pickup not written; it goes through later."""
    warehouse = server.location_id("WH01")
    set_available(server.db, warehouse, PRODUCT, 2)
    before = level(server, "WH01", PRODUCT)
    token = server.token("counter", "S001")
    till = _device(server, token)
    ops = [_pickup(), _pickup(), _pickup()]

    results = _together(server, [(till, pushed) for pushed in ops])

    assert [r["status"] for r in results] == ["applied", "applied", "rejected"]
    assert results[2]["problem"]["code"] == "insufficient_stock"
    assert results[2]["problem"]["available"] == 0
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + 2)
    assert _claimed(server, ops[2]["op_id"]) is None
    with server.db.read() as session:
        ids = [pushed["payload"]["reservation_id"] for pushed in ops]
        written = session.scalars(select(Reservation.id).where(Reservation.id.in_(ids))).all()
    assert sorted(written) == sorted(ids[:2])
    assert ledger_balances(server)
    set_available(server.db, warehouse, PRODUCT, 1)
    [later] = push(server, token, ops[2])
    assert later["status"] == "applied"


def test_a_pickup_whose_id_is_taken_gets_the_answer_it_would_get_alone(server: Server) -> None:
    """A pickup reusing a reservation id another op took (skipped look-ups: it fails
    UNIQUE in its savepoint) is looked at again the ordinary way and rejected as a lone
    push is; the pickups beside it are applied."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 5)
    token = server.token("counter", "S001")
    till = _device(server, token)
    taken = _pickup()
    [placed] = push(server, token, taken)
    assert placed["status"] == "applied"
    reused = _pickup(reservation_id=taken["payload"]["reservation_id"], qty=2)
    before = level(server, "WH01", PRODUCT)

    results = _together(server, [(till, _pickup()), (till, reused), (till, _pickup())])

    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + 2)
    [alone] = push(server, token, reused)
    assert alone == _answered(results)[1]
    assert ledger_balances(server)


def test_a_batch_judged_on_figures_that_moved_is_judged_again_on_locked_rows(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figures a batch read without a lock say 5 units; 2 are there when it holds
    last: the hold refuses, nothing of it is committed, and the batch is judged again
    on locked rows: 2 orders placed, 2 refused `insufficient_stock` with what is there."""
    warehouse = server.location_id("WH01")
    set_available(server.db, warehouse, PRODUCT, 2)
    before = level(server, "WH01", PRODUCT)
    real_read = group_buy_batch.read_rows

    def stale(session: Any, location_id: int, products: Any) -> dict[int, HeldRow]:
        rows = real_read(session, location_id, products)
        return {
            product: HeldRow(
                row.product_id, row.on_hand + 3, row.reserved, row.safety_stock, row.needs_count
            )
            for product, row in rows.items()
        }

    monkeypatch.setattr(group_buy_batch, "read_rows", stale)
    channel = _device(server, server.token("group_buy"))
    body = GroupBuyOrderCreate.model_validate({"lines": [{"product_id": PRODUCT, "qty": 1}]})
    orders = [batch_order(channel, f"moved-{index}", body) for index in range(4)]

    outcomes = place_orders(server.db, channel, orders, look_first=False)

    assert [outcome.status for outcome in outcomes] == [201, 201, 409, 409]
    assert all(
        o.problem is not None and o.problem.code == "insufficient_stock" for o in outcomes[2:]
    )
    assert outcomes[2].problem is not None and outcomes[2].problem.extra["available"] == 0
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + 2)
    with server.db.read() as session:
        keys = [order.key for order in orders]
        placed = session.scalars(
            select(Reservation.idempotency_key).where(Reservation.idempotency_key.in_(keys))
        ).all()
    assert sorted(placed) == sorted(keys[:2])
    assert ledger_balances(server)


def test_one_pickup_pushed_twice_into_one_round_is_held_once(server: Server) -> None:
    """A till that resends its push before the answer (a timeout, a retry): both copies
    land in one round. Held once: the first applied, the second a duplicate with its
    result; one reservation, one claim, reserved up by its quantity once."""
    set_available(server.db, server.location_id("WH01"), PRODUCT, 5)
    before = level(server, "WH01", PRODUCT)
    token = server.token("counter", "S001")
    till = _device(server, token)
    pushed = _pickup(qty=2)

    first, again = _together(server, [(till, pushed), (till, pushed), (till, _pickup())])[:2]

    assert first["status"] == "applied"
    assert again == {**first, "status": "duplicate"}
    assert level(server, "WH01", PRODUCT) == (before[0], before[1] + 3)
    with server.db.read() as session:
        claims = session.scalars(select(SyncOp).where(SyncOp.op_id == pushed["op_id"])).all()
    assert len(claims) == 1
    assert ledger_balances(server)
