"""A printer that is off or out of paper during a sale: the job waits, then prints once."""

from __future__ import annotations

import time

import pytest

from counter_app.core.receipts import Document, Text, mark_reprint
from counter_app.devices.config import ConnectionKind, PrinterConfig, TextEncoding
from counter_app.devices.errors import PrinterError, PrinterProblem
from counter_app.devices.print_queue import JobFailure, JobSnapshot, JobState, PrintQueue
from counter_app.devices.printer import EscposReceiptPrinter

from .conftest import FakeNetworkPrinter
from .escpos_stream import printed_text

FAST_BACKOFF = (0.05, 0.1, 0.2)


def receipt(no: str) -> Document:
    return Document(f"收據 {no}", (Text(f"收據號碼：{no}"), Text("珍珠奶茶 x1")))


def make_printer(
    fake: FakeNetworkPrinter, *, check_paper: bool = False, name: str = "櫃台"
) -> EscposReceiptPrinter:
    return EscposReceiptPrinter(
        PrinterConfig(
            name=name,
            kind=ConnectionKind.NETWORK,
            address=fake.address,
            profile="TM-T20II",
            check_paper=check_paper,
            timeout_s=1.0,
        )
    )


def wait_for_state(
    queue: PrintQueue, job_id: str, state: JobState, timeout: float = 5
) -> JobSnapshot:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snap = queue.job(job_id)
        if snap is not None and snap.state is state:
            return snap
        time.sleep(0.01)
    raise AssertionError(f"job {job_id} never reached {state}: {queue.job(job_id)}")


def receipts_printed(fake: FakeNetworkPrinter, no: str) -> int:
    return sum(
        f"收據號碼：{no}" in printed_text(job) for job in fake.jobs if job != b"\x10\x04\x04"
    )


def test_printer_off_during_sale_then_prints_exactly_once(net_printer: FakeNetworkPrinter) -> None:
    printer = make_printer(net_printer)
    net_printer.stop()  # printer switched off
    seen: list[JobSnapshot] = []
    with PrintQueue(printer, backoff_s=FAST_BACKOFF) as queue:
        queue.add_listener(seen.append)
        job = queue.submit(receipt("RS001-261125-0042"))
        waiting = wait_for_state(queue, job, JobState.WAITING_FOR_PRINTER)
        assert waiting.problem is PrinterProblem.OFFLINE and not waiting.interrupted
        time.sleep(0.4)  # several retries while it is off
        assert queue.job(job).attempts >= 3  # type: ignore[union-attr]

        net_printer.start()  # back on, same address
        done = queue.wait_until_finished(job, 5)
        assert done is not None and done.state is JobState.DONE
        time.sleep(0.3)  # nothing more may arrive
    net_printer.wait_for_jobs(1)
    assert receipts_printed(net_printer, "RS001-261125-0042") == 1
    states = [s.state for s in seen]
    assert states[0] is JobState.QUEUED and states[-1] is JobState.DONE
    assert JobState.WAITING_FOR_PRINTER in states


def test_receipts_keep_their_order_after_an_outage(net_printer: FakeNetworkPrinter) -> None:
    net_printer.stop()
    with PrintQueue(make_printer(net_printer), backoff_s=FAST_BACKOFF) as queue:
        ids = [queue.submit(receipt(f"RS001-261125-000{n}")) for n in range(1, 4)]
        wait_for_state(queue, ids[0], JobState.WAITING_FOR_PRINTER)
        net_printer.start()
        for job in ids:
            assert queue.wait_until_finished(job, 5).state is JobState.DONE  # type: ignore[union-attr]
    jobs = net_printer.wait_for_jobs(3)
    assert [printed_text(j).splitlines()[0] for j in jobs] == [
        f"收據號碼：RS001-261125-000{n}" for n in range(1, 4)
    ]


def test_paper_out_waits_until_paper_is_back(net_printer: FakeNetworkPrinter) -> None:
    net_printer.status_reply = b"\x72"  # DLE EOT 4: roll paper end
    with PrintQueue(make_printer(net_printer, check_paper=True), backoff_s=(5.0,)) as queue:
        job = queue.submit(receipt("RS001-261125-0007"))
        waiting = wait_for_state(queue, job, JobState.WAITING_FOR_PRINTER)
        assert waiting.problem is PrinterProblem.PAPER_OUT
        net_printer.status_reply = b"\x12"  # paper loaded
        queue.retry_now()
        assert queue.wait_until_finished(job, 5).state is JobState.DONE  # type: ignore[union-attr]
    time.sleep(0.1)
    assert receipts_printed(net_printer, "RS001-261125-0007") == 1


def test_waiting_job_can_be_redirected_to_another_printer(net_printer: FakeNetworkPrinter) -> None:
    spare = FakeNetworkPrinter().start()
    try:
        net_printer.stop()
        with PrintQueue(make_printer(net_printer), backoff_s=(0.1,)) as queue:
            job = queue.submit(receipt("RS001-261125-0008"))
            wait_for_state(queue, job, JobState.WAITING_FOR_PRINTER)
            assert queue.redirect(job, make_printer(spare, name="後台"))
            done = queue.wait_until_finished(job, 5)
            assert done is not None and done.state is JobState.DONE and done.printer_name == "後台"
            net_printer.start()
            time.sleep(0.3)
        assert receipts_printed(spare, "RS001-261125-0008") == 1
        assert net_printer.jobs == []
    finally:
        spare.stop()


