"""How the console words a waiting time: the unit that reads best, in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from warehouse_api.console.i18n import age_text, translator


@pytest.mark.parametrize(
    ("age", "zh", "en"),
    [
        (timedelta(seconds=0), "0 秒", "0 s"),
        (timedelta(seconds=119), "119 秒", "119 s"),
        (timedelta(minutes=2), "2 分鐘", "2 min"),
        (timedelta(minutes=119, seconds=59), "119 分鐘", "119 min"),
        (timedelta(hours=2), "2 小時", "2 h"),
        (timedelta(hours=47, minutes=59), "47 小時", "47 h"),
        (timedelta(days=2), "2 天", "2 days"),
        (timedelta(days=400), "400 天", "400 days"),
    ],
)
def test_age_text(age: timedelta, zh: str, en: str) -> None:
    assert age_text(translator("zh-Hant"), age) == zh
    assert age_text(translator("en"), age) == en
