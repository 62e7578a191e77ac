"""The real counter on a real X server, for test_scanning_x11.py (not a test itself).

Starts the demo warehouse and the counter window in this process, prints one JSON line
when ready ({"ready": true, "barcode": ..., "window": ...}), then answers commands read
from stdin, one a line: `focus field|table|button`, `state`, `quit`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import text


def main(data_dir: str) -> int:
    from counter_app.demo import start_demo
    from counter_app.ui.app import build_main_window, ensure_application, install_scanner
    from counter_app.ui.task_runner import TaskRunner

    services, server = start_demo(Path(data_dir))
    app = ensure_application("en")
    tasks = TaskRunner()
    window = build_main_window(services, services.staff.first_with_role("cashier"), tasks)
    install_scanner(app, window, services)
    screen = window.sale_screen
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
        return {
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
        elif command in ("quit", ""):
            screen.clear_cart()
            app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_command)
    window.show()
    window.activateWindow()
    screen.scan_input.setFocus()
    QTimer.singleShot(500, lambda: say({"ready": True, "barcode": barcode, "window": int(window.winId())}))
    try:
        return app.exec()
    finally:
        tasks.shutdown()
        services.close()
        server.stop()  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
