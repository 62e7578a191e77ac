"""What each entity looks like in the change feed, and the calls that publish it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.models import (
    Barcode,
    DropshipOrder,
    Location,
    Product,
    Reservation,
    Sale,
    Staff,
    Tender,
    Transfer,
)
from warehouse_api.services.change_feed import record_change


def location_data(location: Location) -> dict[str, Any]:
    return {"id": location.id, "code": location.code, "name": location.name, "kind": location.kind}


def product_data(product: Product, barcodes: list[str]) -> dict[str, Any]:
    return {
        "id": product.id,
        "sku": product.sku,
        "name": product.name,
        "category": product.category,
        "price_cents": product.price_cents,
        "active": product.active,
        "barcodes": sorted(barcodes),
        "dropship_partner_id": product.dropship_partner_id,
    }


def stock_data(
    location_id: int, product_id: int, on_hand: int, reserved: int, safety_stock: int
) -> dict[str, Any]:
    return {
        "location_id": location_id,
        "product_id": product_id,
        "on_hand": on_hand,
        "reserved": reserved,
        "safety_stock": safety_stock,
        "available": on_hand - reserved - safety_stock,
    }


def staff_data(staff: Staff) -> dict[str, Any]:
    return {
        "id": staff.id,
        "name": staff.name,
        "role": staff.role,
        "location_id": staff.location_id,
        "pin_hash": staff.pin_hash,
        "active": staff.active,
    }


def tender_data(tender: Tender) -> dict[str, Any]:
    return {
        "code": tender.code,
        "name_zh": tender.name_zh,
        "name_en": tender.name_en,
        "kind": tender.kind,
        "needs_reference": tender.needs_reference,
        "active": tender.active,
        "sort_order": tender.sort_order,
    }


def sale_fields(
    sale_id: str, receipt_no: str, location_id: int, total_cents: int, created_at: datetime
) -> dict[str, Any]:
    """A sale's feed data, from its values (a run of sales writes its rows without Sale
    objects; `publish_sale` passes a Sale's)."""
    return {
        "sale_id": sale_id,
        "receipt_no": receipt_no,
        "location_id": location_id,
        "total_cents": total_cents,
        "created_at": created_at.isoformat(),
    }


def _lines(lines: Any) -> list[dict[str, int]]:
    return [{"product_id": line.product_id, "qty": line.qty} for line in lines]


def _linked_lines(lines: Any) -> list[dict[str, Any]]:
    """Reservation and dropship lines, with the sale line and amount paid when paid at a counter."""
    return [
        {
            "product_id": line.product_id,
            "qty": line.qty,
            "sale_line_id": line.sale_line_id,
            "paid_cents": line.paid_cents,
        }
        for line in lines
    ]


def _pickup_lines(lines: Any) -> list[dict[str, Any]]:
    """A reservation's lines, with what reached the store and what was collected of each,
    and a group-buy line's price per unit (what a customer paying at pickup pays)."""
    return [
        {
            **linked,
            "arrived_qty": line.arrived_qty,
            "collected_qty": line.collected_qty,
            "unit_price_cents": line.unit_price_cents,
        }
        for linked, line in zip(_linked_lines(lines), lines, strict=True)
    ]


def paid_at_store_cents(reservation: Reservation) -> int | None:
    """What the store took so far for an order paid at pickup (None for one paid before):
    every hand-over of such an order is paid for what it takes (services/pickup_payment.py),
    so the paid amount is the collected units at the channel's prices."""
    if reservation.payment != "at_pickup":
        return None
    return sum(line.collected_qty * (line.unit_price_cents or 0) for line in reservation.lines)


def reservation_data(reservation: Reservation) -> dict[str, Any]:
    """A reservation or group-buy order as the feed and the API give it. One collected at
    a store carries the customer's name and phone for that store's desk (only that store's
    feed carries it), so any till of the store finds it by name or the phone's last
    digits, not only the till that took it; the retention sweep blanks them later."""
    named = reservation.store_location_id is not None
    return {
        "reservation_id": reservation.id,
        "kind": reservation.kind,
        "pickup_code": reservation.pickup_code,
        "status": reservation.status,
        "source_location_id": reservation.source_location_id,
        "store_location_id": reservation.store_location_id,
        "lines": _pickup_lines(reservation.lines),
        "expires_at": reservation.expires_at.isoformat() if reservation.expires_at else None,
        "sale_id": reservation.sale_id,
        "receipt_no": reservation.receipt_no,
        "updated_at": reservation.updated_at.isoformat(),
        "payment": reservation.payment or "online",
        "amount_due_cents": reservation.amount_due_cents,
        "paid_cents": paid_at_store_cents(reservation),
        **({"customer_name": reservation.customer_name} if named else {}),
        **(
            {"customer_phone": reservation.customer_phone}
            if named and reservation.customer_phone
            else {}
        ),
    }


