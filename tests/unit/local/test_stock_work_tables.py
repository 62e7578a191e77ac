"""The store's stock work in the till's file: transfers mirrored from the feed (the
till's own receipt mark kept), receipt scans and count sessions surviving a restart,
and the pending changes the reconciliation explains."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.local import cache_writer
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.stock_counts import StockCountService
from counter_app.services.store_transfers import StoreTransferService

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")


def _feed(status: str, received: int | None = None) -> list[dict[str, Any]]:
    return [
        {
            "entity": "location",
            "op": "upsert",
            "id": "2",
            "data": {"id": 2, "code": "S001", "name": "台北信義店", "kind": "store"},
        },
        {
            "entity": "product",
            "op": "upsert",
            "id": "10",
            "data": {
                "id": 10,
                "sku": "100010",
                "name": "綠茶",
                "category": "飲料",
                "price_cents": 2500,
                "barcodes": ["4710000000010"],
            },
        },
        {
            "entity": "stock",
            "op": "upsert",
            "id": "2:10",
            "data": {"location_id": 2, "product_id": 10, "on_hand": 7, "reserved": 0},
        },
        {
            "entity": "transfer",
            "op": "upsert",
            "id": "t1",
            "data": {
                "transfer_id": "t1",
                "status": status,
                "from_location_id": 1,
                "to_location_id": 2,
                "reservation_id": None,
                "carrier": None,
                "tracking_no": None,
                "reason": "補貨",
                "lines": [{"product_id": 10, "qty": 3, "received_qty": received}],
                "updated_at": "2026-11-25T02:00:00+00:00",
            },
        },
    ]


def test_transfers_mirror_scans_and_sessions_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    db = LocalDatabase(path)
    with db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, _feed("shipped"), "2026-11-25T02:00:01+00:00")
    transfers = StoreTransferService(db, STORE)
    [view] = transfers.transfers("shipped")
    assert view.record.reason == "補貨" and view.names == {10: "綠茶"}
    transfers.scan("t1", 10)
    counts = StockCountService(db, 2)
    counts.start("store", CASHIER)
    counts.scan(ProductInfo(10, "100010", "綠茶", Money(2500), "飲料"))
    db.dispose()

    db = LocalDatabase(path)  # the till restarts
    transfers = StoreTransferService(db, STORE)
    counts = StockCountService(db, 2)
    assert [(x.product_id, x.counted) for x in transfers.progress("t1").lines] == [(10, 1)]
    current = counts.current()
    assert current is not None and current.lines[0].line.counted == 1
    assert current.lines[0].line.expected == 7
    transfers.receive("t1", CASHIER)
    # The feed still says shipped: the till's receipt mark stands.
    with db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, _feed("shipped"), "2026-11-25T02:00:02+00:00")
    assert transfers.transfers()[0].status == "received"
    rec = counts.reconcile(ProductInfo(10, "100010", "綠茶", Money(2500), "飲料"))
    assert [(s.what, s.op_type, s.units) for s in rec.steps] == [
        ("unsynced", "transfer.receive", 1)
    ]
    assert (rec.warehouse_on_hand, rec.counter_on_hand) == (7, 8)
    with db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, _feed("received", 1), "2026-11-25T02:00:03+00:00")
    [view] = transfers.transfers("received")
    assert view.record.lines[0].received_qty == 1
    db.dispose()
