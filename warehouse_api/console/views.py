"""The console's pages and actions, mounted at /console/ by `mount_console`.

Every page needs a signed-in user (GET without one: to the sign-in page; POST: 403);
manager pages check the role; every POST checks the session's CSRF token (403 when
missing or wrong) and writes one audit row through the same unit of work as its action.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta, timezone
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from warehouse_api.config import Settings
from warehouse_api.console import accounts, i18n, work
from warehouse_api.console.accounts import ConsoleIdentity
from warehouse_api.db import Database
from warehouse_api.errors import DomainError
from warehouse_api.models import (
    AuditEntry,
    Barcode,
    Device,
    DropshipOrder,
    Location,
    Product,
    Reservation,
    Stock,
    StockMovement,
    SyncOp,
    Transfer,
    utcnow,
)
from warehouse_api.services import einvoice_upload
from warehouse_api.services.admin import set_price, set_safety_stock
from warehouse_api.services.devices import issue_enrollment_code, revoke_device
from warehouse_api.services.dropship import accept_dropship
from warehouse_api.services.heartbeats import till_health
from warehouse_api.services.pickup_rest import short_pickups
from warehouse_api.services.retry import write_with_retry

HERE = Path(__file__).parent
SESSION_COOKIE = "console_session"
PRE_SESSION_COOKIE = "console_pre"  # double-submit CSRF token of the sign-in form
LANG_COOKIE = "console_lang"
# Taiwan keeps UTC+8 all year; a fixed offset needs no tz database (Windows has none).
TAIPEI = timezone(timedelta(hours=8), "Asia/Taipei")
T = TypeVar("T")

router = APIRouter(prefix="/console", include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))


class NeedSignIn(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


class Refused(Exception):
    """A page or action this user may not have: rendered as an HTML error page."""

    def __init__(self, status: int, message_key: str) -> None:
        self.status = status
        self.message_key = message_key


def _to_sign_in(request: Request, error: NeedSignIn) -> Response:
    return RedirectResponse(
        f"/console/sign-in?{urlencode({'next': error.next_path})}", status_code=303
    )


def _refused(request: Request, error: Refused) -> Response:
    return render(request, "error.html", {"message_key": error.message_key}, error.status)


# ---- plumbing -----------------------------------------------------------------------


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in i18n.LANGUAGES:
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    return cookie if cookie in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def local_time(value: Any) -> str:
    if value is None:
        return ""
    return str(value.astimezone(TAIPEI).strftime("%Y-%m-%d %H:%M"))


def money(cents: int) -> str:
    sign, cents = ("−", -cents) if cents < 0 else ("", cents)
    return sign + (f"NT${cents / 100:,.0f}" if cents % 100 == 0 else f"NT${cents / 100:,.2f}")


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    status: int = 200,
    identity: ConsoleIdentity | None = None,
) -> HTMLResponse:
    lang = language(request)
    identity = identity or getattr(request.state, "console_identity", None)
    page = templates.TemplateResponse(
        request,
        template,
        {
            "t": i18n.translator(lang),
            "lang": lang,
            "user": identity,
            "csrf": identity.csrf_token if identity else "",
            "path": request.url.path,
            "local_time": local_time,
            "age": functools.partial(i18n.age_text, i18n.translator(lang)),
            "money": money,
            "carriers": work.CARRIERS,
            "notice": _notice(request, lang),
            **context,
        },
        status_code=status,
    )
    page.headers["Cache-Control"] = "no-store"
    page.headers["X-Frame-Options"] = "DENY"
    page.headers["Content-Security-Policy"] = (
        "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
    )
    page.headers["Referrer-Policy"] = "same-origin"
    if request.query_params.get("lang") in i18n.LANGUAGES:
        page.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=365 * 86400,
            httponly=True,
            samesite="strict",
            secure=_settings(request).console_cookie_secure,
            path="/console",
        )
    return page


def _notice(request: Request, lang: str) -> str | None:
    """The line a redirect after an action asks for (`?done=`): catalogued texts only."""
    done = request.query_params.get("done")
    if done not in i18n.ZH_HANT:
        return None
    text = i18n.translator(lang)(done)
    ref = request.query_params.get("ref", "")[:64]
    return f"{text}: {ref}" if ref else text


def signed_in(request: Request) -> ConsoleIdentity:
    token = request.cookies.get(SESSION_COOKIE, "")
    with _db(request).read() as session:
        identity = accounts.identify(session, token)
    if identity is None:
        if request.method != "GET":
            raise Refused(403, "Your session has ended. Sign in again.")
        raise NeedSignIn(request.url.path)
    request.state.console_identity = identity
    return identity


User = Annotated[ConsoleIdentity, Depends(signed_in)]


def manager(identity: User) -> ConsoleIdentity:
    if not identity.is_manager:
        raise Refused(403, "This page is for managers.")
    return identity


Manager = Annotated[ConsoleIdentity, Depends(manager)]


@dataclass(frozen=True, slots=True)
class Posted:
    user: ConsoleIdentity
    form: FormData

    def get(self, name: str, default: str = "") -> str:
        value = self.form.get(name)
        return value if isinstance(value, str) else default

    def getlist(self, name: str) -> list[str]:
        return [v for v in self.form.getlist(name) if isinstance(v, str)]


async def _checked_form(request: Request, identity: ConsoleIdentity) -> Posted:
    form = await request.form()
    given = form.get("csrf_token")
    if not accounts.csrf_matches(identity.csrf_token, given if isinstance(given, str) else None):
        raise Refused(
            403,
            "The form was refused (security token missing or wrong). Reload the page and try again.",
        )
    return Posted(identity, form)


async def posted(request: Request, identity: User) -> Posted:
    return await _checked_form(request, identity)


async def posted_by_manager(request: Request, identity: Manager) -> Posted:
    return await _checked_form(request, identity)


Form = Annotated[Posted, Depends(posted)]
ManagerForm = Annotated[Posted, Depends(posted_by_manager)]


def act(
    request: Request,
    user: ConsoleIdentity,
    action: str,
    work_fn: Callable[[Session], T],
    **detail: Any,
) -> T:
    """Run one action and its audit row in one unit of work (retried like the API's)."""

    def unit(session: Session) -> T:
        result = work_fn(session)
        accounts.audit(session, user, action, **detail)
        return result

    return write_with_retry(_db(request), unit)


def done(path: str, key: str, ref: str = "") -> RedirectResponse:
    query = urlencode({"done": key, **({"ref": ref} if ref else {})})
    return RedirectResponse(f"{path}?{query}", status_code=303)


# ---- sign-in and sign-out -----------------------------------------------------------


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/console/") and not value.startswith("//"):
        return value
    return "/console/"


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "/console/") -> Response:
    return _sign_in_form(request, next, None, 200)


