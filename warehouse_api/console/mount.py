"""Mount the console on the app: its pages (one router per part), stylesheet and error pages."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from warehouse_api.console import (
    catalog_views,
    dashboard_views,
    group_buy_store_views,
    partner_views,
    people_views,
    pickup_rest_views,
    price_views,
    views,
)


def mount_console(app: FastAPI) -> None:
    """Add the console's routes, its stylesheet and its error pages to the app."""
    for router in (
        views.router,
        catalog_views.router,
        people_views.router,
        dashboard_views.router,
        partner_views.router,
        price_views.router,
        group_buy_store_views.router,
        pickup_rest_views.router,
    ):
        app.include_router(router)
    app.mount(
        "/console/static", StaticFiles(directory=views.HERE / "static"), name="console_static"
    )
    app.add_exception_handler(views.NeedSignIn, views._to_sign_in)  # type: ignore[arg-type]
    app.add_exception_handler(views.Refused, views._refused)  # type: ignore[arg-type]
