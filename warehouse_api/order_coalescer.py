"""Group-buy orders placed one per request, judged together: group commit for a flash sale.

In a flash sale (團購開團) hundreds of buyers' orders for one product arrive within the
same few milliseconds, each as its own `POST /group-buy/orders`. Placed one by one,
each order is a read, a transaction, a lock on the hot stock row and a commit, and
the requests queue on that row's lock. Here the orders that arrive while a batch is
being judged wait together and are judged next as one batch, by the same service as
`POST /group-buy/orders:batch` (`group_buy_batch.place_orders`): one read refuses them
all after the sell-out, else one transaction locks the row once, judges them in their
order of arrival against the locked figures and commits once. Each request still gets
exactly the answer it would have got alone (placed, a replay, refused), as that
service promises for its batches.

No order waits for a timer: a lone order is placed at once, on its own, and
while a batch is in the database the next one gathers. One batch at a time per
worker process, so the batch grows with the load: under a flash sale 20-60 orders,
on a quiet day one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import anyio.to_thread

from warehouse_api.db import Database
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.group_buy_batch import BatchOrder, BatchOutcome, place_orders

log = logging.getLogger(__name__)

MAX_BATCH = 200  # orders judged together at most; the rest wait for the next round


class RoundCounts(Protocol):
    order_rounds: int  # rounds judged
    largest_round: int  # the most orders judged in one round


@dataclass(frozen=True, slots=True)
class _Waiting:
    device: AuthenticatedDevice
    order: BatchOrder
    alone: Callable[[], BatchOutcome]
    answer: asyncio.Future[BatchOutcome]


class OrderCoalescer:
    """`await place(device, order)`: the order's outcome, judged with the orders that
    arrived while the previous batch was in the database."""

    def __init__(self, db: Database, counts: RoundCounts, max_batch: int = MAX_BATCH) -> None:
        self.db = db
        self.counts = counts
        self.max_batch = max_batch
        self._waiting: list[_Waiting] = []
        self._round: asyncio.Task[None] | None = None

    async def place(
        self, device: AuthenticatedDevice, order: BatchOrder, alone: Callable[[], BatchOutcome]
    ) -> BatchOutcome:
        """`alone` places the order by itself (in a worker thread): used when no other
        order of its device came with it, where a batch of one would cost more than the
        route's own way (one statement refuses it, no batch look-ups)."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[BatchOutcome] = loop.create_future()
        self._waiting.append(_Waiting(device, order, alone, answer))
        if self._round is None:
            self._round = loop.create_task(self._judge_rounds())
        return await answer

    async def _judge_rounds(self) -> None:
        try:
            while self._waiting:
                taken = self._waiting[: self.max_batch]
                del self._waiting[: self.max_batch]
                self.counts.order_rounds += 1
                self.counts.largest_round = max(self.counts.largest_round, len(taken))
                try:
                    answers = await anyio.to_thread.run_sync(self._judge, taken)
                except BaseException as error:  # cancelled at shutdown
                    for waiting in taken:
                        if not waiting.answer.done():
                            waiting.answer.set_exception(error)
                    raise
                for waiting, answer in zip(taken, answers, strict=True):
                    if waiting.answer.done():  # the request was cancelled meanwhile
                        continue
                    if isinstance(answer, BaseException):
                        waiting.answer.set_exception(answer)
                    else:
                        waiting.answer.set_result(answer)
        finally:
            self._round = None

    def _judge(self, taken: Sequence[_Waiting]) -> list[BatchOutcome | Exception]:
        """In a worker thread: each device's orders as one batch, in arrival order. A
        batch that fails (the database busy or gone) fails its own orders only."""
        answers: dict[int, BatchOutcome | Exception] = {}
        by_device: dict[int, list[int]] = {}
        for index, waiting in enumerate(taken):
            by_device.setdefault(waiting.device.id, []).append(index)
        for indexes in by_device.values():
            first = taken[indexes[0]]
            try:
                outcomes: Sequence[BatchOutcome | Exception] = (
                    [first.alone()]
                    if len(indexes) == 1
                    else place_orders(self.db, first.device, [taken[i].order for i in indexes])
                )
            except Exception as error:
                log.info("a batch of %d orders failed: %r", len(indexes), error)
                outcomes = [error] * len(indexes)
            for index, outcome in zip(indexes, outcomes, strict=True):
                answers[index] = outcome
        return [answers[index] for index in range(len(taken))]
