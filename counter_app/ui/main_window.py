"""The counter's frame: screens in a stack, a key bar, the Tools menu and the status bar.

Screens (``ui/screens``) are added by the composition root; each brings itself to
the front with its function key. The key bar along the bottom always shows which
keys there are: one per screen (the one in front is marked), then the tools that
have a key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.sync_status import SyncStatus
from counter_app.ui.screens.base import Screen
from counter_app.ui.status_bar import CounterStatusBar
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

STATUS_REFRESH_MS = 2000


class SyncStatusSource(Protocol):
    def status(self) -> SyncStatus: ...


class KeyBar(QWidget):
    """A row of labelled keys, always visible: screens on the left, tools on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self._screens = QHBoxLayout()
        self._tools = QHBoxLayout()
        layout.addLayout(self._screens)
        layout.addStretch(1)
        layout.addLayout(self._tools)
        self.buttons: dict[str, QPushButton] = {}

    def add_key(
        self, key: str, text: str, slot: Callable[[], object], *, screen: bool
    ) -> QPushButton:
        # The key above its name: a dozen keys fit a 1280-pixel till screen in English too.
        button = QPushButton(f"{key}\n{text}")
        button.setObjectName(f"key{key}")
        button.setCheckable(screen)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        button.setMinimumHeight(46)  # a touch target
        button.setStyleSheet(
            "QPushButton { font-size: 13px; padding: 2px 8px; }"
            "QPushButton:checked { background: #1f5fa8; color: white; font-weight: bold; }"
        )
        # Wide enough for its words in bold: the screen in front is marked in bold.
        bold = QFont(button.font())
        bold.setPixelSize(13)
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(part) for part in (key, text))
        button.setMinimumWidth(widest + 22)
        button.clicked.connect(lambda _checked=False: slot())
        if screen:  # the screens' keys in key order (F1, F3, F6...), whatever order they came in
            earlier = sum(
                1
                for k, b in self.buttons.items()
                if b.isCheckable() and _key_order(k) < _key_order(key)
            )
            self._screens.insertWidget(earlier, button)
        else:
            self._tools.addWidget(button)
        self.buttons[key] = button
        return button

    def mark(self, key: str) -> None:
        for k, button in self.buttons.items():
            if button.isCheckable():
                button.setChecked(k == key)


def _key_order(key: str) -> tuple[int, str]:
    """F1 < F2 < ... < F12, then anything else by name."""
    number = key[1:] if key.startswith("F") else ""
    return (int(number), key) if number.isdigit() else (100, key)


