"""The till's process dies (SIGKILL: no cleanup, no atexit) mid-push and mid-pull, then
starts again. Nothing is lost, nothing is applied twice, the cursor is consistent."""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app.sync.puller import CURSOR_KEY
from warehouse_api.models import FeedState
from warehouse_api.models import Sale as ServerSale

from .fault_proxy import Fault, FaultKind, FaultProxy
from .sync_testkit import (
    HoldLedger,
    Warehouse,
    assert_cache_matches_server,
    assert_each_sale_once,
    enroll_counter,
    open_counter,
    warehouse_reserved,
)

pytestmark = pytest.mark.skipif(
    sys.platform == "win32",
    reason="SIGKILL does not exist on Windows; TerminateProcess is not the same abrupt death",
)

DRIVER = Path(__file__).with_name("counter_driver.py")
ROOT = DRIVER.parents[3]  # the checkout under test: its code and its tests/ helpers, first


class Driver:
    """The driver process and its output lines, read on a thread."""

    def __init__(self, data_dir: Path, url: str, mode: str, *extra: str) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(data_dir), url, mode, *extra],
            env={
                **os.environ,
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
                ),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def wait_for(self, prefix: str, count: int = 1, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while sum(line.startswith(prefix) for line in self.seen) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (self.process.poll() is not None and self.lines.empty()):
                stderr = self.process.stderr.read() if self.process.stderr else ""
                raise AssertionError(
                    f"driver never printed {count}x {prefix!r}: {self.seen}\n{stderr}"
                )
            try:
                self.seen.append(self.lines.get(timeout=min(remaining, 0.5)))
            except queue.Empty:
                continue

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        while not self.lines.empty():
            self.seen.append(self.lines.get())

    def finish(self, timeout_s: float = 90.0) -> None:
        self.process.wait(timeout_s)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        assert self.process.returncode == 0, (
            self.process.stderr.read() if self.process.stderr else ""
        )

    def sold(self) -> list[str]:
        return [line.split()[1] for line in self.seen if line.startswith("SOLD ")]


def _server_sale_count(warehouse: Warehouse) -> int:
    database = warehouse.database()
    try:
        with database.read() as session:
            return int(session.scalar(select(func.count()).select_from(ServerSale)) or 0)
    finally:
        database.dispose()


def _feed_head(warehouse: Warehouse) -> int:
    database = warehouse.database()
    try:
        with database.read() as session:
            return int(session.scalar(select(FeedState.last_seq)) or 0)
    finally:
        database.dispose()


def _local_cursor(data_dir: Path) -> int:
    conn = sqlite3.connect(data_dir / "counter.db")
    try:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (CURSOR_KEY,)).fetchone()
    finally:
        conn.close()
    return int(row[0]) if row else 0


def _restart_and_check(
    warehouse: Warehouse,
    proxy: FaultProxy,
    data_dir: Path,
    sold: list[str],
    held_before: dict[int, int],
    *,
    expect_holds: bool,
) -> None:
    proxy.clear()
    again = Driver(data_dir, proxy.url, "recover")
    again.wait_for("DONE", timeout_s=90)
    again.finish()
    counter = open_counter(data_dir, proxy.url)
    try:
        assert_each_sale_once(warehouse, counter, sold)
        holds = HoldLedger.from_outbox(counter)
        assert bool(holds.reservations and holds.dropships) == expect_holds
        holds.assert_held_once(warehouse, counter, held_before)
        assert_cache_matches_server(warehouse, counter)
    finally:
        counter.close()


def test_killed_while_a_push_is_in_flight(
    warehouse: Warehouse, proxy: FaultProxy, tmp_path: Path
) -> None:
    data_dir = tmp_path / "till"
    enroll_counter(data_dir, warehouse, proxy.url)
    held_before = warehouse_reserved(warehouse)
    # The server applies the first batch, but its answer is held: the ops stay in flight.
    proxy.add(Fault(FaultKind.DELAY_RESPONSE, "/api/v1/sync/push", delay_s=30))
    driver = Driver(data_dir, proxy.url, "sell", "--sales", "40", "--seed", "11")
    driver.wait_for("SOLD", 5)
    deadline = time.monotonic() + 20
    while _server_sale_count(warehouse) == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _server_sale_count(warehouse) > 0, "the held push never reached the server"
    driver.kill()
    sold = driver.sold()
    assert 5 <= len(sold) < 40
    _restart_and_check(warehouse, proxy, data_dir, sold, held_before, expect_holds=True)


@pytest.mark.parametrize("pages_before_kill", [2, 5])
def test_killed_in_the_middle_of_a_long_pull(
    warehouse: Warehouse, proxy: FaultProxy, tmp_path: Path, pages_before_kill: int
) -> None:
    data_dir = tmp_path / "till"
    enroll_counter(data_dir, warehouse, proxy.url)
    held_before = warehouse_reserved(warehouse)
    # Slow every page a little so the kill lands mid-pull, not after it.
    proxy.add(Fault(FaultKind.DELAY_RESPONSE, "/api/v1/sync/pull", delay_s=0.15), times=200)
    driver = Driver(
        data_dir, proxy.url, "sell-then-pull", "--sales", "6", "--seed", "12", "--page-size", "15"
    )
    driver.wait_for("PAGE", pages_before_kill)
    time.sleep(0.07)  # somewhere inside the next request or page transaction
    driver.kill()
    assert "DONE" not in driver.seen
    assert 0 < _local_cursor(data_dir) < _feed_head(warehouse)  # really killed mid-pull
    sold = driver.sold()
    assert len(sold) == 6
    _restart_and_check(warehouse, proxy, data_dir, sold, held_before, expect_holds=False)
