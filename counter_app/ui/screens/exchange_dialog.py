"""The exchange dialog of the returns screen (F5): scan what comes back and what goes out
(a size swap is two scans: ``route_scan`` decides which side a scan goes to), see the
difference, and settle it. A difference the customer pays is taken with the sale
screen's tender dialog (any tenders, split, cash with its change); one given back goes
to the tenders that paid the original, each its share, with the card and mobile parts'
references typed in the returns screen's panel (ui/screens/refund_tenders.py), or all in
cash (a supervisor approves when other tenders paid). One transaction in
``ExchangeService.complete``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice_codes import NO_BUYER, InvoiceBuyer
from counter_app.core.money import Money
from counter_app.core.tenders import CASH, Tender, TenderedPayment
from counter_app.services.context import StaffMember
from counter_app.services.exchanges import (
    CompletedExchange,
    ExchangeQuote,
    ExchangeService,
    route_scan,
)
from counter_app.services.permissions import Action
from counter_app.services.returns import (
    DISPOSITIONS,
    RefundAs,
    ReturnableSale,
    ReturnChoice,
    ReturnError,
)
from counter_app.services.staff import Approval
from counter_app.ui.screens.refund_tenders import RefundTendersPanel
from counter_app.ui.screens.returns_panels import (
    AskApproval,
    DispositionName,
    ErrorText,
    right_aligned,
)
from counter_app.ui.tables import return_lines_table
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog

log = logging.getLogger(__name__)

Paid = tuple[Sequence[TenderedPayment], InvoiceBuyer]
# The difference to pay, the tenders offered, the parent: the payments and the buyer, or
# None when the cashier went back.
AskTender = Callable[[Money, Sequence[Tender], QWidget], Paid | None]


def ask_tender_with_dialog(total: Money, tenders: Sequence[Tender], parent: QWidget) -> Paid | None:
    dialog = TenderDialog(total, tenders, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.payments, dialog.buyer


class ExchangeDialog(QDialog):
    """An exchange of a found sale (see the module's doc)."""

    BACK_QTY_COLUMN = 2

    def __init__(
        self,
        service: ExchangeService,
        sale: ReturnableSale,
        chosen: dict[str, int],
        tasks: TaskRunner,
        cashier: StaffMember,
        ask_approval: AskApproval,
        error_text: ErrorText,
        disposition_name: DispositionName,
        parent: QWidget | None = None,
        *,
        tenders: Mapping[str, Tender] | None = None,
        ask_tender: AskTender = ask_tender_with_dialog,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exchange"))
        self.setObjectName("exchangeDialog")
        self.resize(900, 620)
        self._service = service
        self.sale = sale
        self._tasks = tasks
        self._cashier = cashier
        self._ask_approval = ask_approval
        self._error_text = error_text
        self._ask_tender = ask_tender
        self._tenders = dict(tenders or {CASH.code: CASH})  # every tender by code: names
        self.pay_tenders: list[Tender] = [CASH]  # what pays a difference, once read
        self.new = Cart()
        self.done_exchange: CompletedExchange | None = None
        self._busy = False

        self.code = QLineEdit()
        self.code.setObjectName("exchangeCode")
        self.code.setPlaceholderText(
            self.tr("Scan what comes back, then what the customer takes instead")
        )
        self.code.returnPressed.connect(lambda: self.scan(self.code.text()))
        self.back = return_lines_table(
            "exchangeBack",
            [self.tr("Product"), self.tr("Paid"), self.tr("Comes back"), self.tr("Goes to")],
            380,
        )
        self.back.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            self.back.setItem(row, 0, QTableWidgetItem(f"{line.name}  {line.sku}"))
            self.back.setItem(row, 1, right_aligned(line.line_total.format()))
            spin = QSpinBox()
            spin.setObjectName(f"exchangeBack{row}")
            spin.setRange(0, line.returnable)
            spin.setValue(min(line.returnable, chosen.get(line.line_id, 0)))
            spin.valueChanged.connect(lambda _v: self._update())
            self.back.setCellWidget(row, self.BACK_QTY_COLUMN, spin)
            combo = QComboBox()
            combo.setObjectName(f"exchangeDisposition{row}")
            for disposition in DISPOSITIONS:
                combo.addItem(disposition_name(disposition), disposition)
            self.back.setCellWidget(row, self.BACK_QTY_COLUMN + 1, combo)
        self.out = return_lines_table(
            "exchangeOut",
            [self.tr("Product"), self.tr("Price"), self.tr("Qty"), self.tr("Amount")],
            380,
        )
        self.difference = QLabel()
        self.difference.setObjectName("exchangeDifference")
        self.difference.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.refund_tenders = RefundTendersPanel(self)
        self.refund_tenders.setObjectName("exchangeRefundTenders")
        self.refund_tenders.changed.connect(self._update)
        self.message = QLabel()
        self.message.setObjectName("exchangeMessage")
        self.message.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Complete the exchange"))
        self.confirm_button.setObjectName("confirmExchange")
        self.confirm_button.setMinimumHeight(48)
        self.confirm_button.clicked.connect(lambda _checked=False: self.confirm())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Original receipt %1").replace("%1", sale.receipt_no)))
        layout.addWidget(self.code)
        layout.addWidget(QLabel(self.tr("Comes back")))
        layout.addWidget(self.back, 1)
        layout.addWidget(QLabel(self.tr("Goes out")))
        layout.addWidget(self.out, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.difference, 1)
        bottom.addWidget(close)
        bottom.addWidget(self.confirm_button)
        layout.addLayout(bottom)
        layout.addWidget(self.refund_tenders)
        layout.addWidget(self.message)
        self._update()
        tasks.db(service.tenders, self._tenders_read, self._tenders_not_read, owner=self)

    # --- scans --------------------------------------------------------------------

    def on_scan(self, result: object, text: str) -> None:
        """A scanner read a code while the dialog is open (the scan router sends it)."""
        self.scan(text)

    def scan(self, code: str) -> None:
        code = code.strip()
        self.code.clear()
        if not code or self._busy:
            return

        def failed(error: BaseException) -> None:
            self._say(self._error_text(error), "#b00020")

        self._tasks.db(lambda: self._service.product(code), self._scanned, failed, owner=self)

    def chosen(self) -> dict[str, int]:
        out = {}
        for row, line in enumerate(self.sale.lines):
            spin = self.back.cellWidget(row, self.BACK_QTY_COLUMN)
            if isinstance(spin, QSpinBox) and spin.value():
                out[line.line_id] = spin.value()
        return out

    def choices(self) -> list[ReturnChoice]:
        dispositions = {}
        for row, line in enumerate(self.sale.lines):
            combo = self.back.cellWidget(row, self.BACK_QTY_COLUMN + 1)
            if isinstance(combo, QComboBox):
                dispositions[line.line_id] = str(combo.currentData())
        return [
            ReturnChoice(line_id, qty, dispositions.get(line_id, "restock_here"))
            for line_id, qty in self.chosen().items()
        ]

    def confirm(self) -> None:
        """A difference to pay: the tender dialog first (going back there cancels
        nothing); then the exchange with how a difference given back is refunded."""
        if self._busy or not self.confirm_button.isEnabled():
            return
        payments: Sequence[TenderedPayment] = ()
        buyer = NO_BUYER
        quote = self._quote()
        if quote.to_pay.cents > 0:
            paid = self._ask_tender(quote.to_pay, self.pay_tenders, self)
            if paid is None:
                return
            payments, buyer = paid
        self._complete(payments, buyer, None)

    def _complete(
        self,
        payments: Sequence[TenderedPayment],
        buyer: InvoiceBuyer,
        approval: Approval | None,
    ) -> None:
        receipt_no, choices, new, cashier = (
            self.sale.receipt_no,
            self.choices(),
            self._cart_copy(),
            self._cashier,
        )
        refund_as = RefundAs(self.refund_tenders.cash_instead(), self.refund_tenders.references())

        def work() -> CompletedExchange:
            done = self._service.complete(
                receipt_no,
                choices,
                new,
                cashier,
                None,
                approval,
                buyer,
                payments,
                refund_as=refund_as,
            )
            try:
                self._service.print_exchange(done)
            except Exception:  # recorded; a reprint is the way out
                log.exception("exchange receipt not printed")
            return done

        def failed(error: BaseException) -> None:
            self._busy = False
            self._update()
            if isinstance(error, ReturnError) and error.code == "approval_required":
                self._ask_approval(
                    self.tr("A supervisor approves this refund"),
                    Action.REFUND_OVER_LIMIT,
                    lambda given: self._complete(payments, buyer, given),
                )
                return
            self._say(self._error_text(error), "#b00020")

        self._busy = True
        self.confirm_button.setEnabled(False)
        self._tasks.db(work, self._done, failed, owner=self)

    # --- inside -------------------------------------------------------------------

    def _scanned(self, result: object) -> None:
        assert isinstance(result, ProductInfo)
        line_id = route_scan(self.sale, self.chosen(), result.id)
        if line_id is not None:
            row = next(i for i, line in enumerate(self.sale.lines) if line.line_id == line_id)
            spin = self.back.cellWidget(row, self.BACK_QTY_COLUMN)
            if isinstance(spin, QSpinBox):
                spin.setValue(spin.value() + 1)
            self._say(self.tr("%1 comes back").replace("%1", result.name), "#333333")
            return
        self.new.add(result)
        self._show_new()
        self._say(self.tr("%1 goes out").replace("%1", result.name), "#333333")

    def _show_new(self) -> None:
        self.out.setRowCount(len(self.new.lines))
        for row, line in enumerate(self.new.lines):
            self.out.setItem(row, 0, QTableWidgetItem(f"{line.product.name}  {line.product.sku}"))
            self.out.setItem(row, 1, right_aligned(line.unit_price.format()))
            self.out.setItem(row, 2, right_aligned(str(line.qty)))
            self.out.setItem(row, 3, right_aligned(line.total.format()))
        self._update()

    def _cart_copy(self) -> Cart:
        copy = Cart()
        for line in self.new.lines:
            copy.add(line.product, line.qty)
        return copy

    def _quote(self) -> ExchangeQuote:
        return self._service.quote(self.sale, self.choices(), self.new)

    def _tenders_read(self, tenders: object) -> None:
        assert isinstance(tenders, list)
        self.pay_tenders = tenders or [CASH]

    def _tenders_not_read(self, error: BaseException) -> None:
        log.warning("tenders not read from the cache (%s): a difference is paid in cash", error)

    def _update(self) -> None:
        quote = self._quote()
        if quote.net.cents > 0:
            text = self.tr("Customer pays %1").replace("%1", quote.to_pay.format())
        elif quote.net.cents < 0:
            text = self.tr("Give back %1").replace("%1", quote.to_refund.format())
        else:
            text = self.tr("Even exchange: no money moves")
        self.difference.setText(
            self.tr("Back %1, out %2.")
            .replace("%1", quote.refund.format())
            .replace("%2", quote.new_total.format())
            + "  "
            + text
        )
        self._show_refund_parts(quote)
        self.confirm_button.setEnabled(
            not self._busy and bool(self.chosen()) and not self.new.is_empty()
        )

    def _show_refund_parts(self, quote: ExchangeQuote) -> None:
        """A difference given back: each tender's part, with its reference fields."""
        parts = []
        if quote.to_refund.cents > 0:
            try:
                parts = self._service.difference_split(
                    self.sale,
                    self.choices(),
                    self.new,
                    to_cash=self.refund_tenders.cash_instead(),
                    tenders=self._tenders,
                )
            except ReturnError:
                parts = []
        self.refund_tenders.show_parts(parts, self._tenders)
        self.refund_tenders.setVisible(bool(parts))

    def _done(self, result: object) -> None:
        assert isinstance(result, CompletedExchange)
        self._busy = False
        self.done_exchange = result
        self.confirm_button.setEnabled(False)
        change = (
            "  " + self.tr("Change %1").replace("%1", result.change.format())
            if result.change.cents
            else ""
        )
        self._say(self.tr("Exchange %1 done").replace("%1", result.receipt_no) + change, "#1b5e20")

    def _say(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"font-size: 15px; color: {colour};")
        self.message.setText(text)
