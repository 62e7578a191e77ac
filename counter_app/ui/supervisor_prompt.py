"""Asks for a supervisor's (or manager's) PIN and, where needed, a reason before a guarded
action. The dialog decides nothing: the staff service checks the PIN against the
permission table and issues an ``Approval``, which the service performing the action
redeems. The salted hash is checked on the task runner's worker pool, so the
database thread keeps serving scans meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.staff import Approval, StaffService
from counter_app.ui.task_runner import TaskRunner


def refusal_text(error: BaseException) -> str:
    """The screen's words for an approval the services refused (by its code)."""
    code = error.code if isinstance(error, ApprovalRefused) else ""
    action = error.action if isinstance(error, ApprovalRefused) else None
    translate = QCoreApplication.translate  # lupdate reads translate(context, text)
    if code == "wrong_pin":
        return translate("SupervisorApprovalDialog", "Wrong PIN")
    if code == "pin_locked" and isinstance(error, ApprovalRefused):
        seconds = max(1, round(error.retry_after_s))
        return translate(
            "SupervisorApprovalDialog", "Too many wrong PINs: try again in %1 seconds"
        ).replace("%1", str(seconds))
    if code == "pin_too_short":
        return translate(
            "SupervisorApprovalDialog",
            "This PIN is too short to approve: ask the office for a PIN of 6 digits or more",
        )
    if code == "not_permitted" and action is Action.DEVICE_SETTINGS:
        return translate("SupervisorApprovalDialog", "Device settings need a manager's PIN")
    if code == "not_permitted" and action is Action.SETUP_WIZARD:
        return translate("SupervisorApprovalDialog", "The set-up wizard needs a manager's PIN")
    if code == "not_permitted":
        return translate("SupervisorApprovalDialog", "That PIN is not a supervisor's")
    if code == "reason_required":
        return translate("SupervisorApprovalDialog", "Please give a reason")
    if code in ("expired", "not_issued", "wrong_action"):
        return translate("SupervisorApprovalDialog", "The approval has expired; ask again")
    return translate("SupervisorApprovalDialog", "The approval could not be checked; try again")


class SupervisorApprovalDialog(QDialog):
    def __init__(
        self,
        staff: StaffService,
        tasks: TaskRunner,
        prompt: str,
        action: Action,
        need_reason: bool = True,
        parent: QWidget | None = None,
        *,
        session: bool = False,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._tasks = tasks
        self._action = action
        self._need_reason = need_reason
        self._session = session
        self.approval: Approval | None = None
        self.reason = ""
        self.setWindowTitle(self.tr("Supervisor approval"))
        self.pin = QLineEdit()
        self.pin.setObjectName("supervisorPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reason")
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Supervisor PIN"), self.pin)
        if need_reason:
            form.addRow(self.tr("Reason"), self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Approve (Enter)"))
        back = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        back.setText(self.tr("Back (Esc)"))
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _on_accept(self) -> None:
        if self._need_reason and not self.reason_edit.text().strip():
            self.error.setText(refusal_text(ApprovalRefused("reason_required", self._action)))
            return
        pin, action, session = self.pin.text(), self._action, self._session
        self.buttons.setEnabled(False)
        # scrypt takes a moment: on the worker pool, never the database thread the scans use.
        self._tasks.net(
            lambda: self._staff.approve(pin, action, session=session),
            self._on_approved,
            self._on_refused,
        )

    def _on_refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(refusal_text(error))
        self.pin.clear()

    def _on_approved(self, approval: Approval) -> None:
        self.buttons.setEnabled(True)
        self.approval = approval
        self.reason = self.reason_edit.text().strip()
        self.accept()
