"""Checkout: the sale, its lines, the payment, the stock change and the outbox op in one
transaction. If any part fails, nothing is written and the cart stays as it was.

``SellingService.record`` writes a sale in the caller's transaction: checkout uses it,
and so does an exchange (services/exchanges.py) for its new goods, so both record a
sale the same way (payments with their references, discounts, fulfilment)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from counter_app.core.cart import Cart, CartError, change_due
from counter_app.core.einvoice import InvoiceRecord
from counter_app.core.einvoice_codes import NO_BUYER, InvoiceBuyer
from counter_app.core.ids import RECEIPT_PREFIX, uuid7
from counter_app.core.money import ZERO, Money
from counter_app.core.ops import (
    MAX_CENTS,
    MAX_SALE_LINES,
    PaymentPayload,
    SaleLinePayload,
    SalePayload,
)
from counter_app.core.records import PaymentRecord, SaleLineRecord, SaleRecord
from counter_app.core.tenders import CASH, TenderedPayment, TenderError, check_payments
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService
from counter_app.services.fulfilment import FulfilmentError, FulfilmentService, PlacedOrders
from counter_app.services.ports import UnitOfWork, UnitOfWorkFactory

TAIWAN = timezone(timedelta(hours=8), "Asia/Taipei")


@dataclass(frozen=True, slots=True)
class SoldLine:
    name: str
    sku: str
    qty: int
    unit_price: Money  # charged: the list price or the override
    line_total: Money  # paid
    list_price: Money | None = None
    discount: Money = ZERO  # the line's discount and its share of the cart discount
    override_reason: str | None = None
    fulfilment: str = "take"  # take | pickup | ship | collect (the receipt groups lines by it)

    @property
    def saved(self) -> Money:
        listed = self.list_price if self.list_price is not None else self.unit_price
        return listed * self.qty - self.line_total


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
    payments: tuple[TenderedPayment, ...] = ()  # each tender, in the order they were taken
    # The reservation / dropship orders it paid for.
    orders: PlacedOrders = field(default_factory=PlacedOrders)
    # A group-buy order paid at its pickup: the order whose hand-over this sale paid for.
    collects_order_id: str | None = None

    @property
    def takes_cash(self) -> bool:
        """Cash was handed over: the drawer opens (a card-only sale leaves it shut)."""
        return not self.payments or any(p.tender.code == CASH.code for p in self.payments)

    @property
    def saved(self) -> Money:
        """Off the list prices: overrides, line and cart discounts."""
        return sum((line.saved for line in self.lines), ZERO)


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
        """The whole total in cash: ``tendered`` is what the customer handed over."""
        if cart.is_empty():
            raise CartError("cart_empty", "the cart is empty")
        total = cart.total
        change = change_due(total, tendered)
        cash = TenderedPayment(CASH, total.cents, tendered.cents, change.cents)
        return self.complete_sale(cart, cashier, (cash,), buyer)

    def complete_sale(
        self,
        cart: Cart,
        cashier: StaffMember,
        payments: Sequence[TenderedPayment],
        buyer: InvoiceBuyer = NO_BUYER,
    ) -> CompletedSale:
        """A sale paid by one or more tenders (core/tenders.PaymentSplit builds them).
        Their applied amounts must add up to the total (CartError ``payments_do_not_match``
        and the other TenderError codes otherwise)."""
        with self._db.transaction() as uow:
            return self.record(uow, cart, cashier, payments, buyer)

    def record(
        self,
        uow: UnitOfWork,
        cart: Cart,
        cashier: StaffMember,
        payments: Sequence[TenderedPayment],
        buyer: InvoiceBuyer = NO_BUYER,
        *,
        now: datetime | None = None,
        sale_id: str | None = None,
        sold_from_open_cart: bool = True,
        collects_order_id: str | None = None,
    ) -> CompletedSale:
        """The sale in ``uow`` (the caller's transaction), checked as ``complete_sale``
        says. ``sale_id``: an id chosen beforehand (an exchange's return names it);
        ``sold_from_open_cart`` False: the cart is not the sale screen's written-through
        open cart (an exchange's new goods), which is left as it is.
        ``collects_order_id``: the cart is what a hand-over of that group-buy order takes,
        paid at the desk (services/pickups.py): every line is a ``collect`` line, which
        moves no stock here (the held units leave with the hand-over)."""
        if cart.is_empty():
            raise CartError("cart_empty", "the cart is empty")
        if collects_order_id is not None and cart.needs_customer():
            raise CartError("collect_lines_only", "a hand-over's sale holds its goods only")
        total = cart.total
        try:
            check_payments(total.cents, payments)
        except TenderError as error:
            raise CartError(error.code, str(error)) from error
        tendered = Money(sum(p.tendered_cents for p in payments))
        change = Money(sum(p.change_cents for p in payments))
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
        now = now or self._clock()
        sale_id = sale_id or uuid7()

        def mode_of(mode: str) -> str:
            return "collect" if collects_order_id is not None else mode

        # Each line as charged, the cart discount shared over them (core/discounts.py).
        priced = cart.pricing().lines
        sold = tuple(
            SoldLine(
                line.product.name,
                line.product.sku,
                line.qty,
                Money(p.unit_price_cents),
                Money(p.paid_cents),
                Money(p.list_price_cents),
                Money(p.discount_cents),
                line.override.reason if line.override else None,
                mode_of(line.fulfilment.mode),
            )
            for line, p in zip(cart.lines, priced, strict=True)
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
                unit_price_cents=p.unit_price_cents,
                line_total_cents=p.paid_cents,
                list_price_cents=p.list_price_cents,
                discount_cents=p.discount_cents,
                override_reason=line.override.reason if line.override else None,
                fulfilment=mode_of(line.fulfilment.mode),
            )
            for position, (line, p) in enumerate(zip(cart.lines, priced, strict=True))
        )
        records = tuple(
            PaymentRecord(
                uuid7(),
                p.tender.code,
                p.amount_cents,
                p.tendered_cents,
                p.change_cents,
                p.reference,
                p.approval_code,
            )
            for p in payments
        )
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
                payments=records,
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
                        r.list_price_cents,
                        r.discount_cents,
                        r.override_reason,
                        r.fulfilment,
                    )
                    for r in lines
                ),
                payments=tuple(
                    PaymentPayload(
                        r.payment_id,
                        r.method,
                        r.amount_cents,
                        r.tendered_cents,
                        r.change_cents,
                        r.reference,
                        r.approval_code,
                    )
                    for r in records
                ),
                collects_order_id=collects_order_id,
            )
        )
        uow.shifts.attach_sale(shift.shift_id, sale_id)
        if sold_from_open_cart:
            uow.carts.clear_open(self._store.location_id)  # the written-through cart is sold
        for line in cart.lines:
            if collects_order_id is not None or line.fulfilment.mode != "take":
                continue  # pickup and ship lines never leave this store's shelf; collect
                # lines are held units the hand-over takes
            uow.stock_deltas.add_pending(op_id, self._store.location_id, line.product.id, -line.qty)
        orders = (
            self._fulfilment.place(
                uow,
                cart,
                [r.line_id for r in lines],
                sale_id,
                receipt_no,
                now,
                [r.line_total_cents for r in lines],
            )
            if self._fulfilment is not None and cart.needs_customer()
            else PlacedOrders()
        )
        invoice = (  # the e-invoice, in this same transaction (services/einvoice.py)
            self._invoicing.issue(uow, sale_id, total.cents, now, buyer, shift_id=shift.shift_id)
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
            payments=tuple(payments),
            orders=orders,
            collects_order_id=collects_order_id,
        )
