"""Holds asked one per request, judged together: group commit for a flash sale.

In a flash sale (團購開團) hundreds of holds on one product arrive within the same few
milliseconds, each its own request: the channel's buyers' orders (`POST
/group-buy/orders`) and store tills' pickups pushed alone (`reservation.create`).
Placed one by one, each is a read, a transaction, a lock on the hot stock row and a
commit, and after the sell-out each refusal is still a read of its own. Here the
holds that arrive while a round is in the database wait together and form the next
round:

* **One read refuses the round's late ones.** The round's holds, of every device
  and both kinds, are looked at in ONE statement (`reservations.precheck_holds`):
  every hold the committed figures refuse is answered with the refusal it would have
  got alone at that read; none is granted there. A round with a taken id, key or op
  id, an unknown product or an expired hold to release is not judged by it: each hold
  goes its own way as below.
* **Each device's orders are one batch** for `group_buy_batch.place_orders` (the
  service of `POST /group-buy/orders:batch`): one transaction locks the hot row once,
  judges them in arrival order against the locked figures and commits once.
* **The pushed holds the read did not refuse are applied together** (`push.
  apply_together`): one transaction for the round's pickups of every till, all at
  once with `prechecked` (the look-ups the read made are skipped) and their units
  held at the end, else one by one in savepoints. Each request gets its op's result,
  the one its push alone would have got. Pushed alone, each was a transaction, a lock
  of the hot row and a commit of its own: in a flash sale a quarter of the units went
  that way, each costing the server as much CPU as ten orders of a batch.

No hold waits for a timer: a lone one goes its own way at once (its own precheck is
one statement), and while a round is in the database the next one gathers. One round
at a time per worker process, so the round grows with the load: under a flash sale
20-60 holds, on a quiet day one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import anyio
import anyio.to_thread
from sqlalchemy.orm import Session

from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.errors import InsufficientStock
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.group_buy_batch import BatchOrder, BatchOutcome, place_orders
from warehouse_api.services.locations import warehouse_id
from warehouse_api.services.operations import PrecheckVerdict
from warehouse_api.services.push import apply_ops, apply_together
from warehouse_api.services.reservations import HoldAsked, precheck_holds

log = logging.getLogger(__name__)

MAX_ROUND = 200  # holds judged together at most; the rest wait for the next round


class RoundCounts(Protocol):
    order_rounds: int  # rounds judged
    largest_round: int  # the most holds judged in one round
    refused_together: int  # holds refused by a round's one read


@dataclass(frozen=True, slots=True)
class _Order:
    device: AuthenticatedDevice
    order: BatchOrder
    alone: Callable[[], BatchOutcome]
    answer: asyncio.Future[BatchOutcome]

    def asked(self) -> HoldAsked:
        return HoldAsked(
            self.order.wanted, order_id=self.order.order_id, idempotency_key=self.order.key
        )


# What a pushed hold's request is told: the op's result when the round applied it,
# else the round's verdict (refused, or neither: the request applies the op itself).
PushedOutcome = dict[str, Any] | PrecheckVerdict


@dataclass(frozen=True, slots=True)
class _PushedHold:
    device: AuthenticatedDevice
    hold: HoldAsked
    op: Any  # the validated `reservation.create` op
    answer: asyncio.Future[PushedOutcome]

    def asked(self) -> HoldAsked:
        return self.hold


_Waiting = _Order | _PushedHold


def round_refusals(
    db: Database, holds: Sequence[HoldAsked]
) -> list[InsufficientStock | None] | None:
    """The round's one read (`precheck_holds` at the warehouse)."""

    def look(session: Session) -> list[InsufficientStock | None] | None:
        return precheck_holds(session, warehouse_id(session), holds)

    return db.lookup(look)


