"""What the console's work queues need beyond the services: pick lines, packing checks,
carrier formats and one `ship` for the three kinds of shipment.

Shipping itself always goes through warehouse_api.services (the same functions the
operator API calls), so a rule there holds the same way from the console.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import (
    Barcode,
    DropshipOrder,
    Location,
    Product,
    Reservation,
    Transfer,
)
from warehouse_api.services.dropship import ship_dropship
from warehouse_api.services.reservations import quantities, ship_group_buy_order
from warehouse_api.services.transfers import ship_transfer

Kind = Literal["transfer", "dropship", "group_buy"]
KINDS: tuple[Kind, ...] = ("transfer", "dropship", "group_buy")


@dataclass(frozen=True, slots=True)
class Carrier:
    code: str
    label_en: str
    label_zh: str
    pattern: str | None  # the tracking number's format where the carrier publishes one
    example: str


CARRIERS: dict[str, Carrier] = {
    c.code: c
    for c in (
        Carrier("tcat", "T-cat (Black Cat)", "黑貓宅急便", r"\d{12}", "123456789012"),
        Carrier("hct", "HCT Logistics", "新竹物流", r"\d{10}", "1234567890"),
        Carrier("post", "Chunghwa Post", "中華郵政", r"\d{14}|\d{20}", "12345678901234"),
        Carrier("other", "Other carrier", "其他貨運", None, ""),
    )
}
_PRINTABLE_TRACKING = re.compile(r"[A-Za-z0-9-]{1,64}")
# What no database column of ours may hold (PostgreSQL refuses NUL; lone surrogates do not
# encode): form fields are checked with this before they reach a query.
UNSTORABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def storable(text: str, limit: int = 64) -> bool:
    return len(text) <= limit and UNSTORABLE.search(text) is None


def check_tracking(carrier_code: str, tracking_no: str) -> tuple[str, str]:
    """(carrier code, normalized tracking no.) or a DomainError saying what is wrong."""
    carrier = CARRIERS.get(carrier_code)
    if carrier is None:
        raise DomainError("unknown_carrier", f"unknown carrier {carrier_code!r}", 422)
    tracking = tracking_no.strip().replace(" ", "")
    if carrier.pattern is not None and not re.fullmatch(carrier.pattern, tracking):
        raise DomainError(
            "bad_tracking_no",
            f"a {carrier.label_en} tracking number looks like {carrier.example}",
            422,
        )
    if not _PRINTABLE_TRACKING.fullmatch(tracking):
        raise DomainError(
            "bad_tracking_no", "a tracking number is 1-64 letters, digits or dashes", 422
        )
    return carrier.code, tracking


@dataclass(frozen=True, slots=True)
class PickLine:
    product_id: int
    sku: str
    name: str
    category: str
    barcodes: tuple[str, ...]
    qty: int


@dataclass(frozen=True, slots=True)
class Shipment:
    kind: Kind
    id: str
    status: str
    destination: str  # a store's name, or the customer's
    lines: tuple[PickLine, ...]

    @property
    def wanted(self) -> dict[int, int]:
        return {line.product_id: line.qty for line in self.lines}


def pick_lines(session: Session, wanted: dict[int, int]) -> tuple[PickLine, ...]:
    """The lines in walking order: by category (the aisle), then SKU (the shelf)."""
    products = session.scalars(select(Product).where(Product.id.in_(list(wanted))))
    lines = [
        PickLine(p.id, p.sku, p.name, p.category, tuple(b.code for b in p.barcodes), wanted[p.id])
        for p in products
    ]
    return tuple(sorted(lines, key=lambda line: (line.category, line.sku)))


def load_shipment(session: Session, kind: str, shipment_id: str) -> Shipment:
    if kind == "transfer":
        transfer = session.get(Transfer, shipment_id)
        if transfer is None:
            raise NotFound("transfer_not_found", f"no transfer {shipment_id}")
        to = session.get(Location, transfer.to_location_id)
        return Shipment(
            "transfer",
            transfer.id,
            transfer.status,
            f"{to.code} {to.name}" if to else "",
            pick_lines(session, quantities(transfer.lines)),
        )
    if kind == "dropship":
        order = session.get(DropshipOrder, shipment_id)
        if order is None:
            raise NotFound("dropship_order_not_found", f"no dropship order {shipment_id}")
        return Shipment(
            "dropship",
            order.id,
            order.status,
            order.customer_name,
            pick_lines(session, quantities(order.lines)),
        )
    if kind == "group_buy":
        reservation = session.get(Reservation, shipment_id)
        if reservation is None or reservation.kind != "group_buy":
            raise NotFound("order_not_found", f"no group-buy order {shipment_id}")
        return Shipment(
            "group_buy",
            reservation.id,
            reservation.status,
            reservation.customer_name or "",
            pick_lines(session, quantities(reservation.lines)),
        )
    raise NotFound("unknown_kind", f"no kind of shipment {kind!r}")


# Packing: what has been scanned so far travels in the form as "product_id:qty,...";
# the server checks every scan and checks the whole again before shipping.


def parse_scanned(text: str | None) -> dict[int, int]:
    scanned: dict[int, int] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        try:
            product_id, qty = (int(x) for x in part.split(":"))
        except ValueError as error:
            raise DomainError("bad_pack_state", "the packing form was altered", 422) from error
        if qty < 0:
            raise DomainError("bad_pack_state", "the packing form was altered", 422)
        scanned[product_id] = scanned.get(product_id, 0) + qty
    return scanned


def format_scanned(scanned: dict[int, int]) -> str:
    return ",".join(f"{pid}:{qty}" for pid, qty in sorted(scanned.items()) if qty)


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    scanned: dict[int, int]
    problem: str | None  # a catalogue key: "wrong_item", "too_many", "unknown_code"
    product: PickLine | None
    code: str


def scan(session: Session, shipment: Shipment, scanned: dict[int, int], code: str) -> ScanOutcome:
    """One scan: counted when the item belongs to the shipment and is still wanted."""
    code = code.strip()
    if not code or not storable(code):
        return ScanOutcome(scanned, "unknown_code", None, UNSTORABLE.sub("?", code[:64]))
    product_id = session.scalar(select(Barcode.product_id).where(Barcode.code == code))
    if product_id is None:
        product_id = session.scalar(select(Product.id).where(Product.sku == code))
    if product_id is None:
        return ScanOutcome(scanned, "unknown_code", None, code)
    line = next((line for line in shipment.lines if line.product_id == product_id), None)
    if line is None:
        return ScanOutcome(scanned, "wrong_item", None, code)
    if scanned.get(product_id, 0) >= line.qty:
        return ScanOutcome(scanned, "too_many", line, code)
    return ScanOutcome({**scanned, product_id: scanned.get(product_id, 0) + 1}, None, line, code)


def missing_items(shipment: Shipment, scanned: dict[int, int]) -> list[tuple[PickLine, int]]:
    """Lines not fully packed, with how many are missing; extra items count as a mismatch."""
    short = [
        (line, line.qty - scanned.get(line.product_id, 0))
        for line in shipment.lines
        if scanned.get(line.product_id, 0) != line.qty
    ]
    return short


def ship(
    session: Session,
    kind: str,
    shipment_id: str,
    carrier: str | None,
    tracking_no: str | None,
) -> None:
    """Ship through the same service functions the operator API uses."""
    if kind == "transfer":
        ship_transfer(session, shipment_id, None, carrier, tracking_no)
    elif kind == "dropship":
        if carrier is None or tracking_no is None:
            raise DomainError(
                "tracking_required", "a dropship order needs a carrier and tracking no.", 422
            )
        ship_dropship(session, shipment_id, carrier, tracking_no, None)
    elif kind == "group_buy":
        ship_group_buy_order(session, shipment_id, None)
    else:
        raise NotFound("unknown_kind", f"no kind of shipment {kind!r}")
