"""Print queue behaviour with in-memory printers (no sockets)."""

from __future__ import annotations

import threading

from counter_app.core.receipts import Document, Text
from counter_app.devices.errors import PrinterError, PrinterProblem
from counter_app.devices.print_queue import JobKind, JobSnapshot, JobState, PrintQueue


class MemoryPrinter:
    def __init__(self, name: str = "mem") -> None:
        self.name = name
        self.printed: list[str] = []
        self.drawer_kicks = 0
        self.online = True
        self.broken = False
        self.gate = threading.Event()
        self.gate.set()

    def print_document(self, document: Document) -> None:
        self.gate.wait(5)
        if self.broken:
            raise KeyError("renderer bug")
        if not self.online:
            raise PrinterError(PrinterProblem.OFFLINE, "off")
        self.printed.append(document.title)

    def open_drawer(self) -> None:
        if not self.online:
            raise PrinterError(PrinterProblem.OFFLINE, "off")
        self.drawer_kicks += 1
        self.printed.append("<drawer>")


def doc(title: str) -> Document:
    return Document(title, (Text(title),))


def test_jobs_print_in_order_and_drawer_jumps_the_queue() -> None:
    printer = MemoryPrinter()
    queue = PrintQueue(printer)
    ids = [queue.submit(doc(f"r{n}")) for n in range(3)]
    drawer = queue.open_drawer("cash_sale")
    with queue:
        for job in [*ids, drawer]:
            assert queue.wait_until_finished(job, 2).state is JobState.DONE  # type: ignore[union-attr]
    assert printer.printed == ["<drawer>", "r0", "r1", "r2"]
    assert queue.job(drawer).kind is JobKind.DRAWER  # type: ignore[union-attr]


def test_a_rendering_bug_fails_the_job_and_the_queue_goes_on() -> None:
    printer, good = MemoryPrinter(), MemoryPrinter("good")
    printer.broken = True
    with PrintQueue(printer) as queue:
        bad_job = queue.submit(doc("bad"))
        assert queue.wait_until_finished(bad_job, 2).state is JobState.FAILED  # type: ignore[union-attr]
        ok_job = queue.submit(doc("ok"), printer=good)
        assert queue.wait_until_finished(ok_job, 2).state is JobState.DONE  # type: ignore[union-attr]
    assert good.printed == ["ok"]


def test_a_broken_listener_does_not_stop_printing() -> None:
    printer = MemoryPrinter()
    seen: list[JobSnapshot] = []

    def broken(_: JobSnapshot) -> None:
        raise RuntimeError("ui gone")

    with PrintQueue(printer) as queue:
        queue.add_listener(broken)
        queue.add_listener(seen.append)
        job = queue.submit(doc("r"))
        assert queue.wait_until_finished(job, 2).state is JobState.DONE  # type: ignore[union-attr]
    assert [s.state for s in seen] == [JobState.QUEUED, JobState.PRINTING, JobState.DONE]


def test_printing_job_cannot_be_cancelled_and_new_jobs_use_the_new_default() -> None:
    first, second = MemoryPrinter("first"), MemoryPrinter("second")
    first.gate.clear()  # hold the job mid-print
    with PrintQueue(first) as queue:
        job = queue.submit(doc("a"))
        for _ in range(200):
            if queue.job(job).state is JobState.PRINTING:  # type: ignore[union-attr]
                break
            threading.Event().wait(0.01)
        assert not queue.cancel(job)
        queue.set_default_printer(second)
        later = queue.submit(doc("b"))
        first.gate.set()
        assert queue.wait_until_finished(later, 2).state is JobState.DONE  # type: ignore[union-attr]
    assert first.printed == ["a"] and second.printed == ["b"]


def test_waiting_job_blocks_later_receipts_on_the_same_printer_only() -> None:
    off, on = MemoryPrinter("off"), MemoryPrinter("on")
    off.online = False
    with PrintQueue(off, backoff_s=(0.05,)) as queue:
        first = queue.submit(doc("1"))
        second = queue.submit(doc("2"))
        other = queue.submit(doc("x"), printer=on)
        assert queue.wait_until_finished(other, 2).state is JobState.DONE  # type: ignore[union-attr]
        assert queue.job(second).state is JobState.QUEUED  # type: ignore[union-attr]
        assert queue.job(first).state is JobState.WAITING_FOR_PRINTER  # type: ignore[union-attr]
        off.online = True
        assert queue.wait_until_finished(second, 2).state is JobState.DONE  # type: ignore[union-attr]
    assert off.printed == ["1", "2"]
