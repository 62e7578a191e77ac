"""Voiding a completed sale of this shift (Tools menu): the receipt number (the last
sale's offered), a supervisor's PIN and a reason, then a full cash return through the
returns service (services/voids.py) and its return receipt printed."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from counter_app.services.context import StaffMember
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.returns import CompletedReturn, ReturnError, ReturnsService
from counter_app.services.staff import StaffService
from counter_app.services.voids import SaleVoidService, VoidError
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog, refusal_text
from counter_app.ui.task_runner import TaskRunner

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
    if isinstance(error, ReturnError) and error.code == "not_cash":
        return QCoreApplication.translate("VoidSale", "Only sales paid in cash can be voided here")
    if isinstance(error, ReturnError) and error.code == "no_open_shift":
        return QCoreApplication.translate("VoidSale", "No shift is open")
    if isinstance(error, ApprovalRefused):
        return refusal_text(error)
    return QCoreApplication.translate("VoidSale", "The sale could not be voided: %1").replace(
        "%1", str(error)
    )


class VoidSaleFlow:
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
        self._voids = voids
        self._returns = returns
        self._staff = staff
        self._tasks = tasks
        self._parent = parent
        self._cashier = cashier
        self._ask_receipt = ask_receipt or self._ask_receipt_with_dialog
        self._open_dialog = open_dialog
        self._tell = tell or self._tell_with_box
        self.last_receipt_no = ""
        self.done: CompletedReturn | None = None

    def start(self) -> None:
        receipt_no = self._ask_receipt(self.last_receipt_no)
        if not receipt_no:
            return
        self._tasks.db(
            lambda: self._voids.check(receipt_no),
            lambda _ok: self._approve(receipt_no),
            lambda error: self._tell(void_problem_text(error), False),
        )

    def _approve(self, receipt_no: str) -> None:
        dialog = SupervisorApprovalDialog(
            self._staff,
            self._tasks,
            QCoreApplication.translate(
                "VoidSale", "Void sale %1: a supervisor's PIN and the reason"
            ).replace("%1", receipt_no),
            Action.VOID,
            need_reason=True,
            parent=self._parent,
        )
        if self._open_dialog(dialog) != QDialog.DialogCode.Accepted or dialog.approval is None:
            return
        approval, reason, cashier = dialog.approval, dialog.reason, self._cashier()
        self._tasks.db(
            lambda: self._voids.void(receipt_no, cashier, approval, reason),
            self._on_voided,
            lambda error: self._tell(void_problem_text(error), False),
        )

    def _on_voided(self, done: CompletedReturn) -> None:
        self.done = done
        returns = self._returns
        self._tasks.db(
            lambda: returns.print_return(done),
            None,
            lambda error: log.error("the void's return receipt did not print", exc_info=error),
        )
        self._tell(
            QCoreApplication.translate("VoidSale", "Sale %1 voided: refund %2 in cash (return %3)")
            .replace("%1", done.receipt_no)
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

    def _tell_with_box(self, text: str, ok: bool) -> None:
        if ok:
            QMessageBox.information(
                self._parent, QCoreApplication.translate("VoidSale", "Void a sale"), text
            )
        else:
            QMessageBox.warning(
                self._parent, QCoreApplication.translate("VoidSale", "Void a sale"), text
            )
