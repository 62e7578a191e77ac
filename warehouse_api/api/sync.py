from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from warehouse_api.api.deps import CurrentDevice, DatabaseDep, SettingsDep
from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.metrics import Metrics
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import PullResponse, PushRequest, PushResponse
from warehouse_api.services.change_feed import read_changes
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.push import apply_ops

router = APIRouter(prefix="/sync", tags=["sync"])

ALL_SCOPE_ROLES = ("operator", "admin")
MAX_CURSOR = 2**62
MAX_PAGE = 5000  # changes a pull may ask for


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
    cursor: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE)] = None,
    rebuild: Annotated[
        bool,
        Query(
            description="The client is pulling from zero (first sync or after a reset) and "
            "drops what the round did not bring: never answer it with a reset"
        ),
    ] = False,
) -> Response:
    return pull_page(db, settings, request.app.state.metrics, device, cursor, limit, rebuild)


def pull_page(
    db: Database,
    settings: Settings,
    metrics: Metrics,
    device: AuthenticatedDevice,
    cursor: int,
    limit: int | None,
    rebuild: bool,
) -> Response:
    """The pull's answer (this route's, and the hot route's: hot_routes.py)."""
    page_size = min(limit or settings.pull_default_limit, settings.pull_max_limit)
    metrics.pulled_from(device.id, device.role, cursor)
    all_scopes = device.role in ALL_SCOPE_ROLES
    # Outside a transaction on PostgreSQL (read committed gives each statement its own
    # snapshot inside one too): the head, then the page, without BEGIN and ROLLBACK.
    page = db.lookup(
        lambda session: read_changes(
            session, cursor, page_size, device.location_id, all_scopes, rebuild
        )
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
) -> Response:
    results = apply_ops(db, settings, device, list(body.ops))
    request.app.state.metrics.count_push_results(results)
    return push_answer(results)


def push_answer(results: list[dict[str, Any]]) -> Response:
    """The push's answer. Validated once and encoded by pydantic; FastAPI would validate
    the returned model a second time against response_model (500 results for a drained
    outbox)."""
    checked = PushResponse.model_validate({"results": results})
    return Response(checked.model_dump_json(), media_type="application/json")
