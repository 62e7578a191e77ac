"""Voiding a completed sale of the open shift: a supervisor's action (``Action.VOID``),
recorded as a full return of everything not returned yet, refunded in cash (a sale paid
in cash only: ``not_cash`` otherwise), through the
returns service (one transaction: the return, its op, the stock, the shift's cash, the
e-invoice) with an ``audit`` entry for the void in that same transaction.

Voiding a cart line or the whole cart before payment is the screen's and the cart
keeper's (services/held_carts.py): nothing was sold, so nothing is returned.
"""

from __future__ import annotations

from datetime import datetime

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

    def check(self, receipt_no: str) -> None:
        """Whether the sale may be voided (before asking a supervisor); VoidError if not."""
        self._returnable(receipt_no)

    def void(
        self, receipt_no: str, cashier: StaffMember, approval: Approval, reason: str
    ) -> CompletedReturn:
        """Void the sale: ApprovalRefused unless ``approval`` is good for VOID; VoidError
        (codes above); ReturnError from the returns service (e.g. ``not_cash``)."""
        approver = self._staff.redeem(approval, Action.VOID)
        sale = self._returnable(receipt_no)
        choices = [
            ReturnChoice(line.line_id, line.returnable, "restock_here")
            for line in sale.lines
            if line.returnable > 0
        ]
        # The approver takes the refund: their refund limit applies, not the cashier's.
        return self._returns.complete(
            sale.receipt_no,
            choices,
            approver,
            audit=(
                approver,
                "sale.void",
                {"receipt_no": sale.receipt_no, "cashier_id": cashier.id, "reason": reason},
            ),
            # A void refunds in cash: a card or mobile sale is voided on its terminal and
            # taken back as a return (to its tenders) instead.
            refund_as=RefundAs(cash_only=True),
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
