"""Dropship partners in the console: their scorecards and terms (managers), and the steps
of a dropship order after the warehouse's own pack-and-ship (everyone): pass an order the
warehouse cannot ship to the product's partner, record the shipment a partner reports,
mark delivered, report a wrong, damaged or lost delivery."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from warehouse_api.console import work
from warehouse_api.console.views import (
    Form,
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
from warehouse_api.services import dropship, partners

router = APIRouter(prefix="/console", include_in_schema=False)
SCORE_PERIODS = (30, 90, 365)


@router.get("/partners", response_class=HTMLResponse)
def scorecards(request: Request, user: Manager, days: int = 90) -> Response:
    if days not in SCORE_PERIODS:
        raise Refused(422, "Choose 30, 90 or 365 days.")
    with _db(request).read() as session:
        cards = partners.scorecards(session, days)
    return render(
        request, "partners.html", {"cards": cards, "days": days, "periods": SCORE_PERIODS}
    )


@router.get("/partners/{code}", response_class=HTMLResponse)
def terms(request: Request, code: str, user: Manager) -> Response:
    with _db(request).read() as session:
        try:
            location = partners.partner(session, code)
        except DomainError as error:
            raise _domain_refusal(error) from error
        rows = partners.terms_of(session, location.id)
    return render(request, "partner.html", {"partner": location, "rows": rows})


@router.post("/partners/{code}/terms/{product_id}")
def save_terms(request: Request, code: str, product_id: int, form: ManagerForm) -> Response:
    try:
        cost = round(float(form.get("cost").strip().replace(",", "")) * 100)
        days = int(form.get("lead_time_days").strip())
    except ValueError as error:
        raise Refused(422, "A cost is a number of NT dollars; a lead time whole days.") from error

    def unit(session: Session) -> None:
        location = partners.partner(session, code)
        partners.set_terms(session, location.id, product_id, cost, days)

    try:
        act(
            request,
            form.user,
            "partner.terms",
            unit,
            partner=code[:16],
            product_id=product_id,
            cost_cents=cost,
            lead_time_days=days,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done(f"/console/partners/{code}", "Terms saved")


# ---- the steps of a dropship order ------------------------------------------------------


@router.post("/dropship/{dropship_id}/pass-to-partner")
def pass_to_partner(request: Request, dropship_id: str, form: Form) -> Response:
    try:
        act(
            request,
            form.user,
            "dropship.pass_to_partner",
            lambda s: dropship.pass_to_partner(s, dropship_id),
            dropship_id=dropship_id,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/dropship", "Passed to the partner", dropship_id)


@router.post("/dropship/{dropship_id}/shipment")
def record_shipment(request: Request, dropship_id: str, form: Form) -> Response:
    """The partner shipped it and told us the carrier and the tracking number."""
    try:
        carrier, tracking = work.check_tracking(form.get("carrier"), form.get("tracking_no"))
        act(
            request,
            form.user,
            "dropship.partner_shipped",
            lambda s: dropship.ship_dropship(s, dropship_id, carrier, tracking, None),
            dropship_id=dropship_id,
            carrier=carrier,
            tracking_no=tracking,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/dropship", "Shipment recorded", dropship_id)


@router.post("/dropship/{dropship_id}/delivered")
def delivered(request: Request, dropship_id: str, form: Form) -> Response:
    try:
        act(
            request,
            form.user,
            "dropship.deliver",
            lambda s: dropship.deliver_dropship(s, dropship_id),
            dropship_id=dropship_id,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/dropship", "Marked delivered", dropship_id)


@router.post("/dropship/{dropship_id}/problem")
def problem(request: Request, dropship_id: str, form: Form) -> Response:
    note = form.get("note")
    if not work.storable(note, 200):
        raise Refused(422, "A note has at most 200 characters and no control characters.")
    kind = form.get("problem")
    try:
        act(
            request,
            form.user,
            "dropship.problem",
            lambda s: dropship.report_problem(s, dropship_id, kind, note),
            dropship_id=dropship_id,
            problem=kind[:16],
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/dropship", "Problem recorded", dropship_id)
