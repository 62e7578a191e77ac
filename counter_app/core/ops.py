"""What the counter sends the warehouse: the payload of every outbox operation, typed.

Each payload is a frozen dataclass that knows its operation type, the entity it
belongs to (the outbox keeps one entity's operations in order) and how it goes
on the wire (``to_payload``: plain JSON types). The warehouse's OpenAPI document
(``/sync/push``) is the contract; ``tests/unit/sync/test_op_contract.py``
validates every payload the counter builds against the warehouse's schema, so a
field the warehouse would refuse fails a test here rather than a sale at the till.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

# Bounds of the warehouse's schema (warehouse_api/schemas.py: Cents, SalePayload.lines) that a
# till could otherwise exceed; the contract test keeps them honest.
MAX_CENTS = 2**31 - 1  # the warehouse keeps cents in int32 columns (schemas.INT32_MAX)
MAX_SALE_LINES = 1000
MAX_RETURN_LINES = 200  # ReturnPayload.lines


class WarehouseError(Exception):
    """The warehouse gave no usable answer: unreachable, too slow, or a refusal.

    ``counter_app.sync.client`` raises its subclasses; services catch this one, so
    they need not import the HTTP client."""


class WarehouseDown(WarehouseError):
    """No answer at all (network down, server down or too slow): nothing was decided."""


class OutboundOp(Protocol):
    """An operation payload the outbox can queue."""

    @property
    def op_type(self) -> str: ...

    @property
    def entity_key(self) -> str: ...

    def to_payload(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class SaleLinePayload:
    line_id: str
    product_id: int
    qty: int
    unit_price_cents: int  # charged per unit: the list price, or the override
    line_total_cents: int  # paid: unit_price * qty - discount
    # Discounts (docs/protocol.md): the list price, what came off the charged price (the
    # line's discount and its share of a cart discount), and why the price was overridden.
    list_price_cents: int | None = None
    discount_cents: int = 0
    override_reason: str | None = None
    # take | pickup | ship | collect: only take lines move this store's stock (collect:
    # pays for held units of the group-buy order the sale collects; the hand-over moves them)
    fulfilment: str = "take"

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "line_id": self.line_id,
            "product_id": self.product_id,
            "qty": self.qty,
            "unit_price_cents": self.unit_price_cents,
            "line_total_cents": self.line_total_cents,
        }
        if self.list_price_cents is not None:
            payload["list_price_cents"] = self.list_price_cents
            payload["discount_cents"] = self.discount_cents
            if self.override_reason:
                payload["override_reason"] = self.override_reason
        if self.fulfilment != "take":  # an older warehouse still takes a plain sale
            payload["fulfilment"] = self.fulfilment
        return payload


@dataclass(frozen=True, slots=True)
class PaymentPayload:
    payment_id: str
    method: str
    amount_cents: int
    tendered_cents: int | None = None
    change_cents: int | None = None
    reference: str | None = None  # at most 64 characters; never a card number
    approval_code: str | None = None  # at most 32 characters

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "payment_id": self.payment_id,
            "method": self.method,
            "amount_cents": self.amount_cents,
            "tendered_cents": self.tendered_cents,
            "change_cents": self.change_cents,
        }
        # Sent only when set: a cash payment's body is what it always was.
        if self.reference is not None:
            payload["reference"] = self.reference
        if self.approval_code is not None:
            payload["approval_code"] = self.approval_code
        return payload


@dataclass(frozen=True, slots=True)
class SalePayload:
    """A completed sale (type ``sale``): a fact the warehouse applies even below zero."""

    op_type: ClassVar[str] = "sale"
    sale_id: str
    receipt_no: str
    cashier_id: int | None
    created_at: str  # ISO 8601 with offset
    total_cents: int
    lines: tuple[SaleLinePayload, ...]
    payments: tuple[PaymentPayload, ...] = ()
    # A sale paying at the desk for a group-buy order's hand-over (its lines are collect
    # lines): the order; the pickup.complete naming this sale follows it.
    collects_order_id: str | None = None

    @property
    def entity_key(self) -> str:
        return f"sale:{self.sale_id}"

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "sale_id": self.sale_id,
            "receipt_no": self.receipt_no,
            "cashier_id": self.cashier_id,
            "created_at": self.created_at,
            "total_cents": self.total_cents,
            "lines": [line.to_payload() for line in self.lines],
            "payments": [payment.to_payload() for payment in self.payments],
        }
        if self.collects_order_id is not None:  # sent only when set: a sale is what it was
            payload["collects_order_id"] = self.collects_order_id
        return payload


@dataclass(frozen=True, slots=True)
class AuditPayload:
    """Something a supervisor or manager did at the till (type ``audit``)."""

    op_type: ClassVar[str] = "audit"
    audit_id: str
    staff_id: int | None
    action: str
    created_at: str  # ISO 8601 with offset
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def entity_key(self) -> str:
        return f"audit:{self.audit_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "audit_id": self.audit_id,
            "staff_id": self.staff_id,
            "action": self.action,
            "detail": dict(self.detail),
            "created_at": self.created_at,
        }


@dataclass(frozen=True, slots=True)
class TenderTotalPayload:
    """One tender's takings in a closed shift (cash today; cards and the rest extend it)."""

    method: str
    sales_count: int
    sales_cents: int
    refunds_count: int = 0
    refunds_cents: int = 0

    def to_payload(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "sales_count": self.sales_count,
            "sales_cents": self.sales_cents,
            "refunds_count": self.refunds_count,
            "refunds_cents": self.refunds_cents,
        }


