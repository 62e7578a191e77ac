from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.local import catalog_queries
from counter_app.local.cache_writer import Change, apply_changes, clear_cache
from counter_app.local.db import DatabaseDamaged, LocalDatabase, check_integrity


def test_every_barcode_of_a_product_finds_it(db: LocalDatabase) -> None:
    with db.read() as s:
        assert catalog_queries.find_by_barcode(s, "4710000000010").sku == "100010"
        assert catalog_queries.find_by_barcode(s, "4710000000027").sku == "100010"
        assert catalog_queries.find_by_barcode(s, "0000000000000") is None


def test_search_by_chinese_english_and_sku(db: LocalDatabase) -> None:
    with db.read() as s:
        assert [p.sku for p in catalog_queries.search_products(s, "無糖綠")] == ["100010"]
        assert [p.sku for p in catalog_queries.search_products(s, "泡芙")] == ["100012"]  # 2 chars
        assert [p.sku for p in catalog_queries.search_products(s, "茶")] == ["100010"]  # 1 char
        assert [p.sku for p in catalog_queries.search_products(s, "oreo")] == ["100013"]
        assert [p.sku for p in catalog_queries.search_products(s, "100011")] == ["100011"]
        # Characters that mean something to FTS5 or LIKE are searched literally.
        assert catalog_queries.search_products(s, '"*) OR (') == []
        assert catalog_queries.search_products(s, "%_") == []


def test_a_changed_name_and_moved_barcode_are_reindexed(db: LocalDatabase) -> None:
    with db.unit_of_work() as s:
        apply_changes(
            s,
            [
                Change(
                    100,
                    "product",
                    "upsert",
                    "11",
                    {
                        "id": 11,
                        "sku": "100011",
                        "name": "樂事 海苔洋芋片 85g",
                        "category": "零食",
                        "price_cents": 4200,
                        "active": True,
                        "barcodes": ["4710000000010"],
                    },
                )
            ],
            "now",
        )
    with db.read() as s:
        assert catalog_queries.search_products(s, "原味洋芋") == []
        assert [p.price.cents for p in catalog_queries.search_products(s, "海苔洋芋")] == [4200]
        assert catalog_queries.find_by_barcode(s, "4710000000010").sku == "100011"
        assert catalog_queries.find_by_barcode(s, "4710000000034") is None


def test_tombstone_removes_product_and_barcodes(db: LocalDatabase) -> None:
    with db.unit_of_work() as s:
        apply_changes(s, [Change(100, "product", "delete", "12", None)], "now")
    with db.read() as s:
        assert catalog_queries.find_by_barcode(s, "4710000000041") is None
        assert catalog_queries.search_products(s, "小泡芙") == []


def test_clear_cache_forgets_server_figures(db: LocalDatabase) -> None:
    with db.unit_of_work() as s:
        clear_cache(s)
    with db.read() as s:
        assert catalog_queries.count_products(s) == 0


def test_a_damaged_file_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    with pytest.raises(DatabaseDamaged) as info:
        check_integrity(path)
    assert info.value.path == path
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseDamaged):
        LocalDatabase(garbage)
