"""The outbox relay: pushes queued operations in batches until the queue is empty.

Backoff is about the connection, not about an op: when a push gets no answer the
batch goes back in its place and the relay waits (growing, capped, jittered) before
it pushes again; the wait starts over as soon as any call reaches the warehouse (a
push, the puller, a stock look-up). So after an outage the queue drains at once,
in op order, and an op whose answer was lost is simply in the next batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from counter_app.local import outbox, sync_results, sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.fulfilment_repository import raise_alert_for_refused_order
from counter_app.local.pickup_mirror import settle_acked_handover, undo_refused_handover
from counter_app.sync.client import WarehouseClient, WarehouseProblem, WarehouseUnreachable
from counter_app.sync.connectivity import ConnectivityMonitor

log = logging.getLogger(__name__)

BATCH_SIZE = 200
BODY_REFUSED = (400, 413, 422)  # the request itself was refused, not an op in it
TILL_NO_ASK_EVERY_S = 60.0  # a till that does not know its number asks no more often


@dataclass(frozen=True, slots=True)
class RelayOutcome:
    pushed: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    unreachable: bool = False


class OutboxRelay:
    def __init__(
        self,
        db: LocalDatabase,
        client: WarehouseClient,
        connectivity: ConnectivityMonitor,
        on_change: Callable[[], None] = lambda: None,
        batch_size: int = BATCH_SIZE,
        backoff: outbox.Backoff = outbox.DEFAULT_BACKOFF,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._client = client
        self._connectivity = connectivity
        self._on_change = on_change
        self._batch_size = batch_size
        self._backoff = backoff
        self._clock = clock
        self._batch_limit = batch_size  # smaller while isolating an op the server refuses
        self._failures = 0  # pushes in a row that got no answer
        self._resume_at = 0.0  # no push before this (self._clock)
        self._successes_at_failure = 0
        self._till_no_known = False
        self._till_no_asked_at: float | None = None

    @property
    def connectivity(self) -> ConnectivityMonitor:
        return self._connectivity

    def recover(self) -> int:
        """Run once at start: ops a crash left in flight are pushed again, and sales an
        older version left refused as ``receipt_no_taken`` are renumbered and sent again."""
        with self._db.unit_of_work() as session:
            recovered = outbox.recover_in_flight(session)
            renumbered = sync_results.renumber_all_refused_sales(session)
        if renumbered:
            self._on_change()
        return recovered

    def backing_off(self) -> bool:
        """True while the relay waits after pushes that got no answer. Any call that
        reached the warehouse since the last failure ends the wait."""
        if not self._failures:
            return False
        if self._connectivity.successes != self._successes_at_failure:
            self._failures, self._resume_at = 0, 0.0
            return False
        return self._clock() < self._resume_at

    def seconds_until_retry(self, idle_s: float) -> float:
        """How long the push loop may sleep: its interval, or less when the relay is
        backing off and the wait ends sooner (a lost answer is retried in about a second,
        not at the next tick)."""
        if not self._failures:
            return idle_s
        return max(0.05, min(idle_s, self._resume_at - self._clock()))

    def push_once(self) -> RelayOutcome:
        """Claim one batch, push it, settle each op. Never raises on network trouble."""
        if self.backing_off():
            return RelayOutcome(unreachable=True)
        self._learn_till_no()
        with self._db.unit_of_work() as session:
            ops = outbox.claim_batch(session, self._batch_limit)
        if not ops:
            return RelayOutcome()
        body = [
            {"op_id": op.op_id, "type": op.type, "payload": op.payload, "created_at": op.created_at}
            for op in ops
        ]
        try:
            results = self._client.push(body)
        except WarehouseProblem as exc:
            if exc.status in BODY_REFUSED:
                return self._isolate_refused(ops, exc)
            return self._put_back(ops, exc)
        except WarehouseUnreachable as exc:
            return self._put_back(ops, exc)
        self._batch_limit = min(self._batch_size, self._batch_limit * 2)
        return self._settle(ops, results)

    def _learn_till_no(self) -> None:
        """A till enrolled before till numbers asks the warehouse for its number once;
        until it knows it, its numbers carry its device id (core.ids.till_tag)."""
        if self._till_no_known:
            return
        with self._db.read() as session:
            known = bool(sync_state.get_value(session, sync_state.TILL_NO_KEY))
        if not known:
            now = self._clock()
            if (
                self._till_no_asked_at is not None
                and now - self._till_no_asked_at < TILL_NO_ASK_EVERY_S
            ):
                return
            self._till_no_asked_at = now
            try:
                till_no = self._client.me().get("till_no")
            except (WarehouseUnreachable, WarehouseProblem) as exc:
                log.info("till number not learnt yet: %s", exc)
                return
            if not till_no:
                return
            with self._db.unit_of_work() as session:
                sync_state.set_value(session, sync_state.TILL_NO_KEY, str(int(till_no)))
            log.info("this till is number %s of its store", till_no)
        self._till_no_known = True

    def _put_back(self, ops: list[outbox.PendingOp], exc: Exception) -> RelayOutcome:
        # Not decided: the ops go back in their places and the relay waits on the
        # connection; the status bar shows why (a 401: token revoked, a 5xx: server down).
        with self._db.unit_of_work() as session:
            outbox.release_for_retry(session, [op.op_id for op in ops], str(exc))
        self._connectivity.report_failure(str(exc))
        self._successes_at_failure = self._connectivity.successes
        self._resume_at = self._clock() + self._backoff.delay(self._failures)
        self._failures += 1
        self._on_change()
        return RelayOutcome(pushed=len(ops), unreachable=True)

    def _pushed_ok(self) -> None:
        self._failures, self._resume_at = 0, 0.0
        self._connectivity.report_success()

    def _isolate_refused(self, ops: list[outbox.PendingOp], exc: WarehouseProblem) -> RelayOutcome:
        """The server refused the request body (400/413/422): one bad op (an op type this
        server does not know yet, say) must not hold back every other sale. Halve the
        batch until the op is alone, then it is rejected like any other, visibly."""
        self._pushed_ok()  # the server answered: it is up
        if len(ops) == 1:
            with self._db.unit_of_work() as session:
                outbox.mark_rejected(session, ops[0].op_id, exc.code, exc.detail)
            log.warning("op %s (%s) refused alone: %s", ops[0].op_id, ops[0].type, exc)
            self._on_change()
            return RelayOutcome(pushed=1, rejected=1)
        self._batch_limit = max(1, len(ops) // 2)
        with self._db.unit_of_work() as session:
            outbox.release_for_retry(session, [op.op_id for op in ops], str(exc))
        return RelayOutcome(pushed=len(ops))

    def _settle(self, ops: list[outbox.PendingOp], results: list[dict[str, Any]]) -> RelayOutcome:
        self._pushed_ok()
        counts = {"applied": 0, "duplicate": 0, "rejected": 0}
        acked = []
        with self._db.unit_of_work() as session:
            store_id = int(sync_state.get_value(session, "store_id") or 0)
            for op, result in zip(ops, results, strict=True):
                status = result.get("status")
                if status in ("applied", "duplicate"):
                    acked.append((op.op_id, result.get("result")))
                    settle_acked_handover(session, op.type, op.payload, result.get("result"))
                    if op.type == "sale":
                        sync_results.record_negative_stock(session, store_id, result.get("result"))
                elif status == "rejected":
                    problem = result.get("problem") or {}
                    code = str(problem.get("code", "rejected"))
                    outbox.mark_rejected(session, op.op_id, code, str(problem.get("detail", "")))
                    log.warning("op %s (%s) rejected: %s", op.op_id, op.type, problem)
                    if code == sync_results.RECEIPT_NO_TAKEN:
                        session.flush()
                        sync_results.renumber_refused_sale(session, op.op_id)
                    # A paid pickup or ship line the warehouse cannot fill: an alert stays
                    # open at the till until a person resolves it (services/alerts.py).
                    raise_alert_for_refused_order(
                        session, op.op_id, op.type, op.payload, code, str(problem.get("detail", ""))
                    )
                    undo_refused_handover(session, op.type, op.payload)
                else:
                    # A server bug, not the link: this op alone waits a while.
                    outbox.release_for_retry(
                        session,
                        [op.op_id],
                        f"unexpected status {status!r}",
                        delay_s=self._backoff.delay(op.attempts),
                    )
                    continue
                counts[status] += 1
            outbox.mark_done_many(session, acked)
        self._on_change()
        return RelayOutcome(
            pushed=len(ops),
            applied=counts["applied"],
            duplicate=counts["duplicate"],
            rejected=counts["rejected"],
        )

    def drain(self, max_batches: int = 1000) -> RelayOutcome:
        """Push until the queue is empty, the server is unreachable, or only waiting ops remain."""
        total = RelayOutcome()
        for _ in range(max_batches):
            outcome = self.push_once()
            total = RelayOutcome(
                pushed=total.pushed + outcome.pushed,
                applied=total.applied + outcome.applied,
                duplicate=total.duplicate + outcome.duplicate,
                rejected=total.rejected + outcome.rejected,
                unreachable=outcome.unreachable,
            )
            if outcome.pushed == 0 or outcome.unreachable:
                break
        return total
