"""Warehouse staff (or their WMS): ship and receive transfers, fulfil orders, receive goods."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api import responses
from warehouse_api.api.deps import DatabaseDep, require_roles
from warehouse_api.errors import NotFound
from warehouse_api.models import DropshipOrder, Stock
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import (
    AuditEntryPublic,
    DropshipPublic,
    FlaggedPaymentPublic,
    GoodsReceipt,
    OptionalShipmentInfo,
    OrderReturnPublic,
    OrderReturnsResponse,
    ReservationPublic,
    SaleRecordPublic,
    ShiftPublic,
    ShipmentInfo,
    StockLevelChange,
    TransferPublic,
)
from warehouse_api.services import tenders
from warehouse_api.services.admin import receive_goods
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.dropship import (
    accept_dropship,
    cancel_dropship,
    deliver_dropship,
    list_dropship,
    ship_dropship,
)
from warehouse_api.services.order_returns import mark_refunded_by_channel, returns_of
from warehouse_api.services.pickup_rest import send_rest_of_pickup
from warehouse_api.services.reservations import ship_group_buy_order
from warehouse_api.services.retry import write_with_retry
from warehouse_api.services.sale_records import list_audit, list_sales
from warehouse_api.services.shifts import list_shifts
from warehouse_api.services.transfers import list_transfers, receive_transfer, ship_transfer

router = APIRouter(prefix="/operator", tags=["operator"])
OperatorDevice = Annotated[AuthenticatedDevice, Depends(require_roles("operator", "admin"))]
ERRORS = problem_responses(401, 403, 404, 409, 422)

TransferStatus = Literal["requested", "shipped", "received", "cancelled"]
DropshipStatus = Literal["pending", "accepted", "shipped", "delivered", "cancelled"]


@router.get("/transfers", response_model=list[TransferPublic], responses=ERRORS)
def transfers(
    device: OperatorDevice,
    db: DatabaseDep,
    status: Annotated[TransferStatus | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[TransferPublic]:
    with db.read() as session, session.begin():
        return [responses.transfer(t) for t in list_transfers(session, status, limit)]


@router.get("/shifts", response_model=list[ShiftPublic], responses=ERRORS)
def shifts(
    device: OperatorDevice,
    db: DatabaseDep,
    store: Annotated[str | None, Query(min_length=1, max_length=16)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[ShiftPublic]:
    """Every store's closed shifts (or one store's), newest first: the Z reports' figures."""
    with db.read() as session, session.begin():
        return [responses.shift(s, code) for s, code in list_shifts(session, store, limit)]


