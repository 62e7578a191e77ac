"""Asks for a supervisor's PIN (and, where needed, a reason) before a guarded action."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.context import StaffMember
from counter_app.services.staff import StaffService
from counter_app.ui.task_runner import TaskRunner


class SupervisorApprovalDialog(QDialog):
    def __init__(
        self,
        staff: StaffService,
        tasks: TaskRunner,
        action: str,
        need_reason: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._tasks = tasks
        self._need_reason = need_reason
        self.supervisor: StaffMember | None = None
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
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(action))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _on_accept(self) -> None:
        pin = self.pin.text()
        self.buttons.setEnabled(False)  # the salted hash takes a moment: on the database thread
        self._tasks.db(lambda: self._staff.sign_in(pin), self._on_checked, self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(str(error))

    def _on_checked(self, member: StaffMember | None) -> None:
        self.buttons.setEnabled(True)
        if member is None or not member.is_supervisor:
            self.error.setText(self.tr("That PIN is not a supervisor's"))
            self.pin.clear()
            return
        if self._need_reason and not self.reason_edit.text().strip():
            self.error.setText(self.tr("Please give a reason"))
            return
        self.supervisor = member
        self.reason = self.reason_edit.text().strip()
        self.accept()
