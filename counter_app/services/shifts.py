"""Shifts and cash control: the drawer's day at this till.

A shift opens with a counted float (pieces per denomination), the previous close's
counted cash shown beside it as the expected opening so cash lost between shifts
shows up. While it is open the till sells (``SellingService`` refuses without one
and attaches every sale to it), takes cash in and out with a reason, and prints an X
report at any time. It closes with a count: the drawer's expected cash is

    opening + cash sales - cash refunds + cash in - cash out

and the difference (counted - expected) is shown, recorded, printed on the Z report
and sent to the warehouse as a ``shift.close`` operation in the same transaction as
the close. Every tender's takings are listed (``TenderTotal`` per payment method), so
card, mobile and voucher tenders join the report as rows without changing it; only
cash moves the drawer's expected balance.

While operations wait to sync, closing needs a supervisor's approval
(``Action.CLOSE_SHIFT_UNSYNCED``), written to the audit log with the count waiting.
The open shift lives in the till's database, so a crash or power cut keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from counter_app.core import receipts
from counter_app.core.einvoice import InvoiceRegister, invoice_register
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.core.ops import MAX_CENTS, ShiftClosePayload, TenderTotalPayload
from counter_app.core.records import CashMovementRecord, Count, ShiftRecord, TenderTotal
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action
from counter_app.services.ports import UnitOfWork, UnitOfWorkFactory
from counter_app.services.receipts import ReceiptOutput
from counter_app.services.selling import TAIWAN
from counter_app.services.staff import Approval, StaffService

DENOMINATIONS: tuple[int, ...] = (1, 5, 10, 50, 100, 200, 500, 1000, 2000)
"""New Taiwan dollar coins (1, 5, 10, 50) and notes (100, 200, 500, 1000, 2000)."""
COINS: tuple[int, ...] = (1, 5, 10, 50)
MAX_PIECES = 100_000  # of one denomination in one count: a typo, not a drawer
MAX_REASON = 200  # the cash_movements.reason column


class ShiftError(Exception):
    """A shift action refused; ``code`` says why, the screen says it in words.

    Codes: ``no_open_shift``, ``shift_already_open``, ``bad_count`` (an unknown
    denomination or a piece count out of range), ``amount_required``,
    ``amount_too_large``, ``reason_required``, ``not_enough_cash`` (a cash out above
    what the drawer should hold), ``unsynced_operations`` (``waiting`` says how many:
    closing then needs a supervisor's approval).
    """

    def __init__(self, code: str, detail: str = "", *, waiting: int = 0) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.waiting = waiting


def count_cents(count: Mapping[int, int]) -> int:
    """What a count is worth, in cents (denominations are whole NT$)."""
    return sum(denomination * 100 * pieces for denomination, pieces in count.items())


def checked_count(count: Mapping[int, int]) -> Count:
    """The count as stored: known denominations only, pieces 0..MAX_PIECES, zeros dropped."""
    result = []
    for denomination, pieces in count.items():
        if denomination not in DENOMINATIONS:
            raise ShiftError("bad_count", f"NT${denomination} is not a denomination")
        if not isinstance(pieces, int) or not 0 <= pieces <= MAX_PIECES:
            raise ShiftError("bad_count", f"{pieces!r} pieces of NT${denomination}")
        if pieces:
            result.append((denomination, pieces))
    checked = tuple(sorted(result))
    if count_cents(dict(checked)) > MAX_CENTS:
        raise ShiftError("amount_too_large", "more cash than the warehouse can record")
    return checked


@dataclass(frozen=True, slots=True)
class ShiftReport:
    """An X report (the shift so far) or a Z report (the closed shift): the figures the
    screen shows, the printer prints and the ``shift.close`` operation carries."""

    kind: str  # X | Z
    shift: ShiftRecord
    at: datetime
    sale_count: int
    tenders: tuple[TenderTotal, ...]
    movements: tuple[CashMovementRecord, ...]
    unsynced_ops: int
    counted_cents: int | None = None  # the closing count (Z)
    closed_by_name: str = ""
    invoices: InvoiceRegister | None = None  # the shift's invoice register (發票日報)
    # The tenders' names as the warehouse configured them, code -> (中文, English): a
    # tender added at head office is named on the report without a new label here.
    tender_names: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    voided_carts: int = 0  # carts voided before payment, and their total
    voided_cents: int = 0

    @property
    def opening_cents(self) -> int:
        return self.shift.opening_cents

    @property
    def opening_difference_cents(self) -> int | None:
        """The float counted at the opening against the previous close's count."""
        expected = self.shift.expected_opening_cents
        return None if expected is None else self.shift.opening_cents - expected

    def _tender(self, method: str) -> TenderTotal:
        return next((t for t in self.tenders if t.method == method), TenderTotal(method, 0, 0))

    @property
    def cash_sales_cents(self) -> int:
        return self._tender("cash").sales_cents

    @property
    def cash_refunds_cents(self) -> int:
        return self._tender("cash").refunds_cents

    @property
    def cash_in_cents(self) -> int:
        return sum(m.amount_cents for m in self.movements if m.kind == "in")

    @property
    def cash_out_cents(self) -> int:
        return sum(m.amount_cents for m in self.movements if m.kind == "out")

    @property
    def expected_cents(self) -> int:
        """Cash the drawer should hold: only cash moves it."""
        return (
            self.opening_cents
            + self.cash_sales_cents
            - self.cash_refunds_cents
            + self.cash_in_cents
            - self.cash_out_cents
        )

    @property
    def difference_cents(self) -> int | None:
        """Counted - expected: negative is cash missing, positive is cash over."""
        return None if self.counted_cents is None else self.counted_cents - self.expected_cents

    @property
    def gross_sales_cents(self) -> int:
        return sum(t.sales_cents for t in self.tenders)

    @property
    def refunds_cents(self) -> int:
        return sum(t.refunds_cents for t in self.tenders)

    def document(self, store_name: str, terminal: str) -> receipts.Document:
        """The printed report (``core.receipts.shift_close_report``)."""
        return receipts.shift_close_report(
            receipts.ShiftCloseReportData(
                kind="Z" if self.kind == "Z" else "X",
                store_name=store_name,
                terminal=terminal,
                opened_by_name=self.shift.opened_by_name,
                closed_by_name=self.closed_by_name,
                opened_at=datetime.fromisoformat(self.shift.opened_at),
                printed_at=self.at,
                sale_count=self.sale_count,
                tenders=[
                    receipts.TenderLine(
                        t.method,
                        t.sales_count,
                        Money(t.sales_cents),
                        Money(t.refunds_cents),
                        self.tender_names[t.method][0] if t.method in self.tender_names else None,
                    )
                    for t in self.tenders
                ],
                opening=Money(self.opening_cents),
                expected_opening=(
                    None
                    if self.shift.expected_opening_cents is None
                    else Money(self.shift.expected_opening_cents)
                ),
                cash_sales=Money(self.cash_sales_cents),
                cash_refunds=Money(self.cash_refunds_cents),
                cash_in=Money(self.cash_in_cents),
                cash_out=Money(self.cash_out_cents),
                expected=Money(self.expected_cents),
                counted=None if self.counted_cents is None else Money(self.counted_cents),
                closing_count=tuple(self.shift.closing_count or ()),
                unsynced_ops=self.unsynced_ops,
                invoices=self.invoices if self.invoices and not self.invoices.empty else None,
                voided_carts=self.voided_carts,
                voided_total=Money(self.voided_cents),
            )
        )


def _check_amount(amount: Money) -> None:
    if amount.cents <= 0:
        raise ShiftError("amount_required", "the amount must be above zero")
    if amount.cents > MAX_CENTS:
        raise ShiftError("amount_too_large", f"amounts above {MAX_CENTS} cents cannot be recorded")


class ShiftService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        staff: StaffService,
        output: ReceiptOutput | None = None,
        *,
        terminal: str = "",
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._store = store
        self._staff = staff
        self._output = output
        self._terminal = terminal or store.code
        self._clock = clock

    # -- reading -----------------------------------------------------------------------

    def current(self) -> ShiftRecord | None:
        """The open shift at this till, or None."""
        with self._db.snapshot() as uow:
            return uow.shifts.open_shift(self._store.location_id)

    def expected_opening(self) -> Money | None:
        """The previous close's counted cash: what the next opening count should find."""
        with self._db.snapshot() as uow:
            last = uow.shifts.last_closed(self._store.location_id)
        return None if last is None or last.counted_cents is None else Money(last.counted_cents)

    def report(self) -> ShiftReport:
        """The X report: the open shift so far. ShiftError ``no_open_shift``."""
        with self._db.snapshot() as uow:
            shift = self._require_open(uow)
            return self._report("X", uow, shift, self._clock())

    # -- acting ------------------------------------------------------------------------

    def open(self, cashier: StaffMember, count: Mapping[int, int]) -> ShiftRecord:
        """Open a shift with the counted float; ShiftError ``shift_already_open``, ``bad_count``."""
        checked = checked_count(count)
        with self._db.transaction() as uow:
            if uow.shifts.open_shift(self._store.location_id) is not None:
                raise ShiftError("shift_already_open")
            last = uow.shifts.last_closed(self._store.location_id)
            shift = ShiftRecord(
                shift_id=uuid7(),
                location_id=self._store.location_id,
                opened_at=self._clock().isoformat(),
                opened_by=cashier.id,
                opened_by_name=cashier.name,
                opening_count=checked,
                opening_cents=count_cents(dict(checked)),
                expected_opening_cents=None if last is None else last.counted_cents,
            )
            uow.shifts.add(shift)
            if (
                shift.expected_opening_cents is not None
                and shift.expected_opening_cents != shift.opening_cents
            ):
                uow.audit.record(
                    cashier.id,
                    "shift.opening_difference",
                    {
                        "shift_id": shift.shift_id,
                        "expected_cents": shift.expected_opening_cents,
                        "counted_cents": shift.opening_cents,
                    },
                )
        return shift

    def cash_in(self, cashier: StaffMember, amount: Money, reason: str) -> CashMovementRecord:
        return self._move(cashier, "in", amount, reason)

    def cash_out(self, cashier: StaffMember, amount: Money, reason: str) -> CashMovementRecord:
        """ShiftError ``not_enough_cash`` when the drawer should not hold that much."""
        return self._move(cashier, "out", amount, reason)

    def waiting_operations(self) -> int:
        """Operations not yet accepted by the warehouse (waiting or failed)."""
        with self._db.snapshot() as uow:
            stats = uow.outbox.stats()
        return stats.waiting + stats.failed

    def close(
        self, cashier: StaffMember, count: Mapping[int, int], approval: Approval | None = None
    ) -> ShiftReport:
        """Close the open shift with the counted drawer; returns the Z report and queues
        ``shift.close`` with it. While operations wait to sync this needs ``approval``
        (a supervisor's, ``Action.CLOSE_SHIFT_UNSYNCED``), else ShiftError
        ``unsynced_operations``. Also ``no_open_shift``, ``bad_count``, ApprovalRefused."""
        checked = checked_count(count)
        counted = count_cents(dict(checked))
        supervisor = None
        waiting = self.waiting_operations()
        if waiting and approval is None:
            raise ShiftError(
                "unsynced_operations", f"{waiting} operations wait to sync", waiting=waiting
            )
        if approval is not None:
            supervisor = self._staff.redeem(approval, Action.CLOSE_SHIFT_UNSYNCED)
        now = self._clock()
        with self._db.transaction() as uow:
            shift = self._require_open(uow)
            stats = uow.outbox.stats()
            waiting = stats.waiting + stats.failed
            if waiting and supervisor is None:
                raise ShiftError(
                    "unsynced_operations", f"{waiting} operations wait to sync", waiting=waiting
                )
            before = self._report("Z", uow, shift, now, counted_cents=counted)
            for figure in (before.expected_cents, counted - before.expected_cents):
                if abs(figure) > MAX_CENTS:
                    raise ShiftError(
                        "amount_too_large", "the drawer's figures exceed what can be recorded"
                    )
            uow.shifts.close(
                shift.shift_id, now.isoformat(), cashier.id, checked, counted, before.expected_cents
            )
            closed = uow.shifts.get(shift.shift_id)
            assert closed is not None
            report = ShiftReport(
                "Z",
                closed,
                now,
                before.sale_count,
                before.tenders,
                before.movements,
                waiting,
                counted_cents=counted,
                closed_by_name=cashier.name,
                invoices=before.invoices,
                tender_names=before.tender_names,
                voided_carts=before.voided_carts,
                voided_cents=before.voided_cents,
            )
            if supervisor is not None:
                uow.audit.record(
                    supervisor.id,
                    "shift.close_unsynced",
                    {"shift_id": shift.shift_id, "waiting": waiting, "cashier_id": cashier.id},
                )
            uow.outbox.enqueue(self.close_payload(report, cashier))
        return report

    def print_report(self, report: ShiftReport) -> str:
        """Queue the X or Z report on the receipt printer; never waits for it."""
        if self._output is None:
            raise RuntimeError("this shift service has no printer")
        title = f"{report.kind} {report.shift.shift_id[-8:]}"
        return self._output.submit(report.document(self._store.name, self._terminal), title=title)

    @staticmethod
    def close_payload(report: ShiftReport, closed_by: StaffMember) -> ShiftClosePayload:
        shift = report.shift
        difference = report.difference_cents
        return ShiftClosePayload(
            shift_id=shift.shift_id,
            staff_id=closed_by.id,
            opened_by=shift.opened_by,
            opened_at=shift.opened_at,
            closed_at=shift.closed_at or report.at.isoformat(),
            opening_cents=shift.opening_cents,
            expected_opening_cents=shift.expected_opening_cents,
            cash_sales_cents=report.cash_sales_cents,
            cash_refunds_cents=report.cash_refunds_cents,
            cash_in_cents=report.cash_in_cents,
            cash_out_cents=report.cash_out_cents,
            expected_cents=report.expected_cents,
            counted_cents=report.counted_cents or 0,
            difference_cents=difference or 0,
            sale_count=report.sale_count,
            opening_count=dict(shift.opening_count),
            closing_count=dict(shift.closing_count or ()),
            tenders=tuple(
                TenderTotalPayload(
                    t.method, t.sales_count, t.sales_cents, t.refunds_count, t.refunds_cents
                )
                for t in report.tenders
            ),
            unsynced_ops=report.unsynced_ops,
        )

    # -- inside ------------------------------------------------------------------------

    def _move(
        self, cashier: StaffMember, kind: str, amount: Money, reason: str
    ) -> CashMovementRecord:
        _check_amount(amount)
        reason = reason.strip()
        if not reason:
            raise ShiftError("reason_required")
        if len(reason) > MAX_REASON:
            raise ShiftError("reason_too_long", f"at most {MAX_REASON} characters")
        with self._db.transaction() as uow:
            shift = self._require_open(uow)
            so_far = self._report("X", uow, shift, self._clock())
            after = so_far.expected_cents + (amount.cents if kind == "in" else -amount.cents)
            if kind == "out" and after < 0:
                raise ShiftError(
                    "not_enough_cash", f"the drawer should hold {Money(so_far.expected_cents)}"
                )
            if after > MAX_CENTS:
                raise ShiftError("amount_too_large", "more cash than the warehouse can record")
            movement = CashMovementRecord(
                uuid7(),
                shift.shift_id,
                self._clock().isoformat(),
                kind,
                amount.cents,
                reason,
                cashier.id,
            )
            uow.shifts.add_movement(movement)
        return movement

    def _require_open(self, uow: UnitOfWork) -> ShiftRecord:
        shift = uow.shifts.open_shift(self._store.location_id)
        if shift is None:
            raise ShiftError("no_open_shift")
        return shift

    @staticmethod
    def _report(
        kind: str,
        uow: UnitOfWork,
        shift: ShiftRecord,
        at: datetime,
        *,
        counted_cents: int | None = None,
    ) -> ShiftReport:
        stats = uow.outbox.stats()
        voided_carts, voided_cents = uow.carts.voids_in_shift(shift.shift_id)
        return ShiftReport(
            kind=kind,
            shift=shift,
            at=at,
            sale_count=uow.shifts.sale_count(shift.shift_id),
            tenders=tuple(_with_cash_first(uow.shifts.tender_totals(shift.shift_id))),
            movements=tuple(uow.shifts.movements(shift.shift_id)),
            unsynced_ops=stats.waiting + stats.failed,
            counted_cents=counted_cents,
            invoices=invoice_register(uow.einvoices.of_shift(shift.shift_id), shift.shift_id),
            tender_names={t.code: (t.name_zh, t.name_en) for t in uow.tenders.all()},
            voided_carts=voided_carts,
            voided_cents=voided_cents,
        )


def _with_cash_first(tenders: Iterable[TenderTotal]) -> list[TenderTotal]:
    """Cash always listed (even at zero), first; the other tenders after it by name."""
    listed = {t.method: t for t in tenders}
    cash = listed.pop("cash", TenderTotal("cash", 0, 0))
    return [cash, *(listed[m] for m in sorted(listed))]
