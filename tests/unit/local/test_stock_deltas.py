"""A sale stays visible in store stock from checkout until a server figure includes it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from counter_app.local import catalog_queries, outbox, stock_deltas
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.local.migrations import SCHEMA_VERSION
from counter_app.local.models import PendingStockDelta

STORE, PRODUCT = 2, 10  # the conftest catalog: store S001 has 5 of product 10


def _store_on_hand(db: LocalDatabase) -> int:
    with db.read() as s:
        return next(
            f.on_hand for f in catalog_queries.stock_figures(s, PRODUCT) if f.location_id == STORE
        )


def _sell(db: LocalDatabase, qty: int) -> str:
    with db.unit_of_work() as s:
        op_id = outbox.enqueue(s, "sale", "sale:x", {"qty": qty})
        s.flush()
        s.add(PendingStockDelta(op_id=op_id, location_id=STORE, product_id=PRODUCT, delta=-qty))
    return op_id


def _ack(db: LocalDatabase, op_id: str) -> None:
    with db.unit_of_work() as s:
        outbox.claim_batch(s, 10)
        outbox.mark_done(s, op_id, {"sale_id": "x"})


def _fetch(db: LocalDatabase) -> int:
    with db.unit_of_work() as s:
        return stock_deltas.begin_fetch(s)


def _apply_page(db: LocalDatabase, generation: int, on_hand: int, *, has_more: bool) -> None:
    change = Change(
        500,
        "stock",
        "upsert",
        f"{STORE}:{PRODUCT}",
        {
            "location_id": STORE,
            "product_id": PRODUCT,
            "on_hand": on_hand,
            "reserved": 0,
            "safety_stock": 0,
            "available": on_hand,
        },
    )
    with db.unit_of_work() as s:
        apply_changes(s, [change], "2026-11-25T02:00:00+00:00")
        stock_deltas.settle_with_page(s, generation, [(STORE, PRODUCT)], not has_more)


def test_a_page_fetched_before_the_ack_cannot_hide_the_sale(db: LocalDatabase) -> None:
    op_id = _sell(db, 2)
    assert _store_on_hand(db) == 3
    stale_generation = _fetch(db)  # request sent; the server has not applied the sale yet
    _ack(db, op_id)  # the push returns first
    _apply_page(db, stale_generation, on_hand=5, has_more=False)  # pre-sale figure lands late
    assert _store_on_hand(db) == 3  # still 5 - 2: the sale did not vanish
    _apply_page(db, _fetch(db), on_hand=3, has_more=True)  # a figure fetched after the ack
    assert _store_on_hand(db) == 3  # the server's own figure now, not counted twice
    with db.read() as s:
        assert s.query(PendingStockDelta).count() == 0


def test_reaching_the_head_after_the_ack_releases_deltas_of_unchanged_figures(
    db: LocalDatabase,
) -> None:
    op_id = _sell(db, 1)
    _ack(db, op_id)
    generation = _fetch(db)
    with db.unit_of_work() as s:  # a last page without this product's figure in it
        assert stock_deltas.settle_with_page(s, generation, [], reached_head=False) == 0
        assert stock_deltas.settle_with_page(s, generation, [], reached_head=True) == 1


def test_unacked_and_rejected_deltas_stay_until_discarded(db: LocalDatabase) -> None:
    op_id = _sell(db, 1)
    _apply_page(db, _fetch(db), on_hand=5, has_more=False)
    assert _store_on_hand(db) == 4  # not acked: a fresh server figure does not remove it
    with db.unit_of_work() as s:
        outbox.claim_batch(s, 10)
        outbox.mark_rejected(s, op_id, "unknown_product", "no product 10")
    _apply_page(db, _fetch(db), on_hand=5, has_more=False)
    assert _store_on_hand(db) == 4  # rejected, still shown: a person must decide
    with db.unit_of_work() as s:
        outbox.discard_failed(s, op_id, 9, "test sale")
    assert _store_on_hand(db) == 5


def test_an_old_file_gains_the_new_column(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE pending_stock_deltas (id INTEGER PRIMARY KEY, op_id VARCHAR(36), "
        "location_id INTEGER, product_id INTEGER, delta INTEGER);"
        "INSERT INTO pending_stock_deltas VALUES (1, 'op', 2, 10, -1); PRAGMA user_version=1;"
    )
    conn.close()
    db = LocalDatabase(path)
    db.dispose()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT delta, acked_gen FROM pending_stock_deltas").fetchall() == [
            (-1, None)
        ]
    finally:
        conn.close()


def test_cached_figures_carry_their_age(db: LocalDatabase) -> None:
    from datetime import UTC, datetime

    with db.read() as s:  # the conftest catalog arrived at 01:00 UTC
        figures = catalog_queries.stock_figures(
            s, PRODUCT, now=datetime(2026, 11, 25, 1, 5, tzinfo=UTC)
        )
    assert {f.location_code: f.age_s for f in figures} == {"S001": 300.0, "WH01": 300.0}