def _sign_in_form(request: Request, next_path: str, error: str | None, status: int) -> Response:
    pre = secrets.token_urlsafe(32)
    page = render(
        request,
        "sign_in.html",
        {"pre_csrf": pre, "next": _safe_next(next_path), "error": error},
        status,
    )
    page.set_cookie(
        PRE_SESSION_COOKIE,
        pre,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=_settings(request).console_cookie_secure,
        path="/console",
    )
    return page


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    form = await request.form()
    pre_cookie = request.cookies.get(PRE_SESSION_COOKIE, "")
    given = form.get("csrf_token")
    if not pre_cookie or not accounts.csrf_matches(
        pre_cookie, given if isinstance(given, str) else None
    ):
        raise Refused(
            403,
            "The form was refused (security token missing or wrong). Reload the page and try again.",
        )
    name = str(form.get("name") or "")
    password = str(form.get("password") or "")
    if not work.storable(name, 100) or len(password) > 1024:
        return _sign_in_form(
            request, _safe_next(str(form.get("next") or "")), "Wrong name or password.", 401
        )
    next_path = _safe_next(str(form.get("next") or ""))
    settings = _settings(request)
    lifetime = timedelta(hours=settings.console_session_hours)

    def attempt() -> accounts.SignInResult:
        with _db(request).write() as session:
            return accounts.sign_in(session, name, password, lifetime)

    result = await run_in_threadpool(attempt)
    if result.identity is None or result.token is None:
        key = (
            "This account is locked for 15 minutes after 5 failed attempts."
            if result.locked_until
            else "Wrong name or password."
        )
        return _sign_in_form(request, next_path, key, 401 if not result.locked_until else 423)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        max_age=int(lifetime.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=settings.console_cookie_secure,
        path="/console",
    )
    response.delete_cookie(PRE_SESSION_COOKIE, path="/console")
    return response


