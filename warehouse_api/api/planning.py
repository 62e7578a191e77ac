"""Planning for warehouse and store managers: forecasts, reorder points, idle stock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api import responses
from warehouse_api.api.deps import DatabaseDep, require_roles
from warehouse_api.errors import NotFound
from warehouse_api.models import Location, Product
from warehouse_api.planning_models import DemandDay, DemandForecast
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import TransferPublic
from warehouse_api.services.demand_history import GROUP_BUY_CODE, today_in_taiwan
from warehouse_api.services.devices import AuthenticatedDevice, location_by_code
from warehouse_api.services.forecasts import PlanningSettings, reorder_report
from warehouse_api.services.idle_stock import (
    achievement,
    latest_suggestions,
    suggestion_data,
    suggestion_to_transfer,
)
from warehouse_api.services.locations import warehouse_id
from warehouse_api.services.retry import write_with_retry

router = APIRouter(prefix="/planning", tags=["planning"])
PlannerDevice = Annotated[AuthenticatedDevice, Depends(require_roles("operator", "admin"))]
ERRORS = problem_responses(401, 403, 404, 409, 422)
LocationCode = Annotated[
    str, Query(min_length=1, max_length=16, description=f"a location code, or {GROUP_BUY_CODE}")
]


class ForecastPublic(BaseModel):
    product_id: int
    sku: str
    location_code: str
    channel: Literal["location", "group_buy"]
    method: str
    first_day: date
    daily: list[float]
    mase: float | None
    mase_seasonal_naive: float | None
    error_sd: float
    lead_time_days: int
    service_level: float
    safety_stock: int
    reorder_point: int
    generated_at: datetime


class ReorderLinePublic(BaseModel):
    location_code: str
    product_id: int
    sku: str
    on_hand: int
    reserved: int
    inbound: int
    safety_stock: int
    reorder_point: int
    forecast_lead_time: float
    suggested_qty: int
    source: str


class IdleSuggestionPublic(BaseModel):
    suggestion_id: int
    made_on: date
    location_code: str
    product_id: int
    sku: str
    action: Literal["transfer", "offer_group_buy", "dropship_only"]
    to_location_code: str | None
    qty: int
    idle_qty: int
    idle_value_cents: int
    transfer_id: str | None


class AchievementPublic(BaseModel):
    made_on: date | None
    idle_value_before_cents: int
    idle_value_now_cents: int


class IdleReportPublic(BaseModel):
    suggestions: list[IdleSuggestionPublic]
    last_month: AchievementPublic


def _location_filter(session: Session, code: str | None) -> tuple[int | None, str | None]:
    """(location id, channel) for a code; GROUPBUY is the warehouse's group-buy channel."""
    if code is None:
        return None, None
    if code == GROUP_BUY_CODE:
        return warehouse_id(session), "group_buy"
    return location_by_code(session, code).id, None


