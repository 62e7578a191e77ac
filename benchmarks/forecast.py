"""``python -m benchmarks.forecast [--products N] [--seed S] [--out FILE]``: forecasting figures.

Generates a seeded synthetic history (4 stores and the group-buy channel, two years,
weekly seasonality that differs by channel, Taiwan holidays and make-up workdays,
promotions the model is not told about, intermittent and new items, stock-outs,
and planted idle stock: units sitting where the product never sells while another
place sells it), then measures:

* accuracy: the engine picks a method per series by its rolling-origin backtest on
  the first 702 days; every method, the chosen one and seasonal naive (m = 7) are
  scored by MASE on the held-out last 28 days, which the choice never saw;
* idle stock: the history goes into a SQLite warehouse (demand rows as an import
  would write them, stock and ledger rows), the real nightly job runs
  (`services.nightly.run_nightly`: history refresh, forecasts, safety stock,
  suggestions), and we count the planted idle value its transfer suggestions move
  to a place where the product sells;
* the nightly job's time on this sample, extrapolated linearly to 200,000 products
  x 5 locations (the job is a loop over independent series batches, so linear is the
  right shape; the JSON says it is an extrapolation).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select

from warehouse_api.db import Database
from warehouse_api.forecasting.calendar import HOLIDAY, MAKEUP_WORKDAY, day_types
from warehouse_api.forecasting.engine import (
    METHODS,
    SEASONAL_NAIVE,
    choose_and_forecast,
    forecast_with,
    mase,
)
from warehouse_api.models import Location, Product, Stock, StockMovement, table_of
from warehouse_api.planning_models import DemandDay, IdleSuggestion
from warehouse_api.schema import prepare_database
from warehouse_api.services.forecasts import PlanningSettings
from warehouse_api.services.nightly import run_nightly

LAST_DAY = date(2026, 10, 31)
DAYS = 730
TEST_DAYS = 28
PLACES = ("S001", "S002", "S003", "S004", "GROUPBUY")  # 5 series per product
TARGET_PRODUCTS = 200_000
CATEGORIES = 10
# weekly shapes, Monday first: stores peak at the weekend, the group-buy channel mid-week
STORE_WEEK = np.array([0.75, 0.75, 0.85, 0.9, 1.1, 1.45, 1.3])
GROUP_BUY_WEEK = np.array([1.2, 1.25, 1.2, 1.1, 0.95, 0.6, 0.7])


@dataclass
class Synthetic:
    start: date
    demand: np.ndarray  # (products, places, days) observed sales
    censored: np.ndarray  # stock-out days
    first_day: np.ndarray  # (products,) index of launch
    category: np.ndarray
    price_cents: np.ndarray
    planted: list[tuple[int, int, int, set[int]]]  # (product, place, idle qty, sells at)
    on_hand: np.ndarray  # (products, places) at the end
    rate: np.ndarray  # (products, places, days) the expected demand the sales were drawn from


def generate(products: int, seed: int) -> Synthetic:
    rng = np.random.default_rng(seed)
    start = LAST_DAY - timedelta(days=DAYS - 1)
    types = day_types(start, DAYS)
    weekday = (np.arange(DAYS) + start.weekday()) % 7
    holiday = types == HOLIDAY
    makeup = types == MAKEUP_WORKDAY
    category = rng.integers(0, CATEGORIES, products)
    tier = rng.choice(3, products, p=[0.2, 0.4, 0.4])  # fast, medium, slow/intermittent
    base = np.where(
        tier == 0,
        rng.uniform(2.0, 8.0, products),
        np.where(tier == 1, rng.uniform(0.3, 2.0, products), rng.uniform(0.02, 0.3, products)),
    )
    place_share = rng.dirichlet(np.full(len(PLACES), 2.0), products) * len(PLACES)
    trend = 1 + rng.normal(0, 0.15, products)[:, None] * np.linspace(-1, 1, DAYS)[None, :]
    rate = np.empty((products, len(PLACES), DAYS))
    for p_index, code in enumerate(PLACES):
        week = GROUP_BUY_WEEK if code == "GROUPBUY" else STORE_WEEK
        shape = week[weekday].copy()
        if code == "GROUPBUY":
            shape[holiday] *= 0.6  # fewer group-buy orders on days off
        else:
            shape[holiday] = week[5] * 1.3  # stores: busier than a Saturday
            shape[makeup] = week[2]  # a worked Saturday sells like a Wednesday
        rate[:, p_index, :] = (base * place_share[:, p_index])[:, None] * shape[None, :] * trend
    # promotions: a week at 2.5x, a few a year per product and place, not told to the model
    for _ in range(products * len(PLACES) * 3):
        product, place = rng.integers(products), rng.integers(len(PLACES))
        begin = rng.integers(0, DAYS - 7)
        rate[product, place, begin : begin + 7] *= 2.5
    # new items: launched 10 to 60 days before the end
    first_day = np.zeros(products, dtype=np.int64)
    new = rng.random(products) < 0.08
    first_day[new] = DAYS - rng.integers(10, 60, new.sum())
    for product in np.flatnonzero(new):
        rate[product, :, : first_day[product]] = 0.0
    # planted idle stock: the product never sells at one place but does elsewhere
    planted: list[tuple[int, int, int, set[int]]] = []
    candidates = [p for p in range(products) if not new[p] and tier[p] != 2]
    for product in rng.choice(candidates, size=max(4, products // 15), replace=False):
        idle_place = int(rng.integers(len(PLACES)))
        rate[product, idle_place, :] = 0.0
        planted.append((int(product), idle_place, 0, set()))
    demand = rng.poisson(rate).astype(np.float64)
    # stock-outs: a run of empty-shelf days on some series, demand censored to zero
    censored = np.zeros_like(demand, dtype=bool)
    for _ in range(products * len(PLACES) // 20):
        product, place = rng.integers(products), rng.integers(len(PLACES))
        begin = rng.integers(first_day[product], DAYS - 1)
        length = rng.integers(3, 15)
        censored[product, place, begin : begin + length] = True
    demand[censored] = 0.0

    recent_rate = rate[:, :, -56:].mean(axis=2)
    on_hand = np.ceil(recent_rate * rng.uniform(8, 25, (products, len(PLACES)))).astype(np.int64)
    on_hand[censored[:, :, -1]] = 0
    finished = []
    for product, idle_place, _, _ in planted:
        sells = {
            p for p in range(len(PLACES)) if p != idle_place and recent_rate[product, p] > 0.05
        }
        idle_qty = int(rng.integers(80, 300))
        on_hand[product, idle_place] = idle_qty
        for place in sells:  # the places that sell it are running low
            on_hand[product, place] = math.floor(recent_rate[product, place] * 2)
        finished.append((product, idle_place, idle_qty, sells))
    price = rng.integers(30, 900, products) * 100
    return Synthetic(start, demand, censored, first_day, category, price, finished, on_hand, rate)


def accuracy(data: Synthetic) -> dict[str, Any]:
    products, places, days = data.demand.shape
    y = data.demand.reshape(products * places, days)
    censored = data.censored.reshape(products * places, days)
    history, future = y[:, :-TEST_DAYS], y[:, -TEST_DAYS:]
    past_censored, future_mask = censored[:, :-TEST_DAYS], ~censored[:, -TEST_DAYS:]
    first_seen = np.repeat(data.first_day, places)
    groups = [(int(data.category[i // places]), i % places) for i in range(products * places)]
    started = time.perf_counter()
    choice = choose_and_forecast(
        history, past_censored, data.start, TEST_DAYS, first_seen=first_seen, groups=groups
    )
    choose_seconds = time.perf_counter() - started
    # the MASE scale: seasonal naive's in-sample error on pairs of days with stock
    # over each series' own life: days before a launch are not demand of zero
    alive = np.arange(history.shape[1])[None, :] >= first_seen[:, None]
    observed_pairs = ~(past_censored[:, 7:] | past_censored[:, :-7]) & alive[:, :-7]
    diffs = np.abs(history[:, 7:] - history[:, :-7])
    scale = np.where(
        observed_pairs.sum(axis=1) > 0,
        (diffs * observed_pairs).sum(axis=1) / np.maximum(observed_pairs.sum(axis=1), 1),
        np.nan,
    )
    scored = (scale > 0) & (future_mask.sum(axis=1) > 0)
    chosen = mase(future, choice.forecast, scale, future_mask)
    naive_forecast = forecast_with(SEASONAL_NAIVE, history, past_censored, data.start, TEST_DAYS)
    naive = mase(future, naive_forecast, scale, future_mask)
    # the ceiling: the expected demand the sales were drawn from (promotions included),
    # which no mean forecast can beat on average; MASE rewards a median instead
    expected = data.rate.reshape(products * places, days)[:, -TEST_DAYS:]
    oracle = mase(future, expected, scale, future_mask)
    squared_scale = np.where(
        observed_pairs.sum(axis=1) > 0,
        (diffs * diffs * observed_pairs).sum(axis=1) / np.maximum(observed_pairs.sum(axis=1), 1),
        np.nan,
    )
    rmsse = {
        name: float(np.mean(_rmsse(future, forecast, squared_scale, future_mask)[scored]))
        for name, forecast in (
            ("chosen", choice.forecast),
            ("seasonal_naive", naive_forecast),
            ("expected_demand", expected),
        )
    }
    per_method = {}
    for method in METHODS:
        if method == "holt_winters":
            continue  # fitted only on dense series by the engine; see chosen_by_method
        forecast = forecast_with(method, history, past_censored, data.start, TEST_DAYS)
        per_method[method] = round(
            float(np.nanmean(mase(future, forecast, scale, future_mask)[scored])), 4
        )
    life = np.maximum(alive.sum(axis=1), 1)
    intermittent = ((history > 0) & alive).sum(axis=1) / life < 1 / 1.32  # ADI > 1.32
    by_kind = {}
    for name, rows in (
        ("regular", scored & ~intermittent),
        ("intermittent", scored & intermittent),
    ):
        by_kind[name] = {
            "series": int(rows.sum()),
            "mase_chosen": round(float(np.mean(chosen[rows])), 4),
            "mase_seasonal_naive": round(float(np.mean(naive[rows])), 4),
            "mase_expected_demand": round(float(np.mean(oracle[rows])), 4),
        }
    methods_chosen: dict[str, int] = {}
    for method in choice.method:
        methods_chosen[method] = methods_chosen.get(method, 0) + 1
    mean_chosen = float(np.mean(chosen[scored]))
    mean_naive = float(np.mean(naive[scored]))
    return {
        "series": int(products * places),
        "series_scored": int(scored.sum()),
        "mase_chosen": round(mean_chosen, 4),
        "mase_seasonal_naive": round(mean_naive, 4),
        "improvement_pct": round(100 * (mean_naive - mean_chosen) / mean_naive, 2),
        "mase_expected_demand": round(float(np.mean(oracle[scored])), 4),
        "improvement_pct_expected_demand": round(
            100 * (mean_naive - float(np.mean(oracle[scored]))) / mean_naive, 2
        ),
        "rmsse_chosen": round(rmsse["chosen"], 4),
        "rmsse_seasonal_naive": round(rmsse["seasonal_naive"], 4),
        "rmsse_expected_demand": round(rmsse["expected_demand"], 4),
        "improvement_rmsse_pct": round(
            100 * (rmsse["seasonal_naive"] - rmsse["chosen"]) / rmsse["seasonal_naive"], 2
        ),
        "share_beating_seasonal_naive": round(float(np.mean(chosen[scored] < naive[scored])), 4),
        "mase_by_method": per_method,
        "mase_by_kind": by_kind,
        "chosen_by_method": dict(sorted(methods_chosen.items())),
        "choose_seconds": round(choose_seconds, 2),
    }


def _rmsse(
    actual: np.ndarray, forecast: np.ndarray, squared_scale: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """Root mean squared scaled error (M5's measure, unweighted): the root of the mean
    squared error over the scored days divided by seasonal naive's in-sample one."""
    counted = np.maximum(mask.sum(axis=1), 1)
    mse = (((actual - forecast) * mask) ** 2).sum(axis=1) / counted
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sqrt(np.where(squared_scale > 0, mse / squared_scale, np.nan))


def load_warehouse(db: Database, data: Synthetic) -> None:
    products, places, _ = data.demand.shape
    stocked_at = datetime(2026, 3, 1, tzinfo=UTC)
    locations = [
        {"id": 1, "code": "WH01", "name": "倉儲", "kind": "warehouse"},
        *[
            {"id": 2 + i, "code": code, "name": code, "kind": "store"}
            for i, code in enumerate(PLACES[:4])
        ],
    ]
    place_location = [2, 3, 4, 5, 1]
    with db.engine.begin() as connection:
        connection.execute(table_of(Location).insert(), locations)
        connection.execute(
            table_of(Product).insert(),
            [
                {
                    "id": p + 1,
                    "sku": f"B{p + 1:07d}",
                    "name": f"benchmark {p + 1}",
                    "category": f"C{int(data.category[p])}",
                    "price_cents": int(data.price_cents[p]),
                    "active": True,
                    "dropship_partner_id": None,
                }
                for p in range(products)
            ],
        )
        rows = []
        for p in range(products):
            for place in range(places):
                series, cut = data.demand[p, place], data.censored[p, place]
                for d in np.flatnonzero((series > 0) | cut):
                    rows.append(
                        {
                            "product_id": p + 1,
                            "location_id": place_location[place],
                            "channel": "group_buy" if PLACES[place] == "GROUPBUY" else "location",
                            "day": data.start + timedelta(days=int(d)),
                            "qty": int(series[d]),
                            "on_hand": 0 if cut[d] else None,
                            "stockout": bool(cut[d]),
                            "source": "import",
                        }
                    )
            if len(rows) > 50_000:
                connection.execute(table_of(DemandDay).insert(), rows)
                rows = []
        if rows:
            connection.execute(table_of(DemandDay).insert(), rows)
        # stock: the warehouse holds the group-buy channel's stock
        stock, movements = [], []
        for p in range(products):
            for place in range(places):
                qty = int(data.on_hand[p, place])
                stock.append(
                    {
                        "location_id": place_location[place],
                        "product_id": p + 1,
                        "on_hand": qty,
                        "reserved": 0,
                        "safety_stock": 0,
                        "needs_count": False,
                    }
                )
                if qty:
                    movements.append(
                        {
                            "location_id": place_location[place],
                            "product_id": p + 1,
                            "delta": qty,
                            "reason": "initial",
                            "reference": "benchmark",
                            "device_id": None,
                            "created_at": stocked_at,
                        }
                    )
        connection.execute(table_of(Stock).insert(), stock)
        connection.execute(table_of(StockMovement).insert(), movements)


def idle_and_nightly(data: Synthetic, workdir: Path) -> dict[str, Any]:
    products, places, _ = data.demand.shape
    db = Database.from_url(f"sqlite:///{workdir / 'forecast-bench.db'}")
    prepare_database(db)
    load_warehouse(db, data)
    settings = PlanningSettings(lead_time_days=7, review_days=7, service_level=0.95)
    cpu_started = time.process_time()
    stats = run_nightly(db, settings, last_day=LAST_DAY)
    cpu_seconds = time.process_time() - cpu_started
    place_location = [2, 3, 4, 5, 1]
    total = 0
    moved = 0
    with db.read() as session:
        suggestions = list(session.scalars(select(IdleSuggestion)))
        for product, idle_place, idle_qty, sells in data.planted:
            price = int(data.price_cents[product])
            total += idle_qty * price
            sells_at = {place_location[p] for p in sells}
            qty = sum(
                s.qty
                for s in suggestions
                if s.product_id == product + 1
                and s.location_id == place_location[idle_place]
                and s.action == "transfer"
                and s.to_location_id in sells_at
            )
            moved += min(qty, idle_qty) * price
        planted_keys = {(place_location[i], p + 1) for p, i, _, _ in data.planted}
        false_alarms = {(s.location_id, s.product_id) for s in suggestions} - planted_keys
    db.dispose()
    series = stats.series
    scale = TARGET_PRODUCTS / products
    return {
        "idle_value_planted_cents": total,
        "idle_value_moved_cents": moved,
        "idle_value_moved_pct": round(100 * moved / total, 2) if total else None,
        "idle_planted_items": len(data.planted),
        "idle_suggested_items_not_planted": len(false_alarms),
        "nightly_sample_products": products,
        "nightly_sample_series": series,
        "nightly_sample_s": round(stats.seconds, 2),
        "nightly_sample_cpu_s": round(cpu_seconds, 2),
        "nightly_methods": stats.methods,
        "nightly_200k_s": round(cpu_seconds * scale),
        "nightly_200k_wall_s_on_this_shared_machine": round(stats.seconds * scale),
        "nightly_200k_extrapolated": True,
        "nightly_200k_note": (
            f"the whole nightly job (history refresh, forecasts, safety stock, idle "
            f"suggestions) measured on {products} products x {places} locations and "
            f"extrapolated linearly to {TARGET_PRODUCTS} products; nightly_200k_s uses the "
            f"job's CPU time (it is single-threaded, so that is its wall time on an idle "
            f"machine), because this 2-core machine was shared by other jobs during the run"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.forecast", description=__doc__)
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/forecast.json"))
    args = parser.parse_args()
    data = generate(args.products, args.seed)
    load_before = os.getloadavg()
    result: dict[str, Any] = {
        "benchmark": "forecast",
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_1_5_15_at_start": [round(x, 2) for x in load_before],
        },
        "seed": args.seed,
        "history_days": DAYS,
        "test_days": TEST_DAYS,
        "places": list(PLACES),
    }
    result.update(accuracy(data))
    with tempfile.TemporaryDirectory() as workdir:
        result.update(idle_and_nightly(data, Path(workdir)))
    result["machine"]["load_average_1_5_15_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
