"""The rest of a short pickup, sent from the console: a pickup's transfer that came in
short leaves the store waiting for units. The transfers page lists those pickups (what
is missing, for which store) with a button that sends the rest on a follow-up transfer
(`services/pickup_rest.py`), which then waits in the same queue to be picked and shipped."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from warehouse_api.console import work
from warehouse_api.console.views import Form, Refused, _domain_refusal, act, done
from warehouse_api.errors import DomainError
from warehouse_api.services.pickup_rest import send_rest_of_pickup

router = APIRouter(prefix="/console", include_in_schema=False)


@router.post("/pickups/{reservation_id}/send-rest")
def send_rest(request: Request, reservation_id: str, form: Form) -> Response:
    if not work.storable(reservation_id):
        raise Refused(404, "No such pickup.")
    try:
        transfer = act(
            request,
            form.user,
            "pickup.send_rest",
            lambda session: send_rest_of_pickup(session, reservation_id).id,
            reservation_id=reservation_id,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/transfers", "The rest is on its way", transfer)
