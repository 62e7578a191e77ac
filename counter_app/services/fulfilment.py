"""One cart, three ways to fulfil: take now, pick up later, ship to the customer.

Checkout stays one sale, one payment, one receipt number. In the sale's own transaction
(``SellingService.complete_cash_sale`` calls :meth:`FulfilmentService.place`):

* take lines move this store's shelf stock (as before);
* pickup lines become one ``reservation.create`` (held at the warehouse, sent here by
  transfer) and the pickup desk shows it pending until the warehouse confirms it;
* ship lines become one ``dropship.create`` per source (the warehouse, or each dropship
  partner), listed on the dropship screen.

Each op carries the sale's id and receipt number and, per line, the sale line it fulfils
and what that line paid. Offline they wait in the outbox like the sale; a refusal later
(``insufficient_stock``) raises an alert at the till (services/alerts.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from counter_app.core.cart import Cart, CartLine
from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.fulfilment import Customer, Fulfilment, Mode
from counter_app.core.ids import uuid7
from counter_app.core.ops import DropshipCreatePayload, ItemLinePayload, ReservationCreatePayload
from counter_app.core.records import DropshipRecord, OrderLineRecord, ReservationRecord
from counter_app.core.tw_address import (
    AddressError,
    District,
    HomeAddress,
    ShipTo,
    StorePickup,
    home_address,
    normalise_phone,
    parse_districts,
    store_pickup,
)
from counter_app.resources import resource_path
from counter_app.services.ports import UnitOfWork

MAX_NAME = 100


class FulfilmentError(Exception):
    """A cart the checkout refuses for its fulfilment; ``code``: ``customer_required``
    (pickup or ship lines without a customer), ``ship_to_required`` (ship lines without an
    address or pickup store), ``no_name``; or an ``AddressError`` code for the contact details."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def load_districts() -> dict[str, District]:
    """Taiwan's postal districts, from the table the project ships."""
    path = resource_path("postal", "tw_postal_districts.tsv")
    return parse_districts(path.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class LineSource:
    """Where a cart line's goods come from and how fresh that figure is."""

    mode: Mode
    location_name: str  # this store, the warehouse, the partner (or "" when unknown)
    available: int | None  # None: no figure for it
    live: bool  # True: the warehouse answered just now; False: the cached figure
    age_s: float | None  # age of a cached figure, in seconds (None when live or unknown)

    def covers(self, qty: int) -> bool:
        return self.available is not None and self.available >= qty


def line_source(
    line: CartLine, figures: Sequence[StockFigure], own_location_id: int, live: bool
) -> LineSource:
    """The location a line's fulfilment draws on, from the stock figures of its product:
    this store for take, the warehouse for pickup and warehouse ship, the product's
    partner for partner ship."""
    mode = line.fulfilment.mode
    if mode == "take":
        wanted = [f for f in figures if f.location_id == own_location_id]
    elif mode == "ship" and line.fulfilment.source == "partner":
        wanted = [f for f in figures if f.location_kind == "partner"]
    else:
        wanted = [f for f in figures if f.location_kind == "warehouse"]
    if not wanted:
        return LineSource(mode, "", None, live, None)
    figure = wanted[0]
    return LineSource(
        mode, figure.location_name, figure.available, live, None if live else figure.age_s
    )


@dataclass(frozen=True, slots=True)
class ShipOrder:
    dropship_id: str
    source: str  # warehouse | partner
    lines: tuple[tuple[str, int], ...]  # (name, qty)
    paid_cents: int


@dataclass(frozen=True, slots=True)
class PlacedOrders:
    """What a checkout asked the warehouse for besides the sale."""

    reservation_id: str | None = None
    pickup_lines: tuple[tuple[str, int], ...] = ()  # (name, qty)
    ship_orders: tuple[ShipOrder, ...] = ()
    customer: Customer | None = None

    @property
    def dropship_ids(self) -> tuple[str, ...]:
        return tuple(order.dropship_id for order in self.ship_orders)


@dataclass(slots=True)
class _Group:
    lines: list[OrderLineRecord] = field(default_factory=list)
    named: list[tuple[str, int]] = field(default_factory=list)


class FulfilmentService:
    def __init__(
        self,
        districts: Mapping[str, District] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._districts = districts if districts is not None else load_districts()
        self._clock = clock

    @property
    def districts(self) -> Mapping[str, District]:
        return self._districts

    # --- the customer -------------------------------------------------------------

    def customer(self, name: str, phone: str, ship_to: ShipTo | None = None) -> Customer:
        """Checked contact details; FulfilmentError / AddressError with a code otherwise."""
        clean = " ".join(name.split())
        if not clean or len(clean) > MAX_NAME:
            raise FulfilmentError("no_name", "the customer's name is missing or too long")
        return Customer(clean, normalise_phone(phone), ship_to)

    def home(self, postal_code: str, street: str) -> HomeAddress:
        return home_address(postal_code, street, self._districts)

    def store_pickup(self, chain: str, store_no: str, store_name: str) -> StorePickup:
        return store_pickup(chain, store_no, store_name)

    def district_of(self, postal_code: str) -> District | None:
        code = postal_code.strip()
        return self._districts.get(code[:3]) if len(code) >= 3 else None

    # --- checkout -----------------------------------------------------------------

    def check(self, cart: Cart) -> None:
        """Refuse, before anything is written, a cart whose pickup / ship lines lack what
        they need."""
        if not cart.needs_customer():
            return
        if cart.customer is None:
            raise FulfilmentError("customer_required", "pickup and ship lines need a customer")
        if cart.needs_ship_to() and cart.customer.ship_to is None:
            raise FulfilmentError("ship_to_required", "ship lines need an address or a store")

    def place(
        self,
        uow: UnitOfWork,
        cart: Cart,
        line_ids: Sequence[str],
        sale_id: str,
        receipt_no: str,
        now: datetime,
        paid_cents: Sequence[int] | None = None,
    ) -> PlacedOrders:
        """Queue the reservation and dropship orders of a cart's pickup and ship lines in
        the sale's transaction (``line_ids``: the sale's line ids, in cart order;
        ``paid_cents``: what each line paid, its share of a cart discount off)."""
        self.check(cart)
        customer = cart.customer
        if customer is None or not cart.needs_customer():
            return PlacedOrders()
        pickup = _Group()
        # One dropship order from the warehouse; partner lines one order per product (a
        # partner order ships from that product's partner alone).
        shipping: dict[tuple[str, int], _Group] = defaultdict(_Group)
        pickup_named: list[tuple[str, int]] = []
        paid_each = (
            list(paid_cents) if paid_cents is not None else [x.total.cents for x in cart.lines]
        )
        for line, line_id, line_paid in zip(cart.lines, line_ids, paid_each, strict=True):
            record = OrderLineRecord(line.product.id, line.qty, line_id, line_paid)
            if line.fulfilment.mode == "pickup":
                pickup.lines.append(record)
                pickup_named.append((line.product.name, line.qty))
            elif line.fulfilment.mode == "ship":
                source = line.fulfilment.source
                group = shipping[(source, line.product.id if source == "partner" else 0)]
                group.lines.append(record)
                group.named.append((line.product.name, line.qty))
        at = now.isoformat()
        reservation_id = None
        if pickup.lines:
            reservation_id = uuid7()
            queue_reservation(uow, reservation_id, pickup.lines, customer, at, sale_id, receipt_no)
        ship_orders = []
        for (ship_source, _product), group in sorted(shipping.items()):
            dropship_id = uuid7()
            queue_dropship(
                uow, dropship_id, ship_source, group.lines, customer, at, sale_id, receipt_no
            )
            paid = sum(line.paid_cents or 0 for line in group.lines)
            ship_orders.append(ShipOrder(dropship_id, ship_source, tuple(group.named), paid))
        return PlacedOrders(reservation_id, tuple(pickup_named), tuple(ship_orders), customer)


def _merged(lines: Sequence[OrderLineRecord]) -> list[OrderLineRecord]:
    """One line per product (the warehouse keeps one per product per order)."""
    merged: dict[int, OrderLineRecord] = {}
    for line in lines:
        before = merged.get(line.product_id)
        if before is None:
            merged[line.product_id] = line
        else:
            merged[line.product_id] = OrderLineRecord(
                line.product_id,
                before.qty + line.qty,
                before.sale_line_id,
                (before.paid_cents or 0) + (line.paid_cents or 0)
                if before.paid_cents is not None or line.paid_cents is not None
                else None,
            )
    return list(merged.values())


def _payload_lines(lines: Sequence[OrderLineRecord]) -> tuple[ItemLinePayload, ...]:
    return tuple(
        ItemLinePayload(ln.product_id, ln.qty, ln.sale_line_id, ln.paid_cents)
        for ln in _merged(lines)
    )


def queue_reservation(
    uow: UnitOfWork,
    reservation_id: str,
    lines: Sequence[OrderLineRecord],
    customer: Customer,
    at: str,
    sale_id: str | None = None,
    receipt_no: str | None = None,
) -> None:
    """``reservation.create`` and the desk's pending copy, in the caller's transaction."""
    merged = _merged(lines)
    uow.outbox.enqueue(
        ReservationCreatePayload(
            reservation_id,
            _payload_lines(merged),
            customer.name,
            customer.phone,
            sale_id,
            receipt_no,
        )
    )
    uow.reservations.add_pending(
        ReservationRecord(
            reservation_id,
            "pickup",
            None,
            "pending",
            tuple((ln.product_id, ln.qty) for ln in merged),
            None,
            at,
            customer_name=customer.name,
            customer_phone=customer.phone,
        )
    )


def queue_dropship(
    uow: UnitOfWork,
    dropship_id: str,
    source: str,
    lines: Sequence[OrderLineRecord],
    customer: Customer,
    at: str,
    sale_id: str | None = None,
    receipt_no: str | None = None,
) -> None:
    """``dropship.create`` and the till's pending copy, in the caller's transaction."""
    ship_to = customer.ship_to
    if ship_to is None:
        raise FulfilmentError("ship_to_required", "a dropship order needs an address or a store")
    delivery = ship_to.delivery
    merged = _merged(lines)
    uow.outbox.enqueue(
        DropshipCreatePayload(
            dropship_id,
            source,
            _payload_lines(merged),
            customer.name,
            customer.phone,
            ship_to.text,
            delivery,
            sale_id,
            receipt_no,
        )
    )
    uow.dropships.add(
        DropshipRecord(
            dropship_id=dropship_id,
            status="pending",
            source=source,
            lines=tuple(merged),
            customer_name=customer.name,
            customer_phone=customer.phone,
            address=ship_to.text,
            delivery=delivery,
            created_at=at,
            updated_at=at,
            sale_id=sale_id,
            receipt_no=receipt_no,
        )
    )


def product_line(product: ProductInfo, qty: int) -> OrderLineRecord:
    return OrderLineRecord(product.id, qty)


__all__ = [
    "AddressError",
    "Fulfilment",
    "FulfilmentError",
    "FulfilmentService",
    "LineSource",
    "PlacedOrders",
    "line_source",
    "load_districts",
    "queue_dropship",
    "queue_reservation",
]
