from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import text

from counter_app.local import catalog_queries, outbox, stock_deltas
from counter_app.local.cache_writer import clear_cache
from counter_app.local.db import LocalDatabase
from counter_app.local.models import PendingStockDelta
from counter_app.sync.client import PullPage, WarehouseUnreachable
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.puller import ChangePuller

from .conftest import FakeClient


def _product(seq: int, pid: int, name: str) -> dict[str, Any]:
    return {
        "seq": seq,
        "entity": "product",
        "op": "upsert",
        "id": str(pid),
        "data": {
            "id": pid,
            "sku": f"S{pid}",
            "name": name,
            "category": "",
            "price_cents": 1000,
            "active": True,
            "barcodes": [f"B{pid}"],
            "dropship_partner_id": None,
        },
    }


def _page(changes: list[dict[str, Any]], cursor: int, has_more: bool) -> PullPage:
    return PullPage(changes, cursor, has_more, reset=False)


def _puller(db: LocalDatabase, client: FakeClient) -> ChangePuller:
    # One request at a time: the scripted pages are answered in the order asked.
    return ChangePuller(db, client, ConnectivityMonitor(), depth=1)  # type: ignore[arg-type]


def _names(db: LocalDatabase) -> list[str]:
    with db.read() as s:
        return [p.name for p in catalog_queries.search_products(s, "商品")]


def test_pages_commit_with_their_cursor_and_a_crash_resumes_after_the_last_one(
    db: LocalDatabase, client: FakeClient
) -> None:
    client.pages = [
        _page([_product(11, 101, "商品一")], 11, True),
        KeyError("a bug while reading page two"),
    ]
    puller = _puller(db, client)
    with pytest.raises(KeyError):
        puller.pull_until_current()
    assert puller.cursor() == 11 and _names(db) == ["商品一"]
    client.pages = [_page([_product(12, 102, "商品二")], 12, False)]
    outcome = puller.pull_until_current()
    assert client.pull_cursors == [0, 11, 11]
    assert (outcome.pages, puller.cursor()) == (1, 12)
    assert sorted(_names(db)) == ["商品一", "商品二"]


def test_a_tombstone_removes_the_product_and_its_barcodes(
    db: LocalDatabase, client: FakeClient
) -> None:
    client.pages = [
        _page([_product(11, 101, "商品一")], 11, False),
        _page(
            [{"seq": 12, "entity": "product", "op": "delete", "id": "101", "data": None}], 12, False
        ),
    ]
    puller = _puller(db, client)
    puller.pull_until_current()
    puller.pull_until_current()
    with db.read() as s:
        assert catalog_queries.find_by_barcode(s, "B101") is None
    assert _names(db) == []


def test_a_reset_re_pulls_from_zero_and_keeps_unpushed_sales(
    db: LocalDatabase, client: FakeClient
) -> None:
    with db.unit_of_work() as s:
        op_id = outbox.enqueue(s, "sale", "sale:1", {})
        s.flush()
        s.add(PendingStockDelta(op_id=op_id, location_id=2, product_id=10, delta=-1))
    client.pages = [
        _page([_product(40, 101, "商品一")], 40, False),
        PullPage([], 0, True, reset=True),
        _page([_product(3, 102, "商品二")], 3, False),
    ]
    puller = _puller(db, client)
    puller.pull_until_current()
    outcome = puller.pull_until_current()
    assert outcome.reset and client.pull_cursors == [0, 40, 0]
    assert _names(db) == ["商品二"]  # the old cache went; the feed from zero came in
    with db.read() as s:
        assert outbox.stats(s).waiting == 1
        assert s.query(PendingStockDelta).count() == 1
    assert puller.cursor() == 3


def test_a_second_reset_in_one_round_does_not_wipe_the_cache_again(
    db: LocalDatabase, client: FakeClient
) -> None:
    client.pages = [
        PullPage([], 0, True, reset=True),
        _page([_product(3, 102, "商品二")], 3, True),
        PullPage([], 0, True, reset=True),
    ]
    outcome = _puller(db, client).pull_until_current()
    assert outcome.reset and client.pages == []
    assert _names(db) == ["商品二"]


def test_every_request_takes_a_new_pull_generation(db: LocalDatabase, client: FakeClient) -> None:
    client.pages = [_page([], 5, True), _page([], 6, False)]
    _puller(db, client).pull_until_current()
    with db.read() as s:
        assert stock_deltas.current_generation(s) == 2


def _trigger_count(db: LocalDatabase) -> int:
    with db.read() as s:
        return len(s.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all())


