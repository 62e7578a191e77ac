"""What a till needs to take a return of a sale it did not ring up: the sale by its
receipt number (any store's), a search of its own store's sales, and how many returns
without a receipt a phone has left."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from warehouse_api.api.deps import DatabaseDep, SettingsDep, require_roles
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import NoReceiptUsage, OrderLookup, SaleLookup, SaleSearchResponse
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.order_returns import lookup_order
from warehouse_api.services.sale_lookup import lookup_sale, no_receipt_usage, search_sales

router = APIRouter(tags=["returns"])

Counter = Annotated[AuthenticatedDevice, Depends(require_roles("counter"))]


def _in_range(day: date) -> date:
    if not date(2000, 1, 1) <= day < date(2100, 1, 1):
        raise PydanticCustomError("date_range", "must fall between 2000-01-01 and 2099-12-31")
    return day


Day = Annotated[date, AfterValidator(_in_range)]


@router.get(
    "/sales/by-receipt/{receipt_no}",
    response_model=SaleLookup,
    responses=problem_responses(401, 403, 404),
    summary="A sale of any store by its receipt number, with what was already returned",
)
def sale_by_receipt(receipt_no: str, device: Counter, db: DatabaseDep) -> SaleLookup:
    with db.read() as session, session.begin():
        return SaleLookup.model_validate(lookup_sale(session, receipt_no))


@router.get(
    "/sales/search",
    response_model=SaleSearchResponse,
    responses=problem_responses(401, 403, 422),
    summary="This store's sales of one day, by amount and the last digits of the phone",
)
def sale_search(
    device: Counter,
    db: DatabaseDep,
    day: Annotated[Day, Query(description="the day of the sale (Taiwan time)")],
    amount_cents: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    phone_suffix: Annotated[
        str | None, Query(min_length=3, max_length=10, pattern=r"^[0-9]+$")
    ] = None,
) -> SaleSearchResponse:
    with db.read() as session, session.begin():
        hits = search_sales(session, device, day, amount_cents, phone_suffix)
    return SaleSearchResponse.model_validate({"sales": hits})


@router.get(
    "/returns/no-receipt/usage",
    response_model=NoReceiptUsage,
    responses=problem_responses(401, 403, 422),
    summary="Returns without a receipt this phone made in the period, and the limit",
)
def usage(
    device: Counter,
    db: DatabaseDep,
    settings: SettingsDep,
    phone: Annotated[str, Query(min_length=8, max_length=32, pattern=r"^[0-9]+$")],
) -> NoReceiptUsage:
    with db.read() as session, session.begin():
        figures = no_receipt_usage(
            session, phone, settings.no_receipt_returns_per_phone, settings.no_receipt_period_days
        )
    return NoReceiptUsage.model_validate(figures)


@router.get(
    "/returns/orders/{order_kind}/{order_id}",
    response_model=OrderLookup,
    responses=problem_responses(401, 403, 404, 422),
    summary="A group-buy or dropship order brought back to a store, with its returns",
)
def order_for_return(
    order_kind: Literal["group_buy", "dropship"],
    order_id: str,
    device: Counter,
    db: DatabaseDep,
) -> OrderLookup:
    with db.read() as session, session.begin():
        return OrderLookup.model_validate(lookup_order(session, order_kind, order_id))
