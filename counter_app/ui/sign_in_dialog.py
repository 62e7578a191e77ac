"""Staff sign-in with a PIN; works offline against hashes in the local cache."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter_app.services.context import StaffMember
from counter_app.services.staff import StaffService


class SignInDialog(QDialog):
    def __init__(self, staff: StaffService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._staff = staff
        self.member: StaffMember | None = None
        self.setWindowTitle(self.tr("Sign in"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("Staff PIN"))
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Enter your PIN")))
        layout.addWidget(self.pin)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_accept(self) -> None:
        member = self._staff.sign_in(self.pin.text())
        if member is None:
            self.error.setText(self.tr("Wrong PIN"))
            self.pin.clear()
            return
        self.member = member
        self.accept()


def ask_for_staff(staff: StaffService) -> StaffMember | None:
    dialog = SignInDialog(staff)
    return dialog.member if dialog.exec() == QDialog.DialogCode.Accepted else None