@dataclass(frozen=True, slots=True)
class ShiftClosePayload:
    """A closed shift and its Z report's figures (type ``shift.close``).

    ``expected_cents`` = opening + cash sales - cash refunds + cash in - cash out;
    ``difference_cents`` = counted - expected. Counts are {denomination in NT$: pieces}."""

    op_type: ClassVar[str] = "shift.close"
    shift_id: str
    staff_id: int | None  # who closed it
    opened_by: int | None
    opened_at: str
    closed_at: str
    opening_cents: int
    expected_opening_cents: int | None
    cash_sales_cents: int
    cash_refunds_cents: int
    cash_in_cents: int
    cash_out_cents: int
    expected_cents: int
    counted_cents: int
    difference_cents: int
    sale_count: int
    opening_count: Mapping[int, int] = field(default_factory=dict)
    closing_count: Mapping[int, int] = field(default_factory=dict)
    tenders: tuple[TenderTotalPayload, ...] = ()
    unsynced_ops: int = 0  # operations still waiting when it closed (a supervisor confirmed)

    @property
    def entity_key(self) -> str:
        return f"shift:{self.shift_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "shift_id": self.shift_id,
            "staff_id": self.staff_id,
            "opened_by": self.opened_by,
            "opened_at": self.opened_at,
            "closed_at": self.closed_at,
            "opening_cents": self.opening_cents,
            "expected_opening_cents": self.expected_opening_cents,
            "cash_sales_cents": self.cash_sales_cents,
            "cash_refunds_cents": self.cash_refunds_cents,
            "cash_in_cents": self.cash_in_cents,
            "cash_out_cents": self.cash_out_cents,
            "expected_cents": self.expected_cents,
            "counted_cents": self.counted_cents,
            "difference_cents": self.difference_cents,
            "sale_count": self.sale_count,
            "unsynced_ops": self.unsynced_ops,
            "report": {
                "opening_count": {str(k): v for k, v in sorted(self.opening_count.items())},
                "closing_count": {str(k): v for k, v in sorted(self.closing_count.items())},
                "tenders": [tender.to_payload() for tender in self.tenders],
            },
        }


@dataclass(frozen=True, slots=True)
class EinvoiceIssuePayload:
    """The e-invoice issued with a sale (type ``einvoice.issue``). Its entity is the sale's,
    so the outbox sends it after the sale and never before."""

    op_type: ClassVar[str] = "einvoice.issue"
    sale_id: str
    number: str
    random_code: str
    period: str
    issued_at: str  # ISO 8601 with offset
    sales_amount_cents: int
    tax_cents: int
    total_cents: int
    seller_id: str
    buyer_id: str | None = None
    carrier_type: str | None = None
    carrier_id: str | None = None
    donation_code: str | None = None
    # A replacement (重開) after a same-period return: the voided invoice and the return.
    replaces: str | None = None
    return_id: str | None = None

    @property
    def entity_key(self) -> str:
        return f"sale:{self.sale_id}"

    def to_payload(self) -> dict[str, Any]:
        replacement = (
            {"replaces": self.replaces, "return_id": self.return_id} if self.replaces else {}
        )
        return {
            **replacement,
            "sale_id": self.sale_id,
            "number": self.number,
            "random_code": self.random_code,
            "period": self.period,
            "issued_at": self.issued_at,
            "sales_amount_cents": self.sales_amount_cents,
            "tax_cents": self.tax_cents,
            "total_cents": self.total_cents,
            "seller_id": self.seller_id,
            "buyer_id": self.buyer_id,
            "carrier_type": self.carrier_type,
            "carrier_id": self.carrier_id,
            "donation_code": self.donation_code,
        }


