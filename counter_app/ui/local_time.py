"""Times are stored in UTC (or with their offset) and shown in the till's local time."""

from __future__ import annotations

from datetime import UTC, datetime


def local_time_text(iso: str) -> str:
    """`2026-11-25T01:30:00+00:00` -> `2026-11-25 09:30:00` on a till in Taiwan. A time
    without an offset is UTC; text that is not a time is shown as it is."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
