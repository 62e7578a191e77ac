"""The counter's operations against the warehouse's contract (DESIGN section 4, STYLE 13).

Every payload the counter queues is a typed dataclass (``counter_app.core.ops``);
here each one, as the relay puts it on the wire, is validated by the very models
the warehouse validates ``POST /sync/push`` with, and those models are checked to
be what the published OpenAPI document names. A field the warehouse would refuse
fails here, not at a till whose sales then pile up as rejected.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from counter_app.core.cart import MAX_LINE_QTY, Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice import Booklet
from counter_app.core.einvoice_codes import buyer_from_input
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.core.ops import (
    MAX_CENTS,
    OP_TYPES,
    AuditPayload,
    EinvoiceIssuePayload,
    SalePayload,
)
from counter_app.core.tenders import (
    CASH,
    DEFAULT_TENDERS,
    PaymentSplit,
    Tender,
    TenderedPayment,
    TenderError,
)
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.permissions import Action
from counter_app.services.receipts import ReceiptService
from counter_app.services.returns import DISPOSITIONS, ReturnChoice, ReturnsService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.shifts import DENOMINATIONS, MAX_PIECES, ShiftError, ShiftService
from counter_app.services.staff import StaffService
from counter_app.services.sync_status import SyncStatusService
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.relay import OutboxRelay
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase
from warehouse_api.app import API_PREFIX, create_app
from warehouse_api.schemas import PushRequest

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
SUPERVISOR_PIN = "999999"  # 林主任's, in this folder's conftest


def _validate(wire_ops: list[dict[str, Any]]) -> PushRequest:
    """What FastAPI does with the body of POST /sync/push before any rule runs."""
    return PushRequest.model_validate({"ops": wire_ops})


def _on_the_wire(op_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    # The relay's envelope (see OutboxRelay.push_once; the end-to-end test below uses the relay).
    return {
        "op_id": uuid7(),
        "type": op_type,
        "payload": payload,
        "created_at": datetime.now(TAIWAN).isoformat(),
    }


def test_the_models_checked_here_are_the_ones_the_openapi_document_publishes(
    tmp_path: Path,
) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'w.db'}", prepare_schema=False, run_background=False)
    document = app.openapi()
    body = document["paths"][f"{API_PREFIX}/sync/push"]["post"]["requestBody"]["content"][
        "application/json"
    ]
    assert body["schema"]["$ref"].endswith("/PushRequest")
    ops = document["components"]["schemas"]["PushRequest"]["properties"]["ops"]["items"]
    published = set(ops["discriminator"]["mapping"])
    assert set(OP_TYPES) <= published, (
        "the counter sends an operation type the warehouse does not know"
    )


class Capture:
    """The relay's client: keeps every body the relay would send; rejects on request."""

    def __init__(self) -> None:
        self.pushed: list[dict[str, Any]] = []
        self.reject: set[str] = set()

    def push(self, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.pushed.extend(ops)
        return [
            {"op_id": op["op_id"], "status": "rejected", "problem": {"code": "x", "detail": ""}}
            if op["op_id"] in self.reject
            else {"op_id": op["op_id"], "status": "applied", "result": {}}
            for op in ops
        ]

    def me(self) -> dict[str, Any]:  # the relay asks once for this till's number
        return {"id": 7, "name": "till", "role": "counter", "till_no": 1, "location": None}


def test_everything_a_till_queues_goes_out_as_the_warehouse_accepts_it(db: LocalDatabase) -> None:
    """Sales, a drawer opened without a sale, a supervisor's discard: whatever operations
    these queue (audit entries too, once they sync), the relay's bodies pass the schema."""
    catalog_product = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
    open_test_shift(db, STORE.location_id)  # SellingService sells only in an open shift
    selling = SellingService(db, STORE)
    sales = []
    for qty in (1, 3, MAX_LINE_QTY):
        cart = Cart()
        cart.add(catalog_product, qty)
        sales.append(selling.complete_cash_sale(cart, CASHIER, cart.total + Money(5000)))
    staff = StaffService(db, STORE.location_id)
    receipts = ReceiptService(db, RecordingOutput(), STORE, staff)
    receipts.open_drawer_on_demand(
        staff.approve(SUPERVISOR_PIN, Action.OPEN_DRAWER_NO_SALE), "換零錢"
    )

    client = Capture()
    client.reject = {sales[0].op_id}
    relay = OutboxRelay(db, client, ConnectivityMonitor())  # type: ignore[arg-type]
    relay.drain()
    status = SyncStatusService(db, staff)
    status.discard_with_pin(sales[0].op_id, SUPERVISOR_PIN, "typed twice")
    relay.drain()

    request = _validate(client.pushed)
    assert [op.type for op in request.ops].count("sale") == 3
    assert [op.type for op in request.ops].count("audit") == 2  # the drawer and the discard
    assert {op.type for op in request.ops} <= set(OP_TYPES)


class RecordingOutput:
    def submit(self, document: object, *, title: str | None = None) -> str:
        return "job"

    def open_drawer(self, reason: str, *, printer: object = None) -> str:
        return "drawer"


names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60
)
products = st.builds(
    ProductInfo,
    id=st.integers(1, 2**31 - 1),
    sku=st.from_regex(r"[0-9A-Z]{1,20}", fullmatch=True),
    name=names,
    price=st.integers(0, 10**9).map(Money),
)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.tuples(products, st.integers(1, MAX_LINE_QTY)), min_size=1, max_size=40),
    cashier_id=st.integers(1, 2**31 - 1),
    extra_cents=st.integers(0, 10**7),
    offset_h=st.integers(-12, 14),
)
def test_every_sale_the_selling_service_can_make_is_accepted(
    lines: list[tuple[ProductInfo, int]], cashier_id: int, extra_cents: int, offset_h: int
) -> None:
    db = FakeDatabase()
    open_test_shift(db, STORE.location_id)
    cart = Cart()
    for product, qty in lines:
        with contextlib.suppress(CartError):  # the same product again past the line's limit
            cart.add(product, qty)
    when = datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=offset_h)))
    try:
        sale = SellingService(db, STORE, lambda: when).complete_cash_sale(
            cart, StaffMember(cashier_id, "收銀員", "cashier"), cart.total + Money(extra_cents)
        )
    except CartError as refused:  # refused at the till, before anything is written
        assert refused.code == "amount_too_large" and cart.total.cents + extra_cents > MAX_CENTS
        assert db.state.outbox == {}
        return
    queued = db.state.outbox[sale.op_id]
    _validate([_on_the_wire(queued.type, queued.payload)])


