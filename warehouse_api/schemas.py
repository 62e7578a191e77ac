"""Request and response bodies (pydantic), named by role: XCreate, XPublic, XPayload.

Input models derive from `StrictModel`: no unknown keys, no coercion (`"2"` is not a
quantity, `true` is not 1), no control characters in any string, bounded free-form JSON,
and no value the column behind it cannot hold (tests/unit/server/test_server_schema_limits.py
derives the limits from the SQLAlchemy models, so the two cannot drift apart).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from warehouse_api.validation import (
    check_free_json,
    check_text,
    find_unstorable_in_line,
    parse_timestamp,
)

INT32_MAX = 2**31 - 1
"""The largest value of an `Integer` column (int4 on PostgreSQL)."""
CLIENT_ID_PATTERN = r"^[0-9A-Za-z_.:-]+$"


def client_id(max_length: int = 64) -> StringConstraints:
    return StringConstraints(min_length=1, max_length=max_length, pattern=CLIENT_ID_PATTERN)


ClientId = Annotated[str, client_id()]
# A pickup's transfer is "TR-<reservation_id>" and a return's "TR-RET-<return_id>", both
# in a 64-character column: these ids leave room for the prefix.
ReservationId = Annotated[str, client_id(64 - len("TR-"))]
ReturnId = Annotated[str, client_id(64 - len("TR-RET-"))]
Qty = Annotated[int, Field(gt=0, le=100_000)]
DbId = Annotated[int, Field(ge=1, le=INT32_MAX)]
Cents = Annotated[int, Field(ge=-INT32_MAX, le=INT32_MAX)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
PaymentReference = Annotated[str, StringConstraints(min_length=1, max_length=64)]
ApprovalCode = Annotated[str, StringConstraints(min_length=1, max_length=32)]
TenderCode = Annotated[
    str, StringConstraints(min_length=1, max_length=16, pattern=r"^[a-z][a-z0-9_]*$")
]
EinvoiceNumber = Annotated[
    str, StringConstraints(min_length=10, max_length=10, pattern=r"^[A-Z]{2}[0-9]{8}$")
]
"""An e-invoice number: the two-letter track (字軌) and eight digits."""
EinvoicePeriod = Annotated[
    str, StringConstraints(min_length=5, max_length=5, pattern=r"^[0-9]{3}(02|04|06|08|10|12)$")
]
"""A two-month period: ROC year and its even month (11512 = Nov-Dec 2026)."""
TaxId = Annotated[str, StringConstraints(min_length=8, max_length=8, pattern=r"^[0-9]{8}$")]
CustomerName = Annotated[str, StringConstraints(max_length=100)]
Timestamp = Annotated[AwareDatetime, BeforeValidator(parse_timestamp)]
"""An ISO-8601 string with an offset, 2000-01-01 to 2100-01-01 in UTC (validation.py)."""
OpId = Annotated[UUID, Field(strict=False)]  # JSON has no UUID type: a string is the only form

IDEMPOTENCY_KEY_MAX_LENGTH = 128
"""An Idempotency-Key is stored as "<device id>:<key>" in a 200-character column."""
IdempotencyKeyText = Annotated[str, AfterValidator(check_text)]
# An Idempotency-Key as `POST /group-buy/orders` takes it in its header.
IdempotencyKeyHeader = Annotated[
    IdempotencyKeyText, StringConstraints(min_length=1, max_length=IDEMPOTENCY_KEY_MAX_LENGTH)
]


_TEXTLESS = frozenset({int, bool, float, type(None), UUID, datetime, date})
"""Types a validated field holds that carry no text to check."""


class StrictModel(BaseModel):
    """Every input body: strict types, no unknown keys, storable text, bounded JSON."""

    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        # Runs for every field of every input (30 per sale): a plain string is checked
        # here in one regex search, a number, id or time (no text in it) passes at
        # once, without another call.
        kind = type(value)
        if kind is str and find_unstorable_in_line(value) is None:
            return value
        if kind in _TEXTLESS:
            return value
        if isinstance(value, dict):
            return check_free_json(value)
        return check_text(value)


class LocationPublic(BaseModel):
    id: int
    code: str
    name: str
    kind: Literal["warehouse", "store", "partner"]


class HealthPublic(BaseModel):
    status: Literal["ok"]


class EnrollRequest(StrictModel):
    code: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    device_name: Annotated[str, StringConstraints(min_length=1, max_length=100)]


class EnrollResponse(BaseModel):
    token: str
    device_id: int
    till_no: int = Field(
        description="This till's short number in its store, part of every number it issues"
    )
    location: LocationPublic


class DeviceSelf(BaseModel):
    """The calling device as the warehouse knows it (GET /devices/me)."""

    id: int
    name: str
    role: str
    till_no: int | None = Field(description="A counter's short number in its store; else null")
    location: LocationPublic | None


MAX_OUTBOX_OPS = 10_000_000
"""More operations than a till's outbox could ever hold: a count above it is a bug."""
MAX_WAITING_AGE_S = 366 * 24 * 3600
"""A year: an older waiting operation is a wrong clock, not a slow link."""


