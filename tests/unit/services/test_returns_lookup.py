"""Finding the original sale: this till's journal by receipt number, day and amount
(offline too); another till's or store's sale from the warehouse, returned here with the
warehouse's returned quantities; and saying so when the warehouse cannot be reached."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.ops import WarehouseDown, WarehouseError
from counter_app.core.records import TenderRecord
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.returns import (
    RefundAs,
    ReturnChoice,
    ReturnError,
    ReturnsService,
    refund_so_far_cents,
)
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
RICE = ProductInfo(11, "100011", "池上米 3kg", Money(33300))
DAY = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)


class Problem(WarehouseError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Warehouse:
    def __init__(self) -> None:
        self.sales: dict[str, dict[str, Any]] = {}
        self.hits: list[dict[str, Any]] = []
        self.down = False
        self.searched: list[tuple[str, int | None, str | None]] = []

    def sale_by_receipt(self, receipt_no: str) -> dict[str, Any]:
        if self.down:
            raise WarehouseDown("connection refused")
        if receipt_no not in self.sales:
            raise Problem("sale_not_found")
        return self.sales[receipt_no]

    def search_sales(
        self, day: str, amount_cents: int | None, phone_suffix: str | None
    ) -> list[dict[str, Any]]:
        if self.down:
            raise WarehouseDown("connection refused")
        self.searched.append((day, amount_cents, phone_suffix))
        return self.hits

    def no_receipt_usage(self, phone: str) -> dict[str, Any]:
        raise WarehouseDown("not used here")


class Clock:
    def __init__(self, start: datetime = DAY) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    database: Any = FakeDatabase() if request.param == "fake" else LocalDatabase(tmp_path / "c.db")
    open_test_shift(database, STORE.location_id, opening_cents=500_000)
    yield database


def _sell(db: Any, when: datetime, *items: tuple[ProductInfo, int]) -> CompletedSale:
    cart = Cart()
    for product, qty in items:
        cart.add(product, qty)
    return SellingService(db, STORE, Clock(when)).complete_cash_sale(cart, CASHIER, cart.total)


def _other_store_sale(returned: int = 1) -> dict[str, Any]:
    return {
        "sale_id": "0193a0b0-0000-7000-8000-000000000001",
        "receipt_no": "RS002-1-261124-0007",
        "location_id": 3,
        "location_code": "S002",
        "location_name": "台中公益店",
        "created_at": "2026-11-24T03:00:00Z",
        "total_cents": 99_900,
        "refunded_cents": 33_300 * returned,
        "return_ids": ["r-1"] if returned else [],
        "lines": [
            {
                "line_id": "0193a0b0-0000-7000-8000-0000000000a1",
                "product_id": RICE.id,
                "sku": RICE.sku,
                "name": RICE.name,
                "qty": 3,
                "unit_price_cents": 33_300,
                "line_total_cents": 99_900,
                "returned": returned,
            }
        ],
        "payments": [{"method": "cash", "amount_cents": 99_900}],
    }


def test_the_journal_is_searched_by_day_and_amount_offline(db: Any) -> None:
    morning = _sell(db, DAY, (TEA, 2))
    noon = _sell(db, DAY + timedelta(hours=3), (RICE, 1))
    _sell(db, DAY - timedelta(days=1), (TEA, 2))  # another day
    warehouse = Warehouse()
    warehouse.down = True
    service = ReturnsService(db, STORE, None, Clock(), warehouse=warehouse)
    found = service.search(DAY.date())
    assert [h.receipt_no for h in found.hits] == [noon.receipt_no, morning.receipt_no]
    assert found.warehouse == "unreachable"
    by_amount = service.search(DAY.date(), Money(5000))
    assert [h.receipt_no for h in by_amount.hits] == [morning.receipt_no]
    assert service.search(date(2026, 11, 1)).hits == ()
    with pytest.raises(ReturnError) as bad:
        service.search(DAY.date(), phone_digits="12a")
    assert bad.value.code == "bad_search"


def test_the_warehouse_adds_other_tills_sales_and_narrows_by_phone(db: Any) -> None:
    mine = _sell(db, DAY, (TEA, 2))
    warehouse = Warehouse()
    warehouse.hits = [
        {
            "receipt_no": "RS001-2-261125-0003",
            "created_at": "2026-11-25T02:00:00Z",
            "total_cents": 5000,
            "customer_phone_tail": "678",
        }
    ]
    service = ReturnsService(db, STORE, None, Clock(), warehouse=warehouse)
    both = service.search(DAY.date(), Money(5000))
    assert {(h.receipt_no, h.origin) for h in both.hits} == {
        (mine.receipt_no, "journal"),
        ("RS001-2-261125-0003", "warehouse"),
    }
    by_phone = service.search(DAY.date(), phone_digits="5678")
    assert [(h.receipt_no, h.phone_tail) for h in by_phone.hits] == [("RS001-2-261125-0003", "678")]
    assert warehouse.searched[-1] == ("2026-11-25", None, "5678")


def test_another_stores_sale_is_returned_here_with_what_was_returned_there(db: Any) -> None:
    warehouse = Warehouse()
    warehouse.sales["RS002-1-261124-0007"] = _other_store_sale(returned=1)
    service = ReturnsService(db, STORE, None, Clock(), warehouse=warehouse)
    sale = service.find(" RS002-1-261124-0007 ")
    assert (sale.origin, sale.store_name) == ("warehouse", "台中公益店")
    [line] = sale.lines
    assert (line.qty_sold, line.qty_returned, line.returnable) == (3, 1, 2)
    with pytest.raises(ReturnError) as too_many:
        service.complete(sale.receipt_no, [ReturnChoice(line.line_id, 3)], CASHIER)
    assert too_many.value.code == "more_than_sold"
    done = service.complete(sale.receipt_no, [ReturnChoice(line.line_id, 2)], CASHIER)
    assert done.refund == Money(66_600)  # the line's total, less the refund given there
    # The warehouse has not heard of this return yet: this till's count is the floor.
    again = service.find(sale.receipt_no)
    assert again.lines[0].returnable == 0
    # The original is copied into the journal, as another store's (not in this store's search).
    assert service.search(date(2026, 11, 24)).hits == ()


def test_a_receipt_not_here_says_whether_the_warehouse_was_reached(db: Any) -> None:
    warehouse = Warehouse()
    service = ReturnsService(db, STORE, None, Clock(), warehouse=warehouse)
    with pytest.raises(ReturnError) as missing:
        service.find("RS009-1-261124-0001")
    assert missing.value.code == "not_found"
    warehouse.down = True
    with pytest.raises(ReturnError) as down:
        service.find("RS009-1-261124-0001")
    assert down.value.code == "warehouse_down"
    # This till's own sales need no warehouse.
    mine = _sell(db, DAY, (TEA, 1))
    assert service.find(mine.receipt_no).origin == "journal"
    alone = ReturnsService(db, STORE, None, Clock())
    with pytest.raises(ReturnError) as nowhere:
        alone.find("RS009-1-261124-0001")
    assert nowhere.value.code == "not_found"


def _seed_linepay(db: Any) -> None:
    """The LINE Pay tender in this till's cache (as the feed brings it)."""
    record = TenderRecord("linepay", "LINE Pay", "LINE Pay", "mobile", True, True, 20)
    if isinstance(db, FakeDatabase):
        db.state.tenders[record.code] = record
        return
    data = {
        "code": record.code,
        "name_zh": record.name_zh,
        "name_en": record.name_en,
        "kind": record.kind,
        "needs_reference": True,
        "active": True,
        "sort_order": 20,
    }
    with db.unit_of_work() as session:
        apply_changes(session, [Change(1, "tender", "upsert", "linepay", data)], DAY.isoformat())


