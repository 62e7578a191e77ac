from __future__ import annotations

from fastapi import APIRouter

from warehouse_api import responses
from warehouse_api.api.deps import CurrentDevice, DatabaseDep
from warehouse_api.models import Location
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import DeviceSelf, EnrollRequest, EnrollResponse
from warehouse_api.services.devices import enroll_device

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
