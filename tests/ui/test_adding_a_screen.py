"""The exercise from docs/architecture.md ("Adding a screen"): a new screen, written here
and nowhere else, joins the real counter through the root's public API with the kind of
scan it handles. No file of the app changes for it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout
from sqlalchemy import text

from counter_app.bootstrap import CounterApp, build_counter
from counter_app.core.codes import PickupCode, ScanResult
from counter_app.ui.screens.base import Screen
from counter_app.ui.task_runner import TaskRunner

PICKUP = "PU7K3M9Q2X"


class PickupDeskScreen(Screen):
    """A stand-in for the pickup desk: shows the code it was handed."""

    name = "pickup-desk"
    key = "F5"

    def __init__(self) -> None:
        super().__init__()
        self.message = QLabel()
        QVBoxLayout(self).addWidget(self.message)
        self.handed: list[str] = []

    def title(self) -> str:
        return "Pickups"

    def on_scan(self, result: ScanResult, text: str) -> None:
        assert isinstance(result, PickupCode)
        self.handed.append(result.code)
        self.message.setText(f"Pickup {result.code}")

    def show_problem(self, text: str) -> None:
        self.message.setText(text)


@pytest.fixture
def counter(qtbot: Any, qapp: Any, demo_counter: Any) -> Iterator[CounterApp]:
    tasks = TaskRunner()
    services = demo_counter.services
    built = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(built.window)
    built.start_scanners(qapp)
    yield built
    built.stop_scanners(qapp)
    tasks.shutdown()


def test_a_new_screen_takes_its_scans_and_its_key_with_one_line_in_the_root(
    qtbot: Any, counter: CounterApp, demo_counter: Any
) -> None:
    sale = counter.sale_screen
    counter.window.show()
    counter.window.activateWindow()
    qtbot.waitUntil(counter.window.isActiveWindow)

    # Before: pickup codes go to the pickup desk the root builds (F8), which refuses an
    # unknown code; adding a screen for the kind re-routes them with one line.
    counter.wedge.scanned.emit(PICKUP)
    desk_f8 = counter.pickups_screen
    assert desk_f8 is not None and counter.window.current_screen() is desk_f8
    qtbot.waitUntil(lambda: PICKUP in desk_f8.message.text())
    qtbot.keyClick(counter.window, Qt.Key.Key_F1)
    assert counter.window.current_screen() is sale

    desk = PickupDeskScreen()
    counter.add_screen(desk, scan_kinds=("pickup",))  # the one line in the root

    counter.wedge.scanned.emit(PICKUP)
    assert desk.handed == [PICKUP] and counter.window.current_screen() is desk
    assert counter.window.key_bar.buttons["F5"].isChecked()

    # Products still go to the sale screen, which comes back to the front with its cart.
    with demo_counter.services.db.read() as session:
        code = session.execute(
            text(
                "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
                "WHERE p.active AND length(b.code) = 13 ORDER BY b.code LIMIT 1"
            )
        ).scalar_one()
    counter.wedge.scanned.emit(code)
    assert counter.window.current_screen() is sale
    qtbot.waitUntil(lambda: len(sale.cart_model.cart.lines) == 1)

    # Its function key brings it back; F1 returns to the sale with the cart untouched.
    qtbot.keyClick(sale.scan_input, Qt.Key.Key_F5)
    assert counter.window.current_screen() is desk
    qtbot.wait(120)  # a person's pace: keys 50 ms apart would be a scanner's burst
    qtbot.keyClick(desk, Qt.Key.Key_Plus)  # the sale screen's keys sleep while it is behind
    qtbot.wait(120)  # past the wedge's "is it typing?" window, so the key has been delivered
    assert sale.cart_model.cart.lines[0].qty == 1
    qtbot.keyClick(counter.window, Qt.Key.Key_F1)
    assert counter.window.current_screen() is sale and len(sale.cart_model.cart.lines) == 1
    assert sale.scan_input.hasFocus()
    qtbot.wait(120)  # a person's pace: keys 50 ms apart would be a scanner's burst
    qtbot.keyClick(sale.table, Qt.Key.Key_Plus)  # and wake again when it is in front
    assert sale.cart_model.cart.lines[0].qty == 2