@dataclass(frozen=True, slots=True)
class EinvoiceVoidPayload:
    """作廢 of a sale's invoice (type ``einvoice.void``); ``sale_id`` only orders it after
    the invoice (same entity) and is not sent."""

    op_type: ClassVar[str] = "einvoice.void"
    sale_id: str
    number: str
    voided_at: str  # ISO 8601 with offset
    reason: str
    return_id: str | None = None

    @property
    def entity_key(self) -> str:
        return f"sale:{self.sale_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "voided_at": self.voided_at,
            "reason": self.reason,
            "return_id": self.return_id,
        }


@dataclass(frozen=True, slots=True)
class EinvoiceAllowanceVoidPayload:
    """作廢折讓 of an allowance (type ``einvoice.allowance_void``); ``sale_id`` only orders
    it after the allowance (same entity) and is not sent."""

    op_type: ClassVar[str] = "einvoice.allowance_void"
    sale_id: str
    allowance_no: str
    voided_at: str  # ISO 8601 with offset
    reason: str

    @property
    def entity_key(self) -> str:
        return f"sale:{self.sale_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "allowance_no": self.allowance_no,
            "voided_at": self.voided_at,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class EinvoiceAllowancePayload:
    """折讓 against a sale's invoice (type ``einvoice.allowance``), linked to it by number."""

    op_type: ClassVar[str] = "einvoice.allowance"
    sale_id: str
    allowance_no: str
    number: str
    return_id: str
    issued_at: str  # ISO 8601 with offset
    sales_amount_cents: int
    tax_cents: int
    total_cents: int

    @property
    def entity_key(self) -> str:
        return f"sale:{self.sale_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "allowance_no": self.allowance_no,
            "number": self.number,
            "return_id": self.return_id,
            "issued_at": self.issued_at,
            "sales_amount_cents": self.sales_amount_cents,
            "tax_cents": self.tax_cents,
            "total_cents": self.total_cents,
        }


@dataclass(frozen=True, slots=True)
class ItemLinePayload:
    product_id: int
    qty: int
    sale_line_id: str | None = None  # paid at this counter: the sale line it fulfils
    paid_cents: int | None = None  # ... and what that line paid

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"product_id": self.product_id, "qty": self.qty}
        if self.sale_line_id is not None:
            payload["sale_line_id"] = self.sale_line_id
            payload["paid_cents"] = self.paid_cents
        return payload


@dataclass(frozen=True, slots=True)
class ReservationCreatePayload:
    """Hold goods at the warehouse for pickup at this store (type ``reservation.create``).
    The warehouse assigns the pickup code when it applies it; until then the till shows
    the reservation as pending."""

    op_type: ClassVar[str] = "reservation.create"
    reservation_id: str
    lines: tuple[ItemLinePayload, ...]
    customer_name: str | None = None
    customer_phone: str | None = None
    sale_id: str | None = None  # paid at this counter: the sale and its receipt number
    receipt_no: str | None = None

    @property
    def entity_key(self) -> str:
        return f"reservation:{self.reservation_id}"

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "reservation_id": self.reservation_id,
            "lines": [line.to_payload() for line in self.lines],
            "customer_name": self.customer_name,
            "customer_phone": self.customer_phone,
        }
        if self.sale_id is not None:
            payload["sale_id"] = self.sale_id
            payload["receipt_no"] = self.receipt_no
        return payload