class HeartbeatRequest(StrictModel):
    """A till's outbox and versions, sent every minute (POST /devices/heartbeat)."""

    outbox_waiting: Annotated[int, Field(ge=0, le=MAX_OUTBOX_OPS)] = Field(
        description="operations not yet acknowledged (ready or in flight)"
    )
    outbox_failed: Annotated[int, Field(ge=0, le=MAX_OUTBOX_OPS)] = Field(
        description="operations the warehouse rejected, waiting for a person to retry or discard"
    )
    oldest_waiting_age_s: Annotated[int, Field(ge=0, le=MAX_WAITING_AGE_S)] | None = Field(
        default=None,
        description="seconds since the oldest waiting operation was made; null when none waits",
    )
    app_version: Annotated[
        str, StringConstraints(min_length=1, max_length=32, pattern=r"^[0-9A-Za-z.+_-]+$")
    ]
    local_schema: Annotated[int, Field(ge=0, le=100_000)] = Field(
        description="the till's local database schema version (PRAGMA user_version)"
    )
    pull_cursor: Annotated[int, Field(ge=0, le=2**62)] | None = Field(
        default=None, description="the cursor of the till's last applied pull page"
    )

    @model_validator(mode="after")
    def _age_with_waiting(self) -> HeartbeatRequest:
        if (self.outbox_waiting > 0) != (self.oldest_waiting_age_s is not None):
            raise ValueError(
                "oldest_waiting_age_s is given exactly when outbox_waiting is more than 0"
            )
        return self


class HeartbeatPublic(BaseModel):
    """A till's latest heartbeat as the warehouse keeps it."""

    received_at: datetime
    outbox_waiting: int
    outbox_failed: int
    oldest_waiting_since: datetime | None = Field(
        description="when the oldest waiting operation was made (the warehouse's clock)"
    )
    oldest_waiting_age_s: int | None = Field(description="its age now, in seconds")
    app_version: str
    local_schema: int
    pull_cursor: int | None
    sync_lag: int | None = Field(description="the newest change's number minus the till's cursor")
    attention: bool = Field(
        description="failed operations, or the oldest waiting one older than the threshold"
    )


# ----- change feed -----


class Change(BaseModel):
    seq: int
    entity: str
    op: Literal["upsert", "delete"]
    id: str
    data: dict[str, Any] | None


class PullResponse(BaseModel):
    changes: list[Change]
    cursor: int
    has_more: bool
    reset: bool


# ----- push op payloads -----


class SaleLinePayload(StrictModel):
    line_id: ClientId
    product_id: DbId
    qty: Qty
    unit_price_cents: Cents  # charged per unit: the list price or an override
    line_total_cents: Cents  # paid: unit_price * qty - discount
    # Discounts: absent on sales from tills before them (then list price = unit price).
    list_price_cents: Annotated[int, Field(ge=0, le=INT32_MAX)] | None = None
    discount_cents: Annotated[int, Field(ge=0, le=INT32_MAX)] = 0
    override_reason: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    # take: from this store's shelf (moves its stock); pickup / ship: paid here, fulfilled
    # by the reservation / dropship order carrying this sale's id (no store stock moves);
    # collect: pays for units of the group-buy order `collects_order_id` that its pickup
    # hand-over takes (the held units leave with pickup.complete, not with the sale).
    fulfilment: Literal["take", "pickup", "ship", "collect"] = "take"

    @model_validator(mode="after")
    def _discount_adds_up(self) -> SaleLinePayload:
        if self.list_price_cents is None and not self.discount_cents and not self.override_reason:
            return self  # a sale from before discounts: stored as it came
        charged = self.unit_price_cents * self.qty
        if self.discount_cents > charged:
            raise ValueError("discount_cents is more than the line's charged amount")
        if self.line_total_cents != charged - self.discount_cents:
            raise ValueError("line_total_cents must be unit_price_cents * qty - discount_cents")
        if (
            self.list_price_cents is not None
            and self.unit_price_cents != self.list_price_cents
            and not self.override_reason
        ):
            raise ValueError("a unit price other than the list price needs an override_reason")
        return self


class PaymentPayload(StrictModel):
    payment_id: ClientId
    method: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    amount_cents: Cents
    tendered_cents: Cents | None = None
    change_cents: Cents | None = None
    # A card or mobile payment's transaction reference, a voucher's number; a card
    # terminal's approval code. Never a card number (refused: card_number_in_reference).
    reference: PaymentReference | None = None
    approval_code: ApprovalCode | None = None


class SalePayload(StrictModel):
    sale_id: ClientId
    receipt_no: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    cashier_id: DbId | None = None
    created_at: Timestamp
    total_cents: Cents
    lines: Annotated[list[SaleLinePayload], Field(min_length=1, max_length=1000)]
    payments: Annotated[list[PaymentPayload], Field(max_length=20)] = []
    # A sale paying at the store for a group-buy order's hand-over: the order its collect
    # lines are (the pickup.complete naming this sale links the two).
    collects_order_id: ReservationId | None = None

    @model_validator(mode="after")
    def _collect_lines_name_their_order(self) -> SalePayload:
        collects = any(line.fulfilment == "collect" for line in self.lines)
        if collects != (self.collects_order_id is not None):
            raise ValueError(
                "collect lines need collects_order_id, and collects_order_id a collect line"
            )
        return self

    @model_validator(mode="after")
    def _discounted_lines_add_up(self) -> SalePayload:
        # A till that sends discounts sends a total that is the sum of what the lines paid.
        if any(
            line.list_price_cents is not None for line in self.lines
        ) and self.total_cents != sum(line.line_total_cents for line in self.lines):
            raise ValueError("total_cents must be the sum of the lines' line_total_cents")
        return self


