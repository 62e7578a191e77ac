"""Regenerate the allowance-void prompt image (not a test):

    DISPLAY=:97 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_void_allowance_screenshot.py

Writes docs/screenshots/void_allowance_prompt.png: the supervisor's prompt of Tools >
作廢折讓單 for allowance AB12345600-01, in Chinese, the PIN typed and a reason given.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest

from counter_app.services.permissions import Action
from counter_app.ui.app import ensure_application
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.task_runner import TaskRunner

OUT = Path("docs/screenshots")


def main() -> None:
    ensure_application("zh_TW")
    tasks = TaskRunner()
    dialog = SupervisorApprovalDialog(
        None,  # type: ignore[arg-type]  # nothing is approved here: the picture only
        tasks,
        QCoreApplication.translate(
            "VoidAllowance", "Void allowance %1: a supervisor's PIN and the reason"
        ).replace("%1", "AB12345600-01"),
        Action.VOID,
        need_reason=True,
    )
    dialog.pin.setText("246810")
    dialog.reason_edit.setText("退貨登錄錯誤")
    dialog.resize(460, dialog.sizeHint().height())
    dialog.show()
    QTest.qWait(300)
    dialog.grab().save(str(OUT / "void_allowance_prompt.png"))
    tasks.shutdown()


if __name__ == "__main__":
    main()