@router.get("/sales", response_model=list[SaleRecordPublic], responses=ERRORS)
def sales(
    device: OperatorDevice,
    db: DatabaseDep,
    store: Annotated[str | None, Query(min_length=1, max_length=16)] = None,
    since: Annotated[datetime | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[SaleRecordPublic]:
    """Sales as recorded, newest first: every line's list price, discount and what was
    paid, every payment with its reference and approval code (to check a day against
    the till's screens and its Z report)."""
    with db.read() as session, session.begin():
        return list_sales(session, store, since, limit)


@router.get("/audit", response_model=list[AuditEntryPublic], responses=ERRORS)
def audit(
    device: OperatorDevice,
    db: DatabaseDep,
    store: Annotated[str | None, Query(min_length=1, max_length=16)] = None,
    action: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AuditEntryPublic]:
    """The audited actions the tills sent (approvals, unlocks, closes with operations
    waiting...), newest first."""
    with db.read() as session, session.begin():
        return list_audit(session, store, action, limit)


@router.get(
    "/payments/unknown-tenders", response_model=list[FlaggedPaymentPublic], responses=ERRORS
)
def unknown_tender_payments(
    device: OperatorDevice,
    db: DatabaseDep,
    store: Annotated[str | None, Query(min_length=1, max_length=16)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[FlaggedPaymentPublic]:
    """Payments recorded with a method that names no tender (sales are facts, so they
    were kept), newest sale first: for the back office to look at."""
    with db.read() as session, session.begin():
        return tenders.unknown_tender_payments(session, store, limit)


@router.post("/transfers/{transfer_id}/ship", response_model=TransferPublic, responses=ERRORS)
def ship_a_transfer(
    transfer_id: str, body: OptionalShipmentInfo, device: OperatorDevice, db: DatabaseDep
) -> TransferPublic:
    def work(session: Session) -> TransferPublic:
        transfer = ship_transfer(session, transfer_id, device.id, body.carrier, body.tracking_no)
        return responses.transfer(transfer)

    return write_with_retry(db, work)


@router.post(
    "/reservations/{reservation_id}/send-rest", response_model=TransferPublic, responses=ERRORS
)
def send_rest_of_a_pickup(
    reservation_id: str, device: OperatorDevice, db: DatabaseDep
) -> TransferPublic:
    """A follow-up transfer of what has not reached the store for a ready pickup (a
    transfer received short): held at the warehouse, then shipped and received as usual."""
    del device  # an operator's call; the transfer's ship and receive record the devices
    return write_with_retry(
        db, lambda session: responses.transfer(send_rest_of_pickup(session, reservation_id))
    )


@router.post("/transfers/{transfer_id}/receive", response_model=TransferPublic, responses=ERRORS)
def receive_a_transfer(transfer_id: str, device: OperatorDevice, db: DatabaseDep) -> TransferPublic:
    return write_with_retry(
        db, lambda session: responses.transfer(receive_transfer(session, transfer_id, device.id))
    )


@router.post(
    "/group-buy-orders/{order_id}/ship", response_model=ReservationPublic, responses=ERRORS
)
def ship_group_buy(order_id: str, device: OperatorDevice, db: DatabaseDep) -> ReservationPublic:
    return write_with_retry(
        db,
        lambda session: responses.reservation(ship_group_buy_order(session, order_id, device.id)),
    )


@router.get("/dropship-orders", response_model=list[DropshipPublic], responses=ERRORS)
def dropship_orders(
    device: OperatorDevice,
    db: DatabaseDep,
    status: Annotated[DropshipStatus | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[DropshipPublic]:
    with db.read() as session, session.begin():
        return [responses.dropship(order) for order in list_dropship(session, status, limit)]


@router.post(
    "/dropship-orders/{dropship_id}/accept", response_model=DropshipPublic, responses=ERRORS
)
def accept(dropship_id: str, device: OperatorDevice, db: DatabaseDep) -> DropshipPublic:
    return write_with_retry(
        db, lambda session: responses.dropship(accept_dropship(session, dropship_id))
    )


@router.post("/dropship-orders/{dropship_id}/ship", response_model=DropshipPublic, responses=ERRORS)
def ship(
    dropship_id: str, body: ShipmentInfo, device: OperatorDevice, db: DatabaseDep
) -> DropshipPublic:
    return write_with_retry(
        db,
        lambda session: responses.dropship(
            ship_dropship(session, dropship_id, body.carrier, body.tracking_no, device.id)
        ),
    )


@router.post(
    "/dropship-orders/{dropship_id}/deliver", response_model=DropshipPublic, responses=ERRORS
)
def deliver(dropship_id: str, device: OperatorDevice, db: DatabaseDep) -> DropshipPublic:
    return write_with_retry(
        db, lambda session: responses.dropship(deliver_dropship(session, dropship_id))
    )


@router.post(
    "/dropship-orders/{dropship_id}/cancel", response_model=DropshipPublic, responses=ERRORS
)
def cancel(dropship_id: str, device: OperatorDevice, db: DatabaseDep) -> DropshipPublic:
    def work(session: Session) -> DropshipPublic:
        order = session.get(DropshipOrder, dropship_id)
        if order is None:
            raise NotFound("dropship_order_not_found", f"no dropship order {dropship_id}")
        return responses.dropship(cancel_dropship(session, order))

    return write_with_retry(db, work)


@router.post("/receipts", response_model=list[StockLevelChange], responses=ERRORS)
def receive(body: GoodsReceipt, device: OperatorDevice, db: DatabaseDep) -> list[StockLevelChange]:
    def work(session: Session) -> list[StockLevelChange]:
        return [responses.stock_level(level) for level in receive_goods(session, body, device.id)]

    return write_with_retry(db, work)


@router.get("/stock/needs-count", response_model=list[StockLevelChange], responses=ERRORS)
def stock_needing_a_count(
    device: OperatorDevice,
    db: DatabaseDep,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[StockLevelChange]:
    """Rows a sale drove negative (or below what was held): count them, then push the count."""
    with db.read() as session, session.begin():
        rows = session.scalars(
            select(Stock)
            .where(Stock.needs_count.is_(True))
            .order_by(Stock.location_id, Stock.product_id)
            .limit(limit)
        )
        return [responses.stock_level(row) for row in rows]


@router.get(
    "/dropship-orders/{dropship_id}/returns",
    response_model=OrderReturnsResponse,
    responses=ERRORS,
    summary="Returns of a dropship order taken at stores, and whose the refund is",
)
def dropship_returns(
    dropship_id: str, device: OperatorDevice, db: DatabaseDep
) -> OrderReturnsResponse:
    with db.read() as session, session.begin():
        if session.get(DropshipOrder, dropship_id) is None:
            raise NotFound("dropship_order_not_found", f"no dropship order {dropship_id}")
        return OrderReturnsResponse.model_validate(
            {"returns": returns_of(session, "dropship", dropship_id)}
        )


@router.post(
    "/dropship-orders/{dropship_id}/returns/{return_id}/refund",
    response_model=OrderReturnPublic,
    responses=ERRORS,
    summary="The dropship channel refunded a return left to it (once)",
)
def refund_dropship_return(
    dropship_id: str, return_id: str, device: OperatorDevice, db: DatabaseDep
) -> OrderReturnPublic:
    return write_with_retry(
        db,
        lambda session: OrderReturnPublic.model_validate(
            mark_refunded_by_channel(session, dropship_id, return_id, "dropship")
        ),
    )
