from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase

STORE_ID = 2


def catalog_changes() -> list[Change]:
    changes = [
        Change(
            1,
            "location",
            "upsert",
            "1",
            {"id": 1, "code": "WH01", "name": "團購倉儲", "kind": "warehouse"},
        ),
        Change(
            2,
            "location",
            "upsert",
            "2",
            {"id": 2, "code": "S001", "name": "台北信義店", "kind": "store"},
        ),
    ]
    products = [
        (10, "100010", "茶裏王 日式無糖綠茶 600ml", 2500, ["4710000000010", "4710000000027"]),
        (11, "100011", "樂事 原味洋芋片 85g", 3900, ["4710000000034"]),
        (12, "100012", "義美 原味小泡芙 57g", 2200, ["4710000000041"]),
        (13, "100013", "Oreo 巧克力夾心餅乾", 4500, ["4710000000058"]),
    ]
    seq = 3
    for pid, sku, name, price, codes in products:
        changes.append(
            Change(
                seq,
                "product",
                "upsert",
                str(pid),
                {
                    "id": pid,
                    "sku": sku,
                    "name": name,
                    "category": "零食",
                    "price_cents": price,
                    "active": True,
                    "barcodes": codes,
                    "dropship_partner_id": None,
                },
            )
        )
        seq += 1
        for loc in (1, 2):
            changes.append(
                Change(
                    seq,
                    "stock",
                    "upsert",
                    f"{loc}:{pid}",
                    {
                        "location_id": loc,
                        "product_id": pid,
                        "on_hand": 20 if loc == 1 else 5,
                        "reserved": 0,
                        "safety_stock": 0,
                        "available": 20 if loc == 1 else 5,
                    },
                )
            )
            seq += 1
    changes.append(
        Change(
            seq,
            "staff",
            "upsert",
            "3",
            {
                "id": 3,
                "name": "王小明",
                "role": "cashier",
                "location_id": STORE_ID,
                "pin_hash": "scrypt$1024$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$x",
            },
        )
    )
    return changes


@pytest.fixture
def db(tmp_path: Path) -> LocalDatabase:
    database = LocalDatabase(tmp_path / "counter.db")
    with database.unit_of_work() as session:
        apply_changes(session, catalog_changes(), "2026-11-25T01:00:00+00:00")
    yield database
    database.dispose()