@dataclass(frozen=True, slots=True)
class DropshipCreatePayload:
    """Ship goods straight to the customer from the warehouse or the product's dropship
    partner (type ``dropship.create``); pending at the till until the warehouse applies it."""

    op_type: ClassVar[str] = "dropship.create"
    dropship_id: str
    source: str  # warehouse | partner
    lines: tuple[ItemLinePayload, ...]
    customer_name: str
    customer_phone: str
    address: str  # a home address with its postal code, or "<chain> <store no.> <store name>"
    delivery: str = "home"  # home | cvs
    sale_id: str | None = None
    receipt_no: str | None = None

    @property
    def entity_key(self) -> str:
        return f"dropship:{self.dropship_id}"

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "dropship_id": self.dropship_id,
            "source": self.source,
            "lines": [line.to_payload() for line in self.lines],
            "customer_name": self.customer_name,
            "customer_phone": self.customer_phone,
            "address": self.address,
            "delivery": self.delivery,
        }
        if self.sale_id is not None:
            payload["sale_id"] = self.sale_id
            payload["receipt_no"] = self.receipt_no
        return payload


@dataclass(frozen=True, slots=True)
class DropshipCancelPayload:
    """Cancel a dropship order before it ships (type ``dropship.cancel``)."""

    op_type: ClassVar[str] = "dropship.cancel"
    dropship_id: str
    reason: str | None = None

    @property
    def entity_key(self) -> str:
        return f"dropship:{self.dropship_id}"

    def to_payload(self) -> dict[str, Any]:
        return {"dropship_id": self.dropship_id, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class PickupCompletePayload:
    """A pickup handed over at this store's counter (type ``pickup.complete``): the
    warehouse moves the reservation from ready to picked up and the held goods out of
    the store's stock. The till names the reservation by id (the pickup code alone is
    accepted by the warehouse too, but the id is what the till mirrors)."""

    op_type: ClassVar[str] = "pickup.complete"
    reservation_id: str
    pickup_code: str
    # What the customer takes now, per product (a partial pickup); empty: all held there.
    lines: tuple[ItemLinePayload, ...] = ()
    # An order paid at pickup: the sale (queued just before, in the same transaction)
    # that paid for what this hand-over takes.
    sale_id: str | None = None

    @property
    def entity_key(self) -> str:
        return f"reservation:{self.reservation_id}"

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "reservation_id": self.reservation_id,
            "pickup_code": self.pickup_code,
        }
        if self.lines:
            payload["lines"] = [line.to_payload() for line in self.lines]
        if self.sale_id is not None:
            payload["sale_id"] = self.sale_id
        return payload


@dataclass(frozen=True, slots=True)
class ReturnLinePayload:
    product_id: int
    qty: int
    disposition: str  # restock_here | send_to_warehouse | damaged
    reason: str | None = None  # damaged goods: why they are written off

    def to_payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "product_id": self.product_id,
            "qty": self.qty,
            "disposition": self.disposition,
        }
        if self.reason:
            body["reason"] = self.reason
        return body


@dataclass(frozen=True, slots=True)
class RefundTenderPayload:
    """What one tender refunds in a return; a card or mobile refund's reference and
    (cards) approval code, never a card number."""

    method: str
    amount_cents: int
    reference: str | None = None
    approval_code: str | None = None

    def to_payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"method": self.method, "amount_cents": self.amount_cents}
        if self.reference is not None:
            body["reference"] = self.reference
        if self.approval_code is not None:
            body["approval_code"] = self.approval_code
        return body


@dataclass(frozen=True, slots=True)
class NoReceiptPayload:
    """What a return without a receipt adds: the customer's phone (digits) it counts
    against, the supervisor who approved it, how the refund was priced."""

    customer_phone: str
    approved_by: int
    price_basis: str  # lowest_30_days | list_price

    def to_payload(self) -> dict[str, Any]:
        return {
            "customer_phone": self.customer_phone,
            "approved_by": self.approved_by,
            "price_basis": self.price_basis,
        }


@dataclass(frozen=True, slots=True)
class ReturnPayload:
    """Goods brought back (type ``return``): against a sale, whose entity it shares so it
    is sent after the sale and never before, or without a receipt (``no_receipt``; its
    own entity)."""

    op_type: ClassVar[str] = "return"
    return_id: str
    sale_id: str | None
    refund_cents: int
    lines: tuple[ReturnLinePayload, ...]
    no_receipt: NoReceiptPayload | None = None
    exchange_sale_id: str | None = None  # an exchange: the new sale given for the goods
    # The refund per tender (they add up to refund_cents); sent for a return of a sale.
    tenders: tuple[RefundTenderPayload, ...] = ()

    @property
    def entity_key(self) -> str:
        if self.sale_id is None:
            return f"return:{self.return_id}"
        return f"sale:{self.sale_id}"

    def to_payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "return_id": self.return_id,
            "sale_id": self.sale_id,
            "refund_cents": self.refund_cents,
            "lines": [line.to_payload() for line in self.lines],
        }
        if self.no_receipt is not None:
            body["no_receipt"] = self.no_receipt.to_payload()
        if self.exchange_sale_id is not None:
            body["exchange_sale_id"] = self.exchange_sale_id
        if self.tenders:
            body["tenders"] = [t.to_payload() for t in self.tenders]
        return body


