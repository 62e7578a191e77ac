"""The cart as a Qt table model; the cart itself stays a plain domain object."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo

Index = QModelIndex | QPersistentModelIndex


class CartTableModel(QAbstractTableModel):
    COLUMNS = 4  # name, unit price, qty, line total

    def __init__(self, cart: Cart) -> None:
        super().__init__()
        self.cart = cart
        self._headers = [self.tr("Item"), self.tr("Price"), self.tr("Qty"), self.tr("Amount")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cart.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.cart.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return line.product.name
            if column == 1:
                return line.unit_price.format()
            if column == 2:
                return str(line.qty)
            return line.total.format()
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{line.product.sku} · {line.product.name}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # Cart changes go through the model so the view repaints only what changed.

    def add_product(self, product: ProductInfo, qty: int = 1) -> int:
        """Add a product (or raise its line's quantity); returns the row."""
        existing = next((i for i, line in enumerate(self.cart.lines) if line.product.id == product.id), None)
        if existing is not None:
            self.cart.add(product, qty)
            self._row_changed(existing)
            return existing
        row = len(self.cart.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        try:
            self.cart.add(product, qty)
        finally:
            self.endInsertRows()
        return row

    def set_qty(self, row: int, qty: int) -> None:
        self.cart.set_qty(row, qty)
        self._row_changed(row)

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self.cart.lines):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self.cart.remove(row)
        self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.cart.clear()
        self.endResetModel()

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))