def transfer_data(transfer: Transfer) -> dict[str, Any]:
    return {
        "transfer_id": transfer.id,
        "status": transfer.status,
        "from_location_id": transfer.from_location_id,
        "to_location_id": transfer.to_location_id,
        "reservation_id": transfer.reservation_id,
        "carrier": transfer.carrier,
        "tracking_no": transfer.tracking_no,
        "reason": transfer.reason,
        "lines": [
            {"product_id": line.product_id, "qty": line.qty, "received_qty": line.received_qty}
            for line in transfer.lines
        ],
        "updated_at": transfer.updated_at.isoformat(),
    }


def dropship_data(order: DropshipOrder) -> dict[str, Any]:
    return {
        "dropship_id": order.id,
        "status": order.status,
        "store_location_id": order.store_location_id,
        "source_location_id": order.source_location_id,
        "carrier": order.carrier,
        "tracking_no": order.tracking_no,
        "sale_id": order.sale_id,
        "receipt_no": order.receipt_no,
        "delivery": order.delivery or "home",
        "lines": _linked_lines(order.lines),
        "updated_at": order.updated_at.isoformat(),
    }


def publish_location(session: Session, location: Location) -> None:
    record_change(session, "location", location.id, location_data(location))


def publish_product(session: Session, product: Product) -> None:
    session.flush()
    codes = list(session.scalars(select(Barcode.code).where(Barcode.product_id == product.id)))
    record_change(session, "product", product.id, product_data(product, codes))


def publish_stock(
    session: Session, location_id: int, product_id: int, on_hand: int, reserved: int, safety: int
) -> None:
    record_change(
        session,
        "stock",
        f"{location_id}:{product_id}",
        stock_data(location_id, product_id, on_hand, reserved, safety),
    )


def publish_staff(session: Session, staff: Staff) -> None:
    record_change(session, "staff", staff.id, staff_data(staff), staff.location_id)


def publish_tender(session: Session, tender: Tender) -> None:
    # Every till sees every tender; a disabled one stays in the feed with active false,
    # so a till still names it on a reprint.
    record_change(session, "tender", tender.code, tender_data(tender))


def publish_sale(session: Session, sale: Sale) -> None:
    publish_sale_fields(
        session, sale.id, sale.receipt_no, sale.location_id, sale.total_cents, sale.created_at
    )


def publish_sale_fields(
    session: Session,
    sale_id: str,
    receipt_no: str,
    location_id: int,
    total_cents: int,
    created_at: datetime,
) -> None:
    """`publish_sale` from the values."""
    record_change(
        session,
        "sale",
        sale_id,
        sale_fields(sale_id, receipt_no, location_id, total_cents, created_at),
        location_id,
    )


def publish_reservation(session: Session, reservation: Reservation) -> None:
    # Group-buy orders have no store; only operators and admins see them in the feed.
    scope = reservation.store_location_id if reservation.store_location_id is not None else -1
    record_change(session, "reservation", reservation.id, reservation_data(reservation), scope)


def publish_transfer(session: Session, transfer: Transfer, to_kind: str | None = None) -> None:
    """A transfer is seen by the store at its end: where it goes, or for returns, where from.

    `to_kind`: the destination's kind when the caller knows it (saves a look-up)."""
    if to_kind is None:
        to_kind = session.scalar(
            select(Location.kind).where(Location.id == transfer.to_location_id)
        )
    scope = transfer.to_location_id if to_kind == "store" else transfer.from_location_id
    record_change(session, "transfer", transfer.id, transfer_data(transfer), scope)


def publish_dropship(session: Session, order: DropshipOrder) -> None:
    record_change(
        session, "dropship_order", order.id, dropship_data(order), order.store_location_id
    )