class ItemLine(StrictModel):
    product_id: DbId
    qty: Qty


ItemLines = Annotated[list[ItemLine], Field(min_length=1, max_length=200)]
Phone = Annotated[str, StringConstraints(max_length=32)]
TaiwanPhone = Annotated[
    str, StringConstraints(max_length=10, pattern=r"^(09[0-9]{8}|0[2-8][0-9]{7,8})$")
]
ReceiptNo = Annotated[str, StringConstraints(min_length=1, max_length=40)]


class LinkedItemLine(StrictModel):
    """A line of a reservation or dropship order; when it was paid at a counter, the
    sale line it fulfils and the amount paid for it."""

    product_id: DbId
    qty: Qty
    sale_line_id: ClientId | None = None
    paid_cents: Annotated[int, Field(ge=0, le=INT32_MAX)] | None = None


LinkedItemLines = Annotated[list[LinkedItemLine], Field(min_length=1, max_length=200)]


class ReturnLinePayload(StrictModel):
    product_id: DbId
    qty: Qty
    # not_fulfilled: a pickup or ship line refunded before its goods reached anyone
    # (nothing comes back, no stock moves)
    disposition: Literal["restock_here", "send_to_warehouse", "damaged", "not_fulfilled"]
    reason: ShortText | None = None  # damaged goods: why they are written off


class NoReceiptInfo(StrictModel):
    """A return without a receipt: whose phone it counts against (digits), the supervisor
    who approved it, and how the refund was priced."""

    customer_phone: Annotated[
        str, StringConstraints(min_length=8, max_length=32, pattern=r"^[0-9]+$")
    ]
    approved_by: DbId
    price_basis: Literal["lowest_30_days", "list_price"]


class RefundTenderPayload(StrictModel):
    """What one tender refunds in a return; a card or mobile refund's reference and
    approval code (never a card number: card_number_in_reference)."""

    method: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    amount_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]
    reference: PaymentReference | None = None
    approval_code: ApprovalCode | None = None


class ReturnPayload(StrictModel):
    return_id: ReturnId
    sale_id: ClientId | None = None
    refund_cents: Annotated[int, Field(ge=0, le=INT32_MAX)] = 0
    lines: Annotated[list[ReturnLinePayload], Field(min_length=1, max_length=200)]
    no_receipt: NoReceiptInfo | None = None
    exchange_sale_id: ClientId | None = None
    # The refund per tender, adding up to refund_cents (a till that sends none refunded
    # everything in cash).
    tenders: Annotated[list[RefundTenderPayload], Field(max_length=20)] = []

    @model_validator(mode="after")
    def _receipt_or_not(self) -> ReturnPayload:
        if self.no_receipt is not None and self.sale_id is not None:
            raise ValueError("a return names its sale or is without a receipt, not both")
        if self.tenders and sum(t.amount_cents for t in self.tenders) != self.refund_cents:
            raise ValueError("the tenders' amounts must add up to refund_cents")
        if len({t.method for t in self.tenders}) != len(self.tenders):
            raise ValueError("each tender appears once in a refund")
        return self


class OrderReturnPayload(StrictModel):
    """Goods of a group-buy or dropship order returned at this store (``order.return``)."""

    return_id: ReturnId
    order_kind: Literal["group_buy", "dropship"]
    order_id: ClientId
    refund_mode: Literal["counter", "channel"]
    refund_cents: Annotated[int, Field(ge=0, le=INT32_MAX)] = 0
    lines: Annotated[list[ReturnLinePayload], Field(min_length=1, max_length=200)]

    @model_validator(mode="after")
    def _channel_pays_nothing_here(self) -> OrderReturnPayload:
        if self.refund_mode == "channel" and self.refund_cents != 0:
            raise ValueError("a refund left to the channel pays nothing at the counter")
        return self


class ReservationCreatePayload(StrictModel):
    reservation_id: ReservationId
    lines: LinkedItemLines
    customer_name: CustomerName | None = None
    customer_phone: Phone | None = None
    sale_id: ClientId | None = None
    receipt_no: ReceiptNo | None = None


class ReservationCancelPayload(StrictModel):
    reservation_id: ClientId
    reason: ShortText | None = None


class ReceivedLine(StrictModel):
    """What a store counted of one product on receipt (0: none of it arrived)."""

    product_id: DbId
    qty: Annotated[int, Field(ge=0, le=10**6)]


class TransferReceivePayload(StrictModel):
    transfer_id: ClientId
    # The store's scan count, one line per product it counted or expected. Without it
    # (an older till) the transfer is received as shipped.
    lines: Annotated[list[ReceivedLine], Field(min_length=1, max_length=200)] | None = None


class TransferRequestPayload(StrictModel):
    """A store asks the warehouse for goods (replenishment)."""

    transfer_id: ClientId
    lines: ItemLines
    reason: ShortText | None = None


class PickupCompletePayload(StrictModel):
    reservation_id: ClientId | None = None
    pickup_code: Annotated[str, StringConstraints(min_length=1, max_length=16)] | None = None
    # What the customer takes now, per product (a partial pickup); none: all held here.
    lines: ItemLines | None = None
    # An order paid at pickup: the store sale (pushed before) whose collect lines pay for
    # exactly what this hand-over takes.
    sale_id: ClientId | None = None


