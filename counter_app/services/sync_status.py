"""What the status bar shows about syncing: waiting ops, the oldest one's age, failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from counter_app.local import outbox, sync_results, sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.outbox import FailedOp
from counter_app.services.context import StaffMember
from counter_app.services.staff import StaffService


@dataclass(frozen=True, slots=True)
class SyncStatus:
    waiting: int
    oldest_age_s: float | None
    failed: int
    last_pull_age_s: float | None


def _age(iso: str | None, now: datetime) -> float | None:
    if not iso:
        return None
    return max(0.0, (now - datetime.fromisoformat(iso)).total_seconds())


class SupervisorRequired(Exception):
    """Discarding an operation needs a supervisor's (or manager's) PIN and a reason."""


class SyncStatusService:
    def __init__(self, db: LocalDatabase, staff: StaffService | None = None) -> None:
        self._db = db
        self._staff = staff

    def status(self) -> SyncStatus:
        now = datetime.now(UTC)
        with self._db.read() as session:
            stats = outbox.stats(session)
            last_pull = sync_state.get_value(session, "last_pull_at")
        return SyncStatus(stats.waiting, _age(stats.oldest_created_at, now), stats.failed, _age(last_pull, now))

    def failed_ops(self) -> list[FailedOp]:
        with self._db.read() as session:
            return outbox.list_failed(session)

    def retry(self, op_id: str) -> None:
        with self._db.unit_of_work() as session:
            outbox.retry_failed(session, op_id)

    def renumber(self, op_id: str, staff_id: int | None = None) -> str | None:
        """A sale refused as ``receipt_no_taken``: give it a new number from this till and
        send it again (the relay does this by itself; this is the dialog's button). The old
        number still finds the sale; the change is audited. None if not such a sale."""
        with self._db.unit_of_work() as session:
            return sync_results.renumber_refused_sale(session, op_id, staff_id)

    def discard(self, op_id: str, supervisor_id: int, reason: str) -> None:
        """Give up on a rejected op for a supervisor already checked by the caller."""
        with self._db.unit_of_work() as session:
            outbox.discard_failed(session, op_id, supervisor_id, reason)

    def discard_with_pin(self, op_id: str, supervisor_pin: str, reason: str) -> StaffMember:
        """Check the PIN is a supervisor's of this store, then discard; the audit log names them."""
        if not reason.strip():
            raise SupervisorRequired("a reason is required to discard an operation")
        supervisor = self._staff.sign_in(supervisor_pin) if self._staff else None
        if supervisor is None or not supervisor.is_supervisor:
            raise SupervisorRequired("a supervisor's PIN is required to discard an operation")
        self.discard(op_id, supervisor.id, reason)
        return supervisor
