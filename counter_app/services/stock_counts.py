"""Stock counts (盤點) at the counter: scan-to-count sessions of the whole store, one
category, or the items flagged for a count; blind while counting; large variances
counted again; a variance report in units and NT$; submitted as one compare-and-set
``stock_count`` op.

Each line keeps the figure it is counted against (the till's view of the shelf when
the line was set up: the warehouse's last figure plus this till's changes it has not
acknowledged). The warehouse applies the count only if its on-hand still equals that
figure, so a sale that lands in between is never overwritten: the count comes back
refused (``count_conflict``) and the session asks for a recount against the new
figure. Sessions live in the till's file and survive a restart.

The reconciliation explains, per product, how the counter's figure follows from the
warehouse's: changes queued here and not yet applied there (sales, returns, receipts),
transfers on the way, and counts waiting to be applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from counter_app.core.catalog import ProductInfo
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.core.ops import CountLinePayload, StockCountPayload
from counter_app.core.stock_work import (
    CountLineRecord,
    CountSessionRecord,
    VarianceLine,
    VarianceReport,
    needs_recount,
)
from counter_app.services.context import StaffMember
from counter_app.services.ports import UnitOfWork, UnitOfWorkFactory
from counter_app.services.selling import TAIWAN
from counter_app.services.stock_to_count import StockToCountService

SCOPES = ("store", "category", "flagged")
MAX_COUNT = 10**6


class CountError(Exception):
    """Refused, by code: ``session_open`` (finish or abandon the open one first),
    ``no_session``, ``bad_scope``, ``no_category``, ``nothing_to_count``, ``bad_qty``,
    ``recounts_left`` (lines asked for a recount not recounted yet), ``not_counting``."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code} {detail}".strip())
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class CountLineView:
    line: CountLineRecord
    product: ProductInfo

    @property
    def recount_pending(self) -> bool:
        return self.line.recount_asked and self.line.recounted is None


@dataclass(frozen=True, slots=True)
class CountSessionView:
    session: CountSessionRecord
    lines: tuple[CountLineView, ...]
    outcome: str  # counting | waiting | applied | conflict | refused
    problem: str = ""

    @property
    def recounts_left(self) -> int:
        return sum(1 for line in self.lines if line.recount_pending)

    @property
    def scanned(self) -> int:
        return sum(1 for line in self.lines if line.line.scanned)


@dataclass(frozen=True, slots=True)
class ReconciliationStep:
    what: str  # unsynced (a change queued here) | count_queued (a count not applied yet)
    op_type: str
    units: int


@dataclass(frozen=True, slots=True)
class Reconciliation:
    product: ProductInfo
    warehouse_on_hand: int
    figure_age_s: float | None  # None: live
    steps: tuple[ReconciliationStep, ...]  # what takes the warehouse's figure to the counter's
    in_transit: int  # shipped to this store, not received yet (in neither figure)
    counter_on_hand: int


