"""In-memory repositories and unit of work for the services: the same protocols as
``counter_app.local`` (``counter_app.services.ports``), no SQL, milliseconds per test.

A transaction works on a copy of the state and publishes it only if its block
returns, so a test can see that a failed use case wrote nothing.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from counter_app.core import ids
from counter_app.core.catalog import ProductInfo, StockFigure, StockToCount
from counter_app.core.einvoice import AllowanceRecord, Booklet, InvoiceRecord
from counter_app.core.einvoice_proof import ProofItem
from counter_app.core.ids import uuid7
from counter_app.core.ops import OutboundOp
from counter_app.core.pins import hash_pin
from counter_app.core.records import (
    AlertRecord,
    CartVoidRecord,
    CashMovementRecord,
    Count,
    DropshipRecord,
    FailedOp,
    HeldCartRecord,
    NegativeStockWarning,
    NoReceiptReturnRecord,
    OrderReturnRecord,
    OutboxStats,
    RefundTenderRecord,
    ReservationRecord,
    ReturnRecord,
    SaleRecord,
    SaleSummary,
    ShiftRecord,
    StaffRecord,
    TenderRecord,
    TenderTotal,
)
from counter_app.core.stock_work import CountLineRecord, CountSessionRecord, TransferRecord


@dataclass
class QueuedOp:
    op_id: str
    type: str
    entity_key: str
    payload: dict[str, Any]
    state: str = "ready"
    problem_code: str = ""
    problem_detail: str = ""
    created_at: str = "2026-11-25T02:30:00.000+00:00"


@dataclass
class State:
    products: dict[int, ProductInfo] = field(default_factory=dict)
    barcodes: dict[str, int] = field(default_factory=dict)
    stock: dict[int, list[StockFigure]] = field(default_factory=dict)
    staff: dict[int, tuple[int, StaffRecord]] = field(
        default_factory=dict
    )  # id -> (location, record)
    sales: dict[str, SaleRecord] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # old receipt no. -> current
    negative_stock: list[tuple[int, NegativeStockWarning]] = field(default_factory=list)
    outbox: dict[str, QueuedOp] = field(default_factory=dict)
    sync_state: dict[str, str] = field(default_factory=dict)
    audit: list[tuple[int | None, str, dict[str, Any]]] = field(default_factory=list)
    deltas: list[tuple[str, int, int, int]] = field(default_factory=list)
    shifts: dict[str, ShiftRecord] = field(default_factory=dict)
    movements: list[CashMovementRecord] = field(default_factory=list)
    shift_sales: dict[str, str] = field(default_factory=dict)  # sale_id -> shift_id
    booklets: dict[int, tuple[Booklet, str]] = field(
        default_factory=dict
    )  # id -> (booklet, status)
    invoices: dict[str, InvoiceRecord] = field(default_factory=dict)
    voids_elsewhere: dict[str, InvoiceRecord] = field(default_factory=dict)
    allowances: dict[str, AllowanceRecord] = field(default_factory=dict)
    allowances_elsewhere: dict[str, tuple[str, AllowanceRecord]] = field(default_factory=dict)
    invoice_items: dict[str, list[ProofItem]] = field(default_factory=dict)
    reservations: dict[str, ReservationRecord] = field(default_factory=dict)
    slips_due: set[str] = field(default_factory=set)  # made here, coded slip not printed yet
    returns: dict[str, ReturnRecord] = field(default_factory=dict)
    tenders: dict[str, TenderRecord] = field(default_factory=dict)
    open_carts: dict[int, str] = field(default_factory=dict)  # location -> snapshot JSON
    held_carts: dict[str, HeldCartRecord] = field(default_factory=dict)
    cart_voids: list[CartVoidRecord] = field(default_factory=list)
    dropships: dict[str, DropshipRecord] = field(default_factory=dict)
    alerts: dict[str, AlertRecord] = field(default_factory=dict)
    no_receipt_returns: dict[str, NoReceiptReturnRecord] = field(default_factory=dict)
    order_returns: dict[str, OrderReturnRecord] = field(default_factory=dict)
    transfers: dict[str, TransferRecord] = field(default_factory=dict)
    transfer_scans: dict[tuple[str, int], int] = field(default_factory=dict)
    count_sessions: dict[str, CountSessionRecord] = field(default_factory=dict)
    count_lines: dict[tuple[str, int], CountLineRecord] = field(default_factory=dict)


class FakeCatalog:
    def __init__(self, state: State) -> None:
        self._s = state

    def find_by_barcode(self, code: str) -> ProductInfo | None:
        pid = self._s.barcodes.get(code)
        return self._s.products.get(pid) if pid is not None else None

    def find_by_sku(self, sku: str) -> ProductInfo | None:
        return next((p for p in self._s.products.values() if p.sku == sku), None)

    def search(self, query: str, limit: int) -> list[ProductInfo]:
        return [p for p in self._s.products.values() if query in p.name or query in p.sku][:limit]

    def stock(self, product_id: int) -> list[StockFigure]:
        return list(self._s.stock.get(product_id, []))

    def count(self) -> int:
        return len(self._s.products)

    def on_shelf(self, location_id: int, product_id: int) -> int:
        figures = self._s.stock.get(product_id, [])
        return next((f.on_hand for f in figures if f.location_id == location_id), 0)

    def below_zero(self, location_id: int) -> list[StockToCount]:
        found = [
            StockToCount(self._s.products[pid], f.on_hand, f.pending_local, None)
            for pid, figures in self._s.stock.items()
            for f in figures
            if f.location_id == location_id and f.on_hand < 0
        ]
        return sorted(found, key=lambda s: (s.on_hand, s.product.sku))


class FakeSales:
    def __init__(self, state: State) -> None:
        self._s = state

    def add(self, sale: SaleRecord) -> None:
        if any(s.receipt_no == sale.receipt_no for s in self._s.sales.values()):
            raise ValueError(f"receipt number {sale.receipt_no} taken")  # the UNIQUE constraint
        self._s.sales[sale.sale_id] = sale

    def by_receipt_no(self, receipt_no: str) -> SaleRecord | None:
        current = self._s.aliases.get(receipt_no, receipt_no)
        return next((s for s in self._s.sales.values() if s.receipt_no == current), None)

    def recent(self, limit: int) -> list[SaleSummary]:
        newest = sorted(self._s.sales.values(), key=lambda s: s.created_at, reverse=True)[:limit]
        return [SaleSummary(s.receipt_no, s.created_at, s.total_cents) for s in newest]


class FakeStaff:
    def __init__(self, state: State) -> None:
        self._s = state

    def of_location(self, location_id: int) -> list[StaffRecord]:
        return [
            r
            for loc, r in sorted(self._s.staff.values(), key=lambda v: v[1].id)
            if loc == location_id
        ]

    def get(self, staff_id: int) -> StaffRecord | None:
        entry = self._s.staff.get(staff_id)
        return entry[1] if entry else None


class FakeOutbox:
    def __init__(self, state: State) -> None:
        self._s = state

    def enqueue(self, op: OutboundOp) -> str:
        op_id = uuid7()
        self._s.outbox[op_id] = QueuedOp(op_id, op.op_type, op.entity_key, op.to_payload())
        return op_id

    def stats(self) -> OutboxStats:
        waiting = [o for o in self._s.outbox.values() if o.state in ("ready", "in_flight")]
        failed = sum(o.state == "failed" for o in self._s.outbox.values())
        invoices = (
            o.created_at
            for o in self._s.outbox.values()
            if o.state in ("ready", "in_flight", "failed") and o.type.startswith("einvoice.")
        )
        return OutboxStats(
            len(waiting),
            min((o.created_at for o in waiting), default=None),
            failed,
            min(invoices, default=None),
        )

    def failed(self) -> list[FailedOp]:
        return [
            FailedOp(o.op_id, o.type, o.entity_key, o.created_at, o.problem_code, o.problem_detail)
            for o in self._s.outbox.values()
            if o.state == "failed"
        ]

    def retry(self, op_id: str) -> None:
        if op_id in self._s.outbox and self._s.outbox[op_id].state == "failed":
            self._s.outbox[op_id].state = "ready"

    def discard(self, op_id: str, supervisor_id: int, reason: str) -> None:
        op = self._s.outbox.get(op_id)
        if op is None or op.state != "failed":
            raise ValueError(f"operation {op_id} is not a failed operation")
        op.state = "discarded"
        self._s.deltas = [d for d in self._s.deltas if d[0] != op_id]
        self._s.audit.append((supervisor_id, "outbox.discard", {"op_id": op_id, "reason": reason}))

    def renumber(self, op_id: str, staff_id: int | None) -> str | None:
        op = self._s.outbox.get(op_id)
        if (
            op is None
            or op.type != "sale"
            or op.state != "failed"
            or op.problem_code != "receipt_no_taken"
        ):
            return None
        sale = self._s.sales[op.payload["sale_id"]]
        store_code = sale.receipt_no.split("-", 1)[0].removeprefix(ids.RECEIPT_PREFIX)
        day = date.fromisoformat(sale.created_at[:10])
        new_no = FakeSyncState(self._s).next_document_number(ids.RECEIPT_PREFIX, store_code, day)
        self._s.aliases[sale.receipt_no] = new_no
        self._s.sales[sale.sale_id] = dataclasses.replace(sale, receipt_no=new_no)
        op.state = "discarded"
        new_id = uuid7()
        self._s.outbox[new_id] = QueuedOp(
            new_id, op.type, op.entity_key, {**op.payload, "receipt_no": new_no}
        )
        self._s.audit.append((staff_id, "sale.renumber", {"old": sale.receipt_no, "new": new_no}))
        return new_no


class FakeSyncState:
    def __init__(self, state: State) -> None:
        self._s = state

    def get(self, key: str) -> str | None:
        return self._s.sync_state.get(key)

    def set(self, key: str, value: str) -> None:
        self._s.sync_state[key] = value

    def next_counter(self, key: str) -> int:
        value = int(self._s.sync_state.get(key, "0")) + 1
        self._s.sync_state[key] = str(value)
        return value

    def next_document_number(self, prefix: str, store_code: str, day: date) -> str:
        till_no, device_id = self._s.sync_state.get("till_no"), self._s.sync_state.get("device_id")
        tag = ids.till_tag(
            int(till_no) if till_no and till_no.isdigit() else None,
            int(device_id) if device_id and device_id.isdigit() else None,
        )
        sequence = self.next_counter(f"{prefix}_seq:{day:%y%m%d}")
        return ids.document_number(prefix, store_code, tag, day, sequence)


class FakeAudit:
    def __init__(self, state: State) -> None:
        self._s = state

    def record(self, staff_id: int | None, action: str, detail: Mapping[str, Any]) -> None:
        self._s.audit.append((staff_id, action, dict(detail)))


class FakeStockDeltas:
    def __init__(self, state: State) -> None:
        self._s = state

    def add_pending(self, op_id: str, location_id: int, product_id: int, delta: int) -> None:
        if op_id not in self._s.outbox:
            raise ValueError(f"no op {op_id}")  # the foreign key
        self._s.deltas.append((op_id, location_id, product_id, delta))


class FakeStockWarnings:
    def __init__(self, state: State) -> None:
        self._s = state

    def negative_at(self, location_id: int) -> list[NegativeStockWarning]:
        return [w for loc, w in self._s.negative_stock if loc == location_id]


class FakeShifts:
    def __init__(self, state: State) -> None:
        self._s = state

    def open_shift(self, location_id: int) -> ShiftRecord | None:
        return next(
            (
                r
                for r in self._s.shifts.values()
                if r.location_id == location_id and r.closed_at is None
            ),
            None,
        )

    def last_closed(self, location_id: int) -> ShiftRecord | None:
        closed = [
            r for r in self._s.shifts.values() if r.location_id == location_id and r.closed_at
        ]
        return max(closed, key=lambda r: (r.closed_at or "", r.shift_id), default=None)

    def get(self, shift_id: str) -> ShiftRecord | None:
        return self._s.shifts.get(shift_id)

    def add(self, shift: ShiftRecord) -> None:
        if self.open_shift(shift.location_id) is not None:
            raise ValueError("a shift is already open at this till")  # the partial unique index
        self._s.shifts[shift.shift_id] = shift

    def close(
        self,
        shift_id: str,
        closed_at: str,
        closed_by: int,
        closing_count: Count,
        counted_cents: int,
        expected_cents: int,
    ) -> None:
        shift = self._s.shifts.get(shift_id)
        if shift is None or shift.closed_at is not None:
            raise ValueError(f"shift {shift_id} is not open")
        self._s.shifts[shift_id] = dataclasses.replace(
            shift,
            closed_at=closed_at,
            closed_by=closed_by,
            closing_count=closing_count,
            counted_cents=counted_cents,
            expected_cents=expected_cents,
        )

    def add_movement(self, movement: CashMovementRecord) -> None:
        if movement.shift_id not in self._s.shifts:
            raise ValueError(f"no shift {movement.shift_id}")  # the foreign key
        self._s.movements.append(movement)

    def movements(self, shift_id: str) -> list[CashMovementRecord]:
        return [m for m in self._s.movements if m.shift_id == shift_id]

    def attach_sale(self, shift_id: str, sale_id: str) -> None:
        if shift_id not in self._s.shifts or sale_id in self._s.shift_sales:
            raise ValueError(f"cannot attach {sale_id} to {shift_id}")
        self._s.shift_sales[sale_id] = shift_id

    def tender_totals(self, shift_id: str) -> list[TenderTotal]:
        totals: dict[str, tuple[int, int]] = {}
        for sale_id, owner in self._s.shift_sales.items():
            if owner != shift_id:
                continue
            for payment in self._s.sales[sale_id].payments:
                count, cents = totals.get(payment.method, (0, 0))
                totals[payment.method] = (count + 1, cents + payment.amount_cents)
        refunds: dict[str, tuple[int, int]] = {}
        paid_out = [
            (r.shift_id, t.method, t.amount_cents)
            for r in self._s.returns.values()
            for t in refund_tenders(r)
        ]
        paid_out += [
            (r.shift_id, r.method, r.refund_cents) for r in self._s.no_receipt_returns.values()
        ]
        paid_out += [
            (r.shift_id, r.method, r.refund_cents)
            for r in self._s.order_returns.values()
            if r.refund_cents > 0
        ]
        for owner, method, refund_cents in paid_out:
            if owner == shift_id:
                count, cents = refunds.get(method, (0, 0))
                refunds[method] = (count + 1, cents + refund_cents)
        return [
            TenderTotal(m, *totals.get(m, (0, 0)), *refunds.get(m, (0, 0)))
            for m in sorted(totals.keys() | refunds.keys())
        ]

    def sale_count(self, shift_id: str) -> int:
        return sum(owner == shift_id for owner in self._s.shift_sales.values())


class FakeEinvoices:
    def __init__(self, state: State) -> None:
        self._s = state

    def add_booklets(self, booklets: Iterable[Booklet]) -> None:
        for booklet in booklets:
            self._s.booklets.setdefault(booklet.booklet_id, (booklet, "active"))

    def _active(self, period: str | None = None) -> list[Booklet]:
        return sorted(
            (
                b
                for b, status in self._s.booklets.values()
                if status == "active" and (period is None or b.period == period)
            ),
            key=lambda b: (b.period, b.track, b.start_no),
        )

    def take_number(self, period: str) -> tuple[Booklet, str] | None:
        for booklet in self._active(period):
            if booklet.remaining > 0:
                taken = replace(booklet, next_no=booklet.next_no + 1)
                self._s.booklets[booklet.booklet_id] = (taken, "active")
                return taken, f"{booklet.track}{booklet.next_no:08d}"
        return None

    def remaining(self, period: str) -> int:
        return sum(b.remaining for b in self._active(period))

    def held(self) -> list[Booklet]:
        return self._active()

    def set_status(self, booklet_ids: Iterable[int], status: str) -> None:
        for booklet_id in booklet_ids:
            booklet, _ = self._s.booklets[booklet_id]
            self._s.booklets[booklet_id] = (booklet, status)

    def with_status(self, status: str) -> list[Booklet]:
        return [b for b, s in self._s.booklets.values() if s == status]

    def add(self, invoice: InvoiceRecord) -> None:
        if invoice.number in self._s.invoices:
            raise ValueError(f"invoice {invoice.number} exists")  # the primary key
        if invoice.voided_at is None and any(
            i.sale_id == invoice.sale_id and i.voided_at is None for i in self._s.invoices.values()
        ):
            raise ValueError(f"sale {invoice.sale_id} has a live invoice")  # the unique index
        self._s.invoices[invoice.number] = invoice

    def of_sale(self, sale_id: str) -> InvoiceRecord | None:
        mine = [i for i in self._s.invoices.values() if i.sale_id == sale_id]
        live = [i for i in mine if i.voided_at is None]
        return live[0] if live else max(mine, key=lambda i: (i.issued_at, i.number), default=None)

    def replacement_of(self, number: str) -> InvoiceRecord | None:
        return next((i for i in self._s.invoices.values() if i.replaces == number), None)

    def by_number(self, number: str) -> InvoiceRecord | None:
        return self._s.invoices.get(number)

    def all_of_sale(self, sale_id: str) -> list[InvoiceRecord]:
        return sorted(
            (i for i in self._s.invoices.values() if i.sale_id == sale_id),
            key=lambda i: (i.issued_at, i.number),
        )

    def voided_elsewhere_of_sale(self, sale_id: str) -> set[str]:
        return {n for n, i in self._s.voids_elsewhere.items() if i.sale_id == sale_id}

    def add_allowance_elsewhere(self, sale_id: str, allowance: AllowanceRecord) -> None:
        if allowance.allowance_no in self._s.allowances_elsewhere:
            raise ValueError(allowance.allowance_no)  # the primary key
        self._s.allowances_elsewhere[allowance.allowance_no] = (sale_id, allowance)

    def allowances_elsewhere_of(self, number: str) -> list[AllowanceRecord]:
        return sorted(
            (a for _, a in self._s.allowances_elsewhere.values() if a.number == number),
            key=lambda a: a.allowance_no,
        )

    def set_items(self, number: str, items: Iterable[ProofItem]) -> None:
        if number not in self._s.invoices or number in self._s.invoice_items:
            raise ValueError(number)  # the foreign and primary keys
        self._s.invoice_items[number] = list(items)

    def items_of(self, number: str) -> list[ProofItem]:
        return list(self._s.invoice_items.get(number, []))

    def of_shift(self, shift_id: str) -> list[InvoiceRecord]:
        here = sorted(
            (i for i in self._s.invoices.values() if shift_id in (i.shift_id, i.void_shift_id)),
            key=lambda i: (i.issued_at, i.number),
        )
        elsewhere = sorted(
            (i for i in self._s.voids_elsewhere.values() if i.void_shift_id == shift_id),
            key=lambda i: (i.issued_at, i.number),
        )
        return here + elsewhere

    def add_void_elsewhere(self, invoice: InvoiceRecord) -> None:
        if invoice.number in self._s.voids_elsewhere:
            raise ValueError(invoice.number)  # the primary key
        self._s.voids_elsewhere[invoice.number] = replace(invoice, shift_id=None)

    def mark_printed(self, number: str) -> int:
        invoice = self._s.invoices[number]
        self._s.invoices[number] = replace(invoice, printed=invoice.printed + 1)
        return invoice.printed

    def mark_voided(self, number: str, voided_at: str, shift_id: str | None = None) -> None:
        self._s.invoices[number] = replace(
            self._s.invoices[number], voided_at=voided_at, void_shift_id=shift_id
        )

    def add_allowance(self, allowance: AllowanceRecord) -> None:
        if allowance.allowance_no in self._s.allowances or allowance.number not in self._s.invoices:
            raise ValueError(allowance.allowance_no)  # the primary and foreign keys
        self._s.allowances[allowance.allowance_no] = allowance

    def allowances_of(self, number: str) -> list[AllowanceRecord]:
        return sorted(
            (a for a in self._s.allowances.values() if a.number == number),
            key=lambda a: a.allowance_no,
        )

    def mark_allowance_voided(self, allowance_no: str, voided_at: str) -> None:
        allowance = self._s.allowances[allowance_no]
        self._s.allowances[allowance_no] = replace(allowance, voided_at=voided_at)


class FakeReservations:
    def __init__(self, state: State) -> None:
        self._s = state

    def all(self) -> list[ReservationRecord]:
        return sorted(self._s.reservations.values(), key=lambda r: r.updated_at, reverse=True)

    def by_code(self, pickup_code: str) -> ReservationRecord | None:
        code = pickup_code.upper()
        return next((r for r in self._s.reservations.values() if r.pickup_code == code), None)

    def mark_handed_over(self, reservation_id: str, staff_id: int | None, at: str) -> None:
        found = self._s.reservations[reservation_id]
        self._s.reservations[reservation_id] = replace(
            found, handed_over_at=at, handed_over_by=staff_id
        )

    def add_collected(self, reservation_id: str, handed: dict[int, int]) -> None:
        found = self._s.reservations[reservation_id]
        totals = dict(found.collected_here)
        for product_id, qty in handed.items():
            totals[product_id] = totals.get(product_id, 0) + qty
        self._s.reservations[reservation_id] = replace(
            found, collected_here=tuple(sorted(totals.items()))
        )

    def mark_called(self, reservation_id: str, staff_id: int | None, at: str) -> None:
        found = self._s.reservations[reservation_id]
        self._s.reservations[reservation_id] = replace(found, called_at=at, called_by=staff_id)

    def add_pending(self, record: ReservationRecord) -> None:
        assert record.reservation_id not in self._s.reservations
        self._s.reservations[record.reservation_id] = record
        self._s.slips_due.add(record.reservation_id)

    def slips_due(self) -> list[ReservationRecord]:
        return [
            r
            for rid, r in sorted(self._s.reservations.items())
            if rid in self._s.slips_due
            and r.pickup_code
            and r.status not in ("expired", "cancelled")
        ]

    def mark_slip_printed(self, reservation_id: str) -> bool:
        if reservation_id not in self._s.slips_due:
            return False
        self._s.slips_due.discard(reservation_id)
        return True

    def product_names(self, product_ids: Iterable[int]) -> dict[int, str]:
        return {pid: self._s.products[pid].name for pid in product_ids if pid in self._s.products}

    def forget_customers(self, statuses: Sequence[str], updated_before: datetime) -> int:
        forgotten = 0
        for key, record in list(self._s.reservations.items()):
            named = record.customer_name is not None or record.customer_phone is not None
            stamp = datetime.fromisoformat(record.updated_at)
            if record.status in statuses and named and stamp < updated_before:
                self._s.reservations[key] = replace(record, customer_name=None, customer_phone=None)
                forgotten += 1
        return forgotten

    def products(self, product_ids: Iterable[int]) -> dict[int, ProductInfo]:
        return {pid: self._s.products[pid] for pid in product_ids if pid in self._s.products}


def refund_tenders(ret: ReturnRecord) -> tuple[RefundTenderRecord, ...]:
    """A return's refund per tender as the SQL repository stores it."""
    return ret.tenders or (RefundTenderRecord(ret.method, ret.refund_cents),)


