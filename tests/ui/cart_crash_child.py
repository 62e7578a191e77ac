"""The real counter, killed with SIGKILL the moment a scan's line is in the cart, for
test_cart_write_through.py (not a test itself).

Starts the demo warehouse and the counter in this process (offscreen), prints one JSON
line ({"barcode": ..., "name": ...}) once the stored cart has been read back, then scans
that barcode through the scan field. A slot on the cart model's rowsInserted, connected
after the screen's own, kills this process at once: no event loop turn, no timer, no
shutdown runs after the line went into the cart.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from sqlalchemy import text


def main(data_dir: str) -> int:
    from counter_app.bootstrap import build_counter
    from counter_app.demo import start_demo
    from counter_app.ui.app import ensure_application
    from counter_app.ui.task_runner import TaskRunner

    services, _server = start_demo(Path(data_dir))
    app = ensure_application("en")
    tasks = TaskRunner()
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    screen = counter.sale_screen
    with services.db.read() as session:
        barcode, name = session.execute(
            text(
                "SELECT b.code, p.name FROM barcodes b JOIN products p ON p.id = b.product_id "
                "WHERE p.active AND length(b.code) = 13 ORDER BY b.code LIMIT 1"
            )
        ).one()

    def scan() -> None:
        if screen.cart_tools.restoring:
            QTimer.singleShot(20, scan)
            return
        print(json.dumps({"barcode": barcode, "name": name}, ensure_ascii=False), flush=True)
        screen.cart_model.rowsInserted.connect(lambda *_: os.kill(os.getpid(), signal.SIGKILL))
        screen.scan_input.setText(barcode)
        screen.scan_input.returnPressed.emit()

    counter.window.show()
    QTimer.singleShot(0, scan)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
