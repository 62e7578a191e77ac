"""Voiding a completed sale of this shift (Tools menu): the receipt number (the last
sale's offered), for a sale paid (in part) otherwise than in cash the references of the
card and mobile cancellations (ui/void_refund_dialog.py), a supervisor's PIN and a
reason, then a full return to the tenders that paid through the returns service
(services/voids.py) and its return receipt printed (the drawer opens for a cash part)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from counter_app.core.tenders import CASH_CODE
from counter_app.services.context import StaffMember
from counter_app.services.permissions import ApprovalRefused
from counter_app.services.returns import CompletedReturn, ReturnError, ReturnsService
from counter_app.services.staff import StaffService
from counter_app.services.voids import SaleVoidService, VoidError, VoidPlan
from counter_app.ui.screens.returns import return_error_text
from counter_app.ui.supervised_flow import SupervisedFlow
from counter_app.ui.supervisor_prompt import refusal_text
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.void_refund_dialog import VoidRefundDialog

log = logging.getLogger(__name__)


def void_problem_text(error: BaseException) -> str:
    if isinstance(error, VoidError):
        return {
            "not_found": QCoreApplication.translate(
                "VoidSale", "No sale with that receipt number at this till"
            ),
            "not_this_shift": QCoreApplication.translate(
                "VoidSale", "That sale is not of this shift: take it back as a return (F7) instead"
            ),
            "already_returned": QCoreApplication.translate(
                "VoidSale", "Everything on that sale has been returned already"
            ),
        }.get(error.code, str(error))
    if isinstance(error, ReturnError) and error.code == "no_open_shift":
        return QCoreApplication.translate("VoidSale", "No shift is open")
    if isinstance(error, ReturnError):
        return return_error_text(error)
    if isinstance(error, ApprovalRefused):
        return refusal_text(error)
    return QCoreApplication.translate("VoidSale", "The sale could not be voided: %1").replace(
        "%1", str(error)
    )


class VoidSaleFlow(SupervisedFlow):
    """Ask, check, approve, void: each step on the right thread, none waiting for another."""

    def __init__(
        self,
        voids: SaleVoidService,
        returns: ReturnsService,
        staff: StaffService,
        tasks: TaskRunner,
        parent: QWidget,
        cashier: Callable[[], StaffMember],
        *,
        ask_receipt: Callable[[str], str | None] | None = None,
        open_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec(),
        tell: Callable[[str, bool], None] | None = None,
    ) -> None:
        super().__init__(
            staff,
            tasks,
            parent,
            cashier,
            lambda: QCoreApplication.translate("VoidSale", "Void a sale"),
            void_problem_text,
            open_dialog=open_dialog,
            tell=tell,
        )
        self._voids = voids
        self._returns = returns
        self._ask_receipt = ask_receipt or self._ask_receipt_with_dialog
        self.last_receipt_no = ""
        self.done: CompletedReturn | None = None

    def start(self) -> None:
        receipt_no = self._ask_receipt(self.last_receipt_no)
        if not receipt_no:
            return
        self._tasks.db(
            lambda: self._voids.check(receipt_no),
            lambda plan: self._checked(receipt_no, plan),
            lambda error: self._tell(self._problem_text(error), False),
        )

    def _checked(self, receipt_no: str, plan: VoidPlan) -> None:
        """A sale paid otherwise than in cash: the cancellations' references first."""
        references: dict[str, tuple[str, str]] = {}
        if any(p.method != CASH_CODE for p in plan.parts):
            dialog = VoidRefundDialog(plan, self._parent)
            if self._open_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            references = dialog.references()
        self._approve(
            QCoreApplication.translate(
                "VoidSale", "Void sale %1: a supervisor's PIN and the reason"
            ).replace("%1", receipt_no),
            lambda cashier, approval, reason: self._voids.void(
                receipt_no, cashier, approval, reason, references
            ),
            self._on_voided,
        )

    def _on_voided(self, done: CompletedReturn) -> None:
        self.done = done
        returns = self._returns
        self._tasks.db(
            lambda: returns.print_return(done),
            None,
            lambda error: log.error("the void's return receipt did not print", exc_info=error),
        )
        text = (
            QCoreApplication.translate("VoidSale", "Sale %1 voided: refund %2 in cash (return %3)")
            if all(p.method == CASH_CODE for p in done.tenders)
            else QCoreApplication.translate(
                "VoidSale", "Sale %1 voided: refund %2 to the tenders that paid it (return %3)"
            )
        )
        self._tell(
            text.replace("%1", done.receipt_no)
            .replace("%2", done.refund.format())
            .replace("%3", done.return_no),
            True,
        )

    def _ask_receipt_with_dialog(self, suggested: str) -> str | None:
        text, ok = QInputDialog.getText(
            self._parent,
            QCoreApplication.translate("VoidSale", "Void a sale"),
            QCoreApplication.translate(
                "VoidSale", "Receipt number of the sale to void (this shift's only)"
            ),
            QLineEdit.EchoMode.Normal,
            suggested,
        )
        return text.strip() if ok and text.strip() else None
