from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from counter_app.core.pins import hash_pin
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.sync.client import PullPage, WarehouseUnreachable

STORE_ID = 2
CASHIER_PIN, SUPERVISOR_PIN = "1234", "999999"


def _staff(staff_id: int, name: str, role: str, pin: str) -> Change:
    return Change(
        staff_id,
        "staff",
        "upsert",
        str(staff_id),
        {
            "id": staff_id,
            "name": name,
            "role": role,
            "location_id": STORE_ID,
            "pin_hash": hash_pin(pin, b"salt-%d" % staff_id, n=2**4),
        },
    )


def product(seq: int, pid: int, name: str) -> Change:
    return Change(
        seq,
        "product",
        "upsert",
        str(pid),
        {
            "id": pid,
            "sku": f"1000{pid}",
            "name": name,
            "category": "零食",
            "price_cents": 2500,
            "active": True,
            "barcodes": [f"47100000{pid:05d}"],
            "dropship_partner_id": None,
        },
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[LocalDatabase]:
    database = LocalDatabase(tmp_path / "counter.db")
    with database.unit_of_work() as session:
        apply_changes(
            session,
            [
                Change(
                    1,
                    "location",
                    "upsert",
                    "2",
                    {"id": 2, "code": "S001", "name": "台北信義店", "kind": "store"},
                ),
                _staff(3, "王小明", "cashier", CASHIER_PIN),
                _staff(4, "林主任", "supervisor", SUPERVISOR_PIN),
                product(5, 10, "茶裏王 日式無糖綠茶 600ml"),
            ],
            "2026-11-25T01:00:00+00:00",
        )
    yield database
    database.dispose()


class FakeClient:
    """Scripted answers for the relay and the puller; records what was sent."""

    def __init__(self) -> None:
        self.pushed: list[list[dict[str, Any]]] = []
        self.push_answer: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] = lambda ops: [
            {"op_id": op["op_id"], "status": "applied", "result": {}} for op in ops
        ]
        self.pages: list[PullPage | Exception] = []
        self.pull_cursors: list[int] = []
        self.till_no: int | None = 1
        self.me_calls = 0

    def push(self, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.pushed.append(ops)
        return self.push_answer(ops)

    def me(self) -> dict[str, Any]:
        self.me_calls += 1
        return {
            "id": 7,
            "name": "till",
            "role": "counter",
            "till_no": self.till_no,
            "location": None,
        }

    def pull(self, cursor: int, limit: int = 2000, *, rebuilding: bool = False) -> PullPage:
        self.pull_cursors.append(cursor)
        if not self.pages:
            raise WarehouseUnreachable("no more scripted pages")
        page = self.pages.pop(0)
        if isinstance(page, Exception):
            raise page
        return page


@pytest.fixture
def client() -> FakeClient:
    return FakeClient()