def test_cancelled_job_never_prints(net_printer: FakeNetworkPrinter) -> None:
    net_printer.stop()
    with PrintQueue(make_printer(net_printer), backoff_s=(0.05,)) as queue:
        job = queue.submit(receipt("RS001-261125-0009"))
        wait_for_state(queue, job, JobState.WAITING_FOR_PRINTER)
        assert queue.cancel(job)
        net_printer.start()
        time.sleep(0.3)
        assert queue.job(job).state is JobState.CANCELLED  # type: ignore[union-attr]
    assert net_printer.jobs == []


def test_drawer_kick_gives_up_instead_of_opening_late(net_printer: FakeNetworkPrinter) -> None:
    net_printer.stop()
    with PrintQueue(make_printer(net_printer), backoff_s=(0.05,), drawer_deadline_s=0.3) as queue:
        job = queue.open_drawer("supervisor:no_sale")
        failed = wait_for_state(queue, job, JobState.FAILED, timeout=3)
        assert (
            failed.failure is JobFailure.DRAWER_DEADLINE
            and failed.problem is PrinterProblem.OFFLINE
        )
        assert failed.reason == "supervisor:no_sale"
        net_printer.start()
        time.sleep(0.2)
    assert net_printer.jobs == []


def sale_doc() -> Document:
    from datetime import UTC, datetime

    from counter_app.core.money import Money
    from counter_app.core.receipts import Payment, SaleLine, SaleReceiptData, sale_receipt

    total = Money.from_dollars(580)
    return sale_receipt(
        SaleReceiptData(
            "台北信義店",
            "S001",
            "RS001-261125-0042",
            "王小明",
            datetime(2026, 11, 25, 1, 30, tzinfo=UTC),
            [
                SaleLine("珍珠奶茶（大）", 2, Money.from_dollars(65), Money.from_dollars(130)),
                SaleLine("鳳梨酥禮盒", 1, Money.from_dollars(450), Money.from_dollars(450)),
            ],
            total,
            [Payment("cash", total, Money.from_dollars(1000), Money.from_dollars(420))],
        )
    )


@pytest.mark.parametrize("encoding", [TextEncoding.BIG5, TextEncoding.IMAGE])
def test_a_job_cut_off_part_way_prints_again_in_full_marked_as_a_reprint(
    net_printer: FakeNetworkPrinter, encoding: TextEncoding
) -> None:
    printer = make_printer(net_printer)
    printer = EscposReceiptPrinter(printer.config.with_changes(encoding=encoding))
    doc = sale_doc()
    full = printer.render(doc)
    cut = len(full) * 8 // 10 if encoding is TextEncoding.BIG5 else 20_000  # 1,500 of 1,837-like
    net_printer.cut_after = [cut]
    seen: list[JobSnapshot] = []
    with PrintQueue(printer, backoff_s=FAST_BACKOFF) as queue:
        queue.add_listener(seen.append)
        job = queue.submit(doc)
        done = queue.wait_until_finished(job, 10)
        time.sleep(0.2)
    assert done is not None and done.state is JobState.DONE
    assert (done.attempts, done.interrupted, done.reprint) == (2, 1, True)
    assert JobState.WAITING_FOR_PRINTER in [s.state for s in seen[:-1]], "not done after the cut"
    first, second = net_printer.wait_for_jobs(2)
    assert len(first) == cut and full.startswith(first)
    again = printer.render(mark_reprint(doc))
    assert second == again, "printed again in full"
    if encoding is TextEncoding.BIG5:
        lines = printed_text(second).splitlines()
        assert "*** 補印 REPRINT ***" in lines and "找零" in printed_text(second)


def test_send_reports_a_cut_connection_as_partial(net_printer: FakeNetworkPrinter) -> None:
    printer = make_printer(net_printer)
    data = printer.render(sale_doc())
    net_printer.cut_after = [len(data) * 8 // 10]
    with pytest.raises(PrinterError) as caught:
        printer.send(data)
    assert caught.value.partial and caught.value.problem is PrinterProblem.OFFLINE
    printer.send(data)  # the next connection takes it all
    assert net_printer.wait_for_jobs(2)[1] == data


def test_a_printer_that_is_off_is_not_a_partial_print(net_printer: FakeNetworkPrinter) -> None:
    printer = make_printer(net_printer)
    net_printer.stop()
    with pytest.raises(PrinterError) as caught:
        printer.send(b"\x1b@hello\n")
    assert not caught.value.partial


def test_a_printer_that_keeps_the_connection_open_still_completes_the_job() -> None:
    """Some printers never close their side: all bytes acknowledged is then enough."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    received = bytearray()
    release = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.settimeout(0.05)
            while not release.is_set():
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                if chunk:
                    received.extend(chunk)
                else:
                    release.wait(5)  # our FIN arrived: stay open, as such printers do

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    printer = EscposReceiptPrinter(
        PrinterConfig(
            name="櫃台",
            kind=ConnectionKind.NETWORK,
            address=f"127.0.0.1:{server.getsockname()[1]}",
            profile="TM-T20II",
            check_paper=False,
            timeout_s=3.0,
        )
    )
    data = printer.render(sale_doc())
    started = time.monotonic()
    try:
        printer.send(data)
        elapsed = time.monotonic() - started
    finally:
        release.set()
        thread.join(2)
        server.close()
    assert bytes(received) == data
    assert elapsed < 1.0, "no need to wait for the whole timeout"