class DropshipCreatePayload(StrictModel):
    dropship_id: ClientId
    source: Literal["warehouse", "partner"] = "warehouse"
    lines: LinkedItemLines
    customer_name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    customer_phone: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    address: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    sale_id: ClientId | None = None
    receipt_no: ReceiptNo | None = None
    delivery: Literal["home", "cvs"] = "home"  # a home address, or a convenience-store pickup


class DropshipCancelPayload(StrictModel):
    dropship_id: ClientId
    reason: ShortText | None = None


class CountLine(StrictModel):
    product_id: DbId
    expected_on_hand: Annotated[int, Field(ge=-(10**6), le=10**6)]
    counted: Annotated[int, Field(ge=0, le=10**6)]


class StockCountPayload(StrictModel):
    count_id: ClientId
    lines: Annotated[list[CountLine], Field(min_length=1, max_length=1000)]


class ShiftClosePayload(StrictModel):
    """A till's closed shift. The figures are optional so an older till's report (the
    free ``report`` alone) is still accepted; a till that sends them sends them all."""

    shift_id: ClientId
    staff_id: DbId | None = None
    opened_by: DbId | None = None
    opened_at: Timestamp | None = None
    closed_at: Timestamp
    opening_cents: Cents | None = None
    expected_opening_cents: Cents | None = None
    cash_sales_cents: Cents | None = None
    cash_refunds_cents: Cents | None = None
    cash_in_cents: Cents | None = None
    cash_out_cents: Cents | None = None
    expected_cents: Cents | None = None
    counted_cents: Cents | None = None
    difference_cents: Cents | None = None
    sale_count: Annotated[int, Field(ge=0, le=INT32_MAX)] | None = None
    unsynced_ops: Annotated[int, Field(ge=0, le=INT32_MAX)] = 0
    report: dict[str, Any] = {}


class AuditPayload(StrictModel):
    audit_id: ClientId
    staff_id: DbId | None = None
    action: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    detail: dict[str, Any] = {}
    created_at: Timestamp


class EinvoiceIssuePayload(StrictModel):
    """The invoice a till issued with a sale (type ``einvoice.issue``), sent after the sale."""

    sale_id: ClientId
    number: EinvoiceNumber
    random_code: Annotated[
        str, StringConstraints(min_length=4, max_length=4, pattern=r"^[0-9]{4}$")
    ]
    period: EinvoicePeriod
    issued_at: Timestamp
    sales_amount_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]
    tax_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]
    total_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]
    seller_id: TaxId
    buyer_id: TaxId | None = None
    carrier_type: Literal["3J0002", "CQ0001"] | None = None
    carrier_id: Annotated[str, StringConstraints(min_length=8, max_length=16)] | None = None
    donation_code: (
        Annotated[str, StringConstraints(min_length=3, max_length=7, pattern=r"^[0-9]{3,7}$")]
        | None
    ) = None
    # A replacement (重開): the invoice of the same sale that the return ``return_id``
    # voided in the same period; this one covers what the customer kept.
    replaces: EinvoiceNumber | None = None
    return_id: ClientId | None = None


class EinvoiceVoidPayload(StrictModel):
    """作廢: the invoice of a sale returned in full within the invoice's period."""

    number: EinvoiceNumber
    voided_at: Timestamp
    reason: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    return_id: ClientId | None = None


class EinvoiceAllowancePayload(StrictModel):
    """折讓: a return after the invoice's period (or a partial one), linked to the invoice."""

    allowance_no: Annotated[
        str, StringConstraints(min_length=1, max_length=16, pattern=r"^[0-9A-Za-z-]+$")
    ]
    number: EinvoiceNumber
    return_id: ClientId
    issued_at: Timestamp
    sales_amount_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]
    tax_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]
    total_cents: Annotated[int, Field(ge=1, le=INT32_MAX)]


class EinvoiceAllowanceVoidPayload(StrictModel):
    """作廢折讓: an allowance withdrawn (a return taken in error, reversed by a supervisor);
    the allowance no longer reduces its invoice and its G0501 is owed."""

    allowance_no: Annotated[
        str, StringConstraints(min_length=1, max_length=16, pattern=r"^[0-9A-Za-z-]+$")
    ]
    voided_at: Timestamp
    reason: Annotated[str, StringConstraints(min_length=1, max_length=20)]


class OpBase(StrictModel):
    op_id: OpId
    created_at: Timestamp | None = None


class SaleOp(OpBase):
    type: Literal["sale"]
    payload: SalePayload


class ReturnOp(OpBase):
    type: Literal["return"]
    payload: ReturnPayload


class OrderReturnOp(OpBase):
    type: Literal["order.return"]
    payload: OrderReturnPayload


class ReservationCreateOp(OpBase):
    type: Literal["reservation.create"]
    payload: ReservationCreatePayload


class ReservationCancelOp(OpBase):
    type: Literal["reservation.cancel"]
    payload: ReservationCancelPayload


class TransferReceiveOp(OpBase):
    type: Literal["transfer.receive"]
    payload: TransferReceivePayload


class TransferRequestOp(OpBase):
    type: Literal["transfer.request"]
    payload: TransferRequestPayload


class PickupCompleteOp(OpBase):
    type: Literal["pickup.complete"]
    payload: PickupCompletePayload


class DropshipCreateOp(OpBase):
    type: Literal["dropship.create"]
    payload: DropshipCreatePayload


class DropshipCancelOp(OpBase):
    type: Literal["dropship.cancel"]
    payload: DropshipCancelPayload