class FakeReturns:
    def __init__(self, state: State) -> None:
        self._s = state

    def add(self, ret: ReturnRecord) -> None:
        if any(r.return_no == ret.return_no for r in self._s.returns.values()):
            raise ValueError(f"return number {ret.return_no} taken")  # the UNIQUE constraint
        self._s.returns[ret.return_id] = ret

    def returned_qty(self, sale_id: str) -> dict[str, int]:
        returned: dict[str, int] = {}
        for ret in self._s.returns.values():
            if ret.sale_id == sale_id:
                for line in ret.lines:
                    returned[line.sale_line_id] = returned.get(line.sale_line_id, 0) + line.qty
        return returned

    def refunded_cents(self, sale_id: str) -> int:
        return sum(r.refund_cents for r in self._s.returns.values() if r.sale_id == sale_id)

    def refunded_by_tender(self, sale_id: str) -> dict[str, int]:
        refunded: dict[str, int] = {}
        for ret in self._s.returns.values():
            if ret.sale_id == sale_id:
                for t in refund_tenders(ret):
                    refunded[t.method] = refunded.get(t.method, 0) + t.amount_cents
        return refunded

    def of_sale(self, sale_id: str) -> list[ReturnRecord]:
        return sorted(
            (r for r in self._s.returns.values() if r.sale_id == sale_id),
            key=lambda r: r.created_at,
        )

    def add_no_receipt(self, ret: NoReceiptReturnRecord) -> None:
        if ret.shift_id not in self._s.shifts:
            raise ValueError(f"no shift {ret.shift_id}")  # the foreign key
        self._s.no_receipt_returns[ret.return_id] = ret

    def add_order_return(self, ret: OrderReturnRecord) -> None:
        if ret.shift_id not in self._s.shifts:
            raise ValueError(f"no shift {ret.shift_id}")  # the foreign key
        self._s.order_returns[ret.return_id] = ret

    def no_receipt_count(self, customer_phone: str, since: str) -> int:
        return sum(
            r.customer_phone == customer_phone and r.created_at >= since
            for r in self._s.no_receipt_returns.values()
        )

    def lowest_paid_cents(self, location_id: int, product_id: int, since: str) -> int | None:
        paid = [
            line.line_total_cents // line.qty
            for sale in self._s.sales.values()
            if sale.location_id == location_id and sale.created_at >= since
            for line in sale.lines
            if line.product_id == product_id and line.qty > 0
        ]
        return min(paid) if paid else None

    def search_sales(
        self, location_id: int, day: str, amount_cents: int | None, limit: int
    ) -> list[SaleSummary]:
        found = sorted(
            (
                s
                for s in self._s.sales.values()
                if s.location_id == location_id
                and s.created_at.startswith(day)
                and (amount_cents is None or s.total_cents == amount_cents)
            ),
            key=lambda s: s.created_at,
            reverse=True,
        )[:limit]
        return [SaleSummary(s.receipt_no, s.created_at, s.total_cents) for s in found]


