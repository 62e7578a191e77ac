"""Voiding an allowance (作廢折讓, MIG G0501) at the till: a supervisor's action.

A return made in error gave an allowance (折讓) against its sale's invoice; a supervisor
withdraws the allowance document: it no longer reduces the invoice, the warehouse owes
the platform its G0501, and the audit log names the supervisor, the cashier and the
reason. Only the document is voided: the return it came with stays as it was (its stock
and its cash refund are not reversed; take the goods as a new sale if they leave again).
Only allowances of this till's invoices are held here (the journal's), so only those
can be voided at this till.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from counter_app.core.einvoice import AllowanceRecord, InvoiceRecord
from counter_app.core.ops import EinvoiceAllowanceVoidPayload
from counter_app.services.context import StaffMember
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.ports import UnitOfWork, UnitOfWorkFactory
from counter_app.services.selling import TAIWAN
from counter_app.services.staff import Approval, StaffService

REASON_MAX = 20  # the MIG's CancelReason


class AllowanceVoidError(Exception):
    """Codes: ``not_found`` (no such allowance in this till's journal), ``already_void``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class AllowanceVoidService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        staff: StaffService,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._staff = staff
        self._clock = clock

    def allowances_of_return(self, sale_id: str, return_id: str) -> list[AllowanceRecord]:
        """The allowances a return of the sale gave (what its record offers to void)."""
        with self._db.snapshot() as uow:
            invoice = uow.einvoices.of_sale(sale_id)
            if invoice is None:
                return []
            return [
                a for a in uow.einvoices.allowances_of(invoice.number) if a.return_id == return_id
            ]

    def check(self, allowance_no: str) -> AllowanceRecord:
        """The allowance, if it may be voided (before asking a supervisor);
        AllowanceVoidError if not."""
        with self._db.snapshot() as uow:
            _invoice, allowance = _voidable(uow, allowance_no)
        return allowance

    def void(
        self, allowance_no: str, cashier: StaffMember, approval: Approval, reason: str
    ) -> AllowanceRecord:
        """Void the allowance: ApprovalRefused unless ``approval`` is a supervisor's for
        VOID, or without a reason; AllowanceVoidError (codes above)."""
        reason = reason.strip()
        if not reason:
            raise ApprovalRefused("reason_required", Action.VOID)
        supervisor = self._staff.redeem(approval, Action.VOID)
        now = self._clock()
        with self._db.transaction() as uow:
            invoice, allowance = _voidable(uow, allowance_no)
            uow.einvoices.mark_allowance_voided(allowance_no, now.isoformat())
            uow.outbox.enqueue(
                EinvoiceAllowanceVoidPayload(
                    invoice.sale_id, allowance_no, now.isoformat(), reason[:REASON_MAX]
                )
            )
            uow.audit.record(
                supervisor.id,
                "einvoice.allowance_void",
                {
                    "allowance_no": allowance_no,
                    "return_id": allowance.return_id,
                    "cashier_id": cashier.id,
                    "reason": reason,
                },
            )
        return AllowanceRecord(
            allowance.allowance_no,
            allowance.number,
            allowance.return_id,
            allowance.issued_at,
            allowance.sales_amount_cents,
            allowance.tax_cents,
            allowance.total_cents,
            now.isoformat(),
        )


def _voidable(uow: UnitOfWork, allowance_no: str) -> tuple[InvoiceRecord, AllowanceRecord]:
    number = allowance_no.rpartition("-")[0]
    invoice = uow.einvoices.by_number(number)
    allowance = next(
        (
            a
            for a in (uow.einvoices.allowances_of(number) if invoice else [])
            if a.allowance_no == allowance_no
        ),
        None,
    )
    if invoice is None or allowance is None:
        raise AllowanceVoidError("not_found", f"no allowance {allowance_no} at this till")
    if allowance.voided_at is not None:
        raise AllowanceVoidError("already_void", f"allowance {allowance_no} is void")
    return invoice, allowance
