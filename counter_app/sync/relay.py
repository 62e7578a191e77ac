"""The outbox relay: pushes queued operations in batches until the queue is empty."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from counter_app.local import outbox
from counter_app.local.db import LocalDatabase
from counter_app.sync.client import WarehouseClient, WarehouseProblem, WarehouseUnreachable
from counter_app.sync.connectivity import ConnectivityMonitor

log = logging.getLogger(__name__)

BATCH_SIZE = 200
BODY_REFUSED = (400, 413, 422)  # the request itself was refused, not an op in it


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
        self._batch_limit = batch_size  # smaller while isolating an op the server refuses

    def recover(self) -> int:
        """Run once at start: ops a crash left in flight are pushed again."""
        with self._db.unit_of_work() as session:
            return outbox.recover_in_flight(session)

    def push_once(self) -> RelayOutcome:
        """Claim one batch, push it, settle each op. Never raises on network trouble."""
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

    def _put_back(self, ops: list[outbox.PendingOp], exc: Exception) -> RelayOutcome:
        # Not decided, per op: the ops go back and wait their backoff; the status bar
        # shows why (a 401 says the token was revoked, a 5xx that the server is down).
        with self._db.unit_of_work() as session:
            outbox.release_for_retry(session, [op.op_id for op in ops], str(exc), backoff=self._backoff)
        self._connectivity.report_failure(str(exc))
        self._on_change()
        return RelayOutcome(pushed=len(ops), unreachable=True)

    def _isolate_refused(self, ops: list[outbox.PendingOp], exc: WarehouseProblem) -> RelayOutcome:
        """The server refused the request body (400/413/422): one bad op (an op type this
        server does not know yet, say) must not hold back every other sale. Halve the
        batch until the op is alone, then it is rejected like any other, visibly."""
        self._connectivity.report_success()  # the server answered: it is up
        if len(ops) == 1:
            with self._db.unit_of_work() as session:
                outbox.mark_rejected(session, ops[0].op_id, exc.code, exc.detail)
            log.warning("op %s (%s) refused alone: %s", ops[0].op_id, ops[0].type, exc)
            self._on_change()
            return RelayOutcome(pushed=1, rejected=1)
        self._batch_limit = max(1, len(ops) // 2)
        with self._db.unit_of_work() as session:
            outbox.release_for_retry(
                session, [op.op_id for op in ops], str(exc), backoff=outbox.Backoff(0.0, 0.0)
            )
        return RelayOutcome(pushed=len(ops))

    def _settle(self, ops: list[outbox.PendingOp], results: list[dict[str, Any]]) -> RelayOutcome:
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
