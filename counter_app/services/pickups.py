"""The pickup desk: this store's reservations as the change feed brought them, and
the hand-over of one by its pickup code, whole or in parts.

The hand-over is offline-first like a sale: one transaction queues the
``pickup.complete`` op for the warehouse and marks the reservation handed over in
the till's mirror, so the desk shows it picked up at once and a second scan of the
same slip is refused, online or not. Only a reservation the feed says is ``ready``
(its goods arrived at this store) can be handed over.

A partial pickup hands over what is here of each line (a transfer received short, or
lines arriving apart): the op names per line what the customer took, the till counts
it in its mirror at once, and the pickup stays ready for the rest until every line is
collected. The warehouse refuses a hand-over of more than it holds at the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from counter_app.core import receipts
from counter_app.core.cart import Cart, CartLine
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice_codes import NO_BUYER, InvoiceBuyer
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.core.ops import ItemLinePayload, PickupCompletePayload, ReservationCreatePayload
from counter_app.core.records import ReservationRecord
from counter_app.core.tenders import TenderedPayment
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.ports import UnitOfWork, UnitOfWorkFactory
from counter_app.services.receipts import ReceiptOutput
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService

# The statuses the desk filters by, in the order a pickup goes through them. ``overdue``
# is a ready pickup past the date it was promised until (never released: the goods are here).
STATUSES = (
    "pending",
    "confirmed",
    "in_transit",
    "ready",
    "overdue",
    "picked_up",
    "expired",
    "cancelled",
)

# Pickups that need their customer's name and phone no longer, kept that many days
# after they finished (as dropship orders: DESIGN section 6).
FINISHED = ("picked_up", "cancelled", "expired", "shipped")
RETENTION_DAYS = 30

# A Taiwan mobile (09 + 8 digits) or a landline with its area code (02-08, 7 or 8 digits after).
_PHONE = re.compile(r"09\d{8}|0[2-8]\d{7,8}")
MAX_QTY = 999


def normalise_phone(text: str) -> str | None:
    """The digits of a Taiwan phone number (spaces, dashes, brackets and a +886 prefix
    allowed), or None when it is not one."""
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("+886"):
        digits = "0" + digits[4:]
    return digits if _PHONE.fullmatch(digits) else None


class PickupError(Exception):
    """A hand-over or reservation refused, by code: ``unknown_code``, ``not_ready``
    (``status`` says where it is), ``already_picked_up``, ``closed`` (expired or
    cancelled); ``nothing_here`` (nothing of it at the store now), ``exceeds_held`` (more
    of a line than is here; ``status`` names the product id) for a hand-over;
    ``bad_phone``, ``bad_qty``, ``no_name`` for a reservation; ``no_code_yet`` for a
    pickup slip of a reservation the warehouse has not confirmed; ``not_on_call_list``
    for a call-list action on a reservation whose hold was not released;
    ``payment_due`` (``status``: the cents) for a hand-over of an order paid at pickup
    without its payment, ``payment_not_due`` for a payment where nothing is to pay,
    ``no_selling`` at a till that cannot record sales."""

    def __init__(self, code: str, pickup_code: str, status: str = "") -> None:
        super().__init__(f"{code}: {pickup_code} {status}".strip())
        self.code = code
        self.pickup_code = pickup_code
        self.status = status


@dataclass(frozen=True, slots=True)
class PickupEntry:
    """A reservation as the desk shows it: its lines named from the cached catalog, and
    its status as of when it was read (``overdue`` needs the clock)."""

    record: ReservationRecord
    lines: tuple[receipts.ItemQty, ...]
    status: str
    names: Mapping[int, str] = field(default_factory=dict)

    @property
    def pickup_code(self) -> str:
        return self.record.pickup_code or ""

    @property
    def channel_order(self) -> str | None:
        """A group-buy order's number at its channel (the warehouse keeps it as the id);
        None for a counter's own reservation."""
        return self.record.reservation_id if self.record.kind == "group_buy" else None

    @property
    def masked_phone(self) -> str:
        return receipts.mask_phone(self.record.customer_phone or "")

    def name_of(self, product_id: int) -> str:
        return self.names.get(product_id, f"#{product_id}")

    @property
    def to_pay(self) -> Money:
        """Paid at pickup: what taking everything here now costs at the desk (nothing for
        an order paid before its pickup)."""
        here = {s.product_id: s.here for s in self.record.line_states() if s.here}
        return Money(self.record.due_cents(here))

    def here(self) -> tuple[receipts.ItemQty, ...]:
        """What is at the store waiting for the customer, by line."""
        return tuple(
            receipts.ItemQty(self.name_of(s.product_id), s.here)
            for s in self.record.line_states()
            if s.here
        )

    def to_come(self) -> tuple[receipts.ItemQty, ...]:
        """What has not reached the store yet, by line."""
        return tuple(
            receipts.ItemQty(self.name_of(s.product_id), s.to_come)
            for s in self.record.line_states()
            if s.to_come
        )


