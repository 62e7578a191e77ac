"""Back-office changes: locations, products, barcodes, prices, safety stock, staff, receipts.

Every change goes through `record_change` (via the publish helpers) so counters see it.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import Barcode, Location, Product, Staff, Stock
from warehouse_api.schemas import (
    GoodsReceipt,
    LocationCreate,
    ProductCreate,
    ProductUpdate,
    StaffCreate,
    StaffPinChange,
)
from warehouse_api.security import hash_pin
from warehouse_api.services.change_feed import record_change
from warehouse_api.services.devices import location_by_code
from warehouse_api.services.feed_data import (
    publish_location,
    publish_product,
    publish_staff,
    publish_stock,
)
from warehouse_api.services.inventory import StockLevel, adjust_stock, ensure_stock_row, read_level
from warehouse_api.services.sales import require_products
from warehouse_api.services.staff_pins import check_pin_for_role


def create_location(session: Session, body: LocationCreate) -> Location:
    if session.scalar(select(Location.id).where(Location.code == body.code)) is not None:
        raise DomainError("location_code_taken", f"location {body.code} exists already")
    location = Location(code=body.code, name=body.name, kind=body.kind)
    session.add(location)
    session.flush()
    publish_location(session, location)
    return location


def _require_partner(session: Session, partner_id: int | None) -> None:
    if partner_id is None:
        return
    kind = session.scalar(select(Location.kind).where(Location.id == partner_id))
    if kind != "partner":
        raise DomainError("not_a_partner", f"location {partner_id} is not a dropship partner", 422)


def _require_free_barcodes(session: Session, codes: list[str]) -> None:
    if len(set(codes)) != len(codes):
        raise DomainError("barcode_taken", "a barcode repeats in the request")
    taken = (
        session.scalar(select(Barcode.code).where(Barcode.code.in_(codes)).limit(1))
        if codes
        else None
    )
    if taken is not None:
        raise DomainError("barcode_taken", f"barcode {taken} belongs to another product")


def create_product(session: Session, body: ProductCreate) -> Product:
    if session.scalar(select(Product.id).where(Product.sku == body.sku)) is not None:
        raise DomainError("sku_taken", f"SKU {body.sku} exists already")
    _require_partner(session, body.dropship_partner_id)
    _require_free_barcodes(session, body.barcodes)
    product = Product(
        sku=body.sku,
        name=body.name,
        category=body.category,
        price_cents=body.price_cents,
        active=True,
        dropship_partner_id=body.dropship_partner_id,
    )
    session.add(product)
    session.flush()
    session.add_all(Barcode(code=code, product_id=product.id) for code in body.barcodes)
    publish_product(session, product)
    return product


def load_product(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound("product_not_found", f"no product {product_id}")
    return product


def update_product(session: Session, product_id: int, body: ProductUpdate) -> Product:
    product = load_product(session, product_id)
    changes = body.model_dump(exclude_unset=True)
    if "dropship_partner_id" in changes:
        _require_partner(session, changes["dropship_partner_id"])
    for field, value in changes.items():
        if value is None and field != "dropship_partner_id":
            continue
        setattr(product, field, value)
    publish_product(session, product)
    return product


def set_price(session: Session, product_id: int, price_cents: int) -> Product:
    product = load_product(session, product_id)
    product.price_cents = price_cents
    publish_product(session, product)
    return product


def add_barcode(session: Session, product_id: int, code: str) -> Product:
    product = load_product(session, product_id)
    _require_free_barcodes(session, [code])
    session.add(Barcode(code=code, product_id=product.id))
    publish_product(session, product)
    return product


def remove_barcode(session: Session, code: str) -> Product:
    barcode = session.get(Barcode, code)
    if barcode is None:
        raise NotFound("barcode_not_found", f"no barcode {code}")
    product = load_product(session, barcode.product_id)
    session.delete(barcode)
    session.flush()
    publish_product(session, product)
    return product


def set_safety_stock(
    session: Session, location_code: str, product_id: int, safety_stock: int
) -> StockLevel:
    location = location_by_code(session, location_code)
    require_products(session, {product_id})
    ensure_stock_row(session, location.id, product_id)
    session.execute(
        update(Stock)
        .where(Stock.location_id == location.id, Stock.product_id == product_id)
        .values(safety_stock=safety_stock)
        .execution_options(synchronize_session=False)
    )
    level = read_level(session, location.id, product_id)
    assert level is not None
    publish_stock(
        session, location.id, product_id, level.on_hand, level.reserved, level.safety_stock
    )
    return level


def receive_goods(session: Session, body: GoodsReceipt, device_id: int) -> list[StockLevel]:
    """Goods in from a supplier (or found): on_hand rises, one ledger row per line."""
    location = location_by_code(session, body.location_code)
    totals: dict[int, int] = {}
    for line in body.lines:
        totals[line.product_id] = totals.get(line.product_id, 0) + line.qty
    require_products(session, set(totals))
    return [
        adjust_stock(
            session,
            location.id,
            product_id,
            on_hand_delta=qty,
            reason="receipt",
            reference=body.reference,
            device_id=device_id,
        )
        for product_id, qty in sorted(totals.items())
    ]


def create_staff(session: Session, body: StaffCreate) -> Staff:
    location = location_by_code(session, body.location_code)
    if location.kind != "store":
        raise DomainError("not_a_store", f"{body.location_code} is not a store", 422)
    check_pin_for_role(body.role, body.pin)
    staff = Staff(
        name=body.name, role=body.role, location_id=location.id, pin_hash=hash_pin(body.pin)
    )
    session.add(staff)
    session.flush()
    publish_staff(session, staff)
    return staff


def change_pin(session: Session, staff_id: int, body: StaffPinChange) -> Staff:
    """A new PIN (the length rule of the member's role); the tills get the new hash down
    the change feed, and the old PIN stops working there at their next pull."""
    staff = session.get(Staff, staff_id, with_for_update=True)
    if staff is None:
        raise NotFound("staff_not_found", f"no staff member {staff_id}")
    if not staff.active:  # publishing it would bring a deactivated member back to the tills
        raise DomainError("staff_inactive", f"staff member {staff_id} is deactivated", 409)
    check_pin_for_role(staff.role, body.pin)
    staff.pin_hash = hash_pin(body.pin)
    session.flush()
    publish_staff(session, staff)
    return staff


def deactivate_staff(session: Session, staff_id: int) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff_not_found", f"no staff member {staff_id}")
    staff.active = False
    # Gone from the counters: a tombstone, so offline sign-in stops working too.
    record_change(session, "staff", staff.id, None, staff.location_id, op="delete")
    return staff
