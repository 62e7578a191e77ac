"""Managers' pages for people and money: console accounts, and every store's shifts.

Accounts: create, deactivate (its sessions end at once) or reactivate, set a new
password, lift a lock-out. Shifts: the closed shifts the tills sent (`shift.close`),
with their Z report's figures, one store's or all.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.console import accounts
from warehouse_api.console.models import CONSOLE_ROLES, ConsoleUser
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
from warehouse_api.models import Location, ShiftClose, Staff, utcnow
from warehouse_api.services.shifts import list_shifts

router = APIRouter(prefix="/console", include_in_schema=False)
SHIFTS_SHOWN = 200


# ---- accounts --------------------------------------------------------------------------


@router.get("/users", response_class=HTMLResponse)
def users(request: Request, user: Manager) -> Response:
    with _db(request).read() as session:
        rows = list(session.scalars(select(ConsoleUser).order_by(ConsoleUser.name)))
    return render(request, "users.html", {"rows": rows, "roles": CONSOLE_ROLES, "now": utcnow()})


@router.post("/users")
def create(request: Request, form: ManagerForm) -> Response:
    name, role, password = form.get("name").strip(), form.get("role"), form.get("password")
    if password != form.get("password_again"):
        raise Refused(422, "The two passwords differ.")

    def work(session: Session) -> int:
        return accounts.create_user(session, name, role, password).id

    try:
        act(request, form.user, "user.add", work, name=name[:100], role=role[:16])
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/users", "Account created", name[:64])


def _change(
    request: Request, form: Any, action: str, user_id: int, work: Any, notice: str
) -> Response:
    try:
        act(request, form.user, action, work, user_id=user_id)
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/users", notice, str(user_id))


@router.post("/users/{user_id}/deactivate")
def deactivate(request: Request, user_id: int, form: ManagerForm) -> Response:
    return _change(
        request,
        form,
        "user.deactivate",
        user_id,
        lambda s: accounts.set_active(s, form.user, user_id, False),
        "Account deactivated",
    )


@router.post("/users/{user_id}/activate")
def activate(request: Request, user_id: int, form: ManagerForm) -> Response:
    return _change(
        request,
        form,
        "user.activate",
        user_id,
        lambda s: accounts.set_active(s, form.user, user_id, True),
        "Account reactivated",
    )


@router.post("/users/{user_id}/password")
def password(request: Request, user_id: int, form: ManagerForm) -> Response:
    new = form.get("password")
    if new != form.get("password_again"):
        raise Refused(422, "The two passwords differ.")
    return _change(
        request,
        form,
        "user.password",
        user_id,
        lambda s: accounts.set_password(s, user_id, new),
        "Password set",
    )


@router.post("/users/{user_id}/unlock")
def unlock(request: Request, user_id: int, form: ManagerForm) -> Response:
    return _change(
        request,
        form,
        "user.unlock",
        user_id,
        lambda s: accounts.unlock(s, user_id),
        "Account unlocked",
    )


# ---- shifts and Z reports --------------------------------------------------------------


def _staff_names(session: Session) -> dict[int, str]:
    return {staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))}


@router.get("/shifts", response_class=HTMLResponse)
def shifts(request: Request, user: Manager, store: str = "") -> Response:
    with _db(request).read() as session:
        stores = list(
            session.scalars(
                select(Location).where(Location.kind == "store").order_by(Location.code)
            )
        )
        if store and store not in {s.code for s in stores}:
            raise Refused(404, "No such store.")
        rows = list_shifts(session, store or None, SHIFTS_SHOWN)
        names = _staff_names(session)
    return render(
        request,
        "shifts.html",
        {"rows": rows, "stores": stores, "store": store, "names": names},
    )


@router.get("/shifts/{shift_id}", response_class=HTMLResponse)
def shift(request: Request, shift_id: str, user: Manager) -> Response:
    with _db(request).read() as session:
        row = session.get(ShiftClose, shift_id)
        if row is None:
            raise Refused(404, "No such shift.")
        location = session.get(Location, row.location_id)
        names = _staff_names(session)
        report: dict[str, Any] = dict(row.report or {})
    counts = _denominations(report)
    return render(
        request,
        "shift.html",
        {
            "row": row,
            "location": location,
            "names": names,
            "counts": counts,
            "tenders": report.get("tenders", []),
        },
    )


def _denominations(report: dict[str, Any]) -> list[tuple[int, int, int]]:
    """(denomination in NT$, pieces at the opening, pieces at the close), largest first."""
    opening = {int(k): int(v) for k, v in (report.get("opening_count") or {}).items()}
    closing = {int(k): int(v) for k, v in (report.get("closing_count") or {}).items()}
    return [
        (value, opening.get(value, 0), closing.get(value, 0))
        for value in sorted(set(opening) | set(closing), reverse=True)
    ]
