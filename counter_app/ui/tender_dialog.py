"""The payment step: one or more tenders until nothing is left to pay, by keyboard.

F1..F12 pick a tender (the key is on its button); the amount starts at what is left;
card payments take the terminal's reference and approval code, mobile ones a reference,
vouchers their number and face value; cash goes last and gives the change. Enter adds
the payment (and completes the sale once nothing is left); Esc takes the last payment
back, or leaves when there is none. The rules are core/tenders.PaymentSplit's.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
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
from counter_app.core.tenders import (
    CASH,
    MAX_APPROVAL_CODE,
    MAX_REFERENCE,
    PaymentSplit,
    Tender,
    TenderedPayment,
    TenderError,
    TenderKind,
    looks_like_card_number,
    mask_reference,
)

MAX_KEYED_TENDERS = 12
QUICK_NOTES = (
    100,
    500,
    1000,
    2000,
)  # notes customers hand over in Taiwan  # F1..F12; more are still there to click


def _sized(label: QLabel, size: int) -> QLabel:
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label


class TenderDialog(QDialog):
    def __init__(
        self,
        total: Money,
        tenders: Sequence[Tender] = (CASH,),
        parent: QWidget | None = None,
        buyer_text: str = "",
        language: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment"))
        self.setObjectName("tenderDialog")
        self.total = total
        self.tenders = list(tenders) or [CASH]
        self.split = PaymentSplit(total.cents)
        self.payments: tuple[TenderedPayment, ...] = ()  # set when the sale is confirmed
        self.buyer: InvoiceBuyer = NO_BUYER
        self._language = language or QLocale().name()
        self.current: Tender = self.tenders[0]

        figures = QGridLayout()
        figures.addWidget(QLabel(self.tr("Total")), 0, 0)
        self.total_label = _sized(QLabel(total.format()), 18)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        figures.addWidget(self.total_label, 0, 1)
        figures.addWidget(QLabel(self.tr("Left to pay")), 1, 0)
        self.remaining_label = _sized(QLabel(), 32)
        self.remaining_label.setObjectName("remaining")
        self.remaining_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.remaining_label.setStyleSheet("color: #0d47a1;")
        figures.addWidget(self.remaining_label, 1, 1)
        figures.addWidget(QLabel(self.tr("Change")), 2, 0)
        self.change_label = _sized(QLabel("-"), 22)
        self.change_label.setObjectName("change")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        figures.addWidget(self.change_label, 2, 1)

        keys = QGridLayout()
        self.tender_buttons: dict[str, QPushButton] = {}
        self._by_key: dict[int, Tender] = {}  # F1.. -> tender; the fields pass F-keys up
        for index, tender in enumerate(self.tenders):
            key = f"F{index + 1}" if index < MAX_KEYED_TENDERS else ""
            label = tender.name(self._language)
            button = QPushButton(f"{label}\n({key})" if key else label)
            button.setObjectName(f"tender_{tender.code}")
            button.setCheckable(True)
            button.setStyleSheet(
                "QPushButton:checked { background: #0d47a1; color: white; font-weight: bold; }"
            )
            button.setMinimumHeight(56)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, t=tender: self.choose(t))
            keys.addWidget(button, index // 4, index % 4)
            self.tender_buttons[tender.code] = button
            if key:
                self._by_key[Qt.Key.Key_F1.value + index] = tender

        # Cash: notes customers hand over in Taiwan, one touch each (the amount field keeps
        # the focus, so Enter then takes the cash).
        self.quick_row = QWidget()
        quick = QHBoxLayout(self.quick_row)
        quick.setContentsMargins(0, 0, 0, 0)
        exact = QPushButton(self.tr("Exact"))
        exact.setObjectName("exact")
        exact.clicked.connect(lambda: self._quick(Money(max(self.split.remaining_cents, 0))))
        self.quick_buttons = [exact]
        for note in QUICK_NOTES:
            button = QPushButton(f"${note:,}")
            button.setObjectName(f"note{note}")
            button.clicked.connect(lambda _=False, n=note: self._quick(Money.from_dollars(n)))
            self.quick_buttons.append(button)
        for button in self.quick_buttons:
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)
            quick.addWidget(button)

        entry = QGridLayout()
        self.amount_caption = QLabel()
        entry.addWidget(self.amount_caption, 0, 0)
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("amount")
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.setFont(self.total_label.font())
        entry.addWidget(self.amount_edit, 0, 1)
        self.reference_caption = QLabel()
        entry.addWidget(self.reference_caption, 1, 0)
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("reference")
        self.reference_edit.setMaxLength(MAX_REFERENCE)
        entry.addWidget(self.reference_edit, 1, 1)
        self.approval_caption = QLabel(self.tr("Approval code"))
        entry.addWidget(self.approval_caption, 2, 0)
        self.approval_edit = QLineEdit()
        self.approval_edit.setObjectName("approval")
        self.approval_edit.setMaxLength(MAX_APPROVAL_CODE)
        self.approval_edit.setPlaceholderText(self.tr("From the card terminal's slip"))
        entry.addWidget(self.approval_edit, 2, 1)
        # E-invoice: a carrier (scan the customer's mobile barcode), a donation code or the
        # buyer's tax ID; empty prints the proof.
        entry.addWidget(QLabel(self.tr("E-invoice")), 3, 0)
        self.buyer_edit = QLineEdit(buyer_text)
        self.buyer_edit.setObjectName("einvoice_buyer")
        self.buyer_edit.setPlaceholderText(self.tr("Carrier, donation code or tax ID"))
        entry.addWidget(self.buyer_edit, 3, 1)

        self.paid_list = QListWidget()
        self.paid_list.setObjectName("payments")
        self.paid_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.paid_list.setMaximumHeight(110)
        self.note = QLabel("")
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        hint = QLabel(
            self.tr("Enter: take this payment · Esc: take the last payment back, or leave")
        )
        hint.setStyleSheet("color: #555555;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setDefault(True)
        self.confirm_button.setMinimumHeight(48)
        back = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        back.setAutoDefault(False)
        back.setMinimumHeight(48)
        self.back_button = back
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addLayout(keys)
        layout.addLayout(entry)
        layout.addWidget(self.quick_row)
        layout.addWidget(self.paid_list)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.buttons)
        layout.addLayout(row)

        self.amount_edit.textChanged.connect(self._preview)
        self.reference_edit.textChanged.connect(self._preview)
        self.approval_edit.textChanged.connect(self._preview)
        self.choose(self.current)

    # --- what the cashier does ----------------------------------------------------

    def choose(self, tender: Tender) -> None:
        """Pay the next part with ``tender``: its fields, the amount left as the default."""
        self.current = tender
        for code, button in self.tender_buttons.items():
            button.setChecked(code == tender.code)
        kind = tender.kind
        self.amount_caption.setText(
            self.tr("Face value")
            if kind is TenderKind.VOUCHER
            else self.tr("Received")
            if kind is TenderKind.CASH
            else self.tr("Amount")
        )
        self.reference_caption.setText(
            self.tr("Voucher number") if kind is TenderKind.VOUCHER else self.tr("Reference")
        )
        self.reference_edit.setPlaceholderText(
            self.tr("Transaction reference, never the card number")
            if kind is TenderKind.CARD
            else self.tr("Transaction reference")
            if kind is TenderKind.MOBILE
            else ""
        )
        uses_reference = kind is not TenderKind.CASH
        for widget in (self.reference_caption, self.reference_edit):
            widget.setVisible(uses_reference)
        for widget in (self.approval_caption, self.approval_edit):
            widget.setVisible(kind is TenderKind.CARD)
        self.quick_row.setVisible(kind is TenderKind.CASH)
        self.reference_edit.clear()
        self.approval_edit.clear()
        self._set_amount(Money(max(self.split.remaining_cents, 0)))
        self.message.setText("")
        self._refresh()
        self.amount_edit.setFocus()
        self.amount_edit.selectAll()

    def confirm(self) -> None:
        """Enter: take the payment being typed; once nothing is left, complete the sale."""
        if self.split.remaining_cents > 0:
            payment = self._take()
            if payment is None:
                return
            if self.split.remaining_cents > 0:
                self.choose(CASH if self._offers_cash() else self.current)
                return
        if not self.split.settled:
            return
        try:
            self.buyer = buyer_from_text(self.buyer_edit.text())
        except BuyerError as error:
            self.message.setText(self._buyer_problem_text(error.problem))
            self.buyer_edit.setFocus()
            self._refresh()
            return
        self.payments = tuple(self.split.payments)
        self.accept()

    def reject(self) -> None:
        """Esc or Back: the last payment is taken back; with none, the dialog closes."""
        removed = self.split.remove_last()
        if removed is None:
            super().reject()
            return
        self.message.setText("")
        self.choose(removed.tender)
        self.note.setText(
            self.tr("Taken back: %1 %2")
            .replace("%1", removed.tender.name(self._language))
            .replace("%2", Money(removed.amount_cents).format())
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window closed (not Esc): leave, taking nothing."""
        self.payments = ()
        QDialog.reject(self)
        event.accept()

    def on_scan(self, result: ScanResult, text: str) -> None:
        """A scan while the dialog is open: a carrier goes into the e-invoice field."""
        if isinstance(result, CarrierCode):
            self.buyer_edit.setText(result.carrier_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        tender = self._by_key.get(event.key())
        if tender is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if self.split.remaining_cents > 0:
                self.choose(tender)
            event.accept()
            return
        super().keyPressEvent(event)

    # --- inside -------------------------------------------------------------------

    def _offers_cash(self) -> bool:
        return any(t.code == CASH.code for t in self.tenders)

    def _quick(self, amount: Money) -> None:
        self._set_amount(amount)
        self.amount_edit.setFocus()

    def _set_amount(self, amount: Money) -> None:
        self.amount_edit.setText(amount.format(symbol=False).replace(",", ""))

    def _typed_amount(self) -> Money | None:
        text = self.amount_edit.text()
        if not text.strip():
            return None
        try:
            return Money.parse(text)
        except ValueError:
            return None

    def _take(self) -> TenderedPayment | None:
        amount = self._typed_amount()
        if amount is None:
            self.message.setText(self.tr("Enter the amount"))
            self.amount_edit.setFocus()
            return None
        try:
            payment = self.split.add(
                self.current, amount.cents, self.reference_edit.text(), self.approval_edit.text()
            )
        except TenderError as error:
            self._show_refusal(error)
            return None
        self.paid_list.addItem(self._describe(payment))
        self.note.setText(self._forfeit_note(payment))
        self.message.setText("")
        self._refresh()
        return payment

    def _preview(self, _text: str = "") -> None:
        """Change, or a voucher's forfeited excess, as the amount is typed."""
        amount = self._typed_amount()
        change = "-"
        note = ""
        if amount is not None and self.split.remaining_cents > 0:
            try:
                preview = self.split.preview(
                    self.current, amount.cents, self.reference_edit.text() or "-", "-"
                )
            except TenderError:
                preview = None
            if preview is not None:
                if preview.change_cents:
                    change = Money(preview.change_cents).format()
                note = self._forfeit_note(preview)
        elif self.split.change_cents:
            change = Money(self.split.change_cents).format()
        self.change_label.setText(change)
        settles = amount is not None and self._would_settle(amount)
        self.confirm_button.setText(
            self.tr("Complete sale (Enter)")
            if settles or self.split.remaining_cents <= 0
            else self.tr("Take payment (Enter)")
        )
        if note or not self.split.payments:
            self.note.setText(note)

    def _would_settle(self, amount: Money) -> bool:
        remaining = self.split.remaining_cents
        if remaining <= 0:
            return True
        if self.current.kind in (TenderKind.CASH, TenderKind.VOUCHER):
            return amount.cents >= remaining
        return amount.cents == remaining

    def _forfeit_note(self, payment: TenderedPayment) -> str:
        if not payment.forfeited_cents:
            return ""
        return self.tr(
            "Vouchers give no change: %1 of this voucher is forfeited (printed on the receipt)"
        ).replace("%1", Money(payment.forfeited_cents).format())

    def _refresh(self) -> None:
        remaining = Money(max(self.split.remaining_cents, 0))
        self.remaining_label.setText(remaining.format())
        for widget in (self.amount_edit, self.reference_edit, self.approval_edit):
            widget.setEnabled(remaining.cents > 0)
        for button in self.tender_buttons.values():
            button.setEnabled(remaining.cents > 0)
        self.back_button.setText(
            self.tr("Take back last (Esc)") if self.split.payments else self.tr("Back (Esc)")
        )
        self._preview()

    def _describe(self, payment: TenderedPayment) -> str:
        parts = [f"{payment.tender.name(self._language)}  {Money(payment.amount_cents).format()}"]
        if payment.reference:
            parts.append(mask_reference(payment.reference))
        if payment.approval_code:
            parts.append(self.tr("approval %1").replace("%1", payment.approval_code))
        if payment.change_cents:
            parts.append(
                self.tr("received %1, change %2")
                .replace("%1", Money(payment.tendered_cents).format())
                .replace("%2", Money(payment.change_cents).format())
            )
        if payment.forfeited_cents:
            parts.append(
                self.tr("face value %1").replace("%1", Money(payment.tendered_cents).format())
            )
        return " · ".join(parts)

    def _show_refusal(self, error: TenderError) -> None:
        texts = {
            "card_number": self.tr(
                "That looks like a card number. Never type card numbers: enter the "
                "terminal's reference and approval code."
            ),
            "reference_required": self.tr("Enter the reference"),
            "approval_required": self.tr("Enter the approval code from the terminal"),
            "exceeds_remaining": self.tr("More than is left to pay: %1").replace(
                "%1", Money(self.split.remaining_cents).format()
            ),
            "amount_not_positive": self.tr("Enter an amount above zero"),
            "reference_too_long": self.tr("The reference is too long"),
            "reference_invalid": self.tr("The reference holds a character that cannot be kept"),
            "too_many_payments": self.tr("No more payments fit on one sale"),
            "nothing_due": self.tr("Nothing is left to pay"),
        }
        self.message.setText(texts.get(error.code, str(error)))
        if error.code in ("card_number", "reference_required", "reference_too_long"):
            field = (
                self.approval_edit
                if error.code == "card_number" and self._approval_holds_card_number()
                else self.reference_edit
            )
            field.setFocus()
            field.selectAll()
        elif error.code == "approval_required":
            self.approval_edit.setFocus()
        else:
            self.amount_edit.setFocus()
            self.amount_edit.selectAll()

    def _approval_holds_card_number(self) -> bool:
        return looks_like_card_number(self.approval_edit.text())

    def _buyer_problem_text(self, problem: BuyerProblem) -> str:
        texts = {
            BuyerProblem.BAD_CARRIER: self.tr("Not a valid carrier"),
            BuyerProblem.BAD_DONATION_CODE: self.tr("Not a valid donation code"),
            BuyerProblem.BAD_TAX_ID: self.tr("Not a valid tax ID"),
        }
        return texts.get(problem, self.tr("Give a carrier, a donation code or a tax ID, not two"))
