"""A push button that shows its key and answers it: "Reserve for pickup  (Ctrl+P)".

Every action at the counter can be done by keyboard, and the key is written on the
button, so nobody has to remember it. The key fires while the button's screen is in
front (a hidden screen's buttons do not answer) and the button is enabled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget


def keyed_button(
    text: str,
    key: str,
    slot: Callable[[], None],
    name: str,
    parent: QWidget | None = None,
) -> QPushButton:
    sequence = QKeySequence(key)
    shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    button = QPushButton(f"{text}  ({shown})", parent)
    button.setObjectName(name)
    button.setShortcut(sequence)
    button.clicked.connect(lambda _checked=False: slot())
    return button
