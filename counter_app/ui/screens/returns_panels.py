"""Parts of the returns screen (F7) beyond the receipt: the search for a sale without its
receipt number (day, amount, last digits of the phone), the dialog of a return without
a receipt, an online order returned at the counter (the exchange dialog is
ui/screens/exchange_dialog.py). They show what the services answer and collect what staff type;
``ReturnsService.search`` and ``NoReceiptReturnsService`` decide."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
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
from counter_app.services.context import StaffMember
from counter_app.services.no_receipt_returns import (
    NoReceiptItem,
    NoReceiptQuote,
    NoReceiptReturnsService,
)
from counter_app.services.order_returns import (
    OrderReturnChoice,
    OrderReturnsService,
    ReturnableOrder,
    refund_cents_of,
)
from counter_app.services.permissions import Action
from counter_app.services.returns import (
    DISPOSITIONS,
    CompletedReturn,
    ReturnError,
    ReturnsService,
    SaleSearch,
)
from counter_app.services.staff import Approval
from counter_app.ui.tables import return_lines_table
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

AskApproval = Callable[[str, Action, Callable[[Approval], None]], None]
ErrorText = Callable[[BaseException], str]
DispositionName = Callable[[str], str]


def right_aligned(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def parse_dollars(text: str) -> Money | None:
    """Whole NT$ typed by staff ("1,250" or "NT$1250"); None when empty or not a number."""
    digits = text.replace(",", "").replace("NT$", "").replace("$", "").strip()
    if not digits.isdigit():
        return None
    return Money(int(digits) * 100)


class SaleSearchPanel(QWidget):
    """Search this store's sales of a day; a chosen hit's receipt number is ``chosen``."""

    chosen = Signal(str)

    def __init__(
        self,
        returns: ReturnsService,
        tasks: TaskRunner,
        error_text: ErrorText,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._returns = returns
        self._tasks = tasks
        self._error_text = error_text
        self.result: SaleSearch | None = None
        self.day = QDateEdit()
        self.day.setObjectName("searchDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        now = today()
        self.day.setDate(QDate(now.year, now.month, now.day))
        self.amount = QLineEdit()
        self.amount.setObjectName("searchAmount")
        self.amount.setPlaceholderText(self.tr("Total paid (NT$)"))
        self.phone = QLineEdit()
        self.phone.setObjectName("searchPhone")
        self.phone.setPlaceholderText(self.tr("Last digits of the phone"))
        self.phone.setMaxLength(10)
        self.search_button = QPushButton(self.tr("Search") + "  (Enter)")
        self.search_button.setObjectName("searchSales")
        self.search_button.clicked.connect(lambda _checked=False: self.search())
        for field in (self.amount, self.phone):
            field.returnPressed.connect(self.search)
        self.hits = QTableWidget(0, 4)
        self.hits.setObjectName("searchHits")
        self.hits.setHorizontalHeaderLabels(
            [self.tr("Receipt"), self.tr("Time"), self.tr("Total"), self.tr("Found in")]
        )
        self.hits.horizontalHeader().setStretchLastSection(True)
        self.hits.verticalHeader().setVisible(False)
        self.hits.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.hits.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.hits.setColumnWidth(0, 240)
        self.hits.setColumnWidth(1, 150)
        self.hits.cellDoubleClicked.connect(lambda row, _c: self.open_row(row))
        self.hits.setMaximumHeight(170)
        self.note = QLabel()
        self.note.setObjectName("searchNote")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Day")))
        row.addWidget(self.day)
        row.addWidget(self.amount, 1)
        row.addWidget(self.phone, 1)
        row.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hits)
        layout.addWidget(self.note)

    def search(self) -> None:
        qdate = self.day.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        amount_text = self.amount.text().strip()
        amount = parse_dollars(amount_text)
        if amount_text and amount is None:
            self._say(self.tr("The total is whole NT$, e.g. 1250"), "#b00020")
            return
        phone = self.phone.text().strip()
        self.search_button.setEnabled(False)

        def done(result: object) -> None:
            self.search_button.setEnabled(True)
            assert isinstance(result, SaleSearch)
            self._show(result)

        def failed(error: BaseException) -> None:
            self.search_button.setEnabled(True)
            self._say(self._error_text(error), "#b00020")

        self._tasks.db(lambda: self._returns.search(day, amount, phone), done, failed, owner=self)

    def open_row(self, row: int) -> None:
        if self.result is not None and 0 <= row < len(self.result.hits):
            self.chosen.emit(self.result.hits[row].receipt_no)

    def _show(self, result: SaleSearch) -> None:
        self.result = result
        self.hits.setRowCount(len(result.hits))
        for row, hit in enumerate(result.hits):
            where = self.tr("This till") if hit.origin == "journal" else self.tr("Head office")
            if hit.phone_tail:
                where += "  ***" + hit.phone_tail
            self.hits.setItem(row, 0, QTableWidgetItem(hit.receipt_no))
            self.hits.setItem(row, 1, QTableWidgetItem(hit.created_at[:16].replace("T", " ")))
            self.hits.setItem(row, 2, right_aligned(hit.total.format()))
            self.hits.setItem(row, 3, QTableWidgetItem(where))
        if result.warehouse == "unreachable":
            self._say(
                self.tr(
                    "Head office cannot be reached: only this till's sales are listed "
                    "(other tills' and phone numbers need the connection)"
                ),
                "#b26a00",
            )
        elif not result.hits:
            self._say(self.tr("No sale matches"), "#b00020")
        else:
            self._say(
                self.tr("%1 sales: double-click one to open it").replace(
                    "%1", str(len(result.hits))
                ),
                "#333333",
            )

    def _say(self, text: str, colour: str) -> None:
        self.note.setStyleSheet(f"color: {colour};")
        self.note.setText(text)


class NoReceiptDialog(QDialog):
    """A return without a receipt: the customer's phone, the goods scanned one by one,
    the refund the policy gives; a supervisor approves and the cash is paid."""

    CODE_COLUMN, QTY_COLUMN, DISPOSITION_COLUMN = 0, 2, 4

    def __init__(
        self,
        service: NoReceiptReturnsService,
        tasks: TaskRunner,
        cashier: StaffMember,
        ask_approval: AskApproval,
        error_text: ErrorText,
        disposition_name: DispositionName,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return without a receipt"))
        self.setObjectName("noReceiptDialog")
        self.resize(860, 560)
        self._service = service
        self._tasks = tasks
        self._cashier = cashier
        self._ask_approval = ask_approval
        self._error_text = error_text
        self._disposition_name = disposition_name
        self.quote: NoReceiptQuote | None = None
        self.done_return: CompletedReturn | None = None
        self._codes: list[str] = []
        self._busy = False
        self._refusal: str | None = None  # said after the next quote instead of the prompt

        self.phone = QLineEdit()
        self.phone.setObjectName("noReceiptPhone")
        self.phone.setPlaceholderText(self.tr("Customer's phone, e.g. 0912-345-678"))
        self.phone.editingFinished.connect(self.refresh)
        self.code = QLineEdit()
        self.code.setObjectName("noReceiptCode")
        self.code.setPlaceholderText(self.tr("Scan or type the product's barcode or SKU"))
        self.code.returnPressed.connect(lambda: self.add_code(self.code.text()))
        self.lines = return_lines_table(
            "noReceiptLines",
            [
                self.tr("Product"),
                self.tr("Refund each"),
                self.tr("Qty"),
                self.tr("Refund"),
                self.tr("Goes to"),
            ],
            300,
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("noReceiptDamageReason")
        self.reason.setPlaceholderText(self.tr("Why damaged goods are written off"))
        self.usage = QLabel()
        self.usage.setObjectName("noReceiptUsage")
        self.policy = QLabel()
        self.policy.setObjectName("noReceiptPolicy")
        self.policy.setWordWrap(True)
        self.refund = QLabel()
        self.refund.setObjectName("noReceiptRefund")
        self.refund.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.message = QLabel()
        self.message.setObjectName("noReceiptMessage")
        self.message.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Supervisor approves, refund cash"))
        self.confirm_button.setObjectName("confirmNoReceipt")
        self.confirm_button.setMinimumHeight(48)
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(lambda _checked=False: self.confirm())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Phone")))
        top.addWidget(self.phone, 1)
        top.addWidget(self.usage)
        scan = QHBoxLayout()
        scan.addWidget(QLabel(self.tr("Product")))
        scan.addWidget(self.code, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.refund, 1)
        bottom.addWidget(close)
        bottom.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(scan)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.policy)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        self._say(self.tr("Enter the customer's phone, then scan what comes back"), "#333333")

    # --- actions ------------------------------------------------------------------

    def on_scan(self, result: object, text: str) -> None:
        """A scanner read a code while the dialog is open (the scan router sends it)."""
        self.add_code(text)

    def add_code(self, code: str) -> None:
        code = code.strip()
        if not code:
            return
        self.code.clear()
        if code in self._codes:
            row = self._codes.index(code)
            spin = self.lines.cellWidget(row, self.QTY_COLUMN)
            if isinstance(spin, QSpinBox):
                spin.setValue(spin.value() + 1)
            return
        self._codes.append(code)
        self.refresh()

    def items(self) -> list[NoReceiptItem]:
        out = []
        for row, code in enumerate(self._codes):
            spin = self.lines.cellWidget(row, self.QTY_COLUMN)
            combo = self.lines.cellWidget(row, self.DISPOSITION_COLUMN)
            qty = spin.value() if isinstance(spin, QSpinBox) else 1
            disposition = (
                str(combo.currentData()) if isinstance(combo, QComboBox) else "restock_here"
            )
            out.append(NoReceiptItem(code, qty, disposition, self.reason.text()))
        return out

    def refresh(self) -> None:
        """Ask the service for the refund and the phone's returns left."""
        if self._busy or not self._codes or not self.phone.text().strip():
            self.confirm_button.setEnabled(False)
            return
        phone, items = self.phone.text(), self.items()
        self._run(lambda: self._service.quote(phone, items), self._on_quote)

    def confirm(self, approval: Approval | None = None) -> None:
        if self._busy or self.quote is None:
            return
        if approval is None:
            self._ask_approval(
                self.tr("A supervisor approves this return without a receipt"),
                Action.RETURN_NO_RECEIPT,
                lambda given: self.confirm(given),
            )
            return
        phone, items, cashier = self.phone.text(), self.items(), self._cashier

        def work() -> CompletedReturn:
            done = self._service.complete(phone, items, cashier, approval)
            try:
                self._service.print_return(done)
            except Exception:  # recorded; a reprint is the way out
                log.exception("no-receipt return receipt not printed")
            return done

        self._run(work, self._on_done)

    # --- inside -------------------------------------------------------------------

    def _on_quote(self, result: object) -> None:
        assert isinstance(result, NoReceiptQuote)
        quote = result
        self.quote = quote
        previous = self.items()
        self.lines.setRowCount(len(quote.lines))
        for row, line in enumerate(quote.lines):
            self.lines.setItem(row, 0, QTableWidgetItem(f"{line.product.name}  {line.product.sku}"))
            self.lines.setItem(row, 1, right_aligned(line.unit_refund.format()))
            spin = QSpinBox()
            spin.setObjectName(f"noReceiptQty{row}")
            spin.setRange(1, 999)
            spin.setValue(line.qty)
            spin.valueChanged.connect(lambda _v: self.refresh())
            self.lines.setCellWidget(row, self.QTY_COLUMN, spin)
            self.lines.setItem(row, 3, right_aligned(line.refund.format()))
            combo = QComboBox()
            combo.setObjectName(f"noReceiptDisposition{row}")
            for disposition in DISPOSITIONS:
                combo.addItem(self._disposition_name(disposition), disposition)
            if row < len(previous):
                combo.setCurrentIndex(combo.findData(previous[row].disposition))
            self.lines.setCellWidget(row, self.DISPOSITION_COLUMN, combo)
            self.lines.setRowHeight(row, 38)
        usage = quote.usage
        where = (
            self.tr("all stores") if usage.source == "warehouse" else self.tr("this till, offline")
        )
        self.usage.setText(
            self.tr("Returns without receipt: %1 of %2 in %3 days (%4)")
            .replace("%1", str(usage.used))
            .replace("%2", str(usage.limit))
            .replace("%3", str(usage.period_days))
            .replace("%4", where)
        )
        self.policy.setText(
            self.tr("Refunded at the lowest price paid here in the last 30 days, or the list price")
            if quote.policy == "lowest_30_days"
            else self.tr("Refunded at the list price")
        )
        self.refund.setText(self.tr("Refund: %1").replace("%1", quote.refund.format()))
        if usage.left <= 0:
            self._say(self.tr("This phone has had all its returns without a receipt"), "#b00020")
            self.confirm_button.setEnabled(False)
        elif self._refusal is not None:
            self._say(self._refusal, "#b00020")
            self._refusal = None
            self.confirm_button.setEnabled(True)
        else:
            self._say(self.tr("A supervisor approves, then the cash is paid"), "#333333")
            self.confirm_button.setEnabled(True)

    def _on_done(self, result: object) -> None:
        assert isinstance(result, CompletedReturn)
        self.done_return = result
        self._codes.clear()
        self.lines.setRowCount(0)
        self.quote = None
        self.confirm_button.setEnabled(False)
        self.refund.setText("")
        self._say(
            self.tr("Return %1 taken: refund %2 in cash")
            .replace("%1", result.return_no)
            .replace("%2", result.refund.format()),
            "#1b5e20",
        )

    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, ReturnError):
            log.info("no-receipt return refused: %s", error)
        if isinstance(error, ReturnError) and error.code == "unknown_product" and self._codes:
            self._codes.pop()  # the last scan was not a product: drop it, keep the rest
            self._say(self._error_text(error), "#b00020")
            if self._codes:
                self._refusal = self._error_text(error)
                self.refresh()
            else:
                self.lines.setRowCount(0)
                self.quote = None
            return
        self._say(self._error_text(error), "#b00020")

    def _run(self, work: Callable[[], object], on_done: Callable[[object], None]) -> None:
        self._busy = True
        self.confirm_button.setEnabled(False)

        def done(result: object) -> None:
            self._busy = False
            on_done(result)

        def failed(error: BaseException) -> None:
            self._busy = False
            self._on_failed(error)

        self._tasks.db(work, done, failed, owner=self)

    def _say(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"font-size: 15px; color: {colour};")
        self.message.setText(text)