@settings(max_examples=40, deadline=None)
@given(
    staff_id=st.none() | st.integers(1, 2**31 - 1),
    action=st.sampled_from(["drawer.open", "outbox.discard"]),
    reason=names,
)
def test_audit_entries_as_the_counter_types_them_are_accepted(
    staff_id: int | None, action: str, reason: str
) -> None:
    audit = AuditPayload(
        uuid7(), staff_id, action, datetime.now(TAIWAN).isoformat(), {"reason": reason}
    )
    _validate([_on_the_wire(audit.op_type, audit.to_payload())])


def test_the_check_refuses_what_the_warehouse_refuses() -> None:
    """The contract test can fail: payloads the warehouse's schema refuses."""
    good = SalePayload(uuid7(), "RS001-261125-0001", 3, "2026-11-25T10:30:00+08:00", 2500, (), ())
    line = {
        "line_id": uuid7(),
        "product_id": 10,
        "qty": 1,
        "unit_price_cents": 2500,
        "line_total_cents": 2500,
    }
    refused = [
        {**good.to_payload(), "lines": []},  # a sale with no lines
        {**good.to_payload(), "lines": [{**line, "qty": 0}]},
        {**good.to_payload(), "lines": [line], "created_at": "2026-11-25T10:30:00"},  # no offset
        {**good.to_payload(), "lines": [line], "receipt_no": "R" * 41},
        {**good.to_payload(), "lines": [line], "note": "extra field"},
    ]
    for payload in refused:
        with pytest.raises(ValidationError):
            _validate([_on_the_wire("sale", payload)])
    _validate([_on_the_wire("sale", {**good.to_payload(), "lines": [line]})])


