"""Transfers between locations: requested -> shipped -> received (or cancelled)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, InvalidTransition, NotFound
from warehouse_api.models import Reservation, Transfer, TransferLine
from warehouse_api.schemas import TransferReceivePayload
from warehouse_api.services.feed_data import publish_reservation, publish_transfer, transfer_data
from warehouse_api.services.inventory import adjust_stock
from warehouse_api.services.locations import ensure_visible, require_store_device
from warehouse_api.services.operations import OpContext, op_handler
from warehouse_api.services.reservations import quantities
from warehouse_api.services.transitions import transition


def _advance_linked_reservation(
    session: Session, transfer_id: str, from_status: str, to_status: str, wanted: str
) -> None:
    """Move the pickup a transfer carries, before the transfer itself.

    Every flow locks in the same order (reservation, then transfer, then stock rows),
    so a ship racing an expiry on PostgreSQL waits instead of deadlocking.
    """
    transfer = session.get(Transfer, transfer_id)
    if transfer is None:
        raise NotFound("transfer_not_found", f"no transfer {transfer_id}")
    if transfer.status != from_status:
        raise InvalidTransition("transfer", transfer.status, wanted)
    if transfer.reservation_id is not None:
        reservation = transition(
            session, Reservation, transfer.reservation_id, [_PICKUP_BEFORE[to_status]], to_status
        )
        publish_reservation(session, reservation)


_PICKUP_BEFORE = {"in_transit": "confirmed", "ready": "in_transit"}


def ship_transfer(
    session: Session,
    transfer_id: str,
    device_id: int | None,
    carrier: str | None,
    tracking_no: str | None,
) -> Transfer:
    """Goods leave the source: on_hand falls there, and any hold for them is used up."""
    _advance_linked_reservation(session, transfer_id, "requested", "in_transit", "shipped")
    transfer = transition(
        session,
        Transfer,
        transfer_id,
        ["requested"],
        "shipped",
        carrier=carrier,
        tracking_no=tracking_no,
    )
    held = transfer.reservation_id is not None
    for product_id, qty in sorted(quantities(transfer.lines).items()):
        adjust_stock(
            session,
            transfer.from_location_id,
            product_id,
            on_hand_delta=-qty,
            reserved_delta=-qty if held else 0,
            reason="transfer_out",
            reference=transfer.id,
            device_id=device_id,
        )
    publish_transfer(session, transfer)
    return transfer


def receive_transfer(session: Session, transfer_id: str, device_id: int | None) -> Transfer:
    """Goods arrive: on_hand rises at the destination; pickup goods are held there."""
    _advance_linked_reservation(session, transfer_id, "shipped", "ready", "received")
    transfer = transition(session, Transfer, transfer_id, ["shipped"], "received")
    for_pickup = transfer.reservation_id is not None
    for product_id, qty in sorted(quantities(transfer.lines).items()):
        adjust_stock(
            session,
            transfer.to_location_id,
            product_id,
            on_hand_delta=qty,
            reserved_delta=qty if for_pickup else 0,
            reason="transfer_in",
            reference=transfer.id,
            device_id=device_id,
        )
    publish_transfer(session, transfer)
    return transfer


@op_handler("transfer.receive")
def receive_at_store(ctx: OpContext, payload: TransferReceivePayload) -> dict[str, Any]:
    store_id = require_store_device(ctx.device)
    transfer = ctx.session.get(Transfer, payload.transfer_id)
    if transfer is None:
        raise NotFound("transfer_not_found", f"no transfer {payload.transfer_id}")
    ensure_visible(ctx.device, transfer.to_location_id, "transfer")
    assert transfer.to_location_id == store_id
    return transfer_data(receive_transfer(ctx.session, transfer.id, ctx.device.id))


def list_transfers(session: Session, status: str | None, limit: int = 200) -> list[Transfer]:
    query = select(Transfer).order_by(Transfer.created_at, Transfer.id).limit(limit)
    if status:
        query = query.where(Transfer.status == status)
    return list(session.scalars(query))


def request_transfer(
    session: Session,
    transfer_id: str,
    from_location_id: int,
    to_location_id: int,
    lines: dict[int, int],
) -> Transfer:
    """A new transfer in state `requested` (no hold: stock leaves when it is shipped)."""
    if from_location_id == to_location_id:
        raise DomainError("same_location", "a transfer needs two different locations", 422)
    transfer = Transfer(
        id=transfer_id,
        status="requested",
        from_location_id=from_location_id,
        to_location_id=to_location_id,
        lines=[TransferLine(product_id=pid, qty=qty) for pid, qty in sorted(lines.items())],
    )
    session.add(transfer)
    session.flush()
    publish_transfer(session, transfer)
    return transfer
