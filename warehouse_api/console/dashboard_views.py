"""The managers' dashboard: sales by store and channel, stock value, idle stock."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from warehouse_api.console import charts, i18n
from warehouse_api.console.views import Manager, Refused, _db, language, money, render
from warehouse_api.services import dashboard

router = APIRouter(prefix="/console", include_in_schema=False)
PERIODS = (7, 28, 91)


@router.get("/dashboard", response_class=HTMLResponse)
def page(request: Request, user: Manager, days: int = 28) -> Response:
    if days not in PERIODS:
        raise Refused(422, "Choose 7, 28 or 91 days.")
    with _db(request).read() as session:
        figures = dashboard.build(session, days)
    t = i18n.translator(language(request))

    def name(bar: dashboard.Bar) -> str:
        return t("Group-buy") if bar.key == dashboard.GROUP_BUY else f"{bar.key} {bar.label}"

    sales_chart = charts.horizontal_bars(
        [(name(b), b.value, b.key == dashboard.GROUP_BUY) for b in figures.sales_by_channel],
        money,
        caption=t("Sales by store and channel"),
    )
    daily_chart = charts.columns_by_day(
        figures.sales_by_day, money, caption=t("Sales per day, all stores and the channel")
    )
    stock_chart = charts.horizontal_bars(
        [(name(b), b.value, False) for b in figures.stock_value],
        money,
        caption=t("Stock value by location"),
    )
    idle_chart = charts.horizontal_bars(
        [(name(b), b.value, False) for b in figures.idle_by_location],
        money,
        caption=t("Idle stock value by location"),
    )
    return render(
        request,
        "dashboard.html",
        {
            "figures": figures,
            "days": days,
            "periods": PERIODS,
            "sales_chart": sales_chart,
            "daily_chart": daily_chart,
            "stock_chart": stock_chart,
            "idle_chart": idle_chart,
            "sales_total": sum(b.value for b in figures.sales_by_channel),
            "stock_total": sum(b.value for b in figures.stock_value),
            "idle_total": sum(b.value for b in figures.idle_by_location),
        },
    )