class FakeTenders:
    def __init__(self, state: State) -> None:
        self._s = state

    def all(self) -> list[TenderRecord]:
        return sorted(self._s.tenders.values(), key=lambda t: (t.sort_order, t.code))


class FakeCarts:
    def __init__(self, state: State) -> None:
        self._s = state

    def save_open(self, location_id: int, cashier_id: int | None, at: str, data: str) -> None:
        self._s.open_carts[location_id] = data

    def open_cart(self, location_id: int) -> str | None:
        return self._s.open_carts.get(location_id)

    def clear_open(self, location_id: int) -> None:
        self._s.open_carts.pop(location_id, None)

    def hold(self, record: HeldCartRecord) -> None:
        self._s.held_carts[record.held_id] = record

    def held(self, location_id: int) -> list[HeldCartRecord]:
        return sorted(
            (r for r in self._s.held_carts.values() if r.location_id == location_id),
            key=lambda r: r.held_at,
        )

    def take_held(self, held_id: str, location_id: int) -> HeldCartRecord | None:
        record = self._s.held_carts.get(held_id)
        if record is None or record.location_id != location_id:
            return None
        return self._s.held_carts.pop(held_id)

    def add_void(self, record: CartVoidRecord) -> None:
        self._s.cart_voids.append(record)

    def voids_in_shift(self, shift_id: str) -> tuple[int, int]:
        voids = [v for v in self._s.cart_voids if v.shift_id == shift_id]
        return len(voids), sum(v.total_cents for v in voids)


