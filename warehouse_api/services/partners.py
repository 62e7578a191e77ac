"""Dropship partners: what each charges and how long it takes (terms per product), and a
scorecard of how its orders went: shipped on time, delivered, with problems, at what cost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import (
    DropshipOrder,
    Location,
    OrderReturn,
    PartnerTerms,
    Product,
    utcnow,
)
from warehouse_api.services.devices import location_by_code
from warehouse_api.services.sql import dialect_name

MAX_LEAD_TIME_DAYS = 365
MAX_COST_CENTS = 2_147_483_647
DEFAULT_LEAD_TIME_DAYS = 2  # a partner's promise where no terms say otherwise


@dataclass(frozen=True, slots=True)
class TermsRow:
    product_id: int
    sku: str
    name: str
    price_cents: int
    cost_cents: int | None
    lead_time_days: int | None


@dataclass(frozen=True, slots=True)
class Scorecard:
    code: str
    name: str
    orders: int  # created in the period
    open: int  # pending or accepted
    shipped: int  # shipped or delivered
    cancelled: int
    on_time: int  # shipped within the lead time its products promise
    hours_to_ship_avg: float | None
    hours_to_ship_p90: float | None
    days_to_deliver_avg: float | None
    wrong_item: int
    damaged: int
    lost: int
    cost_per_order_cents: int | None  # over orders whose every product has terms
    returns: int = 0  # order returns recorded at a store against these orders
    returned_orders: int = 0  # of these orders, those with at least one return

    @property
    def on_time_pct(self) -> float | None:
        return None if not self.shipped else round(100 * self.on_time / self.shipped, 1)

    @property
    def problem_pct(self) -> float | None:
        problems = self.wrong_item + self.damaged + self.lost
        return None if not self.shipped else round(100 * problems / self.shipped, 1)

    @property
    def return_pct(self) -> float | None:
        """Returned orders over shipped ones (only a shipped order can come back)."""
        return None if not self.shipped else round(100 * self.returned_orders / self.shipped, 1)


def partner(session: Session, code: str) -> Location:
    location = location_by_code(session, code)
    if location.kind != "partner":
        raise DomainError("not_a_partner", f"{code} is not a dropship partner", 422)
    return location


def terms_of(session: Session, partner_id: int) -> list[TermsRow]:
    """The partner's products (those it dropships) with their terms, if set."""
    rows = session.execute(
        select(Product, PartnerTerms)
        .outerjoin(
            PartnerTerms,
            (PartnerTerms.product_id == Product.id) & (PartnerTerms.partner_id == partner_id),
        )
        .where(Product.dropship_partner_id == partner_id)
        .order_by(Product.sku)
    )
    return [
        TermsRow(
            product.id,
            product.sku,
            product.name,
            product.price_cents,
            terms.cost_cents if terms else None,
            terms.lead_time_days if terms else None,
        )
        for product, terms in rows
    ]


def set_terms(
    session: Session, partner_id: int, product_id: int, cost_cents: int, lead_time_days: int
) -> None:
    """Insert or replace in one statement (two managers saving at once: the last one wins,
    no duplicate-key error)."""
    if not 0 <= cost_cents <= MAX_COST_CENTS or not 0 <= lead_time_days <= MAX_LEAD_TIME_DAYS:
        raise DomainError("invalid_terms", "a cost is NT$0 or more and a lead time 0-365 days", 422)
    owner = session.scalar(select(Product.dropship_partner_id).where(Product.id == product_id))
    if owner != partner_id:
        raise DomainError("not_a_partner", "this partner does not dropship that product", 422)
    insert = postgresql.insert if dialect_name(session) == "postgresql" else sqlite.insert
    statement = insert(PartnerTerms).values(
        partner_id=partner_id,
        product_id=product_id,
        cost_cents=cost_cents,
        lead_time_days=lead_time_days,
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["partner_id", "product_id"],
            set_={"cost_cents": cost_cents, "lead_time_days": lead_time_days},
        )
    )


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def _hours(later: datetime, earlier: datetime) -> float:
    return (later - earlier).total_seconds() / 3600


def scorecards(session: Session, days: int = 90, now: datetime | None = None) -> list[Scorecard]:
    """One per partner, over the orders created in the last `days` days."""
    since = (now or utcnow()) - timedelta(days=days)
    partners = list(
        session.scalars(select(Location).where(Location.kind == "partner").order_by(Location.code))
    )
    terms = {(t.partner_id, t.product_id): t for t in session.scalars(select(PartnerTerms))}
    cards = []
    for location in partners:
        orders = list(
            session.scalars(
                select(DropshipOrder).where(
                    DropshipOrder.source_location_id == location.id,
                    DropshipOrder.created_at >= since,
                )
            )
        )
        to_ship: list[float] = []
        to_deliver: list[float] = []
        on_time = 0
        costs: list[int] = []
        for order in orders:
            promised = max(
                (
                    terms[(location.id, line.product_id)].lead_time_days
                    if (location.id, line.product_id) in terms
                    else DEFAULT_LEAD_TIME_DAYS
                    for line in order.lines
                ),
                default=DEFAULT_LEAD_TIME_DAYS,
            )
            if order.shipped_at is not None:
                hours = _hours(order.shipped_at, order.created_at)
                to_ship.append(hours)
                on_time += hours <= promised * 24
                if order.delivered_at is not None:
                    to_deliver.append(_hours(order.delivered_at, order.shipped_at) / 24)
            if order.status != "cancelled" and all(
                (location.id, line.product_id) in terms for line in order.lines
            ):
                costs.append(
                    sum(
                        line.qty * terms[(location.id, line.product_id)].cost_cents
                        for line in order.lines
                    )
                )
        returns = _returns_by_order(session, location.id, since)
        statuses = [order.status for order in orders]
        problems = [order.problem for order in orders]
        cards.append(
            Scorecard(
                code=location.code,
                name=location.name,
                orders=len(orders),
                open=sum(s in ("pending", "accepted") for s in statuses),
                shipped=sum(s in ("shipped", "delivered") for s in statuses),
                cancelled=statuses.count("cancelled"),
                on_time=on_time,
                hours_to_ship_avg=round(sum(to_ship) / len(to_ship), 1) if to_ship else None,
                hours_to_ship_p90=_round(_percentile(to_ship, 0.9)),
                days_to_deliver_avg=(
                    round(sum(to_deliver) / len(to_deliver), 1) if to_deliver else None
                ),
                wrong_item=problems.count("wrong_item"),
                damaged=problems.count("damaged"),
                lost=problems.count("lost"),
                cost_per_order_cents=round(sum(costs) / len(costs)) if costs else None,
                returns=sum(returns.values()),
                returned_orders=len(returns),
            )
        )
    return cards


def _returns_by_order(session: Session, partner_id: int, since: datetime) -> dict[str, int]:
    """How many times each of the partner's dropship orders created since ``since`` came
    back to a store (order returns, services/order_returns.py); orders never returned
    are absent."""
    rows = session.execute(
        select(OrderReturn.order_id, func.count())
        .join(DropshipOrder, DropshipOrder.id == OrderReturn.order_id)
        .where(
            OrderReturn.order_kind == "dropship",
            DropshipOrder.source_location_id == partner_id,
            DropshipOrder.created_at >= since,
        )
        .group_by(OrderReturn.order_id)
    )
    return {order_id: int(n) for order_id, n in rows}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
