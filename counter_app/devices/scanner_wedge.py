"""Keyboard-wedge scanners told apart from typing, whatever widget has focus.

A wedge scanner types its code as key presses a few milliseconds apart and
ends with Enter or Tab. `ScannerWedgeFilter` is an application-wide event
filter: it holds printable key presses back while they arrive faster than
`max_gap_ms`. A fast burst of at least `min_length` characters ending in a
terminator is a scan: the keys are swallowed and `scanned(str)` is emitted.
Anything else (a pause, a non-printable key, a short burst) is replayed to the
focused widget as ordinary typing, so a person's keys are only delayed by a
few tens of milliseconds, never lost.

Scanners press Shift around capitals (and AltGr for some symbols on other
layouts): those modifier keys pass through and neither end nor start a burst,
so `RS001-261125-0042` reads as one scan. A key inside a burst (and the
terminator) is claimed at its ShortcutOverride, so no shortcut fires from a
scan (a `-` in a code is not the cart's "-1"). Before a burst only keys a code
can start with are claimed (letters, digits, `/`, or the configured prefix), so
a person's single `+` or `-` on the cart still reaches its shortcut: single-key
shortcuts must not be letters, digits or `/`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

_TERMINATOR_KEYS = {
    "enter": (Qt.Key.Key_Return, Qt.Key.Key_Enter),
    "tab": (Qt.Key.Key_Tab,),
}
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_BLOCKING_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
# Keys a scanner holds while it types a character: they say nothing about the burst.
_MODIFIER_KEYS = {int(Qt.Key.Key_Shift), int(Qt.Key.Key_AltGr), int(Qt.Key.Key_Mode_switch)}
SLACK_MS = 20  # extra wait before deciding "typing", for event-loop jitter


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    max_gap_ms: int = 50  # scanners send keys 1-20 ms apart; people rarely under 80 ms
    min_length: int = 6  # shorter bursts are typing (EAN-8 is the shortest retail code)
    terminators: tuple[str, ...] = ("enter", "tab")
    prefix: str = ""  # optional characters the scanner is set to send first...
    suffix: str = ""  # ...and last; stripped from the emitted code


@dataclass(frozen=True, slots=True)
class _Key:
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerWedgeFilter(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        settings: WedgeSettings | None = None,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._app: QApplication | None = None  # where it listens, once installed
        self.settings = settings or WedgeSettings()
        self.clock = clock  # seconds; only for events the window system did not stamp (tests)
        self._buffer: list[_Key] = []
        self._held_releases: dict[int, int] = {}
        self._last_ms = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush_as_typing)
        self._terminators = {
            int(k) for name in self.settings.terminators for k in _TERMINATOR_KEYS[name]
        }

    @property
    def installed(self) -> bool:
        return self._app is not None

    def install(self, app: QApplication) -> None:
        """Listen application-wide; installing twice is one filter, not two."""
        if self._app is app:
            return
        if self._app is not None:
            self._app.removeEventFilter(self)
        app.installEventFilter(self)
        self._app = app

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self)
        self._app = None
        self._flush_as_typing()

    # -- filter --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        etype = event.type()
        if self._replaying or etype not in _KEY_EVENTS:
            return False
        if not (watched.isWidgetType() or watched.isWindowType()):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS:
            return False  # Shift around a capital: the burst goes on
        if etype == QEvent.Type.ShortcutOverride:
            return self._claim_for_burst(event)
        if etype == QEvent.Type.KeyRelease:
            return self._swallow_release(event)
        return self._on_press(event)

    def _claim_for_burst(self, event: QKeyEvent) -> bool:
        """Qt asks who wants this key before it matches shortcuts. Inside a burst we do, for
        every key (a key within `max_gap_ms` of the last one is never a shortcut); before one, for a key a code can start with (a letter, a digit, `/` of an
        e-invoice carrier, the scanner's prefix), so `+`, `-` and the like on their own stay
        single-key commands for people."""
        if event.isAutoRepeat() or event.modifiers() & _BLOCKING_MODIFIERS:
            return False
        # Fast after the last key, held or already given back: a scan even if the timer gave
        # its first keys back as typing (the GUI thread was busy while they waited in the queue).
        in_burst = self._now_ms(event) - self._last_ms <= self.settings.max_gap_ms
        if in_burst:
            wanted = event.key() in self._terminators or self._printable(event)
        else:
            wanted = self._printable(event) and self._may_start_code(event.text())
        if wanted:
            event.accept()  # "the focused widget takes it": no shortcut; the press comes to us
        return wanted

    def _may_start_code(self, char: str) -> bool:
        if self.settings.prefix:
            return char == self.settings.prefix[0]
        return char.isalnum() or char == "/"

    @staticmethod
    def _printable(event: QKeyEvent) -> bool:
        text = event.text()
        return (
            len(text) == 1 and text.isprintable() and not (event.modifiers() & _BLOCKING_MODIFIERS)
        )

    def _on_press(self, event: QKeyEvent) -> bool:
        now = self._now_ms(event)
        gap = now - self._last_ms
        if self._buffer and gap > self.settings.max_gap_ms:
            self._flush_as_typing()  # the timer has not fired yet, but the pause was long

        key, text, mods = event.key(), event.text(), event.modifiers()
        if key in self._terminators and not (mods & _BLOCKING_MODIFIERS):
            if self._buffer and self._is_scan():
                code = self._code()
                self._reset()
                QTimer.singleShot(0, lambda: self.scanned.emit(code))
                return True
            self._flush_as_typing()
            return False
        if not self._printable(event) or event.isAutoRepeat():
            self._flush_as_typing()
            return False
        self._buffer.append(_Key(key, mods, text))
        self._held_releases[key] = self._held_releases.get(key, 0) + 1
        self._last_ms = now
        self._timer.start(self.settings.max_gap_ms + SLACK_MS)
        return True

    def _swallow_release(self, event: QKeyEvent) -> bool:
        count = self._held_releases.get(event.key(), 0)
        if count == 0:
            return False
        if count == 1:
            del self._held_releases[event.key()]
        else:
            self._held_releases[event.key()] = count - 1
        return True

    # -- decisions -----------------------------------------------------------

    def _text(self) -> str:
        return "".join(k.text for k in self._buffer)

    def _is_scan(self) -> bool:
        s = self.settings
        text = self._text()
        if not (text.startswith(s.prefix) and text.endswith(s.suffix)):
            return False
        return len(self._code(text)) >= s.min_length

    def _code(self, text: str | None = None) -> str:
        text = self._text() if text is None else text
        s = self.settings
        body = text[len(s.prefix) :]
        return body[: len(body) - len(s.suffix)] if s.suffix else body

    def _reset(self) -> None:
        self._timer.stop()
        self._buffer.clear()
        self._held_releases.clear()

    def _flush_as_typing(self) -> None:
        """Give held keys to the focused widget, press and release, as if typed now."""
        keys = list(self._buffer)
        self._reset()
        if not keys:
            return
        target = QApplication.focusObject()
        if target is None:
            return
        self._replaying = True
        try:
            for k in keys:
                for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(etype, k.key, k.modifiers, k.text))
        finally:
            self._replaying = False

    def _now_ms(self, event: QKeyEvent) -> float:
        # The windowing system's timestamp is when the key was really pressed, even if
        # the GUI thread was busy; synthetic events have none, so fall back to the clock.
        stamp = event.timestamp()
        return float(stamp) if stamp else self.clock() * 1000.0
