"""The shift screen (F6): open the shift with a counted float, cash in and out with a
reason, the X report at any time, and the close with a count.

The screen decides nothing: ``ShiftService`` checks, computes and records; this screen
collects the count (pieces per NT$ denomination), shows the figures the service
returns and says its refusals in words. The count panel shows, as the cashier
counts, what the drawer should hold (the previous close's count when opening, the
shift's expected cash when closing) and the difference.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.money import Money
from counter_app.core.ops import MAX_CENTS
from counter_app.core.receipts import payment_label
from counter_app.core.records import ShiftRecord
from counter_app.services.context import StaffMember
from counter_app.services.permissions import Action
from counter_app.services.shifts import (
    COINS,
    DENOMINATIONS,
    MAX_PIECES,
    ShiftError,
    ShiftReport,
    ShiftService,
)
from counter_app.services.staff import Approval
from counter_app.ui.screens.base import Screen
from counter_app.ui.supervisor_prompt import refusal_text
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

AskApproval = Callable[[str, Action, Callable[[Approval], None]], None]
"""Ask a supervisor (prompt, action, then call back with the approval if granted)."""


def shift_error_text(error: BaseException) -> str:
    """The screen's words for a refusal of the shift service (by its code)."""
    translate = QCoreApplication.translate
    code = getattr(error, "code", "")
    texts = {
        "no_open_shift": translate("ShiftScreen", "No shift is open: count the float and open one"),
        "shift_already_open": translate("ShiftScreen", "A shift is already open"),
        "bad_count": translate("ShiftScreen", "The count is not valid"),
        "amount_required": translate("ShiftScreen", "Enter an amount above zero"),
        "amount_too_large": translate("ShiftScreen", "That amount is too large to record"),
        "reason_required": translate("ShiftScreen", "Please give a reason"),
        "reason_too_long": translate("ShiftScreen", "The reason is too long"),
        "not_enough_cash": translate("ShiftScreen", "The drawer should not hold that much cash"),
    }
    if code == "unsynced_operations" and isinstance(error, ShiftError):
        return translate(
            "ShiftScreen", "%1 operations still wait to sync: a supervisor must confirm the close"
        ).replace("%1", str(error.waiting))
    if code in texts:
        return texts[code]
    if code:  # an approval refused
        return refusal_text(error)
    return translate("ShiftScreen", "It was not saved: %1").replace("%1", str(error))


def tender_name(method: str, configured: Mapping[str, tuple[str, str]] | None = None) -> str:
    """A tender as the screen names it (the printed report keeps its Chinese labels); a
    tender head office added is named as configured, (中文, English) by language."""
    translate = QCoreApplication.translate
    names = {
        "cash": translate("ShiftScreen", "Cash"),
        "card": translate("ShiftScreen", "Card"),
        "voucher": translate("ShiftScreen", "Store voucher"),
        "jkopay": translate("ShiftScreen", "JKOPAY"),
        "easycard": translate("ShiftScreen", "EasyCard"),
        "ipass": translate("ShiftScreen", "iPASS"),
    }
    if method in names:
        return names[method]
    if configured and method in configured:
        zh, en = configured[method]
        return en if QLocale().name().startswith("en") else zh
    return payment_label(method)


