"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator

from fastapi import FastAPI

from warehouse_api import __version__
from warehouse_api.api import admin, devices, group_buy, health, operator, orders, stock, sync
from warehouse_api.body_limit import BodySizeLimit
from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.problems import install_problem_handlers
from warehouse_api.schema import prepare_database
from warehouse_api.services import op_handlers  # noqa: F401  (registers every push op handler)
from warehouse_api.services.sweeper import run_sweeper
from warehouse_api.validation import RefuseUnstorableText

API_PREFIX = "/api/v1"


def create_app(
    db_url: str | None = None,
    *,
    settings: Settings | None = None,
    prepare_schema: bool = True,
    run_background: bool = True,
) -> FastAPI:
    """Build the app on `db_url`; creates or upgrades the schema unless told not to.

    `run_background` starts the sweeper (expired holds, old tombstones) with the app.
    """
    settings = settings or Settings()
    if db_url is not None:
        settings = settings.model_copy(update={"db_url": db_url})
    db = Database.from_url(settings.db_url)
    if prepare_schema:
        prepare_database(db)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(run_sweeper(db, settings)) if run_background else None
        try:
            yield
        finally:
            if sweeper is not None:
                sweeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sweeper

    app = FastAPI(
        lifespan=lifespan,
        title="Warehouse API",
        version=__version__,
        description="The central inventory shared by the stores and the group-buy channel.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.db = db
    app.state.settings = settings
    install_problem_handlers(app)
    routers = (health, devices, sync, stock, orders, group_buy, operator, admin)
    for module in routers:
        router = module.router
        app.include_router(router, prefix=API_PREFIX)
    app.add_middleware(RefuseUnstorableText)
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several workers: the schema is already prepared."""
    return create_app(os.environ.get("WAREHOUSE_DB_URL"), prepare_schema=False)
