from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api import responses
from warehouse_api.api.deps import DatabaseDep, SettingsDep, require_roles
from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import Reservation
from warehouse_api.problems import answer_for, problem_body, problem_responses
from warehouse_api.schemas import (
    IDEMPOTENCY_KEY_MAX_LENGTH,
    GroupBuyBatchResponse,
    GroupBuyOrderBatch,
    GroupBuyOrderCreate,
    GroupBuyOrderPublic,
    IdempotencyKeyText,
    OrderReturnPublic,
    OrderReturnsResponse,
)
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.group_buy_batch import (
    BatchOutcome,
    batch_order,
    order_digest,
    place_orders,
)
from warehouse_api.services.group_buy_pickup import pickup_store_id, store_code, store_payments
from warehouse_api.services.locations import warehouse_id
from warehouse_api.services.order_returns import mark_refunded_by_channel, returns_of
from warehouse_api.services.reservations import (
    cancel_reservation,
    place_group_buy_order,
    precheck_hold,
    quantities,
)
from warehouse_api.services.retry import write_with_retry

router = APIRouter(prefix="/group-buy", tags=["group-buy"])
GROUP_BUY_ROLES = ("group_buy", "admin")
GroupBuyDevice = Annotated[AuthenticatedDevice, Depends(require_roles(*GROUP_BUY_ROLES))]
IdempotencyKey = Annotated[
    IdempotencyKeyText,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=IDEMPOTENCY_KEY_MAX_LENGTH,
        description="client-chosen key; a replay returns the first answer",
    ),
]


def _public(session: Session, order: Reservation) -> GroupBuyOrderPublic:
    return responses.group_buy_order(
        order, store_code(session, order), store_payments(session, order)
    )


def _check_pay_at_pickup(body: GroupBuyOrderCreate) -> None:
    """An order paid at pickup is collected at a store and says what each unit costs
    there (the amount due), else 422 with a code saying which."""
    if body.pickup_store_code is None:
        raise DomainError(
            "pay_at_pickup_needs_store",
            "an order paid at pickup is collected at a store: give pickup_store_code",
            422,
        )
    unpriced = sorted({line.product_id for line in body.lines if line.unit_price_cents is None})
    if unpriced:
        raise DomainError(
            "pay_at_pickup_needs_prices",
            f"an order paid at pickup gives unit_price_cents on every line (product "
            f"{unpriced[0]} has none): the store charges it",
            422,
            product_ids=unpriced,
        )


def _digest(body: GroupBuyOrderCreate) -> str:
    return order_digest(body.model_dump(mode="json"))


@router.post(
    "/orders",
    response_model=GroupBuyOrderPublic,
    status_code=201,
    responses={
        200: {"model": GroupBuyOrderPublic, "description": "A replay of an earlier request"},
        **problem_responses(401, 403, 409, 413, 422),
    },
    summary="Place a group-buy order holding warehouse stock (idempotent by Idempotency-Key); "
    "with pickup_store_code it is collected at that store",
)
def place_order(
    body: GroupBuyOrderCreate,
    idempotency_key: IdempotencyKey,
    device: GroupBuyDevice,
    db: DatabaseDep,
    settings: SettingsDep,
    response: Response,
) -> GroupBuyOrderPublic:
    replayed, data = place_lone_order(db, settings, device, body, idempotency_key)
    if replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    return data


def place_lone_order(
    db: Database,
    settings: Settings,
    device: AuthenticatedDevice,
    body: GroupBuyOrderCreate,
    idempotency_key: str,
) -> tuple[bool, GroupBuyOrderPublic]:
    """One order on its own: (a replay?, the order); a refusal raises its DomainError."""
    if body.payment == "at_pickup":
        _check_pay_at_pickup(body)
    # A wrong store is the body's fault (422), told before any stock answer.
    store_id = (
        None
        if body.pickup_store_code is None
        else db.lookup(lambda session: pickup_store_id(session, body.pickup_store_code or ""))
    )
    digest = _digest(body)
    key = f"{device.id}:{idempotency_key}"
    wanted = quantities(body.lines)
    # One read before any write: a sold-out product is refused right here (a flash
    # sale's late buyers cost one statement each); a clear order skips the look-ups.
    found = db.lookup(
        lambda session: precheck_hold(
            session,
            warehouse_id(session),
            wanted,
            order_id=body.order_id,
            idempotency_key=key,
        )
    )
    if found.refusal is not None:
        raise found.refusal
    attempts = 0

    def work(session: Session) -> tuple[bool, GroupBuyOrderPublic]:
        nonlocal attempts
        attempts += 1
        if attempts == 1 and found.clear:
            # A taken key or order id now fails UNIQUE; the retry goes the full way.
            order = place_group_buy_order(
                session,
                device,
                body.order_id or str(uuid.uuid4()),
                list(body.lines),
                key,
                digest,
                body.customer_name,
                prechecked=True,
                customer_phone=body.customer_phone,
                store_id=store_id,
                hold_hours=settings.pickup_hold_hours,
                payment=body.payment,
            )
            return False, _public(session, order)
        existing = session.scalar(select(Reservation).where(Reservation.idempotency_key == key))
        if existing is not None:
            if existing.body_sha256 != digest:
                raise DomainError(
                    "idempotency_key_reused", "this Idempotency-Key was used with another body"
                )
            return True, _public(session, existing)
        order_id = body.order_id or str(uuid.uuid4())
        if session.get(Reservation, order_id) is not None:
            raise DomainError("idempotency_key_reused", f"order {order_id} exists already")
        order = place_group_buy_order(
            session,
            device,
            order_id,
            list(body.lines),
            key,
            digest,
            body.customer_name,
            customer_phone=body.customer_phone,
            store_id=store_id,
            hold_hours=settings.pickup_hold_hours,
            payment=body.payment,
        )
        return False, _public(session, order)

    return write_with_retry(db, work)


