"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import logging
import os
from collections.abc import AsyncIterator, Iterator
from types import ModuleType
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from warehouse_api import __version__
from warehouse_api.api import (
    admin,
    devices,
    einvoice,
    group_buy,
    health,
    metrics,
    operator,
    orders,
    prices,
    returns,
    stock,
    sync,
)
from warehouse_api.api.deps import get_db
from warehouse_api.body_limit import BodySizeLimit
from warehouse_api.config import Settings
from warehouse_api.console import catalog_views
from warehouse_api.console.mount import mount_console
from warehouse_api.db import Database, worker_threads
from warehouse_api.hot_routes import HotRouteCounts, HotRoutes
from warehouse_api.metrics import Metrics, RequestMetrics, configure_logging
from warehouse_api.problems import CatchUnexpected, install_problem_handlers, problem_responses
from warehouse_api.route_warmup import warm_routes
from warehouse_api.schema import prepare_database
from warehouse_api.services import op_handlers  # noqa: F401  (registers every push op handler)
from warehouse_api.services.sweeper import run_sweeper
from warehouse_api.services.token_cache import TokenCache
from warehouse_api.sqlite_wal import run_wal_checkpointer
from warehouse_api.validation import RefuseUnstorableText

API_PREFIX = "/api/v1"


def _planning_routers() -> tuple[ModuleType, ...]:
    """The planning routes (forecasts, idle stock) need numpy from the server extras. The
    counter's frozen bundle leaves numpy out (its demo warehouse runs no forecast), so
    there the warehouse starts without them; everywhere else they are there."""
    try:
        from warehouse_api.api import planning
    except ImportError as missing:  # pragma: no cover - only in the counter's bundle
        logging.getLogger(__name__).warning("planning routes off: %s", missing)
        return ()
    return (planning,)


def create_app(
    db_url: str | None = None,
    *,
    settings: Settings | None = None,
    prepare_schema: bool = True,
    run_background: bool = True,
) -> FastAPI:
    """Build the app on `db_url`; creates or upgrades the schema unless told not to.

    `run_background` starts the sweeper (expired holds, old tombstones) with the app,
    and on SQLite the WAL checkpointer (sqlite_wal.py).
    """
    settings = settings or Settings()
    if db_url is not None:
        settings = settings.model_copy(update={"db_url": db_url})
    db = Database.from_url(settings.db_url)
    if prepare_schema:
        prepare_database(db)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = request_threads(db)
        await warm_routes(_app)
        if settings.freeze_heap:
            freeze_heap()
        background = (
            [
                asyncio.create_task(run_sweeper(db, settings)),
                asyncio.create_task(run_wal_checkpointer(db)),
            ]
            if run_background
            else []
        )
        try:
            yield
        finally:
            for task in background:
                task.cancel()
            for task in background:
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(
        lifespan=lifespan,
        title="Warehouse API",
        version=__version__,
        description="The central inventory shared by the stores and the group-buy channel.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        **_telemetry(settings),
    )
    app.state.db = db
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.tokens = TokenCache(settings.token_recheck_seconds)
    app.state.hot_routes = HotRouteCounts()
    install_problem_handlers(app)
    routers = (
        health,
        devices,
        sync,
        stock,
        orders,
        returns,
        group_buy,
        operator,
        admin,
        einvoice,
        prices,
        *_planning_routers(),
    )
    for module in routers:
        router = module.router
        _document_common_problems(router)
        app.include_router(router, prefix=API_PREFIX)
    _document_common_problems(metrics.router)
    app.include_router(metrics.router)  # /metrics, where Prometheus looks by default
    mount_console(app)
    # Innermost: the routes it serves keep every check and count of the layers below.
    app.add_middleware(HotRoutes, owner=app, prefix=API_PREFIX)
    app.add_middleware(RefuseUnstorableText)
    app.add_middleware(
        BodySizeLimit,
        limit=settings.max_body_bytes,
        larger={"/console/catalog/import": catalog_views.UPLOAD_LIMIT_BYTES},
    )
    app.add_middleware(CatchUnexpected)  # a 500 keeps the connection
    # Outermost: times everything, the 500s CatchUnexpected turns out included.
    app.add_middleware(RequestMetrics, metrics=app.state.metrics)
    return app


