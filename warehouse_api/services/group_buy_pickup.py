"""Group-buy orders collected at a store (線上團購門市提貨).

An order the channel places for a store, or a ship-to-customer order the console sends
to one, is held at the warehouse like a counter's pickup: it gets a pickup code, a hold
time and the transfer to that store, and from there goes the pickup's way (in_transit
when the transfer ships, ready when the store receives it, picked_up at the desk). Only
that store's feed carries it (`publish_reservation` scopes it to the store).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, InvalidTransition, NotFound
from warehouse_api.models import (
    Location,
    Reservation,
    ReservationPayment,
    Sale,
    Transfer,
    TransferLine,
    utcnow,
)
from warehouse_api.services.feed_data import publish_reservation, publish_transfer

# What the channel reads for each status of an order (`channel_status` of its answer).
CHANNEL_STATUS = {
    "confirmed": "pending",
    "in_transit": "in_transit",
    "ready": "ready_for_pickup",
    "picked_up": "collected",
    "expired": "expired",
    "cancelled": "cancelled",
    "shipped": "shipped",
}


def channel_status(order: Reservation) -> str:
    return CHANNEL_STATUS.get(order.status, order.status)


def payment_state(order: Reservation) -> str:
    """How the order is paid, in the channel's words: paid_online, or for one paid at
    pickup unpaid, part_paid (a partial pickup, paid for what was taken) or paid_at_store
    (every unit collected, and so paid: a hand-over of such an order needs its sale)."""
    if order.payment != "at_pickup":
        return "paid_online"
    collected = sum(line.collected_qty for line in order.lines)
    if collected == 0:
        return "unpaid"
    return (
        "paid_at_store"
        if all(line.collected_qty == line.qty for line in order.lines)
        else ("part_paid")
    )


def store_payments(session: Session, order: Reservation) -> list[dict[str, Any]]:
    """The store sales that paid the order's hand-overs, oldest first."""
    if order.payment != "at_pickup":
        return []
    rows = session.execute(
        select(
            ReservationPayment.sale_id,
            Sale.receipt_no,
            Location.code,
            ReservationPayment.amount_cents,
            ReservationPayment.paid_at,
        )
        .join(Sale, Sale.id == ReservationPayment.sale_id)
        .join(Location, Location.id == ReservationPayment.location_id)
        .where(ReservationPayment.reservation_id == order.id)
        .order_by(ReservationPayment.paid_at, ReservationPayment.sale_id)
    ).all()
    return [
        {
            "sale_id": sale_id,
            "receipt_no": receipt_no,
            "store_code": code,
            "amount_cents": amount,
            "paid_at": paid_at,
        }
        for sale_id, receipt_no, code, amount, paid_at in rows
    ]


def pickup_store_id(session: Session, code: str) -> int:
    """The store with this code; 422 ``pickup_store_unknown`` for anything else."""
    found = session.execute(
        select(Location.id, Location.kind).where(Location.code == code)
    ).one_or_none()
    if found is None or found.kind != "store":
        raise DomainError("pickup_store_unknown", f"{code} is not a store's code", 422)
    return int(found.id)


def store_code(session: Session, order: Reservation) -> str | None:
    if order.store_location_id is None:
        return None
    return session.scalar(select(Location.code).where(Location.id == order.store_location_id))


def pickup_transfer(
    order: Reservation, wanted: dict[int, int], now: datetime | None = None
) -> Transfer:
    """The transfer taking a held order's goods from the warehouse to its store. With
    `now`, its times are set too (a row for a Core insert, where no column default
    fills them: `reservations._insert_pickup`)."""
    assert order.store_location_id is not None
    stamped = {} if now is None else {"created_at": now, "updated_at": now}
    return Transfer(
        id=f"TR-{order.id}",
        status="requested",
        from_location_id=order.source_location_id,
        to_location_id=order.store_location_id,
        reservation_id=order.id,
        lines=[TransferLine(product_id=pid, qty=qty) for pid, qty in sorted(wanted.items())],
        **stamped,
    )


def send_to_store(
    session: Session, order_id: str, store_id: int, pickup_code: str, hold_hours: int
) -> Reservation:
    """Turn a held ship-to-customer order into one collected at `store_id`.

    One conditional UPDATE decides (still confirmed, still for the customer), so a ship,
    a cancel or a second send racing it cannot both win; the held stock stays held at
    the warehouse until the transfer ships."""
    now = utcnow()
    result = session.execute(
        update(Reservation)
        .where(
            Reservation.id == order_id,
            Reservation.kind == "group_buy",
            Reservation.status == "confirmed",
            Reservation.store_location_id.is_(None),
        )
        .values(
            store_location_id=store_id,
            pickup_code=pickup_code,
            expires_at=now + timedelta(hours=hold_hours),
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    order = session.get(Reservation, order_id, populate_existing=True)
    if getattr(result, "rowcount", 0) != 1:
        if order is None or order.kind != "group_buy":
            raise NotFound("order_not_found", f"no group-buy order {order_id}")
        if order.store_location_id is not None:
            raise DomainError(
                "order_for_store_pickup", f"order {order_id} is already for store pickup"
            )
        raise InvalidTransition("reservation", order.status, "sent to a store")
    assert order is not None
    transfer = pickup_transfer(order, {line.product_id: line.qty for line in order.lines})
    session.add(transfer)
    session.flush()
    publish_reservation(session, order)
    publish_transfer(session, transfer, to_kind="store")
    return order
