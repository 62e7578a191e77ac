"""A real TCP listener on loopback standing in for a network receipt printer."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest


class FakeNetworkPrinter:
    """Accepts connections like a port-9100 printer and records every byte.

    `stop()` closes the listening socket so connections are refused (printer
    off); `start()` listens on the same port again (printer back on).
    `status_reply` is sent back when a DLE EOT 4 status query arrives.
    `cut_after`: for the next connections, one limit each: read that many bytes, then
    drop the connection with the rest unread (a printer switched off mid-job); the
    bytes it did read are recorded as that connection's job.
    """

    def __init__(self) -> None:
        self.port = 0
        self.jobs: list[bytes] = []  # in the order connections were accepted
        self._recorded: list[tuple[int, bytes]] = []
        self._accepted = 0
        self.status_reply: bytes | None = None
        self.cut_after: list[int] = []
        self._lock = threading.Lock()
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.received = threading.Event()

    def start(self) -> FakeNetworkPrinter:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(8)
        self.port = server.getsockname()[1]
        self._server = server
        self._thread = threading.Thread(target=self._serve, args=(server,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None
        if server is not None:
            server.close()
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _serve(self, server: socket.socket) -> None:
        server.settimeout(0.02)  # poll, so stop() is noticed quickly
        while self._server is server:
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            with self._lock:
                order = self._accepted
                self._accepted += 1
                limit = self.cut_after.pop(0) if self.cut_after else None
            threading.Thread(target=self._record, args=(conn, order, limit), daemon=True).start()

    def _record(self, conn: socket.socket, order: int, limit: int | None = None) -> None:
        data = bytearray()
        with conn:
            conn.settimeout(5)
            while limit is not None and len(data) < limit:
                try:
                    chunk = conn.recv(min(65536, limit - len(data)))
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
            if limit is not None:
                import time

                time.sleep(0.05)  # the rest of the job is in the buffer, unread: closing resets
            while limit is None:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
                if self.status_reply is not None and data.endswith(b"\x10\x04\x04"):
                    conn.sendall(self.status_reply)
        if data:
            with self._lock:
                self._recorded.append((order, bytes(data)))
                self.jobs = [d for _, d in sorted(self._recorded)]
            self.received.set()

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[bytes]:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.jobs) >= count:
                    return list(self.jobs)
            time.sleep(0.01)
        with self._lock:
            return list(self.jobs)


@pytest.fixture
def net_printer() -> Iterator[FakeNetworkPrinter]:
    printer = FakeNetworkPrinter().start()
    yield printer
    printer.stop()
