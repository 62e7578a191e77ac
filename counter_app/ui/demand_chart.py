"""A product's recent daily sales and forecast at this store and the warehouse, as a
QtCharts line chart (PySide6-Addons). Without QtCharts (the frozen till leaves it
out) the same figures show as a line of text, so nothing else depends on it."""

from __future__ import annotations

import math
from datetime import date, datetime, time

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from counter_app.services.replenishment import DemandReport

try:  # PySide6-Addons
    from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis

    CHARTS = True
except ImportError:  # pragma: no cover - the frozen till
    CHARTS = False

COLOURS = {"store": "#1f5fa8", "warehouse": "#b36b00"}


def _ms(day: str) -> float:
    return float(QDateTime(datetime.combine(date.fromisoformat(day), time(12))).toMSecsSinceEpoch())


class DemandChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demand_chart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel()
        self.note.setObjectName("demand_note")
        self.note.setWordWrap(True)
        self.view: QWidget | None = None
        self.chart: object | None = None
        if CHARTS:
            chart = QChart()
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            chart.setMargins(chart.margins() * 0)
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            self.chart, self.view = chart, view
            layout.addWidget(view, 1)
        layout.addWidget(self.note)
        layout.addStretch(0)  # the chart hidden (nothing sold): the note stays at the top
        self.series_count = 0

    def show_report(self, report: DemandReport) -> None:
        if report.live:
            self.note.setText(self.tr("Daily sales (solid) and forecast (dashed)"))
        elif report.age_s is not None:
            self.note.setText(
                self.tr("Offline: the chart is %1 min old").replace(
                    "%1", str(int(report.age_s // 60))
                )
            )
        else:
            self.note.setText(self.tr("No sales history or forecast from the warehouse yet"))
        if not CHARTS:
            parts = [
                f"{s.location_code}: {sum(q for _, q in s.history)} / {len(s.history)}d"
                + (f" → {sum(s.forecast[:7]):.0f} / 7d" if s.forecast else "")
                for s in report.series
            ]
            self.note.setText(self.note.text() + "  " + "  ".join(parts))
            return
        self._draw(report)
        if self.view is not None:
            # An empty frame of axes says nothing: say in words that nothing sold yet.
            self.view.setVisible(self.series_count > 0)
        if self.series_count == 0 and report.live:
            self.note.setText(
                self.tr("No sales of this product here or at the warehouse yet, and no forecast")
            )

    def _draw(self, report: DemandReport) -> None:
        chart = self.chart
        assert isinstance(chart, QChart)
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("MM-dd")
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%d")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        top, first, last = 1.0, None, None
        self.series_count = 0
        for s in report.series:
            colour = QColor(COLOURS.get(s.kind, "#555555"))
            sold = QLineSeries()
            sold.setName(self.tr("%1 sold").replace("%1", s.location_code))
            sold.setPen(QPen(colour, 2))
            for day, qty in s.history:
                sold.append(_ms(day), qty)
                top = max(top, float(qty))
            forecast = QLineSeries()
            forecast.setName(self.tr("%1 forecast").replace("%1", s.location_code))
            pen = QPen(colour, 2)
            pen.setStyle(Qt.PenStyle.DashLine)
            forecast.setPen(pen)
            if s.forecast_first_day:
                start = date.fromisoformat(s.forecast_first_day)
                for i, value in enumerate(s.forecast[:14]):
                    day = date.fromordinal(start.toordinal() + i).isoformat()
                    forecast.append(_ms(day), value)
                    top = max(top, value)
            for line in (sold, forecast):
                if line.count() == 0:
                    continue
                chart.addSeries(line)
                line.attachAxis(x_axis)
                line.attachAxis(y_axis)
                self.series_count += 1
                xs = [line.at(i).x() for i in range(line.count())]
                first = min(xs) if first is None else min(first, *xs)
                last = max(xs) if last is None else max(last, *xs)
        peak = math.ceil(top * 1.15)
        if peak <= 5:  # whole units, one tick each: no "0 0 1 1" from rounding the labels
            y_axis.setRange(0, peak)
            y_axis.setTickCount(peak + 1)
        else:
            y_axis.setRange(0, top * 1.15)
            y_axis.applyNiceNumbers()
        if first is not None and last is not None:
            x_axis.setRange(
                QDateTime.fromMSecsSinceEpoch(int(first)), QDateTime.fromMSecsSinceEpoch(int(last))
            )
