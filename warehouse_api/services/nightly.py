"""The nightly planning job (`warehouse-api forecast`): history, forecasts, safety
stock, idle-stock suggestions, in that order, each in its own transactions."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from warehouse_api.db import Database
from warehouse_api.services.demand_history import refresh, today_in_taiwan
from warehouse_api.services.forecasts import PlanningSettings, apply_safety_stock, forecast_all
from warehouse_api.services.idle_stock import IdleSettings, record_suggestions


@dataclass(frozen=True, slots=True)
class NightlyStats:
    series: int
    seconds: float
    methods: dict[str, int]
    safety_stock_rows_changed: int
    idle_suggestions: int


def run_nightly(
    db: Database,
    settings: PlanningSettings,
    *,
    apply_safety: bool = True,
    idle_days: int = 60,
    last_day: date | None = None,
) -> NightlyStats:
    started = time.perf_counter()
    with db.write() as session:
        refresh(session, last_day)
    series, methods = forecast_all(db, settings, last_day=last_day)
    changed = 0
    if apply_safety:
        with db.write() as session:
            changed = apply_safety_stock(session, settings)
    with db.write() as session:
        made_on = (last_day or today_in_taiwan() - timedelta(days=1)) + timedelta(days=1)
        suggestions = record_suggestions(
            session, IdleSettings(planning=settings, no_sale_days=idle_days), made_on
        )
    return NightlyStats(series, time.perf_counter() - started, methods, changed, len(suggestions))