class StockCountOp(OpBase):
    type: Literal["stock_count"]
    payload: StockCountPayload


class ShiftCloseOp(OpBase):
    type: Literal["shift.close"]
    payload: ShiftClosePayload


class AuditOp(OpBase):
    type: Literal["audit"]
    payload: AuditPayload


class EinvoiceIssueOp(OpBase):
    type: Literal["einvoice.issue"]
    payload: EinvoiceIssuePayload


class EinvoiceVoidOp(OpBase):
    type: Literal["einvoice.void"]
    payload: EinvoiceVoidPayload


class EinvoiceAllowanceOp(OpBase):
    type: Literal["einvoice.allowance"]
    payload: EinvoiceAllowancePayload


class EinvoiceAllowanceVoidOp(OpBase):
    type: Literal["einvoice.allowance_void"]
    payload: EinvoiceAllowanceVoidPayload


PushOp = Annotated[
    SaleOp
    | ReturnOp
    | OrderReturnOp
    | ReservationCreateOp
    | ReservationCancelOp
    | TransferReceiveOp
    | TransferRequestOp
    | PickupCompleteOp
    | DropshipCreateOp
    | DropshipCancelOp
    | StockCountOp
    | ShiftCloseOp
    | AuditOp
    | EinvoiceIssueOp
    | EinvoiceVoidOp
    | EinvoiceAllowanceOp
    | EinvoiceAllowanceVoidOp,
    Field(discriminator="type"),
]


class PushRequest(StrictModel):
    ops: Annotated[list[PushOp], Field(max_length=500)]


class OpResult(BaseModel):
    op_id: str
    status: Literal["applied", "duplicate", "rejected"]
    result: dict[str, Any] | None = None
    problem: dict[str, Any] | None = None


class PushResponse(BaseModel):
    results: list[OpResult]


# ----- stock -----


class ProductPublic(BaseModel):
    id: int
    sku: str
    name: str
    category: str
    price_cents: int
    active: bool
    barcodes: list[str]
    dropship_partner_id: DbId | None


class StockLevelPublic(BaseModel):
    location_id: int
    location_code: str
    location_name: str
    kind: str
    on_hand: int
    reserved: int
    available: int


class StockResponse(BaseModel):
    product: ProductPublic
    levels: list[StockLevelPublic]
    as_of: datetime


# ----- returns: finding a sale, the no-receipt limit -----


class SaleLookupLine(BaseModel):
    line_id: str
    product_id: int
    sku: str
    name: str
    qty: int
    unit_price_cents: int
    line_total_cents: int
    returned: int  # already returned (the product's returns given to its lines in order)


class SaleLookupPayment(BaseModel):
    method: str
    amount_cents: int


class SaleLookupAllowance(BaseModel):
    allowance_no: str
    total_cents: int
    voided: bool = False  # a voided allowance (G0501) no longer reduces the invoice


class SaleLookupEinvoice(BaseModel):
    """The sale's e-invoice, for a return at another till to void or reduce it: the live
    one (the last replacement, wherever it was issued), else the last voided."""

    number: str
    period: str
    random_code: str
    issued_at: datetime
    sales_amount_cents: int
    tax_cents: int
    total_cents: int
    seller_id: str
    buyer_id: str | None
    # Where it went (a replacement issued at another till goes to the same place).
    carrier_type: str | None = None
    carrier_id: str | None = None
    donation_code: str | None = None
    voided: bool
    allowances: list[SaleLookupAllowance]  # against this invoice, voided ones too
    replaces: str | None = None  # the invoice it replaced (重開), if any
    # Every voided invoice of the sale: a till tells from them that an invoice it issued
    # (a replacement) was voided and replaced at another till since.
    voided_numbers: list[str] = []


class SaleLookup(BaseModel):
    sale_id: str
    receipt_no: str
    location_id: int
    location_code: str
    location_name: str
    created_at: datetime
    total_cents: int
    refunded_cents: int
    return_ids: list[str]  # the returns counted in ``returned`` and ``refunded_cents``
    refunded_by_tender: dict[str, int] = {}  # what those returns refunded, per tender
    lines: list[SaleLookupLine]
    payments: list[SaleLookupPayment]
    einvoice: SaleLookupEinvoice | None = None  # None: the sale has no e-invoice (yet)


class SaleSearchHit(BaseModel):
    sale_id: str
    receipt_no: str
    created_at: datetime
    total_cents: int
    customer_phone_tail: str | None  # the last 3 digits only, when the sale has a phone


class SaleSearchResponse(BaseModel):
    sales: list[SaleSearchHit]


class OrderLookupLine(BaseModel):
    product_id: int
    sku: str
    name: str
    price_cents: int  # the product's list price now (orders carry no prices)
    qty: int
    returned: int


class OrderReturnPublic(BaseModel):
    return_id: str
    location_id: int
    refund_cents: int
    refund_state: str
    created_at: datetime
    refunded_at: datetime | None
    lines: list[OrderLinePublic]


class OrderLookup(BaseModel):
    order_kind: str
    order_id: str
    status: str
    customer_phone_tail: str | None
    lines: list[OrderLookupLine]
    returns: list[OrderReturnPublic]


class OrderReturnsResponse(BaseModel):
    returns: list[OrderReturnPublic]


class NoReceiptUsage(BaseModel):
    used: int
    limit: int
    period_days: int


# ----- orders -----