def test_another_stores_split_sale_refunds_each_tender_net_of_what_was_refunded_there(
    db: Any,
) -> None:
    _seed_linepay(db)
    body = _other_store_sale(returned=1)
    body["payments"] = [
        {"method": "linepay", "amount_cents": 60_000},
        {"method": "cash", "amount_cents": 39_900},
    ]
    body["refunded_by_tender"] = {"linepay": 20_000, "cash": 13_300}
    warehouse = Warehouse()
    warehouse.sales[body["receipt_no"]] = body
    service = ReturnsService(db, STORE, None, Clock(), warehouse=warehouse)
    sale = service.find(body["receipt_no"])
    assert sale.tender_rooms() == {"linepay": 40_000, "cash": 26_600}
    line = sale.lines[0].line_id
    refs = RefundAs(references={"linepay": ("LP-REFUND-9", "")})
    done = service.complete(sale.receipt_no, [ReturnChoice(line, 1)], CASHIER, refund_as=refs)
    assert [(p.method, p.amount_cents) for p in done.tenders] == [
        ("cash", 13_300),
        ("linepay", 20_000),
    ]
    # The warehouse has not counted this till's return yet: it is added to what it said.
    again = service.find(sale.receipt_no)
    assert again.tender_rooms() == {"linepay": 20_000, "cash": 13_300}
    last = service.complete(sale.receipt_no, [ReturnChoice(line, 1)], CASHIER, refund_as=refs)
    assert {p.method: p.amount_cents for p in last.tenders} == {"linepay": 20_000, "cash": 13_300}


