"""Tills' heartbeats: what waits in each till's outbox, as the till last told it.

The warehouse cannot see a till's outbox; every minute the till reports its counts
(``POST /devices/heartbeat``) and the warehouse keeps the latest per device, replaced
in one INSERT ... ON CONFLICT DO UPDATE (two heartbeats at once: the later wins, no
duplicate-key error). The age of the oldest waiting operation is kept as a time on the
warehouse's clock, so it keeps growing while the till is silent and a till's wrong
clock does not matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse_api.models import ChangeLog, DeviceHeartbeat, utcnow
from warehouse_api.schemas import HeartbeatPublic, HeartbeatRequest
from warehouse_api.services.sql import dialect_name


@dataclass(frozen=True, slots=True)
class TillHealth:
    """A till's latest heartbeat, read at ``now`` against the feed's newest change."""

    received_at: datetime
    waiting: int
    failed: int
    oldest_waiting_since: datetime | None
    app_version: str
    local_schema: int
    pull_cursor: int | None
    now: datetime
    feed_head: int
    warn_after: timedelta

    @property
    def oldest_waiting_age(self) -> timedelta | None:
        if self.oldest_waiting_since is None:
            return None
        return max(timedelta(0), self.now - self.oldest_waiting_since)

    @property
    def sync_lag(self) -> int | None:
        return None if self.pull_cursor is None else max(0, self.feed_head - self.pull_cursor)

    @property
    def waiting_too_long(self) -> bool:
        age = self.oldest_waiting_age
        return age is not None and age > self.warn_after

    @property
    def attention(self) -> bool:
        return self.failed > 0 or self.waiting_too_long

    def public(self) -> HeartbeatPublic:
        age = self.oldest_waiting_age
        return HeartbeatPublic(
            received_at=self.received_at,
            outbox_waiting=self.waiting,
            outbox_failed=self.failed,
            oldest_waiting_since=self.oldest_waiting_since,
            oldest_waiting_age_s=None if age is None else int(age.total_seconds()),
            app_version=self.app_version,
            local_schema=self.local_schema,
            pull_cursor=self.pull_cursor,
            sync_lag=self.sync_lag,
            attention=self.attention,
        )


def record_heartbeat(
    session: Session, device_id: int, body: HeartbeatRequest, now: datetime | None = None
) -> datetime:
    """Keep this heartbeat as the device's latest; returns when it was received."""
    received_at = now or utcnow()
    since = (
        None
        if body.oldest_waiting_age_s is None
        else received_at - timedelta(seconds=body.oldest_waiting_age_s)
    )
    values = {
        "received_at": received_at,
        "outbox_waiting": body.outbox_waiting,
        "outbox_failed": body.outbox_failed,
        "oldest_waiting_since": since,
        "app_version": body.app_version,
        "local_schema": body.local_schema,
        "pull_cursor": body.pull_cursor,
    }
    insert = postgresql.insert if dialect_name(session) == "postgresql" else sqlite.insert
    session.execute(
        insert(DeviceHeartbeat)
        .values(device_id=device_id, **values)
        .on_conflict_do_update(index_elements=["device_id"], set_=values)
    )
    return received_at


def till_health(
    session: Session,
    warn_after: timedelta,
    now: datetime | None = None,
    device_id: int | None = None,
) -> dict[int, TillHealth]:
    """Every device's latest heartbeat (or only ``device_id``'s), by device id."""
    now = now or utcnow()
    head = int(session.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0)
    rows = select(DeviceHeartbeat)
    if device_id is not None:
        rows = rows.where(DeviceHeartbeat.device_id == device_id)
    return {
        row.device_id: TillHealth(
            received_at=row.received_at,
            waiting=row.outbox_waiting,
            failed=row.outbox_failed,
            oldest_waiting_since=row.oldest_waiting_since,
            app_version=row.app_version,
            local_schema=row.local_schema,
            pull_cursor=row.pull_cursor,
            now=now,
            feed_head=head,
            warn_after=warn_after,
        )
        for row in session.scalars(rows)
    }
