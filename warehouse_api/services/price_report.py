"""One price: where a sale or an order was not charged the catalogue's price.

The catalogue (`products.price_cents`) is the one source of a product's price. Two
things depart from it and the report lists both, so each departure is deliberate:

* store price overrides: counter sale lines charged another unit price than the list
  price the till showed (`sale_lines.unit_price_cents` vs `list_price_cents`), with the
  cashier's reason, per store and product: lines, units and NT$ given away (list minus
  charged, times qty; negative when the override raised the price). Discounts are not
  overrides (they have their own `discount_cents`).
* channel price conflicts: the group-buy channel selling a product at another unit
  price (`reservation_lines.unit_price_cents`, sent with its orders) than the
  catalogue's store price, cheaper or dearer. A manager marks a conflict deliberate
  with a note (`price_decisions`); it then leaves the open list. The mark names both
  prices, so a later change of either opens a new conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import (
    Location,
    Product,
    Reservation,
    ReservationLine,
    Sale,
    SaleLine,
    table_of,
    utcnow,
)
from warehouse_api.planning_models import PriceDecision
from warehouse_api.services.sql import dialect_name

DEFAULT_DAYS = 30
MAX_DAYS = 366
NOTE_MAX_LENGTH = 200
Direction = Literal["cheaper_in_group_buy", "cheaper_in_stores"]


@dataclass(slots=True)
class StoreOverride:
    location_code: str
    location_name: str
    product_id: int
    sku: str
    name: str
    lines: int = 0
    units: int = 0
    given_away_cents: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # reason -> lines ("" = none given)


@dataclass(frozen=True, slots=True)
class Decision:
    note: str
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class ChannelConflict:
    product_id: int
    sku: str
    name: str
    store_price_cents: int
    channel_price_cents: int
    orders: int
    units: int
    last_ordered_at: datetime
    decision: Decision | None

    @property
    def direction(self) -> Direction:
        if self.channel_price_cents < self.store_price_cents:
            return "cheaper_in_group_buy"
        return "cheaper_in_stores"

    @property
    def difference_cents(self) -> int:
        """Per unit, store price minus channel price (negative: the channel is dearer)."""
        return self.store_price_cents - self.channel_price_cents


@dataclass(frozen=True, slots=True)
class PriceReport:
    since: datetime
    days: int
    overrides: list[StoreOverride]
    open_conflicts: list[ChannelConflict]
    deliberate_conflicts: list[ChannelConflict]

    @property
    def given_away_cents(self) -> int:
        return sum(o.given_away_cents for o in self.overrides)


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise DomainError("invalid_period", f"days must be 1 to {MAX_DAYS}", 422)
    return days


def build(session: Session, days: int = DEFAULT_DAYS, now: datetime | None = None) -> PriceReport:
    since = (now or utcnow()) - timedelta(days=check_days(days))
    conflicts = _channel_conflicts(session, since)
    return PriceReport(
        since,
        days,
        _store_overrides(session, since),
        [c for c in conflicts if c.decision is None],
        [c for c in conflicts if c.decision is not None],
    )


def _store_overrides(session: Session, since: datetime) -> list[StoreOverride]:
    list_price = func.coalesce(SaleLine.list_price_cents, SaleLine.unit_price_cents)
    overridden = (SaleLine.override_reason.is_not(None)) | (
        SaleLine.list_price_cents.is_not(None)
        & (SaleLine.unit_price_cents != SaleLine.list_price_cents)
    )
    rows = session.execute(
        select(
            Location.code,
            Location.name,
            Product.id,
            Product.sku,
            Product.name,
            SaleLine.override_reason,
            func.count(),
            func.sum(SaleLine.qty),
            func.sum((list_price - SaleLine.unit_price_cents) * SaleLine.qty),
        )
        .join(Sale, Sale.id == SaleLine.sale_id)
        .join(Location, Location.id == Sale.location_id)
        .join(Product, Product.id == SaleLine.product_id)
        .where(Sale.created_at >= since, overridden)
        .group_by(
            Location.code,
            Location.name,
            Product.id,
            Product.sku,
            Product.name,
            SaleLine.override_reason,
        )
    ).all()
    found: dict[tuple[str, int], StoreOverride] = {}
    for code, location_name, product_id, sku, name, reason, lines, units, given in rows:
        entry = found.setdefault(
            (code, product_id), StoreOverride(code, location_name, product_id, sku, name)
        )
        entry.lines += int(lines)
        entry.units += int(units or 0)
        entry.given_away_cents += int(given or 0)
        reason = reason or ""
        entry.reasons[reason] = entry.reasons.get(reason, 0) + int(lines)
    return sorted(found.values(), key=lambda o: (-o.given_away_cents, o.location_code, o.sku))


def _channel_conflicts(session: Session, since: datetime) -> list[ChannelConflict]:
    rows = session.execute(
        select(
            Product.id,
            Product.sku,
            Product.name,
            Product.price_cents,
            ReservationLine.unit_price_cents,
            func.count(func.distinct(Reservation.id)),
            func.sum(ReservationLine.qty),
            func.max(Reservation.created_at),
            PriceDecision.note,
            PriceDecision.decided_by,
            PriceDecision.decided_at,
        )
        .join(Reservation, Reservation.id == ReservationLine.reservation_id)
        .join(Product, Product.id == ReservationLine.product_id)
        .outerjoin(
            PriceDecision,
            (PriceDecision.product_id == Product.id)
            & (PriceDecision.channel_price_cents == ReservationLine.unit_price_cents)
            & (PriceDecision.store_price_cents == Product.price_cents),
        )
        .where(
            Reservation.kind == "group_buy",
            Reservation.status != "cancelled",
            Reservation.created_at >= since,
            ReservationLine.unit_price_cents.is_not(None),
            ReservationLine.unit_price_cents != Product.price_cents,
        )
        .group_by(
            Product.id,
            Product.sku,
            Product.name,
            Product.price_cents,
            ReservationLine.unit_price_cents,
            PriceDecision.note,
            PriceDecision.decided_by,
            PriceDecision.decided_at,
        )
    ).all()
    conflicts = [
        ChannelConflict(
            product_id,
            sku,
            name,
            int(store_price),
            int(channel_price or 0),  # the query keeps only priced lines
            int(orders),
            int(units or 0),
            last,
            None if note is None else Decision(note, decided_by, decided_at),
        )
        for (
            product_id,
            sku,
            name,
            store_price,
            channel_price,
            orders,
            units,
            last,
            note,
            decided_by,
            decided_at,
        ) in rows
    ]
    return sorted(
        conflicts,
        key=lambda c: (-abs(c.difference_cents) * c.units, c.sku, c.channel_price_cents),
    )


def mark_deliberate(
    session: Session, product_id: int, channel_price_cents: int, note: str, decided_by: str
) -> Decision:
    """Record that the channel selling `product_id` at `channel_price_cents` against the
    catalogue's current store price is deliberate. Marking again replaces the note (one
    statement, so two managers marking at once leave one row, the later note)."""
    note = note.strip()
    if not note or len(note) > NOTE_MAX_LENGTH:
        raise DomainError(
            "price_note_invalid", f"say why in a note of 1 to {NOTE_MAX_LENGTH} characters", 422
        )
    store_price = session.scalar(select(Product.price_cents).where(Product.id == product_id))
    if store_price is None:
        raise NotFound("product_not_found", f"no product with id {product_id}")
    orders_at_price = session.scalar(
        select(func.count())
        .select_from(ReservationLine)
        .join(Reservation, Reservation.id == ReservationLine.reservation_id)
        .where(
            Reservation.kind == "group_buy",
            ReservationLine.product_id == product_id,
            ReservationLine.unit_price_cents == channel_price_cents,
        )
    )
    if channel_price_cents == store_price or not orders_at_price:
        raise NotFound(
            "price_conflict_not_found",
            f"the group-buy channel has no order of product {product_id} at "
            f"{channel_price_cents} cents against the store price {store_price} cents",
        )
    decided_at = utcnow()
    values = {
        "product_id": product_id,
        "channel_price_cents": channel_price_cents,
        "store_price_cents": store_price,
        "note": note,
        "decided_by": decided_by,
        "decided_at": decided_at,
    }
    insert = postgresql.insert if dialect_name(session) == "postgresql" else sqlite.insert
    statement = insert(table_of(PriceDecision)).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["product_id", "channel_price_cents", "store_price_cents"],
            set_={"note": note, "decided_by": decided_by, "decided_at": decided_at},
        )
    )
    return Decision(note, decided_by, decided_at)