class OrderReturnDialog(QDialog):
    """A group-buy or dropship order brought back: its number, what comes back and where
    it goes, and whether the refund is paid here in cash or left to the channel."""

    QTY_COLUMN, DISPOSITION_COLUMN = 3, 4

    def __init__(
        self,
        service: OrderReturnsService,
        tasks: TaskRunner,
        cashier: StaffMember,
        ask_approval: AskApproval,
        error_text: ErrorText,
        disposition_name: DispositionName,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Online order returned at the counter"))
        self.setObjectName("orderReturnDialog")
        self.resize(860, 520)
        self._service = service
        self._tasks = tasks
        self._cashier = cashier
        self._ask_approval = ask_approval
        self._error_text = error_text
        self._disposition_name = disposition_name
        self.order: ReturnableOrder | None = None
        self.done_return: CompletedReturn | None = None
        self._busy = False

        self.kind = QComboBox()
        self.kind.setObjectName("orderKind")
        self.kind.addItem(self.tr("Group-buy order"), "group_buy")
        self.kind.addItem(self.tr("Dropship order"), "dropship")
        self.number = QLineEdit()
        self.number.setObjectName("orderNumber")
        self.number.setPlaceholderText(self.tr("Order number"))
        self.number.returnPressed.connect(self.find)
        find = QPushButton(self.tr("Find"))
        find.clicked.connect(lambda _checked=False: self.find())
        self.header = QLabel()
        self.header.setObjectName("orderHeader")
        self.lines = return_lines_table(
            "orderLines",
            [
                self.tr("Product"),
                self.tr("Ordered"),
                self.tr("Returned"),
                self.tr("Return now"),
                self.tr("Goes to"),
            ],
            300,
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("orderDamageReason")
        self.reason.setPlaceholderText(self.tr("Why damaged goods are written off"))
        self.mode = QComboBox()
        self.mode.setObjectName("refundMode")
        self.mode.addItem(self.tr("Refund cash here"), "counter")
        self.mode.addItem(self.tr("The channel refunds it"), "channel")
        self.mode.currentIndexChanged.connect(lambda _i: self._update())
        self.refund = QLabel()
        self.refund.setObjectName("orderRefund")
        self.refund.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.message = QLabel()
        self.message.setObjectName("orderMessage")
        self.message.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Take the return"))
        self.confirm_button.setObjectName("confirmOrderReturn")
        self.confirm_button.setMinimumHeight(48)
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(lambda _checked=False: self.confirm())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.number, 1)
        top.addWidget(find)
        bottom = QHBoxLayout()
        bottom.addWidget(self.mode)
        bottom.addWidget(self.refund, 1)
        bottom.addWidget(close)
        bottom.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.reason)
        layout.addLayout(bottom)
        layout.addWidget(self.message)

    def find(self) -> None:
        kind, number = str(self.kind.currentData()), self.number.text()
        if self._busy or not number.strip():
            return
        self._run(lambda: self._service.find(kind, number), self._show_order)

    def choices(self) -> list[OrderReturnChoice]:
        if self.order is None:
            return []
        out = []
        for row, line in enumerate(self.order.lines):
            spin = self.lines.cellWidget(row, self.QTY_COLUMN)
            combo = self.lines.cellWidget(row, self.DISPOSITION_COLUMN)
            if isinstance(spin, QSpinBox) and isinstance(combo, QComboBox) and spin.value():
                out.append(
                    OrderReturnChoice(
                        line.product_id,
                        spin.value(),
                        str(combo.currentData()),
                        self.reason.text(),
                    )
                )
        return out

    def confirm(self, approval: Approval | None = None) -> None:
        if self._busy or self.order is None:
            return
        order, choices, mode, cashier = (
            self.order,
            self.choices(),
            str(self.mode.currentData()),
            self._cashier,
        )

        def work() -> CompletedReturn:
            done = self._service.complete(order, choices, mode, cashier, approval)
            try:
                self._service.print_return(done, mode)
            except Exception:  # recorded; a reprint is the way out
                log.exception("order return receipt not printed")
            return done

        self._run(work, self._done, self._refused)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, ReturnError) and error.code == "approval_required":
            self._ask_approval(
                self.tr("A supervisor approves this refund"),
                Action.REFUND_OVER_LIMIT,
                lambda given: self.confirm(given),
            )
            return
        self._say(self._error_text(error), "#b00020")

    def _show_order(self, result: object) -> None:
        assert isinstance(result, ReturnableOrder)
        self.order = result
        status = {
            "confirmed": self.tr("Confirmed"),
            "pending": self.tr("Pending"),
            "accepted": self.tr("Accepted"),
            "shipped": self.tr("Shipped"),
            "delivered": self.tr("Delivered"),
            "cancelled": self.tr("Cancelled"),
        }.get(result.status, result.status)
        self.header.setText(
            self.tr("Order %1: %2").replace("%1", result.order_id).replace("%2", status)
            + (f"  ***{result.phone_tail}" if result.phone_tail else "")
        )
        self.lines.setRowCount(len(result.lines))
        for row, line in enumerate(result.lines):
            self.lines.setItem(row, 0, QTableWidgetItem(f"{line.name}  {line.sku}"))
            self.lines.setItem(row, 1, right_aligned(str(line.qty)))
            self.lines.setItem(row, 2, right_aligned(str(line.returned)))
            spin = QSpinBox()
            spin.setObjectName(f"orderQty{row}")
            spin.setRange(0, line.returnable)
            spin.valueChanged.connect(lambda _v: self._update())
            self.lines.setCellWidget(row, self.QTY_COLUMN, spin)
            combo = QComboBox()
            combo.setObjectName(f"orderDisposition{row}")
            for disposition in DISPOSITIONS:
                combo.addItem(self._disposition_name(disposition), disposition)
            self.lines.setCellWidget(row, self.DISPOSITION_COLUMN, combo)
            self.lines.setRowHeight(row, 38)
        if result.status not in ("shipped", "delivered"):
            self._say(self.tr("This order has not reached the customer yet"), "#b00020")
        else:
            self._say(self.tr("Choose what comes back and who refunds it"), "#333333")
        self._update()

    def _update(self) -> None:
        chosen = self.choices()
        self.confirm_button.setEnabled(bool(chosen) and not self._busy)
        if self.order is None:
            return
        if str(self.mode.currentData()) == "channel":
            self.refund.setText(self.tr("Refund left to the channel"))
        else:
            cents = refund_cents_of(self.order, chosen)
            self.refund.setText(self.tr("Refund: %1").replace("%1", Money(cents).format()))

    def _done(self, result: object) -> None:
        assert isinstance(result, CompletedReturn)
        self.done_return = result
        self.order = None
        self.lines.setRowCount(0)
        self.confirm_button.setEnabled(False)
        self._say(
            self.tr("Return %1 taken: refund %2 in cash")
            .replace("%1", result.return_no)
            .replace("%2", result.refund.format()),
            "#1b5e20",
        )

    def _run(
        self,
        work: Callable[[], object],
        on_done: Callable[[object], None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._busy = True
        self.confirm_button.setEnabled(False)

        def done(result: object) -> None:
            self._busy = False
            on_done(result)

        def failed(error: BaseException) -> None:
            self._busy = False
            self._update()
            (on_failed or (lambda e: self._say(self._error_text(e), "#b00020")))(error)

        self._tasks.db(work, done, failed, owner=self)

    def _say(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"font-size: 15px; color: {colour};")
        self.message.setText(text)
