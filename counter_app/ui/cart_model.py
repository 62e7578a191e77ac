"""The cart as a Qt table model; the cart itself stays a plain domain object."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counter_app.core.cart import Cart, CartLine
from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.discounts import Discount, DiscountKind, PriceOverride
from counter_app.core.fulfilment import Fulfilment
from counter_app.services.fulfilment import LineSource, line_source

Index = QModelIndex | QPersistentModelIndex

SHORT_MARK = "\u26a0 "  # ⚠ before the name of a line the shelf cannot cover by the records
SHORT_BACKGROUND = QColor("#ffe0b2")
SHORT_FOREGROUND = QColor("#b00020")
DISCOUNT_FOREGROUND = QColor("#1565c0")  # the price and amount of a discounted line
MODE_BACKGROUND = {"pickup": QColor("#e3f2fd"), "ship": QColor("#ede7f6")}
SOURCE_COLUMN = 4


class CartTableModel(QAbstractTableModel):
    COLUMNS = 5  # name, unit price, qty, line total, fulfilment and where it comes from

    def __init__(self, cart: Cart, own_location_id: int = 0) -> None:
        super().__init__()
        self.cart = cart
        self.own_location_id = own_location_id
        self._headers = [
            self.tr("Item"),
            self.tr("Price"),
            self.tr("Qty"),
            self.tr("Amount"),
            self.tr("Fulfil from"),
        ]
        self._on_shelf: dict[int, int] = {}  # product id -> this store's stock by the records
        # product id -> (figures of every location, live?): where each line comes from
        self._figures: dict[int, tuple[list[StockFigure], bool]] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cart.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.cart.lines[index.row()]
        column = index.column()
        short = self.shortfall(index.row()) is not None
        if column == SOURCE_COLUMN:
            return self._source_data(line, role)
        if role == Qt.ItemDataRole.BackgroundRole and line.fulfilment.mode in MODE_BACKGROUND:
            return QBrush(MODE_BACKGROUND[line.fulfilment.mode])
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                name = SHORT_MARK + line.product.name if short else line.product.name
                terms = self.terms_text(line)
                return f"{name}   {terms}" if terms else name
            if column == 1:
                return line.unit_price.format()
            if column == 2:
                return str(line.qty)
            return line.total.format()
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            tip = f"{line.product.sku} · {line.product.name}"
            if short:
                tip += "\n" + self.tr("This store has %1 by the records").replace(
                    "%1", str(self._on_shelf[line.product.id])
                )
            return tip
        if role == Qt.ItemDataRole.BackgroundRole and short:
            return QBrush(SHORT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and short and column == 2:
            return QBrush(SHORT_FOREGROUND)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column in (0, 1, 3)
            and (line.discount or line.override)
        ):
            return QBrush(DISCOUNT_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # Stock on the shelf: sales are never refused, but a line the records cannot cover is marked.

    def set_on_shelf(self, product_id: int, on_shelf: int) -> None:
        """This store's stock of a product by the records (server figure + local sales)."""
        self._on_shelf[product_id] = on_shelf
        for row, line in enumerate(self.cart.lines):
            if line.product.id == product_id:
                self._row_changed(row)

    def knows_shelf(self, product_id: int) -> bool:
        return product_id in self._on_shelf

    # Fulfilment: how each line reaches the customer, and the figure behind it.

    def mode_label(self, fulfilment: Fulfilment) -> str:
        if fulfilment.mode == "pickup":
            return self.tr("Pick up later")
        if fulfilment.mode == "ship":
            if fulfilment.source == "partner":
                return self.tr("Ship (partner)")
            return self.tr("Ship (warehouse)")
        return self.tr("Take now")

    def set_figures(self, product_id: int, figures: list[StockFigure], live: bool) -> None:
        """Every location's stock of a product (live, or cached with ages)."""
        if not live and self._figures.get(product_id, ([], False))[1]:
            return  # a cached answer arriving after the live one does not replace it
        self._figures[product_id] = (figures, live)
        for row, line in enumerate(self.cart.lines):
            if line.product.id == product_id:
                self._row_changed(row)

    def knows_figures(self, product_id: int) -> bool:
        return product_id in self._figures

    def source(self, row: int) -> LineSource | None:
        if not 0 <= row < len(self.cart.lines):
            return None
        line = self.cart.lines[row]
        known = self._figures.get(line.product.id)
        if known is None:
            return None
        return line_source(line, known[0], self.own_location_id, known[1])

    def set_fulfilment(self, row: int, fulfilment: Fulfilment) -> None:
        self.cart.set_fulfilment(row, fulfilment)
        self._row_changed(row)

    def _source_data(self, line: CartLine, role: int) -> Any:
        row = self.cart.lines.index(line)
        source = self.source(row)
        if role == Qt.ItemDataRole.DisplayRole:
            label = self.mode_label(line.fulfilment)
            if source is None:
                return label
            if not source.location_name:
                return self.tr("%1 · no figure").replace("%1", label)
            freshness = (
                self.tr("live")
                if source.live
                else self.tr("cached %1").replace("%1", _age(source.age_s))
            )
            return (
                self.tr("%1 · %2 %3 (%4)")
                .replace("%1", label)
                .replace("%2", source.location_name)
                .replace("%3", str(source.available))
                .replace("%4", freshness)
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            if source is not None and source.available is not None and not source.covers(line.qty):
                return QBrush(SHORT_BACKGROUND)
            if line.fulfilment.mode in MODE_BACKGROUND:
                return QBrush(MODE_BACKGROUND[line.fulfilment.mode])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Change with Fulfilment (F2)")
        return None

    def shortfall(self, row: int) -> int | None:
        """How many of the line the store's records do not cover, or None when they do
        (or are not known yet). Only lines taken now come off this store's shelf."""
        if not 0 <= row < len(self.cart.lines):
            return None
        line = self.cart.lines[row]
        if line.fulfilment.mode != "take":
            return None
        on_shelf = self._on_shelf.get(line.product.id)
        if on_shelf is None or line.qty <= on_shelf:
            return None
        return line.qty - max(on_shelf, 0)

    def on_shelf(self, row: int) -> int | None:
        return (
            self._on_shelf.get(self.cart.lines[row].product.id)
            if 0 <= row < len(self.cart.lines)
            else None
        )

    # Cart changes go through the model so the view repaints only what changed.

    def add_product(self, product: ProductInfo, qty: int = 1) -> int:
        """Add a product (or raise its line's quantity); returns the row."""
        existing = next(
            (
                i
                for i, line in enumerate(self.cart.lines)
                if line.product.id == product.id and line.fulfilment.mode == "take"
            ),
            None,
        )
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
        self._on_shelf.clear()  # the next sale's figures include this one's
        self._figures.clear()
        self.endResetModel()

    # Discounts and overrides (the screen asks the discount service first).

    def terms_text(self, line: CartLine) -> str:
        """The line's override and discount in a few words: ``[NT$150, list NT$199] [-10%]``."""
        parts = []
        if line.override is not None:
            parts.append(
                self.tr("[price %1, list %2]")
                .replace("%1", line.unit_price.format())
                .replace("%2", line.list_price.format())
            )
        if line.discount is not None:
            if line.discount.kind is DiscountKind.PERCENT:
                parts.append(self.tr("[-%1%]").replace("%1", str(line.discount.value)))
            else:
                parts.append(self.tr("[-%1]").replace("%1", line.line_discount.format()))
        return " ".join(parts)

    def set_line_discount(self, row: int, discount: Discount | None) -> None:
        self.cart.lines[row].discount = discount
        self._row_changed(row)

    def set_line_override(self, row: int, override: PriceOverride | None) -> None:
        self.cart.lines[row].override = override
        self._row_changed(row)

    def set_cart_discount(self, discount: Discount | None) -> None:
        self.cart.discount = discount
        if self.cart.lines:
            self._row_changed(0)  # the totals follow dataChanged
        else:
            self.dataChanged.emit(QModelIndex(), QModelIndex())

    def replace_cart(self, cart: Cart) -> None:
        """Put a recalled or restored cart on the screen."""
        self.beginResetModel()
        self.cart.lines[:] = [line.copy() for line in cart.lines]
        self.cart.discount = cart.discount
        self.endResetModel()

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))


def _age(age_s: float | None) -> str:
    if age_s is None:
        return "?"
    if age_s < 60:
        return f"{int(age_s)} s"
    if age_s < 3600:
        return f"{int(age_s // 60)} min"
    if age_s < 86400:
        return f"{int(age_s // 3600)} h"
    return f"{int(age_s // 86400)} d"
