from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from warehouse_api.api.deps import CurrentDevice, DatabaseDep
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import StockResponse
from warehouse_api.services.catalog import find_product, live_stock
from warehouse_api.services.reservations import release_expired_holds

router = APIRouter(tags=["stock"])


@router.get(
    "/stock",
    response_model=StockResponse,
    responses=problem_responses(401, 404, 422),
    summary="Live stock of one product (by SKU or barcode) at every location",
)
def stock(
    product: Annotated[str, Query(min_length=1, max_length=64, description="SKU or barcode")],
    device: CurrentDevice,
    db: DatabaseDep,
) -> StockResponse:
    with db.read() as session, session.begin():
        product_id = find_product(session, product).id
    release_expired_holds(db, product_id)  # expired holds come back before anyone reads them
    with db.read() as session, session.begin():
        return StockResponse.model_validate(live_stock(session, product))
