"""The nightly forecast job and the stock figures derived from it.

`forecast_all` forecasts every series (product, location, channel) with the method its
backtest chose (`warehouse_api.forecasting.engine`) and stores the forecasts;
`apply_safety_stock` writes the safety stock they imply into `stock`. The nightly job
(`services/nightly.py`) runs them after refreshing the demand history.

Safety stock: z(service level) x the backtest's daily RMSE x sqrt(lead time), the
forecast error over the replenishment lead time if daily errors are independent. A
location's stock row gets the combined figure of its channels (the warehouse serves
its own orders and the group-buy channel): z x sqrt(lead time x sum of variances).
Reorder point: forecast demand over the lead time plus safety stock.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import NormalDist
from typing import Any

import numpy as np
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse_api.db import Database
from warehouse_api.forecasting.engine import NEW_PRODUCT_DAYS, GroupFallback, choose_and_forecast
from warehouse_api.models import Location, Product, Stock, Transfer, TransferLine, table_of, utcnow
from warehouse_api.planning_models import DemandForecast
from warehouse_api.services.demand_history import load_series_rows, today_in_taiwan
from warehouse_api.services.feed_data import publish_stock
from warehouse_api.services.sql import dialect_name

log = logging.getLogger(__name__)

HISTORY_DAYS = 730
HORIZON_DAYS = 28
BATCH_SERIES = 4000
DEFAULT_LEAD_TIME_DAYS = 7
DEFAULT_REVIEW_DAYS = 7
DEFAULT_SERVICE_LEVEL = 0.95

forecast_table = table_of(DemandForecast)
SeriesKey = tuple[int, int, str]  # (product_id, location_id, channel)


@dataclass(frozen=True, slots=True)
class PlanningSettings:
    lead_time_days: int = DEFAULT_LEAD_TIME_DAYS
    review_days: int = DEFAULT_REVIEW_DAYS
    service_level: float = DEFAULT_SERVICE_LEVEL

    def __post_init__(self) -> None:
        if not 0.5 <= self.service_level < 1:
            raise ValueError("the service level must be at least 0.5 and below 1")
        if self.lead_time_days < 1 or self.review_days < 0:
            raise ValueError("the lead time must be a day or more, the review period >= 0")

    @property
    def z(self) -> float:
        return NormalDist().inv_cdf(self.service_level)


def safety_stock(error_sd: float, settings: PlanningSettings) -> int:
    return math.ceil(settings.z * error_sd * math.sqrt(settings.lead_time_days) - 1e-9)


def reorder_point(daily: list[float], safety: int, settings: PlanningSettings) -> int:
    return math.ceil(sum(daily[: settings.lead_time_days]) + safety - 1e-9)


@dataclass(slots=True)
class _Batch:
    keys: list[SeriesKey]
    y: np.ndarray
    censored: np.ndarray
    first_seen: np.ndarray


def _batches(
    session: Session, start: date, days: int, size: int = BATCH_SERIES
) -> Iterator[_Batch]:
    end = start + timedelta(days=days - 1)

    def empty() -> _Batch:
        return _Batch(
            [],
            np.zeros((size, days)),
            np.zeros((size, days), dtype=bool),
            np.zeros(size, dtype=np.int64),
        )

    batch = empty()
    current: SeriesKey | None = None
    for product_id, location_id, channel, day, qty, stockout in load_series_rows(session, start):
        if day > end:
            continue
        key = (product_id, location_id, channel)
        if key != current:
            if len(batch.keys) == size:
                yield batch
                batch = empty()
            batch.keys.append(key)
            batch.first_seen[len(batch.keys) - 1] = days
            current = key
        row = len(batch.keys) - 1
        column = (day - start).days
        batch.y[row, column] = qty
        batch.censored[row, column] = stockout and qty <= 0
        if qty > 0 and column < batch.first_seen[row]:
            batch.first_seen[row] = column
    if batch.keys:
        n = len(batch.keys)
        yield _Batch(batch.keys, batch.y[:n], batch.censored[:n], batch.first_seen[:n])


def forecast_all(
    db: Database,
    settings: PlanningSettings,
    *,
    last_day: date | None = None,
    history_days: int = HISTORY_DAYS,
) -> tuple[int, dict[str, int]]:
    """Forecast every series with demand in the window; returns (series, method counts).

    New series (under NEW_PRODUCT_DAYS since their first demand) are blended with the
    mature series of their category at the same location and channel (GroupFallback),
    pooled across batches; their error is at least the group's median error.
    """
    last_day = last_day or today_in_taiwan() - timedelta(days=1)
    start = last_day - timedelta(days=history_days - 1)
    generated_at = utcnow()
    with db.read() as session:
        categories = dict(session.execute(select(Product.id, Product.category)).all())
    fallback = GroupFallback.empty()
    group_sds: dict[Hashable, list[float]] = defaultdict(list)
    young_rows: list[tuple[dict[str, Any], Hashable, np.ndarray, int]] = []
    counts: dict[str, int] = defaultdict(int)
    total = 0
    with db.read() as reader:
        for batch in _batches(reader, start, history_days):
            choice = choose_and_forecast(batch.y, batch.censored, start, HORIZON_DAYS)
            rows = []
            for index, key in enumerate(batch.keys):
                group = (categories.get(key[0]), key[1], key[2])
                seen = int(batch.first_seen[index])  # == history_days: no demand in the window
                age = history_days - seen
                young = seen < history_days and age < NEW_PRODUCT_DAYS
                daily = [round(float(v), 4) for v in choice.forecast[index]]
                sd = float(choice.error_sd[index])
                mase = choice.backtest_mase[index]
                naive = choice.backtest_mase_seasonal_naive[index]
                method = "category" if young else choice.method[index]
                row = _forecast_row(key, method, last_day, daily, sd, settings, generated_at)
                row["mase"] = None if young or np.isnan(mase) else float(mase)
                row["mase_seasonal_naive"] = None if np.isnan(naive) else float(naive)
                if young:
                    young_rows.append((row, group, choice.forecast[index].copy(), age))
                else:
                    fallback.add(group, choice.forecast[index])
                    group_sds[group].append(sd)
                    rows.append(row)
                counts[method] += 1
            with db.write() as session:
                _upsert_forecasts(session, rows)
            total += len(batch.keys)
    blended = []
    for row, young_group, own, age in young_rows:
        daily = [round(float(v), 4) for v in fallback.blend(young_group, own, age)]
        group_sd = group_sds[young_group]
        sd = max(row["error_sd"], float(np.median(group_sd)) if group_sd else 0.0)
        row_key = (row["product_id"], row["location_id"], row["channel"])
        blended.append(
            _forecast_row(row_key, "category", last_day, daily, sd, settings, generated_at)
        )
    with db.write() as session:
        for chunk_start in range(0, len(blended), 2000):
            _upsert_forecasts(session, blended[chunk_start : chunk_start + 2000])
        session.execute(
            delete(DemandForecast)
            .where(DemandForecast.generated_at < generated_at)
            .execution_options(synchronize_session=False)
        )
    return total, dict(counts)


def _forecast_row(
    key: SeriesKey,
    method: str,
    last_day: date,
    daily: list[float],
    sd: float,
    settings: PlanningSettings,
    generated_at: Any,
) -> dict[str, Any]:
    safety = safety_stock(sd, settings)
    return {
        "product_id": key[0],
        "location_id": key[1],
        "channel": key[2],
        "method": method,
        "first_day": last_day + timedelta(days=1),
        "daily": daily,
        "mase": None,
        "mase_seasonal_naive": None,
        "error_sd": sd,
        "lead_time_days": settings.lead_time_days,
        "service_level": settings.service_level,
        "safety_stock": safety,
        "reorder_point": reorder_point(daily, safety, settings),
        "generated_at": generated_at,
    }


def _upsert_forecasts(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    insert = postgresql.insert if dialect_name(session) == "postgresql" else sqlite.insert
    statement = insert(forecast_table)
    columns = [c for c in rows[0] if c not in ("product_id", "location_id", "channel")]
    statement = statement.on_conflict_do_update(
        index_elements=["product_id", "location_id", "channel"],
        set_={column: statement.excluded[column] for column in columns},
    )
    session.execute(statement, rows)


def apply_safety_stock(session: Session, settings: PlanningSettings) -> int:
    """Set stock.safety_stock from the forecasts (channels combined); returns rows changed."""
    combined: dict[tuple[int, int], float] = defaultdict(float)
    for product_id, location_id, sd in session.execute(
        select(DemandForecast.product_id, DemandForecast.location_id, DemandForecast.error_sd)
    ):
        combined[(location_id, product_id)] += float(sd) ** 2
    changed = 0
    current = {
        (loc, pid): safety
        for loc, pid, safety in session.execute(
            select(Stock.location_id, Stock.product_id, Stock.safety_stock)
        )
    }
    for (location_id, product_id), variance in sorted(combined.items()):
        if (location_id, product_id) not in current:
            continue  # never stocked here: nothing to protect
        wanted = safety_stock(math.sqrt(variance), settings)
        if current[(location_id, product_id)] == wanted:
            continue
        on_hand, reserved, safety = session.execute(
            update(Stock)
            .where(Stock.location_id == location_id, Stock.product_id == product_id)
            .values(safety_stock=wanted)
            .returning(Stock.on_hand, Stock.reserved, Stock.safety_stock)
        ).one()
        publish_stock(session, location_id, product_id, on_hand, reserved, safety)
        changed += 1
    return changed


def inbound_quantities(session: Session) -> dict[tuple[int, int], int]:
    """(to_location, product) -> units on requested or shipped transfers."""
    rows = session.execute(
        select(Transfer.to_location_id, TransferLine.product_id, func.sum(TransferLine.qty))
        .join(TransferLine, TransferLine.transfer_id == Transfer.id)
        .where(Transfer.status.in_(("requested", "shipped")))
        .group_by(Transfer.to_location_id, TransferLine.product_id)
    )
    return {(int(loc), int(pid)): int(qty) for loc, pid, qty in rows}


@dataclass(frozen=True, slots=True)
class ReorderLine:
    location_code: str
    product_id: int
    sku: str
    on_hand: int
    reserved: int
    inbound: int
    safety_stock: int
    reorder_point: int
    forecast_lead_time: float
    suggested_qty: int
    source: str  # a location code to transfer from, or "order" (buy from the supplier)


def reorder_report(
    session: Session, location_id: int, settings: PlanningSettings, limit: int = 500
) -> list[ReorderLine]:
    """Products at or below their reorder point here, with the quantity to bring in:
    enough to cover the lead time and one review period above safety stock."""
    location = session.get(Location, location_id)
    assert location is not None
    per_product: dict[int, list[DemandForecast]] = defaultdict(list)
    for forecast in session.scalars(
        select(DemandForecast).where(DemandForecast.location_id == location_id)
    ):
        per_product[forecast.product_id].append(forecast)
    if not per_product:
        return []
    stock = {
        pid: (on_hand, reserved, safety)
        for pid, on_hand, reserved, safety in session.execute(
            select(Stock.product_id, Stock.on_hand, Stock.reserved, Stock.safety_stock).where(
                Stock.location_id == location_id
            )
        )
    }
    inbound = inbound_quantities(session)
    skus = {
        pid: sku
        for pid, sku in session.execute(
            select(Product.id, Product.sku).where(Product.id.in_(list(per_product)))
        )
    }
    warehouse_code = session.scalar(
        select(Location.code).where(Location.kind == "warehouse").order_by(Location.id).limit(1)
    )
    lines = []
    for product_id, forecasts in sorted(per_product.items()):
        lead = settings.lead_time_days
        cover = lead + settings.review_days
        daily = [sum(values) for values in zip(*(f.daily for f in forecasts), strict=True)]
        variance = sum(f.error_sd**2 for f in forecasts)
        safety = safety_stock(math.sqrt(variance), settings)
        point = reorder_point(daily, safety, settings)
        on_hand, reserved, _ = stock.get(product_id, (0, 0, 0))
        incoming = inbound.get((location_id, product_id), 0)
        position = on_hand - reserved + incoming
        if position > point:
            continue
        need = math.ceil(sum(daily[:cover]) + safety - position - 1e-9)
        if need <= 0:
            continue
        source = warehouse_code if location.kind == "store" and warehouse_code else "order"
        lines.append(
            ReorderLine(
                location.code,
                product_id,
                skus.get(product_id, str(product_id)),
                on_hand,
                reserved,
                incoming,
                safety,
                point,
                round(sum(daily[:lead]), 2),
                need,
                source,
            )
        )
        if len(lines) >= limit:
            break
    return lines
