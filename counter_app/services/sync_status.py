"""What the status bar shows about syncing: waiting ops, the oldest one's age, failures;
and what a person does about a failed op (retry, or a supervisor's discard).

E-invoices add two warnings. The MOF must hold a B2C invoice within 48 hours of its
issue (one with a buyer's tax ID within 7 days; its void or allowance likewise), and the
warehouse uploads it only once the till has sent it: an invoice op still unsent (waiting
or failed) with a day or less left before its deadline puts that deadline at risk; the
op nearest its deadline decides. And a till whose
booklets run low (fewer numbers of the current period than a day's `numbers_ahead`) may
soon refuse sales offline (docs/einvoice.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from counter_app.core.records import FailedOp
from counter_app.services.context import StaffMember
from counter_app.services.einvoice import EinvoiceService
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.ports import UnitOfWorkFactory
from counter_app.services.staff import Approval, StaffService

__all__ = [
    "B2B_INVOICE_AT_RISK_S",
    "INVOICE_AT_RISK_S",
    "FailedOp",
    "SupervisorRequired",
    "SyncStatus",
    "SyncStatusService",
]

INVOICE_AT_RISK_S = 24 * 3600.0  # a day before the 48-hour upload deadline of a B2C invoice
B2B_INVOICE_AT_RISK_S = 6 * 24 * 3600.0  # a day before the 7 days of a B2B invoice


@dataclass(frozen=True, slots=True)
class SyncStatus:
    waiting: int
    oldest_age_s: float | None
    failed: int
    last_pull_age_s: float | None
    oldest_invoice_age_s: float | None = None  # the oldest B2C invoice op not yet accepted
    invoice_numbers_left: int | None = None  # of the current period; None: e-invoices off
    invoice_numbers_low: bool = False
    oldest_b2b_invoice_age_s: float | None = None  # the same with a buyer's tax ID

    @property
    def invoices_at_risk(self) -> bool:
        """A B2C invoice op unsent for 24 hours (of 48), or a B2B one for 6 days (of 7)."""
        return self.invoice_risk_age_s is not None

    @property
    def invoice_risk_age_s(self) -> float | None:
        """The age of the unsent invoice op that puts its deadline at risk (the B2C one
        first: the tightest deadline), None if none does."""
        b2c, b2b = self.oldest_invoice_age_s, self.oldest_b2b_invoice_age_s
        if b2c is not None and b2c >= INVOICE_AT_RISK_S:
            return b2c
        if b2b is not None and b2b >= B2B_INVOICE_AT_RISK_S:
            return b2b
        return None


def _age(iso: str | None, now: datetime) -> float | None:
    if not iso:
        return None
    return max(0.0, (now - datetime.fromisoformat(iso)).total_seconds())


# Discarding an operation needs a supervisor's (or manager's) approval and a reason.
SupervisorRequired = ApprovalRefused


class SyncStatusService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        staff: StaffService | None = None,
        einvoicing: EinvoiceService | None = None,
    ) -> None:
        self._db = db
        self._staff = staff
        self._einvoicing = einvoicing

    def status(self) -> SyncStatus:
        now = datetime.now(UTC)
        with self._db.snapshot() as uow:
            stats = uow.outbox.stats()
            last_pull = uow.sync_state.get("last_pull_at")
        left: int | None = None
        if self._einvoicing is not None:
            left = self._einvoicing.numbers_left()
        return SyncStatus(
            stats.waiting,
            _age(stats.oldest_created_at, now),
            stats.failed,
            _age(last_pull, now),
            oldest_invoice_age_s=_age(stats.oldest_invoice_created_at, now),
            oldest_b2b_invoice_age_s=_age(stats.oldest_b2b_invoice_created_at, now),
            invoice_numbers_left=left,
            invoice_numbers_low=(
                self._einvoicing is not None
                and left is not None
                and left < self._einvoicing.settings.numbers_ahead
            ),
        )

    def failed_ops(self) -> list[FailedOp]:
        with self._db.snapshot() as uow:
            return uow.outbox.failed()

    def retry(self, op_id: str) -> None:
        with self._db.transaction() as uow:
            uow.outbox.retry(op_id)

    def renumber(self, op_id: str, staff_id: int | None = None) -> str | None:
        """A sale refused as ``receipt_no_taken``: give it a new number from this till and
        send it again (the relay does this by itself; this is the dialog's button). The old
        number still finds the sale; the change is audited. None if not such a sale."""
        with self._db.transaction() as uow:
            return uow.outbox.renumber(op_id, staff_id)

    def discard(self, op_id: str, approval: Approval, reason: str) -> StaffMember:
        """Give up on a rejected op. ``approval`` is the staff service's, for
        DISCARD_FAILED_OP; the audit log names the supervisor and the reason."""
        if not reason.strip():
            raise ApprovalRefused("reason_required", Action.DISCARD_FAILED_OP)
        if self._staff is None:  # nobody to vouch for the approval
            raise ApprovalRefused("not_issued", Action.DISCARD_FAILED_OP)
        supervisor = self._staff.redeem(approval, Action.DISCARD_FAILED_OP)
        with self._db.transaction() as uow:
            uow.outbox.discard(op_id, supervisor.id, reason.strip())
        return supervisor

    def discard_with_pin(self, op_id: str, supervisor_pin: str, reason: str) -> StaffMember:
        """``discard`` in one call, checking the PIN here (slow: not on the database thread)."""
        if not reason.strip():
            raise ApprovalRefused("reason_required", Action.DISCARD_FAILED_OP)
        if self._staff is None:
            raise ApprovalRefused("not_issued", Action.DISCARD_FAILED_OP)
        approval = self._staff.approve(supervisor_pin, Action.DISCARD_FAILED_OP)
        return self.discard(op_id, approval, reason)
