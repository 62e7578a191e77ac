"""Alerts for paid pickup / ship lines the warehouse refused (services/alerts.py): a red
banner across the frame while any is open, and the dialog where a person resolves each one
(another source, a refund of the line, or a supervisor's cancellation)."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.fulfilment import Customer
from counter_app.core.money import Money
from counter_app.services.alerts import AlertEntry, AlertError, AlertService
from counter_app.services.context import StaffMember
from counter_app.services.fulfilment import FulfilmentService
from counter_app.services.permissions import Action
from counter_app.services.returns import ReturnError
from counter_app.services.staff import StaffService
from counter_app.ui.customer_dialog import CustomerDialog
from counter_app.ui.local_time import local_time_text
from counter_app.ui.problem_reasons import problem_reason
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog, refusal_text
from counter_app.ui.tables import fill_rows, read_only_table
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

REFRESH_MS = 3000


class AlertBanner(QWidget):
    """Across the top of the frame while refused orders wait for a person."""

    open_requested = Signal()

    def __init__(self, alerts: AlertService, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self._alerts = alerts
        self._tasks = tasks
        self.count = 0
        self.label = QLabel("")
        self.label.setObjectName("alertBannerText")
        self.button = QPushButton(self.tr("Open alerts (Ctrl+Shift+A)"))
        self.button.setObjectName("openAlerts")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#alertBanner { background: #b00020; }"
            "#alertBannerText { color: white; font-size: 16px; font-weight: bold; }"
            "#openAlerts { font-size: 14px; padding: 2px 12px; }"
        )
        self.button.clicked.connect(self.open_requested.emit)
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        self._tasks.db(self._alerts.open_count, self.show_count, owner=self)

    def show_count(self, count: int) -> None:
        self.count = count
        self.label.setText(
            self.tr("⚠ %1 paid order(s) the warehouse refused: call the customer").replace(
                "%1", str(count)
            )
        )
        self.setVisible(count > 0)


class AlertsDialog(QDialog):
    def __init__(
        self,
        alerts: AlertService,
        fulfilment: FulfilmentService,
        staff: StaffService,
        tasks: TaskRunner,
        cashier: StaffMember,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alertsDialog")
        self._alerts = alerts
        self._fulfilment = fulfilment
        self._staff = staff
        self._tasks = tasks
        self._cashier = cashier
        self.entries: list[AlertEntry] = []
        self.setWindowTitle(self.tr("Refused pickups and deliveries"))
        self.table = read_only_table(
            "alertsTable",
            [
                self.tr("Receipt"),
                self.tr("Customer"),
                self.tr("Items"),
                self.tr("What failed"),
                self.tr("Paid"),
            ],
            3,
        )
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel("")
        self.message.setObjectName("alertsMessage")
        self.message.setWordWrap(True)
        self.partner_button = QPushButton(self.tr("Ship from partner"))
        self.partner_button.setObjectName("shipFromPartner")
        self.warehouse_button = QPushButton(self.tr("Ship from warehouse"))
        self.warehouse_button.setObjectName("shipFromWarehouse")
        self.pickup_button = QPushButton(self.tr("Pick up again"))
        self.pickup_button.setObjectName("pickupAgain")
        self.refund_button = QPushButton(self.tr("Refund the line"))
        self.refund_button.setObjectName("refundLine")
        self.cancel_button = QPushButton(self.tr("Cancel… (supervisor)"))
        self.cancel_button.setObjectName("cancelAlert")
        self.close_button = QPushButton(self.tr("Close"))
        choices = QHBoxLayout()
        choices.addWidget(QLabel(self.tr("Another source:")))
        for button in (self.partner_button, self.warehouse_button, self.pickup_button):
            choices.addWidget(button)
        choices.addStretch(1)
        choices.addWidget(self.refund_button)
        choices.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(choices)
        layout.addLayout(bottom)
        self.partner_button.clicked.connect(lambda: self._resubmit("ship_partner"))
        self.warehouse_button.clicked.connect(lambda: self._resubmit("ship_warehouse"))
        self.pickup_button.clicked.connect(lambda: self._resubmit("pickup"))
        self.refund_button.clicked.connect(self.on_refund_button_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self.resize(980, 420)
        self.reload()

    def reload(self) -> None:
        self._tasks.db(self._alerts.open_alerts, self.show_entries, owner=self)

    def show_entries(self, entries: list[AlertEntry]) -> None:
        self.entries = entries
        fill_rows(
            self.table,
            [
                (
                    entry.record.receipt_no or "—",
                    # This screen is where staff call the customer: the full number.
                    f"{entry.record.customer_name}\n{entry.record.customer_phone}",
                    "\n".join(f"{name} ×{qty}" for name, qty in entry.lines),
                    "",
                    Money(entry.paid_cents).format(),
                )
                for entry in entries
            ],
        )
        for row, entry in enumerate(entries):
            record = entry.record
            what = (
                self.tr("Pickup refused")
                if record.kind == "pickup"
                else self.tr("Delivery refused")
            )
            reason = problem_reason(record.problem_code) or record.problem_detail
            label = QLabel(
                f"<b>{html.escape(what)}</b> · {html.escape(local_time_text(record.raised_at))}"
                f"<br>{html.escape(reason)}<br><small>{html.escape(record.problem_code)}</small>"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(4, 2, 4, 2)
            self.table.setCellWidget(row, 3, label)
        self.table.resizeRowsToContents()
        if not entries:
            self.message.setText(self.tr("Nothing needs attention."))
        elif not self.message.text():
            self.message.setText(
                self.tr(
                    "Call the customer, then choose: another source, a refund of the line, or cancel with a supervisor."
                )
            )
        for button in (
            self.partner_button,
            self.warehouse_button,
            self.pickup_button,
            self.refund_button,
            self.cancel_button,
        ):
            button.setEnabled(bool(entries))

    def selected(self) -> AlertEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows and rows[0].row() < len(self.entries) else None

    def _resubmit(self, new_source: str) -> None:
        entry = self.selected()
        if entry is None:
            return
        record = entry.record
        ship_to = None
        if new_source != "pickup" and record.kind == "pickup":  # a pickup had no address
            dialog = CustomerDialog(
                self._fulfilment,
                True,
                Customer(record.customer_name, record.customer_phone),
                self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.customer is None:
                return
            ship_to = dialog.customer.ship_to
        alert_id, cashier = record.alert_id, self._cashier
        self._tasks.db(
            lambda: self._alerts.resubmit(alert_id, new_source, cashier, ship_to),
            lambda new_id: self._done(self.tr("Sent again as %1.").replace("%1", str(new_id))),
            self._refused,
        )

    def on_refund_button_clicked(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        alert_id, cashier = entry.record.alert_id, self._cashier

        def refunded(done: object) -> None:
            refund = getattr(done, "refund", None)
            self._done(
                self.tr("Refunded %1: give the customer the cash.").replace(
                    "%1", refund.format() if isinstance(refund, Money) else ""
                )
            )

        def refused(error: BaseException) -> None:
            if isinstance(error, ReturnError) and error.code == "approval_required":
                self._refund_with_approval(alert_id, refunded)
            else:
                self._refused(error)

        self._tasks.db(lambda: self._alerts.refund(alert_id, cashier), refunded, refused)

    def _refund_with_approval(self, alert_id: str, refunded: object) -> None:
        prompt = SupervisorApprovalDialog(
            self._staff,
            self._tasks,
            self.tr("The refund is above your limit: a supervisor approves it."),
            Action.REFUND_OVER_LIMIT,
            need_reason=False,
            parent=self,
        )
        if prompt.exec() != QDialog.DialogCode.Accepted or prompt.approval is None:
            return
        approval, cashier = prompt.approval, self._cashier
        self._tasks.db(
            lambda: self._alerts.refund(alert_id, cashier, approval),
            refunded,  # type: ignore[arg-type]
            self._refused,
        )

    def on_cancel_button_clicked(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        prompt = SupervisorApprovalDialog(
            self._staff,
            self._tasks,
            self.tr("Close this order unfilled: the customer was dealt with another way."),
            Action.CANCEL_FULFILMENT,
            parent=self,
        )
        if prompt.exec() != QDialog.DialogCode.Accepted or prompt.approval is None:
            return
        approval, reason, alert_id = prompt.approval, prompt.reason, entry.record.alert_id
        self._tasks.db(
            lambda: self._alerts.cancel(alert_id, approval, reason),
            lambda _r: self._done(self.tr("Closed by a supervisor.")),
            self._refused,
        )

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.reload()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, AlertError):
            texts = {
                "resolved": self.tr("Someone resolved this alert already."),
                "ship_to_required": self.tr("A delivery needs an address or a pickup store."),
                "no_sale": self.tr("This order has no sale at this till to refund."),
                "reason_required": self.tr("Give a reason."),
            }
            self.message.setText(texts.get(error.code, error.code))
        elif isinstance(error, ReturnError):
            self.message.setText(str(error))
        else:
            text = refusal_text(error)
            if not text:
                log.error("alert action failed", exc_info=error)
                text = str(error)
            self.message.setText(text)
        self.reload()
