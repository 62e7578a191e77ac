"""Network faults between a real counter sync stack and a real warehouse on loopback.

After each fault: every sale is on the server exactly once, the journal is
complete, the cursor sits at the feed's head, and the relay drains by itself.
"""

from __future__ import annotations

import random
import threading
import time

from sqlalchemy import text

from counter_app.local import outbox
from counter_app.sync.connectivity import Connectivity

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

PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"


def _check(warehouse: Warehouse, counter: CounterUnderTest, sales: list[str]) -> None:
    assert_each_sale_once(warehouse, counter, sales)
    assert_cache_matches_server(warehouse, counter)


def test_an_answer_lost_after_the_commit_is_replayed_as_a_duplicate(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    holds, held_before = HoldLedger(), warehouse_reserved(warehouse)
    product = sellable_products(counter)[0].id
    reservation = holds.reserve(counter, product, qty=2)  # in the first batch, with the sales
    sales = make_sales(counter, 30, random.Random(1))
    holds.cancel(counter, reservation)
    holds.reserve(counter, product)
    holds.dropship(counter, product)
    proxy.add(Fault(FaultKind.DROP_RESPONSE, PUSH))
    first = counter.relay.drain()
    assert first.unreachable and first.applied == 0  # the server applied 25; we never heard
    drain_until_empty(counter)
    assert proxy.faults_used[FaultKind.DROP_RESPONSE] == 1
    _check(warehouse, counter, sales)
    holds.assert_held_once(warehouse, counter, held_before)  # held 1 + 1, not 2 + 2 + 1 + 1


def test_an_answer_slower_than_the_timeout_is_retried_once_it_is_due(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    sales = make_sales(counter, 10, random.Random(2))
    proxy.add(Fault(FaultKind.DELAY_RESPONSE, PUSH, delay_s=2.5))
    assert counter.relay.drain().unreachable
    with counter.db.read() as session:
        assert outbox.stats(session).waiting == 10  # back in the queue, not lost, not failed
    drain_until_empty(counter)
    _check(warehouse, counter, sales)


def test_a_gateway_answering_503_for_a_while_then_recovering(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    sales = make_sales(counter, 20, random.Random(3))
    proxy.add(Fault(FaultKind.SERVICE_UNAVAILABLE, "/api/v1/"), times=6)
    counter.relay.drain()
    counter.relay.drain()
    assert counter.connectivity.state in (Connectivity.DEGRADED, Connectivity.OFFLINE)
    counter.puller.pull_until_current()
    counter.puller.pull_until_current()
    assert counter.connectivity.state == Connectivity.OFFLINE  # several failures in a row
    drain_until_empty(counter)
    assert counter.connectivity.state == Connectivity.ONLINE
    assert proxy.pending_faults() == 0
    _check(warehouse, counter, sales)


def test_the_server_restarts_in_the_middle_of_a_drain(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    sales = make_sales(counter, 150, random.Random(4))  # six batches of 25
    draining = threading.Thread(target=drain_until_empty, args=(counter, 60.0))
    draining.start()
    deadline = time.monotonic() + 20
    while proxy.count(PUSH) < 2 and time.monotonic() < deadline:
        time.sleep(0.005)
    warehouse.restart()  # same port, same file; in-flight requests finish or fail
    draining.join(70)
    assert not draining.is_alive()
    _check(warehouse, counter, sales)


def test_a_pull_interrupted_between_pages_resumes_from_its_cursor(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    sales = make_sales(counter, 40, random.Random(5))
    drain_until_empty(counter)  # 40 sales move stock: the feed grows past one page
    proxy.add(Fault(FaultKind.DROP_RESPONSE, PULL))
    proxy.add(Fault(FaultKind.DELAY_RESPONSE, PULL, delay_s=2.0))
    first = counter.puller.pull_until_current()
    assert first.unreachable
    cursor_after_fault = counter.puller.cursor()
    second = counter.puller.pull_until_current()
    assert second.unreachable
    assert counter.puller.cursor() == cursor_after_fault  # nothing half-applied
    _check(warehouse, counter, sales)


def test_a_pull_answered_late_does_not_hide_an_acknowledged_sale(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest
) -> None:
    """The race: a page read before the server applied a sale lands after its ack."""
    (sale_id,) = make_sales(counter, 1, random.Random(6))
    with counter.db.read() as session:
        sold = session.execute(
            text(
                "SELECT product_id, SUM(qty) FROM sale_lines WHERE sale_id = :s GROUP BY product_id"
            ),
            {"s": sale_id},
        ).all()
    product_id, qty = sold[0]
    before = _store_on_hand(counter, product_id)  # local figure, sale included
    proxy.add(Fault(FaultKind.DELAY_RESPONSE, PULL, delay_s=0.8))  # under the 1 s timeout
    pulling = threading.Thread(target=counter.puller.pull_until_current)
    pulling.start()
    assert proxy.wait_until_held()  # the server has answered the pull: a pre-sale figure
    assert counter.relay.drain().applied == 1  # the ack arrives while the page is held
    pulling.join(5)
    assert _store_on_hand(counter, product_id) == before  # not the stale pre-sale figure
    counter.puller.pull_until_current()
    assert _store_on_hand(counter, product_id) == before  # the server's figure, once
    assert qty > 0
    _check(warehouse, counter, [sale_id])


def _store_on_hand(counter: CounterUnderTest, product_id: int) -> int:
    figures = counter.catalog.stock(product_id)
    return next(f.on_hand for f in figures if f.location_id == counter.store.location_id)


def test_a_first_sync_from_the_real_server_is_searchable_and_scannable(
    counter: CounterUnderTest,
) -> None:
    with counter.db.read() as session:
        name, code = session.execute(
            text(
                "SELECT p.name, b.code FROM products p JOIN barcodes b ON b.product_id = p.id LIMIT 1"
            )
        ).one()
        triggers = session.execute(
            text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
        ).scalar()
    word = max(name.split(), key=len)
    found = counter.catalog.find_by_code(code)
    assert found is not None and found.name == name
    assert name in [p.name for p in counter.catalog.search(word[:3], limit=500)]
    assert name in [p.name for p in counter.catalog.search(word[:2], limit=500)]
    assert triggers == 3  # the bulk load put the trigram triggers back
