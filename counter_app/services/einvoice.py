"""E-invoices at the counter (DESIGN section 9): numbers held ahead, an invoice in every
sale's transaction, booklets topped up and given back by the sync step.

* ``issue`` runs inside the selling service's unit of work: it takes the next number
  this till holds, writes the invoice and queues its ``einvoice.issue`` op, so the sale,
  its invoice and both outbox rows are committed together or not at all.
* ``top_up`` (a sync step, off the GUI thread) keeps at least ``numbers_ahead`` numbers
  of the current period (a day of sales: the till must be able to sell offline all day),
  and claims the next period's numbers on the period's last day.
* ``return_unused`` gives back what the till will never use: booklets of a past period,
  and everything when the till closes (``release_all``).

The seller's AES key (for the proof's QR check) is a secret held by ``EinvoiceSettings``
with ``repr=False``: it is never logged and never printed.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from counter_app.core.cart import CartError
from counter_app.core.einvoice import (
    AllowanceRecord,
    Booklet,
    InvoiceRecord,
    invoice_dollars,
    next_period,
    period_of,
    split_tax,
)
from counter_app.core.einvoice_codes import NO_BUYER, InvoiceBuyer
from counter_app.core.einvoice_proof import (
    AllowanceItem,
    ProofData,
    ProofItem,
    allowance_slip,
    einvoice_proof,
    einvoice_slip,
    with_discount,
)
from counter_app.core.ops import (
    EinvoiceAllowancePayload,
    EinvoiceIssuePayload,
    EinvoiceVoidPayload,
    WarehouseError,
)
from counter_app.core.receipts import Document
from counter_app.core.records import SaleRecord
from counter_app.services.ports import BookletSource, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

BOOKLET_SIZE = 50


@dataclass(frozen=True, slots=True)
class EinvoiceSettings:
    seller_id: str  # the store's 統一編號
    aes_key_hex: str = field(repr=False, default="")  # the MOF QR key: a secret
    numbers_ahead: int = 200  # numbers to hold: at least a busy day's sales


@dataclass(frozen=True, slots=True)
class Settlement:
    """What a return did to an invoice: ``void`` (作廢), ``reissue`` (作廢 and a new
    invoice, ``replacement``, for what the customer kept) or ``allowance`` (折讓). For an
    invoice this till does not hold (another till's sale) the records come along, since
    the journal has no copy to print the allowance certificate from."""

    kind: str
    number: str
    allowance_no: str | None = None
    invoice: InvoiceRecord | None = None
    allowance: AllowanceRecord | None = None
    replacement: InvoiceRecord | None = None
    # The goods the replacement covers when the journal cannot tell (another till's sale,
    # returns elsewhere): its proof lists them.
    covered: tuple[ProofItem, ...] = ()


@dataclass(frozen=True, slots=True)
class RemoteInvoice:
    """The sale's invoice as the warehouse has it (`GET /sales/by-receipt`): the live
    one, wherever it was issued (else the last voided), the allowances against it that
    the warehouse counted, and every voided invoice number of the sale."""

    invoice: InvoiceRecord  # booklet_id 0: not a booklet of this till
    voided: bool
    # (allowance number, total in cents, voided) of each allowance against ``invoice``.
    allowances: tuple[tuple[str, int, bool], ...] = ()
    voided_numbers: frozenset[str] = frozenset()
    same_store: bool = False  # a sale of this till's store: a replacement may be issued here


@dataclass(frozen=True, slots=True)
class _Standing:
    """The invoice a return settles now: whether this till holds it, and the allowances
    against it (number -> total still standing; 0 for a voided one)."""

    invoice: InvoiceRecord
    held: bool
    voided: bool
    allowances: dict[str, int]

    @property
    def allowed_cents(self) -> int:
        return sum(self.allowances.values())

    @property
    def next_allowance_no(self) -> str:
        last = max((int(no.rsplit("-", 1)[1]) for no in self.allowances), default=0)
        return f"{self.invoice.number}-{last + 1:02d}"


@dataclass(frozen=True, slots=True)
class TopUp:
    claimed: int  # booklets
    returned: int
    remaining: int  # numbers of the current period now held
    problem: str | None = None  # a warehouse code, e.g. einvoice_numbers_exhausted


class DocumentOutput(Protocol):
    """The print queue: submitting never blocks on the printer."""

    def submit(self, document: Document, *, title: str | None = None) -> str: ...


class InvoiceNotFound(LookupError):
    """No e-invoice for this sale or receipt in the till's journal (``einvoice_not_found``)."""

    code = "einvoice_not_found"


def _covered_items(uow: UnitOfWork, sale: SaleRecord, invoice: InvoiceRecord) -> list[ProofItem]:
    """The goods ``invoice`` covers at their list prices (and a 折扣 item down to its
    total): the sale's, less what the returns that led to it (its chain of replacements)
    took back."""
    leading: set[str] = set()
    link: InvoiceRecord | None = invoice
    while link is not None and link.return_id is not None:
        leading.add(link.return_id)
        link = uow.einvoices.by_number(link.replaces) if link.replaces else None
    taken: dict[str, int] = {}
    for ret in uow.returns.of_sale(sale.sale_id):
        if ret.return_id in leading:
            for line in ret.lines:
                taken[line.sale_line_id] = taken.get(line.sale_line_id, 0) + line.qty
    items = [
        ProofItem(
            line.name,
            line.qty - taken.get(line.line_id, 0),
            ((line.list_price_cents or line.unit_price_cents) + 50) // 100,
        )
        for line in sale.lines
        if line.qty > taken.get(line.line_id, 0)
    ]
    return with_discount(items, invoice.total_cents // 100)


def _allowances(
    uow: UnitOfWork, number: str, held: bool, counted: Sequence[tuple[str, int, bool]]
) -> dict[str, int]:
    """Allowance number -> total still standing (0 when voided) against ``number``: those
    the warehouse counted and those this till gave (on its own invoice, or on another
    till's), a void known to either counting."""
    standing = {no: 0 if void else total for no, total, void in counted}
    mine = uow.einvoices.allowances_of(number) if held else []
    for a in [*mine, *uow.einvoices.allowances_elsewhere_of(number)]:
        if a.voided_at is not None:
            standing[a.allowance_no] = 0
        else:
            standing.setdefault(a.allowance_no, a.total_cents)
    return standing


def _random_code() -> str:
    return f"{secrets.randbelow(10_000):04d}"


class EinvoiceService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        settings: EinvoiceSettings,
        clock: Callable[[], datetime],
        random_code: Callable[[], str] = _random_code,
        output: DocumentOutput | None = None,
        store_name: str = "",
    ) -> None:
        self._db = db
        self.settings = settings
        self._clock = clock
        self._random_code = random_code
        self._output = output
        self._store_name = store_name

    def issue(
        self,
        uow: UnitOfWork,
        sale_id: str,
        total_cents: int,
        now: datetime,
        buyer: InvoiceBuyer = NO_BUYER,
        *,
        shift_id: str | None = None,
    ) -> InvoiceRecord:
        """The sale's invoice, written in the caller's unit of work with its outbox op;
        ``shift_id``: the shift the sale is rung up in (the Z report's register).
        CartError ``einvoice_numbers_exhausted`` when this till holds no number."""
        return self._write(
            uow,
            InvoiceRecord(
                number="",
                sale_id=sale_id,
                booklet_id=0,
                period=period_of(now),
                random_code="",
                issued_at=now.isoformat(),
                sales_amount_cents=0,
                tax_cents=0,
                total_cents=invoice_dollars(total_cents) * 100,
                seller_id=self.settings.seller_id,
                buyer_id=buyer.buyer_id,
                carrier_type=buyer.carrier.carrier_type.value if buyer.carrier else None,
                carrier_id=buyer.carrier.carrier_id if buyer.carrier else None,
                donation_code=buyer.donation_code,
                shift_id=shift_id,
            ),
        )

    def _write(self, uow: UnitOfWork, draft: InvoiceRecord) -> InvoiceRecord:
        """``draft`` (its sale, period, time, whole-dollar total, buyer and links) given
        the next number this till holds, a new random code and the tax split; written
        with its ``einvoice.issue`` op."""
        taken = uow.einvoices.take_number(draft.period)
        if taken is None:
            raise CartError(
                "einvoice_numbers_exhausted",
                f"this till holds no invoice number for period {draft.period}; sync to get more",
            )
        booklet, number = taken
        sales, tax = split_tax(draft.total_cents // 100)
        invoice = dataclasses.replace(
            draft,
            number=number,
            booklet_id=booklet.booklet_id,
            random_code=self._random_code(),
            sales_amount_cents=sales * 100,
            tax_cents=tax * 100,
        )
        uow.einvoices.add(invoice)
        uow.outbox.enqueue(
            EinvoiceIssuePayload(
                sale_id=invoice.sale_id,
                number=invoice.number,
                random_code=invoice.random_code,
                period=invoice.period,
                issued_at=invoice.issued_at,
                sales_amount_cents=invoice.sales_amount_cents,
                tax_cents=invoice.tax_cents,
                total_cents=invoice.total_cents,
                seller_id=invoice.seller_id,
                buyer_id=invoice.buyer_id,
                carrier_type=invoice.carrier_type,
                carrier_id=invoice.carrier_id,
                donation_code=invoice.donation_code,
                replaces=invoice.replaces,
                return_id=invoice.return_id,
            )
        )
        return invoice

    # -- returns ------------------------------------------------------------------------

    def settle_return(
        self,
        uow: UnitOfWork,
        sale_id: str,
        return_id: str,
        refund_cents: int,
        now: datetime,
        remote: RemoteInvoice | None = None,
        *,
        shift_id: str | None = None,
        covered: Sequence[ProofItem] = (),
        sale: SaleRecord | None = None,
    ) -> Settlement | None:
        """What a return does to its sale's invoice, in the return's unit of work. Within
        the invoice's period (and no allowance standing against it) a full return voids it
        (作廢) and a partial one voids it and issues a replacement (重開: a new number of
        this till's, a new random code) for what the customer kept, linked by
        ``replaces``; an exchange is a partial or full return, and its new sale gets its
        own invoice. After the period, an allowance (折讓) linked to the invoice, numbered
        after every allowance against it and never more than it has left.
        ``remote``: the sale's invoice as the warehouse has it, for a sale another till
        rang up (the ops name it by number): the invoice settled is the one live now,
        wherever it was issued (``_standing``); a sale of this store follows the same
        rules (the replacement is this till's, from its booklet; a void of another
        till's invoice is kept for this till's register); another store's sale is voided
        by a full return in the period, anything else is an allowance. ``covered``: the
        goods the replacement covers (a remote sale's returns elsewhere are not in this
        till's journal), else those of ``sale`` less its returns; stored with the
        replacement for its proof and reprints. None if the sale has no invoice. CartError ``einvoice_nothing_to_allow``
        when earlier allowances already cover it all, ``einvoice_numbers_exhausted`` when
        the till holds no number for the replacement (nothing is written). ``shift_id``:
        the return's shift, where the void and the replacement count on the register."""
        standing = self._standing(uow, sale_id, remote, now)
        if standing is None:
            return None
        invoice, held = standing.invoice, standing.held
        # A replacement is this till's invoice for the same seller: its own sale's, or one
        # of another till of this store (the warehouse takes an invoice for this store's
        # sales only).
        reissuable = held or (remote is not None and remote.same_store)
        if standing.voided:
            raise CartError("einvoice_voided", f"invoice {invoice.number} is already void")
        allowed = standing.allowed_cents
        left = invoice.total_cents - allowed
        refund = invoice_dollars(refund_cents) * 100
        whole = refund >= invoice.total_cents
        # No allowance still standing (each is at least a cent; a voided one counts no more).
        if not allowed and period_of(now) == invoice.period and (whole or (reissuable and refund)):
            if held:
                uow.einvoices.mark_voided(invoice.number, now.isoformat(), shift_id)
            else:
                uow.einvoices.add_void_elsewhere(
                    dataclasses.replace(
                        invoice,
                        voided_at=now.isoformat(),
                        void_shift_id=shift_id,
                        return_id=return_id,
                    )
                )
            uow.outbox.enqueue(
                EinvoiceVoidPayload(sale_id, invoice.number, now.isoformat(), "return", return_id)
            )
            if whole:
                return Settlement("void", invoice.number, invoice=None if held else invoice)
            replacement = self._write(
                uow,
                dataclasses.replace(
                    invoice,
                    issued_at=now.isoformat(),
                    total_cents=invoice.total_cents - refund,
                    printed=0,
                    voided_at=None,
                    replaces=invoice.number,
                    return_id=return_id,
                    shift_id=shift_id,
                    void_shift_id=None,
                ),
            )
            # What it covers, stored with it: its proof and every reprint list these.
            if covered:
                items = with_discount(covered, replacement.total_cents // 100)
            elif sale is not None:
                items = _covered_items(uow, sale, replacement)
            else:
                items = []
            if items:
                uow.einvoices.set_items(replacement.number, items)
            return Settlement(
                "reissue", invoice.number, replacement=replacement, covered=tuple(items)
            )
        amount = min(refund, left)
        if amount <= 0:
            raise CartError(
                "einvoice_nothing_to_allow", f"invoice {invoice.number} has nothing left to allow"
            )
        sales, tax = split_tax(amount // 100)
        allowance = AllowanceRecord(
            allowance_no=standing.next_allowance_no,
            number=invoice.number,
            return_id=return_id,
            issued_at=now.isoformat(),
            sales_amount_cents=sales * 100,
            tax_cents=tax * 100,
            total_cents=amount,
        )
        if held:
            uow.einvoices.add_allowance(allowance)
        else:
            uow.einvoices.add_allowance_elsewhere(sale_id, allowance)
        uow.outbox.enqueue(
            EinvoiceAllowancePayload(
                sale_id,
                allowance.allowance_no,
                allowance.number,
                return_id,
                allowance.issued_at,
                allowance.sales_amount_cents,
                allowance.tax_cents,
                allowance.total_cents,
            )
        )
        if held:
            return Settlement("allowance", invoice.number, allowance.allowance_no)
        return Settlement("allowance", invoice.number, allowance.allowance_no, invoice, allowance)

    @staticmethod
    def _standing(
        uow: UnitOfWork, sale_id: str, remote: RemoteInvoice | None, now: datetime
    ) -> _Standing | None:
        """The invoice of the sale that is live now, from this till's journal and, for a
        sale looked up on the warehouse, the warehouse's answer: every till's voids,
        replacements and allowances that reached it, and this till's that may not have
        yet. An invoice this till issued that the warehouse says was voided (a return at
        another till, which replaced it in turn) is marked void here, outside this till's
        register (the void counts at the till that made it). None: the sale has no
        invoice. CartError ``einvoice_out_of_step`` when this till and the warehouse each
        name a different live invoice (another till reissued it while this till's own
        replacement was still on its way): sync, then take the return again."""
        mine = uow.einvoices.all_of_sale(sale_id)
        if remote is None:
            invoice = uow.einvoices.of_sale(sale_id)
            if invoice is None:
                return None
            return _Standing(
                invoice,
                True,
                invoice.voided_at is not None,
                _allowances(uow, invoice.number, True, ()),
            )
        voided = set(remote.voided_numbers) | uow.einvoices.voided_elsewhere_of_sale(sale_id)
        voided |= {i.number for i in mine if i.voided_at is not None}
        if remote.voided:
            voided.add(remote.invoice.number)
        live_here = next((i for i in mine if i.voided_at is None), None)
        if live_here is not None and live_here.number in voided:
            uow.einvoices.mark_voided(live_here.number, now.isoformat(), None)
            live_here = None
        theirs = None if remote.invoice.number in voided else remote.invoice
        if live_here is not None and theirs is not None and theirs.number != live_here.number:
            raise CartError(
                "einvoice_out_of_step",
                f"invoice {live_here.number} of this till and {theirs.number} are both live:"
                " sync, then take the return again",
            )
        if live_here is not None:
            invoice, held = live_here, True
        elif theirs is not None:
            invoice, held = theirs, any(i.number == theirs.number for i in mine)
        else:  # every invoice of the sale is void
            return _Standing(remote.invoice, False, True, {})
        counted = remote.allowances if remote.invoice.number == invoice.number else ()
        return _Standing(invoice, held, False, _allowances(uow, invoice.number, held, counted))

    # -- reading -----------------------------------------------------------------------

    def invoice_of(self, sale_id: str) -> InvoiceRecord | None:
        with self._db.snapshot() as uow:
            return uow.einvoices.of_sale(sale_id)

    def numbers_left(self) -> int:
        with self._db.snapshot() as uow:
            return uow.einvoices.remaining(period_of(self._clock()))

    def running_low(self) -> bool:
        return self.numbers_left() < self.settings.numbers_ahead

    # -- printing ----------------------------------------------------------------------

    def document_for(self, sale_id: str, items: Sequence[ProofItem]) -> Document:
        """The sale's proof (marked 補印 from the second print on), or the slip of a carrier
        or donation invoice; counts the print. InvoiceNotFound if the sale has none."""
        with self._db.transaction() as uow:
            invoice = uow.einvoices.of_sale(sale_id)
            if invoice is None:
                raise InvoiceNotFound(sale_id)
            printed_before = uow.einvoices.mark_printed(invoice.number)
        if not invoice.prints_proof:
            return einvoice_slip(self._store_name, invoice)
        return einvoice_proof(
            ProofData(
                self._store_name, invoice, items, self.settings.aes_key_hex, printed_before > 0
            )
        )

    def allowance_document(
        self, number: str, allowance_no: str, items: Sequence[AllowanceItem]
    ) -> Document:
        """The allowance certificate (折讓證明單) of an allowance on this till's invoice.
        InvoiceNotFound if the till holds no such invoice or allowance."""
        with self._db.snapshot() as uow:
            invoice = uow.einvoices.by_number(number)
            allowance = next(
                (a for a in uow.einvoices.allowances_of(number) if a.allowance_no == allowance_no),
                None,
            )
        if invoice is None or allowance is None:
            raise InvoiceNotFound(allowance_no)
        return allowance_slip(self._store_name, invoice, allowance, items)

    def print_allowance(self, settled: Settlement, items: Sequence[AllowanceItem]) -> str | None:
        """Queue the allowance certificate of a settlement; None when this service has no
        printer (or the settlement is no allowance)."""
        if self._output is None or settled.allowance_no is None:
            return None
        if settled.invoice is not None and settled.allowance is not None:
            document = allowance_slip(self._store_name, settled.invoice, settled.allowance, items)
        else:
            document = self.allowance_document(settled.number, settled.allowance_no, items)
        return self._output.submit(document, title=document.reference)

    def print_for_sale(self, sale_id: str, items: Sequence[ProofItem]) -> str:
        if self._output is None:
            raise RuntimeError("no printer output was given to the e-invoice service")
        document = self.document_for(sale_id, items)
        return self._output.submit(document, title=document.reference)

    def reprint(self, receipt_no: str) -> str:
        """The proof of a past sale's invoice again, marked 補印."""
        return self.print_proof_of(receipt_no)

    def print_replacement(self, settled: Settlement, receipt_no: str) -> str | None:
        """Queue the proof of the invoice a same-period return issued in place of the
        sale's (its first print: not 補印); None when this service has no printer or the
        settlement issued none."""
        if self._output is None or settled.replacement is None:
            return None
        return self.print_proof_of(receipt_no)

    def print_invoice_of(self, receipt_no: str) -> str | None:
        """Queue the first print of a new sale's invoice (its proof, or the slip of a
        carrier or donation invoice); None when this service has no printer."""
        if self._output is None:
            return None
        return self.print_proof_of(receipt_no)

    def print_proof_of(self, receipt_no: str) -> str:
        """The proof (or slip) of the sale's live invoice with the goods it covers: those
        stored with it (a replacement's), else the sale's less the returns of its chain."""
        with self._db.snapshot() as uow:
            sale = uow.sales.by_receipt_no(receipt_no)
            invoice = None if sale is None else uow.einvoices.of_sale(sale.sale_id)
            if sale is None or invoice is None:
                raise InvoiceNotFound(receipt_no)
            items = uow.einvoices.items_of(invoice.number) or _covered_items(uow, sale, invoice)
        return self.print_for_sale(sale.sale_id, items)

    # -- the sync step -------------------------------------------------------------------

    def top_up(self, source: BookletSource) -> TopUp:
        """Claim booklets until the current period holds ``numbers_ahead`` numbers (and the
        next period too on the current one's last day); give back past periods' numbers."""
        now = self._clock()
        returned = self.return_unused(source, before_period=period_of(now))
        periods = [period_of(now)]
        if period_of(now + timedelta(days=1)) != periods[0]:
            periods.append(next_period(periods[0]))
        claimed = 0
        problem: str | None = None
        for period in periods:
            with self._db.snapshot() as uow:
                missing = self.settings.numbers_ahead - uow.einvoices.remaining(period)
            if missing <= 0:
                continue
            try:
                answer = source.claim_booklets(period, math.ceil(missing / BOOKLET_SIZE))
            except WarehouseError as error:
                problem = getattr(error, "code", None) or "warehouse_unreachable"
                log.info("no e-invoice booklets for %s: %s", period, error)
                continue
            booklets = [
                Booklet(
                    int(b["booklet_id"]),
                    str(b["period"]),
                    str(b["track"]),
                    int(b["start_no"]),
                    int(b["end_no"]),
                    str(b["invoice_type"]),
                    int(b["start_no"]),
                )
                for b in answer
            ]
            with self._db.transaction() as uow:
                uow.einvoices.add_booklets(booklets)
            claimed += len(booklets)
        return TopUp(claimed, returned, self.numbers_left(), problem)

    def release_all(self) -> None:
        """The till closes or is replaced: every number it holds is to be given back."""
        with self._db.transaction() as uow:
            uow.einvoices.set_status([b.booklet_id for b in uow.einvoices.held()], "returning")

    def return_unused(self, source: BookletSource, before_period: str | None = None) -> int:
        """Give back booklets marked ``returning`` and those of periods before
        ``before_period``. They stop being issued from first, so no number given back is
        ever used; a booklet the warehouse did not take back stays ``returning``."""
        with self._db.snapshot() as uow:
            stale = [
                b.booklet_id
                for b in uow.einvoices.held()
                if before_period is not None and b.period < before_period
            ]
        if stale:  # the write lock only when there is something to mark
            with self._db.transaction() as uow:
                uow.einvoices.set_status(stale, "returning")
        with self._db.snapshot() as uow:
            returning = uow.einvoices.with_status("returning")
        if not returning:
            return 0
        items = [{"booklet_id": b.booklet_id, "next_unused_no": b.next_no} for b in returning]
        try:
            answer = source.return_booklets(items)
        except WarehouseError as error:
            log.info("booklets not returned yet: %s", error)
            return 0
        with self._db.transaction() as uow:
            uow.einvoices.set_status([int(i) for i in answer.get("returned", [])], "returned")
        return len(answer.get("returned", []))
