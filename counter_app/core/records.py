"""Plain records the till's storage hands to the services, and takes back from them.

The storage (``counter_app.local``) builds them from its rows and the services
(``counter_app.services``) read them, so neither needs the other's types: the
services never see a SQLAlchemy row, and the storage never imports a service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StaffRecord:
    """A staff member as the change feed sent them, with the salted PIN hash."""

    id: int
    name: str
    role: str
    pin_hash: str


@dataclass(frozen=True, slots=True)
class SaleLineRecord:
    line_id: str
    position: int
    product_id: int
    sku: str
    name: str
    qty: int
    unit_price_cents: int
    line_total_cents: int
    list_price_cents: int | None = None  # None: a sale recorded before discounts existed
    discount_cents: int = 0
    override_reason: str | None = None
    fulfilment: str = "take"  # take | pickup | ship: a reprint groups the lines like the original


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    payment_id: str
    method: str
    amount_cents: int
    tendered_cents: int
    change_cents: int
    reference: str | None = None  # card/mobile transaction reference, voucher number
    approval_code: str | None = None  # a card terminal's approval code


@dataclass(frozen=True, slots=True)
class SaleRecord:
    """One sale in the till's journal: what the receipt shows and the reprint reads back."""

    sale_id: str
    receipt_no: str
    location_id: int
    cashier_id: int
    cashier_name: str
    created_at: str  # ISO 8601 with the store's offset
    total_cents: int
    lines: tuple[SaleLineRecord, ...]
    payments: tuple[PaymentRecord, ...]
    # "till": rung up here; "warehouse": another till's, copied for a return here.
    origin: str = "till"


@dataclass(frozen=True, slots=True)
class SaleSummary:
    receipt_no: str
    created_at: str
    total_cents: int


@dataclass(frozen=True, slots=True)
class FailedOp:
    """An operation the warehouse rejected: it waits for a person to retry or discard it."""

    op_id: str
    type: str
    entity_key: str
    created_at: str
    problem_code: str
    problem_detail: str


@dataclass(frozen=True, slots=True)
class OutboxStats:
    waiting: int
    oldest_created_at: str | None
    failed: int
    # the oldest e-invoice op (issue, void, allowance) not yet accepted, waiting or failed,
    # of a B2C invoice (or one this till does not hold): its deadline is 48 hours
    oldest_invoice_created_at: str | None = None
    # the same of an invoice with a buyer's tax ID (B2B): 7 days
    oldest_b2b_invoice_created_at: str | None = None


@dataclass(frozen=True, slots=True)
class NegativeStockWarning:
    """The warehouse's ``negative_stock`` answer to one of this store's sales, kept by the
    relay, with the product's names and the cached figure pulled since (if any)."""

    product_id: int
    sku: str
    name: str
    on_hand: int  # the warehouse's figure when it warned, below zero
    reported_at: str  # UTC ISO time the warning reached this till
    receipt_no: str  # the sale whose answer carried it
    cached_on_hand: int | None
    cached_received_at: str | None


# --- shifts: the drawer's day at this till -------------------------------------------

Count = tuple[tuple[int, int], ...]
"""A drawer count: (denomination in whole NT$, pieces), for each denomination counted."""


@dataclass(frozen=True, slots=True)
class ShiftRecord:
    """One shift at this till: opened with a counted float, closed with a counted drawer."""

    shift_id: str
    location_id: int
    opened_at: str  # ISO 8601 with offset
    opened_by: int
    opened_by_name: str
    opening_count: Count
    opening_cents: int  # the float counted at the opening
    expected_opening_cents: int | None  # the previous close's counted cash; None: first shift
    closed_at: str | None = None
    closed_by: int | None = None
    closing_count: Count | None = None
    counted_cents: int | None = None
    expected_cents: int | None = None


@dataclass(frozen=True, slots=True)
class CashMovementRecord:
    """Cash put into (``in``) or taken out of (``out``) the drawer without a sale."""

    movement_id: str
    shift_id: str
    at: str
    kind: str  # in | out
    amount_cents: int  # always positive; ``kind`` gives the direction
    reason: str
    staff_id: int


