"""A new till has no catalogue and no staff yet: pull once, showing progress, before
anyone signs in. Without the network it says so and offers to try again."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from counter_app.ui.task_runner import TaskRunner


class PullOutcome(Protocol):
    @property
    def unreachable(self) -> bool: ...


class CatalogPuller(Protocol):
    """The change puller, as the first sync needs it (the root passes the real one)."""

    def pull_until_current(self) -> PullOutcome: ...


def run_first_sync(puller: CatalogPuller, tasks: TaskRunner, parent: QWidget | None = None) -> bool:
    """True once the catalogue is here; False if the user gave up."""
    while True:
        progress = QProgressDialog(
            QCoreApplication.translate(
                "FirstSync", "Loading products and staff from the warehouse…"
            ),
            "",
            0,
            0,
            parent,
        )
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        progress.setMinimumDuration(0)
        outcome: list[PullOutcome | BaseException] = []

        def done(
            result: PullOutcome | BaseException,
            dialog: QProgressDialog = progress,
            answers: list[PullOutcome | BaseException] = outcome,
        ) -> None:
            answers.append(result)
            dialog.close()

        tasks.net(puller.pull_until_current, done, done)
        if not outcome:  # the answer arrives through the dialog's own event loop
            progress.exec()
        result = outcome[0] if outcome else RuntimeError("interrupted")
        if not isinstance(result, BaseException) and not result.unreachable:
            return True
        answer = QMessageBox.warning(
            parent,
            QCoreApplication.translate("FirstSync", "Warehouse unreachable"),
            QCoreApplication.translate(
                "FirstSync",
                "This till has no products yet and cannot reach the warehouse. Check the network and try again.",
            ),
            QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close,
        )
        if answer != QMessageBox.StandardButton.Retry:
            return False