@settings(max_examples=40, deadline=None)
@given(
    opening=st.dictionaries(st.sampled_from(DENOMINATIONS), st.integers(0, MAX_PIECES)),
    closing=st.dictionaries(st.sampled_from(DENOMINATIONS), st.integers(0, MAX_PIECES)),
    sales=st.lists(st.integers(1, MAX_LINE_QTY), max_size=5),
    cash_out=st.integers(0, 10**6),
)
def test_every_shift_close_the_shift_service_can_queue_is_accepted(
    opening: dict[int, int], closing: dict[int, int], sales: list[int], cash_out: int
) -> None:
    db = FakeDatabase()
    shifts = ShiftService(db, STORE, StaffService(db, STORE.location_id))
    try:
        shifts.open(CASHIER, opening)
    except ShiftError as refused:  # more cash than an int32 of cents: refused at the till
        assert refused.code == "amount_too_large"
        return
    selling = SellingService(db, STORE)
    for qty in sales:
        cart = Cart()
        cart.add(ProductInfo(10, "100010", "茶裏王", Money(2500)), qty)
        selling.complete_cash_sale(cart, CASHIER, cart.total)
    with contextlib.suppress(ShiftError):
        shifts.cash_out(CASHIER, Money(cash_out * 100), "銀行存款")
    for op in db.state.outbox.values():
        op.state = "done"
    try:
        shifts.close(CASHIER, closing)
    except ShiftError as refused:
        assert refused.code == "amount_too_large"
        return
    [queued] = [o for o in db.state.outbox.values() if o.type == "shift.close"]
    _validate([_on_the_wire(queued.type, queued.payload)])


@settings(max_examples=40, deadline=None)
@given(
    qty=st.integers(1, 200),
    price=st.integers(0, 10**7),  # up to NT$100,000 x 200: within the warehouse's int32 cents
    buyer=st.sampled_from(
        [
            {},
            {"tax_id": "04595257"},
            {"carrier": "/ABC+123"},
            {"carrier": "AB12345678901234"},
            {"donation_code": "8585"},
        ]
    ),
)
def test_every_invoice_the_counter_issues_with_a_sale_is_accepted(
    qty: int, price: int, buyer: dict[str, str]
) -> None:
    """The e-invoice op (``einvoice.issue``) for any sale and any buyer the till takes."""
    db = FakeDatabase()
    open_test_shift(db, STORE.location_id)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(1, "11512", "AB", 12345600, 12345649, "07", 12345600)])
    when = datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)
    invoicing = EinvoiceService(db, EinvoiceSettings("04595257", "0" * 32), lambda: when)
    cart = Cart()
    cart.add(ProductInfo(10, "100010", "茶", Money(price)), qty)
    sale = SellingService(db, STORE, lambda: when, invoicing).complete_cash_sale(
        cart, CASHIER, cart.total, buyer_from_input(**buyer)
    )
    queued = [op for op in db.state.outbox.values() if op.type == EinvoiceIssuePayload.op_type]
    assert len(queued) == 1 and queued[0].entity_key == f"sale:{sale.sale_id}"
    _validate([_on_the_wire(queued[0].type, queued[0].payload)])


def test_the_check_refuses_an_invoice_the_warehouse_refuses() -> None:
    good = EinvoiceIssuePayload(
        uuid7(),
        "AB12345600",
        "0427",
        "11512",
        "2026-11-25T10:30:00+08:00",
        9500,
        500,
        10000,
        "04595257",
    ).to_payload()
    for bad in (
        {**good, "number": "AB-12345600"},
        {**good, "period": "11511"},  # periods end in an even month
        {**good, "random_code": "427"},
        {**good, "buyer_id": "0459525"},
        {**good, "carrier_type": "XX0001"},
    ):
        with pytest.raises(ValidationError):
            _validate([_on_the_wire(EinvoiceIssuePayload.op_type, bad)])
    _validate([_on_the_wire(EinvoiceIssuePayload.op_type, good)])