@dataclass(frozen=True, slots=True)
class HandoverPlan:
    """A hand-over about to be made: the pickup, what the customer takes now (product ->
    qty), and what that costs at the desk (nothing for one paid before its pickup)."""

    entry: PickupEntry
    taken: Mapping[int, int]
    due: Money


@dataclass(frozen=True, slots=True)
class Handover:
    entry: PickupEntry  # as it stands after the hand-over
    op_id: str
    handed_over_at: datetime
    handed: tuple[receipts.ItemQty, ...] = ()  # what the customer took now

    @property
    def still_to_come(self) -> tuple[receipts.ItemQty, ...]:
        """Of a partial pickup, what the customer collects later (here or on its way)."""
        return tuple(
            receipts.ItemQty(self.entry.name_of(s.product_id), s.qty - s.collected)
            for s in self.entry.record.line_states()
            if s.qty > s.collected
        )


@dataclass(frozen=True, slots=True)
class PaidHandover:
    """A hand-over of an order paid at pickup and the sale that paid for it."""

    handover: Handover
    sale: CompletedSale


def shown_status(record: ReservationRecord, now: datetime) -> str:
    """The status the desk shows: handed over here counts as picked up; a ready pickup
    past its promised date is overdue."""
    status = record.shown_status
    if status != "ready" or not record.expires_at:
        return status
    promised = datetime.fromisoformat(record.expires_at)
    if promised.tzinfo is None:  # the warehouse's times are UTC
        promised = promised.replace(tzinfo=UTC)
    return "overdue" if promised < now else status


def normalise_code(text: str) -> str:
    return text.strip().upper()


