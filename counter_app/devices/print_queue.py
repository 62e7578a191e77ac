"""Print jobs on a worker thread: a sale never waits for paper.

A job that cannot print (printer off, unreachable, out of paper) waits with a
clear status and is retried with backoff; it prints exactly once when the
printer is back, can be moved to another printer, or cancelled. Listeners
get a `JobSnapshot` on every change, on the worker thread (a Qt UI re-emits
it as a queued signal). No Qt here.

Drawer kicks are jobs too, but they jump the queue and never wait long: a
drawer that springs open minutes after the sale is a risk, so a kick that
cannot be delivered within `drawer_deadline_s` fails instead.

A job is done only when the printer accepted all its bytes. One cut off part
way is printed again in full, marked 補印 / REPRINT (`core.receipts.mark_reprint`).

Everything a snapshot says is a code (`JobState`, `PrinterProblem`,
`JobFailure`, `DocumentKind`); the UI puts it into words.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from counter_app.core.receipts import Document, DocumentKind, mark_reprint
from counter_app.devices.errors import PrinterError, PrinterProblem
from counter_app.devices.printer import ReceiptPrinter

log = logging.getLogger(__name__)

DEFAULT_BACKOFF_S: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)


class JobState(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    WAITING_FOR_PRINTER = "waiting_for_printer"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = frozenset({JobState.DONE, JobState.FAILED, JobState.CANCELLED})


class JobKind(StrEnum):
    DOCUMENT = "document"
    DRAWER = "drawer"


class JobFailure(StrEnum):
    """Why a job ended FAILED."""

    PROGRAM_ERROR = "program_error"  # a rendering bug (logged with context)
    DRAWER_DEADLINE = "drawer_deadline"  # the drawer could not be kicked in time; see `problem`


@dataclass(frozen=True, slots=True)
class JobSnapshot:
    """A job as the UI sees it. `title` is for logs; `document_kind` + `reference`
    name the document, `reprint` says it prints marked 補印 (asked for, or after a
    print that was cut off: then `interrupted` > 0)."""

    id: str
    kind: JobKind
    title: str
    state: JobState
    printer_name: str
    attempts: int
    problem: PrinterProblem | None
    failure: JobFailure | None = None
    reason: str = ""  # why a drawer was opened (for the caller's audit log)
    document_kind: DocumentKind | None = None
    reference: str = ""
    reprint: bool = False
    interrupted: int = 0  # attempts cut off after part of the job went out

    @property
    def finished(self) -> bool:
        return self.state in FINISHED


JobListener = Callable[[JobSnapshot], None]


@dataclass(slots=True)
class _Job:
    id: str
    kind: JobKind
    title: str
    printer: ReceiptPrinter
    document: Document | None
    reason: str
    created: float
    state: JobState = JobState.QUEUED
    attempts: int = 0
    next_attempt: float = 0.0
    problem: PrinterProblem | None = None
    failure: JobFailure | None = None
    interrupted: int = 0

    def snapshot(self) -> JobSnapshot:
        doc = self.document
        return JobSnapshot(
            self.id,
            self.kind,
            self.title,
            self.state,
            self.printer.name,
            self.attempts,
            self.problem,
            self.failure,
            self.reason,
            document_kind=doc.kind if doc else None,
            reference=doc.reference if doc else "",
            reprint=doc.reprint if doc else False,
            interrupted=self.interrupted,
        )


class PrintQueue:
    def __init__(
        self,
        printer: ReceiptPrinter,
        *,
        backoff_s: Sequence[float] = DEFAULT_BACKOFF_S,
        drawer_deadline_s: float = 10.0,
        keep_finished: int = 200,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not backoff_s:
            raise ValueError("backoff_s needs at least one delay")
        self._default = printer
        self._backoff = tuple(backoff_s)
        self._drawer_deadline = drawer_deadline_s
        self._keep_finished = keep_finished
        self._clock = clock
        self._jobs: list[_Job] = []
        self._listeners: list[JobListener] = []
        self._cond = threading.Condition()
        self._ids = itertools.count(1)
        self._stopping = False
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------

    def start(self) -> PrintQueue:
        with self._cond:
            if self._thread is None:
                self._stopping = False
                self._thread = threading.Thread(target=self._run, name="print-queue", daemon=True)
                self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)

    def __enter__(self) -> PrintQueue:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- listeners -----------------------------------------------------------

    def add_listener(self, listener: JobListener) -> None:
        with self._cond:
            self._listeners.append(listener)

    def remove_listener(self, listener: JobListener) -> None:
        with self._cond:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # -- commands ------------------------------------------------------------

    @property
    def default_printer(self) -> ReceiptPrinter:
        return self._default

    def set_default_printer(self, printer: ReceiptPrinter) -> None:
        """New jobs go to `printer`; waiting ones stay put (use `redirect`)."""
        with self._cond:
            self._default = printer

    def submit(
        self, document: Document, *, printer: ReceiptPrinter | None = None, title: str | None = None
    ) -> str:
        return self._add(JobKind.DOCUMENT, title or document.title, printer, document, "")

    def open_drawer(self, reason: str, *, printer: ReceiptPrinter | None = None) -> str:
        """Kick the cash drawer (cash tender, or a supervisor on demand).
        Logging `reason` to the audit trail is the caller's job."""
        return self._add(JobKind.DRAWER, "drawer", printer, None, reason)

    def cancel(self, job_id: str) -> bool:
        """Cancel a job that has not started printing."""
        return self._update(job_id, self._cancel)

    def redirect(self, job_id: str, printer: ReceiptPrinter) -> bool:
        """Send a waiting or queued job to another printer, now."""

        def move(job: _Job) -> bool:
            if job.state not in (JobState.QUEUED, JobState.WAITING_FOR_PRINTER):
                return False
            job.printer = printer
            job.state, job.next_attempt = JobState.QUEUED, 0.0
            job.problem = None
            return True

        return self._update(job_id, move)

    def retry_now(self, job_id: str | None = None) -> None:
        """Try waiting jobs (or one) at once, e.g. after the cashier changed the paper."""
        with self._cond:
            for job in self._jobs:
                if job.state is JobState.WAITING_FOR_PRINTER and job_id in (None, job.id):
                    job.next_attempt = 0.0
            self._cond.notify_all()

    # -- queries -------------------------------------------------------------

    def jobs(self) -> list[JobSnapshot]:
        with self._cond:
            return [job.snapshot() for job in self._jobs]

    def job(self, job_id: str) -> JobSnapshot | None:
        with self._cond:
            found = self._find(job_id)
            return found.snapshot() if found else None

    def pending(self) -> list[JobSnapshot]:
        return [j for j in self.jobs() if not j.finished]

    def wait_until_finished(self, job_id: str, timeout: float) -> JobSnapshot | None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                job = self._find(job_id)
                if job is None or job.state in FINISHED:
                    return job.snapshot() if job else None
                left = deadline - time.monotonic()
                if left <= 0:
                    return job.snapshot()
                self._cond.wait(left)

    # -- internals -----------------------------------------------------------

    def _add(
        self,
        kind: JobKind,
        title: str,
        printer: ReceiptPrinter | None,
        document: Document | None,
        reason: str,
    ) -> str:
        with self._cond:
            job = _Job(
                id=f"job-{next(self._ids)}",
                kind=kind,
                title=title,
                printer=printer or self._default,
                document=document,
                reason=reason,
                created=self._clock(),
            )
            self._jobs.append(job)
            self._trim()
            snapshot = job.snapshot()
            self._cond.notify_all()
        self._notify(snapshot)
        return job.id

    def _cancel(self, job: _Job) -> bool:
        if job.state not in (JobState.QUEUED, JobState.WAITING_FOR_PRINTER):
            return False
        job.state = JobState.CANCELLED
        return True

    def _update(self, job_id: str, change: Callable[[_Job], bool]) -> bool:
        with self._cond:
            job = self._find(job_id)
            if job is None or not change(job):
                return False
            snapshot = job.snapshot()
            self._cond.notify_all()
        self._notify(snapshot)
        return True

    def _find(self, job_id: str) -> _Job | None:
        return next((job for job in self._jobs if job.id == job_id), None)

    def _trim(self) -> None:
        finished = [job for job in self._jobs if job.state in FINISHED]
        for job in finished[: max(len(finished) - self._keep_finished, 0)]:
            self._jobs.remove(job)

    def _next_ready(self, now: float) -> tuple[_Job | None, float | None]:
        """The job to print now, else how long until one may be ready."""
        waits: list[float] = []
        blocked: set[int] = set()  # printers with an earlier unfinished receipt: keep order
        candidates = sorted(
            (job for job in self._jobs if job.state not in FINISHED),
            key=lambda job: job.kind is not JobKind.DRAWER,  # drawer kicks first; stable
        )
        for job in candidates:
            if job.kind is JobKind.DOCUMENT and id(job.printer) in blocked:
                continue
            if job.next_attempt <= now:
                return job, None
            waits.append(job.next_attempt - now)
            if job.kind is JobKind.DOCUMENT:
                blocked.add(id(job.printer))
        return None, min(waits) if waits else None

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._stopping:
                    return
                job, wait = self._next_ready(self._clock())
                if job is None:
                    self._cond.wait(wait)
                    continue
                job.state = JobState.PRINTING
                job.attempts += 1
                printer, snapshot = job.printer, job.snapshot()
            self._notify(snapshot)
            self._deliver(job, printer)

    def _deliver(self, job: _Job, printer: ReceiptPrinter) -> None:
        error: PrinterError | None = None
        bug: Exception | None = None
        try:
            if job.kind is JobKind.DRAWER:
                printer.open_drawer()
            else:
                assert job.document is not None
                printer.print_document(job.document)
        except PrinterError as exc:
            error = exc
        except Exception as exc:  # a rendering bug: log it with context, fail the job
            log.exception("print job %s (%s) failed", job.id, job.title)
            bug = exc
        with self._cond:
            now = self._clock()
            if error is None and bug is None:
                job.state, job.problem = JobState.DONE, None
            elif bug is not None:
                job.state, job.failure = JobState.FAILED, JobFailure.PROGRAM_ERROR
            elif job.kind is JobKind.DRAWER and now - job.created >= self._drawer_deadline:
                job.state, job.problem = JobState.FAILED, error.problem  # type: ignore[union-attr]
                job.failure = JobFailure.DRAWER_DEADLINE
            else:
                assert error is not None
                if error.partial and job.document is not None:
                    # Part of it may be on paper: print it again in full, marked as a reprint.
                    log.warning("print job %s (%s) cut off: %s", job.id, job.title, error)
                    job.interrupted += 1
                    job.document = mark_reprint(job.document)
                delay = self._backoff[min(job.attempts - 1, len(self._backoff) - 1)]
                if job.kind is JobKind.DRAWER:
                    delay = min(delay, max(self._drawer_deadline - (now - job.created), 0.0))
                job.state, job.problem = JobState.WAITING_FOR_PRINTER, error.problem
                job.next_attempt = now + delay
            snapshot = job.snapshot()
            self._trim()
            self._cond.notify_all()
        self._notify(snapshot)

    def _notify(self, snapshot: JobSnapshot) -> None:
        with self._cond:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(snapshot)
            except Exception:  # a broken listener must not stop printing
                log.exception("print job listener failed")