def _telemetry(settings: Settings) -> dict[str, Any]:
    """FastAPI's native OpenTelemetry (0.16x) unless Settings.opentelemetry: on every
    request it asks OpenTelemetry whether providers are configured, which reads the
    environment each time (2% of the server's event-loop time in a flash sale). An
    older FastAPI has no such switch (nor the instrumentation)."""
    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    on = settings.opentelemetry
    return {"telemetry": {"tracing": on, "metrics": on, "logs": on}}


def freeze_heap() -> None:
    """Move everything alive now into the garbage collector's permanent generation.

    Called once a worker has started, after `warm_routes`: modules, the app, SQLAlchemy's
    mappers and compiled statements, and every router's route state (dependency graphs
    and pydantic adapters for every route, built by the warm-up) are not walked again by
    the full collections that a request's many short-lived objects trigger. Frozen at
    load time only (before the warm-up), a worker still walked 42,000-50,000 objects in
    each full collection, 11-18 ms during which it served nothing, a dozen times in 20 s
    of the drain and the 200 tills."""
    gc.collect()
    gc.freeze()


REQUEST_THREADS = 2  # per worker process: docs/server.md, "Request threads per worker"


def request_threads(db: Database) -> int:
    """Worker threads for the framework's routes, every route but the tills' (those run
    in lanes of their own: hot_routes.till_threads); anyio's default is 40 per process.

    Two, or fewer where the connection pool holds fewer. The threads of a worker share
    one GIL: each thread more is one more to hand the GIL to between every statement's
    round trip, and under load that hand-off, not the database, was the wait. Measured
    on this machine when one pool served every route (4 workers on PostgreSQL, flash
    sale and 200 tills): 12 threads 838.6 orders/s, tills p95 199.8 ms; 2 threads
    1,054-1,087 and 122.6-143.6 ms; 1 thread 1,158-1,511 and 79.9-114.1 ms. Requests
    beyond that wait in the event loop, where waiting costs nothing. WAREHOUSE_THREADS
    overrides."""
    return worker_threads(db.engine, REQUEST_THREADS, "WAREHOUSE_THREADS")


def _document_common_problems(router: APIRouter) -> None:
    """Add to each route's documented answers those any route of its shape can give.

    Every route can fail with 500; one that reads the database with 503 `busy`; one
    with a body with 400 (unparseable), 413 (too large) and 422; one with parameters
    with 422. Routes list only what their own rules add (401, 403, 404, 409, ...).
    `test_every_status_a_route_answers_is_documented` probes the running server.
    """
    for route in router.routes:
        if not isinstance(route, APIRoute):
            continue
        statuses = {500}
        dependant = route.dependant
        if any(dependency.call is get_db for dependency in _dependencies(dependant)):
            statuses.add(503)
        if route.body_field is not None:
            statuses |= {400, 413, 422}
        if dependant.path_params or dependant.query_params or dependant.header_params:
            statuses.add(422)
        missing = sorted(statuses - {int(status) for status in route.responses})
        route.responses = {**route.responses, **problem_responses(*missing)}


def _dependencies(dependant: Dependant) -> Iterator[Dependant]:
    for dependency in dependant.dependencies:
        yield dependency
        yield from _dependencies(dependency)


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several workers: the schema is already prepared."""
    settings = Settings()
    configure_logging(settings.log_format)
    if os.environ.get("WAREHOUSE_ACCESS_LOG", "1") == "0":
        logging.getLogger("warehouse_api.access").setLevel(logging.WARNING)
    return create_app(os.environ.get("WAREHOUSE_DB_URL"), settings=settings, prepare_schema=False)