class PickupDeskService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        output: ReceiptOutput | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
        selling: SellingService | None = None,
    ) -> None:
        self._db = db
        self._store = store
        self._output = output
        self._clock = clock
        self._selling = selling  # records the sale of a hand-over paid at the desk

    def entries(self, status: str | None = None, query: str = "") -> list[PickupEntry]:
        """This store's reservations, newest first; ``status`` filters by the status shown,
        ``query`` by pickup code (any part), customer name (any part), the code's last
        digits, a group-buy order's number (any part) or the phone's last digits (three or
        more)."""
        wanted = query.strip().upper()
        with self._db.snapshot() as uow:
            found = [r for r in uow.reservations.all() if _matches(r, wanted)]
            entries = self._named(uow, found)
        return [e for e in entries if status is None or e.status == status]

    def entry(self, reservation_id: str) -> PickupEntry | None:
        with self._db.snapshot() as uow:
            found = [r for r in uow.reservations.all() if r.reservation_id == reservation_id]
            return self._named(uow, found)[0] if found else None

    def find(self, pickup_code: str) -> PickupEntry | None:
        code = normalise_code(pickup_code)
        with self._db.snapshot() as uow:
            record = uow.reservations.by_code(code) if code else None
            return self._named(uow, [record])[0] if record is not None else None

    def hand_over(
        self, pickup_code: str, cashier: StaffMember, lines: Mapping[int, int] | None = None
    ) -> Handover:
        """Hand over the reservation with this code: ``lines`` (product id -> qty) what the
        customer takes now, or None for everything at the store. Refused (``PickupError``)
        unless it is ready, something of it is here, and no line asks more than is here.
        Queues ``pickup.complete`` (naming each line taken) in the same transaction that
        counts the hand-over; the pickup is handed over once every line is collected."""
        code = normalise_code(pickup_code)
        now = self._clock()
        with self._db.transaction() as uow:
            record = _ready(uow, code)
            taken = _taken(record, code, lines)
            due = record.due_cents(taken)
            if due:  # paid at pickup: the tender dialog first (hand_over_paid)
                raise PickupError("payment_due", code, str(due))
            return self._record_handover(uow, record, code, taken, cashier, now)

    def plan(self, pickup_code: str, lines: Mapping[int, int] | None = None) -> HandoverPlan:
        """What a hand-over would take and cost, refused as ``hand_over`` refuses, without
        recording anything: the desk asks for the payment when ``due`` is more than 0."""
        code = normalise_code(pickup_code)
        with self._db.snapshot() as uow:
            record = _ready(uow, code)
            taken = _taken(record, code, lines)
            entry = self._named(uow, [record])[0]
        return HandoverPlan(entry, taken, Money(record.due_cents(taken)))

    def hand_over_paid(
        self,
        pickup_code: str,
        cashier: StaffMember,
        payments: Sequence[TenderedPayment],
        lines: Mapping[int, int] | None = None,
        buyer: InvoiceBuyer = NO_BUYER,
    ) -> PaidHandover:
        """Hand over a group-buy order paid at pickup and take its payment, in one
        transaction: an ordinary sale (``SellingService.record``: the open shift, the
        tenders, the e-invoice, the receipt number) whose lines are ``collect`` lines of
        what the customer takes now at the order's prices, then ``pickup.complete`` naming
        that sale, queued after it. Refused like ``hand_over`` (``payment_not_due`` for
        an order with nothing to pay now); a sale refused (no open shift, payments not
        adding up) records nothing of either."""
        if self._selling is None:
            raise PickupError("no_selling", normalise_code(pickup_code))
        code = normalise_code(pickup_code)
        now = self._clock()
        with self._db.transaction() as uow:
            record = _ready(uow, code)
            taken = _taken(record, code, lines)
            if not record.due_cents(taken):
                raise PickupError("payment_not_due", code)
            products = uow.reservations.products(taken)
            cart = Cart()
            for product_id, qty in sorted(taken.items()):
                known = products.get(product_id)
                name = known.name if known is not None else f"#{product_id}"
                sku = known.sku if known is not None else str(product_id)
                # The order's price is this sale's list price: what the channel sold it for.
                price = Money(record.price_of(product_id))
                cart.lines.append(CartLine(ProductInfo(product_id, sku, name, price), qty))
            sale = self._selling.record(
                uow,
                cart,
                cashier,
                payments,
                buyer,
                now=now,
                sold_from_open_cart=False,
                collects_order_id=record.reservation_id,
            )
            handover = self._record_handover(
                uow, record, code, taken, cashier, now, sale_id=sale.sale_id
            )
        return PaidHandover(handover, sale)

    def _record_handover(
        self,
        uow: UnitOfWork,
        record: ReservationRecord,
        code: str,
        taken: dict[int, int],
        cashier: StaffMember,
        now: datetime,
        sale_id: str | None = None,
    ) -> Handover:
        op_id = uow.outbox.enqueue(
            PickupCompletePayload(
                record.reservation_id,
                code,
                tuple(ItemLinePayload(pid, qty) for pid, qty in sorted(taken.items())),
                sale_id,
            )
        )
        uow.reservations.add_collected(record.reservation_id, taken)
        after = uow.reservations.by_code(code) or record
        if all(s.collected >= s.qty for s in after.line_states()):
            uow.reservations.mark_handed_over(record.reservation_id, cashier.id, now.isoformat())
            after = uow.reservations.by_code(code) or after
        entry = self._named(uow, [after])[0]
        handed = tuple(
            receipts.ItemQty(entry.name_of(pid), qty) for pid, qty in sorted(taken.items())
        )
        return Handover(entry, op_id, now, handed)

    def reserve(
        self, product_id: int, qty: int, customer_name: str, phone: str, cashier: StaffMember
    ) -> PickupEntry:
        """Queue a reservation for pickup at this store (``reservation.create``); it shows
        as pending until the feed brings it back confirmed with its pickup code."""
        del cashier  # the warehouse records the device; kept for the audit trail to come
        name = customer_name.strip()
        if not name or len(name) > 100:
            raise PickupError("no_name", "")
        digits = normalise_phone(phone)
        if digits is None:
            raise PickupError("bad_phone", "")
        if not 1 <= qty <= MAX_QTY:
            raise PickupError("bad_qty", "")
        reservation_id = uuid7()
        record = ReservationRecord(
            reservation_id,
            "pickup",
            None,
            "pending",
            ((product_id, qty),),
            None,
            self._clock().isoformat(),
            customer_name=name,
            customer_phone=digits,
        )
        with self._db.transaction() as uow:
            uow.outbox.enqueue(
                ReservationCreatePayload(
                    reservation_id, (ItemLinePayload(product_id, qty),), name, digits
                )
            )
            uow.reservations.add_pending(record)
            return self._named(uow, [record])[0]

    def forget_old_customers(self, retention_days: int = RETENTION_DAYS) -> int:
        """Drop the customer's name and phone from pickups finished more than
        ``retention_days`` ago (the warehouse blanks its copy the same way); returns how
        many were cleaned."""
        cutoff = self._clock() - timedelta(days=retention_days)
        with self._db.transaction() as uow:
            return uow.reservations.forget_customers(FINISHED, cutoff)

    def print_pickup_slip(self, reservation_id: str) -> str | None:
        """The customer's pickup slip (code as QR and Code 128) through the print queue,
        once the warehouse has given the reservation its code; None without a printer."""
        with self._db.snapshot() as uow:
            found = [r for r in uow.reservations.all() if r.reservation_id == reservation_id]
            if not found or not found[0].pickup_code:
                raise PickupError("no_code_yet", "", found[0].status if found else "")
            entry = self._named(uow, found)[0]
        if self._output is None:
            return None
        return self._output.submit(coded_pickup_slip(self._store, entry))

    def print_handover(
        self, handover: Handover, cashier: StaffMember, paid_by: CompletedSale | None = None
    ) -> str | None:
        """The handover slip through the print queue (with the amount and the receipt of
        the sale that paid it, for an order paid at pickup); None without a printer."""
        if self._output is None:
            return None
        data = receipts.HandoverSlipData(
            store_name=self._store.name,
            pickup_code=handover.entry.pickup_code,
            reservation_id=handover.entry.record.reservation_id,
            cashier_name=cashier.name,
            lines=handover.handed or handover.entry.lines,
            handed_over_at=handover.handed_over_at,
            customer_name=handover.entry.record.customer_name or "",
            still_to_come=handover.still_to_come,
            paid=paid_by.total if paid_by is not None else None,
            paid_receipt_no=paid_by.receipt_no if paid_by is not None else "",
        )
        return self._output.submit(receipts.handover_slip(data))

    def _named(self, uow: UnitOfWork, records: list[ReservationRecord]) -> list[PickupEntry]:
        names = uow.reservations.product_names(pid for r in records for pid, _ in r.lines)
        now = self._clock()
        return [
            PickupEntry(
                r,
                tuple(receipts.ItemQty(names.get(pid, f"#{pid}"), qty) for pid, qty in r.lines),
                shown_status(r, now),
                names,
            )
            for r in records
        ]


