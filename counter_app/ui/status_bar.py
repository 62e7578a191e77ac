"""The status bar: online or not, operations waiting, the oldest one's age, failures."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from counter_app.devices.print_queue import JobSnapshot, JobState
from counter_app.services.sync_status import SyncStatus
from counter_app.sync.connectivity import Connectivity
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
        for widget in (self.printer_label, self.connection_label, self.waiting_label, self.failed_label, self.catalog_label):
            self.addPermanentWidget(widget)
        self.addWidget(self.store_label)
        self.on_connectivity_changed(Connectivity.UNKNOWN.value)

    def on_connectivity_changed(self, state: str) -> None:
        text, color = {
            Connectivity.ONLINE.value: (self.tr("● Online"), "#1b7f3b"),
            Connectivity.DEGRADED.value: (self.tr("● Unstable connection"), "#c77700"),
            Connectivity.OFFLINE.value: (self.tr("● Offline: sales are kept and sent later"), "#b00020"),
        }.get(state, (self.tr("● Connecting…"), "#666666"))
        self.connection_label.setText(text)
        self.connection_label.setStyleSheet(f"color: {color}; font-weight: bold; padding: 0 8px;")

    def on_print_job(self, job: JobSnapshot) -> None:
        if job.state == JobState.WAITING_FOR_PRINTER:
            problem = problem_short(job.problem) if job.problem else ""
            self.printer_label.setText(
                self.tr("%1 waits to print: %2").replace("%1", job_title(job)).replace("%2", problem)
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

    def on_sync_status(self, status: SyncStatus) -> None:
        if status.waiting:
            self.waiting_label.setText(
                self.tr("Waiting to sync: %1 (oldest %2)")
                .replace("%1", str(status.waiting))
                .replace("%2", format_age(status.oldest_age_s))
            )
        else:
            self.waiting_label.setText(self.tr("All synced"))
        if status.failed:
            self.failed_label.setText(self.tr("Failed: %1 need attention").replace("%1", str(status.failed)))
            self.failed_label.setStyleSheet("color: white; background: #b00020; padding: 0 6px;")
        else:
            self.failed_label.setText("")
            self.failed_label.setStyleSheet("")
        self.catalog_label.setText(
            self.tr("Stock figures from %1 ago").replace("%1", format_age(status.last_pull_age_s))
        )