@router.get("/forecasts", response_model=list[ForecastPublic], responses=ERRORS)
def forecasts(
    device: PlannerDevice,
    db: DatabaseDep,
    location: Annotated[str | None, Query(min_length=1, max_length=16)] = None,
    product_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[ForecastPublic]:
    """The nightly job's forecasts (`warehouse-api forecast`), per product and location."""
    with db.read() as session, session.begin():
        location_id, channel = _location_filter(session, location)
        query = (
            select(DemandForecast, Product.sku, Location.code)
            .join(Product, Product.id == DemandForecast.product_id)
            .join(Location, Location.id == DemandForecast.location_id)
            .order_by(DemandForecast.product_id, DemandForecast.location_id, DemandForecast.channel)
            .limit(limit)
        )
        if location_id is not None:
            query = query.where(DemandForecast.location_id == location_id)
        if channel is not None:
            query = query.where(DemandForecast.channel == channel)
        if product_id is not None:
            query = query.where(DemandForecast.product_id == product_id)
        return [
            ForecastPublic(
                product_id=f.product_id,
                sku=sku,
                location_code=GROUP_BUY_CODE if f.channel == "group_buy" else code,
                channel=f.channel,  # type: ignore[arg-type]
                method=f.method,
                first_day=f.first_day,
                daily=f.daily,
                mase=f.mase,
                mase_seasonal_naive=f.mase_seasonal_naive,
                error_sd=f.error_sd,
                lead_time_days=f.lead_time_days,
                service_level=f.service_level,
                safety_stock=f.safety_stock,
                reorder_point=f.reorder_point,
                generated_at=f.generated_at,
            )
            for f, sku, code in session.execute(query)
        ]


@router.get("/reorder", response_model=list[ReorderLinePublic], responses=ERRORS)
def reorder(
    device: PlannerDevice,
    db: DatabaseDep,
    location: LocationCode,
    lead_time_days: Annotated[int, Query(ge=1, le=365)] = 7,
    review_days: Annotated[int, Query(ge=0, le=365)] = 7,
    service_level: Annotated[float, Query(ge=0.5, lt=1.0)] = 0.95,
) -> list[ReorderLinePublic]:
    """Products at or below their reorder point, with the quantity to transfer or order."""
    settings = PlanningSettings(lead_time_days, review_days, service_level)
    with db.read() as session, session.begin():
        location_id, _ = _location_filter(session, location)
        assert location_id is not None
        return [
            ReorderLinePublic.model_validate(line, from_attributes=True)
            for line in reorder_report(session, location_id, settings)
        ]


@router.get("/idle", response_model=IdleReportPublic, responses=ERRORS)
def idle(
    device: PlannerDevice,
    db: DatabaseDep,
    location: Annotated[str | None, Query(min_length=1, max_length=16)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> IdleReportPublic:
    """The latest idle-stock suggestions, and what those of a month ago achieved."""
    with db.read() as session, session.begin():
        location_id, _ = _location_filter(session, location)
        rows = latest_suggestions(session, location_id, limit)
        done = achievement(session, today_in_taiwan(), location_id)
        return IdleReportPublic(
            suggestions=[
                IdleSuggestionPublic.model_validate(suggestion_data(session, row)) for row in rows
            ],
            last_month=AchievementPublic(
                made_on=done.made_on,
                idle_value_before_cents=done.idle_value_before_cents,
                idle_value_now_cents=done.idle_value_now_cents,
            ),
        )


@router.post(
    "/idle-suggestions/{suggestion_id}/transfer", response_model=TransferPublic, responses=ERRORS
)
def make_transfer(
    suggestion_id: Annotated[int, Path(ge=1, le=2**62)],
    device: PlannerDevice,
    db: DatabaseDep,
) -> TransferPublic:
    """Turn a suggestion into a transfer request (asking again returns the same one)."""
    return write_with_retry(
        db, lambda session: responses.transfer(suggestion_to_transfer(session, suggestion_id))
    )


# --- the store's own view (a counter device sees its own location only) -------------

CounterDevice = Annotated[AuthenticatedDevice, Depends(require_roles("counter"))]


class StoreReplenishmentPublic(BaseModel):
    """What the counter's replenishment screen shows: its low-stock lines (below the
    reorder point, with the quantity to ask for and where from) and its idle items."""

    location_code: str
    generated_at: datetime
    reorder: list[ReorderLinePublic]
    idle: list[IdleSuggestionPublic]


class DemandDayPublic(BaseModel):
    day: date
    qty: int
    stockout: bool


class DemandSeriesPublic(BaseModel):
    location_code: str
    kind: str
    history: list[DemandDayPublic]
    forecast_first_day: date | None
    forecast: list[float]
    method: str | None
    safety_stock: int | None
    reorder_point: int | None


class ProductDemandPublic(BaseModel):
    product_id: int
    series: list[DemandSeriesPublic]


@router.get("/store/replenishment", response_model=StoreReplenishmentPublic, responses=ERRORS)
def store_replenishment(
    device: CounterDevice,
    db: DatabaseDep,
    lead_time_days: Annotated[int, Query(ge=1, le=365)] = 7,
    review_days: Annotated[int, Query(ge=0, le=365)] = 7,
    service_level: Annotated[float, Query(ge=0.5, lt=1.0)] = 0.95,
) -> StoreReplenishmentPublic:
    """This store's low-stock lines against safety stock and its idle-stock suggestions."""
    settings = PlanningSettings(lead_time_days, review_days, service_level)
    assert device.location_id is not None  # a counter token always has its store
    with db.read() as session, session.begin():
        location = session.get(Location, device.location_id)
        assert location is not None
        reorder_lines = reorder_report(session, location.id, settings)
        rows = latest_suggestions(session, location.id, 500)
        return StoreReplenishmentPublic(
            location_code=location.code,
            generated_at=datetime.now(UTC),
            reorder=[
                ReorderLinePublic.model_validate(line, from_attributes=True)
                for line in reorder_lines
            ],
            idle=[
                IdleSuggestionPublic.model_validate(suggestion_data(session, row)) for row in rows
            ],
        )


@router.get(
    "/store/products/{product_id}/demand", response_model=ProductDemandPublic, responses=ERRORS
)
def store_product_demand(
    product_id: Annotated[int, Path(ge=1, le=2_147_483_647)],
    device: CounterDevice,
    db: DatabaseDep,
    days: Annotated[int, Query(ge=7, le=365)] = 28,
) -> ProductDemandPublic:
    """A product's recent daily demand and its forecast at this store and the warehouse."""
    assert device.location_id is not None
    with db.read() as session, session.begin():
        if session.get(Product, product_id) is None:
            raise NotFound("product_not_found", f"no product with id {product_id}")
        since = today_in_taiwan() - timedelta(days=days)
        series = []
        for location_id in (device.location_id, warehouse_id(session)):
            location = session.get(Location, location_id)
            assert location is not None
            history = [
                DemandDayPublic(day=row.day, qty=row.qty, stockout=row.stockout)
                for row in session.scalars(
                    select(DemandDay)
                    .where(
                        DemandDay.product_id == product_id,
                        DemandDay.location_id == location_id,
                        DemandDay.channel == "location",
                        DemandDay.day > since,
                    )
                    .order_by(DemandDay.day)
                )
            ]
            forecast = session.get(DemandForecast, (product_id, location_id, "location"))
            series.append(
                DemandSeriesPublic(
                    location_code=location.code,
                    kind=location.kind,
                    history=history,
                    forecast_first_day=forecast.first_day if forecast else None,
                    forecast=[float(v) for v in forecast.daily] if forecast else [],
                    method=forecast.method if forecast else None,
                    safety_stock=forecast.safety_stock if forecast else None,
                    reorder_point=forecast.reorder_point if forecast else None,
                )
            )
        return ProductDemandPublic(product_id=product_id, series=series)