class FakeDropships:
    def __init__(self, state: State) -> None:
        self._s = state

    def add(self, record: DropshipRecord) -> None:
        assert record.dropship_id not in self._s.dropships
        self._s.dropships[record.dropship_id] = record

    def all(self) -> list[DropshipRecord]:
        return sorted(self._s.dropships.values(), key=lambda r: r.created_at, reverse=True)

    def get(self, dropship_id: str) -> DropshipRecord | None:
        return self._s.dropships.get(dropship_id)

    def set_status(self, dropship_id: str, status: str, at: str) -> None:
        found = self._s.dropships[dropship_id]
        self._s.dropships[dropship_id] = replace(found, status=status, updated_at=at)

    def forget_customers(self, statuses: Sequence[str], updated_before: datetime) -> int:
        forgotten = 0
        for key, order in list(self._s.dropships.items()):
            older = datetime.fromisoformat(order.updated_at) < updated_before
            if order.status in statuses and older and order.customer_phone:
                self._s.dropships[key] = replace(
                    order, customer_name="", customer_phone="", address=""
                )
                forgotten += 1
        return forgotten


class FakeAlerts:
    def __init__(self, state: State) -> None:
        self._s = state

    def open_alerts(self) -> list[AlertRecord]:
        return sorted((a for a in self._s.alerts.values() if a.is_open), key=lambda a: a.raised_at)

    def get(self, alert_id: str) -> AlertRecord | None:
        return self._s.alerts.get(alert_id)

    def resolve(
        self, alert_id: str, resolution: str, staff_id: int | None, at: str, ref: str | None
    ) -> bool:
        found = self._s.alerts.get(alert_id)
        if found is None or not found.is_open:
            return False
        self._s.alerts[alert_id] = replace(
            found, resolved_at=at, resolution=resolution, resolved_by=staff_id, resolution_ref=ref
        )
        return True


