"""Idle stock (閒置庫存) and where it should go.

An item is idle at a location when it has had no sale there for `no_sale_days` (for
a product never sold there, counted from the earliest of its stock's first arrival
there, its first history row there and its first history row anywhere: a product
that has sold elsewhere for months and never here is idle here even if the ledger
only began today, as after a migration) or when its
days of cover (on hand / forecast daily demand) exceed `cover_days`, far above the
lead time. Only the excess is idle: what the location keeps is its forecast demand
over lead time plus review period, plus safety stock. Its value is excess x the
product's price (the catalog holds no cost price).

Suggestions, in order: transfer the excess to the places where the product sells,
up to `absorb_days` of their forecast demand plus safety stock (the warehouse counts
as selling what
the group-buy channel sells, since it fills those orders); what no place needs is
offered to the group-buy channel (moved to the warehouse first if it sits in a
store), or, for a product a dropship partner can ship, marked dropship-only (stop
holding it, let the partner ship). The nightly job records the suggestions, so a
later report can show what last month's achieved, and one call turns a suggestion
into a transfer request.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import Location, Product, Stock, StockMovement, Transfer
from warehouse_api.planning_models import DemandDay, DemandForecast, IdleSuggestion
from warehouse_api.services.demand_history import taiwan_day
from warehouse_api.services.forecasts import (
    PlanningSettings,
    inbound_quantities,
    safety_stock,
)
from warehouse_api.services.transfers import request_transfer

ACHIEVEMENT_AFTER_DAYS = 28


@dataclass(frozen=True, slots=True)
class IdleSettings:
    planning: PlanningSettings = field(default_factory=PlanningSettings)
    no_sale_days: int = 60
    cover_days: int = 90
    # a place receiving idle stock takes up to this many days of its forecast demand
    # (plus safety stock): well under cover_days, so the move makes nothing idle there
    absorb_days: int = 60


@dataclass(frozen=True, slots=True)
class _Position:
    on_hand: int
    reserved: int
    rate: float  # forecast units a day, all channels
    safety: int

    def keep(self, settings: IdleSettings) -> int:
        cover = settings.planning.lead_time_days + settings.planning.review_days
        return math.ceil(self.rate * cover + self.safety - 1e-9)


@dataclass(frozen=True, slots=True)
class Suggestion:
    location_id: int
    product_id: int
    action: str
    to_location_id: int | None
    qty: int
    idle_qty: int
    idle_value_cents: int


def _positions(session: Session, settings: IdleSettings) -> dict[tuple[int, int], _Position]:
    """(location, product) -> position, for every stock row and every forecast."""
    rates: dict[tuple[int, int], float] = defaultdict(float)
    variances: dict[tuple[int, int], float] = defaultdict(float)
    horizon = settings.planning.lead_time_days + settings.planning.review_days
    for product_id, location_id, daily, sd in session.execute(
        select(
            DemandForecast.product_id,
            DemandForecast.location_id,
            DemandForecast.daily,
            DemandForecast.error_sd,
        )
    ):
        window = list(daily[:horizon]) or [0.0]
        rates[(location_id, product_id)] += sum(window) / len(window)
        variances[(location_id, product_id)] += float(sd) ** 2
    positions = {}
    stock = {
        (loc, pid): (on_hand, reserved)
        for loc, pid, on_hand, reserved in session.execute(
            select(Stock.location_id, Stock.product_id, Stock.on_hand, Stock.reserved)
        )
    }
    for key in set(stock) | set(rates):
        on_hand, reserved = stock.get(key, (0, 0))
        safety = safety_stock(math.sqrt(variances.get(key, 0.0)), settings.planning)
        positions[key] = _Position(on_hand, reserved, rates.get(key, 0.0), safety)
    return positions


def suggest(session: Session, settings: IdleSettings, today: date) -> list[Suggestion]:
    kinds = dict(session.execute(select(Location.id, Location.kind)).all())
    warehouse = min((lid for lid, kind in kinds.items() if kind == "warehouse"), default=None)
    products = {
        pid: (price, partner)
        for pid, price, partner in session.execute(
            select(Product.id, Product.price_cents, Product.dropship_partner_id)
        )
    }
    positions = _positions(session, settings)
    last_sale = {
        (loc, pid): day
        for pid, loc, day in session.execute(
            select(DemandDay.product_id, DemandDay.location_id, func.max(DemandDay.day))
            .where(DemandDay.qty > 0)
            .group_by(DemandDay.product_id, DemandDay.location_id)
        )
    }
    first_stocked = {
        (loc, pid): taiwan_day(when)
        for loc, pid, when in session.execute(
            select(
                StockMovement.location_id,
                StockMovement.product_id,
                func.min(StockMovement.created_at),
            )
            .where(StockMovement.delta > 0)
            .group_by(StockMovement.location_id, StockMovement.product_id)
        )
    }
    product_first_day: dict[int, date] = {}
    for pid, loc, day in session.execute(
        select(DemandDay.product_id, DemandDay.location_id, func.min(DemandDay.day)).group_by(
            DemandDay.product_id, DemandDay.location_id
        )
    ):
        known = first_stocked.get((loc, pid))
        first_stocked[(loc, pid)] = day if known is None else min(known, day)
        seen = product_first_day.get(pid)
        product_first_day[pid] = day if seen is None else min(seen, day)
    inbound = inbound_quantities(session)
    # what each place still needs to reach its keep figure, consumed as we allocate
    need: dict[tuple[int, int], int] = {}
    for (loc, pid), position in positions.items():
        if kinds.get(loc) not in ("store", "warehouse") or position.rate <= 0:
            continue
        absorb = math.ceil(position.rate * settings.absorb_days + position.safety - 1e-9)
        short = absorb - (position.on_hand - position.reserved + inbound.get((loc, pid), 0))
        if short > 0:
            need[(loc, pid)] = short

    idle: list[tuple[int, int, int, int]] = []  # (value, location, product, excess)
    for (loc, pid), position in positions.items():
        if kinds.get(loc) not in ("store", "warehouse") or position.on_hand <= 0:
            continue
        since = last_sale.get((loc, pid))
        if since is None:  # never sold here: the evidence starts with its history
            starts = [d for d in (first_stocked.get((loc, pid)), product_first_day.get(pid)) if d]
            since = min(starts) if starts else None
        stale = since is not None and (today - since).days >= settings.no_sale_days
        # no forecast and only just arrived: not idle yet, whatever the cover says
        cover = position.on_hand / position.rate if position.rate > 0 else 0.0
        if not (stale or cover > settings.cover_days):
            continue
        excess = position.on_hand - position.reserved - position.keep(settings)
        if excess <= 0:
            continue
        price = products.get(pid, (0, None))[0]
        idle.append((excess * price, loc, pid, excess))

    suggestions: list[Suggestion] = []
    for _value, loc, pid, excess in sorted(idle, key=lambda item: (-item[0], item[1], item[2])):
        price, partner = products.get(pid, (0, None))
        left = excess
        targets = sorted(
            (
                (short, target_loc)
                for (target_loc, target_pid), short in need.items()
                if target_pid == pid and target_loc != loc and short > 0
            ),
            reverse=True,
        )
        for short, target_loc in targets:
            if left <= 0:
                break
            qty = min(left, short)
            need[(target_loc, pid)] = short - qty
            left -= qty
            suggestions.append(
                Suggestion(loc, pid, "transfer", target_loc, qty, excess, excess * price)
            )
        if left > 0:
            sells_anywhere = any(
                position.rate > 0 for (_l, p), position in positions.items() if p == pid
            )
            if partner is not None and not sells_anywhere:
                suggestions.append(
                    Suggestion(loc, pid, "dropship_only", None, left, excess, excess * price)
                )
            else:
                to = warehouse if kinds.get(loc) == "store" else None
                suggestions.append(
                    Suggestion(loc, pid, "offer_group_buy", to, left, excess, excess * price)
                )
    return suggestions


def record_suggestions(session: Session, settings: IdleSettings, made_on: date) -> list[Suggestion]:
    """Compute today's suggestions and store them (replacing today's not yet acted on)."""
    suggestions = suggest(session, settings, made_on)
    session.execute(
        delete(IdleSuggestion)
        .where(IdleSuggestion.made_on == made_on, IdleSuggestion.transfer_id.is_(None))
        .execution_options(synchronize_session=False)
    )
    session.add_all(
        IdleSuggestion(
            made_on=made_on,
            location_id=s.location_id,
            product_id=s.product_id,
            action=s.action,
            to_location_id=s.to_location_id,
            qty=s.qty,
            idle_qty=s.idle_qty,
            idle_value_cents=s.idle_value_cents,
        )
        for s in suggestions
    )
    session.flush()
    return suggestions


@dataclass(frozen=True, slots=True)
class Achievement:
    made_on: date | None
    idle_value_before_cents: int
    idle_value_now_cents: int


def achievement(session: Session, today: date, location_id: int | None = None) -> Achievement:
    """What the suggestions of about a month ago achieved: the idle value they named
    then against the value of the same units still sitting there now."""
    made_on = session.scalar(
        select(func.max(IdleSuggestion.made_on)).where(
            IdleSuggestion.made_on <= today - timedelta(days=ACHIEVEMENT_AFTER_DAYS)
        )
    )
    if made_on is None:
        return Achievement(None, 0, 0)
    query = select(IdleSuggestion).where(IdleSuggestion.made_on == made_on)
    if location_id is not None:
        query = query.where(IdleSuggestion.location_id == location_id)
    items: dict[tuple[int, int], tuple[int, int]] = {}
    for suggestion in session.scalars(query):
        items[(suggestion.location_id, suggestion.product_id)] = (
            suggestion.idle_qty,
            suggestion.idle_value_cents,
        )
    before = sum(value for _, value in items.values())
    now = 0
    for (loc, pid), (idle_qty, value) in items.items():
        on_hand = session.scalar(
            select(Stock.on_hand).where(Stock.location_id == loc, Stock.product_id == pid)
        )
        if idle_qty > 0 and on_hand:
            now += value * min(max(on_hand, 0), idle_qty) // idle_qty
    return Achievement(made_on, before, now)


def latest_suggestions(
    session: Session, location_id: int | None, limit: int = 500
) -> list[IdleSuggestion]:
    made_on = session.scalar(select(func.max(IdleSuggestion.made_on)))
    if made_on is None:
        return []
    query = (
        select(IdleSuggestion)
        .where(IdleSuggestion.made_on == made_on)
        .order_by(IdleSuggestion.idle_value_cents.desc(), IdleSuggestion.id)
        .limit(limit)
    )
    if location_id is not None:
        query = query.where(IdleSuggestion.location_id == location_id)
    return list(session.scalars(query))


def suggestion_to_transfer(session: Session, suggestion_id: int) -> Transfer:
    """Turn a transfer (or offer-to-group-buy via the warehouse) suggestion into a
    transfer request. Asking again returns the same transfer."""
    suggestion = session.get(IdleSuggestion, suggestion_id, with_for_update=True)
    if suggestion is None:
        raise NotFound("suggestion_not_found", f"no idle-stock suggestion {suggestion_id}")
    if suggestion.transfer_id is not None:
        existing = session.get(Transfer, suggestion.transfer_id)
        assert existing is not None
        return existing
    if suggestion.to_location_id is None:
        raise DomainError(
            "not_a_transfer",
            f"suggestion {suggestion_id} ({suggestion.action}) moves no stock between locations",
            409,
        )
    stock = session.scalar(
        select(Stock).where(
            Stock.location_id == suggestion.location_id,
            Stock.product_id == suggestion.product_id,
        )
    )
    free = (stock.on_hand - stock.reserved) if stock is not None else 0
    qty = min(suggestion.qty, free)
    if qty <= 0:
        raise DomainError(
            "nothing_to_move",
            f"the source no longer has free stock of product {suggestion.product_id}",
            409,
        )
    transfer = request_transfer(
        session,
        f"TR-IDLE-{suggestion.id}",
        suggestion.location_id,
        suggestion.to_location_id,
        {suggestion.product_id: qty},
    )
    suggestion.transfer_id = transfer.id
    return transfer


def suggestion_data(session: Session, suggestion: IdleSuggestion) -> dict[str, Any]:
    codes = dict(session.execute(select(Location.id, Location.code)).all())
    sku = session.scalar(select(Product.sku).where(Product.id == suggestion.product_id))
    return {
        "suggestion_id": suggestion.id,
        "made_on": suggestion.made_on,
        "location_code": codes.get(suggestion.location_id),
        "product_id": suggestion.product_id,
        "sku": sku,
        "action": suggestion.action,
        "to_location_code": codes.get(suggestion.to_location_id)
        if suggestion.to_location_id
        else None,
        "qty": suggestion.qty,
        "idle_qty": suggestion.idle_qty,
        "idle_value_cents": suggestion.idle_value_cents,
        "transfer_id": suggestion.transfer_id,
    }
