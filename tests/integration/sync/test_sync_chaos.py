"""A seeded mix of faults over a few hundred sales, with the background loops doing the
syncing on their own threads as they do in the app; and a feed reset mid-life."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from counter_app.local import catalog_queries, outbox
from counter_app.local.models import PendingStockDelta
from counter_app.sync.background import BackgroundSync
from warehouse_api.services.change_feed import purge_tombstones, record_change

from .fault_proxy import Fault, FaultKind, FaultProxy
from .sync_testkit import (
    CounterUnderTest,
    HoldLedger,
    Warehouse,
    assert_cache_matches_server,
    assert_each_sale_once,
    drain_until_empty,
    make_sales,
    sellable_products,
    warehouse_reserved,
)

CHAOS_SEED = 20261125


def _wait_until_synced(counter: CounterUnderTest, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with counter.db.read() as session:
            waiting = outbox.stats(session).waiting
            deltas = session.scalars(select(PendingStockDelta.id).limit(1)).first()
        if waiting == 0 and deltas is None:
            return
        time.sleep(0.05)
    raise AssertionError(f"still {waiting} ops waiting / deltas left after {timeout_s} s")


def test_a_seeded_mix_of_faults_over_hundreds_of_sales(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    rng = random.Random(CHAOS_SEED)
    holds, held_before = HoldLedger(), warehouse_reserved(warehouse)
    products = [p.id for p in sellable_products(counter)]
    background = BackgroundSync(
        counter.relay, counter.puller, push_interval_s=0.05, pull_interval_s=0.2
    )
    background.start()
    sales: list[str] = []
    faults = {kind: 0 for kind in ("drop", "delay", "503", "drop_pull", "restart")}
    try:
        while len(sales) < 300:
            sales += make_sales(counter, rng.randint(1, 12), rng)
            # Holds at the warehouse ride the same outbox; a cancel must follow its create.
            if rng.random() < 0.4:
                holds.reserve(counter, rng.choice(products))
            if rng.random() < 0.2 and (
                open_ones := sorted(set(holds.reservations) - holds.cancelled)
            ):
                holds.cancel(counter, rng.choice(open_ones))
            if rng.random() < 0.2:
                holds.dropship(counter, rng.choice(products))
            background.push_soon()
            roll = rng.random()
            if roll < 0.15:
                proxy.add(Fault(FaultKind.DROP_RESPONSE, "/api/v1/sync/push"))
                faults["drop"] += 1
            elif roll < 0.22:
                proxy.add(Fault(FaultKind.DELAY_RESPONSE, "/api/v1/sync/push", delay_s=1.2))
                faults["delay"] += 1
            elif roll < 0.35:
                proxy.add(Fault(FaultKind.SERVICE_UNAVAILABLE, "/api/v1/"), times=rng.randint(1, 5))
                faults["503"] += 1
            elif roll < 0.45:
                proxy.add(Fault(FaultKind.DROP_RESPONSE, "/api/v1/sync/pull"))
                faults["drop_pull"] += 1
            elif roll < 0.50:
                warehouse.restart()
                faults["restart"] += 1
            time.sleep(rng.uniform(0.0, 0.15))
        # The faults end; nobody touches the counter: the loops must finish the job.
        _wait_until_synced(counter, timeout_s=60)
    finally:
        background.stop()
    assert all(faults.values()), faults  # the seed exercised every kind of fault
    assert holds.cancelled and holds.dropships  # and every kind of hold
    assert_each_sale_once(warehouse, counter, sales)
    holds.assert_held_once(warehouse, counter, held_before)
    assert_cache_matches_server(warehouse, counter)


def test_a_feed_reset_re_pulls_everything_and_keeps_unsent_sales(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    # Pages of 100: every cursor of the re-pull is below the purged tombstone, and
    # the round still completes because it tells the server it is rebuilding.
    _reset_and_check(warehouse, counter)


def _purge_a_fresh_tombstone(warehouse: Warehouse) -> None:
    """The server forgets a tombstone newer than this till's cursor: the cursor is too old."""
    database = warehouse.database()
    try:
        with database.write() as session:
            record_change(session, "product", "999999", None, op="delete")
        with database.write() as session:
            purge_tombstones(session, timedelta(0), now=datetime.now(UTC) + timedelta(days=1))
    finally:
        database.dispose()


def _reset_and_check(warehouse: Warehouse, counter: CounterUnderTest) -> None:
    sales = make_sales(counter, 5, random.Random(7))  # not pushed yet
    with counter.db.read() as session:
        sold_product = session.scalars(select(PendingStockDelta.product_id)).first()
        assert sold_product is not None
        local_before = {
            f.location_id: f.on_hand for f in catalog_queries.stock_figures(session, sold_product)
        }
    _purge_a_fresh_tombstone(warehouse)
    outcome = counter.puller.pull_until_current()
    assert outcome.reset and not outcome.unreachable
    with counter.db.read() as session:
        local_after = {
            f.location_id: f.on_hand for f in catalog_queries.stock_figures(session, sold_product)
        }
        assert outbox.stats(session).waiting == 5  # the unsent sales survived the reset
    assert local_after == local_before  # and still show in store stock
    drain_until_empty(counter)
    assert_each_sale_once(warehouse, counter, sales)
    assert_cache_matches_server(warehouse, counter)


def test_a_stale_cursor_is_reset_once_and_the_re_pull_in_small_pages_is_not(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    """A till whose cursor is older than the purged tombstones gets one reset; its re-pull
    from zero (pages of 100, all below the purge point) is never reset again."""
    make_sales(counter, 3, random.Random(8))
    _purge_a_fresh_tombstone(warehouse)
    pulls_before = proxy.count("/api/v1/sync/pull")
    outcome = counter.puller.pull_until_current()
    assert outcome.reset and not outcome.unreachable
    assert outcome.pages > 1  # the whole catalog came back, page after page
    assert proxy.count("/api/v1/sync/pull") - pulls_before >= outcome.pages + 1
    with counter.db.read() as session:
        assert outbox.stats(session).waiting == 3
        assert catalog_queries.count_products(session) > 0
    drain_until_empty(counter)
    assert_cache_matches_server(warehouse, counter)
