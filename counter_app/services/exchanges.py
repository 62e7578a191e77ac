"""Exchanges: goods of a sale come back and other goods go out, in ONE local transaction:
the return (``ReturnsService.record``: its rows, the ``return`` op, stock, the e-invoice
settlement of the original) and the new sale (its rows, the ``sale`` op, stock, the
shift, its own e-invoice). The return op carries ``exchange_sale_id``, the new sale's id,
so the warehouse links the two. The customer pays the difference by any tenders (split,
as at checkout: the sale screen's tender dialog), or gets it back as any refund: to the
tenders that paid the original, each its share (core/refunds.py), or all in cash (a
supervisor's choice when other tenders paid). The returned goods' credit pays the new
goods as a cash payment and is refunded as cash, so the drawer moves by the cash part
of the difference alone.

The exchange's number is the new sale's receipt number (its barcode is on the exchange
receipt, so the new goods can be returned in turn); the receipt names the original.

A size or colour swap takes two scans: ``route_scan`` sends a scan of a product that is
on the original receipt (and not yet chosen to come back) to the return, and any other
scan (another size, or the same product once its piece is chosen) to the new goods.

The new sale is recorded by ``SellingService.record``, exactly as a sale at checkout
(its lines with their discounts, fulfilment, payments with their references, the
e-invoice). It is paid by the returned goods' credit, counted as cash (the return's
refund holds a cash refund of the same amount), and the difference in cash or by other
tenders (``payments``: a card with its reference). The returns screen's cart is not the
sale screen's open cart: that one is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from counter_app.core import receipts
from counter_app.core.cart import Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice import InvoiceRecord
from counter_app.core.einvoice_codes import NO_BUYER, InvoiceBuyer
from counter_app.core.einvoice_proof import AllowanceItem
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.core.ops import MAX_CENTS, MAX_SALE_LINES
from counter_app.core.refunds import RefundPart
from counter_app.core.tenders import CASH, CASH_CODE, Tender, TenderedPayment
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService
from counter_app.services.ports import UnitOfWorkFactory
from counter_app.services.receipts import ReceiptOutput
from counter_app.services.returns import (
    CompletedReturn,
    RefundAs,
    ReturnableSale,
    ReturnChoice,
    ReturnError,
    ReturnsService,
    line_refund_cents,
)
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService, SoldLine
from counter_app.services.staff import Approval
from counter_app.services.tenders import TenderService


@dataclass(frozen=True, slots=True)
class ExchangeQuote:
    refund: Money  # what the returned goods are worth (their share of what was paid)
    new_total: Money
    net: Money  # new_total - refund: > 0 the customer pays it, < 0 they get it back

    @property
    def to_pay(self) -> Money:
        return Money(max(0, self.net.cents))

    @property
    def to_refund(self) -> Money:
        return Money(max(0, -self.net.cents))


@dataclass(frozen=True, slots=True)
class CompletedExchange:
    returned: CompletedReturn
    sale_id: str
    receipt_no: str  # the new sale's: the exchange's number
    sale_op_id: str
    new_lines: tuple[SoldLine, ...]
    quote: ExchangeQuote
    tendered: Money  # cash handed over for the difference (0 when refunded or paid otherwise)
    change: Money  # the cash given back of what was handed over
    invoice: InvoiceRecord | None = None
    payments: tuple[TenderedPayment, ...] = ()  # the new sale's: the credit, the difference

    @property
    def moves_cash(self) -> bool:
        """Whether the drawer takes or gives cash for the difference (it then opens)."""
        credit = min(self.returned.refund.cents, self.quote.new_total.cents)
        taken = sum(p.amount_cents for p in self.payments if p.tender.code == CASH_CODE)
        return taken > credit or self.returned.cash.cents > credit


def exchange_quote(refund_cents: int, new_total_cents: int) -> ExchangeQuote:
    return ExchangeQuote(
        Money(refund_cents), Money(new_total_cents), Money(new_total_cents - refund_cents)
    )


def route_scan(sale: ReturnableSale, chosen: Mapping[str, int], product_id: int) -> str | None:
    """Where a product scanned during an exchange goes: the id of the receipt's line it
    comes back on, or None for the new goods. A line takes the scan while it has
    pieces left to return and none of that product is chosen yet."""
    if any(chosen.get(line.line_id, 0) for line in sale.lines if line.product_id == product_id):
        return None
    for line in sale.lines:
        if line.product_id == product_id and line.returnable > 0:
            return line.line_id
    return None


class ExchangeService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        returns: ReturnsService,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
        invoicing: EinvoiceService | None = None,
        output: ReceiptOutput | None = None,
        selling: SellingService | None = None,
    ) -> None:
        self._selling = selling or SellingService(db, store, clock, invoicing)
        self._db = db
        self._store = store
        self._returns = returns
        self._clock = clock
        self._invoicing = invoicing
        self._output = output

    def product(self, code: str) -> ProductInfo:
        """The product of a scanned or typed barcode or SKU; ReturnError ``unknown_product``."""
        code = code.strip()
        with self._db.snapshot() as uow:
            found = uow.catalog.find_by_barcode(code) or uow.catalog.find_by_sku(code)
        if found is None:
            raise ReturnError("unknown_product", f"no product {code}")
        return found

    def quote(
        self, sale: ReturnableSale, choices: Sequence[ReturnChoice], new: Cart
    ) -> ExchangeQuote:
        """The difference as the screen shows it (``complete`` computes it again)."""
        by_id = {line.line_id: line for line in sale.lines}
        refund = sum(
            line_refund_cents(
                by_id[c.line_id].line_total.cents,
                by_id[c.line_id].qty_sold,
                by_id[c.line_id].qty_returned,
                c.qty,
            )
            for c in choices
            if c.line_id in by_id and c.qty > 0
        )
        refund = min(refund, sale.total.cents - sale.refunded.cents)
        return exchange_quote(refund, new.total.cents)

    def tenders(self) -> list[Tender]:
        """The tenders a difference may be paid with: cash first, then the active ones."""
        return TenderService(self._db).usable()

    def difference_split(
        self,
        sale: ReturnableSale,
        choices: Sequence[ReturnChoice],
        new: Cart,
        *,
        to_cash: bool = False,
        tenders: Mapping[str, Tender] | None = None,
    ) -> list[RefundPart]:
        """How a difference given back would be refunded, tender by tender (the screen
        shows it; ``complete`` splits it again). Empty when the customer pays."""
        return self._returns.refund_split(
            sale, choices, to_cash=to_cash, tenders=tenders, offset_cents=new.total.cents
        )

    def complete(
        self,
        receipt_no: str,
        choices: Sequence[ReturnChoice],
        new: Cart,
        staff: StaffMember,
        tendered: Money | None = None,
        approval: Approval | None = None,
        buyer: InvoiceBuyer = NO_BUYER,
        payments: Sequence[TenderedPayment] = (),
        refund_as: RefundAs | None = None,
    ) -> CompletedExchange:
        """Take the return and ring up the new goods in one transaction. ``tendered``:
        the cash handed over when the customer pays a difference (None: exactly it);
        ``payments``: the difference paid by any tenders instead (core/tenders
        PaymentSplit over the difference; ``tendered`` is then ignored); ``refund_as``:
        how a difference given back is refunded (default: to the original tenders, which
        need the card and mobile parts' references).
        ReturnError (the return's codes) or CartError (``cart_empty``: nothing goes
        out, that is a plain return; ``insufficient_tender``, ``too_many_lines``,
        ``amount_too_large``, ``no_open_shift``, ``payments_do_not_match`` and the
        other payment codes of checkout)."""
        if new.is_empty():
            raise CartError("cart_empty", "an exchange gives something in place of the return")
        if len(new.lines) > MAX_SALE_LINES:
            raise CartError("too_many_lines", f"a sale holds at most {MAX_SALE_LINES} lines")
        if new.total.cents > MAX_CENTS:
            raise CartError("amount_too_large", f"amounts above {MAX_CENTS} cents")
        approver = self._returns.redeem(approval)
        remote = self._returns.prepare(receipt_no)
        now = self._clock()
        sale_id = uuid7()
        with self._db.transaction() as uow:
            returned = self._returns.record(
                uow,
                receipt_no,
                choices,
                staff,
                approver,
                now,
                remote,
                offset_cents=new.total.cents,
                exchange_sale_id=sale_id,
                refund_as=refund_as,
            )
            quote = exchange_quote(returned.refund.cents, new.total.cents)
            cash = quote.to_pay if tendered is None else tendered
            if cash.cents < quote.to_pay.cents:
                raise CartError("insufficient_tender", f"{quote.to_pay} to pay, {cash} handed over")
            if cash.cents > MAX_CENTS:
                raise CartError("amount_too_large", f"amounts above {MAX_CENTS} cents")
            if quote.to_pay.cents == 0 or payments:
                cash = Money(0)  # a refund, an even swap, or paid by other tenders
            sale = self._selling.record(
                uow,
                new,
                staff,
                _new_sale_payments(new.total.cents, returned.refund.cents, cash, payments),
                buyer,
                now=now,
                sale_id=sale_id,
                sold_from_open_cart=False,
            )
        return _completed(returned, sale, quote, cash)

    def print_exchange(self, done: CompletedExchange) -> str | None:
        """The exchange receipt (換貨收據: the exchange's number, the original receipt
        number, what came back and what went out, the difference) through the print
        queue; then what the return did to the original's invoice (the proof of its
        replacement within the period, the allowance certificate after it); then the new
        sale's own invoice (its proof, or the slip of a carrier or donation invoice). The
        drawer opens when cash moved for the difference."""
        if self._output is None:
            return None
        data = receipts.ReturnReceiptData(
            store_name=self._store.name,
            return_no=done.receipt_no,
            original_receipt_no=done.returned.receipt_no,
            cashier_name=done.returned.staff_name,
            created_at=done.returned.created_at,
            returned=[
                receipts.SaleLine(r.name, r.qty, r.unit_price, r.refund)
                for r in done.returned.lines
            ],
            exchanged=[
                receipts.SaleLine(r.name, r.qty, r.unit_price, r.line_total) for r in done.new_lines
            ],
            reason=f"換貨（退貨單 {done.returned.return_no}）",
        )
        job = self._output.submit(receipts.return_receipt(data), title=done.receipt_no)
        settled = done.returned.settlement
        if self._invoicing is not None and settled is not None:
            if settled.kind == "reissue":
                # Within the period the original invoice was voided: the proof of its
                # replacement, for the goods the customer kept.
                self._invoicing.print_replacement(settled, done.returned.receipt_no)
            elif settled.kind == "allowance":
                # After the period: the allowance certificate (折讓證明單) to sign.
                self._invoicing.print_allowance(
                    settled,
                    [AllowanceItem(r.name, r.qty, r.refund.cents) for r in done.returned.lines],
                )
        if self._invoicing is not None and done.invoice is not None:
            # The new goods' own invoice: its proof (or the slip of a carrier or
            # donation invoice), as at checkout.
            self._invoicing.print_invoice_of(done.receipt_no)
        if done.moves_cash:
            self._output.open_drawer(f"exchange {done.receipt_no}")
        return job


def _new_sale_payments(
    total_cents: int, credit_cents: int, cash: Money, payments: Sequence[TenderedPayment]
) -> list[TenderedPayment]:
    """The new sale's payments: the returned goods' credit as cash (up to the total), then
    the difference: ``payments`` when given, else ``cash`` handed over (with change)."""
    credit = min(credit_cents, total_cents)
    if payments:
        return [TenderedPayment(CASH, credit, credit), *payments] if credit else list(payments)
    # One cash payment, as before: handed over is the credit plus the cash.
    tendered = credit + cash.cents if credit < total_cents else total_cents
    return [TenderedPayment(CASH, total_cents, tendered, tendered - total_cents)]


def _completed(
    returned: CompletedReturn, sale: CompletedSale, quote: ExchangeQuote, cash: Money
) -> CompletedExchange:
    return CompletedExchange(
        returned=returned,
        sale_id=sale.sale_id,
        receipt_no=sale.receipt_no,
        sale_op_id=sale.op_id,
        new_lines=sale.lines,
        quote=quote,
        tendered=cash,
        change=Money(sum(p.change_cents for p in sale.payments)),
        invoice=sale.invoice,
        payments=sale.payments,
    )
