"""A TCP proxy between the counter's client and the warehouse API that misbehaves on cue.

It understands just enough HTTP/1.1 to tell requests apart on a keep-alive
connection (a client chunk that starts with a method and a path begins a new
request; ``requests`` never pipelines), so a fault can target one route:

* ``DROP_RESPONSE``: forward the request, let the server answer (it has
  committed), then close the client's connection instead of passing the answer on.
* ``DELAY_RESPONSE``: hold the server's answer for ``delay_s``; the client has
  timed out by then, so it never learns the outcome either.
* ``SERVICE_UNAVAILABLE``: answer ``503`` (or ``status``) without contacting
  the server, as a load balancer does while its backend restarts.

Faults queue up per route prefix and are used once each, in order. Requests
without a queued fault pass through untouched.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections import Counter, deque
from dataclasses import dataclass
from enum import StrEnum

_REQUEST_LINE = re.compile(rb"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP/1\.[01]\r\n")


class FaultKind(StrEnum):
    DROP_RESPONSE = "drop_response"
    DELAY_RESPONSE = "delay_response"
    SERVICE_UNAVAILABLE = "service_unavailable"


@dataclass(frozen=True, slots=True)
class Fault:
    kind: FaultKind
    path_prefix: str = "/api/v1/"
    delay_s: float = 2.0
    status: int = 503


class _Connection:
    def __init__(self, proxy: FaultProxy, client: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.upstream: socket.socket | None = None
        self.fault: Fault | None = None
        self.closed = threading.Event()

    def close(self) -> None:
        self.closed.set()
        for sock in (self.client, self.upstream):
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

    def serve(self) -> None:
        try:
            first = self.client.recv(65536)
            if not first or not self._start_request(first):
                return
            self.upstream = socket.create_connection(("127.0.0.1", self.proxy.upstream_port), 5)
            self.upstream.settimeout(None)
            self.upstream.sendall(first)
            threading.Thread(target=self._pump_requests, daemon=True).start()
            self._pump_responses()
        except OSError:
            pass
        finally:
            self.close()
            self.proxy._forget(self)

    def _start_request(self, chunk: bytes) -> bool:
        """Note the fault for a new request; False when the proxy answered it itself."""
        match = _REQUEST_LINE.match(chunk)
        if match is None:
            return True  # the rest of a request body
        path = match.group(2).decode("ascii", "replace")
        self.fault = self.proxy._take_fault(path)
        if self.fault is not None and self.fault.kind == FaultKind.SERVICE_UNAVAILABLE:
            body = b'{"status": "unavailable"}'
            head = (
                f"HTTP/1.1 {self.fault.status} Service Unavailable\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n"
            )
            self.client.sendall(head.encode("ascii") + body)
            return False
        return True

    def _pump_requests(self) -> None:
        try:
            while not self.closed.is_set():
                chunk = self.client.recv(65536)
                if not chunk:
                    break
                if not self._start_request(chunk):
                    break
                assert self.upstream is not None
                self.upstream.sendall(chunk)
        except OSError:
            pass
        finally:
            self.close()

    def _pump_responses(self) -> None:
        assert self.upstream is not None
        while not self.closed.is_set():
            chunk = self.upstream.recv(65536)
            if not chunk:
                return
            fault = self.fault
            if fault is not None and fault.kind == FaultKind.DROP_RESPONSE:
                return  # the server has answered, hence committed: lose the answer
            if fault is not None and fault.kind == FaultKind.DELAY_RESPONSE:
                self.proxy._note_held()
                if self.closed.wait(fault.delay_s):
                    return
                self.fault = None
            self.client.sendall(chunk)


class FaultProxy:
    """Listens on a free loopback port and forwards to ``upstream_port``."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._faults: deque[Fault] = deque()
        self._connections: set[_Connection] = set()
        self.requests: Counter[str] = Counter()
        self.faults_used: Counter[FaultKind] = Counter()
        self._held = threading.Condition(self._lock)
        self._held_count = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, fault: Fault, times: int = 1) -> None:
        with self._lock:
            self._faults.extend([fault] * times)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending_faults(self) -> int:
        with self._lock:
            return len(self._faults)

    def count(self, path_prefix: str) -> int:
        with self._lock:
            return sum(n for path, n in self.requests.items() if path.startswith(path_prefix))

    def wait_until_held(self, count: int = 1, timeout_s: float = 10.0) -> bool:
        """Block until ``count`` answers have been held back (the server has answered)."""
        with self._held:
            return self._held.wait_for(lambda: self._held_count >= count, timeout_s)

    def _note_held(self) -> None:
        with self._held:
            self._held_count += 1
            self._held.notify_all()

    def drop_all_connections(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            connection.close()

    def close(self) -> None:
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        self.drop_all_connections()
        self._thread.join(2)

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            self.requests[path.split("?", 1)[0]] += 1
            for index, fault in enumerate(self._faults):
                if path.startswith(fault.path_prefix):
                    del self._faults[index]
                    self.faults_used[fault.kind] += 1
                    return fault
        return None

    def _forget(self, connection: _Connection) -> None:
        with self._lock:
            self._connections.discard(connection)

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            connection = _Connection(self, client)
            with self._lock:
                self._connections.add(connection)
            threading.Thread(target=connection.serve, daemon=True).start()