class CountPanel(QWidget):
    """Pieces per denomination, the total, and the difference from what is expected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spins: dict[int, QSpinBox] = {}
        self._subtotals: dict[int, QLabel] = {}
        self._expected: Money | None = None
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        heading = QFont(self.font())
        heading.setBold(True)
        for column, text in enumerate(
            (self.tr("Denomination"), self.tr("Pieces"), self.tr("Amount"))
        ):
            label = QLabel(text)
            label.setFont(heading)
            grid.addWidget(label, 0, column)
        for row, denomination in enumerate(reversed(DENOMINATIONS), start=1):
            kind = self.tr("coin") if denomination in COINS else self.tr("note")
            grid.addWidget(QLabel(f"NT${denomination:,}  ({kind})"), row, 0)
            spin = QSpinBox()
            spin.setObjectName(f"pieces{denomination}")
            spin.setRange(0, MAX_PIECES)
            spin.setMinimumHeight(34)
            spin.setMinimumWidth(110)
            spin.valueChanged.connect(self._update)
            grid.addWidget(spin, row, 1)
            subtotal = QLabel(Money(0).format())
            subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(subtotal, row, 2)
            self.spins[denomination] = spin
            self._subtotals[denomination] = subtotal
        big = QFont(self.font())
        big.setPointSize(big.pointSize() + 5)
        big.setBold(True)
        row = len(DENOMINATIONS) + 1
        self.total_label = QLabel()
        self.total_label.setObjectName("countTotal")
        self.total_label.setFont(big)
        self.expected_label = QLabel()
        self.expected_label.setObjectName("countExpected")
        self.difference_label = QLabel()
        self.difference_label.setObjectName("countDifference")
        self.difference_label.setFont(big)
        grid.addWidget(QLabel(self.tr("Counted")), row, 0)
        grid.addWidget(self.total_label, row, 1, 1, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.expected_label, row + 1, 0, 1, 3)
        grid.addWidget(self.difference_label, row + 2, 0, 1, 3)
        self._update()

    def count(self) -> dict[int, int]:
        return {d: spin.value() for d, spin in self.spins.items() if spin.value()}

    def total(self) -> Money:
        return Money(sum(d * 100 * n for d, n in self.count().items()))

    def set_expected(self, expected: Money | None, caption: str) -> None:
        self._expected = expected
        self._caption = caption
        self._update()

    def clear(self) -> None:
        for spin in self.spins.values():
            spin.setValue(0)

    def _update(self, *_args: object) -> None:
        for denomination, spin in self.spins.items():
            self._subtotals[denomination].setText(
                Money.from_dollars(denomination * spin.value()).format()
            )
        total = self.total()
        self.total_label.setText(total.format())
        if self._expected is None:
            self.expected_label.setText("")
            self.difference_label.setText("")
            return
        self.expected_label.setText(f"{self._caption}: {self._expected.format()}")
        difference = total - self._expected
        color = "#1b7f3b" if difference.cents == 0 else "#b00020"
        self.difference_label.setStyleSheet(f"color: {color};")
        self.difference_label.setText(self.tr("Difference: %1").replace("%1", difference.format()))


class CashMovementDialog(QDialog):
    """Cash in or out: a whole-dollar amount and a reason (both required)."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(self.tr("Cash in") if kind == "in" else self.tr("Cash out"))
        self.amount = QSpinBox()
        self.amount.setObjectName("amount")
        self.amount.setRange(0, MAX_CENTS // 100)
        self.amount.setPrefix("NT$")
        self.amount.setMinimumHeight(34)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("e.g. change from the bank, paid the courier"))
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Cash amount"), self.amount)
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Record (Enter)"))
        back = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        back.setText(self.tr("Back (Esc)"))
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def _on_accept(self) -> None:
        if self.amount.value() <= 0:
            self.error.setText(shift_error_text(ShiftError("amount_required")))
        elif not self.reason.text().strip():
            self.error.setText(shift_error_text(ShiftError("reason_required")))
        else:
            self.accept()


