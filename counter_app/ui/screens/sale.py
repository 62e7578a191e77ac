"""The sale screen: scan or type, see the cart and the total, take cash."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.cart import MAX_LINE_QTY, Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.codes import (
    EmbeddedPriceCode,
    GS1Code,
    InvalidCode,
    InvalidReason,
    ProductCode,
    ScanResult,
)
from counter_app.core.einvoice_codes import NO_BUYER, CarrierCode, InvoiceBuyer
from counter_app.core.fulfilment import Fulfilment
from counter_app.core.money import Money
from counter_app.core.tenders import CASH, Tender, TenderedPayment
from counter_app.core.tw_address import mask_phone
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember
from counter_app.services.discounts import DiscountService
from counter_app.services.fulfilment import FulfilmentError, FulfilmentService
from counter_app.services.held_carts import CartKeeper
from counter_app.services.selling import CompletedSale, SellingService
from counter_app.services.stock_lookup import StockLookupService, StockReport
from counter_app.ui.cart_model import CartTableModel
from counter_app.ui.customer_dialog import CustomerDialog
from counter_app.ui.sale_cart_tools import AskApproval, SaleCartTools
from counter_app.ui.screens.base import Screen
from counter_app.ui.stock_panel import StockPanel
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog

log = logging.getLogger(__name__)

MAX_CODE_LENGTH = 64
STOCK_LOOKUP_DELAY_MS = 250
LARGE_QTY = 99  # a typed quantity above this is confirmed first
TOTAL_POINT_SIZES = (32, 28, 24, 20, 18, 16, 14)  # the total shrinks to fit, never clips

# The message line: plain for information, a banner a cashier notices while facing the
# customer for warnings and errors (they stay until the next action).
MESSAGE_STYLES = {
    "info": "QLabel { color: #333333; font-size: 15px; padding: 4px 2px; }",
    "success": "QLabel { color: #1b7f3b; font-size: 16px; font-weight: bold; padding: 4px 2px; }",
    "warning": (
        "QLabel { background: #ffb300; color: #1a1a1a; font-size: 20px; font-weight: bold;"
        " padding: 10px 12px; border-radius: 4px; }"
    ),
    "error": (
        "QLabel { background: #c62828; color: white; font-size: 22px; font-weight: bold;"
        " padding: 12px 12px; border-radius: 4px; }"
    ),
}


# What the payment step answers: the payments of a split, or (all in cash) the amount
# handed over.
Paid = Money | Sequence[TenderedPayment]


def _looks_like_code(text: str) -> bool:
    return text.isascii() and not any(c.isspace() for c in text) and any(c.isdigit() for c in text)


class SaleScreen(Screen):
    name = "sale"
    key = "F1"
    sale_completed = Signal(object)  # CompletedSale
    shift_required = Signal()  # a sale refused: no shift is open (the root offers to open one)

    def __init__(
        self,
        catalog: CatalogService,
        selling: SellingService,
        tasks: TaskRunner,
        cashier: StaffMember,
        ask_tender: Callable[[Money, QWidget], Paid | None] | None = None,
        stock_lookup: StockLookupService | None = None,
        parent: QWidget | None = None,
        *,
        large_qty: int = LARGE_QTY,
        beep: Callable[[], None] = QApplication.beep,
        load_tenders: Callable[[], list[Tender]] | None = None,
        keeper: CartKeeper | None = None,
        discounts: DiscountService | None = None,
        ask_approval: AskApproval | None = None,
        fulfilment: FulfilmentService | None = None,
    ) -> None:
        super().__init__(parent)
        self._fulfilment = fulfilment  # pickup / ship lines (None: every line is taken now)
        self.large_qty = large_qty
        self.beep = beep  # QtMultimedia is not in PySide6-Essentials: the system bell
        self.message_kind = "info"
        self._catalog = catalog
        self._selling = selling
        self._tasks = tasks
        self.cashier = cashier
        self._ask_tender = ask_tender or self._ask_tender_with_dialog
        self._load_tenders = load_tenders  # services/tenders.TenderService.usable
        self.tenders: list[Tender] = [CASH]  # the last list read; cash alone until then
        self._stock_lookup = stock_lookup
        self._own_location_id = selling.location_id
        self.cart_model = CartTableModel(Cart(), selling.location_id)
        self._checkout_running = False
        self._buyer: InvoiceBuyer = NO_BUYER  # the e-invoice's carrier, donation or tax ID
        self._buyer_text = ""  # a carrier scanned before the payment step
        self._stock_pending: ProductInfo | None = None
        self._stock_timer = QTimer(self)
        self._stock_timer.setSingleShot(True)
        self._stock_timer.setInterval(STOCK_LOOKUP_DELAY_MS)
        self._stock_timer.timeout.connect(self._load_stock)
        self._build()
        self._connect_signals()
        # Discounts, held carts, the written-through cart (ui/sale_cart_tools.py).
        self.cart_tools = SaleCartTools(self, keeper, discounts, ask_approval)
        for button in self.cart_tools.buttons:
            button.setMinimumHeight(48)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("QPushButton { font-size: 16px; }")
        self.tools_box.addWidget(self.cart_tools.discount_button)
        held_row = QHBoxLayout()
        held_row.addWidget(self.cart_tools.hold_button)
        held_row.addWidget(self.cart_tools.recall_button)
        self.tools_box.addLayout(held_row)
        self._update_totals()

    # --- layout -------------------------------------------------------------------

    def _build(self) -> None:
        self.scan_input = QLineEdit()
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setPlaceholderText(
            self.tr("Scan a barcode or type a code or name, then Enter")
        )
        self.scan_input.setMaxLength(MAX_CODE_LENGTH)
        font = QFont(self.scan_input.font())
        font.setPointSize(16)
        self.scan_input.setFont(font)
        self.scan_input.setMinimumHeight(44)

        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setMinimumHeight(28)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLES["info"])

        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setVisible(False)
        self.results.setMaximumHeight(200)

        self.table = QTableView()
        self.table.setObjectName("cartTable")
        self.table.setModel(self.cart_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        table_font = QFont(self.table.font())
        table_font.setPointSize(13)
        self.table.setFont(table_font)

        left = QVBoxLayout()
        left.addWidget(self.scan_input)
        left.addWidget(self.message)
        left.addWidget(self.results)
        left.addWidget(self.table, 1)

        self.total_caption = QLabel(self.tr("Total"))
        self.total_label = QLabel()
        self.total_label.setObjectName("totalLabel")
        total_font = QFont(self.total_label.font())
        total_font.setPointSize(32)
        total_font.setBold(True)
        self.total_label.setFont(total_font)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total_label.setMinimumWidth(0)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        # What the discounts take off: the cart discount and the total saved off list prices.
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.saved_label.setWordWrap(True)
        self.saved_label.setStyleSheet("QLabel { color: #1565c0; font-size: 15px; }")
        self.cashier_label = QLabel(self.tr("Cashier: %1").replace("%1", self.cashier.name))
        caption_font = QFont(self.cashier_label.font())
        caption_font.setPointSize(13)
        self.cashier_label.setFont(caption_font)
        self.total_caption.setFont(caption_font)
        self.count_label.setFont(caption_font)
        # After a sale the change due stays in sight until the next scan.
        self.last_sale_label = QLabel("")
        self.last_sale_label.setObjectName("lastSale")
        self.last_sale_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.last_sale_label.setWordWrap(True)
        self.last_sale_label.setStyleSheet(
            "QLabel { color: #1b7f3b; font-size: 22px; font-weight: bold; }"
        )

        self.pay_button = QPushButton(self.tr("Pay (F12)"))
        self.pay_button.setObjectName("payCash")
        self.qty_button = QPushButton(self.tr("Quantity (F4)"))
        self.plus_button = QPushButton("+1 (+)")
        self.minus_button = QPushButton("-1 (-)")
        self.remove_button = QPushButton(self.tr("Remove line (Del)"))
        self.clear_button = QPushButton(self.tr("Void cart (Ctrl+Shift+Del)"))
        self.fulfil_button = QPushButton(self.tr("Fulfilment (F2)"))
        self.fulfil_button.setObjectName("fulfilButton")
        self.customer_button = QPushButton(self.tr("Customer (Ctrl+U)"))
        self.customer_button.setObjectName("customerButton")
        self.customer_label = QLabel("")
        self.customer_label.setObjectName("customerLabel")
        self.customer_label.setWordWrap(True)
        for button in (
            self.fulfil_button,
            self.customer_button,
        ):
            button.setMinimumHeight(40)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("QPushButton { font-size: 16px; }")
            button.setVisible(self._fulfilment is not None)
        for button in (
            self.pay_button,
            self.qty_button,
            self.plus_button,
            self.minus_button,
            self.remove_button,
            self.clear_button,
        ):
            button.setMinimumHeight(48)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("QPushButton { font-size: 16px; }")
        self.pay_button.setMinimumHeight(72)
        self.pay_button.setStyleSheet(
            "QPushButton { background: #1b7f3b; color: white; font-size: 20px; font-weight: bold; }"
            "QPushButton:disabled { background: #9bbfa6; }"
        )

        right = QVBoxLayout()
        right.addWidget(self.cashier_label)
        right.addWidget(self.total_caption)
        right.addWidget(self.total_label)
        right.addWidget(self.count_label)
        right.addWidget(self.saved_label)
        right.addSpacing(16)
        right.addWidget(self.last_sale_label)
        self.stock_panel = StockPanel(self._own_location_id)
        self.stock_panel.setVisible(False)  # shown once there is a product to show
        right.addWidget(self.stock_panel)
        right.addStretch(1)
        pm = QHBoxLayout()
        pm.addWidget(self.minus_button)
        pm.addWidget(self.plus_button)
        right.addLayout(pm)
        right.addWidget(self.qty_button)
        self.tools_box = QVBoxLayout()  # the cart tools' buttons
        right.addLayout(self.tools_box)
        right.addWidget(self.fulfil_button)
        right.addWidget(self.customer_button)
        right.addWidget(self.customer_label)
        right.addWidget(self.remove_button)
        right.addWidget(self.clear_button)
        right.addSpacing(12)
        right.addWidget(self.pay_button)

        panel = QWidget()
        panel.setLayout(right)
        panel.setFixedWidth(300)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(panel)

    def _connect_signals(self) -> None:
        self.scan_input.returnPressed.connect(self.on_scan_input_return_pressed)
        self.results.itemActivated.connect(self.on_results_item_activated)
        self.pay_button.clicked.connect(self.on_pay_button_clicked)
        self.qty_button.clicked.connect(self.on_qty_button_clicked)
        self.plus_button.clicked.connect(lambda: self._bump_selected(+1))
        self.minus_button.clicked.connect(lambda: self._bump_selected(-1))
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        self.clear_button.clicked.connect(self.on_clear_button_clicked)
        self.fulfil_button.clicked.connect(self.on_fulfil_button_clicked)
        self.customer_button.clicked.connect(self.on_customer_button_clicked)
        self.cart_model.rowsInserted.connect(self._update_totals)
        self.cart_model.rowsRemoved.connect(self._update_totals)
        self.cart_model.dataChanged.connect(self._update_totals)
        self.cart_model.modelReset.connect(self._update_totals)
        self.table.selectionModel().currentRowChanged.connect(self.on_table_current_row_changed)
        shortcuts = {
            "F12": self.on_pay_button_clicked,
            "F4": self.on_qty_button_clicked,
            "Ctrl+Shift+Delete": self.on_clear_button_clicked,
            "F2": self.on_fulfil_button_clicked,
            "Ctrl+U": self.on_customer_button_clicked,
            "Delete": self.on_remove_button_clicked,
            "+": lambda: self._bump_selected(+1),
            "-": lambda: self._bump_selected(-1),
        }
        for key, slot in shortcuts.items():
            QShortcut(QKeySequence(key), self, activated=slot)
        # The scan field has the focus most of the time: it takes the cart keys too.
        self.scan_input.installEventFilter(self)
        self.results.installEventFilter(self)
        self.scan_input.textEdited.connect(lambda _text: self._next_action())

    # --- keys -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self.window() and watched is not self:
            assert isinstance(event, QCloseEvent)
            return self._on_window_close(event)
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if watched is self.results:
            return self._on_results_key(event)
        if watched is self.scan_input:
            return self._on_scan_input_key(event)
        return False

    def _on_scan_input_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._move_selection(-1 if key == Qt.Key.Key_Up else +1)
            return True
        if key == Qt.Key.Key_Escape and self.results.isVisible():
            self._close_results()
            return True
        # + and - change the selected line while the field is empty; once a code or a
        # name is being typed they are part of it (RS001-... typed by hand).
        if event.text() in ("+", "-") and not self.scan_input.text():
            self._bump_selected(+1 if event.text() == "+" else -1)
            return True
        return False

    def _on_results_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self._close_results()
            return True
        return False

    def _close_results(self) -> None:
        self.results.setVisible(False)
        self.results.clear()
        self._show_info("")
        self.scan_input.setFocus()

    def _move_selection(self, step: int) -> None:
        count = len(self.cart_model.cart.lines)
        if not count:
            return
        current = self._selected_row()
        row = count - 1 if current is None else max(0, min(count - 1, current + step))
        self.table.selectRow(row)
        self.table.scrollTo(self.cart_model.index(row, 0))
        self._next_action()

    # --- leaving ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self:
            window.installEventFilter(self)  # the window asks before it drops a cart

    def _on_window_close(self, event: QCloseEvent) -> bool:
        """A person closing the till (title bar, Alt+F4) with a cart is asked first. Closes
        from code (shutdown, tests) are not spontaneous and go ahead."""
        if not event.spontaneous() or self.cart_model.cart.is_empty():
            self.cart_tools.save_now()  # kept: the cart comes back at the next start
            return False
        if self.confirm_drop_cart(
            self.tr(
                "The cart has %1 items that are not paid for. Close the till and drop them?"
            ).replace("%1", str(self.cart_model.cart.item_count))
        ):
            self.cart_tools.record_void(self.cart_model.cart)  # dropped: it does not come back
            return False
        event.ignore()
        return True

    def confirm_drop_cart(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Drop the cart?"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- slots ------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Sale")

    def on_scan(self, result: ScanResult, text: str) -> None:
        """A product code, an in-store label or a code only the catalog may know, routed
        here by the scan router. The field keeps whatever the cashier was typing."""
        self._next_action()
        self._route(result, text)

    def on_show(self) -> None:
        self.scan_input.setFocus()

    def show_problem(self, text: str) -> None:
        self._show_error(text)

    def show_info(self, text: str) -> None:
        self._show_info(text)

    def _route(self, result: ScanResult, text: str) -> None:
        match result:
            case ProductCode() | GS1Code():
                keys = result.lookup_keys
                self._tasks.db(
                    self._with_shelf(lambda: self._catalog.find_by_any(keys)),
                    lambda found: self._on_code_found(text, found),
                    self._on_lookup_failed,
                )
            case EmbeddedPriceCode():
                self._show_error(
                    self.tr("In-store price label %1 is not set up for this store").replace(
                        "%1", result.item_code
                    )
                )
            case InvalidCode(reason=InvalidReason.UNKNOWN_FORMAT):
                self._lookup_code(text)  # an SKU or a store's own code: let the catalog decide
            case CarrierCode():  # the customer's e-invoice carrier, for the payment step
                self._buyer_text, self._buyer = result.carrier_id, InvoiceBuyer(carrier=result)
                self._show_info(
                    self.tr("E-invoice carrier %1 for this sale").replace("%1", result.carrier_id)
                )

    def on_scan_input_return_pressed(self) -> None:
        text = self.scan_input.text().strip()
        self.scan_input.clear()
        self._next_action()
        if not text:
            return
        if _looks_like_code(text):
            self.code_entered.emit(text)  # the scan router decides whose it is
        else:
            self._search(text)

    def on_results_item_activated(self, item: QListWidgetItem) -> None:
        product = item.data(Qt.ItemDataRole.UserRole)
        self.results.setVisible(False)
        self.results.clear()
        if isinstance(product, ProductInfo):
            self._add(product)
        self.scan_input.setFocus()

    def on_pay_button_clicked(self) -> None:
        if self._checkout_running:
            return
        self._next_action()
        if self.cart_model.cart.is_empty():
            self._show_error(self.tr("The cart is empty"))
            return
        if not self._customer_ready():
            return
        if self._load_tenders is None:
            self._take_payment()
            return
        # The tenders come from the local cache, read on the database thread; the dialog
        # opens when they are there (cash alone if the cache cannot be read).
        self._checkout_running = True
        self._tasks.db(self._load_tenders, self._on_tenders_loaded, self._on_tenders_failed)

    def _on_tenders_loaded(self, tenders: list[Tender]) -> None:
        self._checkout_running = False
        self.tenders = list(tenders) or [CASH]
        self._take_payment()

    def _on_tenders_failed(self, error: BaseException) -> None:
        self._checkout_running = False
        log.warning("tenders not read from the cache (%s): offering the last list", error)
        self._take_payment()

    def _take_payment(self) -> None:
        if self.cart_model.cart.is_empty():
            return
        total = self.cart_model.cart.total
        paid = self._ask_tender(total, self)
        if paid is None:
            self.scan_input.setFocus()
            return
        buyer, self._buyer, self._buyer_text = self._buyer, NO_BUYER, ""
        self._checkout_running = True
        self.pay_button.setEnabled(False)
        # The database thread gets its own copy: the cashier may keep scanning.
        cart = self.cart_model.cart.copy()  # discounts and overrides included
        self.cart_tools.save_now()  # written through already; never after the sale clears it
        cashier = self.cashier
        if isinstance(paid, Money):  # all in cash: what the customer handed over
            tendered = paid

            def work() -> CompletedSale:
                return self._selling.complete_cash_sale(cart, cashier, tendered, buyer)
        else:
            payments = tuple(paid)

            def work() -> CompletedSale:
                return self._selling.complete_sale(cart, cashier, payments, buyer)

        self._tasks.db(work, self._on_sale_done, self._on_sale_failed)

    # --- fulfilment: take now, pick up later, ship ----------------------------------

    def on_fulfil_button_clicked(self) -> None:
        """The selected line's next way to fulfil: take -> pickup -> ship (warehouse) ->
        ship (partner) -> take."""
        if self._fulfilment is None:
            return
        self._next_action()
        row = self._selected_row()
        if row is None:
            return
        line = self.cart_model.cart.lines[row]
        current = line.fulfilment
        if current.mode == "take":
            new = Fulfilment("pickup")
        elif current.mode == "pickup":
            new = Fulfilment("ship", "warehouse")
        elif current.source == "warehouse":
            new = Fulfilment("ship", "partner")
        else:
            new = Fulfilment("take")
        self.cart_model.set_fulfilment(row, new)
        self._show_info(
            self.tr("%1: %2")
            .replace("%1", line.product.name)
            .replace("%2", self.cart_model.mode_label(new))
        )
        self._load_figures(line.product)
        self._update_customer_label()

    def _load_figures(self, product: ProductInfo) -> None:
        """Where the line comes from: the cached figures at once, live ones when the
        warehouse answers (each with its freshness)."""
        lookup = self._stock_lookup
        if lookup is None:
            return

        def show(report: StockReport) -> None:
            self.cart_model.set_figures(report.product.id, report.figures, report.live)

        self._tasks.db(lambda: lookup.cached(product), show, owner=self)
        self._tasks.net(lambda: lookup.lookup(product), show, owner=self)

    def on_customer_button_clicked(self) -> bool:
        """Ask for (or change) the customer of the pickup / ship lines; True when one is set."""
        if self._fulfilment is None:
            return False
        cart = self.cart_model.cart
        dialog = CustomerDialog(self._fulfilment, cart.needs_ship_to(), cart.customer, self)
        accepted = dialog.exec() == CustomerDialog.DialogCode.Accepted
        if accepted and dialog.customer is not None:
            cart.customer = dialog.customer
        self._update_customer_label()
        self.scan_input.setFocus()
        return accepted

    def _customer_ready(self) -> bool:
        cart = self.cart_model.cart
        if not cart.needs_customer():
            return True
        missing = cart.customer is None or (cart.needs_ship_to() and cart.customer.ship_to is None)
        if missing and not self.on_customer_button_clicked():
            self._show_error(self.tr("Pickup and ship lines need the customer's name and phone."))
            return False
        return True

    def _update_customer_label(self) -> None:
        customer = self.cart_model.cart.customer
        if customer is None or not self.cart_model.cart.needs_customer():
            self.customer_label.setText("")
            return
        text = f"{customer.name} {mask_phone(customer.phone)}"
        if customer.ship_to is not None:
            text += "\n" + customer.ship_to.text
        self.customer_label.setText(text)

    def on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.cart_model.cart.lines):
            self._show_stock(self.cart_model.cart.lines[current.row()].product)

    def on_qty_button_clicked(self) -> None:
        self._next_action()
        row = self._selected_row()
        if row is None:
            return
        line = self.cart_model.cart.lines[row]
        text, ok = QInputDialog.getText(
            self, self.tr("Quantity"), line.product.name, QLineEdit.EchoMode.Normal, str(line.qty)
        )
        if ok:
            self.set_typed_quantity(row, text)

    def set_typed_quantity(self, row: int, text: str) -> bool:
        """A quantity the cashier typed: refused with the reason (the line stays as it was),
        confirmed first when unusually large."""
        text = text.strip()
        if not (text.isascii() and text.lstrip("+-").isdigit()):
            self._show_error(
                self.tr("Quantity must be a whole number, not \u201c%1\u201d").replace(
                    "%1", text[:20]
                )
            )
            return False
        qty = int(text)
        if qty < 1:
            self._show_error(
                self.tr("Quantity must be at least 1. To take the line off, use Remove line (Del).")
            )
            return False
        if qty > MAX_LINE_QTY:
            self._show_error(
                self.tr("Quantity can be at most %1 per line").replace("%1", f"{MAX_LINE_QTY:,}")
            )
            return False
        line = self.cart_model.cart.lines[row]
        if (
            qty > self.large_qty
            and qty != line.qty
            and not self.confirm_large_quantity(line.product.name, qty)
        ):
            self._show_info(self.tr("Quantity not changed"))
            return False
        return self._set_qty(row, qty)

    def confirm_large_quantity(self, name: str, qty: int) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Large quantity"),
            self.tr("Sell %1 of %2? That is more than usual.")
            .replace("%1", f"{qty:,}")
            .replace("%2", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def on_remove_button_clicked(self) -> None:
        self._next_action()
        row = self._selected_row()
        if row is not None:
            name = self.cart_model.cart.lines[row].product.name
            self.cart_model.remove(row)
            self._show_info(self.tr("Removed %1").replace("%1", name))

    def on_clear_button_clicked(self) -> None:
        self._next_action()
        cart = self.cart_model.cart
        if not cart.is_empty() and not self.confirm_drop_cart(
            self.tr("Clear the cart? %1 items will be taken off.").replace(
                "%1", str(cart.item_count)
            )
        ):
            self.scan_input.setFocus()
            return
        if not cart.is_empty():
            self.cart_tools.record_void(cart)  # counted for the shift
            self._show_info(self.tr("Cart voided"))
        self.clear_cart()

    def clear_cart(self) -> None:
        """Empty the cart without asking (after the cashier confirmed, or a new shift)."""
        self.cart_model.clear()
        self._update_customer_label()
        self.scan_input.setFocus()

    # --- helpers ----------------------------------------------------------------------

    def _lookup_code(self, code: str) -> None:
        if not code:
            return
        if len(code) > MAX_CODE_LENGTH or not code.isprintable():
            self._show_error(self.tr("Unreadable code; scan again"))
            return
        self._tasks.db(
            self._with_shelf(lambda: self._catalog.find_by_code(code)),
            lambda found: self._on_code_found(code, found),
            self._on_lookup_failed,
        )

    def _with_shelf(
        self, find: Callable[[], ProductInfo | None]
    ) -> Callable[[], tuple[ProductInfo | None, int | None]]:
        """The look-up and this store's shelf figure in one task on the database thread:
        one queued answer, one repaint, so the next scan never waits behind a second task."""
        location_id = self._own_location_id

        def find_with_shelf() -> tuple[ProductInfo | None, int | None]:
            product = find()
            shelf = self._catalog.on_shelf(location_id, product.id) if product else None
            return product, shelf

        return find_with_shelf

    def _on_code_found(self, code: str, found: tuple[ProductInfo | None, int | None]) -> None:
        product, shelf = found
        if product is None:
            self._show_error(self.tr("No product with code %1").replace("%1", code))
            return
        if shelf is not None:
            self.cart_model.set_on_shelf(product.id, shelf)
        self._add(product)

    def _search(self, text: str) -> None:
        self._tasks.db(
            lambda: self._catalog.search(text, 30),
            lambda rows: self._on_search_done(text, rows),
            self._on_lookup_failed,
        )

    def _on_search_done(self, text: str, products: list[ProductInfo]) -> None:
        self.results.clear()
        if not products:
            self.results.setVisible(False)
            self._show_error(self.tr("Nothing matches \u201c%1\u201d").replace("%1", text))
            return
        if len(products) == 1:
            self.results.setVisible(False)
            self._add(products[0])
            return
        for product in products:
            item = QListWidgetItem(f"{product.name}    {product.price.format()}    {product.sku}")
            item.setData(Qt.ItemDataRole.UserRole, product)
            self.results.addItem(item)
        self.results.setVisible(True)
        self.results.setCurrentRow(0)
        self.results.setFocus()
        self._show_info(
            self.tr("%1 matches: pick one and press Enter (Esc closes)").replace(
                "%1", str(len(products))
            )
        )

    def _on_lookup_failed(self, error: BaseException) -> None:
        log.error("look-up failed", exc_info=error)
        self._show_error(self.tr("Look-up failed: %1").replace("%1", str(error)))

    def _add(self, product: ProductInfo) -> None:
        try:
            row = self.cart_model.add_product(product)
        except CartError as exc:
            self._show_cart_error(exc)
            return
        self.table.selectRow(row)
        self._show_stock(product)
        if self._fulfilment is not None and not self.cart_model.knows_figures(product.id):
            self._load_figures(product)
        self.last_sale_label.setText("")
        self._show_info(f"{product.name}  {product.price.format()}")
        if self.cart_model.knows_shelf(product.id):
            self._warn_if_short(product.id)
        else:
            location_id = self._own_location_id
            self._tasks.db(
                lambda: self._catalog.on_shelf(location_id, product.id),
                lambda on_shelf: self._on_shelf_known(product.id, on_shelf),
                lambda error: log.error("shelf stock look-up failed", exc_info=error),
            )

    def _on_shelf_known(self, product_id: int, on_shelf: int) -> None:
        self.cart_model.set_on_shelf(product_id, on_shelf)
        self._warn_if_short(product_id)

    def _warn_if_short(self, product_id: int) -> None:
        """Sales are facts and go ahead, but the cashier hears and sees that the shelf
        should not have this, and the manager finds it under Stock to count."""
        row = next(
            (
                i
                for i, line in enumerate(self.cart_model.cart.lines)
                if line.product.id == product_id
            ),
            None,
        )
        if row is None or self.cart_model.shortfall(row) is None:
            return
        line, on_shelf = self.cart_model.cart.lines[row], self.cart_model.on_shelf(row)
        self._show_warning(
            self.tr(
                "%1: this store has %2 by the records. Sold anyway; check the shelf, it will be listed to count."
            )
            .replace("%1", line.product.name)
            .replace("%2", str(on_shelf))
        )

    def _show_stock(self, product: ProductInfo) -> None:
        """Stock of the product in focus, once the cashier pauses: a burst of scans must
        not queue a look-up per item in front of the next scan."""
        if self._stock_lookup is None or self.stock_panel.product_id == product.id:
            return
        self._stock_pending = product
        self._stock_timer.start()

    def _load_stock(self) -> None:
        """Cached figures at once (with their age), then live ones if the warehouse answers."""
        lookup, product = self._stock_lookup, self._stock_pending
        if lookup is None or product is None:
            return
        self.stock_panel.product_id = product.id

        def show_if_current(report: StockReport) -> None:
            if self.stock_panel.product_id == report.product.id:
                self.stock_panel.show_report(report)

        self._tasks.db(lambda: lookup.cached(product), show_if_current, owner=self)
        self._tasks.net(lambda: lookup.lookup(product), show_if_current, owner=self)

    def _set_qty(self, row: int, qty: int) -> bool:
        try:
            self.cart_model.set_qty(row, qty)
        except CartError as exc:
            self._show_cart_error(exc)
            return False
        line = self.cart_model.cart.lines[row]
        self._show_info(self.tr("%1 × %2").replace("%1", line.product.name).replace("%2", str(qty)))
        self._warn_if_short(line.product.id)
        return True

    def _bump_selected(self, delta: int) -> None:
        self._next_action()
        row = self._selected_row()
        if row is None:
            return
        new_qty = self.cart_model.cart.lines[row].qty + delta
        if new_qty < 1:
            self.on_remove_button_clicked()
        else:
            self._set_qty(row, new_qty)

    def _show_cart_error(self, error: CartError) -> None:
        if error.code == "qty_too_large":
            self._show_error(
                self.tr("Quantity can be at most %1 per line").replace("%1", f"{MAX_LINE_QTY:,}")
            )
        elif error.code == "qty_too_small":
            self._show_error(
                self.tr("Quantity must be at least 1. To take the line off, use Remove line (Del).")
            )
        else:
            log.error("cart refused: %s", error)
            self._show_error(str(error))

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        count = len(self.cart_model.cart.lines)
        return count - 1 if count else None

    def _on_sale_done(self, sale: CompletedSale) -> None:
        self._checkout_running = False
        self.pay_button.setEnabled(True)
        self.cart_model.clear()
        self._update_customer_label()
        self.stock_panel.clear_report()
        self._show_success(
            self.tr("Sale %1 done. Change due: %2")
            .replace("%1", sale.receipt_no)
            .replace("%2", sale.change.format())
        )
        self.last_sale_label.setText(self.tr("Change due\n%1").replace("%1", sale.change.format()))
        self.sale_completed.emit(sale)
        self.scan_input.setFocus()

    def set_cashier(self, cashier: StaffMember) -> None:
        """Another cashier signed in (the shift stays open); their name sells from now on."""
        self.cashier = cashier
        self.cashier_label.setText(self.tr("Cashier: %1").replace("%1", cashier.name))

    def _on_sale_failed(self, error: BaseException) -> None:
        self._checkout_running = False
        self.pay_button.setEnabled(True)
        if isinstance(error, CartError) and error.code == "no_open_shift":
            self._show_error(
                self.tr("No shift is open: open one (F6) before selling. The cart is kept.")
            )
            self.shift_required.emit()
            return
        if isinstance(error, FulfilmentError):
            self._show_error(
                self.tr("Pickup and ship lines need the customer's name and phone.")
                if error.code == "customer_required"
                else self.tr("Ship lines need an address or a pickup store.")
            )
            return
        log.error("sale failed", exc_info=error)
        if isinstance(error, CartError):
            self._show_cart_error(error)
        else:
            self._show_error(
                self.tr("The sale was not saved: %1. The cart is kept; try again.").replace(
                    "%1", str(error)
                )
            )

    def _update_totals(self, *_args: object) -> None:
        cart = self.cart_model.cart
        # One pricing pass per change, and none for a cart at list prices.
        pricing = cart.pricing() if cart.has_discounts() else None
        total = cart.total if pricing is None else Money(pricing.total_cents)
        self.total_label.setText(total.format())
        self._fit_total()
        self.count_label.setText(self.tr("%1 items").replace("%1", str(cart.item_count)))
        saved = []
        if pricing is not None and pricing.cart_discount_cents:
            saved.append(
                self.tr("Cart discount -%1").replace(
                    "%1", Money(pricing.cart_discount_cents).format()
                )
            )
        if pricing is not None and pricing.saved_cents > 0:
            saved.append(self.tr("Saved %1").replace("%1", Money(pricing.saved_cents).format()))
        self.saved_label.setText("\n".join(saved))
        self.pay_button.setEnabled(not cart.is_empty() and not self._checkout_running)

    def _fit_total(self) -> None:
        """The largest size at which the total fits its label (NT$9,999,999 included)."""
        width = self.total_label.contentsRect().width()
        if width <= 0:
            return
        font = QFont(self.total_label.font())
        for size in TOTAL_POINT_SIZES:
            font.setPointSize(size)
            if QFontMetrics(font).horizontalAdvance(self.total_label.text()) <= width:
                break
        if font.pointSize() != self.total_label.font().pointSize():
            self.total_label.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_total()

    def _show(self, text: str, kind: str) -> None:
        self.message_kind = kind
        self.message.setStyleSheet(MESSAGE_STYLES[kind])
        self.message.setText(text)

    def _next_action(self) -> None:
        """A warning or error banner stays until the cashier does the next thing."""
        if self.message_kind in ("warning", "error"):
            self._show("", "info")

    def _show_info(self, text: str) -> None:
        self._show(text, "info")

    def _show_success(self, text: str) -> None:
        self._show(text, "success")

    def _show_warning(self, text: str) -> None:
        self._show(text, "warning")
        self.beep()

    def _show_error(self, text: str) -> None:
        self._show(text, "error")
        self.beep()

    def _ask_tender_with_dialog(self, total: Money, parent: QWidget) -> Paid | None:
        dialog = TenderDialog(total, self.tenders, parent, self._buyer_text)
        if dialog.exec() != TenderDialog.DialogCode.Accepted:
            return None
        self._buyer = dialog.buyer
        return dialog.payments
