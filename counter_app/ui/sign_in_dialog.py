"""Staff sign-in with a name and a PIN; works offline against hashes in the local cache.
The slow salted hash is checked on the task runner's worker pool, never on the GUI
thread or the database thread. Repeated wrong PINs lock the PIN entry for a while
(``StaffService``): the dialog says for how long."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
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
from counter_app.ui.supervisor_prompt import refusal_text
from counter_app.ui.task_runner import TaskRunner


class SignInDialog(QDialog):
    def __init__(
        self, staff: StaffService, tasks: TaskRunner, store_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._tasks = tasks
        self.member: StaffMember | None = None
        self.setWindowTitle(self.tr("Sign in"))
        self.name = QComboBox()
        self.name.setObjectName("staffName")
        self.name.setMinimumHeight(34)
        for member in staff.staff_here():
            self.name.addItem(member.name, member.id)
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("Staff PIN"))
        self.pin.setMinimumHeight(34)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        # The keys on the buttons: the whole day works by keyboard (Enter, Esc).
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in (Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel (Esc)"))
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(store_name))
        layout.addWidget(QLabel(self.tr("Enter your PIN")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)
        self.pin.setFocus()

    def _on_accept(self) -> None:
        pin, staff_id = self.pin.text(), self.name.currentData()
        if staff_id is None:
            return
        self.buttons.setEnabled(False)
        # scrypt on the worker pool: the database thread stays free for scans.
        self._tasks.net(
            lambda: self._staff.sign_in_as(int(staff_id), pin), self._on_checked, self._on_failed
        )

    def _on_checked(self, member: StaffMember | None) -> None:
        self.buttons.setEnabled(True)
        if member is None:
            self.error.setText(self.tr("Wrong PIN"))
            self.pin.clear()
            return
        self.member = member
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.pin.clear()
        self.error.setText(refusal_text(error))


def ask_for_staff(
    staff: StaffService, tasks: TaskRunner, store_name: str, parent: QWidget | None = None
) -> StaffMember | None:
    dialog = SignInDialog(staff, tasks, store_name, parent)
    return dialog.member if dialog.exec() == QDialog.DialogCode.Accepted else None
