"""The held carts of this store (Ctrl+E on the sale screen): when each was parked, by
whom, its total and how many lines; Enter recalls the chosen one, Esc backs out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.held_carts import HeldCartSummary
from counter_app.ui.local_time import local_time_text


class HeldCartsDialog(QDialog):
    def __init__(self, held: list[HeldCartSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldCartsDialog")
        self.setWindowTitle(self.tr("Held carts"))
        self.setMinimumSize(640, 360)
        self.chosen: HeldCartSummary | None = None
        self._held = held

        caption = QLabel(
            self.tr("Pick a cart and press Enter to bring it back (Esc: back)")
            if held
            else self.tr("No carts are held at this till")
        )
        self.table = QTableWidget(len(held), 5)
        self.table.setObjectName("heldCarts")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Held at"),
                self.tr("Cashier"),
                self.tr("Lines"),
                self.tr("Items"),
                self.tr("Total"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for row, cart in enumerate(held):
            cells = (
                local_time_text(cart.held_at.isoformat())[:16],
                cart.cashier_name,
                str(cart.line_count),
                str(cart.item_count),
                cart.total.format(),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.setStyleSheet("QTableWidget { font-size: 16px; }")
        if held:
            self.table.selectRow(len(held) - 1)  # the newest: usually the one wanted back
        self.table.doubleClicked.connect(lambda _index: self._on_accept())

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Recall (Enter)"))
        ok.setEnabled(bool(held))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Back (Esc)"))
        for button in self.buttons.buttons():
            button.setMinimumHeight(44)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.table.setFocus()

    def _on_accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.chosen = self._held[rows[0].row()]
        self.accept()
