"""Regenerate the screenshot of a supervisor's PIN from before the 6-digit rule being
refused (not a test):

    Xvfb :97 -screen 0 1280x900x24 &
    DISPLAY=:97 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_short_pin_screenshots.py [zh_TW|en]

Writes docs/screenshots/approval_short_pin.png (``_en`` before ``.png`` in English):
the demo counter, a supervisor whose cached hash comes from a 4-digit PIN (as the
change feed sent it before the rule), the approval prompt for a drawer opening after
that PIN was typed, checked by the real StaffService.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest

from counter_app.bootstrap import build_counter, demo_cashier
from counter_app.core.pins import hash_pin
from counter_app.demo import start_demo
from counter_app.local.models import Staff
from counter_app.services.permissions import Action
from counter_app.ui.app import ensure_application
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.task_runner import TaskRunner

OUT = Path("docs/screenshots")
OLD_PIN = "4321"


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        services, server = start_demo(Path(tmp) / "demo")
        tasks = TaskRunner()
        with services.db.unit_of_work() as session:
            session.add(
                Staff(
                    id=9001,
                    name="老主任",
                    role="supervisor",
                    location_id=services.store.location_id,
                    pin_hash=hash_pin(OLD_PIN, os.urandom(16)),
                )
            )
        counter = build_counter(services, demo_cashier(services), tasks)
        counter.window.move(0, 0)
        counter.window.show()
        prompt = SupervisorApprovalDialog(
            services.staff,
            tasks,
            QCoreApplication.translate("MainWindow", "Open the cash drawer without a sale"),
            Action.OPEN_DRAWER_NO_SALE,
            parent=counter.window,
        )
        prompt.show()
        prompt.pin.setText(OLD_PIN)
        prompt.reason_edit.setText("換零錢")
        prompt.buttons.accepted.emit()
        while not prompt.error.text():
            QTest.qWait(50)
        QTest.qWait(300)
        prompt.grab().save(str(OUT / f"approval_short_pin{suffix}.png"))
        print(prompt.error.text())
        tasks.shutdown()
        services.close()  # type: ignore[attr-defined]
        server.stop()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