class OrderLinePublic(BaseModel):
    product_id: DbId
    qty: int
    # Reservation and dropship lines paid at a counter: the sale line and the amount paid.
    sale_line_id: str | None = None
    paid_cents: int | None = None


class ReservationLinePublic(OrderLinePublic):
    # A pickup's line: what reached the store for it and what the customer collected.
    arrived_qty: int = 0
    collected_qty: int = 0
    # A group-buy order's line: the channel's price per unit (what a customer paying at
    # pickup pays for each unit); None when the channel sent none.
    unit_price_cents: int | None = None


class ReservationPublic(BaseModel):
    reservation_id: str
    kind: Literal["pickup", "group_buy"]
    pickup_code: str | None
    status: str
    source_location_id: int
    store_location_id: int | None
    lines: list[ReservationLinePublic]
    expires_at: str | None
    sale_id: str | None
    receipt_no: str | None = None
    updated_at: str
    # online: paid before the pickup; at_pickup: paid at the store's desk, hand-over by
    # hand-over. amount_due_cents: at_pickup, the whole order's price (fixed when placed);
    # paid_cents: at_pickup, what the store took so far (every collected unit is paid).
    payment: Literal["online", "at_pickup"] = "online"
    amount_due_cents: int | None = None
    paid_cents: int | None = None


class TransferLinePublic(BaseModel):
    product_id: DbId
    qty: int
    received_qty: int | None = None  # what the store counted; qty - received_qty is short


class TransferPublic(BaseModel):
    transfer_id: str
    status: str
    from_location_id: int
    to_location_id: int
    reservation_id: str | None
    carrier: str | None
    tracking_no: str | None
    reason: str | None = None
    lines: list[TransferLinePublic]


class ShiftPublic(BaseModel):
    """A store's closed shift as a manager reads it (``GET /operator/shifts``)."""

    shift_id: str
    location_id: int
    location_code: str
    staff_id: int | None
    opened_by: int | None
    opened_at: datetime | None
    closed_at: datetime
    opening_cents: int | None
    expected_opening_cents: int | None
    cash_sales_cents: int | None
    cash_refunds_cents: int | None
    cash_in_cents: int | None
    cash_out_cents: int | None
    expected_cents: int | None
    counted_cents: int | None
    difference_cents: int | None
    sale_count: int | None
    unsynced_ops: int
    report: dict[str, Any]


class DropshipPublic(BaseModel):
    dropship_id: str
    status: str
    store_location_id: int
    source_location_id: int
    carrier: str | None
    tracking_no: str | None
    sale_id: str | None
    receipt_no: str | None = None
    delivery: Literal["home", "cvs"] = "home"
    lines: list[OrderLinePublic]
    updated_at: str


class GroupBuyLine(ItemLine):
    """A group-buy order line; `unit_price_cents`: what the channel sells one unit for
    (the price report compares it with the catalogue's store price)."""

    unit_price_cents: Annotated[int, Field(ge=0, le=INT32_MAX)] | None = None


LocationCode = Annotated[
    str, StringConstraints(min_length=1, max_length=16, pattern=r"^[A-Z0-9_-]+$")
]


class GroupBuyOrderCreate(StrictModel):
    order_id: ReservationId | None = None
    lines: Annotated[list[GroupBuyLine], Field(min_length=1, max_length=200)]
    customer_name: CustomerName | None = None
    # The customer's phone, digits only: a Taiwan mobile (09 + 8 digits) or a landline with
    # its area code. A store's desk finds the order by its last digits and calls it when
    # the hold runs out; blanked with the name after the retention period.
    customer_phone: TaiwanPhone | None = None
    # Collected at this store instead of shipped to the customer (線上團購門市提貨).
    pickup_store_code: LocationCode | None = None
    # online: paid through the channel; at_pickup: the customer pays at the store's desk
    # (needs pickup_store_code and a unit_price_cents on every line: the amount due).
    payment: Literal["online", "at_pickup"] = "online"

    @model_validator(mode="after")
    def _one_price_per_product(self) -> GroupBuyOrderCreate:
        prices: dict[int, int | None] = {}
        for line in self.lines:
            if prices.setdefault(line.product_id, line.unit_price_cents) != line.unit_price_cents:
                raise ValueError(
                    f"product {line.product_id} is on two lines with different unit prices"
                )
        return self

    @property
    def amount_due_cents(self) -> int:
        """Paid at pickup: what the customer pays at the store (prices times quantities)."""
        return sum(line.qty * (line.unit_price_cents or 0) for line in self.lines)

    @model_validator(mode="after")
    def _amount_due_fits(self) -> GroupBuyOrderCreate:
        # The order's amount due is an Integer column, as every amount.
        if self.payment == "at_pickup" and self.amount_due_cents > INT32_MAX:
            raise ValueError(f"the amount due at pickup is more than {INT32_MAX} cents")
        return self


class StorePaymentPublic(BaseModel):
    """A store sale that paid for a hand-over of an order paid at pickup."""

    sale_id: str
    receipt_no: str
    store_code: str
    amount_cents: int
    paid_at: datetime


class GroupBuyOrderPublic(ReservationPublic):
    """A group-buy order as its channel reads it: the store it is collected at, if any,
    and its status in the channel's words (pending, in_transit, ready_for_pickup,
    collected, expired, cancelled; shipped for one sent to the customer)."""

    pickup_store_code: str | None = None
    channel_status: str
    # paid_online, or for an order paid at pickup: unpaid, part_paid (a partial pickup
    # paid for what was taken), paid_at_store (every unit collected and paid).
    payment_state: Literal["paid_online", "unpaid", "part_paid", "paid_at_store"] = "paid_online"
    store_payments: list[StorePaymentPublic] = []


