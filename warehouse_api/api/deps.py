"""Dependencies shared by the routers: the database, the settings, the calling device."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.problems import ProblemError
from warehouse_api.security import sha256_hex
from warehouse_api.services.devices import AuthenticatedDevice, device_by_token_sha256
from warehouse_api.services.token_cache import TokenCache, revocation_figures

_bearer = HTTPBearer(auto_error=False, description="A device token: `Bearer <token>`")


# Dependencies that do no I/O are `async def`: FastAPI runs a plain `def` dependency in
# the thread pool, one hand-off between the event loop and a worker thread per call,
# which under load cost more CPU than the request's own work (docs/server.md).


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def unknown_token() -> ProblemError:
    """The 401 for a token no device holds, or a revoked one (the hot routes' too)."""
    return ProblemError(401, "unauthorized", "the device token is unknown or revoked")


DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def current_device(
    request: Request,
    db: DatabaseDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AuthenticatedDevice:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ProblemError(
            401, "unauthorized", "a device token is required: Authorization: Bearer <token>"
        )
    device = _device_for(request.app.state.tokens, db, sha256_hex(credentials.credentials))
    if device is None:
        raise unknown_token()
    request.state.device_id = device.id  # for the request's log line
    metrics = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        metrics.saw_device(device.id, device.role, device.location_id)
    return device


def _device_for(tokens: TokenCache, db: Database, token_sha256: str) -> AuthenticatedDevice | None:
    """The device holding the token: remembered from an earlier request of this process,
    or looked up (services/token_cache.py says how soon a revocation is seen)."""
    if not tokens.enabled:
        return db.lookup(lambda session: device_by_token_sha256(session, token_sha256))
    if tokens.recheck_due():
        tokens.recheck(db.lookup(revocation_figures))
    device = tokens.get(token_sha256)
    if device is None:
        device = look_up_device(tokens, db, token_sha256)
    return device


def look_up_device(
    tokens: TokenCache, db: Database, token_sha256: str
) -> AuthenticatedDevice | None:
    """The device holding the token, read from the database and remembered if found
    (under the generation read before the look-up: a revocation seen meanwhile wins)."""
    generation = tokens.generation()
    device = db.lookup(lambda session: device_by_token_sha256(session, token_sha256))
    if device is not None:
        tokens.put(token_sha256, device, generation)
    return device


CurrentDevice = Annotated[AuthenticatedDevice, Depends(current_device)]


def require_roles(
    *roles: str,
) -> Callable[[AuthenticatedDevice], Coroutine[Any, Any, AuthenticatedDevice]]:
    async def check(device: CurrentDevice) -> AuthenticatedDevice:
        if device.role not in roles:
            raise ProblemError(
                403, "forbidden", f"this route needs one of the roles: {', '.join(roles)}"
            )
        return device

    return check
