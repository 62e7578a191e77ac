"""One funnel for blocking work: a single database thread, a small network pool.

Results come back to the GUI thread through a queued signal, so call sites stay
one line: ``tasks.db(lambda: catalog.find_by_code(code), on_found, on_error)``.

Every task belongs to the widget that asked (its *owner*): given as ``owner=``, or
else the widget whose bound method is the success or error handler, the rule Qt
applies to its own signal connections. The owner decides what happens to the answer:

* a result for an owner that has been deleted, or whose window was showing when it
  asked and has since closed (a dialog the cashier dismissed), is dropped, so no
  handler ever calls into a deleted object or paints a closed dialog;
* an error nobody handles is logged with its context (what ran, for whom, asked from
  where) and shown to the user in plain words: on the owner's message line when it
  has one (``show_problem``, as screens do), else in a message box over its window.
  A handler that raises is treated the same way.
"""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, runtime_checkable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)
T = TypeVar("T")

ErrorHandler = Callable[[BaseException], None]


@runtime_checkable
class ShowsProblems(Protocol):
    """A widget with a message line of its own (every screen, the main window)."""

    def show_problem(self, text: str) -> None: ...


@dataclass(slots=True)
class _Job:
    on_success: Callable[[Any], None] | None
    on_error: ErrorHandler | None
    owner: QObject | None
    window_was_showing: bool
    what: str
    asked_from: str


def _name_of(work: Callable[..., object]) -> str:
    return getattr(work, "__qualname__", None) or type(work).__name__


def _owner_of(*handlers: Callable[..., object] | None) -> QWidget | None:
    """The widget whose bound method handles the answer, as Qt's connect() infers it."""
    for handler in handlers:
        owner = getattr(handler, "__self__", None)
        if isinstance(owner, QWidget):
            return owner
    return None


def _caller(depth: int) -> str:
    """Where a task was asked for: the first frame outside this module."""
    frame = sys._getframe(depth)
    while frame is not None and frame.f_code.co_filename == __file__:
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return "?"
    return f"{frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.f_lineno} ({frame.f_code.co_qualname})"


class TaskRunner(QObject):
    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self._net_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="net")
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending = 0
        self._closed = False

    def db(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
        *,
        owner: QObject | None = None,
    ) -> Future[T]:
        return self._submit(self._db_pool, work, on_success, on_error, owner)

    def net(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
        *,
        owner: QObject | None = None,
    ) -> Future[T]:
        return self._submit(self._net_pool, work, on_success, on_error, owner)

    @property
    def pending(self) -> int:
        return self._pending

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None,
        on_error: ErrorHandler | None,
        owner: QObject | None,
    ) -> Future[T]:
        if self._closed:  # a timer firing while the window closes: nothing to do
            cancelled: Future[T] = Future()
            cancelled.cancel()
            return cancelled
        owner = owner if owner is not None else _owner_of(on_success, on_error)
        job = _Job(
            on_success,
            on_error,
            owner,
            isinstance(owner, QWidget) and owner.window().isVisible(),
            _name_of(work),
            _caller(1),
        )
        self._pending += 1
        future = pool.submit(work)
        future.add_done_callback(lambda f: self._finished.emit((f, job)))
        return future

    @Slot(object)
    def _deliver(self, item: tuple[Future[Any], _Job]) -> None:
        future, job = item
        self._pending -= 1
        if future.cancelled():  # shut down before it ran: nobody waits for it
            return
        if not self._owner_still_wants(job):
            log.debug("dropped the answer to %s: %s has closed", job.what, type(job.owner).__name__)
            return
        error = future.exception()
        try:
            if error is not None:
                if job.on_error is None:
                    self._report(job, error)
                else:
                    job.on_error(error)
            elif job.on_success is not None:
                job.on_success(future.result())
        except Exception as handler_error:  # a bug in a handler: visible, never silent
            self._report(job, handler_error)

    @staticmethod
    def _owner_still_wants(job: _Job) -> bool:
        owner = job.owner
        if owner is None:
            return True
        if not shiboken6.isValid(owner):
            return False  # deleted: calling into it would crash
        if isinstance(owner, QWidget) and job.window_was_showing:
            return owner.window().isVisible()  # closed since it asked: the answer is stale
        return True

    def _report(self, job: _Job, error: BaseException) -> None:
        owner = job.owner
        log.error(
            "background task %s failed (for %s, asked from %s)",
            job.what,
            type(owner).__name__ if owner is not None else "nobody",
            job.asked_from,
            exc_info=error,
        )
        text = self.plain_message(error)
        if isinstance(owner, ShowsProblems):
            owner.show_problem(text)
            return
        parent = owner.window() if isinstance(owner, QWidget) else QApplication.activeWindow()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Something went wrong"),
            text,
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("taskProblem")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # never exec(): a nested event loop here would re-enter the delivery

    def plain_message(self, error: BaseException) -> str:
        """What the cashier reads: whose fault it is and what to do, never a traceback."""
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return self.tr("The disk is full. Free some space, then try again.")
        if isinstance(error, (ConnectionError, TimeoutError)):
            return self.tr(
                "The connection failed or timed out. Nothing was lost; try again in a moment."
            )
        return self.tr(
            "Something went wrong and it was not done. It has been written to the log; "
            "if it happens again, tell your supervisor."
        )

    def shutdown(self) -> None:
        self._closed = True
        self._db_pool.shutdown(wait=True, cancel_futures=False)
        self._net_pool.shutdown(wait=False, cancel_futures=True)
