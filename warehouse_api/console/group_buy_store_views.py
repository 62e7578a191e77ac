"""Send a group-buy order to a store for collection (門市提貨) instead of shipping it to
the customer: the console's group-buy queue links each waiting order here; the operator
or manager chooses the store, and the order gets its pickup code and the transfer to
that store (which then waits in the transfers queue like any pickup's)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.console import work
from warehouse_api.console.views import (
    Form,
    Refused,
    User,
    _db,
    _domain_refusal,
    _settings,
    act,
    done,
    render,
)
from warehouse_api.errors import DomainError
from warehouse_api.models import Location, Reservation
from warehouse_api.services.group_buy_pickup import pickup_store_id, send_to_store
from warehouse_api.services.reservations import unused_pickup_code

router = APIRouter(prefix="/console", include_in_schema=False)


def _stores(session: Session) -> list[Location]:
    return list(
        session.scalars(select(Location).where(Location.kind == "store").order_by(Location.code))
    )


def _waiting_order(session: Session, order_id: str) -> Reservation:
    order = session.get(Reservation, order_id) if work.storable(order_id) else None
    if order is None or order.kind != "group_buy":
        raise Refused(404, "No such group-buy order.")
    if order.status != "confirmed" or order.store_location_id is not None:
        raise Refused(409, "This order no longer waits to ship.")
    return order


@router.get("/group-buy/{order_id}/to-store", response_class=HTMLResponse)
def choose_store(request: Request, order_id: str, user: User) -> Response:
    with _db(request).read() as session:
        order = _waiting_order(session, order_id)
        stores = _stores(session)
    return render(request, "group_buy_to_store.html", {"order": order, "stores": stores})


@router.post("/group-buy/{order_id}/to-store")
def send(request: Request, order_id: str, form: Form) -> Response:
    if not work.storable(order_id):
        raise Refused(404, "No such group-buy order.")
    code = form.get("store_code").strip()
    if not code or len(code) > 16:
        raise Refused(422, "Choose a store.")
    hold_hours = _settings(request).pickup_hold_hours

    def unit(session: Session) -> Reservation:
        store_id = pickup_store_id(session, code)
        return send_to_store(session, order_id, store_id, unused_pickup_code(session), hold_hours)

    try:
        act(request, form.user, "group_buy.to_store", unit, order_id=order_id, store_code=code)
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/group-buy", "Sent to the store for collection", order_id)
