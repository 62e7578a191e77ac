"""The store's stock work on the in-memory fakes: transfer requests and receipts by
scan count, count sessions (blind, recounts, variance, compare-and-set submit,
conflict), the reconciliation, and the replenishment figures online and offline."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

import pytest

from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.money import Money
from counter_app.core.ops import WarehouseDown
from counter_app.core.stock_work import TransferLineRecord, TransferRecord, needs_recount
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.replenishment import ProductDemandService, ReplenishmentService
from counter_app.services.selling import TAIWAN
from counter_app.services.stock_counts import CountError, StockCountService
from counter_app.services.store_transfers import StoreTransferService, TransferError
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
WHEN = datetime(2026, 11, 25, 15, 0, tzinfo=TAIWAN)
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500), "飲料")
PUFF = ProductInfo(11, "100011", "義美小泡芙", Money(3500), "零食")
RICE = ProductInfo(12, "100012", "池上米 3kg", Money(45000), "米")


def _figure(on_hand: int) -> StockFigure:
    return StockFigure(2, "S001", "台北信義店", "store", on_hand, 0, on_hand, 0, 600.0)


@pytest.fixture
def db() -> FakeDatabase:
    db = FakeDatabase()
    for p, on_hand in ((TEA, 10), (PUFF, 4), (RICE, 2)):
        db.state.products[p.id] = p
        db.state.stock[p.id] = [_figure(on_hand)]
    return db


def _shipped(db: FakeDatabase, tid: str = "t-1") -> None:
    db.state.transfers[tid] = TransferRecord(
        tid,
        "shipped",
        1,
        2,
        (TransferLineRecord(10, 3), TransferLineRecord(11, 2)),
        "2026-11-25T10:00:00+08:00",
    )


def test_a_request_is_queued_and_shows_pending(db: FakeDatabase) -> None:
    service = StoreTransferService(db, STORE, clock=lambda: WHEN)
    view = service.request(10, 6, " 週末促銷 ", CASHIER)
    [op] = db.state.outbox.values()
    assert op.type == "transfer.request"
    assert op.payload == {
        "transfer_id": view.record.transfer_id,
        "lines": [{"product_id": 10, "qty": 6}],
        "reason": "週末促銷",
    }
    assert [v.status for v in service.transfers()] == ["pending"]
    assert service.transfers("pending")[0].names == {10: TEA.name}
    # Bad input is refused and nothing is queued.
    for qty, reason, code in (
        (0, "", "bad_qty"),
        (1000, "", "bad_qty"),
        (1, "x" * 201, "reason_too_long"),
    ):
        with pytest.raises(TransferError) as refused:
            service.request(10, qty, reason, CASHIER)
        assert refused.value.code == code
    assert len(db.state.outbox) == 1


def test_receiving_by_scan_sends_short_and_extra_items(db: FakeDatabase) -> None:
    _shipped(db)
    service = StoreTransferService(db, STORE, clock=lambda: WHEN)
    for _ in range(2):
        service.scan("t-1", 10)  # 2 of 3 tea: one short
    service.scan("t-1", 11)
    service.scan("t-1", 11)
    service.scan("t-1", 11)
    progress = service.scan("t-1", 11, step=-1)  # a mis-scan taken back
    progress = service.scan("t-1", 12)  # rice nobody shipped: extra
    assert [(line.product_id, line.shipped, line.counted) for line in progress.lines] == [
        (10, 3, 2),
        (11, 2, 2),
        (12, 0, 1),
    ]
    assert (progress.short, progress.extra) == (1, 1)
    service.receive("t-1", CASHIER)
    [op] = db.state.outbox.values()
    assert op.type == "transfer.receive"
    assert op.payload["lines"] == [
        {"product_id": 10, "qty": 2},
        {"product_id": 11, "qty": 2},
        {"product_id": 12, "qty": 1},
    ]
    # What arrived is on this store's shelf at once (pending until the warehouse says so).
    assert sorted((pid, d) for _, loc, pid, d in db.state.deltas if loc == 2) == [
        (10, 2),
        (11, 2),
        (12, 1),
    ]
    assert service.transfers()[0].status == "received"
    assert db.state.transfer_scans == {}
    with pytest.raises(TransferError) as again:
        service.scan("t-1", 10)
    assert again.value.code == "not_shipped" and again.value.status == "received"


def test_a_transfer_not_shipped_cannot_be_received(db: FakeDatabase) -> None:
    db.state.transfers["t-2"] = TransferRecord(
        "t-2", "requested", 1, 2, (TransferLineRecord(10, 1),), "2026-11-25T10:00:00+08:00"
    )
    service = StoreTransferService(db, STORE)
    with pytest.raises(TransferError) as refused:
        service.receive("t-2", CASHIER)
    assert refused.value.code == "not_shipped"
    with pytest.raises(TransferError) as unknown:
        service.scan("nope", 10)
    assert unknown.value.code == "unknown_transfer"


def test_recount_rule() -> None:
    assert not needs_recount(10, 8, 2500)
    assert needs_recount(10, 7, 2500)  # 3 units off
    assert needs_recount(2, 0, 60000)  # NT$1,200 off


def test_a_blind_count_with_a_recount_and_its_variance(db: FakeDatabase) -> None:
    counts = StockCountService(db, 2, clock=lambda: WHEN)
    session = counts.start("store", CASHIER, blind=True)
    assert session.session.blind
    assert [(v.product.id, v.line.expected) for v in session.lines] == [(10, 10), (11, 4), (12, 2)]
    with pytest.raises(CountError) as second:
        counts.start("category", CASHIER, category="飲料")
    assert second.value.code == "session_open"
    for _ in range(9):
        counts.scan(TEA)  # 9 of 10: small, no recount
    counts.set_count(11, 4)
    # rice never scanned: counts 0, NT$900 off, 2 units: no recount; 1 more unit would
    done = counts.finish_counting()
    assert done.recounts_left == 0
    counts.set_count(12, 0)
    counts.set_count(10, 5)  # 5 off: a recount is asked
    done = counts.finish_counting()
    assert [v.product.id for v in done.lines if v.recount_pending] == [10]
    with pytest.raises(CountError) as early:
        counts.submit(CASHIER)
    assert early.value.code == "recounts_left"
    for _ in range(9):
        counts.scan(TEA)  # the recount
    report = counts.variance_report()
    assert [(line.product_id, line.units, line.value_cents) for line in report.lines] == [
        (10, -1, -2500),
        (12, -2, -90000),
    ]
    assert (report.units_short, report.units_over, report.net_value_cents) == (3, 0, -92500)
    submitted = counts.submit(CASHIER)
    assert submitted.outcome == "waiting"
    [op] = db.state.outbox.values()
    assert op.type == "stock_count"
    assert op.payload["lines"] == [
        {"product_id": 10, "expected_on_hand": 10, "counted": 9},
        {"product_id": 11, "expected_on_hand": 4, "counted": 4},
        {"product_id": 12, "expected_on_hand": 2, "counted": 0},
    ]
    # A queued count shows in the reconciliation of the product.
    rec = counts.reconcile(RICE)
    assert [(s.what, s.units) for s in rec.steps] == [("count_queued", -2)]
    assert (rec.warehouse_on_hand, rec.counter_on_hand) == (2, 0)


def test_a_count_refused_for_a_racing_sale_is_recounted_against_the_new_figure(
    db: FakeDatabase,
) -> None:
    counts = StockCountService(db, 2, clock=lambda: WHEN)
    counts.start("category", CASHIER, category="飲料", blind=False)
    counts.set_count(10, 10)
    counts.finish_counting()
    session = counts.submit(CASHIER)
    op_id = session.session.op_id
    assert op_id is not None
    # The warehouse refused it: a sale from another till landed first.
    db.state.outbox[op_id] = dataclasses.replace(
        db.state.outbox[op_id], state="failed", problem_code="count_conflict", problem_detail="x"
    )
    db.state.stock[10] = [_figure(9)]
    assert counts.current() is not None and counts.current().outcome == "conflict"  # type: ignore[union-attr]
    again = counts.recount_after_conflict(session.session.session_id)
    [line] = again.lines
    assert (line.line.expected, line.recount_pending) == (9, True)
    counts.set_count(10, 9)
    counts.submit(CASHIER)
    latest = [op for op in db.state.outbox.values() if op.state == "ready"]
    assert latest[0].payload["lines"] == [{"product_id": 10, "expected_on_hand": 9, "counted": 9}]


def test_bad_count_input(db: FakeDatabase) -> None:
    counts = StockCountService(db, 2)
    for scope, category, code in (
        ("aisle", "", "bad_scope"),
        ("category", " ", "no_category"),
        ("category", "文具", "nothing_to_count"),
        ("flagged", "", "nothing_to_count"),
    ):
        with pytest.raises(CountError) as refused:
            counts.start(scope, CASHIER, category=category)
        assert refused.value.code == code
    with pytest.raises(CountError) as none:
        counts.scan(TEA)
    assert none.value.code == "no_session"
    counts.start("store", CASHIER)
    with pytest.raises(CountError) as bad:
        counts.set_count(10, -1)
    assert bad.value.code == "bad_qty"


class Planning:
    def __init__(self) -> None:
        self.down = False

    def close(self) -> None:
        pass

    def store_replenishment(self) -> dict[str, Any]:
        if self.down:
            raise WarehouseDown("connection refused")
        return {
            "location_code": "S001",
            "reorder": [
                {
                    "product_id": 11,
                    "sku": "100011",
                    "on_hand": 1,
                    "reserved": 0,
                    "inbound": 0,
                    "safety_stock": 3,
                    "reorder_point": 6,
                    "suggested_qty": 9,
                    "source": "WH01",
                },
                {
                    "product_id": 12,
                    "sku": "100012",
                    "on_hand": 2,
                    "reserved": 0,
                    "inbound": 0,
                    "safety_stock": 1,
                    "reorder_point": 3,
                    "suggested_qty": 4,
                    "source": "order",
                },
            ],
            "idle": [
                {
                    "product_id": 10,
                    "sku": "100010",
                    "action": "transfer",
                    "to_location_code": "S002",
                    "qty": 5,
                    "idle_qty": 8,
                    "idle_value_cents": 20000,
                },
            ],
        }


def test_replenishment_live_then_cached_with_its_age(db: FakeDatabase) -> None:
    now = [WHEN]
    planning = Planning()
    service = ReplenishmentService(db, planning, clock=lambda: now[0])
    assert service.cached().fetched_at is None
    live = service.refresh()
    assert live.live
    assert [(line.sku, line.below_safety) for line in live.low_stock] == [
        ("100011", True),
        ("100012", False),
    ]
    assert [line.sku for line in live.suggested_transfers] == ["100011"]
    assert live.idle[0].name == TEA.name and live.idle[0].to_location_code == "S002"
    planning.down = True
    now[0] = WHEN + timedelta(minutes=30)
    offline = service.refresh()
    assert not offline.live and offline.age_s == 1800.0
    assert "refused" in offline.note
    assert offline.low_stock == live.low_stock


class Demand:
    def __init__(self) -> None:
        self.down = False

    def product_demand(self, product_id: int, days: int = 28) -> dict[str, Any]:
        if self.down:
            raise WarehouseDown("timed out")
        return {
            "product_id": product_id,
            "series": [
                {
                    "location_code": "S001",
                    "kind": "store",
                    "history": [{"day": "2026-11-24", "qty": 3, "stockout": False}],
                    "forecast_first_day": "2026-11-25",
                    "forecast": [3.0, 4.5],
                    "method": "ses",
                }
            ],
        }


def test_product_demand_live_then_cached(db: FakeDatabase) -> None:
    now = [WHEN]
    source = Demand()
    service = ProductDemandService(db, source, clock=lambda: now[0])
    live = service.demand(10)
    assert live.live and live.series[0].history == (("2026-11-24", 3),)
    assert live.series[0].forecast == (3.0, 4.5)
    source.down = True
    now[0] = WHEN + timedelta(minutes=5)
    cached = service.demand(10)
    assert (cached.live, cached.age_s, cached.series) == (False, 300.0, live.series)
    assert service.demand(11).series == ()  # never fetched: nothing to show offline
