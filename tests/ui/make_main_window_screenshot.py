"""Regenerate docs/screenshots/main_window.png: the framed main window (not a test).

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_main_window_screenshot.py docs/screenshots/main_window.png

The demo warehouse and counter in a temporary folder, zh_TW, three products scanned
through the scan router (one twice).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from sqlalchemy import text

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.demo import start_demo
from counter_app.ui.app import ensure_application
from counter_app.ui.task_runner import TaskRunner


def main(out: str) -> None:
    app = ensure_application("zh_TW")
    with tempfile.TemporaryDirectory() as tmp:
        services, server = start_demo(Path(tmp) / "demo")
        tasks = TaskRunner()
        counter = build_counter(services, demo_cashier(services), tasks)
        with services.db.read() as session:
            codes = (
                session.execute(
                    text(
                        "SELECT MIN(b.code) FROM barcodes b JOIN products p ON p.id = b.product_id "
                        "WHERE p.active AND length(b.code) = 13 GROUP BY b.product_id ORDER BY b.product_id LIMIT 3"
                    )
                )
                .scalars()
                .all()
            )
        counter.window.show()
        for code in [*codes, codes[0]]:
            counter.router.on_scanned(code)

        def shoot() -> None:
            counter.window.grab().save(out)
            app.quit()

        QTimer.singleShot(1500, shoot)
        app.exec()
        tasks.shutdown()
        services.close()
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/main_window.png")
