"""Voiding an allowance (作廢折讓) at the till (Tools menu): the allowance number from its
printed certificate, a supervisor's PIN and a reason, then the allowance document voided
(services/allowance_voids.py). The return it came with stays as it was."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from counter_app.core.einvoice import AllowanceRecord
from counter_app.services.allowance_voids import AllowanceVoidError, AllowanceVoidService
from counter_app.services.context import StaffMember
from counter_app.services.permissions import ApprovalRefused
from counter_app.services.staff import StaffService
from counter_app.ui.supervised_flow import SupervisedFlow
from counter_app.ui.supervisor_prompt import refusal_text
from counter_app.ui.task_runner import TaskRunner

ALLOWANCE_NO = re.compile(r"[A-Z]{2}[0-9]{8}-[0-9]{2}")


def _title() -> str:
    return QCoreApplication.translate("VoidAllowance", "Void an allowance")


def allowance_problem_text(error: BaseException) -> str:
    if isinstance(error, AllowanceVoidError):
        return {
            "not_found": QCoreApplication.translate(
                "VoidAllowance", "No allowance with that number on this till's invoices"
            ),
            "already_void": QCoreApplication.translate(
                "VoidAllowance", "That allowance is void already"
            ),
        }.get(error.code, str(error))
    if isinstance(error, ApprovalRefused):
        return refusal_text(error)
    return QCoreApplication.translate(
        "VoidAllowance", "The allowance could not be voided: %1"
    ).replace("%1", str(error))


class VoidAllowanceFlow(SupervisedFlow):
    """Ask, check, approve, void: each step on the right thread, none waiting for another."""

    def __init__(
        self,
        voids: AllowanceVoidService,
        staff: StaffService,
        tasks: TaskRunner,
        parent: QWidget,
        cashier: Callable[[], StaffMember],
        *,
        ask_number: Callable[[], str | None] | None = None,
        open_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec(),
        tell: Callable[[str, bool], None] | None = None,
    ) -> None:
        super().__init__(
            staff,
            tasks,
            parent,
            cashier,
            _title,
            allowance_problem_text,
            open_dialog=open_dialog,
            tell=tell,
        )
        self._voids = voids
        self._ask_number = ask_number or self._ask_number_with_dialog
        self.voided: AllowanceRecord | None = None

    def start(self) -> None:
        allowance_no = (self._ask_number() or "").strip().upper()
        if not allowance_no:
            return
        if not ALLOWANCE_NO.fullmatch(allowance_no):
            self._tell(
                QCoreApplication.translate(
                    "VoidAllowance", "An allowance number looks like AB12345678-01"
                ),
                False,
            )
            return
        self._check_then_approve(
            lambda: self._voids.check(allowance_no),
            QCoreApplication.translate(
                "VoidAllowance", "Void allowance %1: a supervisor's PIN and the reason"
            ).replace("%1", allowance_no),
            lambda cashier, approval, reason: self._voids.void(
                allowance_no, cashier, approval, reason
            ),
            self._on_voided,
        )

    def _on_voided(self, voided: AllowanceRecord) -> None:
        self.voided = voided
        self._tell(
            QCoreApplication.translate(
                "VoidAllowance",
                "Allowance %1 voided: the invoice is no longer reduced by it. "
                "The return and its refund stay as they were.",
            ).replace("%1", voided.allowance_no),
            True,
        )

    def _ask_number_with_dialog(self) -> str | None:
        text, ok = QInputDialog.getText(
            self._parent,
            _title(),
            QCoreApplication.translate(
                "VoidAllowance", "Allowance number (on the allowance certificate)"
            ),
            QLineEdit.EchoMode.Normal,
            "",
        )
        return text if ok else None
