"""The returns screen (F7): scan the receipt's barcode (from any screen: the scan router
sends ``receipt`` scans here) or type its number, choose how many of each line come
back and where they go, and take the return: the cash refund, the return receipt and
the drawer.

The screen decides nothing: ``ReturnsService`` finds the sale, checks the quantities,
computes the refund and records it all in one transaction; this screen shows what it
returns and says its refusals in words. A refund above the cashier's limit asks a
supervisor (the service redeems the approval).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.codes import ScanResult
from counter_app.core.money import Money
from counter_app.core.tenders import CASH_CODE, Tender
from counter_app.services.context import StaffMember
from counter_app.services.exchanges import ExchangeService
from counter_app.services.no_receipt_returns import NoReceiptReturnsService
from counter_app.services.order_returns import OrderReturnsService
from counter_app.services.permissions import Action
from counter_app.services.returns import (
    DISPOSITIONS,
    CompletedReturn,
    RefundAs,
    ReturnableSale,
    ReturnChoice,
    ReturnError,
    ReturnsService,
    line_refund_cents,
)
from counter_app.services.selling import TAIWAN
from counter_app.services.staff import Approval
from counter_app.ui.screens.base import Screen
from counter_app.ui.screens.exchange_dialog import ExchangeDialog
from counter_app.ui.screens.refund_tenders import RefundTendersPanel
from counter_app.ui.screens.returns_panels import (
    NoReceiptDialog,
    OrderReturnDialog,
    SaleSearchPanel,
)
from counter_app.ui.supervisor_prompt import refusal_text
from counter_app.ui.tables import return_lines_table
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

AskApproval = Callable[[str, Action, Callable[[Approval], None]], None]

QTY_COLUMN, DISPOSITION_COLUMN = 4, 5


def return_error_text(error: BaseException) -> str:
    """The screen's words for a refusal of the returns service (by its code)."""
    translate = QCoreApplication.translate
    code = getattr(error, "code", "")
    texts = {
        "not_found": translate("ReturnsScreen", "No sale %1 in this till's journal"),
        "nothing_chosen": translate("ReturnsScreen", "Choose how many of a line come back"),
        "unknown_line": translate("ReturnsScreen", "That line is not on this receipt"),
        "bad_qty": translate("ReturnsScreen", "The quantity is not valid"),
        "more_than_sold": translate(
            "ReturnsScreen", "More than was sold (less what was already returned)"
        ),
        "bad_disposition": translate("ReturnsScreen", "Choose where the goods go"),
        "too_many_lines": translate("ReturnsScreen", "Too many lines for one return"),
        "no_open_shift": translate("ReturnsScreen", "No shift is open: open one before a refund"),
        "approval_required": translate("ReturnsScreen", "This refund needs a supervisor"),
        "over_approver_limit": translate(
            "ReturnsScreen", "The refund is above the approver's limit"
        ),
        "refund_reference_required": translate(
            "ReturnsScreen", "Type the refund reference of each card or mobile payment part"
        ),
        "refund_approval_required": translate(
            "ReturnsScreen", "Type the card terminal's approval code of the card refund"
        ),
        "card_number": translate(
            "ReturnsScreen", "That looks like a card number: type the refund reference instead"
        ),
        "reference_too_long": translate("ReturnsScreen", "The refund reference is too long"),
        "reference_invalid": translate(
            "ReturnsScreen", "The refund reference holds a character that cannot be stored"
        ),
        "warehouse_down": translate(
            "ReturnsScreen",
            "%1 is not in this till's journal and head office cannot be reached: "
            "try again when the connection is back",
        ),
        "elsewhere_offline": translate(
            "ReturnsScreen",
            "%1 was rung up at another till: its invoice may have changed there since, and "
            "head office cannot be reached: try again when the connection is back",
        ),
        "bad_search": translate("ReturnsScreen", "Type the last 3 to 10 digits of the phone"),
        "bad_phone": translate(
            "ReturnsScreen",
            "Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code",
        ),
        "no_receipt_limit": translate(
            "ReturnsScreen", "This phone has had all its returns without a receipt"
        ),
        "unknown_product": translate("ReturnsScreen", "No such product"),
        "bad_order": translate("ReturnsScreen", "Type the group-buy or dropship order number"),
        "not_returnable": translate("ReturnsScreen", "This order has not reached the customer yet"),
        "bad_refund_mode": translate("ReturnsScreen", "Choose who refunds the customer"),
        # A partial return in the invoice's period issues a new invoice: it needs a number.
        "einvoice_numbers_exhausted": translate(
            "ReturnsScreen",
            "No invoice number left for the new invoice: sync, then take the return again",
        ),
        # Another till reissued the sale's invoice while this till's replacement of it
        # had not reached head office: which one is live is settled there first.
        "einvoice_out_of_step": translate(
            "ReturnsScreen",
            "Another till changed this sale's invoice since: sync, then take the return again",
        ),
    }
    if code in ("einvoice_numbers_exhausted", "einvoice_out_of_step") or (
        isinstance(error, ReturnError) and code in texts
    ):
        return texts[code].replace("%1", getattr(error, "receipt_no", ""))
    if code:
        return refusal_text(error)
    return translate("ReturnsScreen", "It was not saved: %1").replace("%1", str(error))


