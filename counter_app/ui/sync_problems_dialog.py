"""Operations the warehouse rejected: each stays here, with the server's reason, until a
person retries it or a supervisor discards it with a reason (audited)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.records import FailedOp
from counter_app.services.permissions import Action
from counter_app.services.staff import StaffService
from counter_app.services.sync_status import SyncStatusService
from counter_app.ui.local_time import local_time_text
from counter_app.ui.problem_reasons import operation_name, problem_reason
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog, refusal_text
from counter_app.ui.tables import fill_rows, read_only_table
from counter_app.ui.task_runner import TaskRunner


class SyncProblemsDialog(QDialog):
    def __init__(
        self,
        sync_status: SyncStatusService,
        staff: StaffService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sync_status = sync_status
        self._staff = staff
        self._tasks = tasks
        self.ops: list[FailedOp] = []
        self.setWindowTitle(self.tr("Operations the warehouse rejected"))
        self.table = read_only_table(
            "failedOps", [self.tr("Type"), self.tr("Created"), self.tr("Reason")], 2
        )
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.empty_label = QLabel(self.tr("Nothing needs attention."))
        self.retry_button = QPushButton(self.tr("Retry"))
        self.discard_button = QPushButton(self.tr("Discard… (supervisor)"))
        self.close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.retry_button.clicked.connect(self.on_retry_button_clicked)
        self.discard_button.clicked.connect(self.on_discard_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self.resize(820, 360)
        self.reload()

    def reload(self) -> None:
        self._tasks.db(self._sync_status.failed_ops, self._show)

    def _show(self, ops: list[FailedOp]) -> None:
        self.ops = ops
        fill_rows(
            self.table,
            [(operation_name(op.type), local_time_text(op.created_at), "") for op in ops],
        )
        for row, op in enumerate(ops):
            # The reason in words; the warehouse's code (and its own detail) in small text
            # for support. A code this till does not know shows the warehouse's detail.
            reason = problem_reason(op.problem_code) or op.problem_detail or op.problem_code
            small = " · ".join(
                part for part in (op.problem_code, op.problem_detail) if part and part != reason
            )
            label = QLabel(f"{html.escape(reason)}<br><small>{html.escape(small)}</small>")
            label.setObjectName("reason")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 2, 4, 2)
            label.setWordWrap(True)
            label.setToolTip(f"{op.problem_code}: {op.problem_detail}")
            self.table.setCellWidget(row, 2, label)
        self.table.resizeRowsToContents()
        self.empty_label.setVisible(not ops)
        self.retry_button.setEnabled(bool(ops))
        self.discard_button.setEnabled(bool(ops))

    def _selected(self) -> FailedOp | None:
        rows = self.table.selectionModel().selectedRows()
        return self.ops[rows[0].row()] if rows and rows[0].row() < len(self.ops) else None

    def on_retry_button_clicked(self) -> None:
        op = self._selected()
        if op is not None:
            self._tasks.db(lambda: self._sync_status.retry(op.op_id), lambda _r: self.reload())

    def on_discard_button_clicked(self) -> None:
        op = self._selected()
        if op is None:
            return
        approval = SupervisorApprovalDialog(
            self._staff,
            self._tasks,
            self.tr("Discard %1: it will never reach the warehouse.").replace(
                "%1", operation_name(op.type)
            ),
            Action.DISCARD_FAILED_OP,
            parent=self,
        )
        if approval.exec() != QDialog.DialogCode.Accepted or approval.approval is None:
            return
        granted, reason = approval.approval, approval.reason
        self._tasks.db(
            lambda: self._sync_status.discard(op.op_id, granted, reason),
            lambda _r: self.reload(),
            self._on_discard_refused,
        )

    def _on_discard_refused(self, error: BaseException) -> None:
        self.empty_label.setText(refusal_text(error))
        self.empty_label.setVisible(True)
