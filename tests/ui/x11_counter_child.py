"""The real counter on a real X server, for test_scanning_x11.py (not a test itself).

Starts the demo warehouse and the counter window in this process, prints one JSON line
when ready ({"ready": true, "barcode": ..., "window": ...}), then answers commands read
from stdin, one a line: `focus field|table|button`, `state`, `quit`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import sys
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text


class _ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


def send_wm_delete_window(window_id: int) -> None:
    """What a window manager sends when the title bar's close button is clicked."""
    x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(_XEvent),
    ]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    event = _XEvent()
    event.xclient.type = 33  # ClientMessage
    event.xclient.window = window_id
    event.xclient.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
    event.xclient.format = 32
    event.xclient.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
    event.xclient.data[1] = 0  # CurrentTime
    x11.XSendEvent(display, window_id, 0, 0, ctypes.byref(event))
    x11.XFlush(display)
    x11.XCloseDisplay(display)


def main(data_dir: str) -> int:
    from counter_app.bootstrap import build_counter
    from counter_app.demo import start_demo
    from counter_app.ui.app import ensure_application
    from counter_app.ui.task_runner import TaskRunner

    services, server = start_demo(Path(data_dir))
    # xdotool sleeps in user space between keys: on a loaded machine its gaps stretch far
    # beyond a hardware scanner's 1-20 ms, so the detector is given room for that here.
    services.settings.save_section("scanner", {"max_gap_ms": 150})
    app = ensure_application("en")
    tasks = TaskRunner()
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    counter.start_scanners(app)
    window, screen = counter.window, counter.sale_screen
    with services.db.read() as session:
        barcode = session.execute(
            text(
                "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
                "JOIN stock s ON s.product_id = p.id AND s.location_id = :store AND s.on_hand >= 20 "
                "WHERE p.active AND length(b.code) = 13 ORDER BY b.code LIMIT 1"
            ),
            {"store": services.selling.location_id},
        ).scalar_one()

    def say(payload: dict[str, object]) -> None:
        print(json.dumps(payload, ensure_ascii=False), flush=True)

    def state() -> dict[str, object]:
        focus = QApplication.focusWidget()
        modal = QApplication.activeModalWidget()
        return {
            "visible": window.isVisible(),
            "question": modal.text() if isinstance(modal, QMessageBox) else None,
            "lines": [[line.product.name, line.qty] for line in screen.cart_model.cart.lines],
            "field": screen.scan_input.text(),
            "message": screen.message.text(),
            "kind": screen.message_kind,
            "focus": focus.objectName() if focus else None,
        }

    targets = {"field": screen.scan_input, "table": screen.table, "button": screen.clear_button}
    screen.clear_button.setObjectName("clearCart")

    def on_command() -> None:
        command, _, argument = sys.stdin.readline().strip().partition(" ")
        if command == "focus":
            window.activateWindow()
            targets[argument].setFocus()
            QTimer.singleShot(200, lambda: say(state()))
        elif command == "state":
            say(state())
        elif command == "wm_close":
            send_wm_delete_window(int(window.winId()))
            QTimer.singleShot(500, lambda: say(state()))
        elif command == "answer":
            modal = QApplication.activeModalWidget()
            if isinstance(modal, QMessageBox):
                yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
                modal.button(yes if argument == "yes" else no).click()
            QTimer.singleShot(300, lambda: say(state()))
        elif command in ("quit", ""):
            screen.clear_cart()
            app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_command)
    window.show()
    window.activateWindow()
    screen.scan_input.setFocus()
    QTimer.singleShot(
        500, lambda: say({"ready": True, "barcode": barcode, "window": int(window.winId())})
    )
    try:
        return app.exec()
    finally:
        tasks.shutdown()
        services.close()
        server.stop()  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
