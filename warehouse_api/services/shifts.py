"""Shift close reports and audit entries from the counter (supervisor actions and the like)."""

from __future__ import annotations

from typing import Any

from warehouse_api.models import AuditEntry, ShiftClose, Staff
from warehouse_api.schemas import AuditPayload, ShiftClosePayload
from warehouse_api.services.locations import require_store_device
from warehouse_api.services.operations import OpContext, op_handler, reuse_or_duplicate


@op_handler("shift.close")
def close_shift(ctx: OpContext, payload: ShiftClosePayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store_device(ctx.device)
    existing = session.get(ShiftClose, payload.shift_id)
    if existing is not None:
        reuse_or_duplicate(session, existing.op_id, ctx.body_sha256, f"shift {payload.shift_id}")
    staff_id = (
        payload.staff_id if payload.staff_id and session.get(Staff, payload.staff_id) else None
    )
    session.add(
        ShiftClose(
            id=payload.shift_id,
            location_id=store_id,
            staff_id=staff_id,
            report=payload.report,
            opened_at=payload.opened_at,
            closed_at=payload.closed_at,
            op_id=ctx.op_id,
        )
    )
    return {"shift_id": payload.shift_id}


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
