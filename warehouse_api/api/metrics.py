"""``GET /metrics``: Prometheus text format, for an admin token or the scrape token."""

from __future__ import annotations

import dataclasses
import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import func, select

from warehouse_api.api.deps import DatabaseDep, SettingsDep
from warehouse_api.metrics import DatabaseFigures, Metrics, render
from warehouse_api.models import Device, FeedState
from warehouse_api.problems import ProblemError, problem_responses
from warehouse_api.services.devices import authenticate

router = APIRouter(tags=["operations"])

_bearer = HTTPBearer(auto_error=False, description="An admin device token or the scrape token")

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _allowed(
    db: DatabaseDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ProblemError(
            401, "unauthorized", "metrics need the scrape token or an admin token: Bearer <token>"
        )
    given = credentials.credentials
    scrape = settings.metrics_token
    if scrape and hmac.compare_digest(given.encode(), scrape.encode()):
        return
    with db.read() as session:
        device = authenticate(session, given)
    if device is None:
        raise ProblemError(401, "unauthorized", "the token is unknown or revoked")
    if device.role != "admin":
        raise ProblemError(403, "forbidden", "metrics are for admin tokens and the scrape token")


def _database_figures(db: DatabaseDep) -> DatabaseFigures:
    with db.read() as session:
        last_seq = session.scalar(select(func.max(FeedState.last_seq))) or 0
        tills = session.execute(
            select(Device.id, Device.location_id).where(
                Device.role == "counter", Device.revoked_at.is_(None)
            )
        ).all()
    pool = db.engine.pool
    figures: dict[str, int] = {}
    for state, method in (
        ("size", "size"),
        ("checked_in", "checkedin"),
        ("checked_out", "checkedout"),
        ("overflow", "overflow"),
    ):
        read = getattr(pool, method, None)
        if callable(read):
            figures[state] = int(read())
    return DatabaseFigures(
        feed_last_seq=int(last_seq),
        tills_enrolled=len(tills),
        till_location={int(t.id): t.location_id for t in tills},
        pool=figures,
    )


@router.get(
    "/metrics",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {}}, "description": "Prometheus text format 0.0.4"},
        **problem_responses(401, 403),
    },
    summary="Request, push, feed, till and pool figures in Prometheus text format",
    dependencies=[Depends(_allowed)],
)
def metrics(request: Request, db: DatabaseDep) -> Response:
    collected: Metrics = request.app.state.metrics
    hot = dataclasses.asdict(request.app.state.hot_routes)
    return Response(render(collected, _database_figures(db), hot=hot), media_type=CONTENT_TYPE)
