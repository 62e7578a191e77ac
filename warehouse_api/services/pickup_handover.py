"""The hand-over of a store pickup (``pickup.complete``), whole or in parts.

A pickup is ready once its transfer reached the store; each line then knows what
arrived for it (``arrived_qty``) and what the customer has collected
(``collected_qty``). A hand-over names per line what the customer takes now, or
nothing to take everything here. It may not take more than is held here for the
reservation (arrived and not yet collected): ``pickup_exceeds_held``. Only what was
handed over leaves the store's stock; the reservation stays ready until every line is
collected in full, then becomes picked up.

A group-buy order paid at pickup needs, for each hand-over that costs something, the
store sale that paid for exactly what it takes (``sale_id``; services/pickup_payment.py):
without it ``pickup_unpaid``, and nothing is handed over.

The reservation row is locked first (as every flow touching it does: reservation,
then transfer, then stock rows), so two tills handing over the same pickup at once
are judged one after the other against the same committed figures.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, InvalidTransition, NotFound
from warehouse_api.models import Reservation, utcnow
from warehouse_api.schemas import PickupCompletePayload
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.feed_data import publish_reservation, reservation_data
from warehouse_api.services.inventory import take_held_stock
from warehouse_api.services.locations import require_store_device
from warehouse_api.services.operations import OpContext, op_handler
from warehouse_api.services.pickup_payment import settle_handover_payment
from warehouse_api.services.reservations import held_here, load_reservation
from warehouse_api.services.transitions import transition


def _find(session: Session, device: AuthenticatedDevice, payload: PickupCompletePayload) -> str:
    if payload.reservation_id:
        return load_reservation(session, device, payload.reservation_id).id
    if payload.pickup_code:
        found = session.scalar(
            select(Reservation.id).where(Reservation.pickup_code == payload.pickup_code.upper())
        )
        if found is None:
            raise NotFound(
                "reservation_not_found", f"no reservation with code {payload.pickup_code}"
            )
        return load_reservation(session, device, found).id
    raise DomainError("validation_error", "give reservation_id or pickup_code", 422)


def _wanted(reservation: Reservation, payload: PickupCompletePayload) -> dict[int, int]:
    """Per product, what this hand-over takes; refused when over what is held here."""
    lines = {line.product_id: line for line in reservation.lines}
    if payload.lines is None:
        wanted = {pid: held_here(line) for pid, line in lines.items() if held_here(line) > 0}
        if not wanted:
            raise DomainError(
                "pickup_nothing_held", f"nothing of {reservation.id} is at the store to hand over"
            )
        return wanted
    wanted = {}
    for item in payload.lines:
        if item.product_id in wanted:
            raise DomainError(
                "pickup_duplicate_product", "each product may appear once in a hand-over", 422
            )
        line = lines.get(item.product_id)
        held = held_here(line) if line is not None else 0
        if item.qty > held:
            raise DomainError(
                "pickup_exceeds_held",
                f"product {item.product_id}: {item.qty} asked, {held} held here for "
                f"{reservation.id}",
                product_id=item.product_id,
                requested=item.qty,
                held=held,
            )
        wanted[item.product_id] = item.qty
    return wanted


@op_handler("pickup.complete")
def complete_pickup(ctx: OpContext, payload: PickupCompletePayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store_device(ctx.device)
    reservation_id = _find(session, ctx.device, payload)
    reservation = session.get(
        Reservation, reservation_id, with_for_update=True, populate_existing=True
    )
    assert reservation is not None
    session.refresh(reservation, ["lines"])
    if reservation.status != "ready":
        raise InvalidTransition("reservation", reservation.status, "picked_up")
    wanted = _wanted(reservation, payload)
    # An order paid at pickup: the sale paying exactly this hand-over, linked once.
    paid = settle_handover_payment(
        session, reservation, wanted, payload.sale_id, store_id, ctx.op_id
    )
    for line in reservation.lines:
        line.collected_qty += wanted.get(line.product_id, 0)
    if all(line.collected_qty == line.qty for line in reservation.lines):
        reservation = transition(session, Reservation, reservation.id, ["ready"], "picked_up")
    else:
        reservation.updated_at = utcnow()
    session.flush()
    take_held_stock(
        session,
        store_id,
        wanted,
        reason="pickup",
        reference=reservation.id,
        device_id=ctx.device.id,
    )
    publish_reservation(session, reservation)
    handed = [{"product_id": pid, "qty": qty} for pid, qty in sorted(wanted.items())]
    result = {**reservation_data(reservation), "handed_over": handed}
    if paid is not None:
        result["paid_by"] = {"sale_id": payload.sale_id, "amount_cents": paid}
    return result
