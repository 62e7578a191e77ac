"""Forecasting methods, MASE and the backtest on series with known answers."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from warehouse_api.forecasting import methods
from warehouse_api.forecasting.calendar import HOLIDAY, MAKEUP_WORKDAY, day_type
from warehouse_api.forecasting.engine import (
    CATEGORY,
    CHALLENGER_MARGIN,
    CHAMPION,
    choose_and_forecast,
    forecast_with,
    mase,
    mase_scale,
)
from warehouse_api.services.forecasts import PlanningSettings, reorder_point, safety_stock

MONDAY = date(2025, 3, 3)


def _one(values: list[float]) -> np.ndarray:
    return np.array([values], dtype=np.float64)


def test_seasonal_naive_repeats_the_last_week() -> None:
    y = _one(list(range(14)))
    assert methods.seasonal_naive(y, 9).tolist() == [[7, 8, 9, 10, 11, 12, 13, 7, 8]]


def test_moving_average_is_the_mean_of_the_window() -> None:
    y = _one([100.0] * 10 + [2.0, 4.0, 6.0])
    assert methods.moving_average(y, 2, window=3).tolist() == [[4.0, 4.0]]


def test_ses_level_follows_the_recursion() -> None:
    # level starts at the first week's mean (1), then 1 + 0.5 * (8 - 1) = 4.5
    level, sse = methods.ses_levels(_one([1.0] * 7 + [8.0]), (0.5,))
    assert level[0, 0] == pytest.approx(4.5)
    assert sse[0, 0] == pytest.approx(49.0)


def test_ses_picks_the_alpha_with_least_one_step_error() -> None:
    step = _one([0.0] * 30 + [10.0] * 30)  # a level shift: the fastest alpha tracks it best
    assert methods.ses(step, 1, (0.1, 0.5))[0, 0] == pytest.approx(10.0, abs=1e-6)


def test_croston_on_regular_intermittent_demand_is_size_over_interval() -> None:
    y = _one([0.0, 0.0, 6.0] * 20)  # 6 units every third day: 2 a day
    assert methods.croston(y, 3)[0].tolist() == pytest.approx([2.0, 2.0, 2.0])


def test_tsb_decays_when_demand_stops_and_croston_does_not() -> None:
    y = _one([0.0, 0.0, 6.0] * 20 + [0.0] * 60)
    assert methods.tsb(y, 1)[0, 0] < 0.2 * methods.croston(y, 1)[0, 0]
    # right after a demand day the probability sits at the top of its sawtooth
    assert methods.tsb(_one([0.0, 0.0, 6.0] * 40), 1)[0, 0] == pytest.approx(2.0, rel=0.1)


def test_croston_and_tsb_forecast_zero_for_a_series_that_never_sold() -> None:
    y = np.zeros((1, 30))
    assert methods.croston(y, 2).tolist() == [[0.0, 0.0]]
    assert methods.tsb(y, 2).tolist() == [[0.0, 0.0]]


def test_holt_winters_recovers_a_weekly_pattern() -> None:
    week = [2.0, 2.0, 3.0, 3.0, 4.0, 9.0, 8.0]
    rng = np.random.default_rng(0)
    y = _one([v + rng.normal(0, 0.2) for v in week * 20])
    forecast, params = methods.holt_winters(y, 7)
    assert forecast[0].tolist() == pytest.approx(week, abs=0.5)
    reused, same = methods.holt_winters(y, 7, params)
    assert reused[0].tolist() == pytest.approx(forecast[0].tolist(), abs=0.3)
    assert same.tolist() == params.tolist()


def test_holt_winters_takes_the_grid_pair_with_least_in_sample_error() -> None:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    rng = np.random.default_rng(1)
    week = np.array([2.0, 2.0, 3.0, 3.0, 4.0, 9.0, 8.0])
    # the level jumps halfway: a fast level smoothing fits it best
    series = np.concatenate([np.tile(week, 13), np.tile(week + 6, 13)]) + rng.normal(0, 0.3, 182)
    _, params = methods.holt_winters(_one(list(series)), 7)
    model = ExponentialSmoothing(
        series, seasonal="add", seasonal_periods=7, initialization_method="heuristic"
    )
    errors = {
        pair: model.fit(smoothing_level=pair[0], smoothing_seasonal=pair[1], optimized=False).sse
        for pair in methods.HOLT_WINTERS_GRID
    }
    assert tuple(params[0]) == min(errors, key=lambda pair: errors[pair])
    assert params[0, 0] > min(level for level, _ in methods.HOLT_WINTERS_GRID)


def test_mase_divides_mae_by_the_seasonal_naive_scale_and_skips_censored_days() -> None:
    actual = _one([1.0, 2.0, 3.0])
    forecast = _one([1.0, 1.0, 1.0])
    assert mase(actual, forecast, np.array([1.0]))[0] == pytest.approx(1.0)
    assert mase(actual, forecast, np.array([2.0]))[0] == pytest.approx(0.5)
    mask = np.array([[True, True, False]])
    assert mase(actual, forecast, np.array([1.0]), mask)[0] == pytest.approx(0.5)
    assert np.isnan(mase(actual, forecast, np.array([0.0]))[0])


def test_mase_scale_is_the_in_sample_seasonal_naive_error() -> None:
    y = _one([float(v) for v in range(14)])  # y[t] - y[t-7] == 7 everywhere
    assert mase_scale(y)[0] == pytest.approx(7.0)
    assert mase_scale(_one([1.0, 2.0] * 7))[0] == pytest.approx(1.0)


def test_taiwan_calendar_knows_holidays_and_make_up_workdays() -> None:
    assert day_type(date(2024, 2, 10)) == HOLIDAY  # Chinese New Year
    assert day_type(date(2024, 2, 8)) == HOLIDAY  # bridge day off
    assert day_type(date(2024, 2, 17)) == MAKEUP_WORKDAY  # a Saturday worked in exchange
    assert day_type(date(2025, 2, 8)) == MAKEUP_WORKDAY
    assert day_type(date(2024, 2, 19)) == 0  # an ordinary Monday


def _weekly_series(n: int, days: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    shape = np.array([0.6, 0.6, 0.8, 0.9, 1.2, 2.0, 1.9])
    weekdays = (np.arange(days) + MONDAY.weekday()) % 7
    levels = rng.uniform(3, 10, n)
    return rng.poisson(levels[:, None] * shape[weekdays][None, :]).astype(np.float64)


def test_the_backtest_beats_seasonal_naive_where_a_weekly_pattern_is_there() -> None:
    y = _weekly_series(40, 280, seed=1)
    history, future = y[:, :-28], y[:, -28:]
    censored = np.zeros_like(history, dtype=bool)
    choice = choose_and_forecast(history, censored, MONDAY, 28)
    scale = mase_scale(history)
    chosen = mase(future, choice.forecast, scale)
    naive = mase(future, methods.seasonal_naive(history, 28), scale)
    assert np.mean(chosen) < 0.85 * np.mean(naive)
    assert np.mean(chosen < naive) > 0.8
    assert all(method in choice.all_mase for method in choice.method)
    # the chosen method scored lowest in the backtest, or is the champion, which only a
    # clearly lower score displaces
    for row in range(len(choice.method)):
        scores = {m: s[row] for m, s in choice.all_mase.items() if not np.isnan(s[row])}
        lowest = min(scores.values())
        if choice.method[row] == CHAMPION:
            assert lowest >= scores[CHAMPION] * (1 - CHALLENGER_MARGIN) - 1e-12
        else:
            assert choice.backtest_mase[row] == pytest.approx(lowest)
            assert lowest < scores[CHAMPION] * (1 - CHALLENGER_MARGIN)


def test_intermittent_series_are_no_worse_than_seasonal_naive_held_out() -> None:
    # MASE (an absolute error) rewards forecasting zero on sparse series, so here the
    # backtest often keeps seasonal naive; it must not do worse than it on new data.
    rng = np.random.default_rng(3)
    y = (rng.random((60, 328)) < 0.08) * rng.integers(1, 4, (60, 328)).astype(np.float64)
    history, future = y[:, :-28], y[:, -28:]
    choice = choose_and_forecast(history, np.zeros_like(history, dtype=bool), MONDAY, 28)
    scale = mase_scale(history)
    chosen = np.nanmean(mase(future, choice.forecast, scale))
    naive = np.nanmean(mase(future, methods.seasonal_naive(history, 28), scale))
    assert chosen <= naive * 1.02


def test_stockout_days_are_not_read_as_zero_demand() -> None:
    y = np.full((1, 200), 5.0)
    censored = np.zeros_like(y, dtype=bool)
    y[0, -30:] = 0.0  # empty shelf for the last month
    censored[0, -30:] = True
    choice = choose_and_forecast(y, censored, MONDAY, 7)
    assert choice.forecast[0].mean() == pytest.approx(5.0, rel=0.1)
    naive_reading = choose_and_forecast(y, np.zeros_like(censored), MONDAY, 7)
    assert naive_reading.forecast[0].mean() < 1.0


def test_a_known_holiday_effect_is_carried_into_the_forecast() -> None:
    start = date(2023, 1, 2)
    days = (date(2025, 2, 7) - start).days + 1  # history ends just before 2025-02-08
    dates = [start + timedelta(d) for d in range(days + 28)]
    types = np.array([day_type(d) for d in dates])
    rng = np.random.default_rng(5)
    level = np.where(types == HOLIDAY, 15.0, 5.0)
    y = rng.poisson(level[:days][None, :].repeat(10, axis=0)).astype(np.float64)
    choice = choose_and_forecast(y, np.zeros_like(y, dtype=bool), start, 28)
    future_types = types[days:]  # 2025-02-28, Peace Memorial Day, is one of them
    holiday_days = np.flatnonzero(future_types == HOLIDAY)
    ordinary = np.flatnonzero(future_types < 7)
    assert holiday_days.size > 0
    assert choice.forecast[:, holiday_days].mean() > 2 * choice.forecast[:, ordinary].mean()


def test_new_series_fall_back_to_their_group() -> None:
    y = _weekly_series(7, 200, seed=7)
    y[0] *= 20  # one fast seller in the group must not set the newcomers' figure
    y[5] = 0.0  # not on sale yet: all from the group
    y[6, :193] = 0.0  # launched a week ago: half its own, half the group's
    first_seen = np.array([0, 0, 0, 0, 0, 200, 193])
    groups = ["tea", "tea", "tea", "snacks", "snacks", "tea", "tea"]
    choice = choose_and_forecast(
        y, np.zeros_like(y, dtype=bool), MONDAY, 7, first_seen=first_seen, groups=groups
    )
    assert choice.method[5] == choice.method[6] == CATEGORY
    tea_levels = [choice.forecast[row].mean() for row in range(3)]
    assert choice.forecast[5].mean() == pytest.approx(np.median(tea_levels))
    assert choice.forecast[5].mean() < 0.2 * tea_levels[0]
    # the group's weekly shape comes along: the forecast starts on a Friday (day 200),
    # so day 1 is a Saturday and day 4 a Tuesday
    assert choice.forecast[5][1] > 1.5 * choice.forecast[5][4]
    own = forecast_with("ses_daytype", y[6:7], np.zeros((1, 200), dtype=bool), MONDAY, 7)[0]
    low, high = sorted([float(np.median(tea_levels)), float(own.mean())])
    assert 0.7 * low <= choice.forecast[6].mean() <= 1.3 * high


def test_safety_stock_and_reorder_point() -> None:
    settings = PlanningSettings(lead_time_days=4, review_days=7, service_level=0.95)
    assert settings.z == pytest.approx(1.6449, abs=1e-4)
    assert safety_stock(2.0, settings) == 7  # 1.645 * 2 * sqrt(4) = 6.58, rounded up
    assert safety_stock(0.0, settings) == 0
    assert reorder_point([1.5] * 10, 7, settings) == 13  # 4 days * 1.5 + 7
    with pytest.raises(ValueError):
        PlanningSettings(service_level=1.0)
