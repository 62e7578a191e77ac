"""A damaged till file: kept aside, replaced, and its journal and unsent ops saved."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.local import outbox, sync_state
from counter_app.local.db import DatabaseDamaged, LocalDatabase, check_integrity
from counter_app.local.models import OutboxOp, PendingStockDelta, Sale, SaleLine
from counter_app.local.salvage import recover_damaged_database
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.selling import SellingService
from tests.shift_testkit import open_test_shift

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
NOW = datetime(2026, 11, 25, 3, 4, 5, tzinfo=UTC)


def _ring_up(db: LocalDatabase, count: int) -> list[str]:
    catalog, selling = CatalogService(db), SellingService(db, STORE)
    open_test_shift(db, STORE.location_id)  # SellingService sells only in an open shift
    with db.unit_of_work() as s:
        for key, value in (
            ("store_id", "2"),
            ("store_code", "S001"),
            ("store_name", "台北信義店"),
            ("pull_cursor", "812"),
        ):
            sync_state.set_value(s, key, value)
    sale_ids = []
    for _ in range(count):
        cart = Cart()
        cart.add(catalog.find_by_code("4710000000010"), 1)
        cart.add(catalog.find_by_code("4710000000034"), 2)
        sale_ids.append(selling.complete_cash_sale(cart, CASHIER, Money(100_000)).sale_id)
    return sale_ids


def _pages(path: Path, table: str) -> list[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT pageno, pagetype FROM dbstat WHERE name = ? ORDER BY pageno", (table,)
        ).fetchall()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite build has no dbstat table to find pages with")
    finally:
        conn.close()


def _smash_page(path: Path, page_number: int) -> None:
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as f:
        f.seek((page_number - 1) * page_size)
        f.write(b"\x0d" + b"\xa5" * (page_size - 1))  # a leaf header followed by garbage


def test_a_damaged_cache_costs_nothing_but_a_re_pull(db: LocalDatabase, tmp_path: Path) -> None:
    sale_ids = _ring_up(db, 20)
    with db.unit_of_work() as s:
        outbox.claim_batch(s, 5)  # five ops were in flight when the disk went bad
    path = db.path
    db.dispose()
    _smash_page(path, _pages(path, "products")[0][0])
    with pytest.raises(DatabaseDamaged):
        check_integrity(path)

    report = recover_damaged_database(path, now=NOW)

    assert report.damaged_copy == path.with_name("counter.db.damaged-20261125T030405Z")
    assert report.damaged_copy.exists()  # kept for support, not deleted
    check_integrity(path)
    fresh = LocalDatabase(path)
    try:
        with fresh.read() as s:
            assert set(s.scalars(select(Sale.sale_id))) == set(sale_ids)
            assert s.scalar(select(func.count()).select_from(SaleLine)) == 40
            assert outbox.stats(s).waiting == 20  # the in-flight five are ready again
            assert set(s.scalars(select(OutboxOp.state))) == {"ready"}
            assert s.scalar(select(func.count()).select_from(PendingStockDelta)) == 40
            assert sync_state.get_value(s, "store_code") == "S001"
            assert sync_state.get_value(s, "receipt_seq:" + _day_key(s)) == "20"
            assert sync_state.get_value(s, "pull_cursor") is None  # the cache re-pulls from zero
    finally:
        fresh.dispose()
    assert report.unsent_ops == 20 and report.rows["sales"] == 20


def _day_key(session: object) -> str:
    from counter_app.local.models import SyncState

    keys = [row.key for row in session.scalars(select(SyncState))]  # type: ignore[attr-defined]
    [key] = [k for k in keys if k.startswith("receipt_seq:")]
    return key.removeprefix("receipt_seq:")


def test_a_bad_page_in_the_outbox_loses_only_the_rows_on_it(db: LocalDatabase) -> None:
    sale_ids = _ring_up(db, 300)
    path = db.path
    db.dispose()
    leaves = [page for page, kind in _pages(path, "outbox") if kind == "leaf"]
    assert len(leaves) > 5
    _smash_page(path, leaves[len(leaves) // 2])

    report = recover_damaged_database(path, now=NOW)

    assert "outbox" in report.errors
    assert 300 - 40 < report.rows["outbox"] < 300  # one page of ops lost, the rest saved
    assert report.rows["sales"] == 300
    fresh = LocalDatabase(path)
    try:
        with fresh.read() as s:
            assert set(s.scalars(select(Sale.sale_id))) == set(sale_ids)
    finally:
        fresh.dispose()


def test_a_file_that_is_not_a_database_is_kept_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    path.write_bytes(b"not a database" * 500)
    report = recover_damaged_database(path, now=NOW)
    assert "*" in report.errors and report.damaged_copy.read_bytes().startswith(b"not a database")
    check_integrity(path)


def test_the_command_line_flag_recovers_before_starting(tmp_path: Path) -> None:
    from counter_app.__main__ import main

    (tmp_path / "counter.db").write_bytes(b"not a database" * 500)
    assert main(["--data-dir", str(tmp_path), "--server", "http://127.0.0.1:9"]) == 3  # refused
    # Not enrolled (2) is as far as this till gets, but the file was dealt with first.
    assert (
        main(
            ["--data-dir", str(tmp_path), "--server", "http://127.0.0.1:9", "--recover-damaged-db"]
        )
        == 2
    )
    assert len(list(tmp_path.glob("counter.db.damaged-*"))) == 1
    check_integrity(tmp_path / "counter.db")
