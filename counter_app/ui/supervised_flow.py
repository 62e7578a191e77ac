"""The shape of a supervisor-guarded action started from the Tools menu: check on the
database thread, ask a supervisor's PIN and a reason, act on the database thread, tell
the cashier; each step on the right thread, none waiting for another
(ui/void_sale.py, ui/void_allowance.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from counter_app.services.context import StaffMember
from counter_app.services.permissions import Action
from counter_app.services.staff import Approval, StaffService
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.task_runner import TaskRunner

Done = TypeVar("Done")


class SupervisedFlow:
    def __init__(
        self,
        staff: StaffService,
        tasks: TaskRunner,
        parent: QWidget,
        cashier: Callable[[], StaffMember],
        title: Callable[[], str],
        problem_text: Callable[[BaseException], str],
        *,
        open_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec(),
        tell: Callable[[str, bool], None] | None = None,
    ) -> None:
        self._staff = staff
        self._tasks = tasks
        self._parent = parent
        self._cashier = cashier
        self._title = title
        self._problem_text = problem_text
        self._open_dialog = open_dialog
        self._tell = tell or self._tell_with_box

    def _check_then_approve(
        self,
        check: Callable[[], Any],
        prompt: str,
        act: Callable[[StaffMember, Approval, str], Done],
        done: Callable[[Done], None],
    ) -> None:
        """``check`` (it raises what is wrong), then the supervisor's prompt, then ``act``
        with the cashier, the approval and the reason; ``done`` with what it answered."""
        self._tasks.db(
            check,
            lambda _ok: self._approve(prompt, act, done),
            lambda error: self._tell(self._problem_text(error), False),
        )

    def _approve(
        self,
        prompt: str,
        act: Callable[[StaffMember, Approval, str], Done],
        done: Callable[[Done], None],
    ) -> None:
        dialog = SupervisorApprovalDialog(
            self._staff, self._tasks, prompt, Action.VOID, need_reason=True, parent=self._parent
        )
        if self._open_dialog(dialog) != QDialog.DialogCode.Accepted or dialog.approval is None:
            return
        approval, reason, cashier = dialog.approval, dialog.reason, self._cashier()
        self._tasks.db(
            lambda: act(cashier, approval, reason),
            done,
            lambda error: self._tell(self._problem_text(error), False),
        )

    def _tell_with_box(self, text: str, ok: bool) -> None:
        if ok:
            QMessageBox.information(self._parent, self._title(), text)
        else:
            QMessageBox.warning(self._parent, self._title(), text)
