"""Choosing a method per series by a rolling-origin backtest, scored by MASE.

For each series the candidates are seasonal naive (m = 7, the bar to clear), a
moving average, simple exponential smoothing, SES on a day-type profile (weekday,
Taiwan public holiday, make-up workday), Holt-Winters with weekly seasonality
(statsmodels, for series dense enough to carry a weekly shape) and Croston and TSB
for intermittent demand. Each is refitted at `origins` forecast origins, the last
`origins * horizon` days of history, and scored by MASE: the mean absolute error
over the following `horizon` days divided by the in-sample mean absolute error of
seasonal naive. The method with the lowest mean MASE forecasts the series, except
that the champion (SES on the day-type profile) is only replaced by a method whose
MASE is clearly lower (CHALLENGER_MARGIN): with a few weeks of backtest, the plain
minimum often picks noise.

Stock-out days are censored: they are imputed (the series' day-type profile times its
mean on days with stock) before fitting and left out of every score.

The Taiwan calendar is a known effect: a per-series factor for holidays and make-up
workdays (shrunk toward the factor of the whole batch, since a product sees a handful
of holidays a year) scales the history before fitting and the forecast after.

Series with less than NEW_PRODUCT_DAYS since their first demand fall back on their
group (the caller groups by category, location and channel): the median level and
mean weekly shape of the mature series in that group, blended with their own
forecast, whose weight grows with its age.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from warehouse_api.forecasting import methods
from warehouse_api.forecasting.calendar import DAY_TYPES, HOLIDAY, MAKEUP_WORKDAY, day_types

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

SEASONAL_NAIVE = "seasonal_naive"
CATEGORY = "category"
METHODS = (
    SEASONAL_NAIVE,
    "moving_average",
    "ses",
    "ses_daytype",
    "holt_winters",
    "croston",
    "tsb",
)
# A new series (fewer days than this since its first demand) is blended with its
# group's forecast, its own weight growing with its age.
NEW_PRODUCT_DAYS = 14
# The default method, and how much lower (as a share) another method's backtest MASE
# must be to replace it. On the benchmark, picking the plain minimum over four
# two-week windows chose worse than the champion alone (noise wins); a 20% margin
# keeps the choice where the evidence is clear. benchmarks/forecast.py reports both.
CHAMPION = "ses_daytype"
CHALLENGER_MARGIN = 0.2
# Holt-Winters costs ~40 ms a fit; it is tried where a weekly shape can show: on
# series selling at least this much a day on average, with few zero days.
HOLT_WINTERS_MIN_MEAN = 1.0
HOLT_WINTERS_MAX_ZERO_SHARE = 0.3
# Shrinkage (in pseudo-days) of a series' day-type factors toward the batch's.
WEEKDAY_PRIOR_DAYS = 4.0
CALENDAR_PRIOR_DAYS = 3.0


def mase_scale(y: FloatArray, m: int = methods.SEASON) -> FloatArray:
    """In-sample mean absolute error of seasonal naive: the MASE denominator per series."""
    if y.shape[1] <= m:
        return np.full(y.shape[0], np.nan)
    scale: FloatArray = np.abs(y[:, m:] - y[:, :-m]).mean(axis=1)
    return scale


def mase(
    actual: FloatArray, forecast: FloatArray, scale: FloatArray, mask: BoolArray | None = None
) -> FloatArray:
    """MASE per series; days where `mask` is False (censored) are left out.

    NaN where the scale is 0 (a flat training series) or no day is scored.
    """
    errors = np.abs(actual - forecast)
    if mask is None:
        mask = np.ones_like(errors, dtype=bool)
    counted = mask.sum(axis=1)
    mae = np.where(counted > 0, (errors * mask).sum(axis=1) / np.maximum(counted, 1), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(scale > 0, mae / scale, np.nan)


@dataclass(frozen=True, slots=True)
class Profile:
    """Per series: day-type factors (n, DAY_TYPES) and the mean on uncensored days."""

    factors: FloatArray
    mean: FloatArray


def daytype_profile(y: FloatArray, types: IntArray, observed: BoolArray) -> Profile:
    n = y.shape[0]
    counts = np.zeros((n, DAY_TYPES))
    sums = np.zeros((n, DAY_TYPES))
    for k in range(DAY_TYPES):
        on_k = (types == k)[None, :] & observed
        counts[:, k] = on_k.sum(axis=1)
        sums[:, k] = np.where(on_k, y, 0.0).sum(axis=1)
    observed_days = observed.sum(axis=1)
    mean = np.where(observed_days > 0, sums.sum(axis=1) / np.maximum(observed_days, 1), 0.0)
    expected = counts * mean[:, None]
    total_expected = expected.sum(axis=0)
    pooled = np.where(total_expected > 0, sums.sum(axis=0) / np.maximum(total_expected, 1e-12), 1.0)
    prior = np.full(DAY_TYPES, WEEKDAY_PRIOR_DAYS)
    prior[[HOLIDAY, MAKEUP_WORKDAY]] = CALENDAR_PRIOR_DAYS
    numerator = sums + prior * mean[:, None] * pooled
    denominator = (counts + prior) * mean[:, None]
    factors = np.where(denominator > 0, numerator / np.maximum(denominator, 1e-12), 1.0)
    return Profile(np.clip(factors, 0.02, 50.0), mean)


def _calendar_adjustment(profile: Profile, types: IntArray, weekdays: IntArray) -> FloatArray:
    """(n, T): a holiday's or make-up day's factor relative to its weekday's, else 1."""
    special = (types == HOLIDAY) | (types == MAKEUP_WORKDAY)
    relative = profile.factors[:, types] / profile.factors[:, weekdays]
    return np.where(special[None, :], relative, 1.0)


