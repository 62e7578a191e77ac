"""Returns at the counter against a sale of this till's journal: find the sale by its
receipt number (an old, renumbered number too), show each line with what was already
returned, and take back chosen lines in ONE transaction: the local return rows, the
``return`` op in the outbox, local stock for goods back in the store, the cash refund
in the open shift (so the drawer's expected cash falls), and the e-invoice settlement.

Refunds are in proportion to what each line was paid (its line total, discounts
included), in whole NT$, computed on the quantity returned so far: the refund of a
line's first k pieces is ``floor(line_total * k / qty)`` dollars (all of it when
k = qty), so any sequence of partial returns refunds exactly the line's total at the
end and never more on the way.

The refund goes back to the tenders the sale was paid with (core/refunds.py): shared in
proportion to what each may still refund, whole NT$, a card or mobile part with the
refund's reference (card: approval code too). The cashier may refund it all in cash
instead; a cashier (not a supervisor) needs a supervisor's approval for that when a
part would have gone back to a card, mobile payment or voucher. A voucher's part is
refunded in cash, or as a new voucher (its number the reference) when the till is set
up so (``voucher_refund``). Only the cash part moves the shift's expected cash.

Finding the original: this store's sales in the till's journal work offline (by receipt
number, or by day and amount: ``search``); a receipt of another till or store, and a
search by the last digits of the customer's phone (phones live with the pickup and
dropship orders on the warehouse), ask the warehouse, and say ``warehouse_down`` when it
cannot be reached. A sale found on the warehouse is copied into the journal when its
return is taken (the return rows refer to its lines); what was already returned of it
is the warehouse's figure or this till's, whichever is larger, and the warehouse refuses
any excess when the return reaches it (``return_exceeds_sold``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from counter_app.core import receipts
from counter_app.core.einvoice import InvoiceRecord
from counter_app.core.einvoice_proof import AllowanceItem, ProofItem
from counter_app.core.ids import RETURN_PREFIX, uuid7
from counter_app.core.money import Money
from counter_app.core.ops import (
    MAX_RETURN_LINES,
    RefundTenderPayload,
    ReturnLinePayload,
    ReturnPayload,
    WarehouseDown,
    WarehouseError,
)
from counter_app.core.records import (
    PaymentRecord,
    RefundTenderRecord,
    ReturnLineRecord,
    ReturnRecord,
    SaleLineRecord,
    SaleRecord,
)
from counter_app.core.refunds import (
    VOUCHER_REFUNDS,
    RefundPart,
    moved_to_cash,
    settle_parts,
    split_refund,
    tender_rooms,
    with_cash_credit,
    with_references,
)
from counter_app.core.tenders import CASH, CASH_CODE, Tender, TenderError, TenderKind
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, RemoteInvoice, Settlement
from counter_app.services.permissions import Action, limits_for, may
from counter_app.services.ports import (
    ConnectivityReporter,
    ReturnsWarehouse,
    UnitOfWork,
    UnitOfWorkFactory,
)
from counter_app.services.receipts import ReceiptOutput
from counter_app.services.selling import TAIWAN
from counter_app.services.staff import Approval, StaffService
from counter_app.services.tenders import tender_of

DISPOSITIONS = ("restock_here", "send_to_warehouse", "damaged")
# A pickup or ship line refunded before its goods reached anyone (services/alerts.py):
# nothing comes back, no stock moves. Not offered on the returns screen.
NOT_FULFILLED = "not_fulfilled"


class ReturnError(Exception):
    """A return refused; ``code`` says why (the screen says it in words).

    Codes: ``not_found`` (no such receipt in this till's journal), ``nothing_chosen``,
    ``unknown_line``, ``bad_qty``, ``more_than_sold`` (beyond sold minus returned),
    ``bad_disposition``, ``too_many_lines``, ``no_open_shift``, ``approval_required`` (the refund is above the
    cashier's limit, or a cashier refunds card / mobile / voucher payments in cash),
    ``over_approver_limit``;
    ``refund_reference_required``, ``refund_approval_required`` (a card or mobile part
    without its refund reference / a card part without its approval code),
    ``card_number``, ``reference_too_long``, ``reference_invalid`` (a reference typed);
    ``warehouse_down`` (the sale is not in this till's journal and the warehouse cannot
    be reached), ``elsewhere_offline`` (another till's sale, copied here by an earlier
    return, and the warehouse cannot be reached: what other tills did to it and its
    e-invoice since is not known here), ``bad_search`` (a search with nothing to search by)."""

    def __init__(self, code: str, message: str, receipt_no: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.receipt_no = receipt_no


@dataclass(frozen=True, slots=True)
class ReturnableLine:
    line_id: str
    product_id: int
    sku: str
    name: str
    qty_sold: int
    qty_returned: int
    unit_price: Money
    line_total: Money

    @property
    def returnable(self) -> int:
        return self.qty_sold - self.qty_returned


@dataclass(frozen=True, slots=True)
class ReturnableSale:
    sale_id: str
    receipt_no: str
    created_at: str
    total: Money
    refunded: Money
    lines: tuple[ReturnableLine, ...]
    store_name: str = ""  # another store's sale (found on the warehouse); "" for this one
    origin: str = "journal"  # journal | warehouse
    # What each tender (method) paid, in the order paid, and what was refunded to it.
    paid: tuple[tuple[str, int], ...] = ()
    refunded_by_tender: tuple[tuple[str, int], ...] = ()
    # This till's own sale counted from its journal alone because the warehouse did not
    # answer: returns another till of the store took of it may be missing from the counts
    # (taking the return asks again; the warehouse refuses what was returned already).
    others_unchecked: bool = False

    def tender_rooms(self) -> dict[str, int]:
        """What each tender may still refund."""
        return tender_rooms(self.paid, dict(self.refunded_by_tender))


@dataclass(frozen=True, slots=True)
class SaleHit:
    receipt_no: str
    created_at: str
    total: Money
    origin: str  # journal | warehouse
    phone_tail: str | None = None


@dataclass(frozen=True, slots=True)
class SaleSearch:
    """Sales matching a search, newest first, and what the warehouse said: ``answered``,
    ``unreachable`` (only this till's journal was searched) or ``not_asked``."""

    hits: tuple[SaleHit, ...]
    warehouse: str


log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Remote:
    record: SaleRecord
    returned: dict[str, int]
    refunded_cents: int
    store_name: str
    return_ids: frozenset[str]  # the returns the warehouse counted
    refunded_by_tender: dict[str, int]
    einvoice: RemoteInvoice | None = None  # the sale's invoice as the warehouse has it


@dataclass(frozen=True, slots=True)
class RefundAs:
    """How the cashier refunds: ``to_cash`` all in cash instead of the original tenders;
    ``references`` method -> (refund reference, approval code) for card and mobile
    parts."""

    to_cash: bool = False
    references: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReturnChoice:
    """One line the customer brings back: how many, where they go, and for damaged goods
    why they are written off."""

    line_id: str
    qty: int
    disposition: str = "restock_here"
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ReturnedLine:
    name: str
    sku: str
    qty: int
    unit_price: Money
    refund: Money
    disposition: str


@dataclass(frozen=True, slots=True)
class CompletedReturn:
    return_id: str
    return_no: str
    receipt_no: str  # the original sale's
    op_id: str
    created_at: datetime
    staff_name: str
    lines: tuple[ReturnedLine, ...]
    refund: Money
    settlement: Settlement | None = None
    approved_by: str | None = None
    tenders: tuple[RefundPart, ...] = ()  # the refund per tender (cash first)

    @property
    def cash(self) -> Money:
        """What the drawer pays out."""
        return Money(moved_to_cash(self.tenders))


def refund_so_far_cents(line_total_cents: int, qty_sold: int, qty_returned: int) -> int:
    """What the first ``qty_returned`` pieces of a line refund, in whole NT$ (in cents)."""
    if qty_returned >= qty_sold:
        return line_total_cents
    return line_total_cents * qty_returned // qty_sold // 100 * 100


def line_refund_cents(line_total_cents: int, qty_sold: int, before: int, qty: int) -> int:
    """The refund of returning ``qty`` more pieces of a line of which ``before`` came back."""
    return refund_so_far_cents(line_total_cents, qty_sold, before + qty) - refund_so_far_cents(
        line_total_cents, qty_sold, before
    )


class ReturnsService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        staff: StaffService | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
        invoicing: EinvoiceService | None = None,
        output: ReceiptOutput | None = None,
        warehouse: ReturnsWarehouse | None = None,
        voucher_refund: str = "cash",
        connectivity: ConnectivityReporter | None = None,
    ) -> None:
        if voucher_refund not in VOUCHER_REFUNDS:
            raise ValueError(f"a voucher's share is refunded as {VOUCHER_REFUNDS}")
        self._voucher_refund = voucher_refund
        self._connectivity = connectivity
        self._output = output
        self._warehouse = warehouse
        self._db = db
        self._store = store
        self._staff = staff
        self._clock = clock
        self._invoicing = invoicing

    def find(self, receipt_no: str) -> ReturnableSale:
        """The sale of this receipt number with what each line may still return: this
        till's own sale from its journal, counted as the warehouse counts it when it
        answers (returns at the store's other tills included; else ``others_unchecked``);
        another till's or store's from the warehouse. ReturnError ``not_found``,
        ``warehouse_down``, ``elsewhere_offline``."""
        receipt_no = receipt_no.strip()
        with self._db.snapshot() as uow:
            local = uow.sales.by_receipt_no(receipt_no)
        if self._own(local):
            assert local is not None
            # As the warehouse counts it when it answers: another till of the store may
            # have taken a return of this sale (the journal knows only this till's).
            own, answered = self._ask_own(local)
            with self._db.snapshot() as uow:
                sale = self._returnable(uow, local, own)
            return replace(
                sale,
                origin="journal",
                others_unchecked=not answered and self._warehouse is not None,
            )
        remote = self._remote(receipt_no, copied=local is not None and local.origin == "warehouse")
        with self._db.snapshot() as uow:
            return self._returnable(uow, remote.record, remote)

    def search(self, day: date, amount: Money | None = None, phone_digits: str = "") -> SaleSearch:
        """This store's sales of ``day``: this till's journal (by day and amount; its
        sales carry no phone), and the warehouse's (every till of the store; the last
        digits of the phone a pickup or dropship order of the sale was made with narrow
        them). ReturnError ``bad_search`` for phone digits that are not 3 to 10 digits."""
        phone = phone_digits.strip()
        if phone and not (phone.isdigit() and 3 <= len(phone) <= 10):
            raise ReturnError("bad_search", "the last 3 to 10 digits of the phone")
        amount_cents = None if amount is None else amount.cents
        with self._db.snapshot() as uow:
            local = uow.returns.search_sales(
                self._store.location_id, day.isoformat(), amount_cents, 50
            )
        hits = {
            s.receipt_no: SaleHit(s.receipt_no, s.created_at, Money(s.total_cents), "journal")
            for s in local
        }
        state = "not_asked"
        if self._warehouse is not None:
            try:
                found = self._warehouse.search_sales(day.isoformat(), amount_cents, phone or None)
                state = "answered"
                self._heard()
            except WarehouseError as exc:
                found, state = [], "unreachable"
                self._heard(exc)
            for row in found:
                hit = SaleHit(
                    str(row["receipt_no"]),
                    str(row["created_at"]),
                    Money(int(row["total_cents"])),
                    "warehouse",
                    row.get("customer_phone_tail"),
                )
                if hit.receipt_no in hits:  # this till's sale: the journal's, with the phone
                    hit = SaleHit(
                        hit.receipt_no,
                        hits[hit.receipt_no].created_at,
                        hit.total,
                        "journal",
                        hit.phone_tail,
                    )
                hits[hit.receipt_no] = hit
            if phone and state == "answered":
                # A phone narrows to the sales that have one; the journal's have none.
                hits = {k: h for k, h in hits.items() if h.phone_tail is not None}
        ordered = sorted(hits.values(), key=lambda h: h.created_at, reverse=True)
        return SaleSearch(tuple(ordered), state)

    def refund_for(self, receipt_no: str, choices: Sequence[ReturnChoice]) -> Money:
        """What returning ``choices`` would refund now (checked as ``complete`` checks)."""
        sale = self.find(receipt_no)
        return Money(sum(cents for _, _, cents in self._priced(sale, choices)))

    def tenders(self) -> dict[str, Tender]:
        """Every tender this till knows by code, cash too (names and kinds for the screen)."""
        with self._db.snapshot() as uow:
            return self._tenders(uow)

    def refund_split(
        self,
        sale: ReturnableSale,
        choices: Sequence[ReturnChoice],
        *,
        to_cash: bool = False,
        tenders: Mapping[str, Tender] | None = None,
        offset_cents: int = 0,
    ) -> list[RefundPart]:
        """How returning ``choices`` of ``sale`` would be refunded, tender by tender (the
        screen shows it before the cashier confirms; ``complete`` splits it again).
        ``tenders``: from ``tenders()``, read here when not given. ``offset_cents``: an
        exchange's new goods, paid by the refund: the split of what is left over."""
        refund = min(
            sum(cents for _, _, cents in self._priced(sale, choices)),
            sale.total.cents - sale.refunded.cents,
        )
        refund -= min(refund, offset_cents)
        known = self.tenders() if tenders is None else tenders
        return self._split(sale, refund, {c: t.kind for c, t in known.items()}, to_cash)

    def complete(
        self,
        receipt_no: str,
        choices: Sequence[ReturnChoice],
        staff: StaffMember,
        approval: Approval | None = None,
        *,
        audit: tuple[StaffMember, str, Mapping[str, Any]] | None = None,
        refund_as: RefundAs | None = None,
    ) -> CompletedReturn:
        """Record the return and its refund in one transaction; ReturnError (codes
        above) or ApprovalRefused when ``approval`` is not good for REFUND_OVER_LIMIT.
        ``refund_as``: cash instead of the original tenders, the card and mobile parts'
        references (default: back to the original tenders, no references).
        ``audit``: (who, action, detail) written in the same transaction (a voided sale)."""
        approver = self.redeem(approval)
        now = self._clock()
        remote = self.prepare(receipt_no)
        with self._db.transaction() as uow:
            return self.record(
                uow,
                receipt_no,
                choices,
                staff,
                approver,
                now,
                remote,
                audit=audit,
                refund_as=refund_as,
            )

    def redeem(self, approval: Approval | None) -> StaffMember | None:
        """The supervisor of a REFUND_OVER_LIMIT approval (None without one)."""
        if approval is None:
            return None
        if self._staff is None:
            raise ReturnError("approval_required", "approvals cannot be checked here")
        return self._staff.redeem(approval, Action.REFUND_OVER_LIMIT)

    def prepare(self, receipt_no: str) -> _Remote | None:
        """Before the transaction: a sale not in this store's journal, fresh from the
        warehouse (what was returned elsewhere). For this till's own sale, the warehouse's
        answer too when it gives one (another till of the store may have taken a return
        of it since: its invoice voided, replaced or allowed there), else None: the
        journal alone, offline."""
        with self._db.snapshot() as uow:
            local = uow.sales.by_receipt_no(receipt_no.strip())
            if self._own(local):
                assert local is not None
                return self._own_on_warehouse(local)
        return self._remote(
            receipt_no.strip(), copied=local is not None and local.origin == "warehouse"
        )

    def _own_on_warehouse(self, local: SaleRecord) -> _Remote | None:
        """This till's sale as the warehouse counts it (returns and invoice documents of
        every till), on this till's own record; None when the warehouse cannot be asked,
        does not answer, or does not know the sale yet (its op still on its way)."""
        return self._ask_own(local)[0]

    def _ask_own(self, local: SaleRecord) -> tuple[_Remote | None, bool]:
        """`_own_on_warehouse`, and whether the warehouse answered about the sale (it
        knows it, or says it does not know it yet: then no other till can have returned
        any of it). False: not asked, unreachable, or an answer not understood."""
        if self._warehouse is None:
            return None, False
        try:
            body = self._warehouse.sale_by_receipt(local.receipt_no)
            self._heard()
            remote = _remote_sale(body)
        except WarehouseError as exc:
            self._heard(exc)
            log.info("return of own sale %s from the journal: %s", local.receipt_no, exc)
            return None, getattr(exc, "code", "") == "sale_not_found"
        except (KeyError, TypeError, ValueError) as exc:
            log.info("return of own sale %s from the journal: %s", local.receipt_no, exc)
            return None, False
        if remote.record.sale_id != local.sale_id:
            return None, True  # a renumbered receipt: not this sale
        return replace(remote, record=local, store_name=""), True

    def _heard(self, error: WarehouseError | None = None) -> None:
        """Tell the status bar what asking the warehouse just showed: no answer at all
        (WarehouseDown) counts against the link, any answer (a refusal included) for it.
        Otherwise a Find that fell back to the journal left the bar saying online until
        the sync loop noticed."""
        if self._connectivity is None:
            return
        if isinstance(error, WarehouseDown):
            self._connectivity.report_failure(str(error))
        else:
            self._connectivity.report_success()

    def _own(self, sale: SaleRecord | None) -> bool:
        """A sale this till rang up for this store: its journal knows its returns and its
        invoice. Another till's sale copied here for an earlier return is not: returns
        and replacements at other tills since are on the warehouse only."""
        return (
            sale is not None
            and sale.location_id == self._store.location_id
            and sale.origin == "till"
        )

    def record(
        self,
        uow: UnitOfWork,
        receipt_no: str,
        choices: Sequence[ReturnChoice],
        staff: StaffMember,
        approver: StaffMember | None,
        now: datetime,
        remote: _Remote | None,
        *,
        offset_cents: int = 0,
        exchange_sale_id: str | None = None,
        audit: tuple[StaffMember, str, Mapping[str, Any]] | None = None,
        refund_as: RefundAs | None = None,
    ) -> CompletedReturn:
        """The return in ``uow`` (the caller's transaction): its rows, the ``return`` op,
        stock deltas, the e-invoice settlement. The cashier's refund limit applies to the
        refund less ``offset_cents`` (an exchange's new goods: only the difference is
        paid out); ``exchange_sale_id`` links the op to an exchange's new sale, whose
        credit (the refund up to ``offset_cents``) is refunded in cash: it pays the new
        sale as a cash payment. A difference given back is split over the original
        tenders as any refund is (``refund_as``: all in cash instead, the card and mobile
        parts' references)."""
        refund_as = refund_as or RefundAs()
        return_id = uuid7()
        receipt_no = receipt_no.strip()
        shift = uow.shifts.open_shift(self._store.location_id)
        if shift is None:
            raise ReturnError("no_open_shift", "open a shift before taking a return")
        if remote is None:
            record = self._sale(uow, receipt_no)
        else:
            record = remote.record
            if uow.sales.by_receipt_no(receipt_no) is None:
                uow.sales.add(record)  # the original's copy the return rows refer to
        sale = self._returnable(uow, record, remote)
        priced = self._priced(sale, choices)
        refund = sum(cents for _, _, cents in priced)
        # Never more than was paid, whatever the rounding of earlier returns did.
        refund = min(refund, sale.total.cents - sale.refunded.cents)
        paid_out = refund - offset_cents
        if paid_out > limits_for(staff.role).refund_cents:
            if approver is None:
                raise ReturnError(
                    "approval_required", f"a refund of {Money(paid_out)} needs a supervisor"
                )
            if paid_out > limits_for(approver.role).refund_cents:
                raise ReturnError(
                    "over_approver_limit",
                    f"a refund of {Money(paid_out)} is above the approver's limit",
                )
        kinds = self._kinds(uow)
        # An exchange's credit pays its new goods (as cash); what is left goes back like
        # any refund: to the original tenders, or all in cash when the cashier chose so
        # (in place of a card, mobile payment or voucher: a supervisor's approval).
        credit = min(refund, offset_cents) if exchange_sale_id is not None else 0
        given_back = refund - credit
        if (
            refund_as.to_cash
            and approver is None
            and not may(staff.role, Action.REFUND_OVER_LIMIT)
            and any(p.method != CASH_CODE for p in self._split(sale, given_back, kinds, False))
        ):
            raise ReturnError(
                "approval_required", "refunding other tenders in cash needs a supervisor"
            )
        parts = with_cash_credit(credit, self._split(sale, given_back, kinds, refund_as.to_cash))
        try:
            parts = with_references(parts, kinds, refund_as.references)
        except TenderError as error:
            raise ReturnError(error.code, str(error), sale.receipt_no) from error
        return_no = uow.sync_state.next_document_number(RETURN_PREFIX, self._store.code, now.date())
        lines = tuple(
            ReturnLineRecord(line.line_id, line.product_id, choice.qty, cents, choice.disposition)
            for line, choice, cents in priced
        )
        uow.returns.add(
            ReturnRecord(
                return_id=return_id,
                return_no=return_no,
                sale_id=sale.sale_id,
                shift_id=shift.shift_id,
                location_id=self._store.location_id,
                staff_id=staff.id,
                created_at=now.isoformat(),
                refund_cents=refund,
                method=CASH_CODE if all(p.method == CASH_CODE for p in parts) else "split",
                lines=lines,
                tenders=tuple(
                    RefundTenderRecord(p.method, p.amount_cents, p.reference, p.approval_code)
                    for p in parts
                ),
            )
        )
        op_id = uow.outbox.enqueue(
            ReturnPayload(
                return_id=return_id,
                sale_id=sale.sale_id,
                refund_cents=refund,
                lines=tuple(
                    ReturnLinePayload(
                        r.product_id,
                        r.qty,
                        r.disposition,
                        (choice.reason.strip()[:200] or None)
                        if r.disposition == "damaged"
                        else None,
                    )
                    for r, (_, choice, _) in zip(lines, priced, strict=True)
                ),
                exchange_sale_id=exchange_sale_id,
                tenders=tuple(
                    RefundTenderPayload(p.method, p.amount_cents, p.reference, p.approval_code)
                    for p in parts
                ),
            )
        )
        for r in lines:
            # The warehouse puts restocked and to-be-transferred goods back into the
            # store's on_hand (the transfer moves them later); damaged ones never.
            if r.disposition not in ("damaged", NOT_FULFILLED):
                uow.stock_deltas.add_pending(op_id, self._store.location_id, r.product_id, r.qty)
        if audit is not None:
            who, action, detail = audit
            uow.audit.record(
                who.id, action, {**detail, "return_id": return_id, "refund_cents": refund}
            )
        if approver is not None:
            uow.audit.record(
                approver.id,
                "return.refund_over_limit",
                {"return_id": return_id, "refund_cents": refund, "cashier_id": staff.id},
            )
        settlement = (
            self._invoicing.settle_return(
                uow,
                sale.sale_id,
                return_id,
                refund,
                now,
                self._invoice_elsewhere(remote),
                shift_id=shift.shift_id,
                covered=_kept(sale, priced) if remote is not None else (),
                sale=record,
            )
            if self._invoicing is not None and refund > 0
            else None
        )
        return CompletedReturn(
            return_id=return_id,
            return_no=return_no,
            receipt_no=sale.receipt_no,
            op_id=op_id,
            created_at=now,
            staff_name=staff.name,
            lines=tuple(
                ReturnedLine(
                    line.name,
                    line.sku,
                    choice.qty,
                    line.unit_price,
                    Money(cents),
                    choice.disposition,
                )
                for line, choice, cents in priced
            ),
            refund=Money(refund),
            settlement=settlement,
            approved_by=None if approver is None else approver.name,
            tenders=tuple(parts),
        )

    def print_return(self, done: CompletedReturn) -> str | None:
        """The return receipt (with the original receipt number) through the print queue,
        and the drawer opened for the cash refund. None without a printer."""
        if self._output is None:
            return None
        data = receipts.ReturnReceiptData(
            store_name=self._store.name,
            return_no=done.return_no,
            original_receipt_no=done.receipt_no,
            cashier_name=done.staff_name,
            created_at=done.created_at,
            returned=[receipts.SaleLine(r.name, r.qty, r.unit_price, r.refund) for r in done.lines],
            refunds=tuple(
                receipts.RefundLine(p.method, Money(p.amount_cents), p.reference)
                for p in done.tenders
            ),
        )
        job = self._output.submit(receipts.return_receipt(data), title=done.return_no)
        settled = done.settlement
        if (
            self._invoicing is not None
            and settled is not None
            and settled.kind == "allowance"
            and settled.allowance_no is not None
        ):
            # A return after the invoice's period: the allowance certificate (折讓證明單)
            # for the customer to sign; the store keeps it.
            self._invoicing.print_allowance(
                settled, [AllowanceItem(r.name, r.qty, r.refund.cents) for r in done.lines]
            )
        if self._invoicing is not None and settled is not None and settled.kind == "reissue":
            # Within the invoice's period: the invoice was voided and a new one issued for
            # what the customer kept; its proof (電子發票證明聯) replaces the old one.
            self._invoicing.print_replacement(settled, done.receipt_no)
        if done.cash.cents > 0:
            self._output.open_drawer(f"cash refund {done.return_no}")
        return job

    # -- helpers --------------------------------------------------------------------

    def _invoice_elsewhere(self, remote: _Remote | None) -> RemoteInvoice | None:
        """The remote sale's invoice as the settlement needs it, and whether the sale is
        this store's (this till's allowances and voids the warehouse has not counted yet
        are in its journal: the settlement adds them)."""
        if remote is None or remote.einvoice is None:
            return None
        return replace(
            remote.einvoice, same_store=remote.record.location_id == self._store.location_id
        )

    @staticmethod
    def _tenders(uow: UnitOfWork) -> dict[str, Tender]:
        known = {t.code: t for r in uow.tenders.all() if (t := tender_of(r)) is not None}
        return {**known, CASH_CODE: CASH}

    @classmethod
    def _kinds(cls, uow: UnitOfWork) -> dict[str, TenderKind]:
        return {code: t.kind for code, t in cls._tenders(uow).items()}

    def _split(
        self, sale: ReturnableSale, refund: int, kinds: Mapping[str, TenderKind], to_cash: bool
    ) -> list[RefundPart]:
        rooms = sale.tender_rooms()
        if refund > sum(rooms.values()):
            # Cash stood in for other tenders before (or a sale without payments):
            # what the tenders cannot hold goes back in cash.
            rooms[CASH_CODE] = rooms.get(CASH_CODE, 0) + refund - sum(rooms.values())
        parts = split_refund(refund, rooms)
        return settle_parts(parts, kinds, to_cash=to_cash, voucher_as=self._voucher_refund)

    def _sale(self, uow: UnitOfWork, receipt_no: str) -> SaleRecord:
        sale = uow.sales.by_receipt_no(receipt_no.strip())
        if sale is None or sale.location_id != self._store.location_id:
            raise ReturnError(
                "not_found",
                f"no sale {receipt_no.strip()} in this till's journal",
                receipt_no.strip(),
            )
        return sale

    def _remote(self, receipt_no: str, copied: bool = False) -> _Remote:
        """The sale from the warehouse (another till's or store's). ``copied``: the
        journal holds a copy from an earlier return here, which cannot tell what other
        tills did since (returns, replacements, allowances): offline, ReturnError
        ``elsewhere_offline``."""
        down = "elsewhere_offline" if copied else "warehouse_down"
        if self._warehouse is None:
            if copied:
                raise ReturnError(down, f"sale {receipt_no} is another till's", receipt_no)
            raise ReturnError(
                "not_found", f"no sale {receipt_no} in this till's journal", receipt_no
            )
        try:
            body = self._warehouse.sale_by_receipt(receipt_no)
            self._heard()
        except WarehouseDown as exc:
            self._heard(exc)
            raise ReturnError(down, str(exc), receipt_no) from exc
        except WarehouseError as exc:
            self._heard(exc)
            if getattr(exc, "code", "") == "sale_not_found":
                raise ReturnError("not_found", f"no sale {receipt_no}", receipt_no) from exc
            raise ReturnError(down, str(exc), receipt_no) from exc
        try:
            return _remote_sale(body)
        except (KeyError, TypeError, ValueError) as exc:
            raise ReturnError("warehouse_down", f"an answer not understood: {exc}") from exc

    @staticmethod
    def _returnable(
        uow: UnitOfWork, sale: SaleRecord, remote: _Remote | None = None
    ) -> ReturnableSale:
        if remote is None:
            returned = uow.returns.returned_qty(sale.sale_id)
            refunded = uow.returns.refunded_cents(sale.sale_id)
            by_tender = uow.returns.refunded_by_tender(sale.sale_id)
        else:
            # The warehouse counted every return that reached it; add this till's own
            # that it has not counted yet (not sent, or sent after it answered).
            returned = dict(remote.returned)
            refunded = remote.refunded_cents
            by_tender = dict(remote.refunded_by_tender)
            for ret in uow.returns.of_sale(sale.sale_id):
                if ret.return_id in remote.return_ids:
                    continue
                refunded += ret.refund_cents
                for t in ret.tenders or (RefundTenderRecord(ret.method, ret.refund_cents),):
                    by_tender[t.method] = by_tender.get(t.method, 0) + t.amount_cents
                for line in ret.lines:
                    returned[line.sale_line_id] = returned.get(line.sale_line_id, 0) + line.qty
        return ReturnableSale(
            sale_id=sale.sale_id,
            receipt_no=sale.receipt_no,
            created_at=sale.created_at,
            total=Money(sale.total_cents),
            refunded=Money(refunded),
            lines=tuple(
                ReturnableLine(
                    line_id=line.line_id,
                    product_id=line.product_id,
                    sku=line.sku,
                    name=line.name,
                    qty_sold=line.qty,
                    qty_returned=min(line.qty, returned.get(line.line_id, 0)),
                    unit_price=Money(line.unit_price_cents),
                    line_total=Money(line.line_total_cents),
                )
                for line in sorted(sale.lines, key=lambda x: x.position)
            ),
            store_name="" if remote is None else remote.store_name,
            origin="journal" if remote is None else "warehouse",
            paid=tuple((p.method, p.amount_cents) for p in sale.payments),
            refunded_by_tender=tuple(sorted(by_tender.items())),
        )

    @staticmethod
    def _priced(
        sale: ReturnableSale, choices: Sequence[ReturnChoice]
    ) -> list[tuple[ReturnableLine, ReturnChoice, int]]:
        chosen = [c for c in choices if c.qty != 0]
        if not chosen:
            raise ReturnError("nothing_chosen", "choose what comes back")
        if len(chosen) > MAX_RETURN_LINES:
            raise ReturnError("too_many_lines", f"a return takes at most {MAX_RETURN_LINES} lines")
        by_id = {line.line_id: line for line in sale.lines}
        seen: set[str] = set()
        priced = []
        for choice in chosen:
            line = by_id.get(choice.line_id)
            if line is None or choice.line_id in seen:
                raise ReturnError(
                    "unknown_line", f"line {choice.line_id} is not on {sale.receipt_no}"
                )
            seen.add(choice.line_id)
            if choice.qty < 0:
                raise ReturnError("bad_qty", "a quantity returned is a positive number")
            if choice.qty > line.returnable:
                raise ReturnError(
                    "more_than_sold",
                    f"{line.name}: {line.returnable} of {line.qty_sold} may still be returned",
                )
            if choice.disposition not in (*DISPOSITIONS, NOT_FULFILLED):
                raise ReturnError("bad_disposition", f"unknown disposition {choice.disposition!r}")
            cents = line_refund_cents(
                line.line_total.cents, line.qty_sold, line.qty_returned, choice.qty
            )
            priced.append((line, choice, cents))
        return priced


def _remote_sale(body: dict[str, Any]) -> _Remote:
    """The warehouse's ``GET /sales/by-receipt`` answer as a journal record."""
    created = datetime.fromisoformat(str(body["created_at"])).astimezone(TAIWAN)
    lines = tuple(
        SaleLineRecord(
            line_id=str(line["line_id"]),
            position=position,
            product_id=int(line["product_id"]),
            sku=str(line["sku"]),
            name=str(line["name"]),
            qty=int(line["qty"]),
            unit_price_cents=int(line["unit_price_cents"]),
            line_total_cents=int(line["line_total_cents"]),
        )
        for position, line in enumerate(body["lines"])
    )
    payments = tuple(
        PaymentRecord(uuid7(), str(p["method"]), int(p["amount_cents"]), 0, 0)
        for p in body["payments"]
    )
    record = SaleRecord(
        sale_id=str(body["sale_id"]),
        receipt_no=str(body["receipt_no"]),
        location_id=int(body["location_id"]),
        cashier_id=0,
        cashier_name="",
        created_at=created.isoformat(),
        total_cents=int(body["total_cents"]),
        lines=lines,
        payments=payments,
        origin="warehouse",
    )
    returned = {str(line["line_id"]): int(line["returned"]) for line in body["lines"]}
    return _Remote(
        record,
        returned,
        int(body["refunded_cents"]),
        str(body["location_name"]),
        frozenset(str(r) for r in body.get("return_ids", ())),
        {str(k): int(v) for k, v in dict(body.get("refunded_by_tender", {})).items()},
        _remote_invoice(record.sale_id, body.get("einvoice")),
    )


def _remote_invoice(sale_id: str, body: dict[str, Any] | None) -> RemoteInvoice | None:
    """The warehouse's ``einvoice`` of a looked-up sale (None: it has none yet)."""
    if not body:
        return None
    issued = datetime.fromisoformat(str(body["issued_at"])).astimezone(TAIWAN)
    allowances = tuple(
        (str(a["allowance_no"]), int(a["total_cents"]), bool(a.get("voided")))
        for a in body.get("allowances", ())
    )
    return RemoteInvoice(
        InvoiceRecord(
            number=str(body["number"]),
            sale_id=sale_id,
            booklet_id=0,
            period=str(body["period"]),
            random_code=str(body["random_code"]),
            issued_at=issued.isoformat(),
            sales_amount_cents=int(body["sales_amount_cents"]),
            tax_cents=int(body["tax_cents"]),
            total_cents=int(body["total_cents"]),
            seller_id=str(body["seller_id"]),
            buyer_id=None if body.get("buyer_id") is None else str(body["buyer_id"]),
            carrier_type=_text_or_none(body.get("carrier_type")),
            carrier_id=_text_or_none(body.get("carrier_id")),
            donation_code=_text_or_none(body.get("donation_code")),
        ),
        voided=bool(body["voided"]),
        allowances=allowances,
        voided_numbers=frozenset(str(n) for n in body.get("voided_numbers", ())),
    )


def _kept(
    sale: ReturnableSale, priced: Sequence[tuple[ReturnableLine, ReturnChoice, int]]
) -> tuple[ProofItem, ...]:
    """What the customer keeps of the sale after this return (and every earlier one), at
    the prices paid, in whole dollars: the goods a replacement invoice covers."""
    now_taken = {line.line_id: choice.qty for line, choice, _ in priced}
    return tuple(
        ProofItem(line.name, left, (line.unit_price.cents + 50) // 100)
        for line in sale.lines
        if (left := line.returnable - now_taken.get(line.line_id, 0)) > 0
    )


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
