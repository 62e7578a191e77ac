"""Periodic housekeeping: release expired holds, purge old tombstones from the feed."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.services.change_feed import purge_tombstones
from warehouse_api.services.privacy import forget_customer_data
from warehouse_api.services.reservations import expire_holds

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SweepResult:
    expired_holds: int
    purged_tombstones: int
    forgotten_customers: int


def sweep_once(db: Database, settings: Settings) -> SweepResult:
    with db.write() as session:
        expired = expire_holds(session)
    with db.write() as session:
        purged = purge_tombstones(session, timedelta(days=settings.tombstone_retention_days))
    with db.write() as session:
        forgotten = forget_customer_data(
            session, timedelta(days=settings.customer_data_retention_days)
        )
    return SweepResult(expired, purged, forgotten)


async def run_sweeper(db: Database, settings: Settings) -> None:
    """Sweep forever at the configured interval; errors are logged, never fatal."""
    while True:
        await asyncio.sleep(settings.sweep_interval_seconds)
        try:
            result = await asyncio.to_thread(sweep_once, db, settings)
            if result.expired_holds or result.purged_tombstones or result.forgotten_customers:
                log.info("sweeper: %s", result)
        except Exception:
            log.exception("sweeper run failed")
