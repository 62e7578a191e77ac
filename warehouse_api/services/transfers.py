"""Transfers between locations: requested -> shipped -> received (or cancelled)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, InvalidTransition, NotFound
from warehouse_api.models import Reservation, Transfer, TransferLine
from warehouse_api.schemas import TransferReceivePayload, TransferRequestPayload
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.feed_data import publish_reservation, publish_transfer, transfer_data
from warehouse_api.services.inventory import adjust_stock
from warehouse_api.services.locations import ensure_visible, require_store_device, warehouse_id
from warehouse_api.services.operations import OpContext, op_handler
from warehouse_api.services.reservations import is_follow_up, quantities
from warehouse_api.services.sales import require_products
from warehouse_api.services.transitions import transition


def _advance_linked_reservation(
    session: Session,
    transfer_id: str,
    from_status: str,
    to_status: str,
    wanted: str,
    *,
    publish: bool = True,
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
    if is_follow_up(transfer):
        # The rest of a pickup already at the store: the pickup stays as it is (locked
        # first all the same, like every flow).
        session.get(Reservation, transfer.reservation_id, with_for_update=True)
    elif transfer.reservation_id is not None:
        reservation = transition(
            session, Reservation, transfer.reservation_id, [_PICKUP_BEFORE[to_status]], to_status
        )
        if publish:
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


def receive_transfer(
    session: Session,
    transfer_id: str,
    device_id: int | None,
    counted: dict[int, int] | None = None,
) -> Transfer:
    """Goods arrive: on_hand rises at the destination by what arrived; pickup goods are
    held there.

    ``counted`` is the store's scan count per product (a product the transfer carries
    but the store did not list arrived 0 times). Each line records what was counted, so
    a short or extra item stays on the transfer as its discrepancy (``qty`` shipped,
    ``received_qty`` counted); the destination books only what arrived. Without a count
    the transfer is received as shipped.
    """
    # Published once what arrived for it is recorded (`_record_arrival`).
    _advance_linked_reservation(session, transfer_id, "shipped", "ready", "received", publish=False)
    transfer = transition(session, Transfer, transfer_id, ["shipped"], "received")
    shipped = quantities(transfer.lines)
    arrived = dict(shipped) if counted is None else {pid: counted.get(pid, 0) for pid in shipped}
    if counted is not None:
        extra = sorted(set(counted) - set(shipped))
        if extra:
            require_products(session, set(extra))
        for product_id in extra:  # an item nobody shipped: recorded, and booked here
            arrived[product_id] = counted[product_id]
            transfer.lines.append(
                TransferLine(product_id=product_id, qty=0, received_qty=counted[product_id])
            )
    for line in transfer.lines:
        if line.received_qty is None:
            line.received_qty = arrived.get(line.product_id, 0)
    session.flush()
    for_pickup = transfer.reservation_id is not None
    if is_follow_up(transfer):  # held at the store only while the pickup still waits
        pickup = session.get(Reservation, transfer.reservation_id)
        for_pickup = pickup is not None and pickup.status == "ready"
    if for_pickup:
        _record_arrival(session, transfer.reservation_id, arrived)
    for product_id, qty in sorted(arrived.items()):
        if qty == 0:
            continue
        adjust_stock(
            session,
            transfer.to_location_id,
            product_id,
            on_hand_delta=qty,
            # A pickup holds what it asked for, as far as it arrived.
            reserved_delta=min(qty, shipped.get(product_id, 0)) if for_pickup else 0,
            reason="transfer_in",
            reference=transfer.id,
            device_id=device_id,
        )
    publish_transfer(session, transfer)
    return transfer


def _record_arrival(session: Session, reservation_id: str | None, arrived: dict[int, int]) -> None:
    """Each pickup line learns what reached the store for it (never past what it asked)."""
    reservation = session.get(Reservation, reservation_id)
    assert reservation is not None
    for line in reservation.lines:
        line.arrived_qty = min(line.qty, line.arrived_qty + arrived.get(line.product_id, 0))
    session.flush()
    publish_reservation(session, reservation)


def _receive_stock_keys(
    session: Session, device: AuthenticatedDevice, payload: TransferReceivePayload
) -> list[tuple[int, int]]:
    transfer = session.get(Transfer, payload.transfer_id)
    if transfer is None:
        return []
    products = {line.product_id for line in transfer.lines}
    products |= {line.product_id for line in payload.lines or []}
    return [(transfer.to_location_id, pid) for pid in sorted(products)]


@op_handler("transfer.receive", stock_keys=_receive_stock_keys)
def receive_at_store(ctx: OpContext, payload: TransferReceivePayload) -> dict[str, Any]:
    store_id = require_store_device(ctx.device)
    transfer = ctx.session.get(Transfer, payload.transfer_id)
    if transfer is None:
        raise NotFound("transfer_not_found", f"no transfer {payload.transfer_id}")
    ensure_visible(ctx.device, transfer.to_location_id, "transfer")
    assert transfer.to_location_id == store_id
    counted: dict[int, int] | None = None
    if payload.lines is not None:
        counted = {}
        for line in payload.lines:
            if line.product_id in counted:
                raise DomainError(
                    "receive_duplicate_product", "each product may appear once in a receipt", 422
                )
            counted[line.product_id] = line.qty
    return transfer_data(receive_transfer(ctx.session, transfer.id, ctx.device.id, counted))


@op_handler("transfer.request")
def request_at_store(ctx: OpContext, payload: TransferRequestPayload) -> dict[str, Any]:
    """A store asks the warehouse for goods; the operator ships it like any transfer."""
    store_id = require_store_device(ctx.device)
    lines: dict[int, int] = {}
    for line in payload.lines:
        lines[line.product_id] = lines.get(line.product_id, 0) + line.qty
    require_products(ctx.session, set(lines))
    existing = ctx.session.get(Transfer, payload.transfer_id)
    if existing is not None:  # the same request sent again under another op id
        if existing.to_location_id != store_id or quantities(existing.lines) != lines:
            raise DomainError(
                "idempotency_key_reused",
                f"transfer {payload.transfer_id} is another transfer",
                409,
            )
        return transfer_data(existing)
    reason = (payload.reason or "").strip() or None
    transfer = request_transfer(
        ctx.session, payload.transfer_id, warehouse_id(ctx.session), store_id, lines, reason
    )
    return transfer_data(transfer)


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
    reason: str | None = None,
) -> Transfer:
    """A new transfer in state `requested` (no hold: stock leaves when it is shipped)."""
    if from_location_id == to_location_id:
        raise DomainError("same_location", "a transfer needs two different locations", 422)
    transfer = Transfer(
        id=transfer_id,
        status="requested",
        from_location_id=from_location_id,
        to_location_id=to_location_id,
        reason=reason,
        lines=[TransferLine(product_id=pid, qty=qty) for pid, qty in sorted(lines.items())],
    )
    session.add(transfer)
    session.flush()
    publish_transfer(session, transfer)
    return transfer
