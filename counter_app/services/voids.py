"""Voiding a completed sale of the open shift: a supervisor's action (``Action.VOID``),
recorded as a full return of everything not returned yet, refunded to the tenders that
paid it (each what it may still refund: core/refunds.py; card and mobile parts with
their cancellation reference, a card's with its approval code), through the returns
service (one transaction: the return, its op, the stock, the shift's cash (its cash part
only), the e-invoice) with an ``audit`` entry for the void in that same transaction.

Voiding a cart line or the whole cart before payment is the screen's and the cart
keeper's (services/held_carts.py): nothing was sold, so nothing is returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from counter_app.core.refunds import RefundPart
from counter_app.core.tenders import Tender
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action
from counter_app.services.ports import UnitOfWorkFactory
from counter_app.services.returns import (
    CompletedReturn,
    RefundAs,
    ReturnableSale,
    ReturnChoice,
    ReturnError,
    ReturnsService,
)
from counter_app.services.staff import Approval, StaffService


class VoidError(Exception):
    """Codes: ``not_found`` (no such receipt at this till), ``not_this_shift`` (sold
    before the open shift began, or no shift is open: a return, not a void),
    ``already_returned`` (nothing left to take back)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class VoidPlan:
    """What a void would refund: the sale, the refund per tender (cash first) and the
    tenders by code (names and kinds for the screen)."""

    sale: ReturnableSale
    parts: tuple[RefundPart, ...]
    tenders: Mapping[str, Tender]


class SaleVoidService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        staff: StaffService,
        returns: ReturnsService,
    ) -> None:
        self._db = db
        self._store = store
        self._staff = staff
        self._returns = returns

    def check(self, receipt_no: str) -> VoidPlan:
        """Whether the sale may be voided (before asking a supervisor; VoidError if not),
        and what each tender would get back."""
        sale = self._returnable(receipt_no)
        tenders = self._returns.tenders()
        parts = self._returns.refund_split(sale, _everything(sale), tenders=tenders)
        return VoidPlan(sale, tuple(parts), tenders)

    def void(
        self,
        receipt_no: str,
        cashier: StaffMember,
        approval: Approval,
        reason: str,
        references: Mapping[str, tuple[str, str]] | None = None,
    ) -> CompletedReturn:
        """Void the sale: ApprovalRefused unless ``approval`` is good for VOID; VoidError
        (codes above); ReturnError from the returns service (e.g.
        ``refund_reference_required`` for a card or mobile part without the reference of
        its cancellation). ``references``: method -> (reference, approval code)."""
        approver = self._staff.redeem(approval, Action.VOID)
        sale = self._returnable(receipt_no)
        # The approver takes the refund: their refund limit applies, not the cashier's.
        return self._returns.complete(
            sale.receipt_no,
            _everything(sale),
            approver,
            audit=(
                approver,
                "sale.void",
                {"receipt_no": sale.receipt_no, "cashier_id": cashier.id, "reason": reason},
            ),
            # Back to the tenders that paid, never "all in cash instead".
            refund_as=RefundAs(references=references or {}),
        )

    def _returnable(self, receipt_no: str) -> ReturnableSale:
        try:
            sale = self._returns.find(receipt_no)
        except ReturnError as exc:
            raise VoidError("not_found", str(exc)) from exc
        with self._db.snapshot() as uow:
            shift = uow.shifts.open_shift(self._store.location_id)
        if shift is None or datetime.fromisoformat(sale.created_at) < datetime.fromisoformat(
            shift.opened_at
        ):
            raise VoidError("not_this_shift", f"{sale.receipt_no} is not a sale of this shift")
        if all(line.returnable == 0 for line in sale.lines):
            raise VoidError("already_returned", f"{sale.receipt_no} has been returned already")
        return sale


def _everything(sale: ReturnableSale) -> list[ReturnChoice]:
    """Every piece not returned yet, back on the shelf."""
    return [
        ReturnChoice(line.line_id, line.returnable, "restock_here")
        for line in sale.lines
        if line.returnable > 0
    ]
