"""Small persistent facts of this till (cursor, identity, receipt counters)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter_app.local.models import SyncState


def get_value(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row else default


def set_value(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def next_counter(session: Session, key: str) -> int:
    """Increment and return a counter inside the caller's transaction."""
    value = int(get_value(session, key, "0") or 0) + 1
    set_value(session, key, str(value))
    return value
