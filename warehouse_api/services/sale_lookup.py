"""Finding a sale for a return at the counter: by receipt number (any store's: the
customer holds the receipt), or by search (day, amount, last digits of the customer's
phone) within the till's own store only, since customers and orders are visible only to
their store. A sale has a phone when a pickup reservation or a dropship order was made
with it (their ``sale_id``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse_api.errors import NotFound
from warehouse_api.models import (
    DropshipOrder,
    Einvoice,
    EinvoiceAllowance,
    Location,
    Product,
    Reservation,
    Return,
    ReturnLine,
    Sale,
    utcnow,
)
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.refund_tenders import refunded_by_tender

TAIWAN = ZoneInfo("Asia/Taipei")
MAX_HITS = 50


def lookup_sale(session: Session, receipt_no: str) -> dict[str, Any]:
    sale = session.scalar(select(Sale).where(Sale.receipt_no == receipt_no))
    if sale is None:
        raise NotFound("sale_not_found", f"no sale {receipt_no}")
    location = session.get(Location, sale.location_id)
    assert location is not None
    products = {
        p.id: p
        for p in session.scalars(
            select(Product).where(Product.id.in_({line.product_id for line in sale.lines}))
        )
    }
    returned = dict(
        session.execute(
            select(ReturnLine.product_id, func.sum(ReturnLine.qty))
            .join(Return, Return.id == ReturnLine.return_id)
            .where(Return.sale_id == sale.id)
            .group_by(ReturnLine.product_id)
        ).all()
    )
    refunds = session.execute(
        select(Return.id, Return.refund_cents).where(Return.sale_id == sale.id)
    ).all()
    refunded = sum(int(r[1]) for r in refunds)
    lines = []
    # The warehouse counts returns per product: give them to the sale's lines in order.
    left = {int(k): int(v) for k, v in returned.items()}
    for line in sorted(sale.lines, key=lambda x: x.id):
        taken = min(line.qty, left.get(line.product_id, 0))
        left[line.product_id] = left.get(line.product_id, 0) - taken
        product = products[line.product_id]
        lines.append(
            {
                "line_id": line.id,
                "product_id": line.product_id,
                "sku": product.sku,
                "name": product.name,
                "qty": line.qty,
                "unit_price_cents": line.unit_price_cents,
                "line_total_cents": line.line_total_cents,
                "returned": taken,
            }
        )
    return {
        "sale_id": sale.id,
        "receipt_no": sale.receipt_no,
        "location_id": location.id,
        "location_code": location.code,
        "location_name": location.name,
        "created_at": sale.created_at,
        "total_cents": sale.total_cents,
        "refunded_cents": refunded,
        "refunded_by_tender": refunded_by_tender(session, sale.id),
        "return_ids": sorted(str(r[0]) for r in refunds),
        "lines": lines,
        "payments": [{"method": p.method, "amount_cents": p.amount_cents} for p in sale.payments],
        "einvoice": _invoice_of(session, sale.id),
    }


def _invoice_of(session: Session, sale_id: str) -> dict[str, Any] | None:
    """The sale's e-invoice as a return at another till settles it: void, replacement or
    allowance. Its live one (a replacement after a same-period return, whichever till
    issued it), else the last voided; with its allowances and the sale's voided numbers."""
    invoice = session.scalar(
        select(Einvoice)
        .where(Einvoice.sale_id == sale_id)
        .order_by(
            Einvoice.voided_at.is_not(None), Einvoice.issued_at.desc(), Einvoice.number.desc()
        )
        .limit(1)
    )
    if invoice is None:
        return None
    allowances = session.scalars(
        select(EinvoiceAllowance)
        .where(EinvoiceAllowance.invoice_number == invoice.number)
        .order_by(EinvoiceAllowance.allowance_no)
    ).all()
    return {
        "number": invoice.number,
        "period": invoice.period,
        "random_code": invoice.random_code,
        "issued_at": invoice.issued_at,
        "sales_amount_cents": invoice.sales_amount_cents,
        "tax_cents": invoice.tax_cents,
        "total_cents": invoice.total_cents,
        "seller_id": invoice.seller_id,
        "buyer_id": invoice.buyer_id,
        "carrier_type": invoice.carrier_type,
        "carrier_id": invoice.carrier_id,
        "donation_code": invoice.donation_code,
        "voided": invoice.voided_at is not None,
        "allowances": [
            {
                "allowance_no": a.allowance_no,
                "total_cents": a.total_cents,
                "voided": a.voided_at is not None,
            }
            for a in allowances
        ],
        "replaces": invoice.replaces,
        "voided_numbers": sorted(
            session.scalars(
                select(Einvoice.number).where(
                    Einvoice.sale_id == sale_id, Einvoice.voided_at.is_not(None)
                )
            )
        ),
    }


def search_sales(
    session: Session,
    device: AuthenticatedDevice,
    day: date,
    amount_cents: int | None,
    phone_suffix: str | None,
) -> list[dict[str, Any]]:
    """This store's sales of one day (Taiwan time), newest first, at most MAX_HITS."""
    start = datetime.combine(day, time(), TAIWAN).astimezone(UTC)
    query = select(Sale).where(
        Sale.location_id == device.location_id,
        Sale.created_at >= start,
        Sale.created_at < start + timedelta(days=1),
    )
    if amount_cents is not None:
        query = query.where(Sale.total_cents == amount_cents)
    sales = session.scalars(query.order_by(Sale.created_at.desc())).all()
    phones = _phones_of_sales(session, device, [sale.id for sale in sales])
    hits = []
    for sale in sales:
        phone = phones.get(sale.id)
        if phone_suffix and not (phone and phone.endswith(phone_suffix)):
            continue
        hits.append(
            {
                "sale_id": sale.id,
                "receipt_no": sale.receipt_no,
                "created_at": sale.created_at,
                "total_cents": sale.total_cents,
                "customer_phone_tail": phone[-3:] if phone else None,
            }
        )
        if len(hits) >= MAX_HITS:
            break
    return hits


def _phones_of_sales(
    session: Session, device: AuthenticatedDevice, sale_ids: list[str]
) -> dict[str, str]:
    """sale_id -> the digits of the phone its pickup or dropship order was made with
    (this store's orders still holding the customer's data), for these sales only."""
    found: dict[str, str] = {}
    for start in range(0, len(sale_ids), 500):
        chunk = sale_ids[start : start + 500]
        for sale_id, phone in session.execute(
            select(Reservation.sale_id, Reservation.customer_phone).where(
                Reservation.store_location_id == device.location_id,
                Reservation.sale_id.in_(chunk),
                Reservation.customer_phone.is_not(None),
            )
        ):
            found[str(sale_id)] = "".join(ch for ch in str(phone) if ch.isdigit())
        for sale_id, phone in session.execute(
            select(DropshipOrder.sale_id, DropshipOrder.customer_phone).where(
                DropshipOrder.store_location_id == device.location_id,
                DropshipOrder.sale_id.in_(chunk),
                DropshipOrder.customer_phone != "",
            )
        ):
            found[str(sale_id)] = "".join(ch for ch in str(phone) if ch.isdigit())
    return found


def no_receipt_usage(session: Session, phone: str, limit: int, period_days: int) -> dict[str, int]:
    used = session.scalar(
        select(func.count())
        .select_from(Return)
        .where(
            Return.no_receipt.is_(True),
            Return.customer_phone == phone,
            Return.created_at >= utcnow() - timedelta(days=period_days),
        )
    )
    return {"used": int(used or 0), "limit": limit, "period_days": period_days}
