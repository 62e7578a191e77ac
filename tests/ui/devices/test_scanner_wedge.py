"""Scanner bursts versus people typing, through the application-wide event filter."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter_app.devices.scanner_wedge import ScannerWedgeFilter, WedgeSettings

_KEYS = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}


def key_of(ch: str) -> int:
    if ch in _KEYS:
        return int(_KEYS[ch])
    return int(Qt.Key(ord(ch.upper()))) if ch.isalnum() else ord(ch)


class Keyboard:
    """Sends key press/release pairs to the focused widget, like the window system does."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.clock_ms = 1_000

    def type(self, text: str, gaps_ms: tuple[int, int], *, real_time: bool) -> None:
        for ch in text:
            gap = random.randint(*gaps_ms)
            if real_time:
                self.qtbot.wait(gap)
            self.clock_ms += gap
            target = QApplication.focusWidget()
            assert target is not None
            sent_text = "" if ch in _KEYS else ch
            for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(etype, key_of(ch), Qt.KeyboardModifier.NoModifier, sent_text)
                if not real_time:
                    event.setTimestamp(self.clock_ms)
                QApplication.sendEvent(target, event)
        if not real_time:
            self.qtbot.wait(120)  # let the "is it typing?" timer run out


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[tuple[QWidget, QLineEdit, QLineEdit]]:
    window = QWidget()
    layout = QVBoxLayout(window)
    name, qty = QLineEdit(), QLineEdit()
    layout.addWidget(name)
    layout.addWidget(qty)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    name.setFocus()
    qtbot.waitUntil(lambda: name.hasFocus())
    yield window, name, qty


@pytest.fixture
def wedge(qtbot: QtBot) -> Iterator[ScannerWedgeFilter]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    f = ScannerWedgeFilter(WedgeSettings())
    f.install(app)
    yield f
    f.uninstall(app)


def test_fast_burst_with_enter_is_a_scan_and_skips_the_field(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit], wedge: ScannerWedgeFilter
) -> None:
    _, name, _ = form
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    with qtbot.waitSignal(wedge.scanned, timeout=2000) as blocker:
        Keyboard(qtbot).type("4711234567890\r", (8, 15), real_time=True)
    assert blocker.args == ["4711234567890"]
    assert name.text() == "", "scanned keys must not land in the focused field"
    assert scans == ["4711234567890"]


def test_slow_typing_is_not_a_scan_and_reaches_the_field_unchanged(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit], wedge: ScannerWedgeFilter
) -> None:
    _, name, _ = form
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    Keyboard(qtbot).type("王Abc 123\r", (120, 250), real_time=True)
    qtbot.wait(150)
    assert name.text() == "王Abc 123"
    assert scans == []


def test_typing_then_scanning_in_the_same_field(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit], wedge: ScannerWedgeFilter
) -> None:
    _, name, _ = form
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    keyboard = Keyboard(qtbot)
    keyboard.type("note", (150, 220), real_time=False)
    keyboard.type("RS001-261125-0042\r", (3, 12), real_time=False)
    keyboard.type("ok", (150, 220), real_time=False)
    assert name.text() == "noteok"
    assert scans == ["RS001-261125-0042"]


def test_short_fast_burst_is_typing(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit], wedge: ScannerWedgeFilter
) -> None:
    _, name, _ = form
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    Keyboard(qtbot).type("12\r", (5, 10), real_time=False)  # e.g. a quantity typed quickly
    assert name.text() == "12" and scans == []


def test_tab_terminator_does_not_move_focus(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit], wedge: ScannerWedgeFilter
) -> None:
    _, name, qty = form
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as blocker:
        Keyboard(qtbot).type("PU7K3M9Q2X\t", (5, 12), real_time=False)
    assert blocker.args == ["PU7K3M9Q2X"]
    assert name.hasFocus() and not qty.hasFocus() and name.text() == ""


def test_prefix_and_suffix_are_required_and_stripped(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QLineEdit]
) -> None:
    _, name, _ = form
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    wedge = ScannerWedgeFilter(WedgeSettings(prefix="#", suffix="$"))
    wedge.install(app)
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    try:
        keyboard = Keyboard(qtbot)
        keyboard.type("#96385074$\r", (5, 12), real_time=False)
        keyboard.type("96385074\r", (5, 12), real_time=False)  # no prefix: treated as typing
    finally:
        wedge.uninstall(app)
    assert scans == ["96385074"]
    assert name.text() == "96385074"


def test_held_space_on_a_button_still_clicks(qtbot: QtBot, wedge: ScannerWedgeFilter) -> None:
    button = QPushButton("OK")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    with qtbot.waitSignal(button.clicked, timeout=1000):
        Keyboard(qtbot).type(" ", (100, 100), real_time=False)


# --- a scanner as the window system delivers it ------------------------------------------

_SHIFTED = set('~!@#$%^&*()_+{}|:"<>?')


class FakeClock:
    """The wedge's time source for key events without a window-system timestamp (QTest's)."""

    def __init__(self) -> None:
        self.seconds = 100.0

    def __call__(self) -> float:
        return self.seconds


