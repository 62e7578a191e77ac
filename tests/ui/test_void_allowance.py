"""The Tools menu's allowance void: the number typed, checked, a supervisor's PIN and a
reason in the prompt, the allowance voided and the cashier told; a malformed or unknown
number is refused before any PIN is asked for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.local.db import LocalDatabase
from counter_app.services.allowance_voids import AllowanceVoidService
from counter_app.services.staff import StaffService
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.void_allowance import VoidAllowanceFlow
from tests.unit.services.test_allowance_voids import CASHIER, PINS, STORE, _allowance, clock
from tests.unit.services.test_allowance_voids import db as db  # the fixture


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def _flow(
    qtbot: Any, db: LocalDatabase, tasks: TaskRunner, number: str, pin: str, told: list[Any]
) -> tuple[VoidAllowanceFlow, list[SupervisorApprovalDialog]]:
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts: list[SupervisorApprovalDialog] = []

    def answer(dialog: QDialog) -> int:
        assert isinstance(dialog, SupervisorApprovalDialog)
        prompts.append(dialog)
        dialog.pin.setText(pin)
        dialog.reason_edit.setText("退貨登錄錯誤")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: dialog.result() != 0 or bool(dialog.error.text()))
        return dialog.result()

    staff = StaffService(db, STORE.location_id)
    flow = VoidAllowanceFlow(
        AllowanceVoidService(db, staff, clock),
        staff,
        tasks,
        parent,
        lambda: CASHIER,
        ask_number=lambda: number,
        open_dialog=answer,
        tell=lambda text, ok: told.append((text, ok)),
    )
    return flow, prompts


def test_a_supervisor_voids_an_allowance_from_the_tools_menu(
    qtbot: Any, db: LocalDatabase, tasks: TaskRunner
) -> None:
    _allowance(db)
    told: list[Any] = []
    flow, prompts = _flow(qtbot, db, tasks, " ab12345600-01 ", PINS["supervisor"], told)
    flow.start()
    qtbot.waitUntil(lambda: bool(told))
    assert len(prompts) == 1 and prompts[0].result() == QDialog.DialogCode.Accepted
    [(text, ok)] = told
    assert ok and "AB12345600-01" in text and "stay as they were" in text
    assert flow.voided is not None and flow.voided.voided_at is not None


@pytest.mark.parametrize(
    ("number", "said"),
    [
        ("AB12345600", "looks like AB12345678-01"),
        ("AB12345600-07", "No allowance with that number"),
    ],
)
def test_a_bad_number_is_refused_before_any_pin(
    qtbot: Any, db: LocalDatabase, tasks: TaskRunner, number: str, said: str
) -> None:
    _allowance(db)
    told: list[Any] = []
    flow, prompts = _flow(qtbot, db, tasks, number, PINS["supervisor"], told)
    flow.start()
    qtbot.waitUntil(lambda: bool(told))
    [(text, ok)] = told
    assert not ok and said in text and prompts == []


def test_a_cashiers_pin_voids_nothing(qtbot: Any, db: LocalDatabase, tasks: TaskRunner) -> None:
    _allowance(db)
    told: list[Any] = []
    flow, prompts = _flow(qtbot, db, tasks, "AB12345600-01", PINS["cashier"], told)
    flow.start()
    qtbot.waitUntil(lambda: bool(prompts) and bool(prompts[0].error.text()))
    assert prompts[0].error.text() == "That PIN is not a supervisor's"
    assert flow.voided is None and told == []
