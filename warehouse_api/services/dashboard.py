"""The managers' dashboard figures: sales by store and channel, stock value by location,
idle stock. Read-only queries, aggregated in the database (a chain's month of sales is
hundreds of thousands of rows; only the sums travel).

Values are at list price (`products.price_cents`): the warehouse keeps no cost price, and
a group-buy order's lines carry no price of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, case, cast, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from warehouse_api.models import Location, Product, Reservation, ReservationLine, Sale, Stock
from warehouse_api.planning_models import IdleSuggestion
from warehouse_api.services.demand_history import today_in_taiwan
from warehouse_api.services.sql import dialect_name

GROUP_BUY = "group_buy"  # the channel's key beside the stores' codes
TAIPEI_OFFSET = timedelta(hours=8)  # Taiwan keeps UTC+8 all year


@dataclass(frozen=True, slots=True)
class Bar:
    key: str
    label: str
    value: int  # cents


@dataclass(frozen=True, slots=True)
class IdleRow:
    location: str
    product_sku: str
    product_name: str
    action: str
    to_location: str | None
    qty: int
    idle_value_cents: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    first_day: date
    last_day: date
    sales_by_channel: list[Bar]  # each store, then the group-buy channel
    sales_by_day: list[tuple[date, int]]  # every day of the period, stores + channel
    stock_value: list[Bar]  # per location with stock
    idle_by_location: list[Bar]
    idle_top: list[IdleRow]
    idle_made_on: date | None


def _taipei_day(session: Session, column: Any) -> ColumnElement[date]:
    if dialect_name(session) == "postgresql":
        return cast(func.timezone("Asia/Taipei", column), Date)
    return func.date(column, literal_column("'+8 hours'"))


def _window(days: int, today: date) -> tuple[date, date, datetime, datetime]:
    first = today - timedelta(days=days - 1)
    start = datetime.combine(first, time(), UTC) - TAIPEI_OFFSET
    end = datetime.combine(today + timedelta(days=1), time(), UTC) - TAIPEI_OFFSET
    return first, today, start, end


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def build(session: Session, days: int = 28, today: date | None = None) -> Dashboard:
    first, last, start, end = _window(days, today or today_in_taiwan())
    locations = {loc.id: loc for loc in session.scalars(select(Location))}
    by_day: dict[date, int] = {first + timedelta(days=n): 0 for n in range(days)}

    sale_day = _taipei_day(session, Sale.created_at)
    store_totals: dict[int, int] = {}
    for location_id, day, cents in session.execute(
        select(Sale.location_id, sale_day, func.sum(Sale.total_cents))
        .where(Sale.created_at >= start, Sale.created_at < end)
        .group_by(Sale.location_id, sale_day)
    ):
        store_totals[location_id] = store_totals.get(location_id, 0) + int(cents)
        by_day[_as_date(day)] = by_day.get(_as_date(day), 0) + int(cents)

    order_day = _taipei_day(session, Reservation.created_at)
    group_buy_total = 0
    for day, cents in session.execute(
        select(order_day, func.sum(ReservationLine.qty * Product.price_cents))
        .join(ReservationLine, ReservationLine.reservation_id == Reservation.id)
        .join(Product, Product.id == ReservationLine.product_id)
        .where(
            Reservation.kind == "group_buy",
            Reservation.status != "cancelled",
            Reservation.created_at >= start,
            Reservation.created_at < end,
        )
        .group_by(order_day)
    ):
        group_buy_total += int(cents)
        by_day[_as_date(day)] = by_day.get(_as_date(day), 0) + int(cents)

    stores = sorted((loc for loc in locations.values() if loc.kind == "store"), key=_code)
    sales = [Bar(s.code, s.name, store_totals.get(s.id, 0)) for s in stores]
    sales.append(Bar(GROUP_BUY, "團購", group_buy_total))

    value = func.sum(case((Stock.on_hand > 0, Stock.on_hand), else_=0) * Product.price_cents)
    stock_value = [
        Bar(locations[location_id].code, locations[location_id].name, int(cents or 0))
        for location_id, cents in session.execute(
            select(Stock.location_id, value)
            .join(Product, Product.id == Stock.product_id)
            .group_by(Stock.location_id)
        )
    ]
    stock_value.sort(key=lambda bar: bar.key)

    made_on = session.scalar(select(func.max(IdleSuggestion.made_on)))
    idle_by_location: list[Bar] = []
    idle_top: list[IdleRow] = []
    if made_on is not None:
        for location_id, cents in session.execute(
            select(IdleSuggestion.location_id, func.sum(IdleSuggestion.idle_value_cents))
            .where(IdleSuggestion.made_on == made_on)
            .group_by(IdleSuggestion.location_id)
        ):
            location = locations[location_id]
            idle_by_location.append(Bar(location.code, location.name, int(cents)))
        idle_by_location.sort(key=lambda bar: bar.key)
        for suggestion, product in session.execute(
            select(IdleSuggestion, Product)
            .join(Product, Product.id == IdleSuggestion.product_id)
            .where(IdleSuggestion.made_on == made_on)
            .order_by(IdleSuggestion.idle_value_cents.desc(), IdleSuggestion.id)
            .limit(15)
        ):
            target = locations.get(suggestion.to_location_id or 0)
            idle_top.append(
                IdleRow(
                    locations[suggestion.location_id].code,
                    product.sku,
                    product.name,
                    suggestion.action,
                    target.code if target else None,
                    suggestion.qty,
                    suggestion.idle_value_cents,
                )
            )
    return Dashboard(
        first,
        last,
        sales,
        sorted(by_day.items()),
        stock_value,
        idle_by_location,
        idle_top,
        made_on,
    )


def _code(location: Location) -> str:
    return location.code
