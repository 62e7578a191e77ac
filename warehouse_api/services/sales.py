"""Counter sales: facts that apply even when they drive store stock below zero."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import Payment, Product, Sale, SaleLine, Staff
from warehouse_api.schemas import SalePayload
from warehouse_api.services.feed_data import publish_sale
from warehouse_api.services.inventory import adjust_stock
from warehouse_api.services.push import OpContext, op_handler, reuse_or_duplicate


def require_store(ctx: OpContext) -> int:
    if ctx.device.role != "counter" or ctx.device.location_id is None:
        raise DomainError("forbidden", "only a store counter may push this operation", 403)
    return ctx.device.location_id


def require_products(session: Session, product_ids: set[int]) -> None:
    known = set(session.scalars(select(Product.id).where(Product.id.in_(product_ids))))
    missing = sorted(product_ids - known)
    if missing:
        raise DomainError(
            "unknown_product", f"no product with id {missing[0]}", 422, product_ids=missing
        )


@op_handler("sale")
def record_sale(ctx: OpContext, payload: SalePayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store(ctx)
    existing = session.get(Sale, payload.sale_id)
    if existing is not None:
        reuse_or_duplicate(session, existing.op_id, ctx.body_sha256, f"sale_id {payload.sale_id}")
    _refuse_reused_child_ids(session, payload)
    if session.scalar(select(Sale.id).where(Sale.receipt_no == payload.receipt_no)):
        raise DomainError(
            "receipt_no_taken", f"receipt {payload.receipt_no} belongs to another sale", 409
        )
    require_products(session, {line.product_id for line in payload.lines})
    if payload.cashier_id is not None and session.get(Staff, payload.cashier_id) is None:
        raise DomainError("unknown_staff", f"no staff member {payload.cashier_id}", 422)

    sale = Sale(
        id=payload.sale_id,
        receipt_no=payload.receipt_no,
        location_id=store_id,
        device_id=ctx.device.id,
        cashier_id=payload.cashier_id,
        op_id=ctx.op_id,
        total_cents=payload.total_cents,
        created_at=payload.created_at,
    )
    session.add(sale)
    session.add_all(
        SaleLine(
            id=line.line_id,
            sale_id=sale.id,
            product_id=line.product_id,
            qty=line.qty,
            unit_price_cents=line.unit_price_cents,
            line_total_cents=line.line_total_cents,
        )
        for line in payload.lines
    )
    session.add_all(
        Payment(
            id=payment.payment_id,
            sale_id=sale.id,
            method=payment.method,
            amount_cents=payment.amount_cents,
            tendered_cents=payment.tendered_cents,
            change_cents=payment.change_cents,
        )
        for payment in payload.payments
    )
    session.flush()

    sold: dict[int, int] = defaultdict(int)
    for line in payload.lines:
        sold[line.product_id] += line.qty
    negative_stock = []
    for product_id in sorted(sold):
        level = adjust_stock(
            session,
            store_id,
            product_id,
            on_hand_delta=-sold[product_id],
            reason="sale",
            reference=sale.id,
            device_id=ctx.device.id,
        )
        if level.on_hand < 0:
            negative_stock.append({"product_id": product_id, "on_hand": level.on_hand})
    publish_sale(session, sale)
    return {"sale_id": sale.id, "receipt_no": sale.receipt_no, "negative_stock": negative_stock}


def _refuse_reused_child_ids(session: Session, payload: SalePayload) -> None:
    line_ids = [line.line_id for line in payload.lines]
    payment_ids = [payment.payment_id for payment in payload.payments]
    if len(set(line_ids)) != len(line_ids) or len(set(payment_ids)) != len(payment_ids):
        raise DomainError("idempotency_key_reused", "a line_id or payment_id repeats in this sale")
    taken_line = session.scalar(select(SaleLine.id).where(SaleLine.id.in_(line_ids)).limit(1))
    taken_payment = (
        session.scalar(select(Payment.id).where(Payment.id.in_(payment_ids)).limit(1))
        if payment_ids
        else None
    )
    taken = taken_line or taken_payment
    if taken:
        raise DomainError("idempotency_key_reused", f"id {taken} belongs to another sale")
