"""Customer data (names, phones, addresses) is kept only as long as an order needs it.

Once an order is finished (delivered, picked up, shipped, cancelled, expired) and the
retention period has passed, the sweeper blanks its customer fields.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from warehouse_api.models import DropshipOrder, NoReceiptPhone, Reservation, Return, utcnow

FINISHED_DROPSHIP = ("delivered", "cancelled")
FINISHED_RESERVATION = ("picked_up", "shipped", "cancelled", "expired")


def forget_customer_data(
    session: Session, retention: timedelta, now: datetime | None = None
) -> int:
    """Blank the customer fields of orders finished before the retention cut-off."""
    cutoff = (now or utcnow()) - retention
    dropship = session.execute(
        update(DropshipOrder)
        .where(
            DropshipOrder.status.in_(FINISHED_DROPSHIP),
            DropshipOrder.updated_at < cutoff,
            DropshipOrder.customer_phone != "",
        )
        .values(customer_name="", customer_phone="", address="")
        .execution_options(synchronize_session=False)
    )
    reservations = session.execute(
        update(Reservation)
        .where(
            Reservation.status.in_(FINISHED_RESERVATION),
            Reservation.updated_at < cutoff,
            (Reservation.customer_phone.is_not(None)) | (Reservation.customer_name.is_not(None)),
        )
        .values(customer_name=None, customer_phone=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(dropship, "rowcount", 0) or 0) + int(
        getattr(reservations, "rowcount", 0) or 0
    )


def forget_no_receipt_phones(session: Session, keep: timedelta, now: datetime | None = None) -> int:
    """A return without a receipt keeps the customer's phone only as long as the
    per-phone limit counts it (``no_receipt_period_days``); then the phone is blanked
    and the phone's lock row goes once none of its returns is left in the period."""
    cutoff = (now or utcnow()) - keep
    blanked = session.execute(
        update(Return)
        .where(Return.customer_phone.is_not(None), Return.created_at < cutoff)
        .values(customer_phone=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(NoReceiptPhone)
        .where(NoReceiptPhone.last_return_at < cutoff)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(blanked, "rowcount", 0) or 0)
