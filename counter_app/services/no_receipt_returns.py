"""Returns without a receipt: the customer brings goods back with no receipt to scan.

A supervisor approves each one (``Action.RETURN_NO_RECEIPT``); the refund is in cash at
the lowest price a piece was paid at in this till's journal over the last 30 days, or
the list price when that is lower or the product was not sold here (policy
``lowest_30_days``), or always at the list price (policy ``list_price``), in whole NT$.
One customer's phone gets at most ``limit`` such returns in ``period_days``: the
warehouse enforces it when it records the return (a row lock per phone, see
warehouse_api/services/returns.py) and answers how many the phone used when asked; the
till asks before paying, and offline it counts its own returns of that phone instead (a
soft check: another till's returns are not known until the link is back, and the
warehouse then refuses the excess, which the sync panel shows).

One local transaction: the return and its lines, the ``return`` op with ``no_receipt``
(its own outbox entity), the stock deltas for goods back in the store, the cash refund
in the open shift, and an audit entry naming the supervisor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from counter_app.core import receipts
from counter_app.core.catalog import ProductInfo
from counter_app.core.ids import RETURN_PREFIX, uuid7
from counter_app.core.money import Money
from counter_app.core.ops import (
    MAX_RETURN_LINES,
    NoReceiptPayload,
    ReturnLinePayload,
    ReturnPayload,
    WarehouseDown,
    WarehouseError,
)
from counter_app.core.records import NoReceiptLineRecord, NoReceiptReturnRecord
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action, limits_for
from counter_app.services.pickups import normalise_phone
from counter_app.services.ports import ReturnsWarehouse, UnitOfWork, UnitOfWorkFactory
from counter_app.services.receipts import ReceiptOutput
from counter_app.services.returns import (
    DISPOSITIONS,
    CompletedReturn,
    ReturnedLine,
    ReturnError,
)
from counter_app.services.selling import TAIWAN
from counter_app.services.staff import Approval, StaffService

PRICE_POLICIES = ("lowest_30_days", "list_price")
LOOKBACK_DAYS = 30
DEFAULT_LIMIT = 3  # the warehouse's default (no_receipt_returns_per_phone)
DEFAULT_PERIOD_DAYS = 30


@dataclass(frozen=True, slots=True)
class NoReceiptItem:
    """A product the customer brings back (its SKU or barcode), how many, where it goes."""

    code: str
    qty: int
    disposition: str = "restock_here"
    reason: str = ""  # damaged goods: why they are written off


@dataclass(frozen=True, slots=True)
class NoReceiptLine:
    product: ProductInfo
    qty: int
    unit_refund: Money
    refund: Money
    disposition: str
    lowest_paid: Money | None  # the lowest paid here in the last 30 days; None: not sold
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PhoneUsage:
    """How many returns without a receipt the phone made in the period, and where from:
    ``warehouse`` (every till) or ``this_till`` (offline: this till's only)."""

    used: int
    limit: int
    period_days: int
    source: str

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)


@dataclass(frozen=True, slots=True)
class NoReceiptQuote:
    phone: str
    lines: tuple[NoReceiptLine, ...]
    refund: Money
    policy: str
    usage: PhoneUsage


def unit_refund_cents(list_cents: int, lowest_paid_cents: int | None, policy: str) -> int:
    """What one piece refunds, in whole NT$ (cents): the list price under ``list_price``;
    under ``lowest_30_days`` the lower of the list price and the lowest paid."""
    cents = list_cents
    if policy == "lowest_30_days" and lowest_paid_cents is not None:
        cents = min(cents, lowest_paid_cents)
    return max(0, cents) // 100 * 100


