"""Run by ``benchmarks`` in a child process: start the counter on an already-synced data
folder, exactly as ``counter_app.bootstrap.run_window`` does but with the demo cashier
instead of the PIN dialog, and print ``READY <epoch seconds> <rss MB>`` from inside
the event loop once the main window is shown, then quit.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.ready_probe DATA_DIR SERVER_URL

It replaces a hook in ``counter_app/bootstrap.py`` (not ours to edit); with that hook
(``COUNTER_APP_EXIT_WHEN_READY=1``) the same figure would come from ``counter-app``
itself, sign-in dialog aside.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks.harness import rss_mb


def main() -> int:
    data_dir, server_url = Path(sys.argv[1]), sys.argv[2]
    from PySide6.QtCore import QTimer

    from counter_app.bootstrap import build_counter, build_services, demo_cashier
    from counter_app.ui.app import ensure_application
    from counter_app.ui.i18n import DEFAULT_LANGUAGE
    from counter_app.ui.task_runner import TaskRunner

    services = build_services(data_dir, server_url, use_keyring=False)
    app = ensure_application(DEFAULT_LANGUAGE)
    tasks = TaskRunner()
    counter = build_counter(services, demo_cashier(services), tasks)
    counter.start_scanners(app)
    services.background.start()
    counter.window.show()  # the sale screen takes the focus (Screen.on_show)

    def report() -> None:
        print(f"READY {time.time():.6f} {rss_mb() or 0:.1f}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)  # runs once the loop has processed the show and first paint
    try:
        return app.exec()
    finally:
        counter.stop_scanners(app)
        tasks.shutdown()
        services.close()


if __name__ == "__main__":
    sys.exit(main())