class StockCountService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        location_id: int,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._location_id = location_id
        self._clock = clock
        self._flags = StockToCountService(db, location_id)

    # --- sessions ----------------------------------------------------------------------

    def categories(self) -> list[str]:
        with self._db.snapshot() as uow:
            return uow.counts.categories()

    def start(
        self, scope: str, cashier: StaffMember, *, category: str = "", blind: bool = True
    ) -> CountSessionView:
        """Open a session; its lines are set up now with the figures they count against."""
        if scope not in SCOPES:
            raise CountError("bad_scope", scope)
        if scope == "category" and not category.strip():
            raise CountError("no_category")
        flagged = (
            [item.product_id for item in self._flags.negative_at_warehouse()]
            if scope == "flagged"
            else []
        )
        with self._db.transaction() as uow:
            if uow.counts.open_session() is not None:
                raise CountError("session_open")
            if scope == "flagged":
                ids = set(flagged) | {
                    item.product.id for item in uow.catalog.below_zero(self._location_id)
                }
            else:
                ids = {
                    p.id
                    for p in uow.counts.products_in_scope(
                        self._location_id, category.strip() if scope == "category" else None
                    )
                }
            if not ids:
                raise CountError("nothing_to_count")
            record = CountSessionRecord(
                session_id=uuid7(),
                scope=scope,
                category=category.strip() if scope == "category" else "",
                blind=blind,
                status="counting",
                started_at=self._clock().isoformat(),
                staff_id=cashier.id,
            )
            lines = [
                CountLineRecord(pid, uow.catalog.on_shelf(self._location_id, pid), 0, False)
                for pid in sorted(ids)
            ]
            uow.counts.add(record, lines)
        return self.view(record.session_id)

    def current(self) -> CountSessionView | None:
        """The open session, or the latest one (to follow its outcome), or None."""
        with self._db.snapshot() as uow:
            found = uow.counts.open_session()
            if found is None:
                recent = uow.counts.recent(1)
                found = recent[0] if recent and recent[0].status == "submitted" else None
        return self.view(found.session_id) if found is not None else None

    def view(self, session_id: str) -> CountSessionView:
        with self._db.snapshot() as uow:
            return self._view(uow, session_id)

    def _view(self, uow: UnitOfWork, session_id: str) -> CountSessionView:
        record = uow.counts.get(session_id)
        if record is None:
            raise CountError("no_session")
        lines = [
            CountLineView(line, _product(uow, line.product_id))
            for line in uow.counts.lines(session_id)
        ]
        outcome, problem = "counting", ""
        if record.status == "submitted" and record.op_id:
            state, code, detail = uow.counts.op_outcome(record.op_id)
            if state == "done" or state == "gone":
                outcome = "applied"
            elif state == "failed":
                outcome = "conflict" if code == "count_conflict" else "refused"
                problem = f"{code}: {detail}" if detail else str(code)
            else:
                outcome = "waiting"
        elif record.status == "closed":
            outcome = "closed"
        return CountSessionView(record, tuple(lines), outcome, problem)

    def scan(self, product: ProductInfo) -> CountSessionView:
        """One scanned item counts one: on its first count, or on its recount when one
        was asked. A product outside the session's lines joins it (found stock)."""
        return self._change(product.id, lambda line: _plus(line, 1))

    def set_count(self, product_id: int, counted: int) -> CountSessionView:
        """Type a line's count (or its recount, when one was asked)."""
        if not 0 <= counted <= MAX_COUNT:
            raise CountError("bad_qty")
        return self._change(product_id, lambda line: _typed(line, counted))

    def _change(
        self, product_id: int, change: Callable[[CountLineRecord], CountLineRecord]
    ) -> CountSessionView:
        with self._db.transaction() as uow:
            record = uow.counts.open_session()
            if record is None:
                raise CountError("no_session")
            line = uow.counts.line(record.session_id, product_id)
            if line is None:
                line = CountLineRecord(
                    product_id, uow.catalog.on_shelf(self._location_id, product_id), 0, False
                )
            uow.counts.put_line(record.session_id, change(line))
            return self._view(uow, record.session_id)

    def finish_counting(self) -> CountSessionView:
        """Ask for a recount of every line far from its figure (units or NT$); lines
        never scanned count 0. Returns the session; ``recounts_left`` says what is asked."""
        with self._db.transaction() as uow:
            record = uow.counts.open_session()
            if record is None:
                raise CountError("no_session")
            for view in self._view(uow, record.session_id).lines:
                line = view.line
                if line.recount_asked:
                    continue
                if needs_recount(line.expected, line.counted, view.product.price.cents):
                    uow.counts.put_line(
                        record.session_id,
                        CountLineRecord(
                            line.product_id, line.expected, line.counted, line.scanned, True, None
                        ),
                    )
            return self._view(uow, record.session_id)

    def variance_report(self, session_id: str | None = None) -> VarianceReport:
        view = self._pick(session_id)
        return VarianceReport(
            tuple(
                VarianceLine(
                    v.line.product_id,
                    v.product.sku,
                    v.product.name,
                    v.line.expected,
                    v.line.final,
                    v.product.price.cents,
                )
                for v in view.lines
                if v.line.variance != 0
            )
        )

    def _pick(self, session_id: str | None) -> CountSessionView:
        if session_id is not None:
            return self.view(session_id)
        current = self.current()
        if current is None:
            raise CountError("no_session")
        return current

    def submit(self, cashier: StaffMember) -> CountSessionView:
        """Queue the count as one compare-and-set ``stock_count`` op. Refused while a
        recount asked for is not done."""
        del cashier
        now = self._clock().isoformat()
        with self._db.transaction() as uow:
            record = uow.counts.open_session()
            if record is None:
                raise CountError("no_session")
            view = self._view(uow, record.session_id)
            if view.recounts_left:
                raise CountError("recounts_left", str(view.recounts_left))
            lines = tuple(
                CountLinePayload(v.line.product_id, v.line.expected, v.line.final)
                for v in view.lines
            )
            if not lines:
                raise CountError("nothing_to_count")
            op_id = uow.outbox.enqueue(StockCountPayload(uuid7(), lines))
            uow.counts.set_status(record.session_id, "submitted", submitted_at=now, op_id=op_id)
            return self._view(uow, record.session_id)

    def recount_after_conflict(self, session_id: str) -> CountSessionView:
        """The warehouse refused the count (on-hand moved: a sale or receipt landed in
        between). Reopen the session with every line's figure taken again and a recount
        asked for each, so nothing is applied against a figure that no longer holds."""
        with self._db.transaction() as uow:
            view = self._view(uow, session_id)
            if view.outcome not in ("conflict", "refused"):
                raise CountError("not_counting", view.outcome)
            if uow.counts.open_session() is not None:
                raise CountError("session_open")
            for v in view.lines:
                line = v.line
                uow.counts.put_line(
                    session_id,
                    CountLineRecord(
                        line.product_id,
                        uow.catalog.on_shelf(self._location_id, line.product_id),
                        line.final,
                        line.scanned,
                        True,
                        None,
                    ),
                )
            uow.counts.set_status(session_id, "counting")
            return self._view(uow, session_id)

    def close(self, session_id: str) -> None:
        """Put a session away (abandoned while counting, or done with once applied)."""
        with self._db.transaction() as uow:
            if uow.counts.get(session_id) is None:
                raise CountError("no_session")
            uow.counts.set_status(session_id, "closed")

    # --- reconciliation ---------------------------------------------------------------

    def reconcile(self, product: ProductInfo, live_on_hand: int | None = None) -> Reconciliation:
        """The counter's figure for a product explained from the warehouse's: the
        warehouse's figure (live if given, else the cached one with its age), then each
        kind of change queued here and not applied there yet."""
        with self._db.snapshot() as uow:
            figures = [
                f for f in uow.catalog.stock(product.id) if f.location_id == self._location_id
            ]
            pending = uow.counts.pending_changes(self._location_id, product.id)
            queued = uow.counts.queued_count_deltas(product.id)
            in_transit = uow.transfers.in_transit_to(self._location_id).get(product.id, 0)
        cached = figures[0].on_hand - figures[0].pending_local if figures else 0
        age = figures[0].age_s if figures else None
        base = cached if live_on_hand is None else live_on_hand
        steps = [ReconciliationStep("unsynced", op_type, units) for op_type, units in pending]
        steps += [ReconciliationStep("count_queued", "stock_count", units) for units in queued]
        return Reconciliation(
            product,
            base,
            None if live_on_hand is not None else age,
            tuple(steps),
            in_transit,
            base + sum(step.units for step in steps),
        )


def _product(uow: UnitOfWork, product_id: int) -> ProductInfo:
    found = uow.counts.product(product_id)
    return found if found is not None else ProductInfo(product_id, str(product_id), "", Money(0))


def _plus(line: CountLineRecord, step: int) -> CountLineRecord:
    if line.recount_asked:
        return CountLineRecord(
            line.product_id,
            line.expected,
            line.counted,
            line.scanned,
            True,
            min(MAX_COUNT, (line.recounted or 0) + step),
        )
    return CountLineRecord(
        line.product_id, line.expected, min(MAX_COUNT, line.counted + step), True
    )


def _typed(line: CountLineRecord, counted: int) -> CountLineRecord:
    if line.recount_asked:
        return CountLineRecord(
            line.product_id, line.expected, line.counted, line.scanned, True, counted
        )
    return CountLineRecord(line.product_id, line.expected, counted, True)
