"""Stock to count: this store's products whose stock, by the till's records, is below
zero. Sales are facts and are never refused, so selling what the records say is not
there is allowed; this list is where a store manager finds the figures to count."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.services.catalog import CatalogService, StockToCount
from counter_app.services.stock_to_count import NegativeStock
from counter_app.ui.local_time import local_time_text
from counter_app.ui.tables import fill_rows, read_only_table
from counter_app.ui.task_runner import TaskRunner


class StockToCountDialog(QDialog):
    def __init__(
        self,
        catalog: CatalogService,
        location_id: int,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        warehouse_reports: Callable[[], list[NegativeStock]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._warehouse_reports = warehouse_reports
        self.reported: list[NegativeStock] = []
        self._location_id = location_id
        self._tasks = tasks
        self.items: list[StockToCount] = []
        self.setWindowTitle(self.tr("Stock to count"))
        intro = QLabel(
            self.tr(
                "Products this store has sold more of than its records hold. Count them on the shelf "
                "and correct the stock. Figures include sales not yet sent to the warehouse."
            )
        )
        intro.setWordWrap(True)
        self.table = read_only_table(
            "stockToCount",
            [
                self.tr("SKU"),
                self.tr("Item"),
                self.tr("Stock"),
                self.tr("Not yet synced"),
                self.tr("Warehouse figure of"),
            ],
            1,
        )
        self.empty_label = QLabel(self.tr("No product is below zero at this store."))
        # What the warehouse itself said when it applied this store's sales (negative_stock).
        self.reported_label = QLabel(
            self.tr("The warehouse reported these below zero when it applied this store's sales:")
        )
        self.reported_label.setWordWrap(True)
        self.reported_table = read_only_table(
            "warehouseReported",
            [
                self.tr("SKU"),
                self.tr("Item"),
                self.tr("Warehouse figure"),
                self.tr("Receipt"),
                self.tr("Reported at"),
            ],
            1,
        )
        self.reported_label.setVisible(False)
        self.reported_table.setVisible(False)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        close = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addWidget(self.reported_label)
        layout.addWidget(self.reported_table)
        layout.addLayout(buttons)
        self.refresh_button.clicked.connect(self.reload)
        close.clicked.connect(self.accept)
        self.resize(760, 420)
        self.reload()

    def reload(self) -> None:
        location_id = self._location_id
        self._tasks.db(lambda: self._catalog.stock_to_count(location_id), self._show)
        if self._warehouse_reports is not None:
            self._tasks.db(self._warehouse_reports, self._show_reported)

    def _show_reported(self, reported: list[NegativeStock]) -> None:
        self.reported = reported
        fill_rows(
            self.reported_table,
            [
                (
                    item.sku,
                    item.name,
                    str(item.on_hand),
                    item.receipt_no,
                    local_time_text(item.reported_at),
                )
                for item in reported
            ],
        )
        self.reported_label.setVisible(bool(reported))
        self.reported_table.setVisible(bool(reported))

    def _show(self, items: list[StockToCount]) -> None:
        self.items = items
        fill_rows(
            self.table,
            [
                (
                    item.product.sku,
                    item.product.name,
                    str(item.on_hand),
                    str(item.pending_local) if item.pending_local else "",
                    local_time_text(item.figure_received_at)
                    if item.figure_received_at
                    else self.tr("never"),
                )
                for item in items
            ],
        )
        for row in range(len(items)):
            for column in (2, 3):
                cell = self.table.item(row, column)
                if cell is not None:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    if column == 2:
                        cell.setForeground(Qt.GlobalColor.red)
        self.empty_label.setVisible(not items)
        self.table.setVisible(bool(items))