def _fit(
    method: str,
    y: FloatArray,
    h: int,
    profile: Profile,
    past_types: IntArray,
    past_weekdays: IntArray,
    future_types: IntArray,
    future_weekdays: IntArray,
    hw_params: FloatArray | None = None,
) -> FloatArray:
    """Forecast `h` days with `method`; Holt-Winters reads and updates `hw_params` in place."""
    if method == SEASONAL_NAIVE:
        return methods.seasonal_naive(y, h)
    if method in ("croston", "tsb"):
        return methods.croston(y, h) if method == "croston" else methods.tsb(y, h)
    if method == "ses_daytype":
        shape = profile.factors[:, past_types]
        level = methods.ses(y / shape, 1)
        return level * profile.factors[:, future_types]
    past_adjust = _calendar_adjustment(profile, past_types, past_weekdays)
    future_adjust = _calendar_adjustment(profile, future_types, future_weekdays)
    adjusted = y / past_adjust
    if method == "moving_average":
        base = methods.moving_average(adjusted, h)
    elif method == "ses":
        base = methods.ses(adjusted, h)
    elif method == "holt_winters":
        base, used = methods.holt_winters(adjusted, h, hw_params)
        if hw_params is not None:
            hw_params[:] = used
    else:
        raise ValueError(f"unknown method {method}")
    return base * future_adjust


@dataclass(frozen=True, slots=True)
class Choice:
    """The outcome for a batch of series."""

    method: list[str]
    forecast: FloatArray  # (n, horizon), from the day after the history
    backtest_mase: FloatArray  # (n,) of the chosen method; NaN where unscorable
    backtest_mase_seasonal_naive: FloatArray
    error_sd: FloatArray  # (n,) daily RMSE of the chosen method in the backtest
    all_mase: dict[str, FloatArray]


def _impute(y: FloatArray, observed: BoolArray, profile: Profile, types: IntArray) -> FloatArray:
    expected = profile.factors[:, types] * profile.mean[:, None]
    return np.where(observed, y, expected)


def _candidates(y: FloatArray, observed: BoolArray) -> dict[str, BoolArray]:
    n = y.shape[0]
    days = np.maximum(observed.sum(axis=1), 1)
    mean = np.where(observed, y, 0).sum(axis=1) / days
    zero_share = ((y <= 0) & observed).sum(axis=1) / days
    dense = (mean >= HOLT_WINTERS_MIN_MEAN) & (zero_share <= HOLT_WINTERS_MAX_ZERO_SHARE)
    everyone = np.ones(n, dtype=bool)
    return {method: dense if method == "holt_winters" else everyone for method in METHODS}