class FocusBackAfterDialogs(QObject):
    """A dialog that had the keys closes: the window it was opened from gets them back.

    Without a window manager (or with one that does not do it), closing a modal dialog
    leaves no window active and no widget with the focus: the next key the cashier
    presses (a function key, a scan) goes nowhere. The window that opened the dialog is
    activated again, and Qt puts the focus back on its last focused widget (the scan
    field on the sale screen). Only when the closing dialog was the active window: a
    dialog closing in the background never takes the keys from another program."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Close comes while the dialog is still the active window (then it is deactivated,
        # then hidden): remember it, and look again once the dialog is gone.
        if (
            event.type() == QEvent.Type.Close
            and isinstance(watched, QDialog)
            and watched.isWindow()
            and QApplication.activeWindow() is watched
        ):
            parent = watched.parentWidget()
            if parent is not None:
                dialog, back = watched, parent.window()
                QTimer.singleShot(0, back, lambda: self._activate(dialog, back))
        return False

    @staticmethod
    def _activate(dialog: QDialog, window: QWidget) -> None:
        gone = not shiboken6.isValid(dialog) or not dialog.isVisible()  # deleted on close
        back = shiboken6.isValid(window) and window.isVisible()
        if gone and back and QApplication.activeWindow() is None:
            window.activateWindow()


class MainWindow(QMainWindow):
    code_entered = Signal(str)  # a code typed on any screen, to be routed like a scan

    def __init__(
        self,
        store_name: str,
        sync_status: SyncStatusSource,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sync_status = sync_status
        self._tasks = tasks
        self._screens: dict[str, Screen] = {}
        self._tool_keys: set[str] = set()
        self.setWindowTitle(self.tr("Counter — %1").replace("%1", store_name))
        self.stack = QStackedWidget()
        self.key_bar = KeyBar()
        frame = QWidget()
        layout = QVBoxLayout(frame)
        self._frame_layout = layout
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.key_bar)
        self.setCentralWidget(frame)
        self.status = CounterStatusBar(store_name)
        self.setStatusBar(self.status)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_sync_status)
        self._status_timer.start()
        self.refresh_sync_status()
        self._tools_menu: QMenu | None = None
        self.resize(1180, 760)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # the keys come back here when a dialog closes
            self._focus_back = FocusBackAfterDialogs(self)
            app.installEventFilter(self._focus_back)

    # --- screens ----------------------------------------------------------------------

    def add_banner(self, banner: QWidget) -> None:
        """A bar across the top of every screen (e.g. refused orders waiting for a person)."""
        self._frame_layout.insertWidget(0, banner)

    def add_screen(self, screen: Screen) -> None:
        """Put a screen in the stack with its key; the first one added comes to the front."""
        if not screen.name or not screen.key:
            raise ValueError(f"{type(screen).__name__} needs a name and a function key")
        if screen.name in self._screens:
            raise ValueError(f"there is already a screen called {screen.name!r}")
        if screen.key in {s.key for s in self._screens.values()} | self._tool_keys:
            raise ValueError(
                f"{screen.key} is already taken; give {type(screen).__name__} another key"
            )
        self._screens[screen.name] = screen
        self.stack.addWidget(screen)
        screen.code_entered.connect(self.code_entered)
        name = screen.name
        QShortcut(QKeySequence(screen.key), self).activated.connect(lambda: self.show_screen(name))
        self.key_bar.add_key(
            screen.key, screen.title(), lambda: self.show_screen(name), screen=True
        )
        if len(self._screens) == 1:
            self.key_bar.mark(screen.key)

    def screen_named(self, name: str) -> Screen | None:
        return self._screens.get(name)

    def screens(self) -> list[Screen]:
        return list(self._screens.values())

    def current_screen(self) -> Screen | None:
        current = self.stack.currentWidget()
        return current if isinstance(current, Screen) else None

    def show_screen(self, name: str) -> bool:
        """Bring a screen to the front (``on_leave`` for the old one, ``on_show`` for it)."""
        screen = self._screens.get(name)
        if screen is None:
            return False
        current = self.current_screen()
        if current is screen:
            return True
        if current is not None:
            current.on_leave()
        self.stack.setCurrentWidget(screen)
        self.key_bar.mark(screen.key)
        screen.on_show()
        return True

    def show_problem(self, text: str) -> None:
        """A problem for the cashier: on the message line of the screen in front."""
        current = self.current_screen()
        if current is not None:
            current.show_problem(text)
        else:
            self.status.showMessage(text, 10_000)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        current = self.current_screen()
        if current is not None and not event.spontaneous():
            current.on_show()  # the first screen gets the focus when the window opens

    # --- tools and status -------------------------------------------------------------

    def add_tool(self, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        """An entry in the Tools menu (and its shortcut, also shown in the key bar)."""
        if self._tools_menu is None:
            self._tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        action = QAction(text, self)
        if shortcut:
            if shortcut in {s.key for s in self._screens.values()} | self._tool_keys:
                raise ValueError(f"{shortcut} is already taken")
            self._tool_keys.add(shortcut)
            action.setShortcut(QKeySequence(shortcut))
            self.key_bar.add_key(shortcut, text.rstrip("…"), action.trigger, screen=False)
        action.triggered.connect(slot)
        self._tools_menu.addAction(action)
        return action

    def refresh_sync_status(self) -> None:
        self._tasks.db(
            self._sync_status.status,
            self.status.on_sync_status,
            self._on_sync_status_failed,
            owner=self,
        )

    def _on_sync_status_failed(self, error: BaseException) -> None:
        # Every two seconds: a line in the status bar, not a dialog that would stop the sale.
        log.warning("sync status unavailable: %s", error)
        self.status.showMessage(self._tasks.plain_message(error), STATUS_REFRESH_MS * 2)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._status_timer.stop()
        super().closeEvent(event)
