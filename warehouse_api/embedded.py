"""Run the warehouse in-process: what the counter's `--demo` mode uses.

server = start_embedded("sqlite:///demo-warehouse.db")
ensure_demo("sqlite:///demo-warehouse.db")
code = issue_enrollment_code("sqlite:///demo-warehouse.db", "S001")
...
server.stop()
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import uvicorn

from warehouse_api.app import create_app
from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.demo_data import AlreadySeeded, is_seeded, seed_demo
from warehouse_api.schema import prepare_database
from warehouse_api.services.devices import issue_enrollment_code as _issue_code

STARTUP_TIMEOUT_S = 10.0


@dataclass
class EmbeddedServer:
    url: str
    port: int
    _server: uvicorn.Server
    _thread: threading.Thread
    _db: Database

    @property
    def app_state(self) -> Any:
        """The served app's `state` (its database, token cache, counts)."""
        app: Any = self._server.config.app
        return app.state

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving and close the database connections."""
        self._server.should_exit = True
        self._thread.join(timeout)
        self._db.dispose()


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def start_embedded(db_url: str, host: str = "127.0.0.1", port: int = 0) -> EmbeddedServer:
    """Start uvicorn on a background thread; returns once it accepts connections."""
    app = create_app(db_url)
    chosen = port or _free_port(host)
    config = uvicorn.Config(
        app, host=host, port=chosen, log_level="warning", access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="warehouse-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the embedded warehouse did not start on {host}:{chosen}")
        time.sleep(0.01)
    return EmbeddedServer(f"http://{host}:{chosen}", chosen, server, thread, app.state.db)


@contextmanager
def serve_in_subprocess(db_url: str, workers: int = 1, timeout_s: float = 60.0) -> Iterator[str]:
    """`warehouse-api serve --workers N` as a child process on a free loopback port, for
    tests and benchmarks that need several workers. Yields the base URL (no /api/v1)."""
    port = _free_port("127.0.0.1")
    command = [
        sys.executable,
        "-m",
        "warehouse_api.cli",
        "serve",
        "--db",
        db_url,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout_s
            while not _answers_health(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    errors.seek(0)
                    detail = errors.read().decode(errors="replace")[-2000:]
                    raise RuntimeError(
                        f"warehouse-api serve did not start on port {port}: {detail}"
                    )
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


def _answers_health(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v1/health", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def ensure_demo(db_url: str, products: int | None = None) -> None:
    """Seed the demo catalog if the database is empty; otherwise leave it alone."""
    db = Database.from_url(db_url)
    try:
        prepare_database(db)
        if is_seeded(db):
            return
        try:
            if products is None:
                seed_demo(db)
            else:
                seed_demo(db, products=products)
        except AlreadySeeded:
            return
    finally:
        db.dispose()


def issue_enrollment_code(db_url: str, store_code: str) -> str:
    """A one-time code a counter at `store_code` trades for its device token."""
    db = Database.from_url(db_url)
    try:
        prepare_database(db)
        ttl = timedelta(hours=Settings().enrollment_code_ttl_hours)
        with db.write() as session:
            return _issue_code(session, store_code, ttl)
    finally:
        db.dispose()