@dataclass(frozen=True, slots=True)
class OrderReturnPayload:
    """Goods of a group-buy or dropship order returned at this store (type
    ``order.return``): the refund paid here in cash (``refund_mode`` ``counter``) or
    left to the channel (``channel``, ``refund_cents`` 0). Its own outbox entity."""

    op_type: ClassVar[str] = "order.return"
    return_id: str
    order_kind: str  # group_buy | dropship
    order_id: str
    refund_mode: str  # counter | channel
    refund_cents: int
    lines: tuple[ReturnLinePayload, ...]

    @property
    def entity_key(self) -> str:
        return f"order:{self.order_kind}:{self.order_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "return_id": self.return_id,
            "order_kind": self.order_kind,
            "order_id": self.order_id,
            "refund_mode": self.refund_mode,
            "refund_cents": self.refund_cents,
            "lines": [line.to_payload() for line in self.lines],
        }


# Every operation type the counter can send, by its wire name.


@dataclass(frozen=True, slots=True)
class TransferRequestPayload:
    """A store asks the warehouse for goods (type ``transfer.request``)."""

    op_type: ClassVar[str] = "transfer.request"
    transfer_id: str
    lines: tuple[ItemLinePayload, ...]
    reason: str | None = None

    @property
    def entity_key(self) -> str:
        return f"transfer:{self.transfer_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "transfer_id": self.transfer_id,
            "lines": [line.to_payload() for line in self.lines],
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class TransferReceivePayload:
    """The store's scan count of a shipped transfer (type ``transfer.receive``); a line
    with qty 0 says none of that product arrived."""

    op_type: ClassVar[str] = "transfer.receive"
    transfer_id: str
    lines: tuple[ItemLinePayload, ...]

    @property
    def entity_key(self) -> str:
        return f"transfer:{self.transfer_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "transfer_id": self.transfer_id,
            "lines": [line.to_payload() for line in self.lines],
        }


@dataclass(frozen=True, slots=True)
class CountLinePayload:
    product_id: int
    expected_on_hand: int
    counted: int

    def to_payload(self) -> dict[str, Any]:
        return {
            "product_id": self.product_id,
            "expected_on_hand": self.expected_on_hand,
            "counted": self.counted,
        }


@dataclass(frozen=True, slots=True)
class StockCountPayload:
    """A compare-and-set count (type ``stock_count``): each line says the on-hand figure
    it was made against; the warehouse refuses the whole count if one has moved."""

    op_type: ClassVar[str] = "stock_count"
    count_id: str
    lines: tuple[CountLinePayload, ...]

    @property
    def entity_key(self) -> str:
        return f"count:{self.count_id}"

    def to_payload(self) -> dict[str, Any]:
        return {"count_id": self.count_id, "lines": [line.to_payload() for line in self.lines]}


OP_TYPES: Mapping[str, type[OutboundOp]] = {
    SalePayload.op_type: SalePayload,
    AuditPayload.op_type: AuditPayload,
    ShiftClosePayload.op_type: ShiftClosePayload,
    EinvoiceIssuePayload.op_type: EinvoiceIssuePayload,
    EinvoiceVoidPayload.op_type: EinvoiceVoidPayload,
    EinvoiceAllowancePayload.op_type: EinvoiceAllowancePayload,
    EinvoiceAllowanceVoidPayload.op_type: EinvoiceAllowanceVoidPayload,
    PickupCompletePayload.op_type: PickupCompletePayload,
    ReservationCreatePayload.op_type: ReservationCreatePayload,
    DropshipCreatePayload.op_type: DropshipCreatePayload,
    DropshipCancelPayload.op_type: DropshipCancelPayload,
    ReturnPayload.op_type: ReturnPayload,
    OrderReturnPayload.op_type: OrderReturnPayload,
    TransferRequestPayload.op_type: TransferRequestPayload,
    TransferReceivePayload.op_type: TransferReceivePayload,
    StockCountPayload.op_type: StockCountPayload,
}