def test_voids_and_allowances_as_the_counter_queues_them_are_accepted() -> None:
    db = FakeDatabase()
    open_test_shift(db, STORE.location_id)
    when = datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(1, "11512", "AB", 12345600, 12345649, "07", 12345600)])
    invoicing = EinvoiceService(db, EinvoiceSettings("04595257", "0" * 32), lambda: when)
    selling = SellingService(db, STORE, lambda: when, invoicing)
    sales = []
    for _ in range(3):
        cart = Cart()
        cart.add(ProductInfo(10, "100010", "茶", Money(2500)), 4)
        sales.append(selling.complete_cash_sale(cart, CASHIER, cart.total))
    next_period = datetime(2027, 1, 4, 10, 30, tzinfo=TAIWAN)
    with db.transaction() as uow:
        invoicing.settle_return(uow, sales[0].sale_id, uuid7(), 10000, when)
        invoicing.settle_return(uow, sales[1].sale_id, uuid7(), 2500, next_period)
        invoicing.settle_return(uow, sales[2].sale_id, uuid7(), 2500, when)  # void + reissue
    queued = [
        op
        for op in db.state.outbox.values()
        if op.type in ("einvoice.void", "einvoice.allowance") or "replaces" in op.payload
    ]
    assert sorted(op.type for op in queued) == [
        "einvoice.allowance",
        "einvoice.issue",
        "einvoice.void",
        "einvoice.void",
    ]
    _validate([_on_the_wire(op.type, op.payload) for op in queued])

    # A supervisor voids the allowance: its op passes the warehouse's schema too.
    from counter_app.services.allowance_voids import AllowanceVoidService

    db.add_staff(STORE.location_id, 4, "林主任", "supervisor", "246810")
    staff = StaffService(db, STORE.location_id)
    [allowance] = [op for op in queued if op.type == "einvoice.allowance"]
    AllowanceVoidService(db, staff, lambda: when).void(
        str(allowance.payload["allowance_no"]),
        CASHIER,
        staff.approve("246810", Action.VOID),
        "退貨登錄錯誤",
    )
    [void] = [op for op in db.state.outbox.values() if op.type == "einvoice.allowance_void"]
    _validate([_on_the_wire(void.type, void.payload)])


def test_a_pickup_handover_as_the_desk_queues_it_is_accepted() -> None:
    from counter_app.core.records import ReservationRecord
    from counter_app.services.pickups import PickupDeskService

    db = FakeDatabase()
    db.state.reservations["0193a0c4-7a1b-7c3d-8e4f-5a6b7c8d9e0f"] = ReservationRecord(
        "0193a0c4-7a1b-7c3d-8e4f-5a6b7c8d9e0f",
        "pickup",
        "PU7K3M9Q2X",
        "ready",
        ((10, 2),),
        None,
        "2026-11-25T10:00:00+08:00",
    )
    PickupDeskService(db, STORE).hand_over("pu7k3m9q2x", CASHIER)
    queued = [op for op in db.state.outbox.values() if op.type == "pickup.complete"]
    assert len(queued) == 1
    request = _validate([_on_the_wire(op.type, op.payload) for op in queued])
    assert request.ops[0].payload.pickup_code == "PU7K3M9Q2X"  # type: ignore[union-attr]


def test_a_handover_paid_at_pickup_as_the_desk_queues_it_is_accepted() -> None:
    """The sale (collect lines naming the order) and the hand-over naming the sale."""
    from counter_app.core.records import ReservationRecord
    from counter_app.services.pickups import PickupDeskService

    db = FakeDatabase()
    db.state.products[10] = ProductInfo(10, "100010", "茶裏王", Money(2500))
    db.state.reservations["GB-2026-000123"] = ReservationRecord(
        "GB-2026-000123",
        "group_buy",
        "PU7K3M9Q2X",
        "ready",
        ((10, 2),),
        None,
        "2026-11-25T10:00:00+08:00",
        payment="at_pickup",
        unit_prices=((10, 1900),),
    )
    open_test_shift(db, STORE.location_id)
    selling = SellingService(db, STORE)
    desk = PickupDeskService(db, STORE, selling=selling)
    desk.hand_over_paid("pu7k3m9q2x", CASHIER, [TenderedPayment(CASH, 3800, 4000, 200)])
    queued = list(db.state.outbox.values())
    assert [op.type for op in queued] == ["sale", "pickup.complete"]
    request = _validate([_on_the_wire(op.type, op.payload) for op in queued])
    sale, handover = request.ops[0].payload, request.ops[1].payload
    assert sale.collects_order_id == "GB-2026-000123"  # type: ignore[union-attr]
    assert handover.sale_id == sale.sale_id  # type: ignore[union-attr]


