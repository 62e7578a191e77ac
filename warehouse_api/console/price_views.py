"""One price, for managers: store price overrides and group-buy channel price conflicts,
and the form that marks a conflict deliberate with a note."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from warehouse_api.console.views import (
    Manager,
    ManagerForm,
    Refused,
    _db,
    _domain_refusal,
    act,
    done,
    render,
)
from warehouse_api.errors import DomainError
from warehouse_api.services import price_report

router = APIRouter(prefix="/console", include_in_schema=False)
PERIODS = (7, 30, 91)


@router.get("/prices", response_class=HTMLResponse)
def page(request: Request, user: Manager, days: int = price_report.DEFAULT_DAYS) -> Response:
    if days not in PERIODS:
        raise Refused(422, "Choose 7, 30 or 91 days.")
    with _db(request).read() as session:
        report = price_report.build(session, days)
    return render(request, "prices.html", {"report": report, "periods": PERIODS})


@router.post("/prices/deliberate")
def mark_deliberate(request: Request, form: ManagerForm) -> Response:
    try:
        product_id = int(form.get("product_id"))
        channel_price = int(form.get("channel_price_cents"))
    except ValueError as error:
        raise Refused(422, "The form was altered.") from error
    note = form.get("note").strip()
    if not note or len(note) > price_report.NOTE_MAX_LENGTH:
        raise Refused(422, "Say why in a note of 1 to 200 characters.")
    try:
        act(
            request,
            form.user,
            "price.deliberate",
            lambda session: price_report.mark_deliberate(
                session, product_id, channel_price, note, form.user.name
            ),
            product_id=product_id,
            channel_price_cents=channel_price,
            note=note,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/prices", "Marked deliberate")
