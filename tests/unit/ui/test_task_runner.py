"""Background work fails visibly, and answers never reach a closed or deleted widget."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from counter_app.ui.i18n import install_translator
from counter_app.ui.task_runner import TaskRunner


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def zh_tw(qapp: Any) -> Iterator[None]:
    translator = install_translator(QCoreApplication.instance(), "zh_TW")
    yield
    QCoreApplication.instance().removeTranslator(translator)


class Panel(QWidget):
    """A widget with a message line, as every screen has."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        self.problems: list[str] = []
        self.results: list[object] = []

    def show_problem(self, text: str) -> None:
        self.problems.append(text)

    def on_result(self, value: object) -> None:
        self.results.append(value)
        self.label.setText(str(value))  # touches the C++ object: fatal if it was deleted


def _broken() -> None:
    raise ValueError("row 42 has no price")


def _gate() -> tuple[threading.Event, Any]:
    release = threading.Event()

    def work() -> str:
        release.wait(5)
        return "late answer"

    return release, work


def test_an_unhandled_error_is_shown_in_plain_translated_words_and_logged_with_context(
    qtbot: Any, tasks: TaskRunner, zh_tw: None, caplog: pytest.LogCaptureFixture
) -> None:
    panel = Panel()
    qtbot.addWidget(panel)
    with caplog.at_level(logging.ERROR, logger="counter_app.ui.task_runner"):
        tasks.db(_broken, panel.on_result)
        qtbot.waitUntil(lambda: panel.problems != [])
    assert panel.problems == [tasks.plain_message(ValueError())]
    assert "請告知主管" in panel.problems[0]  # zh_TW, and no exception text or traceback
    assert "row 42" not in panel.problems[0]
    record = caplog.records[-1]
    assert "_broken" in record.getMessage() and "Panel" in record.getMessage()
    assert "test_task_runner.py" in record.getMessage()  # where it was asked from
    assert record.exc_info is not None and "row 42" in str(record.exc_info[1])


def test_a_network_fault_says_so(tasks: TaskRunner) -> None:
    assert tasks.plain_message(TimeoutError()) != tasks.plain_message(ValueError())
    assert tasks.plain_message(OSError(28, "No space left on device")) != tasks.plain_message(
        ValueError()
    )


def test_an_owner_without_a_message_line_gets_a_message_box(qtbot: Any, tasks: TaskRunner) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    tasks.db(_broken, owner=dialog)

    def box() -> QMessageBox | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        return found[0] if found else None

    qtbot.waitUntil(lambda: box() is not None)
    shown = box()
    assert shown is not None and shown.parent() is dialog
    assert shown.text() == tasks.plain_message(ValueError())
    shown.accept()


def test_a_handler_that_raises_is_reported_not_lost(qtbot: Any, tasks: TaskRunner) -> None:
    panel = Panel()
    qtbot.addWidget(panel)

    def on_done(_value: object) -> None:
        raise KeyError("bug in the handler")

    tasks.db(lambda: 1, on_done, owner=panel)
    qtbot.waitUntil(lambda: panel.problems != [])


def test_the_answer_for_a_closed_dialog_is_dropped(qtbot: Any, tasks: TaskRunner) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    label = QLabel()
    layout.addWidget(label)
    dialog.show()
    release, work = _gate()
    answered: list[str] = []
    tasks.db(work, answered.append, owner=dialog)
    dialog.reject()  # the cashier closes it while the query runs
    release.set()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert answered == []


def test_the_answer_for_a_deleted_widget_is_dropped_without_touching_it(
    qtbot: Any, tasks: TaskRunner
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    panel = Panel()
    panel.setParent(parent)
    parent.show()
    release, work = _gate()
    tasks.db(work, panel.on_result)  # the owner is inferred from the bound handler
    shiboken6.delete(panel)
    assert not shiboken6.isValid(panel)
    release.set()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert panel.results == []  # never called: it would have touched the deleted label


def test_a_widget_not_shown_yet_and_a_screen_behind_another_still_get_their_answers(
    qtbot: Any, tasks: TaskRunner
) -> None:
    never_shown = Panel()
    qtbot.addWidget(never_shown)
    tasks.db(lambda: "ready", never_shown.on_result)
    window = QWidget()
    qtbot.addWidget(window)
    behind = Panel()
    behind.setParent(window)
    window.show()
    behind.hide()  # another screen is in front; the window is still open
    tasks.db(lambda: "kept", behind.on_result)
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert never_shown.results == ["ready"] and behind.results == ["kept"]
