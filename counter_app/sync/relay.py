"""The outbox relay: pushes queued operations in batches until the queue is empty."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.local import outbox
from counter_app.local.db import LocalDatabase
from counter_app.sync.client import WarehouseClient, WarehouseProblem, WarehouseUnreachable
from counter_app.sync.connectivity import ConnectivityMonitor

log = logging.getLogger(__name__)

BATCH_SIZE = 200


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
    ) -> None:
        self._db = db
        self._client = client
        self._connectivity = connectivity
        self._on_change = on_change
        self._batch_size = batch_size
        self._backoff = backoff

    def recover(self) -> int:
        """Run once at start: ops a crash left in flight are pushed again."""
        with self._db.unit_of_work() as session:
            return outbox.recover_in_flight(session)

    def push_once(self) -> RelayOutcome:
        """Claim one batch, push it, settle each op. Never raises on network trouble."""
        with self._db.unit_of_work() as session:
            ops = outbox.claim_batch(session, self._batch_size)
        if not ops:
            return RelayOutcome()
        body = [
            {"op_id": op.op_id, "type": op.type, "payload": op.payload, "created_at": op.created_at}
            for op in ops
        ]
        try:
            results = self._client.push(body)
        except (WarehouseUnreachable, WarehouseProblem) as exc:
            # A problem for the whole request (401, 413...) is as undecided per op
            # as a timeout: the ops go back and wait; the status bar shows why.
            with self._db.unit_of_work() as session:
                outbox.release_for_retry(
                    session, [op.op_id for op in ops], str(exc), backoff=self._backoff
                )
            self._connectivity.report_failure(str(exc))
            self._on_change()
            return RelayOutcome(pushed=len(ops), unreachable=True)
        self._connectivity.report_success()
        counts = {"applied": 0, "duplicate": 0, "rejected": 0}
        acked = []
        with self._db.unit_of_work() as session:
            for op, result in zip(ops, results, strict=True):
                status = result.get("status")
                if status in ("applied", "duplicate"):
                    acked.append((op.op_id, result.get("result")))
                elif status == "rejected":
                    problem = result.get("problem") or {}
                    outbox.mark_rejected(
                        session, op.op_id, str(problem.get("code", "rejected")), str(problem.get("detail", ""))
                    )
                    log.warning("op %s (%s) rejected: %s", op.op_id, op.type, problem)
                else:
                    outbox.release_for_retry(
                        session, [op.op_id], f"unexpected status {status!r}", backoff=self._backoff
                    )
                    continue
                counts[status] += 1
            outbox.mark_done_many(session, acked)
        self._on_change()
        return RelayOutcome(pushed=len(ops), **counts)

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