GROUP_BUY_BATCH_MAX_ORDERS = 500


class GroupBuyBatchOrder(GroupBuyOrderCreate):
    """One order forwarded in a batch: the body of `POST /group-buy/orders` plus the
    Idempotency-Key that route takes as a header."""

    idempotency_key: IdempotencyKeyHeader


class GroupBuyOrderBatch(StrictModel):
    orders: Annotated[
        list[GroupBuyBatchOrder], Field(min_length=1, max_length=GROUP_BUY_BATCH_MAX_ORDERS)
    ]


class GroupBuyBatchResult(BaseModel):
    """`status`: 201 placed, 200 a replay (`order` is the earlier order), else the status
    `POST /group-buy/orders` would have answered, with its problem in `problem`."""

    idempotency_key: str
    status: int
    order: ReservationPublic | None = None
    problem: dict[str, Any] | None = None


class GroupBuyBatchResponse(BaseModel):
    results: list[GroupBuyBatchResult]


class ShipmentInfo(StrictModel):
    carrier: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    tracking_no: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class OptionalShipmentInfo(StrictModel):
    carrier: Annotated[str, StringConstraints(max_length=50)] | None = None
    tracking_no: Annotated[str, StringConstraints(max_length=64)] | None = None


class GoodsReceipt(StrictModel):
    location_code: Annotated[str, StringConstraints(min_length=1, max_length=16)]
    reference: Annotated[str, StringConstraints(max_length=64)] | None = None
    lines: ItemLines


class StockLevelChange(BaseModel):
    location_id: int
    product_id: DbId
    on_hand: int
    reserved: int
    safety_stock: int
    available: int


# ----- admin -----

BarcodeText = Annotated[
    str, StringConstraints(min_length=6, max_length=32, pattern=r"^[0-9A-Za-z]+$")
]


class LocationCreate(StrictModel):
    code: LocationCode
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    kind: Literal["warehouse", "store", "partner"]


class ProductCreate(StrictModel):
    sku: Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[0-9A-Za-z_-]+$")]
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    category: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    price_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]
    barcodes: Annotated[list[BarcodeText], Field(max_length=20)] = []
    dropship_partner_id: DbId | None = None


