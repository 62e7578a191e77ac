"""The services on in-memory repositories: no SQLite, no threads, milliseconds.

The same services run on the till's SQLite file in the other tests of this folder;
here they run on ``fakes.FakeDatabase``, which is what a new feature's service
tests should start from.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from counter_app.core.cart import Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.receipts import Document
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.receipts import ReceiptNotFound, ReceiptService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.staff import Approval, StaffService
from counter_app.services.sync_status import SyncStatusService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase, QueuedOp

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
CHIPS = ProductInfo(11, "100011", "樂事 原味洋芋片 85g", Money(3900))
PINS = {"cashier": "1234", "supervisor": "999999", "manager": "888888", "other_store": "777777"}


def clock() -> datetime:
    return datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[tuple[str | None, Document]] = []
        self.drawers: list[tuple[str, Any]] = []

    def submit(self, document: Document, *, title: str | None = None) -> str:
        self.documents.append((title, document))
        return f"job-{len(self.documents)}"

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        self.drawers.append((reason, printer))
        return f"drawer-{len(self.drawers)}"


@pytest.fixture
def db() -> Iterator[FakeDatabase]:
    fake = FakeDatabase()
    fake.add_product(TEA, "4710000000010")
    fake.add_product(CHIPS, "4710000000034")
    fake.add_staff(2, 3, "王小明", "cashier", PINS["cashier"])
    fake.add_staff(2, 4, "林主任", "supervisor", PINS["supervisor"])
    fake.add_staff(2, 5, "陳經理", "manager", PINS["manager"])
    fake.add_staff(9, 6, "別店主任", "supervisor", PINS["other_store"])
    open_test_shift(fake, STORE.location_id)
    fake.commits = 0
    yield fake


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def staff(db: FakeDatabase, ticks: Ticks) -> StaffService:
    return StaffService(db, STORE.location_id, clock=ticks)


def _cart(db: FakeDatabase) -> Cart:
    catalog = CatalogService(db)
    cart = Cart()
    cart.add(catalog.find_by_code("4710000000010"), 2)  # type: ignore[arg-type]
    cart.add(catalog.find_by_code("100011"))  # type: ignore[arg-type]  (the SKU)
    return cart


# -- selling ------------------------------------------------------------------------


def test_a_cash_sale_writes_the_journal_the_outbox_op_and_local_stock_in_one_unit_of_work(
    db: FakeDatabase,
) -> None:
    sale = SellingService(db, STORE, clock).complete_cash_sale(_cart(db), CASHIER, Money(10000))
    assert (sale.total, sale.change) == (Money(8900), Money(1100))
    assert db.commits == 1
    [record] = db.state.sales.values()
    assert (record.receipt_no, record.total_cents, record.cashier_id) == (sale.receipt_no, 8900, 3)
    assert [(line.position, line.sku, line.qty) for line in record.lines] == [
        (0, "100010", 2),
        (1, "100011", 1),
    ]
    [payment] = record.payments
    assert (payment.tendered_cents, payment.change_cents) == (10000, 1100)
    op = db.state.outbox[sale.op_id]
    assert (op.type, op.entity_key) == ("sale", f"sale:{sale.sale_id}")
    assert op.payload["receipt_no"] == sale.receipt_no and op.payload["total_cents"] == 8900
    assert [line["line_id"] for line in op.payload["lines"]] == [
        line.line_id for line in record.lines
    ]
    assert op.payload["payments"][0]["payment_id"] == payment.payment_id
    assert sorted(db.state.deltas) == sorted([(sale.op_id, 2, 10, -2), (sale.op_id, 2, 11, -1)])


def test_receipt_numbers_differ_from_sale_to_sale(db: FakeDatabase) -> None:
    service = SellingService(db, STORE, clock)
    numbers = [
        service.complete_cash_sale(_cart(db), CASHIER, Money(10000)).receipt_no for _ in range(3)
    ]
    assert len(set(numbers)) == 3


def test_a_sale_that_fails_half_way_writes_nothing(db: FakeDatabase) -> None:
    service = SellingService(db, STORE, clock)
    first = service.complete_cash_sale(_cart(db), CASHIER, Money(10000))
    db.state.sync_state = {}  # the counter restarts: the next number is the one already taken
    with pytest.raises(ValueError, match="taken"):
        service.complete_cash_sale(_cart(db), CASHIER, Money(10000))
    assert list(db.state.sales) == [first.sale_id] and list(db.state.outbox) == [first.op_id]
    assert len(db.state.deltas) == 2


def test_an_empty_cart_or_short_payment_is_refused_before_anything_is_written(
    db: FakeDatabase,
) -> None:
    service = SellingService(db, STORE, clock)
    with pytest.raises(CartError):
        service.complete_cash_sale(Cart(), CASHIER, Money(100))
    with pytest.raises(CartError):
        service.complete_cash_sale(_cart(db), CASHIER, Money(100))
    assert db.commits == 0


# -- approvals and the permission table ----------------------------------------------


def test_only_a_pin_of_this_store_with_the_permission_gets_an_approval(staff: StaffService) -> None:
    with pytest.raises(ApprovalRefused) as refused:
        staff.approve(PINS["cashier"], Action.OPEN_DRAWER_NO_SALE)
    assert refused.value.code == "not_permitted"
    with pytest.raises(ApprovalRefused) as refused:
        staff.approve("0000", Action.OPEN_DRAWER_NO_SALE)
    assert refused.value.code == "wrong_pin"
    with pytest.raises(ApprovalRefused) as refused:  # a supervisor of another store
        staff.approve(PINS["other_store"], Action.OPEN_DRAWER_NO_SALE)
    assert refused.value.code == "wrong_pin"
    assert staff.approve(PINS["supervisor"], Action.OPEN_DRAWER_NO_SALE).staff.id == 4
    assert staff.approve(PINS["manager"], Action.OPEN_DRAWER_NO_SALE).staff.id == 5


def test_device_settings_need_a_manager(staff: StaffService) -> None:
    with pytest.raises(ApprovalRefused) as refused:
        staff.authorize_device_settings(PINS["supervisor"])
    assert (refused.value.code, refused.value.action) == ("not_permitted", Action.DEVICE_SETTINGS)
    assert staff.authorize_device_settings(PINS["manager"]).staff.role == "manager"


def test_an_approval_is_redeemed_once_for_its_action_and_only_if_the_service_issued_it(
    staff: StaffService, ticks: Ticks
) -> None:
    approval = staff.approve(PINS["supervisor"], Action.DISCARD_FAILED_OP)
    forged = Approval(
        StaffMember(4, "林主任", "supervisor"), Action.DISCARD_FAILED_OP, "made-up", 1e12
    )
    with pytest.raises(ApprovalRefused, match="not_issued"):
        staff.redeem(forged, Action.DISCARD_FAILED_OP)
    with pytest.raises(ApprovalRefused, match="wrong_action"):
        staff.redeem(approval, Action.DEVICE_SETTINGS)
    assert staff.redeem(approval, Action.DISCARD_FAILED_OP).id == 4
    with pytest.raises(ApprovalRefused, match="not_issued"):  # used
        staff.redeem(approval, Action.DISCARD_FAILED_OP)
    late = staff.approve(PINS["supervisor"], Action.DISCARD_FAILED_OP)
    ticks.now += 121
    with pytest.raises(ApprovalRefused, match="expired"):
        staff.redeem(late, Action.DISCARD_FAILED_OP)


def test_a_session_approval_serves_until_released(staff: StaffService) -> None:
    grant = staff.authorize_device_settings(PINS["manager"])
    assert staff.redeem(grant, Action.DEVICE_SETTINGS).id == 5
    assert staff.redeem(grant, Action.DEVICE_SETTINGS).id == 5
    staff.release(grant)
    with pytest.raises(ApprovalRefused, match="not_issued"):
        staff.redeem(grant, Action.DEVICE_SETTINGS)


# -- the drawer without a sale ------------------------------------------------------


def test_the_drawer_opens_without_a_sale_only_on_a_redeemed_approval_and_is_audited(
    db: FakeDatabase, staff: StaffService
) -> None:
    output = RecordingOutput()
    receipts = ReceiptService(db, output, STORE, staff)
    approval = staff.approve(PINS["supervisor"], Action.OPEN_DRAWER_NO_SALE)
    with pytest.raises(ApprovalRefused, match="reason_required"):
        receipts.open_drawer_on_demand(approval, " ")
    forged = Approval(StaffMember(4, "林主任", "supervisor"), Action.OPEN_DRAWER_NO_SALE, "x", 1e12)
    with pytest.raises(ApprovalRefused, match="not_issued"):
        receipts.open_drawer_on_demand(forged, "換零錢")
    assert output.drawers == [] and db.state.audit == []
    receipts.open_drawer_on_demand(approval, "換零錢")
    assert len(output.drawers) == 1
    assert db.state.audit == [(4, "drawer.open", {"reason": "換零錢"})]


def test_the_settings_drawer_test_needs_the_managers_grant_and_is_audited(
    db: FakeDatabase, staff: StaffService
) -> None:
    output = RecordingOutput()
    receipts = ReceiptService(db, output, STORE, staff)
    supervisor = staff.approve(PINS["supervisor"], Action.OPEN_DRAWER_NO_SALE)
    with pytest.raises(ApprovalRefused, match="wrong_action"):
        receipts.open_drawer_for_settings_test(supervisor, printer="test printer")
    grant = staff.authorize_device_settings(PINS["manager"])
    receipts.open_drawer_for_settings_test(grant, printer="test printer")
    receipts.open_drawer_for_settings_test(grant, printer="test printer")
    assert [printer for _, printer in output.drawers] == ["test printer", "test printer"]
    assert db.state.audit == [
        (5, "approval.session", {"action": "device_settings"}),  # the grant itself
        *[(5, "drawer.open", {"reason": "settings_test"})] * 2,
    ]


# -- receipts and sync status --------------------------------------------------------


def test_a_past_sale_reprints_from_the_journal_and_an_unknown_one_is_a_coded_error(
    db: FakeDatabase, staff: StaffService
) -> None:
    output = RecordingOutput()
    sale = SellingService(db, STORE, clock).complete_cash_sale(_cart(db), CASHIER, Money(10000))
    receipts = ReceiptService(db, output, STORE, staff)
    receipts.reprint(sale.receipt_no)
    title, document = output.documents[0]
    assert title == sale.receipt_no and "補印" in document.plain_text(48)
    with pytest.raises(ReceiptNotFound) as missing:
        receipts.reprint("RS001-261125-9999")
    assert (missing.value.code, missing.value.receipt_no) == (
        "receipt_not_found",
        "RS001-261125-9999",
    )
    assert [r[0] for r in receipts.recent_sales()] == [sale.receipt_no]


def test_a_failed_op_is_discarded_only_with_a_supervisors_approval_and_a_reason(
    db: FakeDatabase, staff: StaffService
) -> None:
    db.state.outbox["op-1"] = QueuedOp(
        "op-1", "sale", "sale:1", {}, "failed", "unknown_product", ""
    )
    status = SyncStatusService(db, staff)
    assert status.status().failed == 1 and [op.op_id for op in status.failed_ops()] == ["op-1"]
    with pytest.raises(ApprovalRefused, match="not_permitted"):
        status.discard_with_pin("op-1", PINS["cashier"], "typed twice")
    approval = staff.approve(PINS["supervisor"], Action.DISCARD_FAILED_OP)
    with pytest.raises(ApprovalRefused, match="reason_required"):
        status.discard("op-1", approval, "  ")
    assert status.status().failed == 1
    assert status.discard("op-1", approval, "typed twice").id == 4
    assert status.status().failed == 0
    assert db.state.audit == [(4, "outbox.discard", {"op_id": "op-1", "reason": "typed twice"})]


def test_a_sale_the_warehouse_could_never_accept_is_refused_at_the_till(db: FakeDatabase) -> None:
    """Found by the contract test: 9,999 of a NT$20,000,000 item is past the warehouse's
    amount bound, so the sale would be rejected for ever; the till refuses it instead."""
    cart = Cart()
    cart.add(ProductInfo(99, "999", "鑽石", Money.from_dollars(20_000_000)), 9999)
    with pytest.raises(CartError) as refused:
        SellingService(db, STORE, clock).complete_cash_sale(cart, CASHIER, cart.total)
    assert refused.value.code == "amount_too_large" and db.commits == 0


def test_a_sale_refused_as_receipt_no_taken_is_renumbered_and_resent_on_the_fakes(
    db: FakeDatabase,
) -> None:
    with db.transaction() as uow:
        uow.sync_state.set("till_no", "2")
    sale = SellingService(db, STORE, clock).complete_cash_sale(_cart(db), CASHIER, Money(10000))
    assert sale.receipt_no == "RS001-2-261125-0001"
    [op] = db.state.outbox.values()
    op.state, op.problem_code = "failed", "receipt_no_taken"
    new_no = SyncStatusService(db).renumber(op.op_id, CASHIER.id)
    assert new_no == "RS001-2-261125-0002"
    assert db.state.outbox[op.op_id].state == "discarded"
    [resent] = [o for o in db.state.outbox.values() if o.state == "ready"]
    assert resent.payload["receipt_no"] == new_no and resent.payload["sale_id"] == sale.sale_id
    with db.snapshot() as uow:
        found = uow.sales.by_receipt_no(sale.receipt_no)  # the printed number still finds it
    assert found is not None and found.receipt_no == new_no
    assert SyncStatusService(db).renumber(resent.op_id, CASHIER.id) is None  # not refused
