"""Group-buy and dropship orders returned at a store (op ``order.return``).

The order's row is locked first (two stores returning the same order are checked one
after the other); it must have reached the customer (a group-buy order ``shipped``, a
dropship order ``shipped`` or ``delivered``), every product must be on it
(``return_product_not_sold``) and never more of one comes back than was ordered minus
what earlier returns of the order took back (``return_exceeds_sold``). The goods go by
their disposition as a sale's return does (``returns.restock``). The refund is paid at
the counter (``refund_state`` ``paid_at_counter``, ``refund_cents`` what the till paid)
or left to the channel (``pending_channel``): the group-buy channel sees it on
``GET /group-buy/orders/{id}/returns`` and marks it refunded once
(``POST .../returns/{return_id}/refund``, a conditional UPDATE: a second call, or one
for a return paid at the counter, is ``refund_not_pending``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import (
    DropshipOrder,
    OrderReturn,
    OrderReturnLine,
    Product,
    Reservation,
    utcnow,
)
from warehouse_api.schemas import OrderReturnPayload
from warehouse_api.services.locations import require_store_device
from warehouse_api.services.operations import OpContext, op_handler, reuse_or_duplicate
from warehouse_api.services.returns import restock
from warehouse_api.services.sales import require_products

RETURNABLE = {"group_buy": ("shipped",), "dropship": ("shipped", "delivered")}


@op_handler("order.return")
def record_order_return(ctx: OpContext, payload: OrderReturnPayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store_device(ctx.device)
    existing = session.get(OrderReturn, payload.return_id)
    if existing is not None:
        reuse_or_duplicate(
            session, existing.op_id, ctx.body_sha256, f"order return {payload.return_id}"
        )
    require_products(session, {line.product_id for line in payload.lines})
    ordered, status = _lock_order(session, payload.order_kind, payload.order_id)
    if status not in RETURNABLE[payload.order_kind]:
        raise DomainError(
            "order_not_returnable",
            f"{payload.order_kind} order {payload.order_id} is {status}",
            409,
            current_status=status,
        )
    returned = returned_of(session, payload.order_kind, payload.order_id)
    asked: dict[int, int] = {}
    for line in payload.lines:
        asked[line.product_id] = asked.get(line.product_id, 0) + line.qty
    for product_id, qty in sorted(asked.items()):
        if product_id not in ordered:
            raise DomainError(
                "return_product_not_sold",
                f"product {product_id} is not on order {payload.order_id}",
                409,
                product_id=product_id,
            )
        left = ordered[product_id] - returned.get(product_id, 0)
        if qty > left:
            raise DomainError(
                "return_exceeds_sold",
                f"only {left} of product {product_id} on {payload.order_id} may still be returned",
                409,
                product_id=product_id,
                sold=ordered[product_id],
                returned=returned.get(product_id, 0),
                asked=qty,
            )
    record = OrderReturn(
        id=payload.return_id,
        order_kind=payload.order_kind,
        order_id=payload.order_id,
        location_id=store_id,
        refund_cents=payload.refund_cents,
        refund_state="paid_at_counter" if payload.refund_mode == "counter" else "pending_channel",
        op_id=ctx.op_id,
    )
    session.add(record)
    session.flush()
    session.add_all(
        OrderReturnLine(
            return_id=record.id,
            product_id=line.product_id,
            qty=line.qty,
            disposition=line.disposition,
            reason=line.reason,
        )
        for line in payload.lines
    )
    transfer_id = restock(ctx, store_id, record.id, payload.lines, reason="order_return")
    return {
        "return_id": record.id,
        "refund_state": record.refund_state,
        "transfer_id": transfer_id,
    }


def _lock_order(session: Session, kind: str, order_id: str) -> tuple[dict[int, int], str]:
    order: Reservation | DropshipOrder | None
    if kind == "group_buy":
        order = session.get(Reservation, order_id, with_for_update=True)
        if order is not None and order.kind != "group_buy":
            order = None
    else:
        order = session.get(DropshipOrder, order_id, with_for_update=True)
    if order is None:
        raise DomainError(
            "order_return_unknown", f"no {kind} order {order_id}", 422, order_id=order_id
        )
    ordered: dict[int, int] = {}
    for line in order.lines:
        ordered[line.product_id] = ordered.get(line.product_id, 0) + line.qty
    return ordered, order.status


def returned_of(session: Session, kind: str, order_id: str) -> dict[int, int]:
    return {
        int(pid): int(qty)
        for pid, qty in session.execute(
            select(OrderReturnLine.product_id, func.sum(OrderReturnLine.qty))
            .join(OrderReturn, OrderReturn.id == OrderReturnLine.return_id)
            .where(OrderReturn.order_kind == kind, OrderReturn.order_id == order_id)
            .group_by(OrderReturnLine.product_id)
        ).all()
    }


def returns_of(session: Session, kind: str, order_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(OrderReturn)
        .where(OrderReturn.order_kind == kind, OrderReturn.order_id == order_id)
        .order_by(OrderReturn.created_at)
    ).all()
    return [
        {
            "return_id": r.id,
            "location_id": r.location_id,
            "refund_cents": r.refund_cents,
            "refund_state": r.refund_state,
            "created_at": r.created_at,
            "refunded_at": r.refunded_at,
            "lines": [{"product_id": line.product_id, "qty": line.qty} for line in r.lines],
        }
        for r in rows
    ]


def lookup_order(session: Session, kind: str, order_id: str) -> dict[str, Any]:
    """An order for a return at a counter (any store may take one back)."""
    order: Reservation | DropshipOrder | None
    if kind == "group_buy":
        order = session.get(Reservation, order_id)
        if order is not None and order.kind != "group_buy":
            order = None
    else:
        order = session.get(DropshipOrder, order_id)
    if order is None:
        raise NotFound("order_not_found", f"no {kind} order {order_id}")
    products = {
        p.id: p
        for p in session.scalars(
            select(Product).where(Product.id.in_({line.product_id for line in order.lines}))
        )
    }
    returned = returned_of(session, kind, order_id)
    phone = "".join(ch for ch in (order.customer_phone or "") if ch.isdigit())
    return {
        "order_kind": kind,
        "order_id": order.id,
        "status": order.status,
        "customer_phone_tail": phone[-3:] if phone else None,
        "lines": [
            {
                "product_id": line.product_id,
                "sku": products[line.product_id].sku,
                "name": products[line.product_id].name,
                "price_cents": products[line.product_id].price_cents,
                "qty": line.qty,
                "returned": returned.get(line.product_id, 0),
            }
            for line in order.lines
        ],
        "returns": returns_of(session, kind, order_id),
    }


def mark_refunded_by_channel(
    session: Session, order_id: str, return_id: str, kind: str = "group_buy"
) -> dict[str, Any]:
    """The channel refunded the customer: once, and only a return left to it."""
    done = session.execute(
        update(OrderReturn)
        .where(
            OrderReturn.id == return_id,
            OrderReturn.order_kind == kind,
            OrderReturn.order_id == order_id,
            OrderReturn.refund_state == "pending_channel",
        )
        .values(refund_state="refunded_by_channel", refunded_at=utcnow())
    )
    record = session.get(OrderReturn, return_id)
    if record is None or record.order_id != order_id or record.order_kind != kind:
        raise NotFound("order_not_found", f"no return {return_id} of order {order_id}")
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise DomainError(
            "refund_not_pending",
            f"return {return_id} is {record.refund_state}",
            409,
            refund_state=record.refund_state,
        )
    session.refresh(record)
    [data] = [r for r in returns_of(session, kind, order_id) if r["return_id"] == return_id]
    return data
