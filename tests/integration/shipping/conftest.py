"""Fixtures for shipping the counter: a warehouse on loopback, and a till database with sales."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.local import sync_state
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.selling import SellingService
from tests.shift_testkit import open_test_shift

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
BARCODE = "4710000000010"


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[object]:
    """The real warehouse API (SQLite) on a loopback port; ``.stop()`` it to test an outage."""
    from warehouse_api.embedded import start_embedded

    server = start_embedded(f"sqlite:///{(tmp_path / 'warehouse.db').as_posix()}")
    yield server
    server.stop()


def _catalog() -> list[Change]:
    return [
        Change(
            1,
            "location",
            "upsert",
            "2",
            {"id": 2, "code": "S001", "name": "台北信義店", "kind": "store"},
        ),
        Change(
            2,
            "product",
            "upsert",
            "10",
            {
                "id": 10,
                "sku": "100010",
                "name": "茶裏王 日式無糖綠茶 600ml",
                "category": "飲料",
                "price_cents": 2500,
                "active": True,
                "barcodes": [BARCODE],
                "dropship_partner_id": None,
            },
        ),
        Change(
            3,
            "stock",
            "upsert",
            "2:10",
            {
                "location_id": 2,
                "product_id": 10,
                "on_hand": 50,
                "reserved": 0,
                "safety_stock": 0,
                "available": 50,
            },
        ),
    ]


def new_till(path: Path) -> LocalDatabase:
    db = LocalDatabase(path)
    with db.unit_of_work() as session:
        apply_changes(session, _catalog(), "2026-11-25T01:00:00+00:00")
        for key, value in (("store_id", "2"), ("store_code", "S001"), ("store_name", STORE.name)):
            sync_state.set_value(session, key, value)
    return db


def ring_up(db: LocalDatabase, count: int) -> list[str]:
    """``count`` cash sales through the real selling service; returns their ids."""
    open_test_shift(db, STORE.location_id)  # SellingService sells only in an open shift
    catalog, selling = CatalogService(db), SellingService(db, STORE)
    ids = []
    for _ in range(count):
        cart = Cart()
        cart.add(catalog.find_by_code(BARCODE), 1)
        ids.append(selling.complete_cash_sale(cart, CASHIER, Money(10_000)).sale_id)
    return ids


@pytest.fixture
def till(tmp_path: Path) -> Iterator[LocalDatabase]:
    db = new_till(tmp_path / "till" / "counter.db")
    yield db
    db.dispose()
