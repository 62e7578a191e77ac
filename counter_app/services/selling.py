"""Checkout: the sale, its lines, the payment, the stock change and the outbox op in one
transaction. If any part fails, nothing is written and the cart stays as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from counter_app.core.cart import Cart, CartError, change_due
from counter_app.core.einvoice import InvoiceRecord
from counter_app.core.einvoice_codes import NO_BUYER, InvoiceBuyer
from counter_app.core.ids import RECEIPT_PREFIX, uuid7
from counter_app.core.money import Money
from counter_app.core.ops import (
    MAX_CENTS,
    MAX_SALE_LINES,
    PaymentPayload,
    SaleLinePayload,
    SalePayload,
)
from counter_app.core.records import PaymentRecord, SaleLineRecord, SaleRecord
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService
from counter_app.services.fulfilment import FulfilmentError, FulfilmentService, PlacedOrders
from counter_app.services.ports import UnitOfWorkFactory

TAIWAN = timezone(timedelta(hours=8), "Asia/Taipei")


@dataclass(frozen=True, slots=True)
class SoldLine:
    name: str
    sku: str
    qty: int
    unit_price: Money
    line_total: Money
    fulfilment: str = "take"  # take | pickup | ship (the receipt groups lines by it)


@dataclass(frozen=True, slots=True)
class CompletedSale:
    sale_id: str
    receipt_no: str
    op_id: str
    created_at: datetime
    cashier_name: str
    lines: tuple[SoldLine, ...]
    total: Money
    tendered: Money
    change: Money
    invoice: InvoiceRecord | None = None  # the e-invoice issued with it, when invoicing is on
    orders: PlacedOrders = field(
        default_factory=PlacedOrders
    )  # the reservation / dropship orders it paid for


class SellingService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
        invoicing: EinvoiceService | None = None,
        fulfilment: FulfilmentService | None = None,
    ) -> None:
        self._db = db
        self._store = store
        self._clock = clock
        self._invoicing = invoicing
        self._fulfilment = fulfilment

    @property
    def location_id(self) -> int:
        return self._store.location_id

    def complete_cash_sale(
        self, cart: Cart, cashier: StaffMember, tendered: Money, buyer: InvoiceBuyer = NO_BUYER
    ) -> CompletedSale:
        if cart.is_empty():
            raise CartError("cart_empty", "the cart is empty")
        total = cart.total
        change = change_due(total, tendered)
        # What the warehouse's schema would refuse is refused here, before it is written:
        # a sale the warehouse rejects for its shape could never be synced.
        if len(cart.lines) > MAX_SALE_LINES:
            raise CartError("too_many_lines", f"a sale holds at most {MAX_SALE_LINES} lines")
        if max(total.cents, tendered.cents) > MAX_CENTS:
            raise CartError(
                "amount_too_large", f"amounts above {MAX_CENTS} cents cannot be recorded"
            )
        if cart.needs_customer():  # pickup / ship lines: refused now, before anything is written
            if self._fulfilment is None:
                raise FulfilmentError("customer_required", "this till cannot place orders")
            self._fulfilment.check(cart)
        now = self._clock()
        sale_id = uuid7()
        payment_id = uuid7()
        sold = tuple(
            SoldLine(
                line.product.name,
                line.product.sku,
                line.qty,
                line.unit_price,
                line.total,
                line.fulfilment.mode,
            )
            for line in cart.lines
        )
        created_at = now.isoformat()
        lines = tuple(
            SaleLineRecord(
                line_id=uuid7(),
                position=position,
                product_id=line.product.id,
                sku=line.product.sku,
                name=line.product.name,
                qty=line.qty,
                unit_price_cents=line.unit_price.cents,
                line_total_cents=line.total.cents,
            )
            for position, line in enumerate(cart.lines)
        )
        payment = PaymentRecord(payment_id, "cash", total.cents, tendered.cents, change.cents)
        with self._db.transaction() as uow:
            # No sale without an open shift (services/shifts.py); the sale is the shift's.
            shift = uow.shifts.open_shift(self._store.location_id)
            if shift is None:
                raise CartError("no_open_shift", "open a shift before selling")
            receipt_no = uow.sync_state.next_document_number(
                RECEIPT_PREFIX, self._store.code, now.date()
            )
            uow.sales.add(
                SaleRecord(
                    sale_id=sale_id,
                    receipt_no=receipt_no,
                    location_id=self._store.location_id,
                    cashier_id=cashier.id,
                    cashier_name=cashier.name,
                    created_at=created_at,
                    total_cents=total.cents,
                    lines=lines,
                    payments=(payment,),
                )
            )
            op_id = uow.outbox.enqueue(
                SalePayload(
                    sale_id=sale_id,
                    receipt_no=receipt_no,
                    cashier_id=cashier.id,
                    created_at=created_at,
                    total_cents=total.cents,
                    lines=tuple(
                        SaleLinePayload(
                            r.line_id,
                            r.product_id,
                            r.qty,
                            r.unit_price_cents,
                            r.line_total_cents,
                            cart.lines[r.position].fulfilment.mode,
                        )
                        for r in lines
                    ),
                    payments=(
                        PaymentPayload(
                            payment.payment_id,
                            payment.method,
                            payment.amount_cents,
                            payment.tendered_cents,
                            payment.change_cents,
                        ),
                    ),
                )
            )
            uow.shifts.attach_sale(shift.shift_id, sale_id)
            for line in cart.lines:
                if line.fulfilment.mode != "take":
                    continue  # pickup and ship lines never leave this store's shelf
                uow.stock_deltas.add_pending(
                    op_id, self._store.location_id, line.product.id, -line.qty
                )
            orders = (
                self._fulfilment.place(
                    uow, cart, [r.line_id for r in lines], sale_id, receipt_no, now
                )
                if self._fulfilment is not None and cart.needs_customer()
                else PlacedOrders()
            )
            invoice = (  # the e-invoice, in this same transaction (services/einvoice.py)
                self._invoicing.issue(uow, sale_id, total.cents, now, buyer)
                if self._invoicing
                else None
            )
        return CompletedSale(
            sale_id=sale_id,
            receipt_no=receipt_no,
            op_id=op_id,
            created_at=now,
            cashier_name=cashier.name,
            lines=sold,
            total=total,
            tendered=tendered,
            change=change,
            invoice=invoice,
            orders=orders,
        )