class ShiftScreen(Screen):
    name = "shift"
    key = "F6"
    shift_changed = Signal()  # opened or closed: the sale screen and the status follow
    shift_closed = Signal(object)  # ShiftReport (Z)

    def __init__(
        self,
        shifts: ShiftService,
        tasks: TaskRunner,
        cashier: StaffMember,
        ask_approval: AskApproval,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._shifts = shifts
        self._tasks = tasks
        self.cashier = cashier
        self._ask_approval = ask_approval
        self.shift: ShiftRecord | None = None
        self.last_report: ShiftReport | None = None
        self.movement_dialog: CashMovementDialog | None = None
        self._busy = False
        self._build()

    # --- layout -------------------------------------------------------------------

    def _build(self) -> None:
        big = QFont(self.font())
        big.setPointSize(big.pointSize() + 6)
        big.setBold(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("shiftStatus")
        self.status_label.setFont(big)
        self.count_panel = CountPanel()
        self.count_caption = QLabel()
        self.count_caption.setStyleSheet("font-size: 15px;")

        def button(text: str, shortcut: str, slot: Callable[[], None], name: str) -> QPushButton:
            widget = QPushButton(f"{text}  ({shortcut})")
            widget.setObjectName(name)
            widget.setShortcut(QKeySequence(shortcut))
            widget.setMinimumHeight(48)
            widget.setStyleSheet("font-size: 16px;")
            widget.clicked.connect(lambda _checked=False: slot())
            return widget

        self.open_button = button(self.tr("Open the shift"), "Ctrl+O", self.open_shift, "openShift")
        self.cash_in_button = button(
            self.tr("Cash in…"), "Ctrl+I", lambda: self.ask_movement("in"), "cashIn"
        )
        self.cash_out_button = button(
            self.tr("Cash out…"), "Ctrl+U", lambda: self.ask_movement("out"), "cashOut"
        )
        self.x_button = button(self.tr("X report"), "Ctrl+R", self.x_report, "xReport")
        self.close_button = button(
            self.tr("Close the shift"), "Ctrl+K", self.close_shift, "closeShift"
        )
        self.figures = QTableWidget(0, 2)
        self.figures.setObjectName("figures")
        self.figures.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Sum")])
        self.figures.horizontalHeader().setStretchLastSection(True)
        self.figures.verticalHeader().setVisible(False)
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.figures.setColumnWidth(0, 260)
        self.report_title = QLabel()
        self.report_title.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 15px;")

        left = QVBoxLayout()
        left.addWidget(self.count_caption)
        left.addWidget(self.count_panel)
        left.addStretch(1)
        actions = QVBoxLayout()
        for widget in (
            self.open_button,
            self.cash_in_button,
            self.cash_out_button,
            self.x_button,
            self.close_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.report_title)
        right.addWidget(self.figures, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(actions, 2)
        body.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.addWidget(self.status_label)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self._show_state()

    # --- Screen -------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Shift")

    def on_show(self) -> None:
        self.reload()
        self._focus_back()

    def show_problem(self, text: str) -> None:
        self._show(text, "#b00020")

    def set_cashier(self, cashier: StaffMember) -> None:
        self.cashier = cashier

    # --- actions ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the open shift (and its figures so far, or the expected opening)."""
        self._tasks.db(self._load, self._on_loaded, self._on_failed, owner=self)

    def _load(self) -> tuple[ShiftRecord | None, ShiftReport | None, Money | None]:
        shift = self._shifts.current()
        if shift is None:
            return None, None, self._shifts.expected_opening()
        return shift, self._shifts.report(), None

    def _on_loaded(
        self, loaded: tuple[ShiftRecord | None, ShiftReport | None, Money | None]
    ) -> None:
        self.shift, report, expected_opening = loaded
        if report is not None:
            self.count_panel.set_expected(
                Money(report.expected_cents), self.tr("Expected in the drawer")
            )
            self._show_figures(report)
        else:
            self.count_panel.set_expected(expected_opening, self.tr("Counted at the last close"))
        self._show_state()

    def open_shift(self) -> None:
        if self._busy or self.shift is not None:
            return
        count, cashier = self.count_panel.count(), self.cashier
        self._run(lambda: self._shifts.open(cashier, count), self._on_opened)

    def _on_opened(self, shift: ShiftRecord) -> None:
        self.shift = shift
        self.count_panel.clear()
        self._show_success(
            self.tr("Shift opened with %1").replace("%1", Money(shift.opening_cents).format())
        )
        self.shift_changed.emit()
        self.reload()

    def ask_movement(self, kind: str) -> None:
        if self._busy:
            return
        if self.shift is None:
            self.show_problem(shift_error_text(ShiftError("no_open_shift")))
            return
        dialog = CashMovementDialog(kind, self)
        self.movement_dialog = dialog
        dialog.accepted.connect(
            lambda: self._move(
                kind, Money.from_dollars(dialog.amount.value()), dialog.reason.text()
            )
        )
        dialog.finished.connect(lambda _result: self._focus_back())
        dialog.open()

    def _focus_back(self) -> None:
        """A dialog closed: the keys work on this screen again."""
        self.window().activateWindow()
        self.count_panel.spins[DENOMINATIONS[-1]].setFocus()

    def _move(self, kind: str, amount: Money, reason: str) -> None:
        cashier = self.cashier
        move = self._shifts.cash_in if kind == "in" else self._shifts.cash_out
        done = self.tr("Cash in: %1") if kind == "in" else self.tr("Cash out: %1")
        self._run(
            lambda: move(cashier, amount, reason),
            lambda _m: self._after_move(done.replace("%1", amount.format())),
        )

    def _after_move(self, text: str) -> None:
        self._show_success(text)
        self.reload()

    def x_report(self) -> None:
        if self._busy:
            return
        self._run(self._shifts.report, self._on_x_report)

    def _on_x_report(self, report: ShiftReport) -> None:
        self._show_figures(report)
        self._tasks.db(
            lambda: self._shifts.print_report(report), None, self._on_print_failed, owner=self
        )
        self._show_success(self.tr("X report printed"))

    def close_shift(self, approval: Approval | None = None) -> None:
        if self._busy or self.shift is None:
            return
        count, cashier = self.count_panel.count(), self.cashier
        self._run(
            lambda: self._shifts.close(cashier, count, approval),
            self._on_closed,
            self._on_close_refused,
        )

    def _on_close_refused(self, error: BaseException) -> None:
        if isinstance(error, ShiftError) and error.code == "unsynced_operations":
            self.show_problem(shift_error_text(error))
            prompt = self.tr("Close the shift with %1 operations not yet synced").replace(
                "%1", str(error.waiting)
            )
            self._ask_approval(prompt, Action.CLOSE_SHIFT_UNSYNCED, self.close_shift)
            return
        self._on_failed(error)

    def _on_closed(self, report: ShiftReport) -> None:
        self.shift = None
        self.count_panel.clear()
        self._show_figures(report)
        self._tasks.db(
            lambda: self._shifts.print_report(report), None, self._on_print_failed, owner=self
        )
        difference = Money(report.difference_cents or 0)
        self._show_success(
            self.tr("Shift closed. Difference %1. The Z report is printing.").replace(
                "%1", difference.format()
            )
        )
        self.shift_closed.emit(report)
        self.shift_changed.emit()
        self.reload()

    # --- inside -------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[], object],
        on_done: Callable[..., None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._busy = True
        self._show_state()

        def done(result: object) -> None:
            self._busy = False
            self._show_state()
            on_done(result)

        def failed(error: BaseException) -> None:
            self._busy = False
            self._show_state()
            (on_failed or self._on_failed)(error)

        self._tasks.db(work, done, failed, owner=self)

    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, ShiftError):
            log.error("shift action failed", exc_info=error)
        self.show_problem(shift_error_text(error))

    def _on_print_failed(self, error: BaseException) -> None:
        log.error("report not printed", exc_info=error)
        self.show_problem(self.tr("The report was not printed: %1").replace("%1", str(error)))

    def _show_state(self) -> None:
        is_open = self.shift is not None
        if is_open and self.shift is not None:
            self.status_label.setText(
                self.tr("Shift open since %1 (%2)")
                .replace("%1", self.shift.opened_at[11:16])
                .replace("%2", self.shift.opened_by_name)
            )
            self.count_caption.setText(self.tr("To close: count the drawer, then Close the shift"))
        else:
            self.status_label.setText(self.tr("No shift open"))
            self.count_caption.setText(self.tr("To open: count the float, then Open the shift"))
        self.open_button.setEnabled(not is_open and not self._busy)
        for widget in (self.cash_in_button, self.cash_out_button, self.x_button, self.close_button):
            widget.setEnabled(is_open and not self._busy)

    def _show_figures(self, report: ShiftReport) -> None:
        self.last_report = report
        self.report_title.setText(
            self.tr("Z report (closed)") if report.kind == "Z" else self.tr("X report (so far)")
        )
        rows: list[tuple[str, str]] = []
        for tender in report.tenders:
            rows.append(
                (
                    self.tr("%1: %2 sales")
                    .replace("%1", tender_name(tender.method, report.tender_names))
                    .replace("%2", str(tender.sales_count)),
                    Money(tender.sales_cents).format(),
                )
            )
        rows += [
            (self.tr("Opening float"), Money(report.opening_cents).format()),
        ]
        if report.opening_difference_cents:
            rows.append(
                (
                    self.tr("  difference from the last close"),
                    Money(report.opening_difference_cents).format(),
                )
            )
        rows += [
            (self.tr("Cash sales"), Money(report.cash_sales_cents).format()),
            (self.tr("Cash refunds"), (-Money(report.cash_refunds_cents)).format()),
            (self.tr("Cash in"), Money(report.cash_in_cents).format()),
            (self.tr("Cash out"), (-Money(report.cash_out_cents)).format()),
            (self.tr("Expected in the drawer"), Money(report.expected_cents).format()),
        ]
        if report.counted_cents is not None:
            rows += [
                (self.tr("Counted"), Money(report.counted_cents).format()),
                (self.tr("Difference"), Money(report.difference_cents or 0).format()),
            ]
        if report.voided_carts:
            rows.append(
                (
                    self.tr("Carts voided: %1").replace("%1", str(report.voided_carts)),
                    Money(report.voided_cents).format(),
                )
            )
        rows.append((self.tr("Operations waiting to sync"), str(report.unsynced_ops)))
        self.figures.setRowCount(len(rows))
        for row, (label, value) in enumerate(rows):
            self.figures.setItem(row, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figures.setItem(row, 1, item)

    def figure(self, label: str) -> str | None:
        """The value shown beside ``label`` (for tests and the guide's screenshots)."""
        for row in range(self.figures.rowCount()):
            if self.figures.item(row, 0).text() == label:
                return self.figures.item(row, 1).text()
        return None

    def _show(self, text: str, color: str) -> None:
        self.message.setStyleSheet(f"color: {color}; font-size: 15px;")
        self.message.setText(text)

    def _show_success(self, text: str) -> None:
        self._show(text, "#1b7f3b")
