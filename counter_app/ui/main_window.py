"""The counter's main window: the sale screen and the status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from counter_app.services.sync_status import SyncStatusService
from counter_app.ui.sale_screen import SaleScreen
from counter_app.ui.status_bar import ConnectivityBridge, CounterStatusBar
from counter_app.ui.task_runner import TaskRunner

STATUS_REFRESH_MS = 2000


class MainWindow(QMainWindow):
    def __init__(
        self,
        sale_screen: SaleScreen,
        sync_status: SyncStatusService,
        connectivity: ConnectivityBridge,
        tasks: TaskRunner,
        store_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sale_screen = sale_screen
        self._sync_status = sync_status
        self._tasks = tasks
        self.setWindowTitle(self.tr("Counter — %1").replace("%1", store_name))
        self.setCentralWidget(sale_screen)
        self.status = CounterStatusBar(store_name)
        self.setStatusBar(self.status)
        connectivity.changed.connect(self.status.on_connectivity_changed)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_sync_status)
        self._status_timer.start()
        sale_screen.sale_completed.connect(lambda _sale: self.refresh_sync_status())
        self.refresh_sync_status()
        self._tools_menu: QMenu | None = None
        self.resize(1180, 760)

    def add_tool(self, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        """An entry in the Tools menu (and its shortcut), wired by the composition root."""
        if self._tools_menu is None:
            self._tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._tools_menu.addAction(action)
        return action

    def refresh_sync_status(self) -> None:
        self._tasks.db(self._sync_status.status, self.status.on_sync_status)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._status_timer.stop()
        super().closeEvent(event)