def _as_the_warehouse_has_it(db: Any, sale: CompletedSale, returned: int) -> dict[str, Any]:
    """This till's sale as GET /sales/by-receipt answers it, ``returned`` pieces of its
    first line taken back at another till of the store."""
    with db.snapshot() as uow:
        record = uow.sales.by_receipt_no(sale.receipt_no)
    assert record is not None
    first = record.lines[0]
    refunded = refund_so_far_cents(first.line_total_cents, first.qty, returned)
    return {
        "sale_id": record.sale_id,
        "receipt_no": record.receipt_no,
        "location_id": STORE.location_id,
        "location_code": STORE.code,
        "location_name": STORE.name,
        "created_at": record.created_at,
        "total_cents": record.total_cents,
        "refunded_cents": refunded,
        "refunded_by_tender": {"cash": refunded} if returned else {},
        "return_ids": ["returned-at-till-2"] if returned else [],
        "lines": [
            {
                "line_id": line.line_id,
                "product_id": line.product_id,
                "sku": line.sku,
                "name": line.name,
                "qty": line.qty,
                "unit_price_cents": line.unit_price_cents,
                "line_total_cents": line.line_total_cents,
                "returned": returned if line is first else 0,
            }
            for line in record.lines
        ],
        "payments": [{"method": "cash", "amount_cents": record.total_cents}],
    }


def test_finding_this_tills_sale_counts_returns_taken_at_another_till(db: Any) -> None:
    """Find shows what the warehouse counts (another till's return of this sale included),
    and says when it could only count this till's own returns."""
    mine = _sell(db, DAY, (TEA, 3))
    warehouse = Warehouse()
    warehouse.sales[mine.receipt_no] = _as_the_warehouse_has_it(db, mine, returned=1)
    service = ReturnsService(db, STORE, None, Clock(), warehouse=warehouse)

    found = service.find(mine.receipt_no)
    [line] = found.lines
    assert (found.origin, found.store_name, found.others_unchecked) == ("journal", "", False)
    assert (line.qty_sold, line.qty_returned, line.returnable) == (3, 1, 2)
    assert found.refunded == Money(2500)

    # The warehouse down: the journal's counts, and the screen is told they may be short.
    warehouse.down = True
    offline = service.find(mine.receipt_no)
    assert (offline.lines[0].qty_returned, offline.others_unchecked) == (0, True)

    # The warehouse has not heard of the sale yet: nobody else can have returned any.
    warehouse.down = False
    del warehouse.sales[mine.receipt_no]
    unknown = service.find(mine.receipt_no)
    assert (unknown.lines[0].qty_returned, unknown.others_unchecked) == (0, False)

    # An answer it cannot read is no answer.
    warehouse.sales[mine.receipt_no] = {"sale_id": "half an answer"}
    garbled = service.find(mine.receipt_no)
    assert (garbled.lines[0].qty_returned, garbled.others_unchecked) == (0, True)

    # A till with no warehouse configured (the tests' bare service) counts its journal.
    alone = ReturnsService(db, STORE, None, Clock()).find(mine.receipt_no)
    assert (alone.lines[0].qty_returned, alone.others_unchecked) == (0, False)


class Reporter:
    """What the status bar's ConnectivityMonitor is told, in order."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    def report_success(self) -> None:
        self.heard.append("answered")

    def report_failure(self, error: str) -> None:
        self.heard.append(f"down: {error}")


def test_every_warehouse_question_of_a_return_tells_the_status_bar(db: Any) -> None:
    """Find and Search ask the warehouse; what they saw goes to the connectivity monitor
    at once (no answer: against the link; any answer, a refusal too: for it), instead
    of the status bar saying online until the sync loop noticed."""
    mine = _sell(db, DAY, (TEA, 1))
    warehouse = Warehouse()
    warehouse.sales[mine.receipt_no] = _as_the_warehouse_has_it(db, mine, returned=0)
    reporter = Reporter()
    service = ReturnsService(db, STORE, None, Clock(), warehouse=warehouse, connectivity=reporter)

    service.find(mine.receipt_no)  # own sale, counted by the warehouse
    warehouse.down = True
    service.find(mine.receipt_no)  # own sale, from the journal
    with pytest.raises(ReturnError):
        service.find("RS002-1-261124-0007")  # another store's: cannot be asked
    service.search(DAY.date())
    assert reporter.heard == ["answered"] + ["down: connection refused"] * 3

    warehouse.down = False
    reporter.heard.clear()
    with pytest.raises(ReturnError, match="no sale"):
        service.find("RS002-1-261124-0007")  # a refusal is an answer: the link is up
    service.search(DAY.date())
    assert reporter.heard == ["answered", "answered"]
