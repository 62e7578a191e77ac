"""What the warehouse recorded of a store's day, for a manager to check against the
till's screens and Z report: its sales with every line's prices and every payment,
and the audited actions its tills sent (``GET /operator/sales``, ``/operator/audit``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.models import AuditEntry, Location, Product, Sale, SaleLine
from warehouse_api.schemas import (
    AuditEntryPublic,
    SaleRecordLine,
    SaleRecordPayment,
    SaleRecordPublic,
)
from warehouse_api.services.devices import location_by_code


def list_sales(
    session: Session, store_code: str | None, since: datetime | None, limit: int
) -> list[SaleRecordPublic]:
    """Sales, newest first (every store's, or one store's; from ``since`` on if given)."""
    query = select(Sale, Location.code).join(Location, Location.id == Sale.location_id)
    if store_code is not None:
        query = query.where(Sale.location_id == location_by_code(session, store_code).id)
    if since is not None:
        query = query.where(Sale.created_at >= since)
    rows = session.execute(query.order_by(Sale.created_at.desc(), Sale.id.desc()).limit(limit))
    found = [(row[0], row[1]) for row in rows]
    product_ids = {line.product_id for sale, _code in found for line in sale.lines}
    skus: dict[int, str] = {}
    if product_ids:
        query_skus = select(Product.id, Product.sku).where(Product.id.in_(product_ids))
        skus = {product_id: sku for product_id, sku in session.execute(query_skus).all()}
    return [_sale(sale, code, skus) for sale, code in found]


def _sale(sale: Sale, location_code: str, skus: dict[int, str]) -> SaleRecordPublic:
    lines: list[SaleLine] = sorted(sale.lines, key=lambda line: line.id)
    return SaleRecordPublic(
        sale_id=sale.id,
        receipt_no=sale.receipt_no,
        location_code=location_code,
        device_id=sale.device_id,
        cashier_id=sale.cashier_id,
        created_at=sale.created_at,
        received_at=sale.received_at,
        total_cents=sale.total_cents,
        lines=[
            SaleRecordLine(
                line_id=line.id,
                product_id=line.product_id,
                sku=skus.get(line.product_id, ""),
                qty=line.qty,
                list_price_cents=line.list_price_cents,
                unit_price_cents=line.unit_price_cents,
                discount_cents=line.discount_cents,
                line_total_cents=line.line_total_cents,
                override_reason=line.override_reason,
                fulfilment=line.fulfilment,
            )
            for line in lines
        ],
        payments=[
            SaleRecordPayment(
                payment_id=payment.id,
                method=payment.method,
                amount_cents=payment.amount_cents,
                tendered_cents=payment.tendered_cents,
                change_cents=payment.change_cents,
                reference=payment.reference,
                approval_code=payment.approval_code,
                unknown_tender=payment.unknown_tender,
            )
            for payment in sorted(sale.payments, key=lambda p: p.id)
        ],
    )


def list_audit(
    session: Session, store_code: str | None, action: str | None, limit: int
) -> list[AuditEntryPublic]:
    """Audit entries, newest first (every store's, or one store's; one action's if given)."""
    query = select(AuditEntry, Location.code).outerjoin(
        Location, Location.id == AuditEntry.location_id
    )
    if store_code is not None:
        query = query.where(AuditEntry.location_id == location_by_code(session, store_code).id)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    rows = session.execute(
        query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)
    )
    return [
        AuditEntryPublic(
            audit_id=entry.id,
            location_code=code,
            device_id=entry.device_id,
            staff_id=entry.staff_id,
            action=entry.action,
            detail=entry.detail,
            created_at=entry.created_at,
        )
        for entry, code in rows.all()
    ]
