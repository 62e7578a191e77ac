"""Dropship orders (Ctrl+F8): this store's orders shipped straight to customers from the
warehouse or a dropship partner, with status, carrier and tracking number as the change
feed brings them; cancel one before it ships; start one on its own (from here or from the
stock lookup's "Ship to customer"). Phones are masked: this list is not where staff call.

``DropshipService`` decides; this screen shows and collects.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from counter_app.core.catalog import ProductInfo
from counter_app.core.codes import ScanResult
from counter_app.services.context import StaffMember
from counter_app.services.dropship import STATUSES, DropshipEntry, DropshipError, DropshipService
from counter_app.services.fulfilment import FulfilmentService
from counter_app.ui.customer_dialog import CustomerDialog
from counter_app.ui.keyed_button import keyed_button
from counter_app.ui.local_time import local_time_text
from counter_app.ui.screens.base import Screen
from counter_app.ui.tables import fill_rows, read_only_table
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)


class DropshipScreen(Screen):
    name = "dropship"
    key = "Ctrl+F8"  # beside the pickup desk; the F keys are the busiest screens

    def __init__(
        self,
        dropship: DropshipService,
        fulfilment: FulfilmentService,
        tasks: TaskRunner,
        cashier: StaffMember,
    ) -> None:
        super().__init__()
        self._dropship = dropship
        self._fulfilment = fulfilment
        self._tasks = tasks
        self.cashier = cashier
        self.entries: list[DropshipEntry] = []

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("dropship_status_filter")
        self.status_filter.addItem(self.tr("All"), None)
        for status in STATUSES:
            self.status_filter.addItem(self.status_text(status), status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status")))
        top.addWidget(self.status_filter)
        top.addStretch(1)

        self.table = read_only_table(
            "dropship_table",
            [
                self.tr("Created"),
                self.tr("Receipt"),
                self.tr("Status"),
                self.tr("Items"),
                self.tr("Customer"),
                self.tr("Ship to"),
                self.tr("Carrier / tracking no."),
            ],
            5,
        )
        self.table.setWordWrap(True)
        self.cancel_button = keyed_button(
            self.tr("Cancel order"),
            "Ctrl+Shift+X",
            self.on_cancel_button_clicked,
            "dropship_cancel_button",
        )
        self.message = QLabel("")
        self.message.setObjectName("dropship_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # --- Screen -------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Dropship")

    def on_show(self) -> None:
        self.reload()

    def on_scan(self, result: ScanResult, text: str) -> None:
        self.show_problem(self.tr("Scan products on the sale screen (F1)."))

    def show_problem(self, text: str) -> None:
        self._show(text, "#b00020")

    def set_cashier(self, cashier: StaffMember) -> None:
        self.cashier = cashier

    # --- list -----------------------------------------------------------------------

    def status_text(self, status: str) -> str:
        texts = {
            "pending": self.tr("Pending"),
            "accepted": self.tr("Accepted"),
            "shipped": self.tr("Shipped"),
            "delivered": self.tr("Delivered"),
            "cancelling": self.tr("Cancelling"),
            "cancelled": self.tr("Cancelled"),
            "rejected": self.tr("Refused"),
        }
        return texts.get(status, status)

    def reload(self) -> None:
        status = self.status_filter.currentData()
        self._tasks.db(lambda: self._dropship.orders(status), self.show_entries, owner=self)

    def show_entries(self, entries: list[DropshipEntry]) -> None:
        self.entries = entries
        fill_rows(
            self.table,
            [
                (
                    local_time_text(e.record.created_at),
                    e.record.receipt_no or "—",
                    self.status_text(e.record.status),
                    "\n".join(f"{name} ×{qty}" for name, qty in e.lines),
                    f"{e.record.customer_name} {e.masked_phone}".strip(),
                    e.record.address,
                    " ".join(p for p in (e.record.carrier, e.record.tracking_no) if p) or "—",
                )
                for e in entries
            ],
        )
        self.table.resizeRowsToContents()
        self.cancel_button.setEnabled(bool(entries))

    def selected(self) -> DropshipEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows and rows[0].row() < len(self.entries) else None

    def on_cancel_button_clicked(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        dropship_id = entry.record.dropship_id
        self._tasks.db(
            lambda: self._dropship.cancel(dropship_id),
            lambda _e: self._done(self.tr("Cancellation sent; the list shows it once confirmed.")),
            self._refused,
        )

    # --- a new order on its own ------------------------------------------------------

    def new_order(self, product: ProductInfo, qty: int, source: str = "warehouse") -> None:
        """Ship ``qty`` of ``product`` to a customer: ask who and where, then queue it."""
        dialog = CustomerDialog(self._fulfilment, True, None, self)
        dialog.setWindowTitle(
            self.tr("Ship %1 × %2 to the customer")
            .replace("%1", product.name)
            .replace("%2", str(qty))
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.customer is None:
            return
        customer, cashier = dialog.customer, self.cashier
        self._tasks.db(
            lambda: self._dropship.create(product.id, qty, customer, source, cashier),
            lambda _e: self._done(
                self.tr(
                    "Dropship order queued for %1 (pending until the warehouse accepts it)."
                ).replace("%1", customer.name)
            ),
            self._refused,
        )

    def _done(self, text: str) -> None:
        self._show(text, "#1b7f3b")
        self.reload()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, DropshipError):
            texts = {
                "not_cancellable": self.tr("Too late to cancel: the order is %1.").replace(
                    "%1", self.status_text(error.status)
                ),
                "not_found": self.tr("No such order at this till."),
                "bad_qty": self.tr("The quantity must be 1 to 999."),
            }
            self.show_problem(texts.get(error.code, error.code))
        else:
            log.error("dropship action failed", exc_info=error)
            self.show_problem(str(error))

    def _show(self, text: str, color: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"QLabel {{ color: {color}; font-weight: bold; }}")
