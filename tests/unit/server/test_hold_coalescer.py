"""HoldCoalescer: holds arriving while a round is in the database form the next round;
the round's one read answers the holds it refuses (orders and pushed pickups alike);
the other orders are one batch per device; a lone order goes its own way; a failing
batch fails only its own device's orders. The read and the batch service are replaced
by recorders here (the real ones are raced against the stock in
tests/integration/server/test_hot_routes.py)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import Any

import pytest

from warehouse_api import hold_coalescer
from warehouse_api.config import Settings
from warehouse_api.errors import InsufficientStock
from warehouse_api.hold_coalescer import HoldCoalescer
from warehouse_api.hot_routes import HotRouteCounts
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.group_buy_batch import BatchOrder, BatchOutcome
from warehouse_api.services.operations import PrecheckVerdict
from warehouse_api.services.reservations import HoldAsked

CHANNEL = AuthenticatedDevice(id=1, name="channel", role="group_buy", location_id=None)
OTHER = AuthenticatedDevice(id=2, name="other", role="group_buy", location_id=None)
SETTINGS = Settings()


def _order(key: str) -> BatchOrder:
    return BatchOrder(key=key, digest="d", order_id=None, wanted={7: 1}, customer_name=None)


class _Service:
    """Records each batch; the first round is held until released, so the orders sent
    meanwhile have to wait for the next one."""

    def __init__(self, failing: int | None = None) -> None:
        self.batches: list[tuple[int, list[str]]] = []
        self.release = threading.Event()
        self.failing = failing

    def __call__(
        self,
        _db: Any,
        device: AuthenticatedDevice,
        orders: Sequence[BatchOrder],
        *,
        look_first: bool = True,
    ) -> list[BatchOutcome]:
        assert look_first  # the round's read judged nothing: the batch reads for itself
        self.release.wait(5)
        self.batches.append((device.id, [order.key for order in orders]))
        if device.id == self.failing:
            raise RuntimeError("the database went away")
        return [BatchOutcome(201, order={"key": order.key}) for order in orders]


@pytest.fixture(autouse=True)
def _round_read_judges_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The round's read as when a key is taken: every hold goes its own way."""
    monkeypatch.setattr(hold_coalescer, "round_refusals", lambda _db, _holds: None)


def _alone(key: str) -> BatchOutcome:
    return BatchOutcome(201, order={"key": key, "alone": True})


