"""Periodic housekeeping: release expired holds, purge old tombstones from the feed,
forget customer data of finished orders, and drop op claims past their retention; and,
when a Turnkey folder is set, the e-invoice exchange with it (services/einvoice_upload)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.errors import DomainError
from warehouse_api.models import SyncOp, utcnow
from warehouse_api.services.change_feed import purge_tombstones
from warehouse_api.services.privacy import forget_customer_data, forget_no_receipt_phones
from warehouse_api.services.reservations import expire_holds

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SweepResult:
    expired_holds: int
    purged_tombstones: int
    forgotten_customers: int
    purged_op_claims: int = 0


def sweep_once(db: Database, settings: Settings) -> SweepResult:
    with db.write() as session:
        expired = expire_holds(session)
    with db.write() as session:
        purged = purge_tombstones(session, timedelta(days=settings.tombstone_retention_days))
    with db.write() as session:
        forgotten = forget_customer_data(
            session, timedelta(days=settings.customer_data_retention_days)
        )
    with db.write() as session:
        forgotten += forget_no_receipt_phones(
            session, timedelta(days=settings.no_receipt_period_days)
        )
    with db.write() as session:
        claims = purge_op_claims(session, timedelta(days=settings.idempotency_retention_days))
    return SweepResult(expired, purged, forgotten, claims)


def purge_op_claims(session: Session, retention: timedelta) -> int:
    """Stored push results older than the retention go. A replay after that still cannot
    apply twice: the sale's own ids are UNIQUE, so it is refused as a reused key."""
    cutoff = utcnow() - retention
    result = session.execute(delete(SyncOp).where(SyncOp.created_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def run_sweeper(db: Database, settings: Settings) -> None:
    """Sweep forever at the configured interval; errors are logged, never fatal."""
    while True:
        await asyncio.sleep(settings.sweep_interval_seconds)
        try:
            result = await asyncio.to_thread(sweep_once, db, settings)
            if any(
                (
                    result.expired_holds,
                    result.purged_tombstones,
                    result.forgotten_customers,
                    result.purged_op_claims,
                )
            ):
                log.info("sweeper: %s", result)
        except Exception:
            log.exception("sweeper run failed")
        if settings.turnkey_dir is not None:
            try:
                await asyncio.to_thread(turnkey_round, db, settings)
            except DomainError as error:  # e.g. the seller's name not set: say what to do
                log.error("Turnkey exchange not run: %s", error.detail)
            except Exception:
                log.exception("Turnkey exchange failed")


def turnkey_round(db: Database, settings: Settings) -> None:
    from warehouse_api.services.einvoice_upload import exchange

    done = exchange(db, settings)
    if done is not None:
        results, exported = done
        if results.accepted or results.rejected or exported.exported or exported.refused:
            log.info(
                "Turnkey: %d accepted, %d rejected, %d exported, %d refused by the MIG check",
                results.accepted,
                results.rejected,
                len(exported.exported),
                len(exported.refused),
            )
