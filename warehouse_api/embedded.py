"""Run the warehouse in-process: what the counter's `--demo` mode uses.

server = start_embedded("sqlite:///demo-warehouse.db")
ensure_demo("sqlite:///demo-warehouse.db")
code = issue_enrollment_code("sqlite:///demo-warehouse.db", "S001")
...
server.stop()
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

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