@router.post("/sign-out")
def sign_out(request: Request, form: Form) -> Response:
    with _db(request).write() as session:
        accounts.sign_out(session, form.user)
    response = RedirectResponse("/console/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/console")
    return response


# ---- home and work queues -----------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: User) -> Response:
    with _db(request).read() as session:
        counts = {
            "transfers": session.scalar(
                select(func.count()).select_from(Transfer).where(Transfer.status == "requested")
            ),
            "dropship": session.scalar(
                select(func.count())
                .select_from(DropshipOrder)
                .where(DropshipOrder.status.in_(["pending", "accepted"]))
            ),
            "group_buy": session.scalar(
                select(func.count()).select_from(Reservation).where(*_GROUP_BUY_TO_SHIP)
            ),
            "attention": session.scalar(
                select(func.count())
                .select_from(Stock)
                .where(or_(Stock.on_hand < 0, Stock.needs_count.is_(True)))
            ),
        }
    return render(request, "home.html", {"counts": counts})


def _location_names(session: Session) -> dict[int, Location]:
    return {loc.id: loc for loc in session.scalars(select(Location))}


@router.get("/transfers", response_class=HTMLResponse)
def transfers(request: Request, user: User) -> Response:
    with _db(request).read() as session:
        rows = list(
            session.scalars(
                select(Transfer)
                .where(Transfer.status == "requested")
                .order_by(Transfer.created_at, Transfer.id)
                .limit(500)
            )
        )
        found = short_pickups(session)
        wanted = sorted({pid for _pickup, missing in found for pid in missing})
        names: dict[int, str] = {
            row.id: row.name
            for row in session.execute(
                select(Product.id, Product.name).where(Product.id.in_(wanted))
            )
        }
        # Read while the session is open (the template runs after it is closed).
        short = [
            {
                "id": pickup.id,
                "code": pickup.pickup_code or pickup.id,
                "store_id": pickup.store_location_id,
                "customer": pickup.customer_name or "",
                "missing": [(names.get(pid, str(pid)), qty) for pid, qty in missing.items()],
            }
            for pickup, missing in found
        ]
        locations = _location_names(session)
    return render(
        request,
        "transfers.html",
        {"rows": rows, "locations": locations, "short": short},
    )


@router.get("/dropship", response_class=HTMLResponse)
def dropship(request: Request, user: User) -> Response:
    with _db(request).read() as session:
        rows = list(
            session.scalars(
                select(DropshipOrder)
                .where(DropshipOrder.status.in_(["pending", "accepted"]))
                .order_by(DropshipOrder.created_at, DropshipOrder.id)
                .limit(500)
            )
        )
        on_the_way = list(
            session.scalars(
                select(DropshipOrder)
                .where(
                    DropshipOrder.status.in_(["shipped", "delivered"]),
                    DropshipOrder.updated_at >= utcnow() - timedelta(days=14),
                )
                .order_by(DropshipOrder.updated_at.desc(), DropshipOrder.id)
                .limit(200)
            )
        )
        locations = _location_names(session)
        partner_ids = {
            order.id: {
                session.scalar(
                    select(Product.dropship_partner_id).where(Product.id == line.product_id)
                )
                for line in order.lines
            }
            for order in rows
            if locations[order.source_location_id].kind == "warehouse"
        }
    can_pass = {oid for oid, found in partner_ids.items() if len(found) == 1 and None not in found}
    return render(
        request,
        "dropship.html",
        {
            "rows": rows,
            "shipped": on_the_way,
            "locations": locations,
            "can_pass": can_pass,
            "problems": ("wrong_item", "damaged", "lost"),
        },
    )