def disposition_name(disposition: str) -> str:
    translate = QCoreApplication.translate
    return {
        "restock_here": translate("ReturnsScreen", "Back on the shelf"),
        "send_to_warehouse": translate("ReturnsScreen", "Send to the warehouse"),
        "damaged": translate("ReturnsScreen", "Damaged"),
    }.get(disposition, disposition)


class ReturnsScreen(Screen):
    name = "returns"
    key = "F7"

    def __init__(
        self,
        returns: ReturnsService,
        tasks: TaskRunner,
        cashier: StaffMember,
        ask_approval: AskApproval,
        parent: QWidget | None = None,
        no_receipt: NoReceiptReturnsService | None = None,
        today: Callable[[], date] = lambda: datetime.now(TAIWAN).date(),
        exchanges: ExchangeService | None = None,
        orders: OrderReturnsService | None = None,
    ) -> None:
        super().__init__(parent)
        self._orders = orders
        self.order_dialog: OrderReturnDialog | None = None
        self._no_receipt = no_receipt
        self._exchanges = exchanges
        self.exchange_dialog: ExchangeDialog | None = None
        self._today = today
        self.no_receipt_dialog: NoReceiptDialog | None = None
        self._returns = returns
        self._tasks = tasks
        self.cashier = cashier
        self._ask_approval = ask_approval
        self.sale: ReturnableSale | None = None
        self._tenders: dict[str, Tender] = {}
        self.last_return: CompletedReturn | None = None
        self._busy = False
        self._build()

    def _build(self) -> None:
        big = QFont(self.font())
        big.setPointSize(big.pointSize() + 6)
        big.setBold(True)
        self.receipt_input = QLineEdit()
        self.receipt_input.setObjectName("receiptInput")
        self.receipt_input.setPlaceholderText(
            self.tr("Scan the receipt's barcode or type its number")
        )
        self.receipt_input.setMinimumHeight(40)
        self.receipt_input.returnPressed.connect(lambda: self.find(self.receipt_input.text()))
        self.find_button = QPushButton(self.tr("Find") + "  (Enter)")
        self.find_button.setObjectName("findReceipt")
        self.find_button.setMinimumHeight(40)
        self.find_button.clicked.connect(
            lambda _checked=False: self.find(self.receipt_input.text())
        )
        self.sale_label = QLabel()
        self.sale_label.setObjectName("saleLabel")
        self.sale_label.setFont(big)
        self.lines = return_lines_table(
            "returnLines",
            [
                self.tr("Product"),
                self.tr("Paid"),
                self.tr("Sold"),
                self.tr("Returned"),
                self.tr("Return now"),
                self.tr("Goes to"),
            ],
            300,
        )
        self.lines.setColumnWidth(4, 110)
        self.refund_label = QLabel()
        self.refund_label.setObjectName("refundLabel")
        self.refund_label.setFont(big)
        self.refund_tenders = RefundTendersPanel(self)
        self.refund_tenders.setObjectName("refundTenders")
        self.refund_tenders.changed.connect(self._update_refund)
        self.confirm_button = QPushButton(self.tr("Take the return and refund  (F12)"))
        self.confirm_button.setObjectName("confirmReturn")
        self.confirm_button.setShortcut(QKeySequence("F12"))
        self.confirm_button.setMinimumHeight(52)
        self.confirm_button.setStyleSheet("font-size: 17px;")
        self.confirm_button.clicked.connect(lambda _checked=False: self.confirm())
        self.message = QLabel()
        self.message.setObjectName("returnsMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 16px;")

        self.search_toggle = QPushButton(self.tr("No receipt number? Search") + "  (Ctrl+F)")
        self.search_toggle.setShortcut(QKeySequence("Ctrl+F"))
        self.search_toggle.setObjectName("toggleSearch")
        self.search_toggle.setMinimumHeight(40)
        self.search_toggle.setCheckable(True)
        self.no_receipt_button = QPushButton(self.tr("Return without a receipt") + "  (Ctrl+N)")
        self.no_receipt_button.setShortcut(QKeySequence("Ctrl+N"))
        self.no_receipt_button.setObjectName("noReceipt")
        self.no_receipt_button.setMinimumHeight(40)
        self.no_receipt_button.setEnabled(self._no_receipt is not None)
        self.no_receipt_button.clicked.connect(lambda _checked=False: self.open_no_receipt())
        self.search_panel = SaleSearchPanel(
            self._returns, self._tasks, return_error_text, self._today, self
        )
        self.search_panel.setObjectName("searchPanel")
        self.search_panel.setVisible(False)
        self.search_toggle.toggled.connect(self.search_panel.setVisible)
        self.search_panel.chosen.connect(self._open_found)

        search = QHBoxLayout()
        search.addWidget(QLabel(self.tr("Receipt")))
        search.addWidget(self.receipt_input, 1)
        search.addWidget(self.find_button)
        self.order_button = QPushButton(self.tr("Online order") + "  (Ctrl+O)")
        self.order_button.setShortcut(QKeySequence("Ctrl+O"))
        self.order_button.setObjectName("orderReturn")
        self.order_button.setMinimumHeight(40)
        self.order_button.setEnabled(self._orders is not None)
        self.order_button.clicked.connect(lambda _checked=False: self.open_order_return())
        other_ways = QHBoxLayout()
        other_ways.addWidget(self.search_toggle)
        other_ways.addWidget(self.no_receipt_button)
        other_ways.addWidget(self.order_button)
        other_ways.addStretch(1)
        self.exchange_button = QPushButton(self.tr("Exchange…  (F5)"))
        self.exchange_button.setObjectName("exchange")
        self.exchange_button.setShortcut(QKeySequence("F5"))
        self.exchange_button.setMinimumHeight(52)
        self.exchange_button.setStyleSheet("font-size: 17px;")
        self.exchange_button.clicked.connect(lambda _checked=False: self.open_exchange())
        self.damage_reason = QLineEdit()
        self.damage_reason.setObjectName("damageReason")
        self.damage_reason.setPlaceholderText(self.tr("Reason (damaged goods)"))
        self.damage_reason.setMinimumWidth(200)
        bottom = QHBoxLayout()
        bottom.addWidget(self.refund_label, 1)
        bottom.addWidget(self.damage_reason)
        bottom.addWidget(self.exchange_button)
        bottom.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addLayout(search)
        layout.addLayout(other_ways)
        layout.addWidget(self.search_panel)
        layout.addWidget(self.sale_label)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.refund_tenders)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        self._show_sale(None)

    # --- Screen -------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Returns")

    def on_scan(self, result: ScanResult, text: str) -> None:
        self.receipt_input.setText(text)
        self.find(text)

    def on_show(self) -> None:
        self.receipt_input.setFocus()

    def show_problem(self, text: str) -> None:
        self._show(text, "#b00020")

    def set_cashier(self, cashier: StaffMember) -> None:
        self.cashier = cashier

    # --- actions ------------------------------------------------------------------

    def find(self, receipt_no: str) -> None:
        receipt_no = receipt_no.strip()
        if not receipt_no or self._busy:
            return
        self._run(lambda: (self._returns.find(receipt_no), self._returns.tenders()), self._on_found)

    def open_no_receipt(self) -> NoReceiptDialog | None:
        """The dialog of a return without a receipt (a supervisor approves it there)."""
        if self._no_receipt is None:
            return None
        dialog = NoReceiptDialog(
            self._no_receipt,
            self._tasks,
            self.cashier,
            self._ask_approval,
            return_error_text,
            disposition_name,
            self,
        )
        self.no_receipt_dialog = dialog
        dialog.open()
        return dialog

    def open_order_return(self) -> OrderReturnDialog | None:
        """A group-buy or dropship order brought back to this store."""
        if self._orders is None:
            return None
        dialog = OrderReturnDialog(
            self._orders,
            self._tasks,
            self.cashier,
            self._ask_approval,
            return_error_text,
            disposition_name,
            self,
        )
        self.order_dialog = dialog
        dialog.open()
        return dialog

    def open_exchange(self) -> ExchangeDialog | None:
        """The exchange of the sale shown: what is chosen here starts as what comes back."""
        if self._exchanges is None or self.sale is None or self._busy:
            return None
        chosen = {c.line_id: c.qty for c in self.choices()}
        dialog = ExchangeDialog(
            self._exchanges,
            self.sale,
            chosen,
            self._tasks,
            self.cashier,
            self._ask_approval,
            return_error_text,
            disposition_name,
            self,
            tenders=self._tenders,
        )
        self.exchange_dialog = dialog
        receipt_no = self.sale.receipt_no
        dialog.finished.connect(lambda _r: self._after_exchange(dialog, receipt_no))
        dialog.open()
        return dialog

    def _after_exchange(self, dialog: ExchangeDialog, receipt_no: str) -> None:
        done = dialog.done_exchange
        if done is None:
            return
        self._show_sale(None)
        self.receipt_input.clear()
        self._show(
            self.tr("Exchange %1 done (original %2)")
            .replace("%1", done.receipt_no)
            .replace("%2", receipt_no),
            "#1b5e20",
        )

    def _open_found(self, receipt_no: str) -> None:
        self.receipt_input.setText(receipt_no)
        self.find(receipt_no)

    def choices(self) -> list[ReturnChoice]:
        if self.sale is None:
            return []
        out = []
        for row, line in enumerate(self.sale.lines):
            spin = self.lines.cellWidget(row, QTY_COLUMN)
            combo = self.lines.cellWidget(row, DISPOSITION_COLUMN)
            assert isinstance(spin, QSpinBox) and isinstance(combo, QComboBox)
            if spin.value():
                out.append(
                    ReturnChoice(
                        line.line_id,
                        spin.value(),
                        str(combo.currentData()),
                        self.damage_reason.text(),
                    )
                )
        return out

    def confirm(self, approval: Approval | None = None) -> None:
        if self.sale is None or self._busy:
            return
        choices = self.choices()
        receipt_no = self.sale.receipt_no
        cashier = self.cashier
        refund_as = RefundAs(self.refund_tenders.cash_instead(), self.refund_tenders.references())

        def work() -> CompletedReturn:
            done = self._returns.complete(
                receipt_no, choices, cashier, approval, refund_as=refund_as
            )
            try:
                self._returns.print_return(done)
            except Exception:  # the return is recorded; a reprint is the way out
                log.exception("return receipt not printed")
            return done

        self._run(work, self._on_returned, self._on_refused)

    # --- inside -------------------------------------------------------------------

    def _on_found(self, found: tuple[ReturnableSale, dict[str, Tender]]) -> None:
        sale, self._tenders = found
        self.refund_tenders.clear()
        self._show_sale(sale)
        if sale.others_unchecked:
            self._show(
                self.tr(
                    "Head office did not answer: the counts are this till's own. A return "
                    "taken at another till may not show yet"
                ),
                "#8a5300",
            )
            return
        self._show(self.tr("Choose what comes back, then take the return"), "#333333")

    def _on_returned(self, done: CompletedReturn) -> None:
        self.last_return = done
        self._show_sale(None)
        self.receipt_input.clear()
        self.damage_reason.clear()
        self.refund_tenders.clear()
        if all(p.method == CASH_CODE for p in done.tenders):
            text = self.tr("Return %1 taken: refund %2 in cash")
        else:
            text = self.tr("Return %1 taken: refund %2 to the original tenders")
        self._show(
            text.replace("%1", done.return_no).replace("%2", done.refund.format()), "#1b5e20"
        )

    def _on_refused(self, error: BaseException) -> None:
        if isinstance(error, ReturnError) and error.code == "approval_required":
            self._ask_approval(
                self.tr("A supervisor approves this refund"),
                Action.REFUND_OVER_LIMIT,
                lambda approval: self.confirm(approval),
            )
            return
        self._on_failed(error)

    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, ReturnError):
            log.error("return failed", exc_info=error)
        self.show_problem(return_error_text(error))

    def _run(
        self,
        work: Callable[[], object],
        on_done: Callable[..., None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._busy = True
        self.confirm_button.setEnabled(False)

        def done(result: object) -> None:
            self._busy = False
            self._update_refund()
            on_done(result)

        def failed(error: BaseException) -> None:
            self._busy = False
            self._update_refund()
            (on_failed or self._on_failed)(error)

        self._tasks.db(work, done, failed, owner=self)

    def _show_sale(self, sale: ReturnableSale | None) -> None:
        self.sale = sale
        self.lines.setRowCount(0)
        if sale is None:
            self.sale_label.setText(self.tr("Scan a receipt to return goods"))
            self._update_refund()
            return
        self.sale_label.setText(
            self.tr("Receipt %1, %2, paid %3")
            .replace("%1", sale.receipt_no)
            .replace("%2", sale.created_at[:16].replace("T", " "))
            .replace("%3", sale.total.format())
            + (
                "  " + self.tr("(sold at %1)").replace("%1", sale.store_name)
                if sale.store_name
                else ""
            )
        )
        self.lines.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            cells = (
                f"{line.name}  {line.sku}",
                line.line_total.format(),
                str(line.qty_sold),
                str(line.qty_returned),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.lines.setItem(row, column, item)
            spin = QSpinBox()
            spin.setObjectName(f"returnQty{row}")
            spin.setRange(0, line.returnable)
            spin.setEnabled(line.returnable > 0)
            spin.valueChanged.connect(lambda _v: self._update_refund())
            self.lines.setCellWidget(row, QTY_COLUMN, spin)
            combo = QComboBox()
            combo.setObjectName(f"disposition{row}")
            for disposition in DISPOSITIONS:
                combo.addItem(disposition_name(disposition), disposition)
            self.lines.setCellWidget(row, DISPOSITION_COLUMN, combo)
            self.lines.setRowHeight(row, 40)
        self._update_refund()

    def _update_refund(self) -> None:
        chosen = self.choices()
        self.confirm_button.setEnabled(bool(chosen) and not self._busy)
        self.exchange_button.setEnabled(
            self._exchanges is not None and self.sale is not None and not self._busy
        )
        if self.sale is None:
            self.refund_label.setText("")
            self.refund_tenders.show_parts([], {})
            return
        refund = Money(0)
        if chosen:
            refund = self._estimate(chosen)
        self.refund_label.setText(self.tr("Refund: %1").replace("%1", refund.format()))
        try:
            parts = (
                self._returns.refund_split(
                    self.sale,
                    chosen,
                    to_cash=self.refund_tenders.cash_instead(),
                    tenders=self._tenders,
                )
                if chosen
                else []
            )
        except ReturnError:
            parts = []
        self.refund_tenders.show_parts(parts, self._tenders)

    def _estimate(self, chosen: list[ReturnChoice]) -> Money:
        # The same arithmetic the service uses (services/returns.py), on what is shown.
        assert self.sale is not None
        by_id = {line.line_id: line for line in self.sale.lines}
        cents = sum(
            line_refund_cents(
                by_id[c.line_id].line_total.cents,
                by_id[c.line_id].qty_sold,
                by_id[c.line_id].qty_returned,
                c.qty,
            )
            for c in chosen
        )
        return Money(min(cents, self.sale.total.cents - self.sale.refunded.cents))

    def _show(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"font-size: 16px; color: {colour};")
        self.message.setText(text)
