"""The supervisor prompt decides nothing and holds up nothing: the staff service checks
the PIN (on the worker pool), and its refusal codes become words on the screen."""

from __future__ import annotations

import threading
from typing import Any

from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog, refusal_text
from counter_app.ui.task_runner import TaskRunner


class SlowStaff:
    """A PIN check that takes as long as the test says (scrypt takes tens of ms)."""

    def __init__(self, code: str) -> None:
        self.release = threading.Event()
        self.threads: list[str] = []
        self.code = code

    def approve(self, pin: str, action: Action, *, session: bool = False) -> Any:
        self.threads.append(threading.current_thread().name)
        self.release.wait(5)
        raise ApprovalRefused(self.code, action)


def test_a_pin_being_checked_never_holds_up_the_database_thread(qtbot: Any) -> None:
    tasks = TaskRunner()
    staff = SlowStaff("wrong_pin")
    dialog = SupervisorApprovalDialog(
        staff,
        tasks,
        "Open the drawer",
        Action.OPEN_DRAWER_NO_SALE,  # type: ignore[arg-type]
        need_reason=False,
    )
    qtbot.addWidget(dialog)
    dialog.pin.setText("0000")
    dialog.buttons.accepted.emit()
    scans: list[str] = []
    tasks.db(lambda: "4710000000010", scans.append)  # a scan's look-up, meanwhile
    try:
        qtbot.waitUntil(lambda: scans == ["4710000000010"], timeout=2000)
        assert staff.threads and not staff.threads[0].startswith("db")
    finally:
        staff.release.set()
    qtbot.waitUntil(lambda: dialog.error.text() == "Wrong PIN", timeout=3000)
    assert dialog.approval is None and dialog.pin.text() == ""
    tasks.shutdown()


def test_refusals_are_shown_in_words_for_their_code(qtbot: Any) -> None:
    tasks = TaskRunner()
    staff = SlowStaff("not_permitted")
    staff.release.set()
    dialog = SupervisorApprovalDialog(
        staff, tasks, "Settings", Action.DEVICE_SETTINGS, need_reason=False
    )  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(
        lambda: dialog.error.text() == "Device settings need a manager's PIN", timeout=3000
    )
    reason_needed = SupervisorApprovalDialog(staff, tasks, "Drawer", Action.OPEN_DRAWER_NO_SALE)  # type: ignore[arg-type]
    qtbot.addWidget(reason_needed)
    reason_needed.pin.setText("999999")
    reason_needed.buttons.accepted.emit()
    assert (
        reason_needed.error.text() == "Please give a reason" and len(staff.threads) == 1
    )  # no PIN check
    tasks.shutdown()


def test_an_approvers_pin_from_before_the_six_digit_rule_is_refused_in_words(qtbot: Any) -> None:
    text = refusal_text(ApprovalRefused("pin_too_short", Action.VOID))
    assert text == "This PIN is too short to approve: ask the office for a PIN of 6 digits or more"