class FakeTransfers:
    def __init__(self, state: State) -> None:
        self._s = state

    def all(self) -> list[TransferRecord]:
        return sorted(self._s.transfers.values(), key=lambda t: t.updated_at, reverse=True)

    def get(self, transfer_id: str) -> TransferRecord | None:
        return self._s.transfers.get(transfer_id)

    def add_pending(self, record: TransferRecord) -> None:
        self._s.transfers[record.transfer_id] = record

    def mark_received_here(self, transfer_id: str, at: str) -> None:
        self._s.transfers[transfer_id] = dataclasses.replace(
            self._s.transfers[transfer_id], received_here_at=at
        )

    def scans(self, transfer_id: str) -> dict[int, int]:
        return {p: n for (t, p), n in self._s.transfer_scans.items() if t == transfer_id}

    def set_scan(self, transfer_id: str, product_id: int, counted: int) -> None:
        if counted <= 0:
            self._s.transfer_scans.pop((transfer_id, product_id), None)
        else:
            self._s.transfer_scans[(transfer_id, product_id)] = counted

    def clear_scans(self, transfer_id: str) -> None:
        for key in [k for k in self._s.transfer_scans if k[0] == transfer_id]:
            del self._s.transfer_scans[key]

    def in_transit_to(self, location_id: int) -> dict[int, int]:
        found: dict[int, int] = {}
        for t in self._s.transfers.values():
            if t.shown_status == "shipped" and t.to_location_id == location_id:
                for line in t.lines:
                    found[line.product_id] = found.get(line.product_id, 0) + line.qty
        return found


