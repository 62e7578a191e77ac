"""The stock lookup screen (F3): one product's figures at every location (live from the
warehouse when it answers, else cached with their age), and "Reserve for pickup"
(quantity, customer's name, Taiwan phone) that queues the reservation.

Type a barcode, SKU or part of the name and press Enter. The screen decides nothing:
``StockLookupService`` gives the figures and ``PickupDeskService.reserve`` checks and
queues the reservation, which the pickup desk (F8) lists as pending until the
warehouse confirms it with its pickup code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from counter_app.core.catalog import ProductInfo
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember
from counter_app.services.pickups import MAX_QTY, PickupDeskService, PickupEntry, PickupError
from counter_app.services.replenishment import DemandReport, ProductDemandService
from counter_app.services.stock_lookup import StockLookupService, StockReport
from counter_app.services.store_transfers import StoreTransferService, TransferError, TransferView
from counter_app.ui.demand_chart import DemandChart
from counter_app.ui.keyed_button import keyed_button
from counter_app.ui.screens.base import Screen
from counter_app.ui.stock_panel import StockPanel
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

PickupRefusals = Callable[[PickupError], str]
"""The pickup desk's words for a refusal (``PickupsScreen.refusal_text``)."""


class StockScreen(Screen):
    name = "stock"
    key = "F3"
    ship_requested = Signal(object, int, str)  # product, qty, source: a dropship on its own

    def __init__(
        self,
        catalog: CatalogService,
        lookup: StockLookupService,
        desk: PickupDeskService,
        own_location_id: int,
        tasks: TaskRunner,
        cashier: StaffMember,
        refuse_words: PickupRefusals,
        demand: ProductDemandService | None = None,
        transfers: StoreTransferService | None = None,
    ) -> None:
        super().__init__()
        self._transfers = transfers
        self._catalog = catalog
        self._lookup = lookup
        self._desk = desk
        self._tasks = tasks
        self._refusals = refuse_words
        self._demand = demand
        self.cashier = cashier
        self.product: ProductInfo | None = None

        self.code_input = QLineEdit()
        self.code_input.setObjectName("stock_code_input")
        self.code_input.setPlaceholderText(self.tr("Barcode, SKU or name, then Enter"))
        self.code_input.returnPressed.connect(self.look_up)
        self.panel = StockPanel(own_location_id)
        self.panel.setVisible(False)
        # Recent daily sales and forecast here and at the warehouse (QtCharts).
        self.demand_chart = DemandChart()
        self.demand_chart.setVisible(False)

        self.qty = QSpinBox()
        self.qty.setObjectName("reserve_qty")
        self.qty.setRange(1, MAX_QTY)
        self.customer_name = QLineEdit()
        self.customer_name.setObjectName("reserve_name")
        self.customer_name.setMaxLength(100)
        self.phone = QLineEdit()
        self.phone.setObjectName("reserve_phone")
        self.phone.setPlaceholderText(self.tr("0912345678 or (02) 2345-6789"))
        self.reserve_button = keyed_button(
            self.tr("Reserve for pickup"), "Ctrl+P", self.reserve, "reserve_button"
        )
        self.reserve_button.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Quantity"), self.qty)
        form.addRow(self.tr("Customer"), self.customer_name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.reserve_button)
        # Ship straight to the customer (services/dropship.py; the root connects it).
        self.ship_button = keyed_button(
            self.tr("Ship to customer (warehouse)…"),
            "Ctrl+D",
            lambda: self._ship("warehouse"),
            "ship_button",
        )
        self.ship_button.setEnabled(False)
        self.ship_partner_button = keyed_button(
            self.tr("Ship to customer (partner)…"),
            "Ctrl+Shift+D",
            lambda: self._ship("partner"),
            "ship_partner_button",
        )
        self.ship_partner_button.setEnabled(False)
        form.addRow(self.ship_button)
        form.addRow(self.ship_partner_button)
        # Or bring it to this store's shelf: a transfer request from the warehouse.
        self.transfer_button = keyed_button(
            self.tr("Request a transfer to this store"),
            "Ctrl+T",
            self.request_transfer,
            "transfer_button",
        )
        self.transfer_button.setEnabled(False)
        self.transfer_button.setVisible(transfers is not None)
        form.addRow(self.transfer_button)

        self.message = QLabel()
        self.message.setObjectName("stock_message")
        self.message.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.panel)
        left.addWidget(self.demand_chart, 1)
        left.addStretch(0)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addSpacing(24)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.addWidget(self.code_input)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)

    # --- Screen -------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Stock")

    def on_show(self) -> None:
        self.code_input.setFocus()

    def show_problem(self, text: str) -> None:
        self._show(text, "#b00020")

    def set_cashier(self, cashier: StaffMember) -> None:
        self.cashier = cashier

    # --- actions ------------------------------------------------------------------

    def look_up(self) -> None:
        text = self.code_input.text().strip()
        if not text:
            return

        def find() -> ProductInfo | None:
            found = self._catalog.find_by_code(text)
            if found is None:
                matches = self._catalog.search(text, limit=1)
                found = matches[0] if matches else None
            return found

        self._tasks.db(find, self._found, self._failed, owner=self)

    def _found(self, product: ProductInfo | None) -> None:
        if product is None:
            self.product = None
            for button in self._product_buttons():
                button.setEnabled(False)
            self.panel.setVisible(False)
            self.show_problem(
                self.tr("Nothing matches \u201c%1\u201d").replace(
                    "%1", self.code_input.text().strip()
                )
            )
            return
        self.product = product
        for button in self._product_buttons():
            button.setEnabled(True)
        self.message.clear()
        lookup = self._lookup

        def show_if_current(report: StockReport) -> None:
            if self.product is not None and self.product.id == report.product.id:
                self.panel.show_report(report)

        self._tasks.db(lambda: lookup.cached(product), show_if_current, owner=self)
        self._tasks.net(lambda: lookup.lookup(product), show_if_current, owner=self)
        demand = self._demand
        if demand is not None:

            def chart_if_current(report: DemandReport) -> None:
                if self.product is not None and self.product.id == report.product_id:
                    self.demand_chart.setVisible(True)
                    self.demand_chart.show_report(report)

            self._tasks.net(lambda: demand.demand(product.id), chart_if_current, owner=self)

    def _product_buttons(self) -> tuple[QPushButton, ...]:
        return (self.reserve_button, self.ship_button, self.ship_partner_button) + (
            (self.transfer_button,) if self._transfers is not None else ()
        )

    def request_transfer(self) -> None:
        """Ask the warehouse for the quantity of this product to this store's shelf
        (``transfer.request``, queued like any op; the store stock screen, Shift+F3,
        follows it to received)."""
        product, transfers = self.product, self._transfers
        if product is None or transfers is None:
            return
        qty, cashier = self.qty.value(), self.cashier
        self.transfer_button.setEnabled(False)
        self._tasks.db(
            lambda: transfers.request(product.id, qty, "", cashier),
            self._transfer_requested,
            self._transfer_refused,
            owner=self,
        )

    def _transfer_requested(self, view: TransferView) -> None:
        self.transfer_button.setEnabled(self.product is not None)
        self.qty.setValue(1)
        items = "、".join(
            f"{view.names.get(line.product_id, line.product_id)} ×{line.qty}"
            for line in view.record.lines
        )
        self._show(
            self.tr("Transfer to this store requested: %1 (see Store stock, Shift+F3)").replace(
                "%1", items
            ),
            "#1b7f3b",
        )

    def _transfer_refused(self, error: BaseException) -> None:
        self.transfer_button.setEnabled(self.product is not None)
        if isinstance(error, TransferError) and error.code == "bad_qty":
            self.show_problem(self.tr("The quantity must be between 1 and 999"))
        else:
            self._failed(error)

    def _ship(self, source: str) -> None:
        if self.product is not None:
            self.ship_requested.emit(self.product, self.qty.value(), source)

    def reserve(self) -> None:
        product = self.product
        if product is None:
            return
        qty, name, phone, cashier = (
            self.qty.value(),
            self.customer_name.text(),
            self.phone.text(),
            self.cashier,
        )
        self.reserve_button.setEnabled(False)
        self._tasks.db(
            lambda: self._desk.reserve(product.id, qty, name, phone, cashier),
            self._reserved,
            self._refused,
            owner=self,
        )

    def _reserved(self, entry: PickupEntry) -> None:
        self.reserve_button.setEnabled(self.product is not None)
        self.customer_name.clear()
        self.phone.clear()
        self.qty.setValue(1)
        items = "、".join(f"{line.name} ×{line.qty}" for line in entry.lines)
        self._show(
            self.tr("Reserved for pickup, pending confirmation: %1 (see Pickups, F8)").replace(
                "%1", items
            ),
            "#1b7f3b",
        )

    def _refused(self, error: BaseException) -> None:
        self.reserve_button.setEnabled(self.product is not None)
        if isinstance(error, PickupError):
            self.show_problem(self._refusals(error))
        else:
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        log.error("stock screen", exc_info=error)
        self.show_problem(self.tr("Look-up failed: %1").replace("%1", str(error)))

    def _show(self, text: str, color: str) -> None:
        self.message.setStyleSheet(f"color: {color}; font-size: 15px;")
        self.message.setText(text)
