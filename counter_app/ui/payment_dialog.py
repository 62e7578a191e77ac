"""Cash tender: type what the customer handed over, see the change, confirm."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.codes import ScanResult
from counter_app.core.einvoice_codes import (
    NO_BUYER,
    BuyerError,
    BuyerProblem,
    CarrierCode,
    InvoiceBuyer,
    buyer_from_text,
)
from counter_app.core.money import Money

# Notes customers hand over in Taiwan.
QUICK_NOTES = (100, 500, 1000, 2000)


def _big(label: QLabel, size: int) -> QLabel:
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label


class CashPaymentDialog(QDialog):
    def __init__(self, total: Money, parent: QWidget | None = None, buyer_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cash payment"))
        self.total = total
        self.tendered: Money | None = None
        self.buyer: InvoiceBuyer = NO_BUYER

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Total")), 0, 0)
        self.total_label = _big(QLabel(total.format()), 22)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.total_label, 0, 1)
        grid.addWidget(QLabel(self.tr("Received")), 1, 0)
        self.tendered_edit = QLineEdit()
        self.tendered_edit.setObjectName("tendered")
        self.tendered_edit.setPlaceholderText(self.tr("Amount received"))
        self.tendered_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.tendered_edit.setFont(self.total_label.font())
        grid.addWidget(self.tendered_edit, 1, 1)
        grid.addWidget(QLabel(self.tr("Change")), 2, 0)
        self.change_label = _big(QLabel("-"), 22)
        self.change_label.setObjectName("change")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.change_label, 2, 1)
        # E-invoice: a carrier (scan the customer's mobile barcode), a donation code or the
        # buyer's tax ID; empty prints the proof.
        grid.addWidget(QLabel(self.tr("E-invoice")), 3, 0)
        self.buyer_edit = QLineEdit(buyer_text)
        self.buyer_edit.setObjectName("einvoice_buyer")
        self.buyer_edit.setPlaceholderText(self.tr("Carrier, donation code or tax ID"))
        grid.addWidget(self.buyer_edit, 3, 1)

        quick = QHBoxLayout()
        exact = QPushButton(self.tr("Exact"))
        exact.setObjectName("exact")
        exact.clicked.connect(lambda: self._set_tendered(self.total))
        self.quick_buttons = [exact]
        for note in QUICK_NOTES:
            button = QPushButton(f"${note:,}")
            button.setObjectName(f"note{note}")
            button.setEnabled(Money.from_dollars(note) >= total)  # a smaller note cannot pay
            button.clicked.connect(
                lambda _=False, n=note: self._set_tendered(Money.from_dollars(n))
            )
            self.quick_buttons.append(button)
        for button in self.quick_buttons:
            # A click fills the amount and leaves the focus in it, so Enter completes the
            # sale rather than pressing the note again.
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            quick.addWidget(button)

        self.message = QLabel("")
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        complete = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        complete.setText(self.tr("Complete sale"))
        complete.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Back"))
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(quick)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.tendered_edit.textChanged.connect(self._on_tendered_changed)
        self._on_tendered_changed("")
        self.tendered_edit.setFocus()

    def _set_tendered(self, amount: Money) -> None:
        self.tendered_edit.setText(amount.format(symbol=False).replace(",", ""))
        self.tendered_edit.setFocus()

    def _parsed(self) -> Money | None:
        text = self.tendered_edit.text()
        if not text.strip():
            return None
        try:
            return Money.parse(text)
        except ValueError:
            return None

    def _on_tendered_changed(self, _text: str) -> None:
        amount = self._parsed()
        ok = amount is not None and amount >= self.total
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if amount is None:
            self.change_label.setText("-")
            self.message.setText(
                self.tr("Enter the amount received") if self.tendered_edit.text().strip() else ""
            )
        elif amount < self.total:
            self.change_label.setText("-")
            self.message.setText(
                self.tr("Short by %1").replace("%1", (self.total - amount).format())
            )
        else:
            self.change_label.setText((amount - self.total).format())
            self.message.setText("")

    def on_scan(self, result: ScanResult, text: str) -> None:
        """A scan while the dialog is open: a carrier goes into the e-invoice field."""
        if isinstance(result, CarrierCode):
            self.buyer_edit.setText(result.carrier_id)

    def _buyer_problem_text(self, problem: BuyerProblem) -> str:
        texts = {
            BuyerProblem.BAD_CARRIER: self.tr("Not a valid carrier"),
            BuyerProblem.BAD_DONATION_CODE: self.tr("Not a valid donation code"),
            BuyerProblem.BAD_TAX_ID: self.tr("Not a valid tax ID"),
        }
        return texts.get(problem, self.tr("Give a carrier, a donation code or a tax ID, not two"))

    def _on_accept(self) -> None:
        amount = self._parsed()
        if amount is None or amount < self.total:
            return
        try:
            self.buyer = buyer_from_text(self.buyer_edit.text())
        except BuyerError as error:
            self.message.setText(self._buyer_problem_text(error.problem))
            self.buyer_edit.setFocus()
            return
        self.tendered = amount
        self.accept()
