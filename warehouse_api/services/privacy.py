"""Customer data (names, phones, addresses) is kept only as long as an order needs it.

Once an order is finished (delivered, picked up, shipped, cancelled, expired) and the
retention period has passed, the sweeper blanks its customer fields.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from warehouse_api.models import DropshipOrder, Reservation, utcnow

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
