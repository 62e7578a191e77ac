"""One funnel for blocking work: a single database thread, a small network pool.

Results come back to the GUI thread through a queued signal, so call sites stay
one line: ``tasks.db(lambda: catalog.find_by_code(code), on_found, on_error)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")

ErrorHandler = Callable[[BaseException], None]


class TaskRunner(QObject):
    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self._net_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="net")
        self._finished.connect(self._deliver)
        self._pending = 0
        self._closed = False

    def db(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
    ) -> Future[T]:
        return self._submit(self._db_pool, work, on_success, on_error)

    def net(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
    ) -> Future[T]:
        return self._submit(self._net_pool, work, on_success, on_error)

    @property
    def pending(self) -> int:
        return self._pending

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None,
        on_error: ErrorHandler | None,
    ) -> Future[T]:
        if self._closed:  # a timer firing while the window closes: nothing to do
            cancelled: Future[T] = Future()
            cancelled.cancel()
            return cancelled
        self._pending += 1
        future = pool.submit(work)
        future.add_done_callback(lambda f: self._finished.emit((f, on_success, on_error)))
        return future

    @Slot(object)
    def _deliver(self, item: tuple[Future[Any], Any, Any]) -> None:
        future, on_success, on_error = item
        self._pending -= 1
        if future.cancelled():  # shut down before it ran: nobody waits for it
            return
        error = future.exception()
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed", exc_info=error)
            return
        if on_success is not None:
            on_success(future.result())

    def shutdown(self) -> None:
        self._closed = True
        self._db_pool.shutdown(wait=True, cancel_futures=False)
        self._net_pool.shutdown(wait=False, cancel_futures=True)