def test_a_reservation_as_the_desk_queues_it_is_accepted() -> None:
    from counter_app.services.pickups import PickupDeskService

    db = FakeDatabase()
    PickupDeskService(db, STORE).reserve(10, 3, "陳小姐", "(02) 2345-6789", CASHIER)
    queued = [op for op in db.state.outbox.values() if op.type == "reservation.create"]
    assert len(queued) == 1
    request = _validate([_on_the_wire(op.type, op.payload) for op in queued])
    assert request.ops[0].payload.customer_phone == "0223456789"  # type: ignore[union-attr]


@settings(max_examples=40, deadline=None)
@given(
    lines=st.lists(st.tuples(products, st.integers(1, 50)), min_size=1, max_size=20),
    picks=st.lists(
        st.tuples(st.integers(0, 19), st.integers(1, 50), st.sampled_from(DISPOSITIONS))
    ),
)
def test_every_return_the_returns_service_can_make_is_accepted(
    lines: list[tuple[ProductInfo, int]], picks: list[tuple[int, int, str]]
) -> None:
    db = FakeDatabase()
    open_test_shift(db, STORE.location_id)
    cart = Cart()
    for product, qty in lines:
        with contextlib.suppress(CartError):
            cart.add(product, qty)
    try:
        sale = SellingService(db, STORE).complete_cash_sale(cart, CASHIER, cart.total)
    except CartError:
        return
    returns = ReturnsService(db, STORE)
    sold = returns.find(sale.receipt_no).lines
    chosen = {
        sold[i % len(sold)].line_id: (min(q, sold[i % len(sold)].qty_sold), d) for i, q, d in picks
    }
    choices = [
        ReturnChoice(line_id, qty, disposition) for line_id, (qty, disposition) in chosen.items()
    ]
    manager = StaffMember(1, "店長", "manager")  # no refund limit to stop it
    done = returns.complete(sale.receipt_no, choices, manager) if choices else None
    if done is None:
        return
    queued = db.state.outbox[done.op_id]
    assert queued.type == "return"
    _validate([_on_the_wire(queued.type, queued.payload)])


# Whatever a cashier can type into a reference field that the split accepts.
references = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=70)


@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(
        st.tuples(
            st.sampled_from(DEFAULT_TENDERS),
            st.integers(1, 10**6),
            references,
            references,
        ),
        min_size=1,
        max_size=25,
    ),
    cash=st.integers(0, 10**6),
)
def test_every_split_payment_the_till_accepts_is_accepted_by_the_warehouse(
    parts: list[tuple[Tender, int, str, str]], cash: int
) -> None:
    db = FakeDatabase()
    open_test_shift(db, STORE.location_id)
    cart = Cart()
    cart.add(ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500)), 40)
    split = PaymentSplit(cart.total.cents)
    for tender, given_cents, reference, approval in parts:
        with contextlib.suppress(TenderError):  # refused at the till, with its reason
            split.add(tender, given_cents, reference, approval)
    if split.remaining_cents:
        with contextlib.suppress(TenderError):
            split.add(CASH, split.remaining_cents + cash)
    if not split.settled:
        return
    when = datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)
    sale = SellingService(db, STORE, lambda: when).complete_sale(cart, CASHIER, split.payments)
    queued = db.state.outbox[sale.op_id]
    [wire] = _validate([_on_the_wire(queued.type, queued.payload)]).ops
    assert sum(p.amount_cents for p in wire.payload.payments) == cart.total.cents  # type: ignore[union-attr]


