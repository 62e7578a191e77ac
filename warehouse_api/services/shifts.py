"""Shift close reports and audit entries from the counter (supervisor actions and the like)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.models import AuditEntry, Location, ShiftClose, Staff
from warehouse_api.schemas import AuditPayload, ShiftClosePayload
from warehouse_api.services.devices import location_by_code
from warehouse_api.services.locations import require_store_device
from warehouse_api.services.operations import OpContext, op_handler, reuse_or_duplicate

FIGURES = (
    "opening_cents",
    "expected_opening_cents",
    "cash_sales_cents",
    "cash_refunds_cents",
    "cash_in_cents",
    "cash_out_cents",
    "expected_cents",
    "counted_cents",
    "difference_cents",
    "sale_count",
)


def _known_staff(session: Session, staff_id: int | None) -> int | None:
    # A staff member the warehouse has since removed (or never had) leaves the figure blank.
    return staff_id if staff_id and session.get(Staff, staff_id) else None


@op_handler("shift.close")
def close_shift(ctx: OpContext, payload: ShiftClosePayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store_device(ctx.device)
    existing = session.get(ShiftClose, payload.shift_id)
    if existing is not None:
        reuse_or_duplicate(session, existing.op_id, ctx.body_sha256, f"shift {payload.shift_id}")
    session.add(
        ShiftClose(
            id=payload.shift_id,
            location_id=store_id,
            staff_id=_known_staff(session, payload.staff_id),
            opened_by=_known_staff(session, payload.opened_by),
            report=payload.report,
            opened_at=payload.opened_at,
            closed_at=payload.closed_at,
            unsynced_ops=payload.unsynced_ops,
            op_id=ctx.op_id,
            **{name: getattr(payload, name) for name in FIGURES},
        )
    )
    return {"shift_id": payload.shift_id}


def list_shifts(
    session: Session, store_code: str | None, limit: int
) -> list[tuple[ShiftClose, str]]:
    """Closed shifts, newest close first, with their store's code; one store's if given."""
    query = select(ShiftClose, Location.code).join(Location, Location.id == ShiftClose.location_id)
    if store_code is not None:
        query = query.where(ShiftClose.location_id == location_by_code(session, store_code).id)
    rows = session.execute(query.order_by(ShiftClose.closed_at.desc(), ShiftClose.id).limit(limit))
    return [(row[0], row[1]) for row in rows]


@op_handler("audit")
def record_audit(ctx: OpContext, payload: AuditPayload) -> dict[str, Any]:
    session = ctx.session
    existing = session.get(AuditEntry, payload.audit_id)
    if existing is not None:
        reuse_or_duplicate(session, existing.op_id, ctx.body_sha256, f"audit {payload.audit_id}")
    session.add(
        AuditEntry(
            id=payload.audit_id,
            location_id=ctx.device.location_id,
            device_id=ctx.device.id,
            staff_id=payload.staff_id,
            action=payload.action,
            detail=payload.detail,
            created_at=payload.created_at,
            op_id=ctx.op_id,
        )
    )
    return {"audit_id": payload.audit_id}
