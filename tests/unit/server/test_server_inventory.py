"""Inventory rules on a real (temporary) SQLite database, without HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from warehouse_api.db import Database
from warehouse_api.errors import InsufficientStock
from warehouse_api.models import Location, Product
from warehouse_api.schema import prepare_database
from warehouse_api.services.inventory import (
    adjust_stock,
    check_ledger,
    hold_stock,
    read_level,
    release_stock,
)

STORE, PRODUCT = 1, 1


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.from_url(f"sqlite:///{tmp_path / 'inventory.db'}")
    prepare_database(database)
    with database.write() as session:
        session.add(Location(id=STORE, code="S001", name="店", kind="store"))
        session.add(Product(id=PRODUCT, sku="1", name="品", category="零食", price_cents=100))
    yield database
    database.dispose()


def _receive(db: Database, qty: int) -> None:
    with db.write() as session:
        adjust_stock(
            session,
            STORE,
            PRODUCT,
            on_hand_delta=qty,
            reason="receipt",
            reference=None,
            device_id=None,
        )


def test_holds_respect_availability_and_safety_stock(db: Database) -> None:
    _receive(db, 10)
    with db.write() as session:
        session.execute(text("UPDATE stock SET safety_stock = 2"))
    with db.write() as session:
        hold_stock(session, STORE, {PRODUCT: 8})
    with pytest.raises(InsufficientStock) as refused, db.write() as session:
        hold_stock(session, STORE, {PRODUCT: 1})
    assert refused.value.extra["available"] == 0
    with db.write() as session:
        release_stock(session, STORE, {PRODUCT: 3})
    with db.read() as session:
        level = read_level(session, STORE, PRODUCT)
    assert level is not None and (level.on_hand, level.reserved, level.available) == (10, 5, 3)


def test_a_sale_below_the_held_amount_shrinks_the_hold_and_flags_a_count(db: Database) -> None:
    _receive(db, 5)
    with db.write() as session:
        hold_stock(session, STORE, {PRODUCT: 4})
        level = adjust_stock(
            session, STORE, PRODUCT, on_hand_delta=-7, reason="sale", reference="s1", device_id=None
        )
    assert (level.on_hand, level.reserved) == (-2, 0)
    with db.read() as session:
        flagged = session.execute(text("SELECT needs_count FROM stock")).scalar_one()
        assert flagged
        assert check_ledger(session) == []


def test_the_check_constraint_is_the_last_guard(db: Database) -> None:
    _receive(db, 1)
    with pytest.raises(IntegrityError, match="CHECK"), db.write() as session:
        session.execute(text("UPDATE stock SET reserved = 5"))


def test_check_ledger_finds_a_drifted_row(db: Database) -> None:
    _receive(db, 3)
    with db.write() as session:
        session.execute(text("UPDATE stock SET on_hand = 4"))
    with db.read() as session:
        [mismatch] = check_ledger(session)
    assert (mismatch.on_hand, mismatch.ledger_sum) == (4, 3)
