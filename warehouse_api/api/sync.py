from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from warehouse_api.api.deps import CurrentDevice, DatabaseDep, SettingsDep
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import PullResponse, PushRequest, PushResponse
from warehouse_api.services.change_feed import read_changes
from warehouse_api.services.push import apply_ops

router = APIRouter(prefix="/sync", tags=["sync"])

ALL_SCOPE_ROLES = ("operator", "admin")


@router.get(
    "/pull",
    response_model=PullResponse,
    responses=problem_responses(401, 422),
    summary="Changes after a cursor, oldest first, scoped to the device",
)
def pull(
    request: Request,
    device: CurrentDevice,
    db: DatabaseDep,
    settings: SettingsDep,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=5000)] = None,
    rebuild: Annotated[
        bool,
        Query(
            description="The client is pulling from zero (first sync or after a reset) and "
            "drops what the round did not bring: never answer it with a reset"
        ),
    ] = False,
) -> Response:
    page_size = min(limit or settings.pull_default_limit, settings.pull_max_limit)
    request.app.state.metrics.pulled_from(device.id, device.role, cursor)
    with db.read() as session, session.begin():
        page = read_changes(
            session, cursor, page_size, device.location_id, device.role in ALL_SCOPE_ROLES, rebuild
        )
    # Built by hand: validating and re-encoding 5,000 changes per page would cost
    # more than reading them. The shape is PullResponse (see the OpenAPI document).
    return Response(page.to_json(), media_type="application/json")


@router.post(
    "/push",
    response_model=PushResponse,
    responses=problem_responses(401, 413, 422),
    summary="Apply outbox operations; one result per op, in order",
)
def push(
    request: Request,
    body: PushRequest,
    device: CurrentDevice,
    db: DatabaseDep,
    settings: SettingsDep,
) -> PushResponse:
    results = apply_ops(db, settings, device, list(body.ops))
    request.app.state.metrics.count_push_results(results)
    return PushResponse.model_validate({"results": results})
