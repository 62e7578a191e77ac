"""One price: the report of store price overrides and channel price conflicts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field, StringConstraints

from warehouse_api.api.deps import DatabaseDep, require_roles
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import INT32_MAX, DbId, StrictModel
from warehouse_api.services import price_report
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.retry import write_with_retry

router = APIRouter(prefix="/reports/prices", tags=["planning"])
ManagerDevice = Annotated[AuthenticatedDevice, Depends(require_roles("operator", "admin"))]
ERRORS = problem_responses(401, 403, 404, 422)


class StoreOverridePublic(BaseModel):
    location_code: str
    product_id: int
    sku: str
    name: str
    lines: int
    units: int
    given_away_cents: int  # list price minus charged, times qty (negative: raised)
    reasons: dict[str, int]  # reason -> lines; "" for lines without one


class DecisionPublic(BaseModel):
    note: str
    decided_by: str
    decided_at: datetime


class ChannelConflictPublic(BaseModel):
    product_id: int
    sku: str
    name: str
    store_price_cents: int
    channel_price_cents: int
    direction: Literal["cheaper_in_group_buy", "cheaper_in_stores"]
    orders: int
    units: int
    last_ordered_at: datetime
    decision: DecisionPublic | None


class PriceReportPublic(BaseModel):
    since: datetime
    days: int
    given_away_cents: int
    overrides: list[StoreOverridePublic]
    open_conflicts: list[ChannelConflictPublic]
    deliberate_conflicts: list[ChannelConflictPublic]


class DeliberatePayload(StrictModel):
    product_id: DbId
    channel_price_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]
    note: Annotated[
        str,
        StringConstraints(min_length=1, max_length=price_report.NOTE_MAX_LENGTH),
    ]


def conflict_public(conflict: price_report.ChannelConflict) -> ChannelConflictPublic:
    decision = conflict.decision
    return ChannelConflictPublic(
        product_id=conflict.product_id,
        sku=conflict.sku,
        name=conflict.name,
        store_price_cents=conflict.store_price_cents,
        channel_price_cents=conflict.channel_price_cents,
        direction=conflict.direction,
        orders=conflict.orders,
        units=conflict.units,
        last_ordered_at=conflict.last_ordered_at,
        decision=None
        if decision is None
        else DecisionPublic(
            note=decision.note, decided_by=decision.decided_by, decided_at=decision.decided_at
        ),
    )


def report_public(report: price_report.PriceReport) -> PriceReportPublic:
    return PriceReportPublic(
        since=report.since,
        days=report.days,
        given_away_cents=report.given_away_cents,
        overrides=[
            StoreOverridePublic(
                location_code=o.location_code,
                product_id=o.product_id,
                sku=o.sku,
                name=o.name,
                lines=o.lines,
                units=o.units,
                given_away_cents=o.given_away_cents,
                reasons=o.reasons,
            )
            for o in report.overrides
        ],
        open_conflicts=[conflict_public(c) for c in report.open_conflicts],
        deliberate_conflicts=[conflict_public(c) for c in report.deliberate_conflicts],
    )


@router.get("", response_model=PriceReportPublic, responses=ERRORS)
def prices(
    device: ManagerDevice,
    db: DatabaseDep,
    days: Annotated[int, Query(ge=1, le=price_report.MAX_DAYS)] = price_report.DEFAULT_DAYS,
) -> PriceReportPublic:
    """Store price overrides and group-buy channel price conflicts of the last `days`."""
    with db.read() as session:
        return report_public(price_report.build(session, days))


@router.post("/deliberate", response_model=DecisionPublic, responses=ERRORS)
def mark_deliberate(
    body: DeliberatePayload, device: ManagerDevice, db: DatabaseDep
) -> DecisionPublic:
    """Mark a channel price conflict deliberate (marking again replaces the note)."""
    decision = write_with_retry(
        db,
        lambda session: price_report.mark_deliberate(
            session, body.product_id, body.channel_price_cents, body.note, device.name
        ),
    )
    return DecisionPublic(
        note=decision.note, decided_by=decision.decided_by, decided_at=decision.decided_at
    )
