"""What every screen of the counter's frame offers the frame.

The main window holds the screens in a stack and brings one to the front when its
function key is pressed (or when the scan router hands it a scan). A screen is a
widget that says who it is and answers five things:

* ``name``: a stable id the scan routes refer to (``"sale"``);
* ``key``: the function key that brings it to the front (``"F1"``), shown in the
  key bar with its ``title()``;
* ``on_scan(result, text)``: a scan of a kind routed to it (already parsed);
* ``on_show()`` / ``on_leave()``: it came to the front / another screen is about to;
* ``show_problem(text)``: a problem to show on its message line (a scan nobody
  takes, a background task that failed without a handler).

A code the cashier types on a screen (rather than scans) is sent out through
``code_entered``; the frame routes it exactly like a scan.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from counter_app.core.codes import ScanResult


class Screen(QWidget):
    name: ClassVar[str] = ""
    key: ClassVar[str] = ""
    # Kinds of scan this screen takes while it is in front, whatever SCAN_ROUTES says
    # (the store stock screen counts products instead of selling them).
    takes_scans_in_front: ClassVar[frozenset[str]] = frozenset()

    code_entered = Signal(str)  # a code typed here, to be routed like a scan

    def title(self) -> str:
        """The screen's name as the cashier reads it (translated)."""
        raise NotImplementedError(f"{type(self).__name__} must say its title")

    def on_scan(self, result: ScanResult, text: str) -> None:
        """A scan of a kind the routes send here; ``text`` is what was read, trimmed."""
        raise NotImplementedError(f"{type(self).__name__} takes no scans, yet one was routed to it")

    def on_show(self) -> None:
        """Came to the front: put the focus where the cashier starts."""

    def on_leave(self) -> None:
        """Another screen is coming to the front; this one stays alive behind it."""

    def show_problem(self, text: str) -> None:
        """Show a problem on this screen's message line."""
        raise NotImplementedError(f"{type(self).__name__} must show problems")
