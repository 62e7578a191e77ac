"""The till's heartbeat: every minute it tells the warehouse what waits in its outbox.

The warehouse cannot see a till's outbox, so the console could not say that a till
holds sales it has not delivered or operations the warehouse refused. The heartbeat is
one small POST a minute (cheaper than adding the counts to every pull, which would
make the warehouse write a row every five seconds per till): operations waiting and
failed, the age of the oldest waiting one, the program's version, the local schema
version and the pull cursor. A heartbeat that gets no answer is simply sent again at
the next tick; it decides nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from counter_app import __version__
from counter_app.local import outbox, sync_state
from counter_app.local.db import LocalDatabase
from counter_app.sync.client import WarehouseClient, WarehouseProblem, WarehouseUnreachable
from counter_app.sync.puller import CURSOR_KEY

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_S = 60.0
MAX_AGE_S = 366 * 24 * 3600  # the warehouse refuses more: a clock a year off is capped


def _now() -> datetime:
    return datetime.now(UTC)


def heartbeat_report(
    db: LocalDatabase, app_version: str = __version__, now: datetime | None = None
) -> dict[str, Any]:
    """The body of ``POST /devices/heartbeat``, read in one transaction."""
    with db.read() as session:
        stats = outbox.stats(session)
        cursor = sync_state.get_value(session, CURSOR_KEY)
        schema = int(session.execute(text("PRAGMA user_version")).scalar_one())
    age: int | None = None
    if stats.waiting and stats.oldest_created_at:
        made = datetime.fromisoformat(stats.oldest_created_at)
        seconds = ((now or _now()) - made).total_seconds()
        age = int(min(MAX_AGE_S, max(0.0, seconds)))  # a clock set back: not negative
    elif stats.waiting:
        age = 0
    return {
        "outbox_waiting": stats.waiting,
        "outbox_failed": stats.failed,
        "oldest_waiting_age_s": age,
        "app_version": app_version,
        "local_schema": schema,
        "pull_cursor": int(cursor) if cursor else None,
    }


class HeartbeatSender:
    """Sends the heartbeat; run by BackgroundSync every ``HEARTBEAT_INTERVAL_S``."""

    def __init__(
        self,
        db: LocalDatabase,
        client: WarehouseClient,
        app_version: str = __version__,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._db = db
        self._client = client
        self._app_version = app_version
        self._clock = clock

    def beat(self) -> bool:
        """True when the warehouse took it. Never raises on network trouble."""
        report = heartbeat_report(self._db, self._app_version, self._clock())
        try:
            self._client.heartbeat(report)
        except WarehouseUnreachable as exc:
            log.info("heartbeat not sent: %s", exc)
            return False
        except WarehouseProblem as exc:  # an older warehouse (404) or a refused body
            log.warning("heartbeat refused: %s", exc)
            return False
        return True
