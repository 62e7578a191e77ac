"""The status bar: online or not, operations waiting, the oldest one's age, failures;
and the e-invoice warnings (invoices unsent for 24 hours, invoice numbers running low)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from counter_app.core.connectivity import Connectivity
from counter_app.devices.print_queue import JobSnapshot, JobState
from counter_app.services.sync_status import SyncStatus
from counter_app.ui.device_messages import job_status_text, job_title, problem_short


def format_age(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{int(seconds)}s"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h{int(seconds % 3600 // 60):02d}m"
    return f"{int(seconds // 86400)}d"


class QueueShown(StrEnum):
    UNKNOWN = "unknown"  # the outbox was not read yet: say nothing rather than guess
    ALL_SYNCED = "all_synced"  # nothing waiting and nothing failed
    SENDING = "sending"  # ops waiting while the warehouse answers: on their way
    WAITING = "waiting"  # ops waiting while the link is down or unsure: kept for later
    NONE_WAITING = "none_waiting"  # nothing waiting, but failures: never "all synced"


@dataclass(frozen=True, slots=True)
class StatusView:
    """What the status bar shows, decided in one place from one reading of each source."""

    connection: Connectivity
    queue: QueueShown
    waiting: int
    oldest_age: str
    failed: int
    catalog_age: str
    invoices_at_risk: bool = False  # invoice ops unsent for 24 hours (48-hour deadline)
    invoice_age: str = "-"
    numbers_low: bool = False
    numbers_left: int = 0


def status_view(status: SyncStatus | None, connectivity: Connectivity) -> StatusView:
    """The one source of truth for the status bar: a pure function of the outbox's figures
    and the connectivity state, so no two labels can disagree ("all synced" beside
    "1 failed", "sending" while offline)."""
    if status is None:
        return StatusView(connectivity, QueueShown.UNKNOWN, 0, "-", 0, "-")
    if status.waiting:
        queue = QueueShown.SENDING if connectivity == Connectivity.ONLINE else QueueShown.WAITING
    elif status.failed:
        queue = QueueShown.NONE_WAITING
    else:
        queue = QueueShown.ALL_SYNCED
    return StatusView(
        connection=connectivity,
        queue=queue,
        waiting=status.waiting,
        oldest_age=format_age(status.oldest_age_s),
        failed=status.failed,
        catalog_age=format_age(status.last_pull_age_s),
        invoices_at_risk=status.invoices_at_risk,
        invoice_age=format_age(status.invoice_risk_age_s),
        numbers_low=status.invoice_numbers_low,
        numbers_left=status.invoice_numbers_left or 0,
    )


class ConnectivityBridge(QObject):
    """Carries connectivity changes from sync threads to the GUI thread."""

    changed = Signal(str)

    def report(self, state: Connectivity) -> None:
        self.changed.emit(state.value)


class PrintJobBridge(QObject):
    """Carries print-job updates from the print thread to the GUI thread."""

    changed = Signal(object)  # devices.print_queue.JobSnapshot

    def report(self, snapshot: object) -> None:
        self.changed.emit(snapshot)


class CounterStatusBar(QStatusBar):
    def __init__(self, store_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connection")
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("waiting")
        self.failed_label = QLabel()
        self.failed_label.setObjectName("failed")
        self.catalog_label = QLabel()
        self.catalog_label.setObjectName("catalogAge")
        self.store_label = QLabel(store_name)
        self.printer_label = QLabel()
        self.printer_label.setObjectName("printer")
        self.einvoice_label = QLabel()
        self.einvoice_label.setObjectName("einvoice")
        for widget in (
            self.einvoice_label,
            self.printer_label,
            self.connection_label,
            self.waiting_label,
            self.failed_label,
            self.catalog_label,
        ):
            self.addPermanentWidget(widget)
        self.addWidget(self.store_label)
        self._status: SyncStatus | None = None
        self._connectivity = Connectivity.UNKNOWN
        self._render()

    def on_connectivity_changed(self, state: str) -> None:
        try:
            self._connectivity = Connectivity(state)
        except ValueError:
            self._connectivity = Connectivity.UNKNOWN
        self._render()

    def on_sync_status(self, status: SyncStatus) -> None:
        self._status = status
        self._render()

    def _render(self) -> None:
        view = status_view(self._status, self._connectivity)
        text, color = {
            Connectivity.ONLINE: (self.tr("● Online"), "#1b7f3b"),
            Connectivity.DEGRADED: (self.tr("● Unstable connection"), "#c77700"),
            Connectivity.OFFLINE: (self.tr("● Offline: sales are kept and sent later"), "#b00020"),
        }.get(view.connection, (self.tr("● Connecting…"), "#666666"))
        self.connection_label.setText(text)
        self.connection_label.setStyleSheet(f"color: {color}; font-weight: bold; padding: 0 8px;")
        if view.queue == QueueShown.SENDING:
            waiting = self.tr("Sending: %1 (oldest %2)")
        elif view.queue == QueueShown.WAITING:
            waiting = self.tr("Waiting to sync: %1 (oldest %2)")
        elif view.queue == QueueShown.ALL_SYNCED:
            waiting = self.tr("All synced")
        else:
            waiting = ""
        self.waiting_label.setText(
            waiting.replace("%1", str(view.waiting)).replace("%2", view.oldest_age)
        )
        if view.failed:
            self.failed_label.setText(
                self.tr("Failed: %1 need attention").replace("%1", str(view.failed))
            )
            self.failed_label.setStyleSheet("color: white; background: #b00020; padding: 0 6px;")
        else:
            self.failed_label.setText("")
            self.failed_label.setStyleSheet("")
        self._render_einvoice(view)
        if self._status is None:
            self.catalog_label.setText("")
        else:
            self.catalog_label.setText(
                self.tr("Stock figures from %1 ago").replace("%1", view.catalog_age)
            )

    def _render_einvoice(self, view: StatusView) -> None:
        warnings: list[str] = []
        if view.invoices_at_risk:
            warnings.append(
                self.tr("Invoices unsent for %1: upload deadline at risk").replace(
                    "%1", view.invoice_age
                )
            )
        if view.numbers_low:
            warnings.append(
                self.tr("Invoice numbers low: %1 left").replace("%1", str(view.numbers_left))
            )
        self.einvoice_label.setText(" · ".join(warnings))
        if view.invoices_at_risk:
            self.einvoice_label.setStyleSheet("color: white; background: #b00020; padding: 0 6px;")
        elif view.numbers_low:
            self.einvoice_label.setStyleSheet("color: white; background: #c77700; padding: 0 6px;")
        else:
            self.einvoice_label.setStyleSheet("")

    def on_print_job(self, job: JobSnapshot) -> None:
        if job.state == JobState.WAITING_FOR_PRINTER:
            problem = problem_short(job.problem) if job.problem else ""
            self.printer_label.setText(
                self.tr("%1 waits to print: %2")
                .replace("%1", job_title(job))
                .replace("%2", problem)
            )
            self.printer_label.setToolTip(job_status_text(job))
            self.printer_label.setStyleSheet("color: white; background: #c77700; padding: 0 6px;")
        elif job.state == JobState.FAILED:
            self.printer_label.setText(self.tr("Printing failed: %1").replace("%1", job_title(job)))
            self.printer_label.setToolTip(job_status_text(job))
            self.printer_label.setStyleSheet("color: white; background: #b00020; padding: 0 6px;")
        elif job.finished:
            self.printer_label.setText("")
            self.printer_label.setToolTip("")
            self.printer_label.setStyleSheet("")