class FakeCounts:
    def __init__(self, state: State) -> None:
        self._s = state

    def open_session(self) -> CountSessionRecord | None:
        found = [c for c in self._s.count_sessions.values() if c.status == "counting"]
        return max(found, key=lambda c: c.started_at) if found else None

    def get(self, session_id: str) -> CountSessionRecord | None:
        return self._s.count_sessions.get(session_id)

    def recent(self, limit: int = 20) -> list[CountSessionRecord]:
        return sorted(self._s.count_sessions.values(), key=lambda c: c.started_at, reverse=True)[
            :limit
        ]

    def add(self, record: CountSessionRecord, lines: Iterable[CountLineRecord]) -> None:
        self._s.count_sessions[record.session_id] = record
        for line in lines:
            self.put_line(record.session_id, line)

    def lines(self, session_id: str) -> list[CountLineRecord]:
        return sorted(
            (line for (s, _), line in self._s.count_lines.items() if s == session_id),
            key=lambda line: line.product_id,
        )

    def line(self, session_id: str, product_id: int) -> CountLineRecord | None:
        return self._s.count_lines.get((session_id, product_id))

    def put_line(self, session_id: str, line: CountLineRecord) -> None:
        self._s.count_lines[(session_id, line.product_id)] = line

    def set_status(
        self,
        session_id: str,
        status: str,
        submitted_at: str | None = None,
        op_id: str | None = None,
    ) -> None:
        old = self._s.count_sessions[session_id]
        self._s.count_sessions[session_id] = dataclasses.replace(
            old,
            status=status,
            submitted_at=submitted_at or old.submitted_at,
            op_id=op_id or old.op_id,
        )

    def op_outcome(self, op_id: str) -> tuple[str, str | None, str | None]:
        op = self._s.outbox.get(op_id)
        if op is None:
            return ("gone", None, None)
        return (op.state, op.problem_code or None, op.problem_detail or None)

    def products_in_scope(self, location_id: int, category: str | None) -> list[ProductInfo]:
        held = {
            pid
            for pid, figures in self._s.stock.items()
            for f in figures
            if f.location_id == location_id and f.on_hand != 0
        }
        return sorted(
            (
                p
                for p in self._s.products.values()
                if p.id in held and (category is None or p.category == category)
            ),
            key=lambda p: p.sku,
        )

    def categories(self) -> list[str]:
        return sorted({p.category for p in self._s.products.values() if p.category})

    def product(self, product_id: int) -> ProductInfo | None:
        return self._s.products.get(product_id)

    def pending_changes(self, location_id: int, product_id: int) -> list[tuple[str, int]]:
        found: dict[str, int] = {}
        for op_id, loc, pid, delta in self._s.deltas:
            if loc == location_id and pid == product_id:
                op = self._s.outbox.get(op_id)
                kind = op.type if op is not None else "acked"
                found[kind] = found.get(kind, 0) + delta
        return sorted((k, v) for k, v in found.items() if v)

    def queued_count_deltas(self, product_id: int) -> list[int]:
        found = []
        for op in self._s.outbox.values():
            if op.type == "stock_count" and op.state in ("ready", "in_flight"):
                for line in op.payload["lines"]:
                    if line["product_id"] == product_id:
                        found.append(line["counted"] - line["expected_on_hand"])
        return [d for d in found if d]


