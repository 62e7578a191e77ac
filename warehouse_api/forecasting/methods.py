"""Forecasting methods over many series at once.

Every function takes `y`, an (n, T) float array of daily demand (one row per series,
no gaps: stock-out days already imputed) and a horizon `h`, and returns an (n, h)
array. The exponential-smoothing recursions run over time with numpy vectorised
across series, so one pass serves thousands of series; Holt-Winters is statsmodels'
`ExponentialSmoothing`, fitted series by series (it is the slow one).

Croston and TSB are written here, not taken from a library: statsforecast has them
but pulls in numba (a JIT compiler whose first call costs seconds per process and
whose wheels lag new Pythons), and statsmodels has neither. They are a dozen lines
each and tests/unit/server/forecasting/test_methods.py checks them against hand-worked
series.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

SES_ALPHAS = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5)
CROSTON_ALPHA = 0.1
TSB_ALPHA = 0.1
TSB_BETA = 0.05
SEASON = 7
HOLT_WINTERS_WINDOW = 182  # the last 26 weeks: older weeks barely move the fit, and cost
# (smoothing_level, smoothing_seasonal) pairs tried per series, the least in-sample SSE
# kept: six fixed-parameter fits cost ~5 ms a series where statsmodels' optimiser cost
# ~26-45 ms (it was 96% of the nightly job's time), and on the benchmark's dense series
# the held-out MASE of Holt-Winters moved from 0.823 to 0.826 (docs/forecasting.md).
HOLT_WINTERS_GRID = tuple(
    (level, seasonal) for level in (0.02, 0.1, 0.3) for seasonal in (0.01, 0.1)
)


def seasonal_naive(y: FloatArray, h: int, m: int = SEASON) -> FloatArray:
    """Each future day repeats the same weekday of the last week."""
    last = y[:, -m:]
    reps = -(-h // m)
    return np.tile(last, (1, reps))[:, :h]


def moving_average(y: FloatArray, h: int, window: int = 28) -> FloatArray:
    level = y[:, -window:].mean(axis=1)
    return np.repeat(level[:, None], h, axis=1)


def ses_levels(
    y: FloatArray, alphas: tuple[float, ...] = SES_ALPHAS
) -> tuple[FloatArray, FloatArray]:
    """Final level and in-sample one-step squared error, per (alpha, series).

    Returns two (len(alphas), n) arrays. The level starts at the first week's mean.
    """
    n, t_len = y.shape
    a = np.asarray(alphas, dtype=np.float64)[:, None]
    level = np.repeat(y[:, : min(SEASON, t_len)].mean(axis=1)[None, :], len(alphas), axis=0)
    sse = np.zeros((len(alphas), n))
    for t in range(t_len):
        error = y[:, t][None, :] - level
        sse += error * error
        level = level + a * error
    return level, sse


def ses(y: FloatArray, h: int, alphas: tuple[float, ...] = SES_ALPHAS) -> FloatArray:
    """Simple exponential smoothing, alpha per series by least in-sample one-step SSE."""
    level, sse = ses_levels(y, alphas)
    best = np.argmin(sse, axis=0)
    chosen = level[best, np.arange(y.shape[0])]
    return np.repeat(chosen[:, None], h, axis=1)


def croston(y: FloatArray, h: int, alpha: float = CROSTON_ALPHA) -> FloatArray:
    """Croston's method: smooth the non-zero sizes and the intervals between them.

    Starts from the training mean size and mean interval; updates only on demand days.
    """
    n, t_len = y.shape
    positive = y > 0
    counts = positive.sum(axis=1)
    has = counts > 0
    size = np.where(has, np.where(positive, y, 0).sum(axis=1) / np.maximum(counts, 1), 0.0)
    interval = np.where(has, t_len / np.maximum(counts, 1), 1.0)
    since = np.zeros(n)
    for t in range(t_len):
        since += 1
        hit = positive[:, t]
        size = np.where(hit, size + alpha * (y[:, t] - size), size)
        interval = np.where(hit, interval + alpha * (since - interval), interval)
        since = np.where(hit, 0.0, since)
    rate = np.where(has, size / np.maximum(interval, 1e-9), 0.0)
    return np.repeat(rate[:, None], h, axis=1)


def tsb(y: FloatArray, h: int, alpha: float = TSB_ALPHA, beta: float = TSB_BETA) -> FloatArray:
    """Teunter-Syntetos-Babai: smooth the size on demand days and the probability of
    demand every day, so a series that stops selling decays toward zero (Croston's
    forecast would stay put)."""
    t_len = y.shape[1]
    positive = y > 0
    counts = positive.sum(axis=1)
    size = np.where(counts > 0, np.where(positive, y, 0).sum(axis=1) / np.maximum(counts, 1), 0.0)
    probability = counts / max(t_len, 1)
    for t in range(t_len):
        hit = positive[:, t]
        size = np.where(hit, size + alpha * (y[:, t] - size), size)
        probability = probability + beta * (hit - probability)
    return np.repeat((probability * size)[:, None], h, axis=1)


def holt_winters(
    y: FloatArray, h: int, params: FloatArray | None = None, m: int = SEASON
) -> tuple[FloatArray, FloatArray]:
    """statsmodels' Holt-Winters (ETS(A,N,A)): additive weekly seasonality, no trend.

    Fitted per series on the last HOLT_WINTERS_WINDOW days. `params` (n, 2) holds each
    series' (smoothing_level, smoothing_seasonal); for a NaN row the pair of
    HOLT_WINTERS_GRID with the least in-sample squared error is chosen, a given row is
    reused as is (~2 ms), which is how the backtest refits at later origins. Returns the
    forecast and the parameters used. A fit that fails falls back to seasonal naive for
    that series.
    """
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    n = y.shape[0]
    out = np.empty((n, h))
    used = np.full((n, 2), np.nan) if params is None else params.copy()
    for row in range(n):
        series = y[row, -HOLT_WINTERS_WINDOW:]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = ExponentialSmoothing(
                    series,
                    trend=None,
                    seasonal="add",
                    seasonal_periods=m,
                    initialization_method="heuristic" if len(series) >= 2 * m + 10 else "estimated",
                )
                if np.isnan(used[row]).any():
                    fits = [
                        (
                            model.fit(
                                smoothing_level=level, smoothing_seasonal=seasonal, optimized=False
                            ),
                            (level, seasonal),
                        )
                        for level, seasonal in HOLT_WINTERS_GRID
                    ]
                    fit, used[row] = min(fits, key=lambda pair: float(pair[0].sse))
                else:
                    fit = model.fit(
                        smoothing_level=float(used[row, 0]),
                        smoothing_seasonal=float(used[row, 1]),
                        optimized=False,
                    )
                out[row] = fit.forecast(h)
        except (ValueError, np.linalg.LinAlgError):
            out[row] = seasonal_naive(series[None, :], h, m)[0]
    return np.clip(out, 0.0, None), used
