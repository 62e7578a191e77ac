"""Stock of the selected product at this store, the warehouse and the other stores,
live when the warehouse answers, else cached with each figure's age."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from counter_app.services.stock_lookup import StockReport
from counter_app.ui.status_bar import format_age


class StockPanel(QWidget):
    def __init__(self, own_location_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._own = own_location_id
        self.title = QLabel(self.tr("Stock"))
        self.title.setObjectName("stockTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.title.setWordWrap(True)
        self.freshness = QLabel("")
        self.freshness.setObjectName("stockFreshness")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.freshness)
        layout.addLayout(self.grid)
        self.product_id: int | None = None
        self.rows: list[tuple[str, str]] = []  # (location, figure text) as shown, for tests

    def show_report(self, report: StockReport) -> None:
        self.product_id = report.product.id
        self.setVisible(True)
        self.title.setText(self.tr("Stock: %1").replace("%1", report.product.name))
        if report.live:
            self.freshness.setText(self.tr("Live from the warehouse"))
            self.freshness.setStyleSheet("color: #1b7f3b;")
            self.freshness.setToolTip("")
        else:
            ages = [f.age_s for f in report.figures if f.age_s is not None]
            oldest = format_age(max(ages)) if ages else "-"
            self.freshness.setText(
                self.tr("Offline: cached figures, up to %1 old").replace("%1", oldest)
            )
            self.freshness.setStyleSheet("color: #c77700;")
            self.freshness.setToolTip(report.note)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows = []
        for row, figure in enumerate(report.figures):
            if figure.location_kind == "partner":
                continue
            name = figure.location_name
            if figure.location_id == self._own:
                name = self.tr("%1 (this store)").replace("%1", name)
            if figure.location_kind == "warehouse":
                text = (
                    self.tr("%1 (available %2)")
                    .replace("%1", str(figure.on_hand))
                    .replace("%2", str(figure.available))
                )
            else:
                text = str(figure.on_hand)
            if not report.live and figure.age_s is not None:
                text += f"  · {format_age(figure.age_s)}"
            name_label = QLabel(name)
            figure_label = QLabel(text)
            figure_label.setAlignment(Qt.AlignmentFlag.AlignRight)
            if figure.on_hand <= 0:
                figure_label.setStyleSheet("color: #b00020;")
            self.grid.addWidget(name_label, row, 0)
            self.grid.addWidget(figure_label, row, 1)
            self.rows.append((name, text))

    def clear_report(self) -> None:
        self.product_id = None
        self.setVisible(False)
        self.title.setText(self.tr("Stock"))
        self.freshness.setText("")
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows = []
