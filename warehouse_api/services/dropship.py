"""Dropship orders, shipped to the customer from the warehouse or a dropship partner.

pending (stock held at the source, waiting for the fulfiller) -> accepted ->
shipped (carrier, tracking no.) -> delivered; or cancelled (before shipping).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import DropshipLine, DropshipOrder, Location, Product, utcnow
from warehouse_api.schemas import DropshipCancelPayload, DropshipCreatePayload
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.feed_data import dropship_data, publish_dropship
from warehouse_api.services.inventory import (
    hold_stock,
    release_stock,
    take_held_stock,
)
from warehouse_api.services.locations import ensure_visible, require_store_device, warehouse_id
from warehouse_api.services.operations import OpContext, op_handler, reuse_or_duplicate
from warehouse_api.services.reservations import paid_links, quantities
from warehouse_api.services.sales import require_products
from warehouse_api.services.transitions import transition


def _partner_for(session: Session, product_ids: set[int]) -> int:
    partners = set(
        session.scalars(select(Product.dropship_partner_id).where(Product.id.in_(product_ids)))
    )
    if len(partners) != 1 or None in partners:
        raise DomainError(
            "no_dropship_partner",
            "every product of a partner dropship order must ship from the same partner",
            422,
        )
    partner_id = partners.pop()
    assert partner_id is not None
    return partner_id


@op_handler("dropship.create")
def create_dropship(ctx: OpContext, payload: DropshipCreatePayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store_device(ctx.device)
    existing = session.get(DropshipOrder, payload.dropship_id)
    if existing is not None:
        reuse_or_duplicate(
            session, existing.op_id, ctx.body_sha256, f"dropship {payload.dropship_id}"
        )
    wanted = quantities(payload.lines)
    links = paid_links(payload.lines)
    require_products(session, set(wanted))
    source_id = (
        warehouse_id(session)
        if payload.source == "warehouse"
        else _partner_for(session, set(wanted))
    )
    order = DropshipOrder(
        id=payload.dropship_id,
        status="pending",
        store_location_id=store_id,
        source_location_id=source_id,
        customer_name=payload.customer_name,
        customer_phone=payload.customer_phone,
        address=payload.address,
        sale_id=payload.sale_id,
        receipt_no=payload.receipt_no,
        delivery=payload.delivery,
        op_id=ctx.op_id,
        lines=[
            DropshipLine(
                product_id=pid, qty=qty, sale_line_id=links[pid][0], paid_cents=links[pid][1]
            )
            for pid, qty in sorted(wanted.items())
        ],
    )
    session.add(order)
    session.flush()
    hold_stock(session, source_id, wanted)  # last: stock rows stay locked until commit
    publish_dropship(session, order)
    return dropship_data(order)


def load_dropship(session: Session, device: AuthenticatedDevice, dropship_id: str) -> DropshipOrder:
    order = session.get(DropshipOrder, dropship_id)
    if order is None:
        raise NotFound("dropship_order_not_found", f"no dropship order {dropship_id}")
    ensure_visible(device, order.store_location_id, "dropship order")
    return order


def cancel_dropship(session: Session, order: DropshipOrder) -> DropshipOrder:
    order = transition(session, DropshipOrder, order.id, ["pending", "accepted"], "cancelled")
    release_stock(session, order.source_location_id, quantities(order.lines))
    publish_dropship(session, order)
    return order


@op_handler("dropship.cancel")
def cancel_from_counter(ctx: OpContext, payload: DropshipCancelPayload) -> dict[str, Any]:
    order = load_dropship(ctx.session, ctx.device, payload.dropship_id)
    return dropship_data(cancel_dropship(ctx.session, order))


def accept_dropship(session: Session, dropship_id: str) -> DropshipOrder:
    order = transition(session, DropshipOrder, dropship_id, ["pending"], "accepted")
    publish_dropship(session, order)
    return order


def ship_dropship(
    session: Session, dropship_id: str, carrier: str, tracking_no: str, device_id: int | None
) -> DropshipOrder:
    order = transition(
        session,
        DropshipOrder,
        dropship_id,
        ["accepted"],
        "shipped",
        carrier=carrier,
        tracking_no=tracking_no,
        shipped_at=utcnow(),
    )
    take_held_stock(
        session,
        order.source_location_id,
        quantities(order.lines),
        reason="dropship_ship",
        reference=order.id,
        device_id=device_id,
    )
    publish_dropship(session, order)
    return order


def deliver_dropship(session: Session, dropship_id: str) -> DropshipOrder:
    order = transition(
        session, DropshipOrder, dropship_id, ["shipped"], "delivered", delivered_at=utcnow()
    )
    publish_dropship(session, order)
    return order


def list_dropship(session: Session, status: str | None, limit: int = 200) -> list[DropshipOrder]:
    query = select(DropshipOrder).order_by(DropshipOrder.created_at, DropshipOrder.id).limit(limit)
    if status:
        query = query.where(DropshipOrder.status == status)
    return list(session.scalars(query))


PROBLEMS = ("wrong_item", "damaged", "lost")


def pass_to_partner(session: Session, dropship_id: str) -> DropshipOrder:
    """The warehouse cannot ship it: the product's partner will. The hold moves from the
    warehouse to the partner (refused whole with `insufficient_stock` if the partner has
    too little) and the order waits for the partner to accept it."""
    order = session.get(DropshipOrder, dropship_id, with_for_update=True)
    if order is None:
        raise NotFound("dropship_order_not_found", f"no dropship order {dropship_id}")
    source_kind = session.scalar(
        select(Location.kind).where(Location.id == order.source_location_id)
    )
    if source_kind != "warehouse":
        raise DomainError("not_from_warehouse", "only a warehouse order can go to a partner")
    wanted = quantities(order.lines)
    partner_id = _partner_for(session, set(wanted))
    warehouse = order.source_location_id
    order = transition(
        session,
        DropshipOrder,
        dropship_id,
        ["pending", "accepted"],
        "pending",
        source_location_id=partner_id,
    )
    # Both locations' rows in location-id order, like every other multi-location change.
    for location_id in sorted((warehouse, partner_id)):
        if location_id == partner_id:
            hold_stock(session, partner_id, wanted)
        else:
            release_stock(session, warehouse, wanted)
    publish_dropship(session, order)
    return order


def report_problem(session: Session, dropship_id: str, problem: str, note: str) -> DropshipOrder:
    """A wrong, damaged or lost delivery, for the partner's scorecard (and a refund or a
    replacement, handled as a return)."""
    if problem not in PROBLEMS:
        raise DomainError("invalid_problem", f"a problem is one of {', '.join(PROBLEMS)}", 422)
    order = session.get(DropshipOrder, dropship_id, with_for_update=True)
    if order is None:
        raise NotFound("dropship_order_not_found", f"no dropship order {dropship_id}")
    if order.status not in ("shipped", "delivered"):
        raise DomainError("not_shipped", "a problem is reported on a shipped order")
    order.problem = problem
    order.problem_note = note.strip()[:200] or None
    order.updated_at = utcnow()
    publish_dropship(session, order)
    return order
