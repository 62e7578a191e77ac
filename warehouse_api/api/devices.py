from __future__ import annotations

from fastapi import APIRouter

from warehouse_api import responses
from warehouse_api.api.deps import DatabaseDep
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import EnrollRequest, EnrollResponse
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
    return EnrollResponse(token=issued.token, device_id=issued.device_id, location=location)
