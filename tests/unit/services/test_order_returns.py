"""Group-buy and dropship orders returned at the counter, on the fakes and on SQLite:
found on the warehouse (saying when it cannot be reached), the refund paid here in cash
(the shift's expected cash falls) or left to the channel (nothing paid here), never more
than ordered minus returned, the op the warehouse checks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from counter_app.core.money import Money
from counter_app.core.ops import WarehouseDown, WarehouseError
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.order_returns import OrderReturnChoice, OrderReturnsService
from counter_app.services.returns import ReturnError
from counter_app.services.selling import TAIWAN
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
ORDER = "0193a0b0-0000-7000-8000-00000000beef"


class Problem(WarehouseError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Warehouse:
    def __init__(self, status: str = "shipped", down: bool = False) -> None:
        self.status, self.down = status, down

    def order_for_return(self, order_kind: str, order_id: str) -> dict[str, Any]:
        if self.down:
            raise WarehouseDown("timed out")
        if order_id != ORDER:
            raise Problem("order_not_found")
        return {
            "order_kind": order_kind,
            "order_id": ORDER,
            "status": self.status,
            "customer_phone_tail": "678",
            "lines": [
                {
                    "product_id": 17,
                    "sku": "100017",
                    "name": "團購 乾燥花禮盒",
                    "price_cents": 45_050,
                    "qty": 3,
                    "returned": 1,
                }
            ],
            "returns": [{"refund_state": "pending_channel"}],
        }


class Clock:
    def __call__(self) -> datetime:
        return datetime(2026, 11, 25, 10, 0, tzinfo=TAIWAN) + timedelta(seconds=1)


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    database: Any = FakeDatabase() if request.param == "fake" else LocalDatabase(tmp_path / "c.db")
    open_test_shift(database, STORE.location_id, opening_cents=500_000)
    yield database


def _cash(db: Any) -> int:
    staff = StaffService(db, STORE.location_id)
    return ShiftService(db, STORE, staff, None, terminal="S001-1").report().expected_cents


def test_an_order_is_found_on_the_warehouse_or_the_till_says_why_not(db: Any) -> None:
    service = OrderReturnsService(db, STORE, Warehouse(), clock=Clock())
    order = service.find("group_buy", f" {ORDER} ")
    assert (order.lines[0].returnable, order.phone_tail, order.pending_channel_refunds) == (
        2,
        "678",
        1,
    )
    for kind, number, code in (
        ("group_buy", "no-such-order", "not_found"),
        ("voucher", ORDER, "bad_order"),
        ("group_buy", " ", "bad_order"),
    ):
        with pytest.raises(ReturnError) as refused:
            service.find(kind, number)
        assert refused.value.code == code
    offline = OrderReturnsService(db, STORE, Warehouse(down=True), clock=Clock())
    with pytest.raises(ReturnError) as down:
        offline.find("group_buy", ORDER)
    assert down.value.code == "warehouse_down"


def test_a_refund_paid_at_the_counter_moves_the_shifts_cash(db: Any) -> None:
    service = OrderReturnsService(db, STORE, Warehouse(), clock=Clock())
    order = service.find("group_buy", ORDER)
    before = _cash(db)
    done = service.complete(
        order,
        [OrderReturnChoice(17, 1, "damaged", "外盒破損")],
        "counter",
        CASHIER,
    )
    assert done.refund == Money(45_000)  # list price, whole NT$
    assert _cash(db) == before - 45_000
    payload = _op(db, done.op_id)
    assert payload["refund_mode"] == "counter" and payload["refund_cents"] == 45_000
    assert payload["lines"] == [
        {"product_id": 17, "qty": 1, "disposition": "damaged", "reason": "外盒破損"}
    ]


def test_a_refund_left_to_the_channel_pays_nothing_here(db: Any) -> None:
    service = OrderReturnsService(db, STORE, Warehouse(), clock=Clock())
    order = service.find("dropship", ORDER)
    before = _cash(db)
    done = service.complete(order, [OrderReturnChoice(17, 2)], "channel", CASHIER)
    assert done.refund == Money(0) and _cash(db) == before
    payload = _op(db, done.op_id)
    assert (payload["order_kind"], payload["refund_mode"], payload["refund_cents"]) == (
        "dropship",
        "channel",
        0,
    )


@pytest.mark.parametrize(
    ("choices", "mode", "status", "code"),
    [
        ([OrderReturnChoice(17, 3)], "channel", "shipped", "more_than_sold"),
        ([OrderReturnChoice(99, 1)], "channel", "shipped", "unknown_line"),
        ([], "channel", "shipped", "nothing_chosen"),
        ([OrderReturnChoice(17, 1, "lost")], "channel", "shipped", "bad_disposition"),
        ([OrderReturnChoice(17, 1)], "voucher", "shipped", "bad_refund_mode"),
        ([OrderReturnChoice(17, 1)], "channel", "confirmed", "not_returnable"),
    ],
)
def test_bad_choices_are_refused_and_record_nothing(
    db: Any, choices: list[OrderReturnChoice], mode: str, status: str, code: str
) -> None:
    service = OrderReturnsService(db, STORE, Warehouse(status=status), clock=Clock())
    order = service.find("group_buy", ORDER)
    with pytest.raises(ReturnError) as refused:
        service.complete(order, choices, mode, CASHIER)
    assert refused.value.code == code


def _op(db: Any, op_id: str) -> dict[str, Any]:
    if isinstance(db, FakeDatabase):
        return db.state.outbox[op_id].payload
    import json

    from sqlalchemy import text

    with db.unit_of_work() as session:
        row = session.execute(text("SELECT payload FROM outbox WHERE op_id = :o"), {"o": op_id})
        return dict(json.loads(row.scalar_one()))