@dataclass(frozen=True, slots=True)
class TenderTotal:
    """One tender's takings in a shift: sales paid with it, refunds paid out with it."""

    method: str
    sales_count: int
    sales_cents: int
    refunds_count: int = 0
    refunds_cents: int = 0


@dataclass(frozen=True, slots=True)
class ReservationRecord:
    """A pickup reservation of this store as the change feed sent it (plus, once the
    till handed it over, when and by whom: the feed says ``picked_up`` later)."""

    reservation_id: str
    kind: str  # pickup | group_buy
    pickup_code: str | None
    status: str  # confirmed | in_transit | ready | picked_up | expired | cancelled | ...
    lines: tuple[tuple[int, int], ...]  # (product_id, qty)
    expires_at: str | None
    updated_at: str
    customer_name: str | None = None
    customer_phone: str | None = None  # this store's: made at any of its tills
    handed_over_at: str | None = None  # set once everything was collected here
    handed_over_by: int | None = None
    # Per line (aligned with ``lines``), as the feed said: what reached the store and what
    # the customer collected; empty from a feed that predates partial pickups.
    arrived: tuple[int, ...] = ()
    collected: tuple[int, ...] = ()
    # (product_id, qty) this till handed over that the warehouse has not acknowledged yet
    collected_here: tuple[tuple[int, int], ...] = ()
    called_at: str | None = None  # a released hold: when staff called the customer
    called_by: int | None = None
    # A group-buy order the customer pays at this desk ("at_pickup"; else "online": paid
    # before), and its lines' prices per unit (product_id, cents).
    payment: str = "online"
    unit_prices: tuple[tuple[int, int], ...] = ()

    @property
    def pays_at_pickup(self) -> bool:
        return self.payment == "at_pickup"

    def price_of(self, product_id: int) -> int:
        """The order's price per unit of a product (0 when the channel gave none)."""
        return dict(self.unit_prices).get(product_id, 0)

    def due_cents(self, taken: Mapping[int, int]) -> int:
        """What a hand-over of ``taken`` (product -> qty) costs at the desk: nothing for an
        order paid before its pickup, else the order's prices times the quantities."""
        if not self.pays_at_pickup:
            return 0
        return sum(qty * self.price_of(pid) for pid, qty in taken.items())

    @property
    def shown_status(self) -> str:
        """``picked_up`` as soon as this till handed it over, before the warehouse says so."""
        return "picked_up" if self.handed_over_at else self.status

    def line_states(self) -> tuple[PickupLineState, ...]:
        """Each line's figures: the warehouse's (from the feed, or the answer to this
        till's last acknowledged hand-over) plus this till's hand-overs not acknowledged yet."""
        here = dict(self.collected_here)
        states = []
        for index, (product_id, qty) in enumerate(self.lines):
            if index < len(self.arrived):
                arrived, collected = self.arrived[index], self.collected[index]
            else:  # an older feed: a ready pickup arrived whole, a picked-up one was collected
                arrived = qty if self.status in ("ready", "picked_up") else 0
                collected = qty if self.status == "picked_up" else 0
            collected += here.get(product_id, 0)
            states.append(PickupLineState(product_id, qty, arrived, min(collected, qty)))
        return tuple(states)


@dataclass(frozen=True, slots=True)
class PickupLineState:
    """One line of a pickup: asked, arrived at the store, collected by the customer."""

    product_id: int
    qty: int
    arrived: int
    collected: int

    @property
    def here(self) -> int:
        """At the store waiting for the customer."""
        return max(self.arrived - self.collected, 0)

    @property
    def to_come(self) -> int:
        """Not at the store yet."""
        return self.qty - max(self.arrived, self.collected)


@dataclass(frozen=True, slots=True)
class ReturnLineRecord:
    """One line of a return: how many of a sale line came back, where they go, what it refunded."""

    sale_line_id: str
    product_id: int
    qty: int
    refund_cents: int
    disposition: str  # restock_here | send_to_warehouse | damaged (the warehouse's words)


@dataclass(frozen=True, slots=True)
class RefundTenderRecord:
    """What one tender refunded in a return, with the refund's reference / approval code."""

    method: str
    amount_cents: int
    reference: str | None = None
    approval_code: str | None = None