class NoReceiptReturnsService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        staff: StaffService,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
        warehouse: ReturnsWarehouse | None = None,
        policy: str = "lowest_30_days",
        limit: int = DEFAULT_LIMIT,
        period_days: int = DEFAULT_PERIOD_DAYS,
        output: ReceiptOutput | None = None,
    ) -> None:
        if policy not in PRICE_POLICIES:
            raise ValueError(f"unknown no-receipt price policy {policy!r}")
        self._db = db
        self._store = store
        self._staff = staff
        self._clock = clock
        self._warehouse = warehouse
        self.policy = policy
        self._limit = limit
        self._period_days = period_days
        self._output = output

    def usage(self, phone_text: str) -> PhoneUsage:
        """The phone's returns without a receipt in the period: the warehouse's count
        when it answers, else this till's own (ReturnError ``bad_phone``)."""
        phone = self._phone(phone_text)
        if self._warehouse is not None:
            try:
                body = self._warehouse.no_receipt_usage(phone)
                return PhoneUsage(
                    int(body["used"]), int(body["limit"]), int(body["period_days"]), "warehouse"
                )
            except WarehouseDown:
                pass
            except (WarehouseError, KeyError, TypeError, ValueError):
                pass  # an older or confused warehouse: fall back to what this till knows
        since = (self._clock() - timedelta(days=self._period_days)).isoformat()
        with self._db.snapshot() as uow:
            used = uow.returns.no_receipt_count(phone, since)
        return PhoneUsage(used, self._limit, self._period_days, "this_till")

    def quote(self, phone_text: str, items: Sequence[NoReceiptItem]) -> NoReceiptQuote:
        """What these items would refund and how many returns the phone has left."""
        usage = self.usage(phone_text)
        with self._db.snapshot() as uow:
            lines = self._priced(uow, items, self._clock())
        return NoReceiptQuote(
            self._phone(phone_text),
            lines,
            Money(sum(line.refund.cents for line in lines)),
            self.policy,
            usage,
        )

    def complete(
        self,
        phone_text: str,
        items: Sequence[NoReceiptItem],
        staff: StaffMember,
        approval: Approval | None,
    ) -> CompletedReturn:
        """Take the return and pay the refund in cash. ReturnError: ``approval_required``
        (always: a supervisor approves every return without a receipt), ``bad_phone``,
        ``no_receipt_limit``, ``nothing_chosen``, ``unknown_product``, ``bad_qty``,
        ``bad_disposition``, ``too_many_lines``, ``no_open_shift``,
        ``over_approver_limit``; ApprovalRefused for an approval not good for it."""
        phone = self._phone(phone_text)
        if approval is None:
            raise ReturnError("approval_required", "a supervisor approves returns without receipt")
        approver = self._staff.redeem(approval, Action.RETURN_NO_RECEIPT)
        usage = self.usage(phone)
        if usage.used >= usage.limit:
            raise ReturnError(
                "no_receipt_limit",
                f"{usage.used} returns without a receipt in {usage.period_days} days",
            )
        now = self._clock()
        return_id = uuid7()
        with self._db.transaction() as uow:
            shift = uow.shifts.open_shift(self._store.location_id)
            if shift is None:
                raise ReturnError("no_open_shift", "open a shift before taking a return")
            if usage.source == "warehouse":
                # Returns this till took since the answer and not yet on the warehouse
                # are not in its count: this till's own count is a floor.
                since = (now - timedelta(days=self._period_days)).isoformat()
                if uow.returns.no_receipt_count(phone, since) >= usage.limit:
                    raise ReturnError("no_receipt_limit", "the phone's limit is reached")
            lines = self._priced(uow, items, now)
            refund = sum(line.refund.cents for line in lines)
            if refund > limits_for(approver.role).refund_cents:
                raise ReturnError(
                    "over_approver_limit",
                    f"a refund of {Money(refund)} is above the approver's limit",
                )
            return_no = uow.sync_state.next_document_number(
                RETURN_PREFIX, self._store.code, now.date()
            )
            uow.returns.add_no_receipt(
                NoReceiptReturnRecord(
                    return_id=return_id,
                    return_no=return_no,
                    shift_id=shift.shift_id,
                    location_id=self._store.location_id,
                    staff_id=staff.id,
                    approved_by=approver.id,
                    customer_phone=phone,
                    price_basis=self.policy,
                    created_at=now.isoformat(),
                    refund_cents=refund,
                    method="cash",
                    lines=tuple(
                        NoReceiptLineRecord(
                            line.product.id,
                            line.qty,
                            line.unit_refund.cents,
                            line.refund.cents,
                            line.disposition,
                        )
                        for line in lines
                    ),
                )
            )
            op_id = uow.outbox.enqueue(
                ReturnPayload(
                    return_id=return_id,
                    sale_id=None,
                    refund_cents=refund,
                    lines=tuple(
                        ReturnLinePayload(
                            line.product.id,
                            line.qty,
                            line.disposition,
                            (line.reason.strip()[:200] or None)
                            if line.disposition == "damaged"
                            else None,
                        )
                        for line in lines
                    ),
                    no_receipt=NoReceiptPayload(phone, approver.id, self.policy),
                )
            )
            for line in lines:
                if line.disposition != "damaged":
                    uow.stock_deltas.add_pending(
                        op_id, self._store.location_id, line.product.id, line.qty
                    )
            uow.audit.record(
                approver.id,
                "return.no_receipt",
                {
                    "return_id": return_id,
                    "return_no": return_no,
                    "refund_cents": refund,
                    "cashier_id": staff.id,
                    "phone_tail": phone[-3:],
                    "price_basis": self.policy,
                },
            )
        return CompletedReturn(
            return_id=return_id,
            return_no=return_no,
            receipt_no="",
            op_id=op_id,
            created_at=now,
            staff_name=staff.name,
            lines=tuple(
                ReturnedLine(
                    line.product.name,
                    line.product.sku,
                    line.qty,
                    line.unit_refund,
                    line.refund,
                    line.disposition,
                )
                for line in lines
            ),
            refund=Money(refund),
            approved_by=approver.name,
        )

    def print_return(self, done: CompletedReturn) -> str | None:
        """The return receipt (「無收據退貨」 where the original number goes) and the drawer."""
        if self._output is None:
            return None
        data = receipts.ReturnReceiptData(
            store_name=self._store.name,
            return_no=done.return_no,
            original_receipt_no="無收據退貨",
            cashier_name=done.staff_name,
            created_at=done.created_at,
            returned=[receipts.SaleLine(r.name, r.qty, r.unit_price, r.refund) for r in done.lines],
            reason=f"無收據退貨，主管 {done.approved_by} 核准"
            if done.approved_by
            else "無收據退貨",
        )
        job = self._output.submit(receipts.return_receipt(data), title=done.return_no)
        if done.refund.cents > 0:
            self._output.open_drawer(f"cash refund {done.return_no}")
        return job

    # -- helpers --------------------------------------------------------------------

    @staticmethod
    def _phone(text: str) -> str:
        phone = normalise_phone(text)
        if phone is None:
            raise ReturnError("bad_phone", "a Taiwan phone number is needed")
        return phone

    def _priced(
        self, uow: UnitOfWork, items: Sequence[NoReceiptItem], now: datetime
    ) -> tuple[NoReceiptLine, ...]:
        chosen = [item for item in items if item.qty != 0]
        if not chosen:
            raise ReturnError("nothing_chosen", "scan what comes back")
        if len(chosen) > MAX_RETURN_LINES:
            raise ReturnError("too_many_lines", f"a return takes at most {MAX_RETURN_LINES} lines")
        since = (now - timedelta(days=LOOKBACK_DAYS)).isoformat()
        lines = []
        for item in chosen:
            code = item.code.strip()
            product = uow.catalog.find_by_sku(code) or uow.catalog.find_by_barcode(code)
            if product is None:
                raise ReturnError("unknown_product", f"no product {code}")
            if item.qty < 0 or item.qty > 999:
                raise ReturnError("bad_qty", "a quantity returned is 1 to 999")
            if item.disposition not in DISPOSITIONS:
                raise ReturnError("bad_disposition", f"unknown disposition {item.disposition!r}")
            lowest = uow.returns.lowest_paid_cents(self._store.location_id, product.id, since)
            unit = unit_refund_cents(product.price.cents, lowest, self.policy)
            lines.append(
                NoReceiptLine(
                    product,
                    item.qty,
                    Money(unit),
                    Money(unit * item.qty),
                    item.disposition,
                    None if lowest is None else Money(lowest),
                    item.reason,
                )
            )
        return tuple(lines)
