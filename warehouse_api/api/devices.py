from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends

from warehouse_api import responses
from warehouse_api.api.deps import CurrentDevice, DatabaseDep, SettingsDep, require_roles
from warehouse_api.models import Location
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import (
    DeviceSelf,
    EnrollRequest,
    EnrollResponse,
    HeartbeatPublic,
    HeartbeatRequest,
)
from warehouse_api.services.devices import AuthenticatedDevice, enroll_device
from warehouse_api.services.heartbeats import record_heartbeat, till_health

router = APIRouter(prefix="/devices", tags=["devices"])


@router.post(
    "/enroll",
    response_model=EnrollResponse,
    responses=problem_responses(400, 409, 410, 413, 422),
    summary="Trade a one-time enrollment code for a counter token",
)
def enroll(body: EnrollRequest, db: DatabaseDep) -> EnrollResponse:
    with db.write() as session:
        issued = enroll_device(session, body.code, body.device_name)
        assert issued.location is not None
        location = responses.location(issued.location)
    assert issued.till_no is not None  # every counter gets one
    return EnrollResponse(
        token=issued.token, device_id=issued.device_id, till_no=issued.till_no, location=location
    )


@router.get(
    "/me",
    response_model=DeviceSelf,
    responses=problem_responses(401),
    summary="The calling device: a till enrolled before till numbers learns its number here",
)
def me(device: CurrentDevice, db: DatabaseDep) -> DeviceSelf:
    location = None
    if device.location_id is not None:
        with db.read() as session:
            row = session.get(Location, device.location_id)
            if row is not None:
                location = responses.location(row)
    return DeviceSelf(
        id=device.id, name=device.name, role=device.role, till_no=device.till_no, location=location
    )


Till = Annotated[AuthenticatedDevice, Depends(require_roles("counter"))]


@router.post(
    "/heartbeat",
    response_model=HeartbeatPublic,
    responses=problem_responses(401, 403, 413, 422),
    summary="A till's outbox (waiting, failed, oldest) and versions; the latest is kept",
)
def heartbeat(
    body: HeartbeatRequest, device: Till, db: DatabaseDep, settings: SettingsDep
) -> HeartbeatPublic:
    with db.write() as session:
        now = record_heartbeat(session, device.id, body)
    with db.read() as session:
        warn_after = timedelta(minutes=settings.till_waiting_warn_minutes)
        kept = till_health(session, warn_after, now, device.id).get(device.id)
    assert kept is not None  # written just above; a till's row is never deleted
    return kept.public()