class ProductUpdate(StrictModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    category: Annotated[str, StringConstraints(min_length=1, max_length=50)] | None = None
    active: bool | None = None
    dropship_partner_id: DbId | None = None


class PriceUpdate(StrictModel):
    price_cents: Annotated[int, Field(ge=0, le=INT32_MAX)]


class BarcodeCreate(StrictModel):
    code: BarcodeText


class SafetyStockUpdate(StrictModel):
    safety_stock: Annotated[int, Field(ge=0, le=10**6)]


PinText = Annotated[str, StringConstraints(min_length=4, max_length=12, pattern=r"^[0-9]+$")]


class StaffCreate(StrictModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    role: Literal["cashier", "supervisor", "manager"]
    location_code: LocationCode
    pin: PinText  # supervisors and managers: 6 digits at least (services/staff_pins.py)


class StaffPinChange(StrictModel):
    pin: PinText


class StaffPublic(BaseModel):
    id: int
    name: str
    role: str
    location_id: int
    active: bool


class TenderCreate(StrictModel):
    code: TenderCode
    name_zh: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    name_en: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    # Cash is the one tender of kind cash (only cash moves the drawer): new ones are not.
    kind: Literal["card", "mobile", "voucher"]
    needs_reference: bool = True
    sort_order: Annotated[int, Field(ge=0, le=10_000)] = 100


class TenderPublic(BaseModel):
    code: str
    name_zh: str
    name_en: str
    kind: str
    needs_reference: bool
    active: bool
    sort_order: int


class SaleRecordLine(BaseModel):
    """A line of a sale as the warehouse keeps it: list price, what was charged, the
    discount and what was paid (``GET /operator/sales``)."""

    line_id: str
    product_id: int
    sku: str
    qty: int
    list_price_cents: int | None  # None: a sale sent before discounts existed
    unit_price_cents: int  # charged: the list price or an override
    discount_cents: int
    line_total_cents: int  # paid, after every discount
    override_reason: str | None
    fulfilment: str


class SaleRecordPayment(BaseModel):
    payment_id: str
    method: str
    amount_cents: int
    tendered_cents: int | None
    change_cents: int | None
    reference: str | None
    approval_code: str | None
    unknown_tender: bool


class SaleRecordPublic(BaseModel):
    """A sale as the warehouse recorded it, for a manager to check against the till."""

    sale_id: str
    receipt_no: str
    location_code: str
    device_id: int | None
    cashier_id: int | None
    created_at: datetime
    received_at: datetime
    total_cents: int
    lines: list[SaleRecordLine]
    payments: list[SaleRecordPayment]


class AuditEntryPublic(BaseModel):
    """An audited action a till sent (an approval, an unlock, a close with operations
    waiting...), ``GET /operator/audit``."""

    audit_id: str
    location_code: str | None
    device_id: int | None
    staff_id: int | None
    action: str
    detail: dict[str, Any]
    created_at: datetime


class FlaggedPaymentPublic(BaseModel):
    """A payment whose method names no tender (recorded as sent, flagged)."""

    payment_id: str
    sale_id: str
    receipt_no: str
    location_code: str
    method: str
    amount_cents: int
    reference: str | None
    created_at: datetime


class EnrollmentCodeCreate(StrictModel):
    store_code: LocationCode


class EnrollmentCodePublic(BaseModel):
    code: str
    store_code: str
    expires_at: datetime


class TokenCreate(StrictModel):
    role: Literal["counter", "group_buy", "operator", "admin"]
    location_code: LocationCode | None = None
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]


class TokenPublic(BaseModel):
    token: str
    device_id: int


class DevicePublic(BaseModel):
    id: int
    name: str
    role: str
    location_id: int | None
    till_no: int | None = None
    revoked_at: datetime | None
    heartbeat: HeartbeatPublic | None = Field(
        default=None, description="the till's latest heartbeat: its outbox and versions"
    )


class ScorecardPublic(BaseModel):
    """A dropship partner's orders created in the period, and how they went."""

    code: str
    name: str
    orders: int
    open: int
    shipped: int
    cancelled: int
    on_time: int
    on_time_pct: float | None
    hours_to_ship_avg: float | None
    hours_to_ship_p90: float | None
    days_to_deliver_avg: float | None
    wrong_item: int
    damaged: int
    lost: int
    problem_pct: float | None
    cost_per_order_cents: int | None
    returns: int = Field(description="order returns recorded at a store against these orders")
    returned_orders: int = Field(description="orders with at least one return")
    return_pct: float | None = Field(description="returned orders over shipped orders, in %")


# ----- e-invoice numbers (字軌) -----


class EinvoiceNumbersImport(StrictModel):
    """The MOF platform's allocation CSV, one string per line, the header first
    (docs/einvoice.md lists its columns)."""

    lines: Annotated[
        list[Annotated[str, StringConstraints(max_length=500)]],
        Field(min_length=1, max_length=5000),
    ]


class EinvoiceRangePublic(BaseModel):
    period: str
    track: str
    start_no: int
    end_no: int
    invoice_type: str


class EinvoiceImportPublic(BaseModel):
    imported: list[EinvoiceRangePublic]
    already_imported: list[EinvoiceRangePublic]
    booklets_created: int


class BookletClaim(StrictModel):
    period: EinvoicePeriod | None = None
    count: Annotated[int, Field(ge=1, le=20)] = 1


class BookletPublic(BaseModel):
    booklet_id: int
    period: str
    track: str
    start_no: int
    end_no: int
    invoice_type: str


class BookletClaimPublic(BaseModel):
    booklets: list[BookletPublic]


class BookletReturnItem(StrictModel):
    booklet_id: DbId
    next_unused_no: Annotated[int, Field(ge=0, le=100_000_000)]


class BookletReturn(StrictModel):
    booklets: Annotated[list[BookletReturnItem], Field(min_length=1, max_length=100)]


class BookletReturnPublic(BaseModel):
    returned: list[int]
    blank_numbers: int


class BlankRangePublic(BaseModel):
    track: str
    first_no: int
    last_no: int
    count: int


class BlankNumbersPublic(BaseModel):
    period: str
    ranges: list[BlankRangePublic]
    total: int


class BlankNumbersReportPublic(BaseModel):
    """The E0402 messages queued for a period's blank numbers, one per track."""

    period: str
    queued: list[str]  # document numbers (period + track) queued now
    already_queued: list[str]  # queued by an earlier run: left as they are


class TillPeriodPublic(BaseModel):
    device_id: int | None
    location_id: int | None
    booklets: int
    issued: int
    voided: int
    allowances: int
    allowance_cents: int
    issued_cents: int
    blank_numbers: int = 0  # numbers of its booklets no invoice was issued with


class EinvoicePeriodReport(BaseModel):
    period: str
    tills: list[TillPeriodPublic]
    blank_numbers: int


class EinvoiceUploadPublic(BaseModel):
    """Where one MIG message stands on its way to the MOF platform (docs/einvoice.md)."""

    message_type: str
    document_no: str
    invoice_number: str
    location_id: int | None
    device_id: int | None
    due_from: datetime
    state: Literal["pending", "exporting", "exported", "accepted", "rejected"]
    file_name: str | None
    exported_at: datetime | None
    resolved_at: datetime | None
    reason: str | None


class EinvoiceUploadList(BaseModel):
    counts: dict[str, int]
    uploads: list[EinvoiceUploadPublic]


class DocumentAtRiskPublic(BaseModel):
    message_type: str
    document_no: str
    invoice_number: str
    location_id: int | None
    device_id: int | None
    due_from: datetime
    state: str
    hours: float
    deadline_hours: int
    overdue: bool
    reason: str | None


class TillAtRiskPublic(BaseModel):
    device_id: int
    name: str
    location_id: int | None
    last_push_at: datetime | None
    hours: float
    overdue: bool


class UploadDeadlines(BaseModel):
    """Documents not accepted by the platform with a day or less left before their deadline
    (48 hours B2C, 7 days B2B, 10 days E0402) or past it, and tills holding numbers that
    have not pushed for 24 hours (measured against 48 hours, the tightest)."""

    now: datetime
    at_risk_after_hours: int
    deadline_hours: int
    documents: list[DocumentAtRiskPublic]
    tills: list[TillAtRiskPublic]
