"""One cart, three ways to fulfil; dropship orders at the counter; alerts for refused
pickup and ship lines. On the in-memory fakes and on the till's real SQLite file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.fulfilment import Fulfilment
from counter_app.core.money import Money
from counter_app.core.tw_address import AddressError
from counter_app.local.db import LocalDatabase
from counter_app.local.fulfilment_repository import (
    apply_dropship_change,
    raise_alert_for_refused_order,
)
from counter_app.local.models import OutboxOp
from counter_app.local.outbox import mark_rejected
from counter_app.services.alerts import AlertError, AlertService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.dropship import DropshipError, DropshipService
from counter_app.services.fulfilment import FulfilmentError, FulfilmentService, line_source
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.returns import ReturnsService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
RICE = ProductInfo(11, "100011", "池上米 3kg", Money(33300))
FAN = ProductInfo(12, "100012", "電風扇", Money(89_000))
PINS = {"cashier": "1234", "supervisor": "246810"}
SERVICE = FulfilmentService()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=TAIWAN)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "fake":
        database: Any = FakeDatabase()
        for product in (TEA, RICE, FAN):
            database.add_product(product)
        database.add_staff(2, 3, "王小明", "cashier", PINS["cashier"])
        database.add_staff(2, 4, "林主任", "supervisor", PINS["supervisor"])
    else:
        database = LocalDatabase(tmp_path / "counter.db")
    open_test_shift(database, STORE.location_id, opening_cents=500_000)
    yield database


def _mixed_cart(ship_to_store: bool = True) -> Cart:
    cart = Cart()
    cart.add(TEA, 2)  # take
    cart.add(RICE, 1)
    cart.set_fulfilment(1, Fulfilment("pickup"))
    cart.add(FAN, 1)
    cart.set_fulfilment(2, Fulfilment("ship", "warehouse"))
    ship_to = (
        SERVICE.store_pickup("7-11", "123456", "松高門市")
        if ship_to_store
        else SERVICE.home("11049", "松高路1號")
    )
    cart.customer = SERVICE.customer("陳小姐", "0912-345-678", ship_to)
    return cart


def _queued(db: Any) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(db, FakeDatabase):
        return [(op.type, op.payload) for op in db.state.outbox.values()]
    with db.read() as session:
        rows = session.scalars(select(OutboxOp).order_by(OutboxOp.op_id)).all()
        return [(row.type, json.loads(row.payload)) for row in rows]


def _sell(db: Any, cart: Cart) -> Any:
    selling = SellingService(db, STORE, Clock(), fulfilment=SERVICE)
    return selling.complete_cash_sale(cart, CASHIER, cart.total)


def test_a_mixed_cart_is_one_sale_linked_to_a_reservation_and_a_dropship_order(db: Any) -> None:
    cart = _mixed_cart()
    sale = _sell(db, cart)
    assert sale.total == Money(2 * 2500 + 33300 + 89_000)
    assert [line.fulfilment for line in sale.lines] == ["take", "pickup", "ship"]
    assert sale.orders.reservation_id and len(sale.orders.dropship_ids) == 1
    ops = dict(_queued(db))
    lines = ops["sale"]["lines"]
    assert [line.get("fulfilment", "take") for line in lines] == ["take", "pickup", "ship"]
    reservation = ops["reservation.create"]
    assert (reservation["sale_id"], reservation["receipt_no"]) == (sale.sale_id, sale.receipt_no)
    assert reservation["lines"] == [
        {"product_id": 11, "qty": 1, "sale_line_id": lines[1]["line_id"], "paid_cents": 33300}
    ]
    assert reservation["customer_phone"] == "0912345678"
    dropship = ops["dropship.create"]
    assert dropship["receipt_no"] == sale.receipt_no and dropship["source"] == "warehouse"
    assert dropship["address"] == "7-ELEVEN 123456 松高門市" and dropship["delivery"] == "cvs"
    assert dropship["lines"][0]["paid_cents"] == 89_000
    with db.snapshot() as uow:
        # Only the take line waits to leave this store's shelf.
        assert [r.status for r in uow.reservations.all()] == ["pending"]
        assert [r.status for r in uow.dropships.all()] == ["pending"]


def test_a_plain_cart_sends_no_fulfilment_field_and_no_orders(db: Any) -> None:
    cart = Cart()
    cart.add(TEA, 1)
    sale = _sell(db, cart)
    assert sale.orders.reservation_id is None and sale.orders.dropship_ids == ()
    [(op_type, payload)] = _queued(db)
    assert op_type == "sale" and "fulfilment" not in payload["lines"][0]


def test_pickup_and_ship_lines_need_a_customer_and_ship_lines_an_address(db: Any) -> None:
    cart = Cart()
    cart.add(RICE, 1)
    cart.set_fulfilment(0, Fulfilment("ship"))
    with pytest.raises(FulfilmentError) as refused:
        _sell(db, cart)
    assert refused.value.code == "customer_required"
    cart.customer = SERVICE.customer("陳小姐", "0912345678")
    with pytest.raises(FulfilmentError) as refused:
        _sell(db, cart)
    assert refused.value.code == "ship_to_required"
    assert _queued(db) == []  # nothing was written
    with pytest.raises(FulfilmentError) as no_name:
        SERVICE.customer("  ", "0912345678")
    assert no_name.value.code == "no_name"
    with pytest.raises(AddressError) as bad_phone:
        SERVICE.customer("陳小姐", "12345")
    assert bad_phone.value.code == "bad_phone"


def test_a_scan_of_a_product_on_a_pickup_line_starts_a_take_line() -> None:
    cart = Cart()
    cart.add(RICE, 1)
    cart.set_fulfilment(0, Fulfilment("pickup"))
    assert cart.add(RICE, 1) == 1
    assert [(line.qty, line.fulfilment.mode) for line in cart.lines] == [(1, "pickup"), (1, "take")]


def test_each_line_says_where_it_comes_from_and_how_fresh_the_figure_is() -> None:
    figures = [
        StockFigure(2, "S001", "台北信義店", "store", 0, 0, 0, 0, 30.0),
        StockFigure(1, "WH01", "團購倉儲", "warehouse", 50, 2, 48, 0, 600.0),
        StockFigure(9, "P001", "夥伴商", "partner", 7, 0, 7, 0, 600.0),
    ]
    cart = _mixed_cart()
    take, pickup, ship = (line_source(line, figures, 2, live=False) for line in cart.lines)
    assert (take.location_name, take.available, take.age_s) == ("台北信義店", 0, 30.0)
    assert not take.covers(2)
    assert (pickup.location_name, pickup.available) == ("團購倉儲", 48)
    assert ship.location_name == "團購倉儲"
    cart.set_fulfilment(2, Fulfilment("ship", "partner"))
    partner = line_source(cart.lines[2], figures, 2, live=True)
    assert (partner.location_name, partner.available, partner.age_s) == ("夥伴商", 7, None)


def _reject(db: Any, op_type: str, code: str = "insufficient_stock") -> str:
    """What the relay does with a refusal (sync/relay.py), on either database."""
    if isinstance(db, FakeDatabase):
        from counter_app.core.records import AlertRecord, OrderLineRecord

        op_id, op = next((k, v) for k, v in db.state.outbox.items() if v.type == op_type)
        op.state, op.problem_code = "failed", code
        payload = op.payload
        alert_id = f"alert-{op_id}"
        db.state.alerts[alert_id] = AlertRecord(
            alert_id,
            "pickup" if op_type == "reservation.create" else "ship",
            payload.get("reservation_id") or payload["dropship_id"],
            op_id,
            "2026-12-01T01:00:00+00:00",
            code,
            "not enough",
            tuple(
                OrderLineRecord(
                    ln["product_id"], ln["qty"], ln.get("sale_line_id"), ln.get("paid_cents")
                )
                for ln in payload["lines"]
            ),
            payload["customer_name"],
            payload["customer_phone"],
            payload.get("sale_id"),
            payload.get("receipt_no"),
            payload.get("address"),
            payload.get("delivery"),
        )
        return alert_id
    with db.unit_of_work() as session:
        row = session.scalars(select(OutboxOp).where(OutboxOp.type == op_type)).one()
        mark_rejected(session, row.op_id, code, "not enough")
        alert_id = raise_alert_for_refused_order(
            session, row.op_id, row.type, json.loads(row.payload), code, "not enough"
        )
        # a second refusal of the same op raises nothing more
        assert (
            raise_alert_for_refused_order(
                session, row.op_id, row.type, json.loads(row.payload), code, "again"
            )
            is None
        )
    assert alert_id is not None
    return alert_id


def test_a_refused_pickup_raises_an_alert_resolved_by_shipping_from_the_partner(db: Any) -> None:
    sale = _sell(db, _mixed_cart())
    _reject(db, "reservation.create")
    alerts = AlertService(db, clock=Clock())
    [entry] = alerts.open_alerts()
    assert entry.record.customer_name == "陳小姐" and entry.masked_phone == "0912***678"
    assert entry.record.problem_code == "insufficient_stock"
    assert entry.record.receipt_no == sale.receipt_no and entry.paid_cents == 33300
    with pytest.raises(AlertError) as no_address:
        alerts.resubmit(entry.record.alert_id, "ship_partner", CASHIER)  # a pickup had none
    assert no_address.value.code == "ship_to_required"
    new_id = alerts.resubmit(
        entry.record.alert_id, "ship_partner", CASHIER, SERVICE.home("110", "松高路1號")
    )
    assert alerts.open_alerts() == []
    resent = [p for t, p in _queued(db) if t == "dropship.create" and p["dropship_id"] == new_id]
    assert resent[0]["source"] == "partner" and resent[0]["receipt_no"] == sale.receipt_no
    assert resent[0]["lines"][0]["paid_cents"] == 33300
    with pytest.raises(AlertError) as twice:
        alerts.resubmit(entry.record.alert_id, "pickup", CASHIER)
    assert twice.value.code == "resolved"
    with db.snapshot() as uow:
        assert uow.outbox.failed() == []  # the refused op is no longer counted as failed


def test_a_refused_ship_line_is_refunded_through_the_return_flow(db: Any) -> None:
    sale = _sell(db, _mixed_cart())
    alert_id = _reject(db, "dropship.create")
    returns = ReturnsService(db, STORE, None, Clock())
    done = AlertService(db, returns=returns, clock=Clock()).refund(alert_id, CASHIER)
    assert done.refund == Money(89_000) and done.receipt_no == sale.receipt_no
    [(_, payload)] = [(t, p) for t, p in _queued(db) if t == "return"]
    assert payload["lines"] == [{"product_id": 12, "qty": 1, "disposition": "not_fulfilled"}]
    assert AlertService(db).open_alerts() == []


def test_cancelling_an_alert_needs_a_supervisor_and_a_reason(tmp_path: Path) -> None:
    db = FakeDatabase()
    for product in (TEA, RICE, FAN):
        db.add_product(product)
    db.add_staff(2, 3, "王小明", "cashier", PINS["cashier"])
    db.add_staff(2, 4, "林主任", "supervisor", PINS["supervisor"])
    open_test_shift(db, STORE.location_id)
    _sell(db, _mixed_cart())
    alert_id = _reject(db, "reservation.create")
    staff = StaffService(db, STORE.location_id)
    alerts = AlertService(db, staff=staff, clock=Clock())
    with pytest.raises(ApprovalRefused):
        staff.approve(PINS["cashier"], Action.CANCEL_FULFILMENT)
    approval = staff.approve(PINS["supervisor"], Action.CANCEL_FULFILMENT)
    with pytest.raises(AlertError) as no_reason:
        alerts.cancel(alert_id, approval, "  ")
    assert no_reason.value.code == "reason_required"
    alerts.cancel(alert_id, approval, "客人改買別款")
    assert alerts.open_alerts() == []
    assert any(action == "fulfilment.cancel" for _, action, _ in db.state.audit)


def test_a_dropship_order_on_its_own_is_listed_masked_and_cancelled_before_it_ships(
    tmp_path: Path,
) -> None:
    db = LocalDatabase(tmp_path / "counter.db")
    service = DropshipService(db, Clock())
    customer = SERVICE.customer("林先生", "02-2345-6789", SERVICE.home("40757", "市政北七路1號"))
    entry = service.create(13, 2, customer, "warehouse", CASHIER)
    assert entry.record.address == "40757 臺中市西屯區市政北七路1號"
    assert entry.masked_phone == "0223***789" and entry.cancellable
    shipped = service.create(10, 1, customer, "partner", CASHIER)
    with db.unit_of_work() as session:
        apply_dropship_change(
            session,
            {
                "dropship_id": shipped.record.dropship_id,
                "status": "shipped",
                "carrier": "黑貓宅急便",
                "tracking_no": "9001",
                "updated_at": "2026-12-01T03:00:00+00:00",
            },
        )
    listed = {e.record.dropship_id: e for e in service.orders()}
    assert listed[shipped.record.dropship_id].record.tracking_no == "9001"
    with pytest.raises(DropshipError) as late:
        service.cancel(shipped.record.dropship_id)
    assert (late.value.code, late.value.status) == ("not_cancellable", "shipped")
    assert service.cancel(entry.record.dropship_id, "客人取消").record.status == "cancelling"
    assert [t for t, _ in _queued(db)] == ["dropship.create", "dropship.create", "dropship.cancel"]
    with pytest.raises(DropshipError) as bad:
        service.create(13, 0, customer, "warehouse", CASHIER)
    assert bad.value.code == "bad_qty"
    db.dispose()


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[Any] = []

    def submit(self, document: Any, *, title: str | None = None) -> str:
        self.documents.append(document)
        return f"job-{len(self.documents)}"

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        return "drawer"


def test_the_receipt_says_what_was_taken_what_waits_for_pickup_and_what_ships(db: Any) -> None:
    from counter_app.services.receipts import ReceiptService

    sale = _sell(db, _mixed_cart())
    output = RecordingOutput()
    ReceiptService(db, output, STORE, StaffService(db, STORE.location_id)).print_sale(sale)
    receipt, pickup, *dropship = output.documents
    text = receipt.plain_text(42)
    for expected in (
        "【本次帶走】",
        "【門市取貨（到店後通知）】",
        "【宅配／超商寄送】",
        "0912***678",
        "7-ELEVEN",
    ):
        assert expected in text
    assert "0912345678" not in text
    slip = pickup.plain_text(42)
    assert "待確認" in slip and sale.receipt_no in slip and "池上米" in slip
    assert len(dropship) == 3  # parcel, customer and store copies
    assert "0912345678" in dropship[0].plain_text(42)  # the courier's copy only
    assert "0912345678" not in dropship[1].plain_text(42)


def test_customer_data_of_finished_orders_is_dropped_after_the_retention_period(db: Any) -> None:
    clock = Clock()
    service = DropshipService(db, clock)
    customer = SERVICE.customer("林先生", "0223456789", SERVICE.home("110", "松高路1號"))
    finished = service.create(10, 1, customer, "warehouse", CASHIER)
    running = service.create(11, 1, customer, "warehouse", CASHIER)
    with db.transaction() as uow:
        uow.dropships.set_status(finished.record.dropship_id, "delivered", clock().isoformat())
    assert service.forget_old_customers(retention_days=30) == 0  # delivered a minute ago
    clock.now += timedelta(days=31)
    assert service.forget_old_customers(retention_days=30) == 1
    listed = {e.record.dropship_id: e.record for e in service.orders()}
    assert listed[finished.record.dropship_id].customer_phone == ""
    assert listed[finished.record.dropship_id].address == ""
    assert listed[running.record.dropship_id].customer_phone == "0223456789"  # still needed


def test_a_reprint_shows_the_same_sections_as_the_original_receipt(db: Any) -> None:
    """The journal keeps each line's fulfilment: a reprint is not a plain list."""
    from counter_app.services.receipts import ReceiptService

    sale = _sell(db, _mixed_cart())
    output = RecordingOutput()
    receipts_service = ReceiptService(db, output, STORE, StaffService(db, STORE.location_id))
    receipts_service.reprint(sale.receipt_no)
    text = output.documents[0].plain_text(42)
    taken, pickup, ship = (
        text.index("【本次帶走】"),
        text.index("【門市取貨（到店後通知）】"),
        text.index("【宅配／超商寄送】"),
    )
    assert taken < text.index("茶裏王") < pickup < text.index("池上米") < ship
    assert ship < text.index("電風扇") and "補印" in text
    plain = _sell(db, _tea_cart())
    receipts_service.reprint(plain.receipt_no)
    assert "【本次帶走】" not in output.documents[-1].plain_text(42)  # a plain sale stays plain


