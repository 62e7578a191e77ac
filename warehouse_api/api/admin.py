"""Back office: locations, products, barcodes, prices, staff, enrollment codes, tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api import responses
from warehouse_api.api.deps import DatabaseDep, SettingsDep, require_roles
from warehouse_api.models import Device, EnrollmentCode, Location, Product, utcnow
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import (
    BarcodeCreate,
    DevicePublic,
    EnrollmentCodeCreate,
    EnrollmentCodePublic,
    LocationCreate,
    LocationPublic,
    PriceUpdate,
    ProductCreate,
    ProductPublic,
    ProductUpdate,
    SafetyStockUpdate,
    ScorecardPublic,
    StaffCreate,
    StaffPinChange,
    StaffPublic,
    StockLevelChange,
    TenderCreate,
    TenderPublic,
    TokenCreate,
    TokenPublic,
)
from warehouse_api.services import admin, partners, tenders
from warehouse_api.services.devices import (
    AuthenticatedDevice,
    issue_enrollment_code,
    issue_token,
    location_by_code,
    revoke_device,
)
from warehouse_api.services.heartbeats import till_health
from warehouse_api.services.retry import write_with_retry

router = APIRouter(prefix="/admin", tags=["admin"])
IdPath = Annotated[int, Path(ge=1, le=2**31 - 1)]
AdminDevice = Annotated[AuthenticatedDevice, Depends(require_roles("admin"))]
ERRORS = problem_responses(401, 403, 404, 409, 422)


@router.get("/locations", response_model=list[LocationPublic], responses=ERRORS)
def locations(device: AdminDevice, db: DatabaseDep) -> list[LocationPublic]:
    with db.read() as session, session.begin():
        return [
            responses.location(loc)
            for loc in session.scalars(select(Location).order_by(Location.id))
        ]


@router.post("/locations", response_model=LocationPublic, status_code=201, responses=ERRORS)
def create_location(body: LocationCreate, device: AdminDevice, db: DatabaseDep) -> LocationPublic:
    return write_with_retry(
        db, lambda session: responses.location(admin.create_location(session, body))
    )


@router.post("/products", response_model=ProductPublic, status_code=201, responses=ERRORS)
def create_product(body: ProductCreate, device: AdminDevice, db: DatabaseDep) -> ProductPublic:
    return write_with_retry(
        db, lambda session: _product(session, admin.create_product(session, body))
    )


def _product(session: Session, product: Product) -> ProductPublic:
    session.flush()
    session.refresh(product)
    return responses.product(product)


@router.patch("/products/{product_id}", response_model=ProductPublic, responses=ERRORS)
def update_product(
    product_id: IdPath, body: ProductUpdate, device: AdminDevice, db: DatabaseDep
) -> ProductPublic:
    return write_with_retry(
        db, lambda session: _product(session, admin.update_product(session, product_id, body))
    )


@router.put("/products/{product_id}/price", response_model=ProductPublic, responses=ERRORS)
def set_price(
    product_id: IdPath, body: PriceUpdate, device: AdminDevice, db: DatabaseDep
) -> ProductPublic:
    return write_with_retry(
        db,
        lambda session: _product(session, admin.set_price(session, product_id, body.price_cents)),
    )


@router.post("/products/{product_id}/barcodes", response_model=ProductPublic, responses=ERRORS)
def add_barcode(
    product_id: IdPath, body: BarcodeCreate, device: AdminDevice, db: DatabaseDep
) -> ProductPublic:
    return write_with_retry(
        db, lambda session: _product(session, admin.add_barcode(session, product_id, body.code))
    )


@router.delete("/barcodes/{code}", response_model=ProductPublic, responses=ERRORS)
def remove_barcode(code: str, device: AdminDevice, db: DatabaseDep) -> ProductPublic:
    return write_with_retry(
        db, lambda session: _product(session, admin.remove_barcode(session, code))
    )


@router.put(
    "/stock/{location_code}/{product_id}/safety-stock",
    response_model=StockLevelChange,
    responses=ERRORS,
)
def set_safety_stock(
    location_code: str,
    product_id: IdPath,
    body: SafetyStockUpdate,
    device: AdminDevice,
    db: DatabaseDep,
) -> StockLevelChange:
    def work(session: Session) -> StockLevelChange:
        level = admin.set_safety_stock(session, location_code, product_id, body.safety_stock)
        return responses.stock_level(level)

    return write_with_retry(db, work)


@router.post("/staff", response_model=StaffPublic, status_code=201, responses=ERRORS)
def create_staff(body: StaffCreate, device: AdminDevice, db: DatabaseDep) -> StaffPublic:
    return write_with_retry(db, lambda session: responses.staff(admin.create_staff(session, body)))


@router.post("/staff/{staff_id}/pin", response_model=StaffPublic, responses=ERRORS)
def change_staff_pin(
    staff_id: IdPath, body: StaffPinChange, device: AdminDevice, db: DatabaseDep
) -> StaffPublic:
    return write_with_retry(
        db, lambda session: responses.staff(admin.change_pin(session, staff_id, body))
    )


@router.post("/staff/{staff_id}/deactivate", response_model=StaffPublic, responses=ERRORS)
def deactivate_staff(staff_id: IdPath, device: AdminDevice, db: DatabaseDep) -> StaffPublic:
    return write_with_retry(
        db, lambda session: responses.staff(admin.deactivate_staff(session, staff_id))
    )


TenderCodePath = Annotated[str, Path(min_length=1, max_length=16, pattern=r"^[a-z][a-z0-9_]*$")]


@router.get("/tenders", response_model=list[TenderPublic], responses=ERRORS)
def list_tenders(device: AdminDevice, db: DatabaseDep) -> list[TenderPublic]:
    """Every tender, disabled ones too, in the order tills show them."""
    with db.read() as session, session.begin():
        return [responses.tender(t) for t in tenders.list_tenders(session)]


@router.post("/tenders", response_model=TenderPublic, status_code=201, responses=ERRORS)
def create_tender(body: TenderCreate, device: AdminDevice, db: DatabaseDep) -> TenderPublic:
    return write_with_retry(
        db, lambda session: responses.tender(tenders.create_tender(session, body))
    )


@router.post("/tenders/{code}/disable", response_model=TenderPublic, responses=ERRORS)
def disable_tender(code: TenderCodePath, device: AdminDevice, db: DatabaseDep) -> TenderPublic:
    """Tills stop offering it (it stays in the feed, inactive); cash cannot be disabled."""
    return write_with_retry(
        db, lambda session: responses.tender(tenders.set_tender_active(session, code, False))
    )


@router.post("/tenders/{code}/enable", response_model=TenderPublic, responses=ERRORS)
def enable_tender(code: TenderCodePath, device: AdminDevice, db: DatabaseDep) -> TenderPublic:
    return write_with_retry(
        db, lambda session: responses.tender(tenders.set_tender_active(session, code, True))
    )


@router.post(
    "/enrollment-codes", response_model=EnrollmentCodePublic, status_code=201, responses=ERRORS
)
def create_enrollment_code(
    body: EnrollmentCodeCreate, device: AdminDevice, db: DatabaseDep, settings: SettingsDep
) -> EnrollmentCodePublic:
    ttl = timedelta(hours=settings.enrollment_code_ttl_hours)
    with db.write() as session:
        code = issue_enrollment_code(session, body.store_code, ttl)
        session.flush()
        newest = session.scalar(select(EnrollmentCode).order_by(EnrollmentCode.id.desc()).limit(1))
        expires_at = newest.expires_at if newest else utcnow() + ttl
    return EnrollmentCodePublic(code=code, store_code=body.store_code, expires_at=expires_at)


@router.post("/tokens", response_model=TokenPublic, status_code=201, responses=ERRORS)
def create_token(body: TokenCreate, device: AdminDevice, db: DatabaseDep) -> TokenPublic:
    with db.write() as session:
        location_id = (
            location_by_code(session, body.location_code).id if body.location_code else None
        )
        issued = issue_token(session, body.role, location_id, body.name)
    return TokenPublic(token=issued.token, device_id=issued.device_id)


@router.get("/partners/scorecards", response_model=list[ScorecardPublic], responses=ERRORS)
def partner_scorecards(
    device: AdminDevice, db: DatabaseDep, days: Annotated[int, Query(ge=1, le=366)] = 90
) -> list[ScorecardPublic]:
    """Each dropship partner's orders created in the last ``days`` days: shipping times,
    problems, cost per order and returns (the console's partners page)."""
    with db.read() as session, session.begin():
        return [responses.scorecard(card) for card in partners.scorecards(session, days)]


@router.get("/devices", response_model=list[DevicePublic], responses=ERRORS)
def devices(device: AdminDevice, db: DatabaseDep, settings: SettingsDep) -> list[DevicePublic]:
    """Every device; a till with its latest heartbeat (outbox waiting and failed)."""
    warn_after = timedelta(minutes=settings.till_waiting_warn_minutes)
    with db.read() as session, session.begin():
        health = till_health(session, warn_after)
        return [
            responses.device(d).model_copy(
                update={"heartbeat": health[d.id].public() if d.id in health else None}
            )
            for d in session.scalars(select(Device).order_by(Device.id))
        ]


@router.post("/devices/{device_id}/revoke", response_model=DevicePublic, responses=ERRORS)
def revoke(device_id: IdPath, device: AdminDevice, db: DatabaseDep) -> DevicePublic:
    with db.write() as session:
        return responses.device(revoke_device(session, device_id))