def coded_pickup_slip(store: StoreContext, entry: PickupEntry) -> receipts.Document:
    """The customer's pickup slip with its code as QR and Code 128."""
    record = entry.record
    data = receipts.PickupSlipData(
        store_name=store.name,
        pickup_code=entry.pickup_code,
        customer_name=record.customer_name or "",
        phone=record.customer_phone or "",
        lines=entry.lines,
        created_at=datetime.fromisoformat(record.updated_at),
        expires_at=datetime.fromisoformat(record.expires_at) if record.expires_at else None,
    )
    return receipts.pickup_slip(data)


def _ready(uow: UnitOfWork, code: str) -> ReservationRecord:
    """The reservation with this code, if it can be handed over now (else ``PickupError``)."""
    record = uow.reservations.by_code(code) if code else None
    if record is None:
        raise PickupError("unknown_code", code)
    if record.shown_status == "picked_up":
        raise PickupError("already_picked_up", code)
    if record.status in ("expired", "cancelled"):
        raise PickupError("closed", code, record.status)
    if record.status != "ready":
        raise PickupError("not_ready", code, record.status)
    return record


def _taken(record: ReservationRecord, code: str, lines: Mapping[int, int] | None) -> dict[int, int]:
    """Per product, what a hand-over takes: all that is here, or what ``lines`` name
    (refused past what is here of a line)."""
    states = {s.product_id: s for s in record.line_states()}
    if lines is None:
        taken = {pid: s.here for pid, s in states.items() if s.here}
    else:
        taken = {}
        for product_id, qty in lines.items():
            state = states.get(product_id)
            if qty < 0 or qty > (state.here if state is not None else 0):
                raise PickupError("exceeds_held", code, str(product_id))
            if qty:
                taken[product_id] = qty
    if not taken:
        raise PickupError("nothing_here", code)
    return taken


_PHONE_TAIL = re.compile(r"\d{3,10}")


def _matches(record: ReservationRecord, query: str) -> bool:
    if not query:
        return True
    code = (record.pickup_code or "").upper()
    name = (record.customer_name or "").upper()
    order = record.reservation_id.upper() if record.kind == "group_buy" else ""
    if query in code or query in name or query in order:
        return True
    digits = re.sub(r"[\s\-]", "", query)
    phone = record.customer_phone or ""
    return bool(_PHONE_TAIL.fullmatch(digits)) and bool(phone) and phone.endswith(digits)
