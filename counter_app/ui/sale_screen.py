"""The sale screen: scan or type, see the cart and the total, take cash."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.cart import Cart, CartError, CartLine
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
from counter_app.core.money import Money
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember
from counter_app.services.selling import CompletedSale, SellingService
from counter_app.services.stock_lookup import StockLookupService, StockReport
from counter_app.ui.cart_model import CartTableModel
from counter_app.ui.payment_dialog import CashPaymentDialog
from counter_app.ui.screens.base import Screen
from counter_app.ui.stock_panel import StockPanel
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

MAX_CODE_LENGTH = 64
STOCK_LOOKUP_DELAY_MS = 250


def _looks_like_code(text: str) -> bool:
    return text.isascii() and not any(c.isspace() for c in text) and any(c.isdigit() for c in text)


class SaleScreen(Screen):
    name = "sale"
    key = "F1"
    sale_completed = Signal(object)  # CompletedSale

    def __init__(
        self,
        catalog: CatalogService,
        selling: SellingService,
        tasks: TaskRunner,
        cashier: StaffMember,
        ask_tender: Callable[[Money, QWidget], Money | None] | None = None,
        stock_lookup: StockLookupService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._selling = selling
        self._tasks = tasks
        self.cashier = cashier
        self._ask_tender = ask_tender or self._ask_tender_with_dialog
        self._stock_lookup = stock_lookup
        self._own_location_id = selling.location_id
        self.cart_model = CartTableModel(Cart())
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
        self._update_totals()

    # --- layout -------------------------------------------------------------------

    def _build(self) -> None:
        self.scan_input = QLineEdit()
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setPlaceholderText(self.tr("Scan a barcode or type a code or name, then Enter"))
        self.scan_input.setMaxLength(MAX_CODE_LENGTH)
        font = QFont(self.scan_input.font())
        font.setPointSize(16)
        self.scan_input.setFont(font)
        self.scan_input.setMinimumHeight(44)

        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setMinimumHeight(28)

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
        for col in (1, 2, 3):
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
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
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

        self.pay_button = QPushButton(self.tr("Cash (F12)"))
        self.pay_button.setObjectName("payCash")
        self.qty_button = QPushButton(self.tr("Quantity (F4)"))
        self.plus_button = QPushButton("+1 (+)")
        self.minus_button = QPushButton("-1 (-)")
        self.remove_button = QPushButton(self.tr("Remove line (Del)"))
        self.clear_button = QPushButton(self.tr("Clear cart"))
        for button in (
            self.pay_button, self.qty_button, self.plus_button, self.minus_button,
            self.remove_button, self.clear_button,
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
        self.cart_model.rowsInserted.connect(self._update_totals)
        self.cart_model.rowsRemoved.connect(self._update_totals)
        self.cart_model.dataChanged.connect(self._update_totals)
        self.cart_model.modelReset.connect(self._update_totals)
        self.table.selectionModel().currentRowChanged.connect(self.on_table_current_row_changed)
        shortcuts = {
            "F12": self.on_pay_button_clicked,
            "F4": self.on_qty_button_clicked,
            "Delete": self.on_remove_button_clicked,
            "+": lambda: self._bump_selected(+1),
            "-": lambda: self._bump_selected(-1),
        }
        for key, slot in shortcuts.items():
            QShortcut(QKeySequence(key), self, activated=slot)

    # --- slots ------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Sale")

    def on_scan(self, result: ScanResult, text: str) -> None:
        """A product code, an in-store label or a code only the catalog may know, routed
        here by the scan router. The field keeps whatever the cashier was typing."""
        self._route(result, text)

    def on_show(self) -> None:
        self.scan_input.setFocus()

    def show_problem(self, text: str) -> None:
        self._show_error(text)

    def _route(self, result: ScanResult, text: str) -> None:
        match result:
            case ProductCode() | GS1Code():
                keys = result.lookup_keys
                self._tasks.db(
                    lambda: self._catalog.find_by_any(keys),
                    lambda product: self._on_code_found(text, product),
                    self._on_lookup_failed,
                )
            case EmbeddedPriceCode():
                self._show_error(
                    self.tr("In-store price label %1 is not set up for this store").replace("%1", result.item_code)
                )
            case InvalidCode(reason=InvalidReason.UNKNOWN_FORMAT):
                self._lookup_code(text)  # an SKU or a store's own code: let the catalog decide
            case CarrierCode():  # the customer's e-invoice carrier, for the payment step
                self._buyer_text, self._buyer = result.carrier_id, InvoiceBuyer(carrier=result)
                self._show_info(self.tr("E-invoice carrier %1 for this sale").replace("%1", result.carrier_id))

    def on_scan_input_return_pressed(self) -> None:
        text = self.scan_input.text().strip()
        self.scan_input.clear()
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
        if self.cart_model.cart.is_empty():
            self._show_error(self.tr("The cart is empty"))
            return
        total = self.cart_model.cart.total
        tendered = self._ask_tender(total, self)
        if tendered is None:
            self.scan_input.setFocus()
            return
        buyer, self._buyer, self._buyer_text = self._buyer, NO_BUYER, ""
        self._checkout_running = True
        self.pay_button.setEnabled(False)
        # The database thread gets its own copy: the cashier may keep scanning.
        cart = Cart([CartLine(line.product, line.qty) for line in self.cart_model.cart.lines])
        self._tasks.db(
            lambda: self._selling.complete_cash_sale(cart, self.cashier, tendered, buyer),
            self._on_sale_done,
            self._on_sale_failed,
        )

    def on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.cart_model.cart.lines):
            self._show_stock(self.cart_model.cart.lines[current.row()].product)

    def on_qty_button_clicked(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        line = self.cart_model.cart.lines[row]
        qty, ok = QInputDialog.getInt(
            self, self.tr("Quantity"), line.product.name, line.qty, 1, 9999
        )
        if ok:
            self._set_qty(row, qty)

    def on_remove_button_clicked(self) -> None:
        row = self._selected_row()
        if row is not None:
            name = self.cart_model.cart.lines[row].product.name
            self.cart_model.remove(row)
            self._show_info(self.tr("Removed %1").replace("%1", name))

    def on_clear_button_clicked(self) -> None:
        self.cart_model.clear()
        self.scan_input.setFocus()

    # --- helpers ----------------------------------------------------------------------

    def _lookup_code(self, code: str) -> None:
        if not code:
            return
        if len(code) > MAX_CODE_LENGTH or not code.isprintable():
            self._show_error(self.tr("Unreadable code; scan again"))
            return
        self._tasks.db(
            lambda: self._catalog.find_by_code(code),
            lambda product: self._on_code_found(code, product),
            self._on_lookup_failed,
        )

    def _on_code_found(self, code: str, product: ProductInfo | None) -> None:
        if product is None:
            self._show_error(self.tr("No product with code %1").replace("%1", code))
            return
        self._add(product)

    def _search(self, text: str) -> None:
        self._tasks.db(lambda: self._catalog.search(text, 30), lambda rows: self._on_search_done(text, rows), self._on_lookup_failed)

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
        self._show_info(self.tr("%1 matches: pick one and press Enter").replace("%1", str(len(products))))

    def _on_lookup_failed(self, error: BaseException) -> None:
        log.error("look-up failed", exc_info=error)
        self._show_error(self.tr("Look-up failed: %1").replace("%1", str(error)))

    def _add(self, product: ProductInfo) -> None:
        try:
            row = self.cart_model.add_product(product)
        except CartError as exc:
            self._show_error(str(exc))
            return
        self.table.selectRow(row)
        self._show_stock(product)
        self.last_sale_label.setText("")
        self._show_info(f"{product.name}  {product.price.format()}")

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

    def _set_qty(self, row: int, qty: int) -> None:
        try:
            self.cart_model.set_qty(row, qty)
        except CartError as exc:
            self._show_error(str(exc))

    def _bump_selected(self, delta: int) -> None:
        row = self._selected_row()
        if row is None:
            return
        new_qty = self.cart_model.cart.lines[row].qty + delta
        if new_qty < 1:
            self.on_remove_button_clicked()
        else:
            self._set_qty(row, new_qty)

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
        self.stock_panel.clear_report()
        self._show_success(
            self.tr("Sale %1 done. Change due: %2")
            .replace("%1", sale.receipt_no)
            .replace("%2", sale.change.format())
        )
        self.last_sale_label.setText(
            self.tr("Change due\n%1").replace("%1", sale.change.format())
        )
        self.sale_completed.emit(sale)
        self.scan_input.setFocus()

    def _on_sale_failed(self, error: BaseException) -> None:
        self._checkout_running = False
        self.pay_button.setEnabled(True)
        log.error("sale failed", exc_info=error)
        if isinstance(error, CartError):
            self._show_error(str(error))
        else:
            self._show_error(self.tr("The sale was not saved: %1. The cart is kept; try again.").replace("%1", str(error)))

    def _update_totals(self, *_args: object) -> None:
        cart = self.cart_model.cart
        self.total_label.setText(cart.total.format())
        self.count_label.setText(self.tr("%1 items").replace("%1", str(cart.item_count)))
        self.pay_button.setEnabled(not cart.is_empty() and not self._checkout_running)

    def _show(self, text: str, color: str) -> None:
        self.message.setStyleSheet(f"color: {color}; font-size: 15px;")
        self.message.setText(text)

    def _show_info(self, text: str) -> None:
        self._show(text, "#333333")

    def _show_success(self, text: str) -> None:
        self._show(text, "#1b7f3b")

    def _show_error(self, text: str) -> None:
        self._show(text, "#b00020")

    def _ask_tender_with_dialog(self, total: Money, parent: QWidget) -> Money | None:
        dialog = CashPaymentDialog(total, parent, self._buyer_text)
        if dialog.exec() != CashPaymentDialog.DialogCode.Accepted:
            return None
        self._buyer = dialog.buyer
        return dialog.tendered