@router.post(
    "/orders:batch",
    response_model=GroupBuyBatchResponse,
    responses=problem_responses(401, 403, 413, 422),
    summary="Place many group-buy orders at once, each with its own Idempotency-Key and answer",
)
def place_orders_batch(
    body: GroupBuyOrderBatch, device: GroupBuyDevice, db: DatabaseDep
) -> JSONResponse:
    """Each order is answered as `POST /group-buy/orders` would answer it alone, in the
    batch's order (orders earlier in the batch come first); one transaction for all."""
    if any(item.pickup_store_code or item.payment != "online" for item in body.orders):
        raise DomainError(
            "store_pickup_not_batched",
            "an order collected at a store is placed alone, through POST /group-buy/orders",
            422,
        )
    orders = [batch_order(device, item.idempotency_key, item) for item in body.orders]
    outcomes = place_orders(db, device, orders)
    results = [
        _batch_result(item.idempotency_key, outcome)
        for item, outcome in zip(body.orders, outcomes, strict=True)
    ]
    # Built by hand, not through the response model: a batch of 500 orders would spend
    # more time in validation than in the database.
    return JSONResponse({"results": results})


def order_answer(outcome: BatchOutcome) -> Response:
    """A lone order's answer from its batch outcome, as `place_order` gives it: 201 with
    the order, 200 and `Idempotent-Replayed` for a replay, else the problem."""
    if outcome.problem is not None:
        return answer_for(outcome.problem)
    public = GroupBuyOrderPublic.model_validate(outcome.order)
    headers = {"Idempotent-Replayed": "true"} if outcome.status == 200 else None
    return Response(
        public.model_dump_json(),
        status_code=outcome.status,
        media_type="application/json",
        headers=headers,
    )


def _batch_result(idempotency_key: str, outcome: BatchOutcome) -> dict[str, Any]:
    result: dict[str, Any] = {"idempotency_key": idempotency_key, "status": outcome.status}
    if outcome.order is not None:
        result["order"] = outcome.order
    if outcome.problem is not None:
        problem = outcome.problem
        result["problem"] = problem_body(
            problem.status, problem.code, problem.detail, **problem.extra
        )
    return result


def _load_order(session: Session, device: AuthenticatedDevice, order_id: str) -> Reservation:
    order = session.get(Reservation, order_id)
    if (
        order is None
        or order.kind != "group_buy"
        or (device.role == "group_buy" and order.device_id != device.id)
    ):
        raise NotFound("order_not_found", f"no group-buy order {order_id}")
    return order


@router.get(
    "/orders/{order_id}",
    response_model=GroupBuyOrderPublic,
    responses=problem_responses(401, 403, 404),
    summary="The order's status (channel_status: pending, in_transit, ready_for_pickup, "
    "collected, expired, cancelled, shipped) and payment (payment_state: paid_online, "
    "unpaid, part_paid, paid_at_store, with the store sales in store_payments)",
)
def get_order(order_id: str, device: GroupBuyDevice, db: DatabaseDep) -> GroupBuyOrderPublic:
    with db.read() as session, session.begin():
        return _public(session, _load_order(session, device, order_id))


@router.post(
    "/orders/{order_id}/cancel",
    response_model=GroupBuyOrderPublic,
    responses=problem_responses(401, 403, 404, 409),
)
def cancel_order(order_id: str, device: GroupBuyDevice, db: DatabaseDep) -> GroupBuyOrderPublic:
    def work(session: Session) -> GroupBuyOrderPublic:
        order = _load_order(session, device, order_id)
        return _public(session, cancel_reservation(session, order))

    return write_with_retry(db, work)


@router.get(
    "/orders/{order_id}/returns",
    response_model=OrderReturnsResponse,
    responses=problem_responses(401, 403, 404),
    summary="Returns of the order taken at stores, and whose the refund is",
)
def order_returns(order_id: str, device: GroupBuyDevice, db: DatabaseDep) -> OrderReturnsResponse:
    with db.read() as session, session.begin():
        _load_order(session, device, order_id)
        return OrderReturnsResponse.model_validate(
            {"returns": returns_of(session, "group_buy", order_id)}
        )


@router.post(
    "/orders/{order_id}/returns/{return_id}/refund",
    response_model=OrderReturnPublic,
    responses=problem_responses(401, 403, 404, 409),
    summary="The channel refunded a return left to it (once; 409 refund_not_pending after)",
)
def refund_order_return(
    order_id: str, return_id: str, device: GroupBuyDevice, db: DatabaseDep
) -> OrderReturnPublic:
    def work(session: Session) -> OrderReturnPublic:
        _load_order(session, device, order_id)
        return OrderReturnPublic.model_validate(
            mark_refunded_by_channel(session, order_id, return_id)
        )

    return write_with_retry(db, work)