class Scanner:
    """Key events as a US-layout wedge scanner sends them: Shift pressed and released around
    capitals and shifted symbols, each key `gap_ms` apart. Sent through QTest, so Qt asks
    the focused widget (ShortcutOverride) and tries its shortcuts exactly as for real keys."""

    def __init__(self, clock: FakeClock, gap_ms: tuple[int, int] = (5, 10)) -> None:
        self.clock = clock
        self.gap_ms = gap_ms

    def press(self, ch: str, gap_ms: int) -> None:
        self.clock.seconds += gap_ms / 1000
        widget = QApplication.focusWidget()
        assert widget is not None
        shifted = ch.isupper() or ch in _SHIFTED
        mods = Qt.KeyboardModifier.ShiftModifier if shifted else Qt.KeyboardModifier.NoModifier
        text = "" if ch in _KEYS else ch
        press, release = QTest.KeyAction.Press, QTest.KeyAction.Release
        if shifted:
            QTest.sendKeyEvent(
                press, widget, Qt.Key.Key_Shift, "", Qt.KeyboardModifier.ShiftModifier
            )
        QTest.sendKeyEvent(press, widget, Qt.Key(key_of(ch)), text, mods)
        QTest.sendKeyEvent(release, widget, Qt.Key(key_of(ch)), text, mods)
        if shifted:
            QTest.sendKeyEvent(
                release, widget, Qt.Key.Key_Shift, "", Qt.KeyboardModifier.NoModifier
            )

    def scan(self, code: str, terminator: str = "\r") -> None:
        for ch in code + terminator:
            self.press(ch, random.randint(*self.gap_ms))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def wedge_on_clock(clock: FakeClock) -> Iterator[ScannerWedgeFilter]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    f = ScannerWedgeFilter(WedgeSettings(), clock=clock)
    f.install(app)
    yield f
    f.uninstall(app)


@pytest.mark.parametrize(
    "code",
    [
        "RS001-261125-0042",
        "PU7K3M9Q2X",
        "/AB+1.23",
        "rs001-261125-0042",
        "4711234567890",
        "A-B/C+D.E",
    ],
)
def test_a_scan_with_shifted_capitals_and_symbols_is_one_scan(
    qtbot: QtBot,
    form: tuple[QWidget, QLineEdit, QLineEdit],
    wedge_on_clock: ScannerWedgeFilter,
    clock: FakeClock,
    code: str,
) -> None:
    _, name, _ = form
    scans: list[str] = []
    wedge_on_clock.scanned.connect(scans.append)
    Scanner(clock).scan(code)
    qtbot.waitUntil(lambda: scans == [code], timeout=1000)
    qtbot.wait(100)  # nothing is replayed into the field afterwards
    assert name.text() == "", "no stray characters in the focused field"
    assert scans == [code]


def test_no_shortcut_fires_from_inside_a_scan_but_a_pressed_minus_still_does(
    qtbot: QtBot, wedge_on_clock: ScannerWedgeFilter, clock: FakeClock
) -> None:
    window = QWidget()
    table = QTableView()
    table.setModel(QStandardItemModel(3, 3))
    QVBoxLayout(window).addWidget(table)
    fired: list[str] = []
    for key in ("-", "+", "/", "."):
        QShortcut(QKeySequence(key), window, activated=lambda key=key: fired.append(key))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    scans: list[str] = []
    wedge_on_clock.scanned.connect(scans.append)

    scanner = Scanner(clock)
    scanner.scan("RS001-261125-0042")
    scanner.scan("/AB+1.23")
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=1000)
    assert scans == ["RS001-261125-0042", "/AB+1.23"]
    assert fired == [], "a '-' or '+' inside a scan is part of the code, not a shortcut"

    scanner.press("-", 900)  # a person, on their own
    qtbot.wait(100)
    assert fired == ["-"]


def test_the_enter_that_ends_a_scan_does_not_press_the_focused_button(
    qtbot: QtBot, wedge_on_clock: ScannerWedgeFilter, clock: FakeClock
) -> None:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    other, focused = QPushButton("Other"), QPushButton("$1,000")
    layout.addWidget(other)
    layout.addWidget(focused)
    clicks: list[str] = []
    focused.clicked.connect(lambda: clicks.append("focused"))
    other.clicked.connect(lambda: clicks.append("other"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    focused.setFocus()
    qtbot.waitUntil(focused.hasFocus)
    scans: list[str] = []
    wedge_on_clock.scanned.connect(scans.append)
    Scanner(clock).scan("PU7K3M9Q2X")
    qtbot.waitUntil(lambda: scans == ["PU7K3M9Q2X"], timeout=1000)
    qtbot.wait(100)
    assert clicks == [] and dialog.isVisible()


def test_no_shortcut_fires_even_if_a_busy_gui_thread_let_the_timer_split_the_burst(
    qtbot: QtBot, wedge_on_clock: ScannerWedgeFilter, clock: FakeClock
) -> None:
    """The keys' own timestamps are 7 ms apart, but the event loop ran the wedge's timer
    between two of them (a stall): the rest of the burst must still not fire shortcuts."""
    window = QWidget()
    table = QTableView()
    QVBoxLayout(window).addWidget(table)
    fired: list[str] = []
    QShortcut(QKeySequence("-"), window, activated=lambda: fired.append("-"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    scanner = Scanner(clock, gap_ms=(7, 7))
    for ch in "RS001":
        scanner.press(ch, 7)
    qtbot.wait(150)  # the timer fires while the window-system clock stands still
    for ch in "-261125-0042\r":
        scanner.press(ch, 7)
    qtbot.wait(150)
    assert fired == []
