"""`warehouse-api serve --workers 2`: keep-alive clients that connect together are
shared out over both workers, and stopping the server stops every worker.

With uvicorn's shared listening socket a burst of connections all landed on one
worker (asyncio accepts everything waiting when it wakes); each worker now listens
on a SO_REUSEPORT socket of its own and the kernel spreads the connections.
"""

from __future__ import annotations

import http.client
import os
import shutil
import sys
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from warehouse_api.embedded import serve_in_subprocess

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc to see which process holds what"
)

CLIENTS = 40


def _socket_inodes(port: int, state: str) -> set[str]:
    """Inodes of the TCP sockets on the server side of `port` in `state` (hex code)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == state and int(fields[1].rsplit(":", 1)[1], 16) == port:
                found.add(f"socket:[{fields[9]}]")
    return found


def _holders(inodes: set[str]) -> Counter[int]:
    """pid -> how many of these sockets the process holds."""
    held: Counter[int] = Counter()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in inodes:
                    held[int(proc.name)] += 1
        except OSError:
            continue
    return held


def test_connections_made_together_are_shared_by_both_workers(
    tmp_path: Path, sqlite_template: Path
) -> None:
    path = tmp_path / "warehouse.db"
    shutil.copyfile(sqlite_template, path)
    with serve_in_subprocess(f"sqlite:///{path}", workers=2, timeout_s=60) as url:
        address = urlsplit(url)
        port = address.port or 80
        listeners = _holders(_socket_inodes(port, "0A"))  # LISTEN: the parent and 2 workers
        assert len(listeners) == 3
        barrier = threading.Barrier(CLIENTS)
        connections: list[http.client.HTTPConnection] = []
        lock = threading.Lock()

        def connect() -> None:
            connection = http.client.HTTPConnection(address.hostname or "", port, timeout=30)
            barrier.wait()
            connection.request("GET", "/api/v1/health")
            response = connection.getresponse()
            response.read()
            assert response.status == 200
            with lock:
                connections.append(connection)

        threads = [threading.Thread(target=connect) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        try:
            assert len(connections) == CLIENTS
            serving = _holders(_socket_inodes(port, "01"))  # ESTABLISHED, server side
            # Both workers serve some of the 40 (one worker holding all: 2 in 2**40).
            assert len(serving) == 2, serving
            assert sum(serving.values()) == CLIENTS
            assert set(serving) <= set(listeners)
            workers = set(serving)
        finally:
            for connection in connections:
                connection.close()
    for pid in workers:  # the server stopped: no worker is left behind
        assert not Path(f"/proc/{pid}").exists() or "zombie" in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"
