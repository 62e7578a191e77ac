"""Taiwan's calendar as a known effect: public holidays and make-up working days.

The `holidays` package (maintained, TW calendar from the Directorate-General of
Personnel Administration's announcements) lists the days off, including bridge days
(`Day off (substituted from ...)`), and in `weekend_workdays` the Saturdays that are
made working days in exchange. Each day gets a day type: 0-6 for an ordinary Monday
to Sunday, HOLIDAY for a public holiday or bridge day off, MAKEUP_WORKDAY for a
weekend day worked in exchange. The forecasts learn one factor per day type.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
import numpy as np
import numpy.typing as npt

HOLIDAY = 7
MAKEUP_WORKDAY = 8
DAY_TYPES = 9


@lru_cache(maxsize=64)
def _taiwan_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    calendar = holidays.country_holidays("TW", years=[year])
    days_off = frozenset(day for day in calendar if day.year == year)
    workdays = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return days_off, workdays


def is_holiday(day: date) -> bool:
    return day in _taiwan_year(day.year)[0]


def is_makeup_workday(day: date) -> bool:
    return day in _taiwan_year(day.year)[1]


def day_type(day: date) -> int:
    days_off, workdays = _taiwan_year(day.year)
    if day in workdays:
        return MAKEUP_WORKDAY
    if day in days_off:
        return HOLIDAY
    return day.weekday()


def day_types(start: date, days: int) -> npt.NDArray[np.int64]:
    """The day type of each of `days` days from `start`."""
    return np.array([day_type(start + timedelta(offset)) for offset in range(days)], dtype=np.int64)


def weekdays(start: date, days: int) -> npt.NDArray[np.int64]:
    return (np.arange(days, dtype=np.int64) + start.weekday()) % 7
