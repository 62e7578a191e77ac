"""A keyboard-wedge scanner on the real sale screen: scans land in the cart whatever has
focus, typing is never mistaken for a scan, and every kind of code gets its answer."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from counter_app.bootstrap import build_counter
from counter_app.ui.screens.pickups import PickupsScreen
from counter_app.ui.task_runner import TaskRunner

KEYS = {"\r": Qt.Key.Key_Return}


class Keyboard:
    """Key press/release pairs to the focused widget, stamped like the window system does."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.clock_ms = 10_000

    def type(self, chars: str, gap_ms: int) -> None:
        for ch in chars:
            self.clock_ms += gap_ms
            target = QApplication.focusWidget()
            key = int(KEYS.get(ch, Qt.Key(ord(ch.upper())) if ch.isalnum() else ord(ch)))
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(
                    kind, key, Qt.KeyboardModifier.NoModifier, "" if ch in KEYS else ch
                )
                event.setTimestamp(self.clock_ms)
                QApplication.sendEvent(target, event)
        self.qtbot.wait(120)  # past the wedge's "is it typing?" window


@pytest.fixture
def screen(qtbot: Any, qapp: Any, demo_counter: Any) -> Any:
    tasks = TaskRunner()
    services = demo_counter.services
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(counter.window)
    counter.window.show()
    counter.start_scanners(qapp)
    yield counter.sale_screen
    counter.stop_scanners(qapp)
    tasks.shutdown()


def _barcode(demo_counter: Any) -> str:
    """An EAN-13 of a product this store has plenty of by the records (no shelf warning)."""
    with demo_counter.services.db.read() as s:
        return s.execute(
            text(
                "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
                "JOIN stock s ON s.product_id = p.id AND s.location_id = :store AND s.on_hand >= 20 "
                "WHERE p.active AND length(b.code) = 13 ORDER BY b.code LIMIT 1"
            ),
            {"store": demo_counter.services.selling.location_id},
        ).scalar_one()


def test_a_scan_while_the_cashier_is_typing_goes_to_the_cart_not_the_field(
    qtbot: Any, screen: Any, demo_counter: Any
) -> None:
    keyboard = Keyboard(qtbot)
    screen.scan_input.setFocus()
    keyboard.type("tea", gap_ms=180)  # a person
    keyboard.type(_barcode(demo_counter) + "\r", gap_ms=9)  # a scanner
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == 1)
    assert screen.scan_input.text() == "tea"


def test_a_wrong_check_digit_is_refused_with_the_reason(
    qtbot: Any, screen: Any, demo_counter: Any
) -> None:
    code = _barcode(demo_counter)
    bad = code[:-1] + str((int(code[-1]) + 1) % 10)
    Keyboard(qtbot).type(bad + "\r", gap_ms=9)
    qtbot.waitUntil(lambda: "Wrong check digit" in screen.message.text())  # no translator: English
    assert screen.cart_model.cart.is_empty()


def test_receipt_and_pickup_codes_are_recognised_not_looked_up_as_products(
    qtbot: Any, screen: Any
) -> None:
    keyboard = Keyboard(qtbot)
    keyboard.type("PU7K3M9Q2X\r", gap_ms=9)
    desk = screen.window().findChild(PickupsScreen)  # pickup codes go to the pickup desk (F8)
    qtbot.waitUntil(lambda: "PU7K3M9Q2X" in desk.message.text())
    keyboard.type("RS001-261125-0042\r", gap_ms=9)  # a receipt: the returns screen takes it
    returns = screen.window().screen_named("returns")
    qtbot.waitUntil(lambda: "RS001-261125-0042" in returns.message.text())
    assert screen.window().current_screen() is returns
    assert screen.cart_model.cart.is_empty()


@pytest.mark.skipif(
    not hasattr(__import__("os"), "openpty"), reason="needs a POSIX pseudo-terminal"
)
def test_a_serial_scanner_set_in_settings_feeds_the_cart(
    qtbot: Any, qapp: Any, demo_counter: Any
) -> None:
    import os

    master, slave = os.openpty()
    services = demo_counter.services
    services.settings.save_section(
        "scanner", {"serial_port": os.ttyname(slave), "serial_baudrate": 9600}
    )
    tasks = TaskRunner()
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(counter.window)
    counter.start_scanners(qapp)
    try:
        qtbot.wait(300)  # the reader thread opens the port
        os.write(master, _barcode(demo_counter).encode() + b"\r\n")
        qtbot.waitUntil(lambda: len(counter.sale_screen.cart_model.cart.lines) == 1, timeout=5000)
    finally:
        counter.stop_scanners(qapp)
        tasks.shutdown()
        os.close(master)
        os.close(slave)


