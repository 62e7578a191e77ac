"""Every scan goes through here: it is parsed once and handed to the screen whose job
it is, whatever screen is in front.

``SCAN_ROUTES`` is the table: the kind of a scan (``core.codes.parse_scan``'s
``kind``, see ``scan_kind``) -> the ``name`` of the screen that handles it. A screen
named there but not built yet, or a kind not in the table, gets a clear message on
the screen in front instead. Kinds the next features add (e-invoice carriers,
donation codes, tax IDs) get one line here when ``parse_scan`` learns them.

While a modal dialog is open the scan is the dialog's, or nobody's: a dialog that
takes scans (``on_scan``, like a screen) gets it, any other dialog swallows it, and
the cart behind the dialog never sees it.
"""

from __future__ import annotations

import logging
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from counter_app.core.codes import (
    InvalidCode,
    InvalidReason,
    PickupCode,
    ReceiptCode,
    ScanResult,
    parse_scan,
)
from counter_app.ui.scan_messages import invalid_scan_text
from counter_app.ui.screens.base import Screen

log = logging.getLogger(__name__)

SCAN_ROUTES: dict[str, str] = {
    "product": "sale",  # EAN-13/8, UPC-A, GTIN-14
    "gs1": "sale",  # GS1 element strings (GS1-128, DataBar, DataMatrix)
    "embedded": "sale",  # in-store price or weight labels (prefixes 20-29)
    "unknown": "sale",  # no known format: an SKU or a store's own code, the catalog decides
    "receipt": "returns",  # our receipt numbers: the returns screen (ui/screens/returns.py, F7)
    "pickup": "pickups",  # pickup codes: the pickup desk (ui/screens/pickups.py, F8)
    "einvoice_carrier": "sale",  # e-invoice carriers: the sale's payment step takes them
}
"""kind of scan -> name of the screen that handles it."""


def scan_kind(result: ScanResult) -> str:
    """The routing key of a parsed scan. A code in no known format is ``"unknown"``
    (someone may still know it); a code that is recognisably broken (a wrong check
    digit, a bad date) is ``"invalid"`` and is never routed."""
    if isinstance(result, InvalidCode) and result.reason == InvalidReason.UNKNOWN_FORMAT:
        return "unknown"
    return result.kind


@runtime_checkable
class TakesScans(Protocol):
    """A dialog that wants the scans made while it is open."""

    def on_scan(self, result: ScanResult, text: str) -> None: ...


class ScreenHost(Protocol):
    """The frame the router sends scans into (the main window)."""

    def current_screen(self) -> Screen | None: ...

    def screen_named(self, name: str) -> Screen | None: ...

    def show_screen(self, name: str) -> bool: ...


class ScanRouter(QObject):
    def __init__(
        self, host: ScreenHost, routes: dict[str, str] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._routes = dict(SCAN_ROUTES if routes is None else routes)

    def route(self, kind: str, screen_name: str) -> None:
        """Send scans of ``kind`` to the screen called ``screen_name`` from now on."""
        self._routes[kind] = screen_name

    def handler_of(self, kind: str) -> str | None:
        return self._routes.get(kind)

    def on_scanned(self, code: str) -> None:
        """A scanner read a code (the keyboard-wedge detector or a serial scanner)."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self._window():
            if isinstance(modal, TakesScans):
                modal.on_scan(parse_scan(code), code.strip())
            else:  # payment, settings: the scan is not for the cart behind the dialog
                log.info("scan ignored: %s is open", type(modal).__name__)
            return
        self.dispatch(parse_scan(code), code.strip())

    def on_code_entered(self, text: str) -> None:
        """A code the cashier typed on a screen: routed like a scan."""
        self.dispatch(parse_scan(text), text.strip())

    def dispatch(self, result: ScanResult, text: str) -> None:
        if isinstance(result, InvalidCode) and result.reason != InvalidReason.UNKNOWN_FORMAT:
            self._tell(f"{invalid_scan_text(result.reason)}: {text[:40]}")
            return
        kind = scan_kind(result)
        front = self._host.current_screen()
        if front is not None and kind in front.takes_scans_in_front:
            front.on_scan(result, text)
            return
        name = self._routes.get(kind)
        screen = self._host.screen_named(name) if name else None
        if screen is None:
            self._tell(self._not_at_this_till(result, text))
            return
        self._host.show_screen(screen.name)
        screen.on_scan(result, text)

    def _not_at_this_till(self, result: ScanResult, text: str) -> str:
        match result:
            case ReceiptCode():
                return self.tr("Receipt %1: returns cannot be taken at this till yet").replace(
                    "%1", result.receipt_no
                )
            case PickupCode():
                return self.tr(
                    "Pickup code %1: pickups cannot be handed over at this till yet"
                ).replace("%1", result.code)
            case _:
                return self.tr("%1: this till cannot take this kind of code yet").replace(
                    "%1", text[:40]
                )

    def _tell(self, text: str) -> None:
        screen = self._host.current_screen()
        if screen is None:
            log.warning("scan problem with no screen to show it: %s", text)
            return
        screen.show_problem(text)

    def _window(self) -> object:
        current = self._host.current_screen()
        return current.window() if current is not None else None
