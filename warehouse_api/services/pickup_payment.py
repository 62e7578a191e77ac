"""The payment of a hand-over of a group-buy order paid at pickup (線上團購門市取貨付款).

The customer pays at the store's desk for what each hand-over takes, at the channel's
prices: the till records an ordinary store ``sale`` (shift, tenders, e-invoice, receipt)
whose lines are ``collect`` lines naming the order (``collects_order_id``; they move no
stock: the units held at the store leave with the hand-over), then the
``pickup.complete`` naming that sale (``sale_id``), both from one local transaction and
in that order through the outbox. Here, under the order's row lock that the hand-over
already holds, the sale is checked against the hand-over and linked to the order once
(``reservation_payments``, keyed by the sale). A partial pickup is paid for what it
takes, never for what has not reached the store.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import Reservation, ReservationPayment, Sale, SaleLine, utcnow


def due_cents(reservation: Reservation, wanted: dict[int, int]) -> int:
    """What a hand-over of ``wanted`` (product -> qty) costs at the channel's prices."""
    prices = {line.product_id: line.unit_price_cents or 0 for line in reservation.lines}
    return sum(qty * prices.get(pid, 0) for pid, qty in wanted.items())


def settle_handover_payment(
    session: Session,
    reservation: Reservation,
    wanted: dict[int, int],
    sale_id: str | None,
    store_id: int,
    op_id: str,
) -> int | None:
    """Check and link the sale paying this hand-over (the caller holds the order's row
    lock); returns the amount it paid, None when nothing was to be paid."""
    if reservation.payment != "at_pickup":
        if sale_id is not None:
            raise DomainError(
                "pickup_payment_not_due",
                f"{reservation.id} was paid before its pickup: a hand-over names no sale",
                422,
            )
        return None
    due = due_cents(reservation, wanted)
    if sale_id is None:
        if due == 0:
            return None  # units the channel gives away: nothing to take at the desk
        raise DomainError(
            "pickup_unpaid",
            f"{reservation.id} is paid at pickup: this hand-over costs {due} cents and "
            f"names no sale that paid it",
            409,
            amount_due_cents=due,
        )
    sale = session.get(Sale, sale_id)
    if sale is None or sale.location_id != store_id:
        raise DomainError(
            "pickup_sale_unknown",
            f"no sale {sale_id} of this store to pay the hand-over of {reservation.id} "
            f"(the sale is pushed before its hand-over)",
            409,
            sale_id=sale_id,
        )
    if session.get(ReservationPayment, sale_id) is not None:
        raise DomainError(
            "pickup_sale_used",
            f"sale {sale_id} paid another hand-over already",
            409,
            sale_id=sale_id,
        )
    taken: dict[int, int] = defaultdict(int)
    paid = 0
    for line in session.scalars(
        select(SaleLine).where(SaleLine.sale_id == sale_id, SaleLine.fulfilment == "collect")
    ):
        taken[line.product_id] += line.qty
        paid += line.line_total_cents
    if sale.collects_order_id != reservation.id or dict(taken) != wanted or paid != due:
        raise DomainError(
            "pickup_payment_mismatch",
            f"sale {sale_id} does not pay for this hand-over of {reservation.id}: its "
            f"collect lines must name the order and be what is handed over, at the "
            f"order's prices ({due} cents)",
            422,
            sale_id=sale_id,
            collects_order_id=sale.collects_order_id,
            amount_due_cents=due,
            paid_cents=paid,
            handed_over=[{"product_id": p, "qty": q} for p, q in sorted(wanted.items())],
            sale_collects=[{"product_id": p, "qty": q} for p, q in sorted(taken.items())],
        )
    session.add(
        ReservationPayment(
            sale_id=sale_id,
            reservation_id=reservation.id,
            location_id=store_id,
            amount_cents=paid,
            op_id=op_id,
            paid_at=utcnow(),
        )
    )
    return paid