def choose_and_forecast(
    y: FloatArray,
    censored: BoolArray,
    start: date,
    horizon: int = 28,
    *,
    backtest_horizon: int = 14,
    origins: int = 4,
    first_seen: IntArray | None = None,
    groups: Sequence[Hashable] | None = None,
    candidates: Sequence[str] = METHODS,
) -> Choice:
    """Pick a method per series by backtest and forecast `horizon` days past the history.

    `y[:, 0]` is the demand of `start`. `first_seen[i]` is the index of series i's first
    day of demand (default 0); `groups[i]` its fallback group for new series.
    """
    n, t_len = y.shape
    observed = ~censored
    types = day_types(start, t_len + horizon)
    weekdays = (np.arange(t_len + horizon) + start.weekday()) % 7
    all_mase: dict[str, FloatArray] = {}
    squared: dict[str, FloatArray] = {}
    allowed = _candidates(y, observed)
    usable_origins = [
        t_len - backtest_horizon * k
        for k in range(origins, 0, -1)
        if t_len - backtest_horizon * k >= 2 * methods.SEASON
    ]
    # Holt-Winters parameters are optimised at the first origin and reused after it
    hw_params = np.full((n, 2), np.nan)
    for method in candidates:
        all_mase[method] = np.full(n, np.nan)
        squared[method] = np.full(n, np.nan)
    if usable_origins:
        sums = {m: np.zeros(n) for m in candidates}
        sq_sums = {m: np.zeros(n) for m in candidates}
        scored = {m: np.zeros(n) for m in candidates}
        sq_days = np.zeros(n)
        for origin in usable_origins:
            train, train_obs = y[:, :origin], observed[:, :origin]
            profile = daytype_profile(train, types[:origin], train_obs)
            filled = _impute(train, train_obs, profile, types[:origin])
            scale = mase_scale(filled)
            actual = y[:, origin : origin + backtest_horizon]
            mask = observed[:, origin : origin + backtest_horizon]
            sq_days += mask.sum(axis=1)
            window = slice(origin, origin + backtest_horizon)
            for method in candidates:
                rows = np.flatnonzero(allowed[method])
                if rows.size == 0:
                    continue
                sub_profile = Profile(profile.factors[rows], profile.mean[rows])
                params = hw_params[rows]
                predicted = _fit(
                    method,
                    filled[rows],
                    backtest_horizon,
                    sub_profile,
                    types[:origin],
                    weekdays[:origin],
                    types[window],
                    weekdays[window],
                    params,
                )
                hw_params[rows] = params
                score = mase(actual[rows], predicted, scale[rows], mask[rows])
                ok = ~np.isnan(score)
                sums[method][rows[ok]] += score[ok]
                scored[method][rows[ok]] += 1
                errors = (actual[rows] - predicted) * mask[rows]
                sq_sums[method][rows] += (errors * errors).sum(axis=1)
        for method in candidates:
            counted = scored[method] > 0
            all_mase[method] = np.where(
                counted, sums[method] / np.maximum(scored[method], 1), np.nan
            )
            squared[method] = np.where(
                allowed[method] & (sq_days > 0), sq_sums[method] / np.maximum(sq_days, 1), np.nan
            )

    # choose: lowest MASE; where no MASE (flat history) lowest squared error; else naive
    names = list(candidates)
    stacked_mase = np.vstack([all_mase[m] for m in names])
    stacked_sq = np.vstack([squared[m] for m in names])
    by_mase = np.where(np.isnan(stacked_mase), np.inf, stacked_mase)
    by_sq = np.where(np.isnan(stacked_sq), np.inf, stacked_sq)
    best = np.argmin(by_mase, axis=0)
    no_mase = np.isinf(by_mase.min(axis=0))
    best = np.where(no_mase, np.argmin(by_sq, axis=0), best)
    fallback = names.index(SEASONAL_NAIVE) if SEASONAL_NAIVE in names else 0
    best = np.where(np.isinf(by_sq.min(axis=0)) & no_mase, fallback, best)
    if CHAMPION in names:
        # a few weeks of backtest are noisy: a challenger must beat the champion clearly
        champion = names.index(CHAMPION)
        rows = np.arange(n)
        champion_mase = by_mase[champion]
        keep = np.isfinite(champion_mase) & (
            by_mase[best, rows] > champion_mase * (1 - CHALLENGER_MARGIN)
        )
        best = np.where(keep, champion, best)

    profile = daytype_profile(y, types[:t_len], observed)
    filled = _impute(y, observed, profile, types[:t_len])
    forecast = np.zeros((n, horizon))
    future = slice(t_len, t_len + horizon)
    for index, method in enumerate(names):
        rows = np.flatnonzero(best == index)
        if rows.size:
            forecast[rows] = _fit(
                method,
                filled[rows],
                horizon,
                Profile(profile.factors[rows], profile.mean[rows]),
                types[:t_len],
                weekdays[:t_len],
                types[future],
                weekdays[future],
                hw_params[rows],
            )
    forecast = np.clip(forecast, 0.0, None)
    chosen = [names[i] for i in best]
    rows_all = np.arange(n)
    chosen_mase = stacked_mase[best, rows_all]
    error_sd = np.sqrt(
        np.where(np.isnan(stacked_sq[best, rows_all]), 0.0, stacked_sq[best, rows_all])
    )
    naive = all_mase.get(SEASONAL_NAIVE, np.full(n, np.nan))

    if first_seen is not None and groups is not None:
        age = t_len - first_seen
        young = age < NEW_PRODUCT_DAYS
        if young.any():
            forecast = _category_fallback(forecast, error_sd, young, groups, age)
            for row in np.flatnonzero(young):
                chosen[row] = CATEGORY
    return Choice(chosen, forecast, chosen_mase, naive, error_sd, all_mase)


