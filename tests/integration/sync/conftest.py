"""Fixtures for the sync fault tests: a seeded warehouse per test behind a fault proxy,
and an enrolled counter whose client has short timeouts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from warehouse_api.db import Database
from warehouse_api.demo_data import seed_demo

from .fault_proxy import FaultProxy
from .sync_testkit import CounterUnderTest, Warehouse, enroll_counter, open_counter

TEST_PRODUCTS = 40


@pytest.fixture(scope="session")
def warehouse_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sync-template") / "warehouse.db"
    db = Database.from_url(f"sqlite:///{path.as_posix()}")
    try:
        seed_demo(db, products=TEST_PRODUCTS)
    finally:
        db.dispose()
    return path


@pytest.fixture
def warehouse(warehouse_template: Path, tmp_path: Path) -> Iterator[Warehouse]:
    running = Warehouse.start(warehouse_template, tmp_path / "warehouse")
    yield running
    running.stop()


@pytest.fixture
def proxy(warehouse: Warehouse) -> Iterator[FaultProxy]:
    fault_proxy = FaultProxy(warehouse.port)
    yield fault_proxy
    fault_proxy.close()


@pytest.fixture
def counter_dir(warehouse: Warehouse, proxy: FaultProxy, tmp_path: Path) -> Path:
    data_dir = tmp_path / "counter"
    enroll_counter(data_dir, warehouse, proxy.url)
    return data_dir


@pytest.fixture
def counter(counter_dir: Path, proxy: FaultProxy) -> Iterator[CounterUnderTest]:
    opened = open_counter(counter_dir, proxy.url)
    yield opened
    opened.close()