def _tea_cart() -> Cart:
    cart = Cart()
    cart.add(TEA, 1)
    return cart


def test_a_mixed_carts_pickup_line_prints_its_coded_slip_once_the_warehouse_confirms(
    db: Any,
) -> None:
    """Sold (maybe offline) with the slip saying "pending confirmation"; the feed brings the
    code later and the coded slip prints by itself, once."""
    from dataclasses import replace

    from counter_app.services.pickup_followups import PickupFollowUps
    from counter_app.services.pickups import PickupDeskService

    sale = _sell(db, _mixed_cart())
    rid = sale.orders.reservation_id
    output = RecordingOutput()
    desk = PickupDeskService(db, STORE, output)
    followups = PickupFollowUps(db, STORE, desk, output)
    assert followups.print_confirmed_slips() == []  # no code yet
    if isinstance(db, FakeDatabase):
        found = db.state.reservations[rid]
        db.state.reservations[rid] = replace(found, status="confirmed", pickup_code="PUMIX00001")
    else:
        from counter_app.local.cache_writer import Change, apply_changes

        data = {
            "reservation_id": rid,
            "kind": "pickup",
            "pickup_code": "PUMIX00001",
            "status": "confirmed",
            "store_location_id": STORE.location_id,
            "lines": [{"product_id": RICE.id, "qty": 1, "arrived_qty": 0, "collected_qty": 0}],
            "expires_at": None,
            "updated_at": "2026-12-01T09:10:00+08:00",
        }
        with db.unit_of_work() as session:
            apply_changes(session, [Change(1, "reservation", "upsert", rid, data)], "now")
    assert len(followups.print_confirmed_slips()) == 1
    slip = output.documents[0].plain_text(42)
    assert "PUMIX00001" in slip and "0912***678" in slip and "x1" in slip
    assert followups.print_confirmed_slips() == []
