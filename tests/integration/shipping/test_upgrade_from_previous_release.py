"""A till database made by the previous release (0.1.0, commit d6ad231; made with
tests/fixtures/make_release_db.py) opens with today's code, migrates forward, and keeps
every journal, outbox and audit row; the till then sells on from where it stopped."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.local import outbox
from counter_app.local.db import LocalDatabase, check_integrity
from counter_app.local.migrations import SCHEMA_VERSION
from counter_app.services.catalog import CatalogService
from counter_app.services.selling import SellingService
from tests.shift_testkit import open_test_shift

from .conftest import CASHIER, STORE

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "counter-0.1.0-d6ad231.sqlite"
# What exists nowhere but on the till, and must survive every upgrade.
TAIWAN = timezone(timedelta(hours=8))
KEPT_TABLES = (
    "sales",
    "sale_lines",
    "payments",
    "outbox",
    "pending_stock_deltas",
    "audit_log",
    "sync_state",
)


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return {
            t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")]
            for t in KEPT_TABLES
        }
    finally:
        conn.close()


@pytest.fixture
def upgraded_path(tmp_path: Path) -> Path:
    path = tmp_path / "counter.db"
    shutil.copyfile(FIXTURE, path)  # never change the fixture itself
    return path


def test_the_fixture_is_the_previous_release(upgraded_path: Path) -> None:
    with sqlite3.connect(upgraded_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)
    rows = _rows(upgraded_path)
    assert {t: len(r) for t, r in rows.items()} == {
        "sales": 3,
        "sale_lines": 4,
        "payments": 3,
        "outbox": 3,
        "pending_stock_deltas": 4,
        "audit_log": 1,
        "sync_state": 6,
    }
    assert sorted(op["state"] for op in rows["outbox"]) == ["done", "failed", "ready"]


def test_upgrade_keeps_every_row(upgraded_path: Path) -> None:
    before = _rows(upgraded_path)

    db = LocalDatabase(upgraded_path)  # migrates on open
    db.dispose()

    check_integrity(upgraded_path)
    with sqlite3.connect(upgraded_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    after = _rows(upgraded_path)
    for table, old_rows in before.items():
        assert len(after[table]) >= len(old_rows), table
        for old in old_rows:
            # Every old column keeps its value; new columns may have been added.
            assert any(all(new.get(k) == v for k, v in old.items()) for new in after[table]), (
                table,
                old,
            )


def test_the_upgraded_till_sells_on_and_sends_what_was_waiting(upgraded_path: Path) -> None:
    db = LocalDatabase(upgraded_path)
    try:
        waiting = [r["op_id"] for r in _rows(upgraded_path)["outbox"] if r["state"] == "ready"]
        cart = Cart()
        product = CatalogService(db).find_by_code("4710000000010")
        assert product is not None
        cart.add(product, 2)
        open_test_shift(db, STORE.location_id)  # today's tills sell only in an open shift
        same_day = datetime(2026, 11, 20, 18, 0, tzinfo=TAIWAN)  # the day the old release sold on
        sale = SellingService(db, STORE, clock=lambda: same_day).complete_cash_sale(
            cart, CASHIER, Money(10_000)
        )
        # Today's receipt numbers name the till (device 7, from the old sync_state) and go on
        # from the day's counter the old release left at 3.
        assert sale.receipt_no == "RS001-D7-261120-0004"
        with db.unit_of_work() as session:
            claimed = outbox.claim_batch(session, 10, now=1e12)
        # The op the old release left ready, and the new sale's; the rejected one waits for a person.
        assert len(claimed) == 2
        assert claimed[0].op_id in waiting  # oldest first
        assert claimed[1].payload["sale_id"] == sale.sale_id
    finally:
        db.dispose()