class FakeUnitOfWork:
    def __init__(self, state: State) -> None:
        self.catalog = FakeCatalog(state)
        self.sales = FakeSales(state)
        self.staff = FakeStaff(state)
        self.outbox = FakeOutbox(state)
        self.sync_state = FakeSyncState(state)
        self.audit = FakeAudit(state)
        self.stock_deltas = FakeStockDeltas(state)
        self.stock_warnings = FakeStockWarnings(state)

        self.shifts = FakeShifts(state)
        self.einvoices = FakeEinvoices(state)
        self.reservations = FakeReservations(state)
        self.returns = FakeReturns(state)
        self.tenders = FakeTenders(state)
        self.carts = FakeCarts(state)
        self.dropships = FakeDropships(state)
        self.alerts = FakeAlerts(state)
        self.transfers = FakeTransfers(state)
        self.counts = FakeCounts(state)


class FakeDatabase:
    """A ``UnitOfWorkFactory`` in memory; ``state`` is what is committed."""

    def __init__(self) -> None:
        self.state = State()
        self.commits = 0

    @contextmanager
    def transaction(self) -> Iterator[FakeUnitOfWork]:
        working = copy.deepcopy(self.state)
        yield FakeUnitOfWork(working)  # an exception here leaves self.state untouched
        self.state = working
        self.commits += 1

    @contextmanager
    def snapshot(self) -> Iterator[FakeUnitOfWork]:
        yield FakeUnitOfWork(copy.deepcopy(self.state))

    @contextmanager
    def lookup(self) -> Iterator[FakeCatalog]:
        yield FakeCatalog(self.state)

    # -- setting up a test ---------------------------------------------------------

    def add_product(self, product: ProductInfo, *barcodes: str) -> ProductInfo:
        self.state.products[product.id] = product
        for code in barcodes:
            self.state.barcodes[code] = product.id
        return product

    def add_staff(
        self, location_id: int, staff_id: int, name: str, role: str, pin: str
    ) -> StaffRecord:
        record = StaffRecord(staff_id, name, role, hash_pin(pin, b"salt-%d" % staff_id, n=2**4))
        self.state.staff[staff_id] = (location_id, record)
        return record
