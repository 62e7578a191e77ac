"""Issue 8.3: the warehouse's negative_stock answer reaches the store manager."""

from __future__ import annotations

from counter_app.local import sync_results
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.services.stock_to_count import StockToCountService

STORE_ID = 2


def _warn(db: LocalDatabase, *items: tuple[int, int], location_id: int = STORE_ID) -> None:
    with db.unit_of_work() as s:
        sync_results.record_negative_stock(
            s,
            location_id,
            {
                "sale_id": "s1",
                "receipt_no": "RS001-1-261125-0001",
                "negative_stock": [
                    {"product_id": pid, "on_hand": on_hand} for pid, on_hand in items
                ],
            },
        )


def test_negative_figures_of_this_store_are_listed_most_negative_first(db: LocalDatabase) -> None:
    _warn(db, (11, -1), (10, -3))
    _warn(db, (12, -9), location_id=1)  # another location: not this store's to count
    listed = StockToCountService(db, STORE_ID).negative_at_warehouse()
    assert [(n.sku, n.on_hand, n.receipt_no) for n in listed] == [
        ("100010", -3, "RS001-1-261125-0001"),
        ("100011", -1, "RS001-1-261125-0001"),
    ]
    assert listed[0].name == "茶裏王 日式無糖綠茶 600ml" and listed[0].cached_on_hand == 5


def test_a_later_warning_replaces_the_figure_and_a_fresh_count_clears_it(db: LocalDatabase) -> None:
    _warn(db, (10, -1))
    _warn(db, (10, -2))
    assert [n.on_hand for n in StockToCountService(db, STORE_ID).negative_at_warehouse()] == [-2]
    with db.unit_of_work() as s:  # the count reached the warehouse; the feed brings 4
        apply_changes(
            s,
            [
                Change(
                    900,
                    "stock",
                    "upsert",
                    "2:10",
                    {
                        "location_id": 2,
                        "product_id": 10,
                        "on_hand": 4,
                        "reserved": 0,
                        "safety_stock": 0,
                        "available": 4,
                    },
                )
            ],
            "2099-01-01T00:00:00+00:00",
        )
    assert StockToCountService(db, STORE_ID).negative_at_warehouse() == []
