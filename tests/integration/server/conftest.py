"""A real warehouse server on loopback over a real SQLite file, one per test."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The suite runs in importlib mode: make the helpers next to this file importable.
sys.path.insert(0, str(Path(__file__).parent))

from server_testkit import Server

from warehouse_api.db import Database
from warehouse_api.demo_data import seed_demo
from warehouse_api.embedded import start_embedded

TEST_PRODUCTS = 60


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "warehouse.db"
    db = Database.from_url(f"sqlite:///{path}")
    seed_demo(db, products=TEST_PRODUCTS)
    db.dispose()
    return path


@pytest.fixture
def server(seeded_template: Path, tmp_path: Path) -> Iterator[Server]:
    path = tmp_path / "warehouse.db"
    shutil.copyfile(seeded_template, path)
    db_url = f"sqlite:///{path}"
    embedded = start_embedded(db_url)
    db = Database.from_url(db_url)
    try:
        yield Server(embedded.url, db_url, db, embedded)
    finally:
        embedded.stop()
        db.dispose()