@dataclass(slots=True)
class GroupFallback:
    """What new series borrow from the mature series of their group: the median level
    (mean daily forecast) and the mean daily shape. The median, not the mean: within a
    category a few fast sellers would otherwise set the figure for every newcomer.
    Fed batch by batch, so the nightly job can pool a group across batches."""

    levels: dict[Hashable, list[float]]
    shapes: dict[Hashable, FloatArray]

    @classmethod
    def empty(cls) -> GroupFallback:
        return cls(defaultdict(list), {})

    def add(self, group: Hashable, forecast: FloatArray) -> None:
        level = float(forecast.mean())
        self.levels[group].append(level)
        if level > 0:
            shape = forecast / level
            self.shapes[group] = self.shapes.get(group, 0) + shape

    def forecast(self, group: Hashable, horizon: int) -> FloatArray | None:
        levels = self.levels.get(group)
        if not levels:
            return None
        shape = self.shapes.get(group)
        shape = np.ones(horizon) if shape is None else shape / shape.mean()
        return float(np.median(levels)) * shape

    def blend(self, group: Hashable, own: FloatArray, age: int) -> FloatArray:
        """Weight on a series' own forecast: age / NEW_PRODUCT_DAYS (capped at 1)."""
        borrowed = self.forecast(group, own.shape[0])
        if borrowed is None:
            return own
        weight = min(max(age, 0), NEW_PRODUCT_DAYS) / NEW_PRODUCT_DAYS
        return weight * own + (1 - weight) * borrowed


def _category_fallback(
    forecast: FloatArray,
    error_sd: FloatArray,
    young: BoolArray,
    groups: Sequence[Hashable],
    age: IntArray,
) -> FloatArray:
    fallback = GroupFallback.empty()
    for row, group in enumerate(groups):
        if not young[row]:
            fallback.add(group, forecast[row])
    forecast = forecast.copy()
    for young_row in (int(i) for i in np.flatnonzero(young)):
        forecast[young_row] = fallback.blend(
            groups[young_row], forecast[young_row], int(age[young_row])
        )
    return forecast


def forecast_with(
    method: str, y: FloatArray, censored: BoolArray, start: date, horizon: int
) -> FloatArray:
    """Forecast every series with one given method (no backtest): for comparisons."""
    t_len = y.shape[1]
    observed = ~censored
    types = day_types(start, t_len + horizon)
    weekdays = (np.arange(t_len + horizon) + start.weekday()) % 7
    profile = daytype_profile(y, types[:t_len], observed)
    filled = _impute(y, observed, profile, types[:t_len])
    future = slice(t_len, t_len + horizon)
    forecast = _fit(
        method,
        filled,
        horizon,
        profile,
        types[:t_len],
        weekdays[:t_len],
        types[future],
        weekdays[future],
        np.full((y.shape[0], 2), np.nan),
    )
    return np.clip(forecast, 0.0, None)
