"""The rest of a pickup, sent after it: a transfer received short, or lines that could not
all travel at once, leave a ready pickup waiting for units that are not at the store.
The operator sends them on a follow-up transfer (``send_rest_of_pickup``): the warehouse
holds them again, and when the transfer is received the pickup's lines count what
arrived, so the customer collects the rest like the first part.

While a follow-up is requested or shipped, a second one is refused
(``pickup_rest_on_its_way``). Cancelling the pickup cancels a requested follow-up and
gives its warehouse hold back; one already shipped arrives as ordinary stock.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, InvalidTransition, NotFound
from warehouse_api.models import Reservation, ReservationLine, Transfer, TransferLine
from warehouse_api.services.feed_data import publish_transfer
from warehouse_api.services.inventory import hold_stock

OPEN = ("requested", "shipped")


def send_rest_of_pickup(session: Session, reservation_id: str) -> Transfer:
    """A follow-up transfer of what has not reached the store for a ready pickup."""
    reservation = session.get(
        Reservation, reservation_id, with_for_update=True, populate_existing=True
    )
    if reservation is None or reservation.kind != "pickup":
        raise NotFound("reservation_not_found", f"no pickup {reservation_id}")
    session.refresh(reservation, ["lines"])
    if reservation.status != "ready":
        raise InvalidTransition("reservation", reservation.status, "ready")
    on_its_way = session.scalar(
        select(Transfer.id).where(
            Transfer.reservation_id == reservation_id, Transfer.status.in_(OPEN)
        )
    )
    if on_its_way is not None:
        raise DomainError(
            "pickup_rest_on_its_way",
            f"transfer {on_its_way} already carries the rest of {reservation_id}",
            transfer_id=on_its_way,
        )
    rest = {
        line.product_id: line.qty - line.arrived_qty
        for line in reservation.lines
        if line.qty > line.arrived_qty
    }
    if not rest:
        raise DomainError("pickup_nothing_to_send", f"all of {reservation_id} reached the store")
    assert reservation.store_location_id is not None
    earlier = session.scalar(
        select(func.count(Transfer.id)).where(Transfer.reservation_id == reservation_id)
    )
    transfer = Transfer(
        id=f"TR-{reservation_id}-{int(earlier or 0) + 1}",
        status="requested",
        from_location_id=reservation.source_location_id,
        to_location_id=reservation.store_location_id,
        reservation_id=reservation_id,
        reason="rest of a pickup",
        lines=[TransferLine(product_id=pid, qty=qty) for pid, qty in sorted(rest.items())],
    )
    session.add(transfer)
    session.flush()
    hold_stock(session, reservation.source_location_id, rest)  # last: rows locked until commit
    publish_transfer(session, transfer, to_kind="store")
    return transfer


def short_pickups(session: Session, limit: int = 200) -> list[tuple[Reservation, dict[int, int]]]:
    """Ready pickups waiting for units that are not at the store and not on their way:
    each with what is missing (product id -> qty), oldest first. The console's transfers
    page lists them with a button that sends the rest."""
    on_its_way = select(Transfer.reservation_id).where(
        Transfer.reservation_id.is_not(None), Transfer.status.in_(OPEN)
    )
    found = session.scalars(
        select(Reservation)
        .where(
            Reservation.kind == "pickup",
            Reservation.status == "ready",
            Reservation.id.in_(
                select(ReservationLine.reservation_id).where(
                    ReservationLine.arrived_qty < ReservationLine.qty
                )
            ),
            Reservation.id.not_in(on_its_way),
        )
        .order_by(Reservation.updated_at, Reservation.id)
        .limit(limit)
    )
    return [
        (
            reservation,
            {
                line.product_id: line.qty - line.arrived_qty
                for line in reservation.lines
                if line.qty > line.arrived_qty
            },
        )
        for reservation in found
    ]
