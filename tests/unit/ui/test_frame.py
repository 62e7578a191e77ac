"""The frame: screens in a stack switched by their function keys, a key bar that is
always there, and one router that sends each kind of scan to the screen whose job it is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from counter_app.core.codes import ScanResult
from counter_app.services.sync_status import SyncStatus
from counter_app.ui.main_window import MainWindow
from counter_app.ui.scan_router import SCAN_ROUTES, ScanRouter, scan_kind
from counter_app.ui.screens.base import Screen
from counter_app.ui.task_runner import TaskRunner

EAN = "4006381333931"
BAD_EAN = "4006381333932"
RECEIPT = "RS001-261125-0042"
PICKUP = "PU7K3M9Q2X"


class FixedSyncStatus:
    def status(self) -> SyncStatus:
        return SyncStatus(waiting=0, oldest_age_s=None, failed=0, last_pull_age_s=1.0)


class ToyScreen(Screen):
    """The least a screen must do: a field to type into and a message line."""

    def __init__(self, name: str, key: str) -> None:
        super().__init__()
        self.name = name  # type: ignore[misc]  # per instance, for the test's several toys
        self.key = key  # type: ignore[misc]
        self.field = QLineEdit()
        self.field.returnPressed.connect(lambda: self.code_entered.emit(self.field.text()))
        QVBoxLayout(self).addWidget(self.field)
        self.scans: list[tuple[str, str]] = []
        self.problems: list[str] = []
        self.events: list[str] = []

    def title(self) -> str:
        return self.name.title()

    def on_scan(self, result: ScanResult, text: str) -> None:
        self.scans.append((scan_kind(result), text))

    def on_show(self) -> None:
        self.events.append("show")
        self.field.setFocus()

    def on_leave(self) -> None:
        self.events.append("leave")

    def show_problem(self, text: str) -> None:
        self.problems.append(text)


class ScanDialog(QDialog):
    def __init__(self, parent: Any) -> None:
        super().__init__(parent)
        self.scans: list[str] = []

    def on_scan(self, result: ScanResult, text: str) -> None:
        self.scans.append(text)


@pytest.fixture
def frame(qtbot: Any) -> Iterator[tuple[MainWindow, ScanRouter, ToyScreen, ToyScreen]]:
    tasks = TaskRunner()
    window = MainWindow("Test store", FixedSyncStatus(), tasks)
    qtbot.addWidget(window)
    sale, other = ToyScreen("sale", "F1"), ToyScreen("desk", "F2")
    window.add_screen(sale)
    window.add_screen(other)
    router = ScanRouter(window, parent=window)
    window.code_entered.connect(router.on_code_entered)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window, router, sale, other
    tasks.shutdown()


def test_the_first_screen_is_in_front_and_function_keys_switch(qtbot: Any, frame: Any) -> None:
    window, _router, sale, desk = frame
    assert window.current_screen() is sale and sale.events == ["show"]
    assert sale.field.hasFocus()
    qtbot.keyClick(sale.field, Qt.Key.Key_F2)
    assert window.current_screen() is desk
    assert sale.events == ["show", "leave"] and desk.events == ["show"]
    assert window.key_bar.buttons["F2"].isChecked() and not window.key_bar.buttons["F1"].isChecked()
    window.key_bar.buttons["F1"].click()
    assert window.current_screen() is sale


def test_the_key_bar_shows_every_screen_and_every_tool_with_a_key(frame: Any) -> None:
    window, *_ = frame
    window.add_tool("Reprint a receipt…", "F9", lambda: None)
    window.add_tool("No key", "", lambda: None)
    texts = [b.text() for b in window.key_bar.buttons.values()]
    assert texts == ["F1\nSale", "F2\nDesk", "F9\nReprint a receipt"]
    assert window.key_bar.isVisible()


def test_a_key_cannot_be_given_twice(frame: Any) -> None:
    window, *_ = frame
    with pytest.raises(ValueError, match="F2"):
        window.add_screen(ToyScreen("count", "F2"))
    with pytest.raises(ValueError, match="already a screen"):
        window.add_screen(ToyScreen("sale", "F5"))
    with pytest.raises(ValueError, match="F1"):
        window.add_tool("Clash", "F1", lambda: None)


def test_each_kind_goes_to_its_screen_which_comes_to_the_front(frame: Any) -> None:
    window, router, sale, desk = frame
    router.route("pickup", "desk")
    router.on_scanned(PICKUP + "\r\n")
    assert desk.scans == [("pickup", PICKUP)] and window.current_screen() is desk
    router.on_scanned(EAN)
    assert sale.scans == [("product", EAN)] and window.current_screen() is sale
    router.on_scanned("SKU-0042")  # no known format: the sale screen's catalog decides
    assert sale.scans[-1] == ("unknown", "SKU-0042")


def test_a_kind_no_screen_takes_yet_gets_a_clear_message_on_the_screen_in_front(frame: Any) -> None:
    window, router, sale, desk = frame
    assert SCAN_ROUTES["receipt"] not in {s.name for s in window.screens()}
    router.on_scanned(RECEIPT)
    router.on_scanned(PICKUP)  # the table names "desk", which this frame does not have
    assert RECEIPT in sale.problems[0] and PICKUP in sale.problems[1]
    router.route("pickup", "nowhere")
    router.route("gs1", "nowhere")
    router.on_scanned("(01)04006381333931(10)ABC")
    assert "(01)04006381333931" in sale.problems[-1]
    assert sale.scans == [] and desk.scans == []


def test_a_broken_code_is_refused_with_its_reason_and_reaches_no_screen(frame: Any) -> None:
    _window, router, sale, _desk = frame
    router.on_scanned(BAD_EAN)
    assert (
        sale.scans == [] and "Wrong check digit" in sale.problems[0] and BAD_EAN in sale.problems[0]
    )


def test_a_typed_code_is_routed_like_a_scan(qtbot: Any, frame: Any) -> None:
    window, router, sale, desk = frame
    router.route("pickup", "desk")
    qtbot.keyClicks(sale.field, PICKUP)
    qtbot.keyClick(sale.field, Qt.Key.Key_Return)
    assert desk.scans == [("pickup", PICKUP)] and window.current_screen() is desk


def test_while_a_dialog_is_open_the_scan_is_the_dialogs_or_nobodys(qtbot: Any, frame: Any) -> None:
    window, router, sale, _desk = frame
    for dialog in (QDialog(window), ScanDialog(window)):
        dialog.setModal(True)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: d.isVisible())
        router.on_scanned(EAN)
        dialog.reject()
    assert dialog.scans == [EAN]  # the last one takes scans; the first swallowed its scan
    assert sale.scans == [] and sale.problems == []
    router.on_scanned(EAN)
    assert sale.scans == [("product", EAN)]