def test_a_pull_from_zero_loads_without_triggers_and_rebuilds_the_index_at_the_head(
    db: LocalDatabase, client: FakeClient
) -> None:
    with db.unit_of_work() as s:  # a fresh till: nothing pulled yet
        clear_cache(s)
    client.pages = [
        _page([_product(11, 101, "義美 原味小泡芙")], 11, True),
        RuntimeError("the till crashed"),
    ]
    puller = _puller(db, client)
    with pytest.raises(RuntimeError):
        puller.pull_until_current()
    assert _trigger_count(db) == 0  # still loading in bulk
    client.pages = [_page([_product(12, 102, "樂事 原味洋芋片")], 12, False)]
    puller.pull_until_current()
    assert _trigger_count(db) == 3
    with db.read() as s:
        assert [p.id for p in catalog_queries.search_products(s, "小泡芙")] == [101]
        assert [p.id for p in catalog_queries.search_products(s, "原味")] == [101, 102]
        assert [p.id for p in catalog_queries.search_products(s, "洋")] == [102]
    # After the bulk load, changes are indexed one by one again.
    client.pages = [_page([_product(13, 101, "義美 巧克力泡芙")], 13, False)]
    puller.pull_until_current()
    with db.read() as s:
        assert catalog_queries.search_products(s, "小泡芙") == []
        assert [p.id for p in catalog_queries.search_products(s, "巧克力")] == [101]
        assert [p.id for p in catalog_queries.search_products(s, "原味")] == [102]


class FeedClient:
    """Answers pulls from a compacted feed the way the server does, whatever the cursor."""

    def __init__(self, changes: list[dict[str, Any]]) -> None:
        self.changes = sorted(changes, key=lambda c: c["seq"])
        self.starts: list[int] = []

    def pull(self, cursor: int, limit: int = 2000, *, rebuilding: bool = False) -> PullPage:
        self.starts.append(cursor)
        rows = [c for c in self.changes if c["seq"] > cursor][: limit + 1]
        has_more = len(rows) > limit
        rows = rows[:limit]
        head = self.changes[-1]["seq"]
        return PullPage(rows, rows[-1]["seq"] if rows else max(cursor, head), has_more, reset=False)


@pytest.mark.parametrize("depth", [1, 2, 4])
def test_guessed_pages_ahead_leave_no_gaps_in_a_sparse_feed(db: LocalDatabase, depth: int) -> None:
    rng = random.Random(depth)
    seq, feed = 0, []
    for pid in range(1000, 1400):
        seq += rng.choice([1, 1, 1, 2, 7, 40])  # compaction leaves holes of every size
        feed.append(_product(seq, pid, f"商品{pid}"))
    client = FeedClient(feed)
    puller = ChangePuller(db, client, ConnectivityMonitor(), page_size=25, depth=depth)  # type: ignore[arg-type]
    with db.unit_of_work() as s:
        clear_cache(s)
    outcome = puller.pull_until_current()
    assert not outcome.unreachable and puller.cursor() == seq
    with db.read() as s:
        ids = set(s.execute(text("SELECT id FROM products")).scalars())
    assert ids == set(range(1000, 1400))
    if depth > 1:
        assert len(set(client.starts)) > outcome.pages  # it did guess ahead


def test_a_reset_during_an_unfinished_bulk_load_leaves_a_sound_search_index(
    db: LocalDatabase, client: FakeClient
) -> None:
    with db.unit_of_work() as s:
        clear_cache(s)
    client.pages = [
        _page([_product(11, 101, "義美 原味小泡芙")], 11, True),
        WarehouseUnreachable("down"),
    ]
    puller = _puller(db, client)
    puller.pull_until_current()  # loaded one page without indexing it, then the link dropped
    LocalDatabase(db.path).dispose()  # a restart puts the triggers back
    client.pages = [
        PullPage([], 0, True, reset=True),
        _page([_product(3, 102, "樂事 原味洋芋片")], 3, False),
    ]
    assert puller.pull_until_current().reset
    with db.read() as s:
        assert (
            s.execute(text("INSERT INTO product_search(product_search) VALUES ('integrity-check')"))
            is not None
        )
        assert [p.id for p in catalog_queries.search_products(s, "原味洋")] == [102]
        assert catalog_queries.search_products(s, "小泡芙") == []


def test_during_a_re_pull_the_old_catalog_still_answers_and_the_unseen_is_swept_at_the_end(
    db: LocalDatabase, client: FakeClient
) -> None:
    client.pages = [_page([_product(40, 101, "商品一")], 40, False)]
    puller = _puller(db, client)
    puller.pull_until_current()
    client.pages = [
        PullPage([], 0, True, reset=True),
        _page([_product(3, 102, "商品二")], 3, True),
        WarehouseUnreachable("the link dropped mid re-pull"),
    ]
    assert puller.pull_until_current().unreachable
    with db.read() as s:  # half-way: everything the till knew still scans
        assert catalog_queries.find_by_barcode(s, "B101") is not None
        assert catalog_queries.find_by_sku(s, "100010") is not None  # the fixture's product 10
    assert sorted(_names(db)) == ["商品一", "商品二"]
    client.pages = [_page([_product(4, 10, "茶裏王 日式無糖綠茶 600ml")], 4, False)]
    puller.pull_until_current()
    with db.read() as s:  # the server no longer has 101 (its tombstone was forgotten)
        assert catalog_queries.find_by_barcode(s, "B101") is None
        assert catalog_queries.search_products(s, "無糖綠") != []
        assert s.execute(text("SELECT count(*) FROM staff")).scalar() == 0  # not re-sent either
    assert _names(db) == ["商品二"]