# --- a scanner as the window system delivers it: Shift around capitals, through Qt's
# shortcut machinery (QTest asks ShortcutOverride first, exactly as for real keys) ---------

_SHIFTED = set('~!@#$%^&*()_+{}|:"<>?')


class WedgeClock:
    def __init__(self) -> None:
        self.seconds = 500.0

    def __call__(self) -> float:
        return self.seconds


def _scanner_types(clock: WedgeClock, code: str, gap_ms: int = 7) -> None:
    """Shift press/release around capitals, then the key, `gap_ms` apart, ending in Enter."""
    press, release = QTest.KeyAction.Press, QTest.KeyAction.Release
    for ch in code + "\r":
        clock.seconds += gap_ms / 1000
        widget = QApplication.focusWidget()
        shifted = ch.isupper() or ch in _SHIFTED
        mods = Qt.KeyboardModifier.ShiftModifier if shifted else Qt.KeyboardModifier.NoModifier
        key = (
            Qt.Key.Key_Return
            if ch == "\r"
            else Qt.Key(ord(ch.upper()) if ch.isalnum() else ord(ch))
        )
        text = "" if ch == "\r" else ch
        if shifted:
            QTest.sendKeyEvent(
                press, widget, Qt.Key.Key_Shift, "", Qt.KeyboardModifier.ShiftModifier
            )
        QTest.sendKeyEvent(press, widget, key, text, mods)
        QTest.sendKeyEvent(release, widget, key, text, mods)
        if shifted:
            QTest.sendKeyEvent(
                release, widget, Qt.Key.Key_Shift, "", Qt.KeyboardModifier.NoModifier
            )


@pytest.fixture
def scanner_screen(qtbot: Any, qapp: Any, demo_counter: Any) -> Any:
    tasks = TaskRunner()
    services = demo_counter.services
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(counter.window)
    counter.window.show()
    qtbot.waitExposed(counter.window)
    counter.start_scanners(qapp)
    clock = WedgeClock()
    counter.wedge.clock = clock
    yield counter.sale_screen, clock
    counter.stop_scanners(qapp)
    tasks.shutdown()


@pytest.mark.parametrize("focus", ["field", "table", "button"])
def test_receipt_pickup_and_product_scans_whatever_has_focus_and_no_shortcut_fires(
    qtbot: Any, scanner_screen: Any, demo_counter: Any, focus: str
) -> None:
    screen, clock = scanner_screen
    barcode = _barcode(demo_counter)
    screen.scan_input.setFocus()
    _scanner_types(clock, barcode)
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == 1)
    screen.plus_button.click()  # qty 2: a stray '-' shortcut would show as 1
    target = {"field": screen.scan_input, "table": screen.table, "button": screen.clear_button}[
        focus
    ]
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)

    # A code of no known format, with capitals and punctuation, stays on the sale screen
    # (the catalog decides): Shift and '-', '/', '+', '.' inside a burst act on nothing.
    clock.seconds += 1
    _scanner_types(clock, "ZX-42/A+B.C")
    qtbot.waitUntil(lambda: "ZX-42/A+B.C" in screen.message.text())
    clock.seconds += 1
    _scanner_types(clock, barcode)
    qtbot.waitUntil(lambda: screen.cart_model.cart.lines[0].qty == 3)
    qtbot.wait(150)  # past the wedge's typing window: nothing is replayed late
    assert [line.qty for line in screen.cart_model.cart.lines] == [3], (
        "no '-' or Enter acted on the cart"
    )
    assert screen.scan_input.text() == "", "no stray characters in the field"
    assert target.hasFocus()

    # A pickup code brings the pickup desk (F8) to the front, whatever had the focus.
    clock.seconds += 1
    _scanner_types(clock, "PU7K3M9Q2X")
    desk = screen.window().findChild(PickupsScreen)
    qtbot.waitUntil(lambda: "PU7K3M9Q2X" in desk.message.text())
    assert [line.qty for line in screen.cart_model.cart.lines] == [3]