def test_returns_without_receipt_exchanges_and_order_returns_are_accepted() -> None:
    from counter_app.services.exchanges import ExchangeService
    from counter_app.services.no_receipt_returns import NoReceiptItem, NoReceiptReturnsService
    from counter_app.services.order_returns import (
        OrderLine,
        OrderReturnChoice,
        OrderReturnsService,
        ReturnableOrder,
    )

    db = FakeDatabase()
    tea = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
    shirt = ProductInfo(11, "100011", "棉質T恤 M", Money(59_000))
    for product in (tea, shirt):
        db.add_product(product)
    db.add_staff(STORE.location_id, 4, "林主任", "supervisor", "246810")
    open_test_shift(db, STORE.location_id)
    staff = StaffService(db, STORE.location_id)
    no_receipt = NoReceiptReturnsService(db, STORE, staff)
    approval = staff.approve("246810", Action.RETURN_NO_RECEIPT)
    done = no_receipt.complete(
        "0912-345-678", [NoReceiptItem(tea.sku, 2, "damaged")], CASHIER, approval
    )
    cart = Cart()
    cart.add(shirt, 1)
    sale = SellingService(db, STORE).complete_cash_sale(cart, CASHIER, cart.total)
    returns = ReturnsService(db, STORE)
    line = returns.find(sale.receipt_no).lines[0].line_id
    new = Cart()
    new.add(tea, 3)
    exchanged = ExchangeService(db, STORE, returns).complete(
        sale.receipt_no, [ReturnChoice(line, 1, "damaged", "破洞")], new, CASHIER
    )
    order = ReturnableOrder(
        "group_buy",
        "0193a0b0-0000-7000-8000-00000000beef",
        "shipped",
        None,
        (OrderLine(10, "100010", "茶", Money(2500), 2, 0),),
        0,
    )
    order_done = OrderReturnsService(db, STORE, None).complete(
        order, [OrderReturnChoice(10, 1, "send_to_warehouse")], "channel", CASHIER
    )
    ops = [
        db.state.outbox[op_id]
        for op_id in (
            done.op_id,
            exchanged.returned.op_id,
            exchanged.sale_op_id,
            order_done.op_id,
        )
    ]
    assert [op.type for op in ops] == ["return", "return", "sale", "order.return"]
    _validate([_on_the_wire(op.type, op.payload) for op in ops])


def test_the_store_stock_ops_as_the_services_queue_them_are_accepted() -> None:
    """A transfer request, a receipt by scan count with a short and an extra item, and
    a count (with a reason of the longest length the service allows)."""
    from counter_app.core.stock_work import TransferLineRecord, TransferRecord
    from counter_app.services.stock_counts import StockCountService
    from counter_app.services.store_transfers import MAX_REASON, StoreTransferService

    db = FakeDatabase()
    db.state.products[10] = ProductInfo(10, "100010", "綠茶", Money(2500), "飲料")
    db.state.products[11] = ProductInfo(11, "100011", "泡芙", Money(3500), "零食")
    transfers = StoreTransferService(db, STORE)
    transfers.request(10, 999, "補" * MAX_REASON, CASHIER)
    db.state.transfers["0193a0c4-7a1b-7c3d-8e4f-5a6b7c8d9e0f"] = TransferRecord(
        "0193a0c4-7a1b-7c3d-8e4f-5a6b7c8d9e0f",
        "shipped",
        1,
        2,
        (TransferLineRecord(10, 3), TransferLineRecord(11, 1)),
        "2026-11-25T10:00:00+08:00",
    )
    transfers.scan("0193a0c4-7a1b-7c3d-8e4f-5a6b7c8d9e0f", 10)
    transfers.scan("0193a0c4-7a1b-7c3d-8e4f-5a6b7c8d9e0f", 12)  # extra
    transfers.receive("0193a0c4-7a1b-7c3d-8e4f-5a6b7c8d9e0f", CASHIER)
    counts = StockCountService(db, 2)
    db.state.count_sessions.clear()
    from counter_app.core.catalog import StockFigure

    db.state.stock[10] = [StockFigure(2, "S001", "台北信義店", "store", -2, 0, -2, 0, None)]
    counts.start("flagged", CASHIER)
    counts.set_count(10, 0)
    counts.submit(CASHIER)
    queued = list(db.state.outbox.values())
    assert [op.type for op in queued] == ["transfer.request", "transfer.receive", "stock_count"]
    request = _validate([_on_the_wire(op.type, op.payload) for op in queued])
    receipt = request.ops[1].payload
    assert [(x.product_id, x.qty) for x in receipt.lines] == [(10, 1), (11, 0), (12, 1)]  # type: ignore[union-attr]
    assert request.ops[2].payload.lines[0].expected_on_hand == -2  # type: ignore[union-attr]