def test_orders_arriving_during_a_round_are_judged_together_per_device(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counts = HotRouteCounts()
    lone = _Service()
    lone.release.set()
    monkeypatch.setattr(hold_coalescer, "place_orders", lone)
    coalescer = HoldCoalescer(db=None, settings=SETTINGS, counts=counts)  # type: ignore[arg-type]
    # An order with no company goes its own way: the batch service is not asked.
    alone = asyncio.run(coalescer.place(CHANNEL, _order("a"), lambda: _alone("a")))
    assert alone.order == {"key": "a", "alone": True}
    assert lone.batches == [] and counts.order_rounds == 1 and counts.largest_round == 1

    # Now a round held in the service while four orders of two devices arrive.
    blocked = _Service()
    monkeypatch.setattr(hold_coalescer, "place_orders", blocked)
    coalescer = HoldCoalescer(db=None, settings=SETTINGS, counts=counts)  # type: ignore[arg-type]
    rest = [(CHANNEL, "b"), (OTHER, "x"), (CHANNEL, "c"), (OTHER, "y")]

    async def held() -> list[Any]:
        first = [(CHANNEL, "p"), (CHANNEL, "q")]  # a round of two: the service's
        tasks = [
            asyncio.create_task(coalescer.place(d, _order(k), lambda k=k: _alone(k)))
            for d, k in first
        ]
        await asyncio.sleep(0.05)
        later = [
            asyncio.create_task(coalescer.place(d, _order(k), lambda k=k: _alone(k)))
            for d, k in rest
        ]
        await asyncio.sleep(0.05)
        blocked.release.set()
        return await asyncio.gather(*tasks, *later)

    outcomes = asyncio.run(held())
    assert [o.order["key"] for o in outcomes] == ["p", "q", "b", "x", "c", "y"]
    assert blocked.batches == [(1, ["p", "q"]), (1, ["b", "c"]), (2, ["x", "y"])]
    assert counts.largest_round == 4


def test_a_failing_batch_fails_only_its_own_device_s_orders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service = _Service(failing=2)
    monkeypatch.setattr(hold_coalescer, "place_orders", service)
    coalescer = HoldCoalescer(db=None, settings=SETTINGS, counts=HotRouteCounts())  # type: ignore[arg-type]

    async def run() -> list[Any]:
        orders = [(CHANNEL, "a"), (OTHER, "x"), (CHANNEL, "b"), (OTHER, "y")]
        tasks = [
            asyncio.create_task(coalescer.place(d, _order(k), lambda k=k: _alone(k)))
            for d, k in orders
        ]
        await asyncio.sleep(0.05)
        service.release.set()
        return await asyncio.gather(*tasks, return_exceptions=True)

    a, x, b, y = asyncio.run(run())
    assert a.order == {"key": "a"} and b.order == {"key": "b"}
    assert isinstance(x, RuntimeError) and isinstance(y, RuntimeError)


def test_the_round_read_answers_the_holds_it_refuses_and_applies_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Orders and pushed pickups of several devices in one round: one read; a refused
    order gets its 409, a refused pickup its refusal, the pickups not refused are
    applied together (one call, in arrival order) and each request gets its own result,
    the orders not refused go to the batch service without its own read."""
    store = AuthenticatedDevice(id=3, name="till", role="counter", location_id=2)
    other_store = AuthenticatedDevice(id=4, name="till 2", role="counter", location_id=3)
    short = InsufficientStock("WH01 has 0", location_id=1, product_id=7, available=0, requested=1)
    reads: list[list[HoldAsked]] = []

    def read(_db: Any, holds: Sequence[HoldAsked]) -> list[InsufficientStock | None]:
        reads.append(list(holds))
        return [short if hold.wanted[7] > 1 else None for hold in holds]

    looks: list[bool] = []

    def batch(
        _db: Any, device: AuthenticatedDevice, orders: Sequence[BatchOrder], *, look_first: bool
    ) -> list[BatchOutcome]:
        looks.append(look_first)
        return [BatchOutcome(201, order={"key": order.key}) for order in orders]

    together: list[list[tuple[int, str]]] = []

    def apply_together(
        _db: Any, _settings: Settings, pushes: Sequence[tuple[AuthenticatedDevice, Any]]
    ) -> list[dict[str, Any]]:
        together.append([(device.id, op) for device, op in pushes])
        return [{"op_id": op, "status": "applied"} for _device, op in pushes]

    monkeypatch.setattr(hold_coalescer, "round_refusals", read)
    monkeypatch.setattr(hold_coalescer, "place_orders", batch)
    monkeypatch.setattr(hold_coalescer, "apply_together", apply_together)
    counts = HotRouteCounts()
    coalescer = HoldCoalescer(db=None, settings=SETTINGS, counts=counts)  # type: ignore[arg-type]

    def order(key: str, qty: int) -> BatchOrder:
        return BatchOrder(key=key, digest="d", order_id=None, wanted={7: qty}, customer_name=None)

    def pickup(device: AuthenticatedDevice, qty: int, op_id: str) -> Any:
        # The op itself stands for the validated op the request hands over.
        return coalescer.push(
            device, HoldAsked({7: qty}, order_id=f"r-{op_id}", op_id=op_id), op_id
        )

    async def run() -> list[Any]:
        return await asyncio.gather(
            coalescer.place(CHANNEL, order("a", 2), lambda: _alone("a")),
            pickup(store, 5, "op1"),
            coalescer.place(CHANNEL, order("b", 1), lambda: _alone("b")),
            pickup(other_store, 1, "op2"),
            coalescer.place(CHANNEL, order("c", 1), lambda: _alone("c")),
            pickup(store, 1, "op3"),
        )

    a, pickup_short, b, pickup_two, c, pickup_three = asyncio.run(run())
    assert len(reads) == 1
    assert [hold.op_id for hold in reads[0]] == [None, "op1", None, "op2", None, "op3"]
    assert a.status == 409 and a.problem is short
    assert pickup_short == PrecheckVerdict(refusal=short, clear=False)
    assert together == [[(4, "op2"), (3, "op3")]]  # both tills' clear pickups, one call
    assert pickup_two == {"op_id": "op2", "status": "applied"}
    assert pickup_three == {"op_id": "op3", "status": "applied"}
    assert (b.order, c.order) == ({"key": "b"}, {"key": "c"})
    assert looks == [False]  # the batch's own read skipped: the round's read found it clear
    assert counts.refused_together == 2


def test_a_pushed_pickup_alone_is_not_read_by_the_round() -> None:
    """A lone hold: no round read (its own precheck is one statement): neither verdict."""
    store = AuthenticatedDevice(id=3, name="till", role="counter", location_id=2)
    coalescer = HoldCoalescer(db=None, settings=SETTINGS, counts=HotRouteCounts())  # type: ignore[arg-type]
    verdict = asyncio.run(coalescer.push(store, HoldAsked({7: 1}, order_id="r", op_id="o"), "o"))
    assert verdict == PrecheckVerdict()


def test_pushed_holds_whose_transaction_fails_get_the_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pushed holds' transaction failing (the database gone) fails those pushes, as
    it would have failed each alone; the round's orders are answered."""
    store = AuthenticatedDevice(id=3, name="till", role="counter", location_id=2)
    monkeypatch.setattr(hold_coalescer, "round_refusals", lambda _db, holds: [None] * len(holds))
    monkeypatch.setattr(
        hold_coalescer,
        "place_orders",
        lambda _db, _device, orders, look_first: [BatchOutcome(201, order={}) for _ in orders],
    )

    def gone(*_args: Any) -> list[dict[str, Any]]:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(hold_coalescer, "apply_together", gone)
    coalescer = HoldCoalescer(db=None, settings=SETTINGS, counts=HotRouteCounts())  # type: ignore[arg-type]

    async def run() -> list[Any]:
        return await asyncio.gather(
            coalescer.push(store, HoldAsked({7: 1}, order_id="r1", op_id="o1"), "o1"),
            coalescer.place(CHANNEL, _order("a"), lambda: _alone("a")),
            coalescer.push(store, HoldAsked({7: 1}, order_id="r2", op_id="o2"), "o2"),
            return_exceptions=True,
        )

    first, order, second = asyncio.run(run())
    assert isinstance(first, RuntimeError) and isinstance(second, RuntimeError)
    assert order.status == 201
