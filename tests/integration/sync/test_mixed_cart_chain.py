"""One cart, three ways to fulfil, against the real warehouse on loopback.

* A mixed cart (one line taken, one picked up later, one shipped from the partner) is
  checked out once: the warehouse has the sale, the reservation and the dropship order
  linked by the receipt number with what each line paid; only the take line left the
  store's shelf; the ledger balances; the operator's shipment reaches the till's list.
* A pickup reserved while the warehouse is down, whose stock is gone by the time it
  arrives, is refused and reaches the till as an alert; refunding the line through the
  return flow moves no stock and the ledger still balances.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.fulfilment import Fulfilment
from counter_app.services.alerts import AlertService
from counter_app.services.dropship import DropshipService
from counter_app.services.fulfilment import FulfilmentService
from counter_app.services.returns import ReturnsService
from counter_app.services.selling import SellingService
from counter_app.services.staff import StaffService
from warehouse_api.models import DropshipOrder, Reservation, Return, ReturnLine, SaleLine
from warehouse_api.services.dropship import accept_dropship, ship_dropship
from warehouse_api.services.inventory import check_ledger

from .sync_testkit import CounterUnderTest, Warehouse, drain_until_empty

SERVICE = FulfilmentService()


def _product(counter: CounterUnderTest, sql: str) -> ProductInfo:
    with counter.db.read() as session:
        sku = session.execute(text(sql)).scalar_one()
    product = counter.catalog.find_by_code(str(sku))
    assert product is not None
    return product


def _levels(warehouse: Warehouse, product_id: int) -> dict[str, tuple[int, int]]:
    db = warehouse.database()
    try:
        with db.read() as session:
            rows = session.execute(
                text(
                    "SELECT l.code, s.on_hand, s.reserved FROM stock s "
                    "JOIN locations l ON l.id = s.location_id WHERE s.product_id = :p"
                ),
                {"p": product_id},
            ).all()
        return {code: (on_hand, reserved) for code, on_hand, reserved in rows}
    finally:
        db.dispose()


def _ledger_balances(warehouse: Warehouse) -> bool:
    db = warehouse.database()
    try:
        with db.read() as session:
            return check_ledger(session) == []
    finally:
        db.dispose()


def _selling(counter: CounterUnderTest) -> SellingService:
    return SellingService(counter.db, counter.store, fulfilment=SERVICE)


def test_a_mixed_cart_is_one_receipt_linking_sale_reservation_and_dropship(
    warehouse: Warehouse, counter: CounterUnderTest
) -> None:
    store = counter.store.location_id
    take = _product(
        counter,
        f"SELECT p.sku FROM products p JOIN stock s ON s.product_id = p.id "
        f"WHERE s.location_id = {store} AND s.on_hand >= 5 AND p.active ORDER BY p.id LIMIT 1",
    )
    pickup = _product(
        counter,
        "SELECT p.sku FROM products p JOIN stock s ON s.product_id = p.id "
        "JOIN locations l ON l.id = s.location_id "
        "WHERE l.kind = 'warehouse' AND s.available >= 10 AND p.active "
        f"AND p.id != {take.id} ORDER BY p.id LIMIT 1",
    )
    partner = _product(
        counter,
        "SELECT sku FROM products WHERE dropship_partner_id IS NOT NULL AND active "
        "ORDER BY id LIMIT 1",
    )
    before = {p.id: _levels(warehouse, p.id) for p in (take, pickup, partner)}

    cart = Cart()
    cart.add(take, 2)
    cart.add(pickup, 1)
    cart.set_fulfilment(1, Fulfilment("pickup"))
    cart.add(partner, 1)
    cart.set_fulfilment(2, Fulfilment("ship", "partner"))
    cart.customer = SERVICE.customer(
        "陳小姐", "0912345678", SERVICE.store_pickup("全家", "F01234", "信義松高店")
    )
    sale = _selling(counter).complete_cash_sale(cart, counter.cashier, cart.total)
    drain_until_empty(counter)

    db = warehouse.database()
    try:
        with db.read() as session:
            lines = {
                line.product_id: line.fulfilment
                for line in session.scalars(
                    select(SaleLine).where(SaleLine.sale_id == sale.sale_id)
                )
            }
            assert lines == {take.id: "take", pickup.id: "pickup", partner.id: "ship"}
            reservation = session.scalars(
                select(Reservation).where(Reservation.receipt_no == sale.receipt_no)
            ).one()
            order = session.scalars(
                select(DropshipOrder).where(DropshipOrder.receipt_no == sale.receipt_no)
            ).one()
            assert reservation.sale_id == order.sale_id == sale.sale_id
            assert [(ln.product_id, ln.paid_cents) for ln in reservation.lines] == [
                (pickup.id, pickup.price.cents)
            ]
            assert [(ln.product_id, ln.paid_cents) for ln in order.lines] == [
                (partner.id, partner.price.cents)
            ]
            assert order.delivery == "cvs" and order.address == "全家 F01234 信義松高店"
            assert reservation.status == "confirmed" and order.status == "pending"
    finally:
        db.dispose()

    after = {p.id: _levels(warehouse, p.id) for p in (take, pickup, partner)}
    code = counter.store.code
    assert after[take.id][code][0] == before[take.id][code][0] - 2  # taken from the shelf
    assert after[pickup.id].get(code) == before[pickup.id].get(code)  # not from the shelf
    assert after[pickup.id]["WH01"][1] == before[pickup.id]["WH01"][1] + 1  # held
    assert after[partner.id]["P001"][1] == before[partner.id]["P001"][1] + 1  # held
    assert _ledger_balances(warehouse)

    # The operator ships it; the feed brings carrier and tracking number to the till.
    db = warehouse.database()
    try:
        with db.write() as session:
            assert isinstance(session, Session)
            accept_dropship(session, order.id)
            ship_dropship(session, order.id, "黑貓宅急便", "TW900001", None)
    finally:
        db.dispose()
    counter.puller.pull_until_current()
    [listed] = DropshipService(counter.db).orders()
    assert (listed.record.status, listed.record.carrier, listed.record.tracking_no) == (
        "shipped",
        "黑貓宅急便",
        "TW900001",
    )
    assert listed.record.receipt_no == sale.receipt_no
    assert listed.masked_phone == "0912***678"
    assert _ledger_balances(warehouse)


def test_a_pickup_reserved_offline_and_refused_later_reaches_the_alert(
    warehouse: Warehouse, counter: CounterUnderTest
) -> None:
    pickup = _product(
        counter,
        "SELECT p.sku FROM products p JOIN stock s ON s.product_id = p.id "
        "JOIN locations l ON l.id = s.location_id "
        "WHERE l.kind = 'warehouse' AND s.available >= 3 AND p.active ORDER BY p.id LIMIT 1",
    )
    warehouse.stop()  # the network is down at checkout
    cart = Cart()
    cart.add(pickup, 2)
    cart.set_fulfilment(0, Fulfilment("pickup"))
    cart.customer = SERVICE.customer("林先生", "02-2345-6789")
    sale = _selling(counter).complete_cash_sale(cart, counter.cashier, cart.total)
    counter.relay.drain()  # no answer: it waits
    with counter.db.snapshot() as uow:
        assert [r.status for r in uow.reservations.all()] == ["pending"]

    # Meanwhile the group-buy channel takes the warehouse's last units.
    db = warehouse.database()
    try:
        with db.write() as session:
            session.execute(
                text(
                    "UPDATE stock SET reserved = on_hand - safety_stock WHERE product_id = :p "
                    "AND location_id = (SELECT id FROM locations WHERE code = 'WH01')"
                ),
                {"p": pickup.id},
            )
    finally:
        db.dispose()
    warehouse.restart()
    counter.connectivity.report_success()  # the link is back: no need to wait out the backoff
    drain_until_empty(counter)

    alerts = AlertService(
        counter.db,
        StaffService(counter.db, counter.store.location_id),
        ReturnsService(counter.db, counter.store),
    )
    [alert] = alerts.open_alerts()
    assert alert.record.problem_code == "insufficient_stock"
    assert (alert.record.customer_name, alert.record.customer_phone) == ("林先生", "0223456789")
    assert alert.record.receipt_no == sale.receipt_no
    assert alert.paid_cents == 2 * pickup.price.cents
    with counter.db.snapshot() as uow:
        assert [r.status for r in uow.reservations.all()] == ["rejected"]

    shelf_before = _levels(warehouse, pickup.id).get(counter.store.code)
    done = alerts.refund(alert.record.alert_id, counter.cashier)
    assert done.refund.cents == 2 * pickup.price.cents
    drain_until_empty(counter)
    assert alerts.open_alerts() == []
    db = warehouse.database()
    try:
        with db.read() as session:
            refund = session.get(Return, done.return_id)
            assert refund is not None and refund.sale_id == sale.sale_id
            dispositions = session.scalars(
                select(ReturnLine.disposition).where(ReturnLine.return_id == refund.id)
            ).all()
            assert dispositions == ["not_fulfilled"]
    finally:
        db.dispose()
    assert _levels(warehouse, pickup.id).get(counter.store.code) == shelf_before
    assert _ledger_balances(warehouse)
