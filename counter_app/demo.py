"""``counter-app --demo``: an embedded warehouse with demo data and an enrolled counter,
all on SQLite in the user's data folder. A second run reuses the same data."""

from __future__ import annotations

import logging
from pathlib import Path

from counter_app.bootstrap import (
    CounterServices,
    build_services,
    demo_cashier,
    load_store,
    run_window,
)
from counter_app.local.db import LocalDatabase
from counter_app.local.token_store import FileTokenStore

log = logging.getLogger(__name__)

DEMO_STORE = "S001"


def start_demo(data_dir: Path) -> tuple[CounterServices, object]:
    """Start the embedded warehouse, enroll on first run, pull the catalog once.

    Returns the services and the embedded server (call ``.stop()`` when done).
    """
    from warehouse_api.embedded import ensure_demo, issue_enrollment_code, start_embedded

    data_dir.mkdir(parents=True, exist_ok=True)
    warehouse_url = f"sqlite:///{(data_dir / 'warehouse.db').as_posix()}"
    ensure_demo(warehouse_url)
    server = start_embedded(warehouse_url)
    counter_dir = data_dir / "counter"
    code = None
    probe = LocalDatabase(counter_dir / "counter.db")
    enrolled = load_store(probe) is not None and FileTokenStore(counter_dir / "device_token").load()
    probe.dispose()
    if not enrolled:
        code = issue_enrollment_code(warehouse_url, DEMO_STORE)
    services = build_services(counter_dir, server.url, enrollment_code=code, use_keyring=False)
    outcome = services.puller.pull_until_current()
    log.info("demo: pulled %s changes in %s pages", outcome.changes, outcome.pages)
    return services, server


def run_demo(data_dir: Path, language: str) -> int:
    services, server = start_demo(data_dir)
    try:
        return run_window(services, demo_cashier(services), language)
    finally:
        server.stop()  # type: ignore[attr-defined]
