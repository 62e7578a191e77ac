"""Reprint any past receipt from this till's journal (marked 補印 / REPRINT)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.core.money import Money
from counter_app.services.receipts import ReceiptNotFound, ReceiptService
from counter_app.ui.local_time import local_time_text
from counter_app.ui.tables import fill_rows, read_only_table
from counter_app.ui.task_runner import TaskRunner


class ReprintDialog(QDialog):
    def __init__(
        self, receipts: ReceiptService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._receipts = receipts
        self._tasks = tasks
        self.sales: list[tuple[str, str, Money]] = []
        self.setWindowTitle(self.tr("Reprint a receipt"))
        self.table = read_only_table(
            "recentSales", [self.tr("Receipt"), self.tr("Time"), self.tr("Total")], 0
        )
        self.message = QLabel("")
        self.print_button = QPushButton(self.tr("Reprint"))
        close = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.on_print_button_clicked)
        self.table.doubleClicked.connect(self.on_print_button_clicked)
        close.clicked.connect(self.accept)
        self.resize(560, 420)
        self._tasks.db(self._receipts.recent_sales, self._show)

    def _show(self, sales: list[tuple[str, str, Money]]) -> None:
        self.sales = sales
        fill_rows(
            self.table, [(no, local_time_text(at), total.format()) for no, at, total in sales]
        )
        self.print_button.setEnabled(bool(sales))

    def on_print_button_clicked(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        receipt_no = self.sales[rows[0].row()][0]
        self._tasks.db(
            lambda: self._receipts.reprint(receipt_no),
            lambda _job: self.message.setText(
                self.tr("Sent %1 to the printer").replace("%1", receipt_no)
            ),
            lambda error: self.message.setText(
                self.tr("Receipt %1 is not in this till's journal").replace("%1", receipt_no)
                if isinstance(error, ReceiptNotFound)
                else self.tr("Could not reprint %1").replace("%1", receipt_no)
            ),
        )