@router.post("/dropship/{dropship_id}/accept")
def accept(request: Request, dropship_id: str, form: Form) -> Response:
    try:
        act(
            request,
            form.user,
            "dropship.accept",
            lambda s: accept_dropship(s, dropship_id),
            dropship_id=dropship_id,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/dropship", "Accepted", dropship_id)


# Held for the customer; one collected at a store waits in the transfers queue instead.
_GROUP_BUY_TO_SHIP = (
    Reservation.kind == "group_buy",
    Reservation.status == "confirmed",
    Reservation.store_location_id.is_(None),
)


def _group_buy_to_ship(session: Session) -> list[Reservation]:
    return list(
        session.scalars(
            select(Reservation)
            .where(*_GROUP_BUY_TO_SHIP)
            .order_by(Reservation.created_at, Reservation.id)
            .limit(500)
        )
    )


@router.get("/group-buy", response_class=HTMLResponse)
def group_buy(request: Request, user: User) -> Response:
    with _db(request).read() as session:
        rows = _group_buy_to_ship(session)
    return render(request, "group_buy.html", {"rows": rows, "results": None})


@router.post("/group-buy/pick", response_class=HTMLResponse)
def group_buy_wave_pick(request: Request, form: Form) -> Response:
    ids = _order_ids(form)
    with _db(request).read() as session:
        total: dict[int, int] = {}
        orders = []
        for order_id in ids:
            shipment = _load(session, "group_buy", order_id)
            orders.append(shipment)
            for pid, qty in shipment.wanted.items():
                total[pid] = total.get(pid, 0) + qty
        lines = work.pick_lines(session, total)
    return render(request, "pick.html", {"shipments": orders, "lines": lines, "wave": True})


@router.post("/group-buy/ship", response_class=HTMLResponse)
def group_buy_wave_ship(request: Request, form: Form) -> Response:
    """Ship each selected order in its own unit of work: one refused order stops no other."""
    results: list[tuple[str, str | None]] = []
    for order_id in _order_ids(form):
        try:
            act(
                request,
                form.user,
                "group_buy.ship",
                functools.partial(_ship_group_buy, order_id=order_id),
                order_id=order_id,
                wave=True,
            )
            results.append((order_id, None))
        except DomainError as error:
            results.append((order_id, error.detail))
    with _db(request).read() as session:
        rows = _group_buy_to_ship(session)
    return render(request, "group_buy.html", {"rows": rows, "results": results})


def _ship_group_buy(session: Session, order_id: str) -> None:
    work.ship(session, "group_buy", order_id, None, None)


def _order_ids(form: Posted) -> list[str]:
    ids = form.getlist("order_id")
    if len(ids) > 500 or not all(work.storable(order_id) for order_id in ids):
        raise Refused(422, "The form was altered.")
    return list(dict.fromkeys(ids))


def _load(session: Session, kind: str, shipment_id: str) -> work.Shipment:
    try:
        return work.load_shipment(session, kind, shipment_id)
    except DomainError as error:
        raise _domain_refusal(error) from error


def _domain_refusal(error: DomainError) -> Refused:
    return Refused(error.status, error.detail)


@router.get("/pick/{kind}/{shipment_id}", response_class=HTMLResponse)
def pick_list(request: Request, kind: str, shipment_id: str, user: User) -> Response:
    with _db(request).read() as session:
        shipment = _load(session, kind, shipment_id)
    return render(
        request, "pick.html", {"shipments": [shipment], "lines": shipment.lines, "wave": False}
    )


_SHIPPABLE_FROM = {"transfer": "requested", "dropship": "accepted", "group_buy": "confirmed"}


def _pack_page(
    request: Request,
    shipment: work.Shipment,
    scanned: dict[int, int],
    status: int = 200,
    **extra: Any,
) -> Response:
    missing = work.missing_items(shipment, scanned)
    return render(
        request,
        "pack.html",
        {
            "shipment": shipment,
            "scanned": scanned,
            "scanned_text": work.format_scanned(scanned),
            "complete": not missing,
            "shippable": shipment.status == _SHIPPABLE_FROM.get(shipment.kind),
            "error": None,
            "last": None,
            "missing": [],
            "chosen_carrier": "",
            "tracking_no": "",
            **extra,
        },
        status,
    )


@router.get("/pack/{kind}/{shipment_id}", response_class=HTMLResponse)
def pack(request: Request, kind: str, shipment_id: str, user: User) -> Response:
    with _db(request).read() as session:
        shipment = _load(session, kind, shipment_id)
    return _pack_page(request, shipment, {})


@router.post("/pack/{kind}/{shipment_id}/scan", response_class=HTMLResponse)
def pack_scan(request: Request, kind: str, shipment_id: str, form: Form) -> Response:
    with _db(request).read() as session:
        shipment = _load(session, kind, shipment_id)
        try:
            scanned = work.parse_scanned(form.get("scanned"))
        except DomainError as error:
            raise _domain_refusal(error) from error
        outcome = work.scan(session, shipment, scanned, form.get("code"))
    if outcome.problem is not None:
        with _db(request).write() as session:
            accounts.audit(
                session,
                form.user,
                "pack.refused_scan",
                kind=kind,
                shipment_id=shipment_id,
                code=outcome.code[:64],
                problem=outcome.problem,
            )
        return _pack_page(
            request, shipment, outcome.scanned, 422, error=outcome.problem, last=outcome
        )
    return _pack_page(request, shipment, outcome.scanned, last=outcome)


@router.post("/pack/{kind}/{shipment_id}/ship", response_class=HTMLResponse)
def pack_ship(request: Request, kind: str, shipment_id: str, form: Form) -> Response:
    with _db(request).read() as session:
        shipment = _load(session, kind, shipment_id)
    try:
        scanned = work.parse_scanned(form.get("scanned"))
    except DomainError as error:
        raise _domain_refusal(error) from error
    # A refused ship shows the page again with what was chosen and typed.
    kept = {
        "chosen_carrier": form.get("carrier")[:16],
        "tracking_no": work.UNSTORABLE.sub("", form.get("tracking_no")[:64]),
    }
    missing = work.missing_items(shipment, scanned)
    if missing:
        return _pack_page(request, shipment, scanned, 422, error="missing", missing=missing, **kept)
    carrier: str | None = None
    tracking: str | None = None
    try:
        if kind != "group_buy":
            carrier, tracking = work.check_tracking(form.get("carrier"), form.get("tracking_no"))
        act(
            request,
            form.user,
            f"{kind}.ship",
            lambda s: work.ship(s, kind, shipment_id, carrier, tracking),
            shipment_id=shipment_id,
            carrier=carrier,
            tracking_no=tracking,
        )
    except DomainError as error:
        return _pack_page(
            request,
            shipment,
            scanned,
            error.status,
            error="refused",
            refusal=error.detail,
            **kept,
        )
    queue = {
        "transfer": "/console/transfers",
        "dropship": "/console/dropship",
        "group_buy": "/console/group-buy",
    }[kind]
    return done(queue, "Shipped", shipment_id)


# ---- stock --------------------------------------------------------------------------


@router.get("/stock", response_class=HTMLResponse)
def stock(request: Request, user: User, q: str = "") -> Response:
    q = q.strip()[:100]
    products: list[Product] = []
    if q:
        with _db(request).read() as session:
            by_barcode = select(Barcode.product_id).where(Barcode.code == q)
            like = f"%{q.replace('%', '').replace('_', '')}%"
            products = list(
                session.scalars(
                    select(Product)
                    .where(
                        or_(
                            Product.id.in_(by_barcode),
                            Product.sku == q,
                            Product.sku.ilike(like),
                            Product.name.ilike(like),
                        )
                    )
                    .order_by(Product.sku)
                    .limit(100)
                )
            )
    return render(request, "stock.html", {"q": q, "products": products})


@router.get("/stock/attention", response_class=HTMLResponse)
def attention(request: Request, user: User) -> Response:
    with _db(request).read() as session:
        rows = session.execute(
            select(Stock, Product, Location)
            .join(Product, Product.id == Stock.product_id)
            .join(Location, Location.id == Stock.location_id)
            .where(or_(Stock.on_hand < 0, Stock.needs_count.is_(True)))
            .order_by(Location.code, Product.sku)
            .limit(1000)
        ).all()
    return render(request, "attention.html", {"rows": rows})


@router.get("/stock/{product_id}", response_class=HTMLResponse)
def product_stock(request: Request, product_id: int, user: User) -> Response:
    with _db(request).read() as session:
        product = session.get(Product, product_id)
        if product is None:
            raise Refused(404, "No such product.")
        levels = session.execute(
            select(Stock, Location)
            .join(Location, Location.id == Stock.location_id)
            .where(Stock.product_id == product_id)
            .order_by(Location.kind.desc(), Location.code)
        ).all()
        ledger = list(
            session.scalars(
                select(StockMovement)
                .where(StockMovement.product_id == product_id)
                .order_by(StockMovement.id.desc())
                .limit(200)
            )
        )
        locations = _location_names(session)
    return render(
        request,
        "product.html",
        {"product": product, "levels": levels, "ledger": ledger, "locations": locations},
    )


# ---- manager: prices, stores and devices, audit --------------------------------------


@router.post("/stock/{product_id}/price")
def price(request: Request, product_id: int, form: ManagerForm) -> Response:
    text = form.get("price").strip().replace(",", "")
    try:
        cents = round(float(text) * 100)
        if not 0 <= cents <= 2_000_000_000 or text.lower() in ("nan", "inf", "-inf"):
            raise ValueError(text)
    except ValueError as error:
        raise Refused(422, "A price is a number of NT dollars, 0 or more.") from error
    try:
        act(
            request,
            form.user,
            "price.set",
            lambda s: set_price(s, product_id, cents),
            product_id=product_id,
            price_cents=cents,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done(f"/console/stock/{product_id}", "Price saved")


@router.post("/stock/{product_id}/safety-stock")
def safety_stock(request: Request, product_id: int, form: ManagerForm) -> Response:
    location_code = form.get("location_code")
    try:
        units = int(form.get("safety_stock").strip())
        if not 0 <= units <= 1_000_000 or not work.storable(location_code, 16):
            raise ValueError(units)
    except ValueError as error:
        raise Refused(422, "Safety stock is a whole number, 0 or more.") from error
    try:
        act(
            request,
            form.user,
            "safety_stock.set",
            lambda s: set_safety_stock(s, location_code, product_id, units),
            product_id=product_id,
            location=location_code,
            safety_stock=units,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done(f"/console/stock/{product_id}", "Safety stock saved", location_code)


@router.get("/stores", response_class=HTMLResponse)
def stores(request: Request, user: Manager) -> Response:
    with _db(request).read() as session:
        store_rows = list(
            session.scalars(
                select(Location).where(Location.kind == "store").order_by(Location.code)
            )
        )
        devices = list(
            session.scalars(
                select(Device)
                .where(Device.role == "counter")
                .order_by(Device.location_id, Device.id)
            )
        )
        last_seen = dict(
            session.execute(
                select(SyncOp.device_id, func.max(SyncOp.created_at)).group_by(SyncOp.device_id)
            ).all()
        )
        ops = dict(
            session.execute(select(SyncOp.device_id, func.count()).group_by(SyncOp.device_id)).all()
        )
        now = utcnow()
        # Tills holding invoice numbers and silent for 24 hours put the 48-hour upload
        # deadline at risk; documents the platform has not accepted after 24 hours too.
        till_risk = {t.device_id: t for t in einvoice_upload.tills_at_risk(session, now)}
        late_documents = einvoice_upload.documents_at_risk(session, now)
        warn_after = timedelta(minutes=_settings(request).till_waiting_warn_minutes)
        health = till_health(session, warn_after, now)
    by_store: dict[int, list[Device]] = {}
    for device in devices:
        by_store.setdefault(device.location_id or 0, []).append(device)
    code = request.query_params.get("code")
    return render(
        request,
        "stores.html",
        {
            "stores": store_rows,
            "by_store": by_store,
            "last_seen": last_seen,
            "ops": ops,
            "till_risk": till_risk,
            "health": health,
            "warn_minutes": warn_after.total_seconds() / 60,
            "late_invoices": len(late_documents),
            "overdue_invoices": sum(d.overdue for d in late_documents),
            "new_code": code,
            "code_store": request.query_params.get("store"),
        },
    )


@router.post("/stores/{store_code}/enrollment-code", response_class=HTMLResponse)
def new_enrollment_code(request: Request, store_code: str, form: ManagerForm) -> Response:
    ttl = timedelta(hours=_settings(request).enrollment_code_ttl_hours)
    try:
        code = act(
            request,
            form.user,
            "enrollment_code.issue",
            lambda s: issue_enrollment_code(s, store_code, ttl),
            store=store_code,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    # Shown once, on this page; not put in a URL (it would sit in the browser history).
    return render(request, "code.html", {"code": code, "store": store_code})


@router.post("/devices/{device_id}/revoke")
def revoke(request: Request, device_id: int, form: ManagerForm) -> Response:
    try:
        act(
            request,
            form.user,
            "device.revoke",
            lambda s: revoke_device(s, device_id),
            device_id=device_id,
        )
    except DomainError as error:
        raise _domain_refusal(error) from error
    return done("/console/stores", "Token revoked", str(device_id))


@router.get("/audit", response_class=HTMLResponse)
def audit_log(request: Request, user: Manager) -> Response:
    with _db(request).read() as session:
        rows = list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action.like("console.%"))
                .order_by(AuditEntry.created_at.desc())
                .limit(300)
            )
        )
    return render(request, "audit.html", {"rows": rows})
