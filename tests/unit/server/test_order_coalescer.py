"""OrderCoalescer: orders arriving while a round is in the database form the next round,
one batch per device; a lone order goes its own way; a failing batch fails only its
own device's orders. The batch service is replaced by a recorder here (the real one
is raced against the stock in tests/integration/server/test_hot_routes.py)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import Any

import pytest

from warehouse_api import order_coalescer
from warehouse_api.hot_routes import HotRouteCounts
from warehouse_api.order_coalescer import OrderCoalescer
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.group_buy_batch import BatchOrder, BatchOutcome

CHANNEL = AuthenticatedDevice(id=1, name="channel", role="group_buy", location_id=None)
OTHER = AuthenticatedDevice(id=2, name="other", role="group_buy", location_id=None)


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
        self, _db: Any, device: AuthenticatedDevice, orders: Sequence[BatchOrder]
    ) -> list[BatchOutcome]:
        self.release.wait(5)
        self.batches.append((device.id, [order.key for order in orders]))
        if device.id == self.failing:
            raise RuntimeError("the database went away")
        return [BatchOutcome(201, order={"key": order.key}) for order in orders]


def _alone(key: str) -> BatchOutcome:
    return BatchOutcome(201, order={"key": key, "alone": True})


def test_orders_arriving_during_a_round_are_judged_together_per_device(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counts = HotRouteCounts()
    lone = _Service()
    lone.release.set()
    monkeypatch.setattr(order_coalescer, "place_orders", lone)
    coalescer = OrderCoalescer(db=None, counts=counts)  # type: ignore[arg-type]
    # An order with no company goes its own way: the batch service is not asked.
    alone = asyncio.run(coalescer.place(CHANNEL, _order("a"), lambda: _alone("a")))
    assert alone.order == {"key": "a", "alone": True}
    assert lone.batches == [] and counts.order_rounds == 1 and counts.largest_round == 1

    # Now a round held in the service while four orders of two devices arrive.
    blocked = _Service()
    monkeypatch.setattr(order_coalescer, "place_orders", blocked)
    coalescer = OrderCoalescer(db=None, counts=counts)  # type: ignore[arg-type]
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
    monkeypatch.setattr(order_coalescer, "place_orders", service)
    coalescer = OrderCoalescer(db=None, counts=HotRouteCounts())  # type: ignore[arg-type]

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
