"""Tests that sell need an open shift (SellingService refuses without one): open one
directly in the journal, on the in-memory fakes or a till's database alike."""

from __future__ import annotations

from counter_app.core.ids import uuid7
from counter_app.core.records import ShiftRecord
from counter_app.services.ports import UnitOfWorkFactory


def open_test_shift(
    db: UnitOfWorkFactory, location_id: int, staff_id: int = 1, opening_cents: int = 0
) -> ShiftRecord:
    """The store's open shift: the one already open, or a new one with ``opening_cents``."""
    with db.transaction() as uow:
        shift = uow.shifts.open_shift(location_id)
        if shift is None:
            count = ((1, opening_cents // 100),) if opening_cents else ()
            shift = ShiftRecord(
                uuid7(),
                location_id,
                "2026-11-25T08:00:00+08:00",
                staff_id,
                "測試員",
                count,
                opening_cents,
                None,
            )
            uow.shifts.add(shift)
    return shift