class HoldCoalescer:
    """`await place(device, order, alone)`: an order's outcome; `await look(device, hold)`:
    what the round's read says of a pushed hold. Both judged with the holds that arrived
    while the previous round was in the database."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        counts: RoundCounts,
        limiter: anyio.CapacityLimiter | None = None,
        max_round: int = MAX_ROUND,
    ) -> None:
        """`limiter`: the worker threads a round's database work runs in (None: anyio's
        default ones)."""
        self.db = db
        self.settings = settings
        self.counts = counts
        self.limiter = limiter
        self.max_round = max_round
        self._waiting: list[_Waiting] = []
        self._round: asyncio.Task[None] | None = None

    async def place(
        self, device: AuthenticatedDevice, order: BatchOrder, alone: Callable[[], BatchOutcome]
    ) -> BatchOutcome:
        """`alone` places the order by itself (in a worker thread): used when no other
        order of its device came with it, where a batch of one would cost more than the
        route's own way (one statement refuses it, no batch look-ups)."""
        answer: asyncio.Future[BatchOutcome] = asyncio.get_running_loop().create_future()
        self._join(_Order(device, order, alone, answer))
        return await answer

    async def push(self, device: AuthenticatedDevice, hold: HoldAsked, op: Any) -> PushedOutcome:
        """A `reservation.create` pushed alone (`op`, asking `hold`): its result when the
        round applied it with the others it found clear; else the round's verdict:
        refused by its read, or neither (alone, or a round the read could not judge:
        the request applies the op the ordinary way)."""
        answer: asyncio.Future[PushedOutcome] = asyncio.get_running_loop().create_future()
        self._join(_PushedHold(device, hold, op, answer))
        return await answer

    def _join(self, waiting: _Waiting) -> None:
        self._waiting.append(waiting)
        if self._round is None:
            self._round = asyncio.get_running_loop().create_task(self._judge_rounds())

    async def _judge_rounds(self) -> None:
        try:
            while self._waiting:
                taken = self._waiting[: self.max_round]
                del self._waiting[: self.max_round]
                self.counts.order_rounds += 1
                self.counts.largest_round = max(self.counts.largest_round, len(taken))
                if len(taken) == 1 and isinstance(taken[0], _PushedHold):
                    # Alone: nothing to read together, no thread hand-off; the push
                    # reads for itself.
                    if not taken[0].answer.done():
                        taken[0].answer.set_result(PrecheckVerdict())
                    continue
                try:
                    answers = await anyio.to_thread.run_sync(
                        self._judge, taken, limiter=self.limiter
                    )
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
                        waiting.answer.set_result(answer)  # type: ignore[arg-type]
        finally:
            self._round = None

    def _judge(self, taken: Sequence[_Waiting]) -> list[BatchOutcome | PushedOutcome | Exception]:
        """In a worker thread: the round's one read, then each device's orders the read
        did not refuse as one batch, in arrival order, then the pushed holds it found
        clear, together. A batch that fails (the database busy or gone) fails its own
        orders only; the pushed holds' transaction, its own pushes."""
        answers: dict[int, BatchOutcome | PushedOutcome | Exception] = {}
        clear: list[tuple[int, _PushedHold]] = []
        refusals: Sequence[InsufficientStock | None] | None = None
        if len(taken) > 1:
            try:
                refusals = round_refusals(self.db, [waiting.asked() for waiting in taken])
            except Exception as error:  # each hold's own way gives its own answer
                log.info("a round's read of %d holds failed: %r", len(taken), error)
        by_device: dict[int, list[tuple[int, _Order]]] = {}
        for index, waiting in enumerate(taken):
            refusal = refusals[index] if refusals is not None else None
            if refusal is not None:
                self.counts.refused_together += 1
            if isinstance(waiting, _PushedHold):
                if refusals is not None and refusal is None:
                    clear.append((index, waiting))
                else:  # refused, or the read judged nothing: the push's own way
                    answers[index] = PrecheckVerdict(refusal=refusal)
            elif refusal is not None:
                answers[index] = BatchOutcome(refusal.status, problem=refusal)
            else:
                by_device.setdefault(waiting.device.id, []).append((index, waiting))
        for group in by_device.values():
            outcomes = self._place([order for _, order in group], looked=refusals is not None)
            answers.update(zip((index for index, _ in group), outcomes, strict=True))
        if clear:
            answers.update(zip((index for index, _ in clear), self._apply(clear), strict=True))
        return [answers[index] for index in range(len(taken))]

    def _apply(
        self, clear: Sequence[tuple[int, _PushedHold]]
    ) -> Sequence[PushedOutcome | Exception]:
        """The pushed holds the round's read found clear: one alone the push's own way
        (no savepoint), more in one transaction. Their results, or the failure for each."""
        pushes = [(pushed.device, pushed.op) for _, pushed in clear]
        try:
            if len(pushes) == 1:
                device, op = pushes[0]
                return apply_ops(self.db, self.settings, device, [op], prechecked=True)
            return apply_together(self.db, self.settings, pushes)
        except Exception as error:
            log.info("%d pushed holds applied together failed: %r", len(pushes), error)
            return [error] * len(pushes)

    def _place(self, orders: Sequence[_Order], looked: bool) -> Sequence[BatchOutcome | Exception]:
        """One device's orders: alone when it is one, else one batch (`looked`: the
        round's read found them clear, the batch's own read is not repeated)."""
        try:
            if len(orders) == 1:
                return [orders[0].alone()]
            batch = [order.order for order in orders]
            return place_orders(self.db, orders[0].device, batch, look_first=not looked)
        except Exception as error:
            log.info("a batch of %d orders failed: %r", len(orders), error)
            return [error] * len(orders)
