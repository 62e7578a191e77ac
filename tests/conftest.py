"""Suite-wide fixtures. Qt runs offscreen unless a test sets up a real display."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_main_thread() -> Iterator[None]:
    """As in the counter app (counter_app/ui/gui_thread_gc.py): the automatic collector
    off, so a Qt object in a cycle is never freed on a worker thread (a deadlock with
    the GUI thread), and what each test left collected here, on the main thread."""
    from counter_app.ui.gui_thread_gc import collect_due

    gc.disable()
    yield
    collect_due()


@dataclass
class DemoCounter:
    """A real warehouse API on loopback (SQLite file) and an enrolled counter."""

    services: object  # counter_app.bootstrap.CounterServices
    server: object  # warehouse_api.embedded.EmbeddedServer
    warehouse_url: str
    data_dir: Path


@pytest.fixture
def demo_counter(tmp_path: Path) -> Iterator[DemoCounter]:
    from counter_app.demo import start_demo
    from tests.shift_testkit import open_test_shift

    services, server = start_demo(tmp_path / "demo")
    # Sales need an open shift; the shift's own tests open and close theirs.
    open_test_shift(services.db, services.store.location_id)  # type: ignore[attr-defined]
    yield DemoCounter(
        services,
        server,
        f"sqlite:///{(tmp_path / 'demo' / 'warehouse.db').as_posix()}",
        tmp_path / "demo",
    )
    services.close()  # type: ignore[attr-defined]
    server.stop()  # type: ignore[attr-defined]
