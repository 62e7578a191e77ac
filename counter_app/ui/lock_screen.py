"""The locked screen, and the idle watcher that locks it.

``LockDialog`` covers the counter's window until the cashier who locked it enters
their PIN, or a supervisor (``Action.UNLOCK_ANY``, audited) enters theirs; "Switch
cashier" signs someone else in by name and PIN instead, without closing the shift.
While it is up it is the active modal window, so the scan router sends no scan to
the cart behind it, and Esc does not close it.

``IdleWatcher`` watches every key press, click and touch of the application and
says ``idle`` after a quiet spell (``settings.json``, ``"staff": {"idle_lock_minutes":
5}``; 0 turns it off).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.context import StaffMember
from counter_app.services.permissions import ApprovalRefused
from counter_app.services.staff import StaffService
from counter_app.ui.sign_in_dialog import SignInDialog
from counter_app.ui.supervisor_prompt import refusal_text
from counter_app.ui.task_runner import TaskRunner

DEFAULT_IDLE_LOCK_MINUTES = 5.0
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_lock_ms(section: dict[str, object]) -> int:
    """The idle time before the screen locks, from settings.json's "staff" section."""
    value = section.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)
    try:
        minutes = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        minutes = DEFAULT_IDLE_LOCK_MINUTES
    return max(0, int(minutes * 60_000))


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without a key press, click or touch."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_timeout(timeout_ms)

    def set_timeout(self, timeout_ms: int) -> None:
        self._timer.setInterval(max(0, timeout_ms))
        self.resume()

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self)

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()
        else:
            self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._timer.isActive():
            self._timer.start()  # from the top again
        return False


class LockDialog(QDialog):
    """Covers the window while the counter is locked; ``member`` is who carries on."""

    def __init__(
        self,
        staff: StaffService,
        tasks: TaskRunner,
        locked_by: StaffMember,
        store_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff = staff
        self._tasks = tasks
        self._store_name = store_name
        self.locked_by = locked_by
        self.member: StaffMember | None = None
        self.unlocked_by: StaffMember | None = None
        self.setWindowTitle(self.tr("Locked"))
        self.setObjectName("lockDialog")
        self.setStyleSheet(
            "#lockDialog { background: #23354d; } #lockPanel { background: white; border-radius: 10px; }"
        )
        title_font = QFont(self.font())
        title_font.setPointSize(title_font.pointSize() + 10)
        title_font.setBold(True)
        title = QLabel(self.tr("The counter is locked"))
        title.setFont(title_font)
        self.who = QLabel(
            self.tr("%1 locked it. Enter %1's PIN, or a supervisor's.").replace(
                "%1", locked_by.name
            )
        )
        self.who.setWordWrap(True)
        self.who.setStyleSheet("font-size: 16px;")
        self.pin = QLineEdit()
        self.pin.setObjectName("unlockPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setMinimumHeight(44)
        self.pin.setStyleSheet("font-size: 22px;")
        self.pin.returnPressed.connect(self.unlock)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-size: 15px;")
        self.unlock_button = QPushButton(self.tr("Unlock  (Enter)"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setMinimumHeight(48)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(lambda _checked=False: self.unlock())
        self.switch_button = QPushButton(self.tr("Switch cashier…  (F11)"))
        self.switch_button.setObjectName("switchCashier")
        self.switch_button.setMinimumHeight(48)
        self.switch_button.setShortcut("F11")
        # Enter is the PIN's: never "Switch cashier", even when it has the focus.
        self.switch_button.setAutoDefault(False)
        self.switch_button.clicked.connect(lambda _checked=False: self.switch_cashier())
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._end_wait)

        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setMaximumWidth(560)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        store = QLabel(store_name)
        store.setStyleSheet("color: #555; font-size: 15px;")
        inner.addWidget(store)
        inner.addWidget(title)
        inner.addWidget(self.who)
        inner.addWidget(self.pin)
        inner.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        if parent is not None:
            self.setGeometry(parent.window().geometry())
        else:
            self.resize(900, 600)
        self.pin.setFocus()

    # --- unlocking ------------------------------------------------------------------

    def unlock(self) -> None:
        pin, locked_by = self.pin.text(), self.locked_by
        if not pin or not self.unlock_button.isEnabled():
            return
        self._set_busy(True)
        # scrypt on the worker pool, never the GUI thread or the database thread.
        self._tasks.net(
            lambda: self._staff.unlock(locked_by, pin),
            self._on_unlocked,
            self._on_refused,
            owner=self,
        )

    def _on_unlocked(self, member: StaffMember) -> None:
        self._set_busy(False)
        self.unlocked_by = member
        self.member = self.locked_by  # a supervisor unlocks for the cashier, who carries on
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self.pin.clear()
        self.error.setText(refusal_text(error))
        if isinstance(error, ApprovalRefused) and error.code == "pin_locked":
            self._set_busy(True)  # the PIN entry waits out the lock-out
            self._wait.start(int(error.retry_after_s * 1000) + 50)

    def _end_wait(self) -> None:
        self._set_busy(False)
        self.error.setText("")

    def switch_cashier(self) -> None:
        dialog = SignInDialog(self._staff, self._tasks, self._store_name, self)
        self.sign_in_dialog = dialog
        dialog.accepted.connect(lambda: self._switched(dialog.member))
        dialog.open()

    def _switched(self, member: StaffMember | None) -> None:
        if member is None:
            return
        self.member = self.unlocked_by = member
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        # Read-only, not disabled: a disabled field would hand the focus (and the Enter
        # that is still on its way) to the next button, "Switch cashier".
        self.unlock_button.setEnabled(not busy)
        self.pin.setReadOnly(busy)
        if not busy:
            self.pin.setFocus()

    # --- it stays up until unlocked -------------------------------------------------

    def reject(self) -> None:
        """Esc (or closing the window) does not unlock."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)
