"""The store's stock work (Shift+F3): transfers to this store, replenishment, and counts.

Three tabs. *Transfers*: ask the warehouse for a product (quantity, reason), the
list of this store's transfers by status, and receiving a shipped one by scanning
its items (each scan counts one; short and extra items are shown and sent as
counted). *Replenishment*: low-stock lines against safety stock, the transfers to
ask for (Enter on a line asks for it), and this store's idle items with the action
suggested; the figures' age when they are cached. *Counts* (盤點): a scan-to-count
session of the whole store, one category or the flagged items, blind while counting,
recounts of large variances, the variance report, the submit, and the reconciliation
of one product. The screen decides nothing: the services do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.catalog import ProductInfo
from counter_app.core.codes import ScanResult
from counter_app.core.money import Money
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember
from counter_app.services.replenishment import ReplenishmentReport, ReplenishmentService
from counter_app.services.stock_counts import (
    CountError,
    CountSessionView,
    Reconciliation,
    StockCountService,
)
from counter_app.services.store_transfers import (
    MAX_QTY,
    ReceiptProgress,
    StoreTransferService,
    TransferError,
    TransferView,
)
from counter_app.ui.keyed_button import keyed_button
from counter_app.ui.local_time import local_time_text
from counter_app.ui.screens.base import Screen
from counter_app.ui.tables import fill_rows, read_only_table
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

PRODUCT_SCANS = frozenset({"product", "gs1", "embedded", "unknown"})


def _nt(cents: int) -> str:
    return Money(cents).format()


class StoreStockScreen(Screen):
    name = "store_stock"
    # Beside the stock lookup (F3); F2 and F5, the last free function keys, are left
    # to the other screens being added (dropship list, alerts).
    key = "Shift+F3"
    takes_scans_in_front: ClassVar[frozenset[str]] = PRODUCT_SCANS

    def __init__(
        self,
        catalog: CatalogService,
        transfers: StoreTransferService,
        replenishment: ReplenishmentService,
        counts: StockCountService,
        tasks: TaskRunner,
        cashier: StaffMember,
    ) -> None:
        super().__init__()
        self._catalog = catalog
        self._transfers = transfers
        self._replenishment = replenishment
        self._counts = counts
        self._tasks = tasks
        self.cashier = cashier
        self.receiving: str | None = None  # the transfer being received by scan
        self.request_product: ProductInfo | None = None
        self.report: ReplenishmentReport | None = None
        self.session: CountSessionView | None = None
        self._transfer_rows: list[TransferView] = []
        self._receipt_rows: list[int] = []

        self.tabs = QTabWidget()
        self.tabs.setObjectName("store_stock_tabs")
        self.tabs.addTab(self._build_transfers(), self.tr("Transfers"))
        self.tabs.addTab(self._build_replenishment(), self.tr("Replenishment"))
        self.tabs.addTab(self._build_counts(), self.tr("Counts"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.message = QLabel()
        self.message.setObjectName("store_stock_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

    # --- building -----------------------------------------------------------------

    def _build_transfers(self) -> QWidget:
        page = QWidget()
        self.request_code = QLineEdit()
        self.request_code.setObjectName("request_code")
        self.request_code.setPlaceholderText(self.tr("Barcode, SKU or name, then Enter"))
        self.request_code.returnPressed.connect(self.find_request_product)
        self.request_product_label = QLabel()
        self.request_qty = QSpinBox()
        self.request_qty.setObjectName("request_qty")
        self.request_qty.setRange(1, MAX_QTY)
        self.request_reason = QLineEdit()
        self.request_reason.setObjectName("request_reason")
        self.request_reason.setMaxLength(200)
        self.request_reason.setPlaceholderText(self.tr("Reason (optional)"))
        self.request_button = keyed_button(
            self.tr("Request from the warehouse"), "Ctrl+T", self.request, "request_button"
        )
        self.request_button.setEnabled(False)
        form = QHBoxLayout()
        form.addWidget(self.request_code, 3)
        form.addWidget(self.request_product_label, 3)
        form.addWidget(self.request_qty)
        form.addWidget(self.request_reason, 2)
        form.addWidget(self.request_button)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("transfer_status_filter")
        for status in ("", "pending", "requested", "shipped", "received"):
            self.status_filter.addItem(
                self.status_text(status) if status else self.tr("All"), status
            )
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh_transfers())
        self.transfer_table = read_only_table(
            "transfer_table",
            [
                self.tr("Status"),
                self.tr("Items"),
                self.tr("Units"),
                self.tr("Reason"),
                self.tr("Carrier"),
                self.tr("Updated"),
            ],
            1,
        )
        self.receive_start = keyed_button(
            self.tr("Receive by scanning"), "Ctrl+E", self.start_receiving, "receive_start"
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.status_filter)
        top.addStretch(1)
        top.addWidget(self.receive_start)

        self.receipt_label = QLabel()
        self.receipt_label.setObjectName("receipt_label")
        self.receipt_table = read_only_table(
            "receipt_table",
            [
                self.tr("Product"),
                self.tr("Shipped"),
                self.tr("Units counted"),
                self.tr("Short or extra"),
            ],
            0,
        )
        self.receive_done = keyed_button(
            self.tr("Confirm the receipt"), "F12", self.receive, "receive_done"
        )
        self.receive_cancel = keyed_button(
            self.tr("Stop receiving"), "Esc", self.stop_receiving, "receive_cancel"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt_label, 1)
        self.receipt_qty = QSpinBox()
        self.receipt_qty.setObjectName("receipt_qty")
        self.receipt_qty.setRange(0, 99_999)
        self.receipt_set = keyed_button(
            self.tr("Set the count of the selected line"),
            "Ctrl+N",
            self.set_receipt_count,
            "receipt_set",
        )
        buttons.addWidget(self.receipt_qty)
        buttons.addWidget(self.receipt_set)
        buttons.addWidget(self.receive_cancel)
        buttons.addWidget(self.receive_done)
        self.receipt_box = QWidget()
        box = QVBoxLayout(self.receipt_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.receipt_table)
        box.addLayout(buttons)
        self.receipt_box.setVisible(False)

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addLayout(top)
        layout.addWidget(self.transfer_table, 2)
        layout.addWidget(self.receipt_box, 2)
        return page

    def _build_replenishment(self) -> QWidget:
        page = QWidget()
        self.replenish_age = QLabel()
        self.replenish_age.setObjectName("replenish_age")
        refresh = keyed_button(
            self.tr("Refresh"), "F5", self.refresh_replenishment, "replenish_refresh"
        )
        self.low_table = read_only_table(
            "low_stock_table",
            [
                self.tr("SKU"),
                self.tr("Product"),
                self.tr("Available"),
                self.tr("Safety stock"),
                self.tr("Reorder point"),
                self.tr("Incoming"),
                self.tr("Suggested"),
                self.tr("From"),
            ],
            1,
        )
        self.low_table.activated.connect(lambda _index: self.request_suggestion())
        self.suggest_button = QPushButton(self.tr("Request the suggested transfer (Enter)"))
        self.suggest_button.setObjectName("suggest_button")
        self.suggest_button.clicked.connect(self.request_suggestion)
        self.idle_table = read_only_table(
            "idle_table",
            [
                self.tr("SKU"),
                self.tr("Product"),
                self.tr("Idle units"),
                self.tr("Value tied up"),
                self.tr("Suggested action"),
            ],
            1,
        )
        top = QHBoxLayout()
        top.addWidget(self.replenish_age, 1)
        top.addWidget(refresh)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Low stock and transfers to ask for")))
        layout.addWidget(self.low_table, 3)
        layout.addWidget(self.suggest_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(QLabel(self.tr("Idle stock at this store")))
        layout.addWidget(self.idle_table, 2)
        return page

    def _build_counts(self) -> QWidget:
        page = QWidget()
        self.scope = QComboBox()
        self.scope.setObjectName("count_scope")
        self.scope.addItem(self.tr("Whole store"), "store")
        self.scope.addItem(self.tr("One category"), "category")
        self.scope.addItem(self.tr("Items flagged for a count"), "flagged")
        self.category = QComboBox()
        self.category.setObjectName("count_category")
        self.blind = QCheckBox(self.tr("Blind count (hide the expected figure)"))
        self.blind.setObjectName("count_blind")
        self.blind.setChecked(True)
        self.start_button = keyed_button(
            self.tr("Start counting"), "Ctrl+O", self.start_count, "count_start"
        )
        start = QHBoxLayout()
        start.addWidget(self.scope)
        start.addWidget(self.category)
        start.addWidget(self.blind)
        start.addStretch(1)
        start.addWidget(self.start_button)

        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.count_table = read_only_table(
            "count_table",
            [
                self.tr("SKU"),
                self.tr("Product"),
                self.tr("Expected"),
                self.tr("Units counted"),
                self.tr("Recount"),
                self.tr("Variance"),
            ],
            1,
        )
        self.finish_button = keyed_button(
            self.tr("Finish counting"), "Ctrl+F", self.finish_count, "count_finish"
        )
        self.submit_button = keyed_button(
            self.tr("Submit the count"), "F12", self.submit_count, "count_submit"
        )
        self.recount_button = keyed_button(
            self.tr("Count again"), "Ctrl+R", self.recount, "count_again"
        )
        self.close_button = keyed_button(
            self.tr("Put the session away"), "Ctrl+W", self.close_session, "count_close"
        )
        self.variance_label = QLabel()
        self.variance_label.setObjectName("variance_label")
        actions = QHBoxLayout()
        actions.addWidget(self.variance_label, 1)
        self.count_qty = QSpinBox()
        self.count_qty.setObjectName("count_qty")
        self.count_qty.setRange(0, 99_999)
        self.count_set = keyed_button(
            self.tr("Set the count of the selected line"),
            "Ctrl+N",
            self.set_line_count,
            "count_set",
        )
        actions.addWidget(self.count_qty)
        actions.addWidget(self.count_set)
        for button in (
            self.close_button,
            self.recount_button,
            self.finish_button,
            self.submit_button,
        ):
            actions.addWidget(button)

        self.reconcile_code = QLineEdit()
        self.reconcile_code.setObjectName("reconcile_code")
        self.reconcile_code.setPlaceholderText(
            self.tr("Reconcile a product: barcode or SKU, then Enter")
        )
        self.reconcile_code.returnPressed.connect(self.reconcile)
        self.reconcile_text = QLabel()
        self.reconcile_text.setObjectName("reconcile_text")
        self.reconcile_text.setWordWrap(True)

        layout = QVBoxLayout(page)
        layout.addLayout(start)
        layout.addWidget(self.count_label)
        layout.addWidget(self.count_table, 3)
        layout.addLayout(actions)
        layout.addWidget(self.reconcile_code)
        layout.addWidget(self.reconcile_text)
        return page

    # --- Screen -------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Store stock")

    def on_show(self) -> None:
        self.refresh()

    def show_problem(self, text: str) -> None:
        self._show(text, "#b00020")

    def set_cashier(self, cashier: StaffMember) -> None:
        self.cashier = cashier

    def on_scan(self, result: ScanResult, text: str) -> None:
        """A product scan: one more of it on the receipt or the count in progress, or
        the product to ask for on the transfers tab."""
        catalog = self._catalog
        self._tasks.db(
            lambda: catalog.find_by_code(text),
            lambda p: self._scanned(p, text),
            self._failed,
            owner=self,
        )

    def _scanned(self, product: ProductInfo | None, text: str) -> None:
        if product is None:
            self.show_problem(self.tr("Nothing matches \u201c%1\u201d").replace("%1", text[:40]))
            return
        tab = self.tabs.currentIndex()
        if tab == 0 and self.receiving is not None:
            tid = self.receiving
            self._tasks.db(
                lambda: self._transfers.scan(tid, product.id),
                self._show_receipt,
                self._refused,
                owner=self,
            )
        elif tab == 2:
            self._tasks.db(
                lambda: self._counts.scan(product), self._show_session, self._refused, owner=self
            )
        else:
            self.tabs.setCurrentIndex(0)
            self._request_found(product)

    # --- transfers ----------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        self.message.clear()
        self.refresh()

    def refresh(self) -> None:
        tab = self.tabs.currentIndex()
        if tab == 0:
            self.refresh_transfers()
        elif tab == 1:
            self._tasks.db(self._replenishment.cached, self._show_report, self._failed, owner=self)
            self.refresh_replenishment()
        else:
            self._tasks.db(self._counts.categories, self._fill_categories, self._failed, owner=self)
            self._tasks.db(self._counts.current, self._show_session, self._failed, owner=self)

    def refresh_transfers(self) -> None:
        status = self.status_filter.currentData() or None
        self._tasks.db(
            lambda: self._transfers.transfers(status),
            self._show_transfers,
            self._failed,
            owner=self,
        )

    def _show_transfers(self, views: list[TransferView]) -> None:
        self._transfer_rows = views
        fill_rows(
            self.transfer_table,
            [
                (
                    self.status_text(v.status),
                    "、".join(
                        f"{v.names.get(line.product_id, line.product_id)} ×{line.qty}"
                        for line in v.record.lines
                    ),
                    str(v.units),
                    v.record.reason or "",
                    " ".join(x for x in (v.record.carrier, v.record.tracking_no) if x),
                    local_time_text(v.record.updated_at),
                )
                for v in views
            ],
        )

    def find_request_product(self) -> None:
        text = self.request_code.text().strip()
        if not text:
            return
        catalog = self._catalog

        def find() -> ProductInfo | None:
            found = catalog.find_by_code(text)
            if found is None:
                matches = catalog.search(text, limit=1)
                found = matches[0] if matches else None
            return found

        self._tasks.db(
            find,
            lambda p: self._request_found(p) if p else self._scanned(None, text),
            self._failed,
            owner=self,
        )

    def _request_found(self, product: ProductInfo) -> None:
        self.request_product = product
        self.request_product_label.setText(f"{product.sku} {product.name}")
        self.request_button.setEnabled(True)

    def request(self) -> None:
        product = self.request_product
        if product is None:
            return
        qty, reason, cashier = self.request_qty.value(), self.request_reason.text(), self.cashier
        self._tasks.db(
            lambda: self._transfers.request(product.id, qty, reason, cashier),
            self._requested,
            self._refused,
            owner=self,
        )

    def _requested(self, view: TransferView) -> None:
        self.request_reason.clear()
        self.request_qty.setValue(1)
        self._show(
            self.tr("Requested from the warehouse, pending until it answers: %1").replace(
                "%1",
                "、".join(
                    f"{view.names.get(line.product_id, line.product_id)} ×{line.qty}"
                    for line in view.record.lines
                ),
            ),
            "#1b7f3b",
        )
        self.refresh()

    def start_receiving(self) -> None:
        row = self.transfer_table.currentRow()
        if not 0 <= row < len(self._transfer_rows):
            self.show_problem(self.tr("Choose a shipped transfer first"))
            return
        view = self._transfer_rows[row]
        tid = view.record.transfer_id
        self._tasks.db(
            lambda: self._transfers.progress(tid), self._receiving, self._refused, owner=self
        )

    def _receiving(self, progress: ReceiptProgress) -> None:
        self.receiving = progress.transfer_id
        self.receipt_box.setVisible(True)
        self._show_receipt(progress)
        self._show(self.tr("Scan each item of the transfer: each scan counts one"), "#1f5fa8")

    def set_receipt_count(self) -> None:
        """Type a line's count (a case of 24 is not scanned 24 times)."""
        tid, row = self.receiving, self.receipt_table.currentRow()
        if tid is None or not 0 <= row < len(self._receipt_rows):
            return
        pid, qty = self._receipt_rows[row], self.receipt_qty.value()
        self._tasks.db(
            lambda: self._transfers.set_count(tid, pid, qty),
            self._show_receipt,
            self._refused,
            owner=self,
        )

    def _show_receipt(self, progress: ReceiptProgress) -> None:
        self._receipt_rows = [line.product_id for line in progress.lines]
        fill_rows(
            self.receipt_table,
            [
                (
                    progress.names.get(line.product_id, str(line.product_id)),
                    str(line.shipped),
                    str(line.counted),
                    ""
                    if line.difference == 0
                    else (
                        self.tr("%1 short").replace("%1", str(-line.difference))
                        if line.difference < 0
                        else self.tr("%1 extra").replace("%1", str(line.difference))
                    ),
                )
                for line in progress.lines
            ],
        )
        self.receipt_label.setText(
            self.tr("Short: %1, extra: %2")
            .replace("%1", str(progress.short))
            .replace("%2", str(progress.extra))
        )

    def receive(self) -> None:
        tid, cashier = self.receiving, self.cashier
        if tid is None:
            return
        self._tasks.db(
            lambda: self._transfers.receive(tid, cashier), self._received, self._refused, owner=self
        )

    def _received(self, progress: ReceiptProgress) -> None:
        self.stop_receiving()
        self._show(
            self.tr("Received; the warehouse is told what arrived (short %1, extra %2)")
            .replace("%1", str(progress.short))
            .replace("%2", str(progress.extra)),
            "#1b7f3b",
        )
        self.refresh_transfers()

    def stop_receiving(self) -> None:
        self.receiving = None
        self.receipt_box.setVisible(False)

    # --- replenishment --------------------------------------------------------------

    def refresh_replenishment(self) -> None:
        self._tasks.net(self._replenishment.refresh, self._show_report, self._failed, owner=self)

    def _show_report(self, report: ReplenishmentReport) -> None:
        self.report = report
        if report.fetched_at is None:
            self.replenish_age.setText(self.tr("No figures yet: the warehouse has not answered"))
        elif report.live:
            self.replenish_age.setText(self.tr("Live figures from the warehouse"))
        else:
            minutes = int((report.age_s or 0) // 60)
            self.replenish_age.setText(
                self.tr("Offline: figures from %1 (%2 min old)")
                .replace("%1", local_time_text(report.fetched_at))
                .replace("%2", str(minutes))
            )
        fill_rows(
            self.low_table,
            [
                (
                    line.sku,
                    line.name + ("  ⚠" if line.below_safety else ""),
                    str(line.on_hand),
                    str(line.safety_stock),
                    str(line.reorder_point),
                    str(line.inbound),
                    str(line.suggested_qty),
                    self.tr("supplier order") if line.source == "order" else line.source,
                )
                for line in report.low_stock
            ],
        )
        fill_rows(
            self.idle_table,
            [
                (
                    line.sku,
                    line.name,
                    str(line.idle_qty),
                    _nt(line.idle_value_cents),
                    self.action_text(line.action, line.to_location_code, line.qty),
                )
                for line in report.idle
            ],
        )

    def request_suggestion(self) -> None:
        report, row = self.report, self.low_table.currentRow()
        if report is None or not 0 <= row < len(report.low_stock):
            return
        line = report.low_stock[row]
        if line.source == "order" or line.suggested_qty <= 0:
            self.show_problem(
                self.tr("The warehouse has none to send: this one is a supplier order")
            )
            return
        reason, cashier = self.tr("Below the reorder point"), self.cashier
        self._tasks.db(
            lambda: self._transfers.request(
                line.product_id, min(line.suggested_qty, MAX_QTY), reason, cashier
            ),
            self._requested,
            self._refused,
            owner=self,
        )

    # --- counts --------------------------------------------------------------------

    def _fill_categories(self, names: list[str]) -> None:
        current = self.category.currentText()
        self.category.clear()
        self.category.addItems(names)
        if current in names:
            self.category.setCurrentText(current)

    def start_count(self) -> None:
        scope, category, blind, cashier = (
            self.scope.currentData(),
            self.category.currentText(),
            self.blind.isChecked(),
            self.cashier,
        )
        self._tasks.db(
            lambda: self._counts.start(scope, cashier, category=category, blind=blind),
            self._show_session,
            self._refused,
            owner=self,
        )

    def set_line_count(self) -> None:
        """Type the selected line's count (its recount, when one is asked)."""
        view, row = self.session, self.count_table.currentRow()
        if view is None or not 0 <= row < len(view.lines):
            return
        pid, qty = view.lines[row].product.id, self.count_qty.value()
        self._tasks.db(
            lambda: self._counts.set_count(pid, qty), self._show_session, self._refused, owner=self
        )

    def _show_session(self, view: CountSessionView | None) -> None:
        self.session = view
        counting = view is not None and view.session.status == "counting"
        self.start_button.setEnabled(view is None or view.session.status != "counting")
        self.finish_button.setEnabled(counting)
        self.submit_button.setEnabled(counting)
        self.recount_button.setEnabled(view is not None and view.outcome in ("conflict", "refused"))
        self.close_button.setEnabled(view is not None and view.outcome != "closed")
        if view is None:
            self.count_label.setText(self.tr("No count in progress"))
            fill_rows(self.count_table, [])
            self.variance_label.clear()
            return
        hide = counting and view.session.blind
        fill_rows(
            self.count_table,
            [
                (
                    v.product.sku,
                    v.product.name,
                    "—" if hide else str(v.line.expected),
                    str(v.line.counted) if v.line.scanned else "",
                    (self.tr("asked") if v.line.recounted is None else str(v.line.recounted))
                    if v.line.recount_asked
                    else "",
                    "" if hide else (f"{v.line.variance:+d}" if v.line.variance else "0"),
                )
                for v in view.lines
            ],
        )
        self.count_label.setText(self.session_text(view))
        if hide:
            self.variance_label.setText(
                self.tr("Blind count: the figures show once it is submitted")
            )
        else:
            self._tasks.db(
                lambda: self._counts.variance_report(view.session.session_id),
                self._show_variance,
                self._failed,
                owner=self,
            )

    def _show_variance(self, report: Any) -> None:
        self.variance_label.setText(
            self.tr("Variance: %1 short, %2 over, net %3")
            .replace("%1", str(report.units_short))
            .replace("%2", str(report.units_over))
            .replace("%3", _nt(report.net_value_cents))
        )

    def finish_count(self) -> None:
        self._tasks.db(self._counts.finish_counting, self._finished, self._refused, owner=self)

    def _finished(self, view: CountSessionView) -> None:
        self._show_session(view)
        if view.recounts_left:
            self._show(
                self.tr(
                    "Count these %1 lines again: they are far from the expected figure"
                ).replace("%1", str(view.recounts_left)),
                "#b36b00",
            )
        else:
            self._show(self.tr("Counted. Check the variance, then submit."), "#1b7f3b")

    def submit_count(self) -> None:
        cashier = self.cashier
        self._tasks.db(
            lambda: self._counts.submit(cashier), self._submitted, self._refused, owner=self
        )

    def _submitted(self, view: CountSessionView) -> None:
        self._show_session(view)
        self._show(
            self.tr(
                "Count submitted; the warehouse applies it if no sale moved the figures meanwhile"
            ),
            "#1b7f3b",
        )

    def recount(self) -> None:
        view = self.session
        if view is None:
            return
        sid = view.session.session_id
        self._tasks.db(
            lambda: self._counts.recount_after_conflict(sid),
            self._show_session,
            self._refused,
            owner=self,
        )

    def close_session(self) -> None:
        view = self.session
        if view is None:
            return
        sid = view.session.session_id
        self._tasks.db(
            lambda: self._counts.close(sid),
            lambda _r: self._show_session(None),
            self._refused,
            owner=self,
        )

    def reconcile(self) -> None:
        text = self.reconcile_code.text().strip()
        catalog, counts = self._catalog, self._counts

        def work() -> Reconciliation | None:
            product = catalog.find_by_code(text)
            return counts.reconcile(product) if product is not None else None

        self._tasks.db(work, lambda r: self._show_reconciliation(r, text), self._failed, owner=self)

    def _show_reconciliation(self, rec: Reconciliation | None, text: str) -> None:
        if rec is None:
            self._scanned(None, text)
            return
        age = (
            self.tr("live")
            if rec.figure_age_s is None
            else self.tr("%1 min old").replace("%1", str(int(rec.figure_age_s // 60)))
        )
        parts = [
            self.tr("%1: warehouse ledger %2 (%3)")
            .replace("%1", rec.product.name)
            .replace("%2", str(rec.warehouse_on_hand))
            .replace("%3", age)
        ]
        for step in rec.steps:
            parts.append(f"{step.units:+d} {self.step_text(step.what, step.op_type)}")
        parts.append(self.tr("= this counter %1").replace("%1", str(rec.counter_on_hand)))
        if rec.in_transit:
            parts.append(
                self.tr("(%1 more on the way, in neither figure)").replace(
                    "%1", str(rec.in_transit)
                )
            )
        self.reconcile_text.setText("  ".join(parts))

    # --- words ----------------------------------------------------------------------

    def status_text(self, status: str) -> str:
        words = {
            "pending": self.tr("Pending (not sent yet)"),
            "requested": self.tr("Requested"),
            "shipped": self.tr("Shipped (in transit)"),
            "received": self.tr("Received"),
            "cancelled": self.tr("Cancelled"),
        }
        return words.get(status, status)

    def action_text(self, action: str, to: str | None, qty: int) -> str:
        if action == "transfer":
            return self.tr("Transfer %1 to %2").replace("%1", str(qty)).replace("%2", to or "")
        if action == "offer_group_buy":
            return self.tr("Offer %1 to the group-buy channel").replace("%1", str(qty))
        if action == "dropship_only":
            return self.tr("Stop holding it: dropship only")
        return action

    def step_text(self, what: str, op_type: str) -> str:
        if what == "count_queued":
            return self.tr("count not applied yet")
        words = {
            "sale": self.tr("sales not synced yet"),
            "return": self.tr("returns not synced yet"),
            "transfer.receive": self.tr("transfer received here, not synced yet"),
            "acked": self.tr("synced, waiting for the next figure"),
        }
        return words.get(op_type, op_type)

    def session_text(self, view: CountSessionView) -> str:
        scope = {
            "store": self.tr("Whole store"),
            "category": self.tr("Category %1").replace("%1", view.session.category),
            "flagged": self.tr("Items flagged for a count"),
        }.get(view.session.scope, view.session.scope)
        outcome = {
            "counting": self.tr("counting"),
            "waiting": self.tr("submitted, waiting for the warehouse"),
            "applied": self.tr("applied by the warehouse"),
            "conflict": self.tr(
                "refused: the figures moved (a sale or receipt landed); count again"
            ),
            "refused": self.tr("refused by the warehouse; count again"),
            "closed": self.tr("put away"),
        }.get(view.outcome, view.outcome)
        return (
            self.tr("%1: %2 lines, %3 scanned, %4 recounts left — %5")
            .replace("%1", scope)
            .replace("%2", str(len(view.lines)))
            .replace("%3", str(view.scanned))
            .replace("%4", str(view.recounts_left))
            .replace("%5", outcome)
        )

    # --- messages -----------------------------------------------------------------

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, (TransferError, CountError)):
            self.show_problem(self.refusal_text(error))
        else:
            self._failed(error)

    def refusal_text(self, error: TransferError | CountError) -> str:
        words: dict[str, Callable[[], str]] = {
            "bad_qty": lambda: self.tr("The quantity must be between 1 and 999"),
            "reason_too_long": lambda: self.tr("The reason is too long (200 characters at most)"),
            "unknown_transfer": lambda: self.tr("This transfer is not known at this till"),
            "not_shipped": lambda: self.tr("Only a shipped transfer can be received"),
            "nothing_counted": lambda: self.tr("Nothing to receive"),
            "session_open": lambda: self.tr(
                "A count is already in progress: finish it or put it away"
            ),
            "no_session": lambda: self.tr("Start a count first"),
            "bad_scope": lambda: self.tr("Choose what to count"),
            "no_category": lambda: self.tr("Choose a category"),
            "nothing_to_count": lambda: self.tr("Nothing to count in this scope"),
            "recounts_left": lambda: self.tr("Count the lines asked for again before submitting"),
            "not_counting": lambda: self.tr("This count was not refused"),
        }
        found = words.get(error.code)
        return found() if found else str(error)

    def _failed(self, error: BaseException) -> None:
        log.error("store stock screen", exc_info=error)
        self.show_problem(self._tasks.plain_message(error))

    def _show(self, text: str, color: str) -> None:
        self.message.setStyleSheet(f"color: {color}; font-size: 15px;")
        self.message.setText(text)