@dataclass(frozen=True, slots=True)
class ReturnRecord:
    """A return taken at this till against a sale of its journal. ``method`` is ``cash``
    or ``split`` (the refund went back to other tenders too); ``tenders`` says how much
    each tender refunded."""

    return_id: str
    return_no: str
    sale_id: str
    shift_id: str
    location_id: int
    staff_id: int
    created_at: str  # ISO 8601 with the store's offset
    refund_cents: int
    method: str
    lines: tuple[ReturnLineRecord, ...]
    tenders: tuple[RefundTenderRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class TenderRecord:
    """A tender as the change feed sent it (entity ``tender``)."""

    code: str
    name_zh: str
    name_en: str
    kind: str
    needs_reference: bool
    active: bool
    sort_order: int


@dataclass(frozen=True, slots=True)
class HeldCartRecord:
    """A cart parked at this till: who parked it, when, its total, and the cart itself
    (``data``: core/cart_snapshot.py as JSON)."""

    held_id: str
    location_id: int
    cashier_id: int | None
    cashier_name: str
    held_at: str  # ISO 8601 with offset
    total_cents: int
    line_count: int
    item_count: int
    data: str


@dataclass(frozen=True, slots=True)
class CartVoidRecord:
    """A cart the cashier voided after confirming (counted for the shift's report)."""

    void_id: str
    location_id: int
    shift_id: str | None
    staff_id: int | None
    at: str
    line_count: int
    total_cents: int


@dataclass(frozen=True, slots=True)
class OrderLineRecord:
    """A line of a dropship order or a failed fulfilment: the product, how many, and when
    it was paid at this counter, the sale line and what it paid."""

    product_id: int
    qty: int
    sale_line_id: str | None = None
    paid_cents: int | None = None


@dataclass(frozen=True, slots=True)
class DropshipRecord:
    """A dropship order of this store: made at this till (customer data kept here for as
    long as the order needs it) and kept current by the change feed."""

    dropship_id: str
    status: str  # pending | accepted | shipped | delivered | cancelled | rejected
    source: str  # warehouse | partner
    lines: tuple[OrderLineRecord, ...]
    customer_name: str
    customer_phone: str
    address: str
    delivery: str  # home | cvs
    created_at: str
    updated_at: str
    sale_id: str | None = None
    receipt_no: str | None = None
    carrier: str | None = None
    tracking_no: str | None = None


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """A pickup or ship line the warehouse refused after the customer paid: it stays until
    a person resolves it (another source, a refund, or a supervisor's cancellation)."""

    alert_id: str
    kind: str  # pickup | ship
    order_id: str  # the reservation or dropship id that was refused
    op_id: str
    raised_at: str
    problem_code: str
    problem_detail: str
    lines: tuple[OrderLineRecord, ...]
    customer_name: str
    customer_phone: str
    sale_id: str | None = None
    receipt_no: str | None = None
    address: str | None = None  # ship: where it was to go
    delivery: str | None = None
    resolved_at: str | None = None
    resolution: str | None = None  # resubmitted | refunded | cancelled
    resolved_by: int | None = None
    resolution_ref: str | None = None  # the new order's id, or the return's number

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True, slots=True)
class NoReceiptLineRecord:
    """A product brought back without a receipt, refunded at ``unit_refund_cents`` each."""

    product_id: int
    qty: int
    unit_refund_cents: int
    refund_cents: int
    disposition: str


@dataclass(frozen=True, slots=True)
class NoReceiptReturnRecord:
    """A return without a receipt: approved by a supervisor, counted against a phone."""

    return_id: str
    return_no: str
    shift_id: str
    location_id: int
    staff_id: int
    approved_by: int
    customer_phone: str  # digits
    price_basis: str  # lowest_30_days | list_price
    created_at: str  # ISO 8601 with the store's offset
    refund_cents: int
    method: str
    lines: tuple[NoReceiptLineRecord, ...]


@dataclass(frozen=True, slots=True)
class OrderReturnRecord:
    """A group-buy or dropship order's goods returned at this till; ``refund_cents`` is
    what was paid here in cash (0 when the refund is left to the channel)."""

    return_id: str
    return_no: str
    shift_id: str
    location_id: int
    staff_id: int
    order_kind: str
    order_id: str
    refund_mode: str  # counter | channel
    refund_cents: int
    method: str
    created_at: str
