"""The repositories a unit of work hands the services: the only code that touches the
session for them. Each wraps the existing query modules (``catalog_queries``,
``outbox``, ``sync_state``) rather than repeating them, and answers in the plain
records of ``counter_app.core`` so the services never see a row.

They satisfy the protocols in ``counter_app.services.ports`` structurally; this
module does not import the services.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.orm import Session

from counter_app.core.catalog import ProductInfo, StockFigure, StockToCount
from counter_app.core.money import Money
from counter_app.core.ops import OutboundOp
from counter_app.core.records import (
    CashMovementRecord,
    Count,
    FailedOp,
    NegativeStockWarning,
    NoReceiptReturnRecord,
    OrderReturnRecord,
    OutboxStats,
    PaymentRecord,
    RefundTenderRecord,
    ReservationRecord,
    ReturnLineRecord,
    ReturnRecord,
    SaleLineRecord,
    SaleRecord,
    SaleSummary,
    ShiftRecord,
    StaffRecord,
    TenderRecord,
    TenderTotal,
)
from counter_app.local import catalog_queries, outbox, shelf_queries, sync_results, sync_state
from counter_app.local.cart_store import SqlCartRepository
from counter_app.local.einvoice_repository import SqlEinvoiceRepository
from counter_app.local.fulfilment_repository import (
    SqlAlertRepository,
    SqlDropshipRepository,
    stamped_before,
)
from counter_app.local.models import (
    AuditEntry,
    CashMovement,
    LocalOrderReturn,
    NoReceiptReturn,
    NoReceiptReturnLine,
    Payment,
    PendingStockDelta,
    Product,
    Reservation,
    ReturnLine,
    ReturnTender,
    Sale,
    SaleLine,
    SaleReturn,
    Shift,
    ShiftSale,
    Staff,
    Tender,
)
from counter_app.local.pickup_mirror import count_collected
from counter_app.local.stock_work_repository import SqlCountRepository, SqlTransferRepository


class SqlCatalogRepository:
    """Scan, search and stock on the cached catalog. Works on a Core connection too
    (the scan's hot path), where search and stock are not needed."""

    def __init__(self, session: Session | Connection) -> None:
        self._session = session

    def find_by_barcode(self, code: str) -> ProductInfo | None:
        return catalog_queries.find_by_barcode(self._session, code)

    def find_by_sku(self, sku: str) -> ProductInfo | None:
        return catalog_queries.find_by_sku(self._session, sku)

    def search(self, query: str, limit: int) -> list[ProductInfo]:
        assert isinstance(self._session, Session)
        return catalog_queries.search_products(self._session, query, limit)

    def stock(self, product_id: int) -> list[StockFigure]:
        assert isinstance(self._session, Session)
        return catalog_queries.stock_figures(self._session, product_id)

    def count(self) -> int:
        assert isinstance(self._session, Session)
        return catalog_queries.count_products(self._session)

    def on_shelf(self, location_id: int, product_id: int) -> int:
        return shelf_queries.on_shelf(self._session, location_id, product_id)

    def below_zero(self, location_id: int) -> list[StockToCount]:
        return [
            StockToCount(
                ProductInfo(id=r[0], sku=r[1], name=r[2], price=Money(r[3]), category=r[4] or ""),
                on_hand=r[5] + r[6],
                pending_local=r[6],
                figure_received_at=r[7],
            )
            for r in shelf_queries.below_zero(self._session, location_id)
        ]


class SqlSaleRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, sale: SaleRecord) -> None:
        self._session.add(
            Sale(
                sale_id=sale.sale_id,
                receipt_no=sale.receipt_no,
                location_id=sale.location_id,
                cashier_id=sale.cashier_id,
                cashier_name=sale.cashier_name,
                created_at=sale.created_at,
                total_cents=sale.total_cents,
                origin=sale.origin,
            )
        )
        self._session.flush()  # the sale row first: lines and payments refer to it
        self._session.add_all(
            SaleLine(
                line_id=line.line_id,
                sale_id=sale.sale_id,
                position=line.position,
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                qty=line.qty,
                unit_price_cents=line.unit_price_cents,
                line_total_cents=line.line_total_cents,
                list_price_cents=line.list_price_cents,
                discount_cents=line.discount_cents,
                override_reason=line.override_reason,
                fulfilment=line.fulfilment,
            )
            for line in sale.lines
        )
        self._session.add_all(
            Payment(
                payment_id=p.payment_id,
                sale_id=sale.sale_id,
                method=p.method,
                amount_cents=p.amount_cents,
                tendered_cents=p.tendered_cents,
                change_cents=p.change_cents,
                reference=p.reference,
                approval_code=p.approval_code,
            )
            for p in sale.payments
        )
        self._session.flush()  # a duplicate receipt number fails here, inside the transaction

    def by_receipt_no(self, receipt_no: str) -> SaleRecord | None:
        # A number the warehouse refused as taken was replaced: the old one still finds the sale.
        current_no = sync_results.receipt_no_for(self._session, receipt_no)
        sale = self._session.scalars(select(Sale).where(Sale.receipt_no == current_no)).first()
        if sale is None:
            return None
        lines = self._session.scalars(
            select(SaleLine).where(SaleLine.sale_id == sale.sale_id).order_by(SaleLine.position)
        ).all()
        payments = self._session.scalars(
            select(Payment).where(Payment.sale_id == sale.sale_id)
        ).all()
        return SaleRecord(
            sale_id=sale.sale_id,
            receipt_no=sale.receipt_no,
            location_id=sale.location_id,
            cashier_id=sale.cashier_id,
            cashier_name=sale.cashier_name,
            created_at=sale.created_at,
            total_cents=sale.total_cents,
            lines=tuple(
                SaleLineRecord(
                    r.line_id,
                    r.position,
                    r.product_id,
                    r.sku,
                    r.name,
                    r.qty,
                    r.unit_price_cents,
                    r.line_total_cents,
                    r.list_price_cents,
                    r.discount_cents or 0,
                    r.override_reason,
                    r.fulfilment or "take",
                )
                for r in lines
            ),
            payments=tuple(
                PaymentRecord(
                    p.payment_id,
                    p.method,
                    p.amount_cents,
                    p.tendered_cents,
                    p.change_cents,
                    p.reference,
                    p.approval_code,
                )
                for p in payments
            ),
            origin=sale.origin or "till",
        )

    def recent(self, limit: int) -> list[SaleSummary]:
        rows = self._session.execute(
            select(Sale.receipt_no, Sale.created_at, Sale.total_cents)
            .order_by(Sale.created_at.desc())
            .limit(limit)
        ).all()
        return [SaleSummary(r[0], r[1], r[2]) for r in rows]


class SqlStaffRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of_location(self, location_id: int) -> list[StaffRecord]:
        rows = self._session.scalars(
            select(Staff).where(Staff.location_id == location_id).order_by(Staff.id)
        ).all()
        return [StaffRecord(r.id, r.name, r.role, r.pin_hash) for r in rows]

    def get(self, staff_id: int) -> StaffRecord | None:
        row = self._session.get(Staff, staff_id)
        return StaffRecord(row.id, row.name, row.role, row.pin_hash) if row else None


class SqlOutboxRepository:
    """The outbox as the services see it; the relay keeps using ``outbox`` directly."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def enqueue(self, op: OutboundOp) -> str:
        op_id = outbox.enqueue(self._session, op.op_type, op.entity_key, op.to_payload())
        self._session.flush()  # rows that refer to the op (pending stock deltas) come after it
        return op_id

    def stats(self) -> OutboxStats:
        stats = outbox.stats(self._session)
        return OutboxStats(
            stats.waiting,
            stats.oldest_created_at,
            stats.failed,
            stats.oldest_invoice_created_at,
            stats.oldest_b2b_invoice_created_at,
        )

    def failed(self) -> list[FailedOp]:
        return [
            FailedOp(
                op.op_id, op.type, op.entity_key, op.created_at, op.problem_code, op.problem_detail
            )
            for op in outbox.list_failed(self._session)
        ]

    def retry(self, op_id: str) -> None:
        outbox.retry_failed(self._session, op_id)

    def discard(self, op_id: str, supervisor_id: int, reason: str) -> None:
        outbox.discard_failed(self._session, op_id, supervisor_id, reason)

    def renumber(self, op_id: str, staff_id: int | None) -> str | None:
        return sync_results.renumber_refused_sale(self._session, op_id, staff_id)


class SqlSyncStateRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> str | None:
        return sync_state.get_value(self._session, key)

    def set(self, key: str, value: str) -> None:
        sync_state.set_value(self._session, key, value)

    def next_counter(self, key: str) -> int:
        return sync_state.next_counter(self._session, key)

    def next_document_number(self, prefix: str, store_code: str, day: date) -> str:
        return sync_state.next_document_number(self._session, prefix, store_code, day)


class SqlAuditRepository:
    """The till's audit log (``audit_log``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, staff_id: int | None, action: str, detail: Mapping[str, Any]) -> None:
        self._session.add(
            AuditEntry(
                at=outbox.now_iso(),
                staff_id=staff_id,
                action=action,
                detail=json.dumps(dict(detail), ensure_ascii=False),
            )
        )


class SqlStockDeltaRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_pending(self, op_id: str, location_id: int, product_id: int, delta: int) -> None:
        self._session.add(
            PendingStockDelta(
                op_id=op_id, location_id=location_id, product_id=product_id, delta=delta
            )
        )


class SqlStockWarningRepository:
    """The warehouse's ``negative_stock`` answers the relay kept (``sync_results``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def negative_at(self, location_id: int) -> list[NegativeStockWarning]:
        return [
            NegativeStockWarning(
                warning.product_id,
                sku or "",
                name or "",
                warning.on_hand,
                warning.reported_at,
                warning.receipt_no,
                cached,
                received_at,
            )
            for warning, sku, name, cached, received_at in sync_results.negative_stock_rows(
                self._session, location_id
            )
        ]


def _count_json(count: Count) -> str:
    return json.dumps({str(denomination): pieces for denomination, pieces in count})


def _count_of(text: str | None) -> Count | None:
    if text is None:
        return None
    return tuple(sorted((int(k), int(v)) for k, v in json.loads(text).items()))


def _shift_record(row: Shift) -> ShiftRecord:
    return ShiftRecord(
        shift_id=row.shift_id,
        location_id=row.location_id,
        opened_at=row.opened_at,
        opened_by=row.opened_by,
        opened_by_name=row.opened_by_name,
        opening_count=_count_of(row.opening_count) or (),
        opening_cents=row.opening_cents,
        expected_opening_cents=row.expected_opening_cents,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        closing_count=_count_of(row.closing_count),
        counted_cents=row.counted_cents,
        expected_cents=row.expected_cents,
    )


class SqlShiftRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def open_shift(self, location_id: int) -> ShiftRecord | None:
        row = self._session.scalars(
            select(Shift).where(Shift.location_id == location_id, Shift.closed_at.is_(None))
        ).first()
        return _shift_record(row) if row else None

    def last_closed(self, location_id: int) -> ShiftRecord | None:
        row = self._session.scalars(
            select(Shift)
            .where(Shift.location_id == location_id, Shift.closed_at.is_not(None))
            .order_by(Shift.closed_at.desc(), Shift.shift_id.desc())
        ).first()
        return _shift_record(row) if row else None

    def get(self, shift_id: str) -> ShiftRecord | None:
        row = self._session.get(Shift, shift_id)
        return _shift_record(row) if row else None

    def add(self, shift: ShiftRecord) -> None:
        if self.open_shift(shift.location_id) is not None:
            raise ValueError("a shift is already open at this till")
        self._session.add(
            Shift(
                shift_id=shift.shift_id,
                location_id=shift.location_id,
                opened_at=shift.opened_at,
                opened_by=shift.opened_by,
                opened_by_name=shift.opened_by_name,
                opening_count=_count_json(shift.opening_count),
                opening_cents=shift.opening_cents,
                expected_opening_cents=shift.expected_opening_cents,
            )
        )
        self._session.flush()  # the unique index on the open shift answers here

    def close(
        self,
        shift_id: str,
        closed_at: str,
        closed_by: int,
        closing_count: Count,
        counted_cents: int,
        expected_cents: int,
    ) -> None:
        row = self._session.get(Shift, shift_id)
        if row is None or row.closed_at is not None:
            raise ValueError(f"shift {shift_id} is not open")
        row.closed_at = closed_at
        row.closed_by = closed_by
        row.closing_count = _count_json(closing_count)
        row.counted_cents = counted_cents
        row.expected_cents = expected_cents
        self._session.flush()

    def add_movement(self, movement: CashMovementRecord) -> None:
        self._session.add(
            CashMovement(
                movement_id=movement.movement_id,
                shift_id=movement.shift_id,
                at=movement.at,
                kind=movement.kind,
                amount_cents=movement.amount_cents,
                reason=movement.reason,
                staff_id=movement.staff_id,
            )
        )
        self._session.flush()

    def movements(self, shift_id: str) -> list[CashMovementRecord]:
        rows = self._session.scalars(
            select(CashMovement).where(CashMovement.shift_id == shift_id).order_by(CashMovement.at)
        ).all()
        return [
            CashMovementRecord(
                r.movement_id, r.shift_id, r.at, r.kind, r.amount_cents, r.reason, r.staff_id
            )
            for r in rows
        ]

    def attach_sale(self, shift_id: str, sale_id: str) -> None:
        self._session.add(ShiftSale(sale_id=sale_id, shift_id=shift_id))
        self._session.flush()

    def tender_totals(self, shift_id: str) -> list[TenderTotal]:
        # A return against a sale refunds per tender (return_tenders); the others in cash.
        rows = self._session.execute(
            select(Payment.method, func.count(Payment.payment_id), func.sum(Payment.amount_cents))
            .join(ShiftSale, ShiftSale.sale_id == Payment.sale_id)
            .where(ShiftSale.shift_id == shift_id)
            .group_by(Payment.method)
            .order_by(Payment.method)
        ).all()
        refunds = {
            r[0]: (int(r[1]), int(r[2] or 0))
            for r in self._session.execute(
                select(
                    ReturnTender.method,
                    func.count(func.distinct(ReturnTender.return_id)),
                    func.sum(ReturnTender.amount_cents),
                )
                .join(SaleReturn, SaleReturn.return_id == ReturnTender.return_id)
                .where(SaleReturn.shift_id == shift_id)
                .group_by(ReturnTender.method)
            ).all()
        }
        for method, count, cents in self._session.execute(
            select(
                NoReceiptReturn.method,
                func.count(NoReceiptReturn.return_id),
                func.sum(NoReceiptReturn.refund_cents),
            )
            .where(NoReceiptReturn.shift_id == shift_id)
            .group_by(NoReceiptReturn.method)
        ).all():
            before = refunds.get(method, (0, 0))
            refunds[method] = (before[0] + int(count), before[1] + int(cents or 0))
        for method, count, cents in self._session.execute(
            select(
                LocalOrderReturn.method,
                func.count(LocalOrderReturn.return_id),
                func.sum(LocalOrderReturn.refund_cents),
            )
            .where(LocalOrderReturn.shift_id == shift_id, LocalOrderReturn.refund_cents > 0)
            .group_by(LocalOrderReturn.method)
        ).all():
            before = refunds.get(method, (0, 0))
            refunds[method] = (before[0] + int(count), before[1] + int(cents or 0))
        totals = {r[0]: (int(r[1]), int(r[2] or 0)) for r in rows}
        return [
            TenderTotal(m, *totals.get(m, (0, 0)), *refunds.get(m, (0, 0)))
            for m in sorted(totals.keys() | refunds.keys())
        ]

    def sale_count(self, shift_id: str) -> int:
        return int(
            self._session.scalar(
                select(func.count()).select_from(ShiftSale).where(ShiftSale.shift_id == shift_id)
            )
            or 0
        )


def _reservation_record(row: Reservation) -> ReservationRecord:
    lines = json.loads(row.lines_json)
    figures = all(len(line) == 4 for line in lines)  # arrived and collected, from the feed
    return ReservationRecord(
        reservation_id=row.reservation_id,
        kind=row.kind,
        pickup_code=row.pickup_code,
        status=row.status,
        lines=tuple((int(line[0]), int(line[1])) for line in lines),
        arrived=tuple(int(line[2]) for line in lines) if figures and lines else (),
        collected=tuple(int(line[3]) for line in lines) if figures and lines else (),
        collected_here=tuple(
            (int(pid), int(qty)) for pid, qty in json.loads(row.collected_here_json or "[]")
        ),
        called_at=row.called_at,
        called_by=row.called_by,
        expires_at=row.expires_at,
        updated_at=row.updated_at,
        customer_name=row.customer_name,
        customer_phone=row.customer_phone,
        handed_over_at=row.handed_over_at,
        handed_over_by=row.handed_over_by,
        payment=row.payment or "online",
        unit_prices=tuple(
            (int(pid), int(cents)) for pid, cents in json.loads(row.prices_json or "[]")
        ),
    )


class SqlReservationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[ReservationRecord]:
        rows = self._session.scalars(select(Reservation).order_by(Reservation.updated_at.desc()))
        return [_reservation_record(row) for row in rows]

    def by_code(self, pickup_code: str) -> ReservationRecord | None:
        row = self._session.scalars(
            select(Reservation).where(Reservation.pickup_code == pickup_code.upper())
        ).first()
        return _reservation_record(row) if row is not None else None

    def mark_handed_over(self, reservation_id: str, staff_id: int | None, at: str) -> None:
        row = self._session.get(Reservation, reservation_id)
        if row is None:
            raise KeyError(reservation_id)
        row.handed_over_at = at
        row.handed_over_by = staff_id

    def add_collected(self, reservation_id: str, handed: dict[int, int]) -> None:
        """Count a hand-over (part of a pickup) in what this till handed over of each line."""
        row = self._session.get(Reservation, reservation_id)
        if row is None:
            raise KeyError(reservation_id)
        count_collected(row, handed)

    def mark_called(self, reservation_id: str, staff_id: int | None, at: str) -> None:
        row = self._session.get(Reservation, reservation_id)
        if row is None:
            raise KeyError(reservation_id)
        row.called_at = at
        row.called_by = staff_id

    def add_pending(self, record: ReservationRecord) -> None:
        self._session.add(
            Reservation(
                reservation_id=record.reservation_id,
                kind=record.kind,
                pickup_code=record.pickup_code,
                status=record.status,
                store_location_id=None,
                lines_json=json.dumps([list(line) for line in record.lines]),
                expires_at=record.expires_at,
                updated_at=record.updated_at,
                customer_name=record.customer_name,
                customer_phone=record.customer_phone,
                coded_slip="due",
            )
        )

    def slips_due(self) -> list[ReservationRecord]:
        """Made here, confirmed by the warehouse (it has its code), coded slip not printed."""
        rows = self._session.scalars(
            select(Reservation)
            .where(
                Reservation.coded_slip == "due",
                Reservation.pickup_code.is_not(None),
                Reservation.status.not_in(["expired", "cancelled"]),
            )
            .order_by(Reservation.reservation_id)
        )
        return [_reservation_record(row) for row in rows]

    def mark_slip_printed(self, reservation_id: str) -> bool:
        """True once: only the first caller turns 'due' into 'printed'."""
        done = self._session.execute(
            update(Reservation)
            .where(Reservation.reservation_id == reservation_id, Reservation.coded_slip == "due")
            .values(coded_slip="printed")
        )
        return bool(getattr(done, "rowcount", 0))

    def product_names(self, product_ids: Iterable[int]) -> dict[int, str]:
        wanted = sorted(set(product_ids))
        if not wanted:
            return {}
        rows = self._session.execute(select(Product.id, Product.name).where(Product.id.in_(wanted)))
        return {int(pid): str(name) for pid, name in rows}

    def forget_customers(self, statuses: Sequence[str], updated_before: datetime) -> int:
        rows = self._session.scalars(
            select(Reservation).where(
                Reservation.status.in_(list(statuses)),
                (Reservation.customer_phone.is_not(None))
                | (Reservation.customer_name.is_not(None)),
            )
        )
        forgotten = 0
        for row in rows:
            if stamped_before(row.updated_at, updated_before):
                row.customer_name, row.customer_phone = None, None
                forgotten += 1
        return forgotten

    def products(self, product_ids: Iterable[int]) -> dict[int, ProductInfo]:
        wanted = sorted(set(product_ids))
        if not wanted:
            return {}
        rows = self._session.scalars(select(Product).where(Product.id.in_(wanted)))
        return {
            row.id: ProductInfo(row.id, row.sku, row.name, Money(row.price_cents), row.category)
            for row in rows
        }


class SqlReturnRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, ret: ReturnRecord) -> None:
        self._session.add(
            SaleReturn(
                return_id=ret.return_id,
                return_no=ret.return_no,
                sale_id=ret.sale_id,
                shift_id=ret.shift_id,
                location_id=ret.location_id,
                staff_id=ret.staff_id,
                created_at=ret.created_at,
                refund_cents=ret.refund_cents,
                method=ret.method,
            )
        )
        self._session.flush()
        self._session.add_all(
            ReturnLine(
                return_id=ret.return_id,
                sale_line_id=line.sale_line_id,
                product_id=line.product_id,
                qty=line.qty,
                refund_cents=line.refund_cents,
                disposition=line.disposition,
            )
            for line in ret.lines
        )
        # A return of nothing to refund (rounding) still counts once in its method.
        tenders = ret.tenders or (RefundTenderRecord(ret.method, ret.refund_cents),)
        self._session.add_all(
            ReturnTender(
                return_id=ret.return_id,
                position=position,
                method=t.method,
                amount_cents=t.amount_cents,
                reference=t.reference,
                approval_code=t.approval_code,
            )
            for position, t in enumerate(tenders)
        )
        self._session.flush()

    def returned_qty(self, sale_id: str) -> dict[str, int]:
        rows = self._session.execute(
            select(ReturnLine.sale_line_id, func.sum(ReturnLine.qty))
            .join(SaleReturn, SaleReturn.return_id == ReturnLine.return_id)
            .where(SaleReturn.sale_id == sale_id)
            .group_by(ReturnLine.sale_line_id)
        ).all()
        return {r[0]: int(r[1]) for r in rows}

    def refunded_cents(self, sale_id: str) -> int:
        return int(
            self._session.scalar(
                select(func.sum(SaleReturn.refund_cents)).where(SaleReturn.sale_id == sale_id)
            )
            or 0
        )

    def refunded_by_tender(self, sale_id: str) -> dict[str, int]:
        rows = self._session.execute(
            select(ReturnTender.method, func.sum(ReturnTender.amount_cents))
            .join(SaleReturn, SaleReturn.return_id == ReturnTender.return_id)
            .where(SaleReturn.sale_id == sale_id)
            .group_by(ReturnTender.method)
        ).all()
        return {str(r[0]): int(r[1] or 0) for r in rows}

    def of_sale(self, sale_id: str) -> list[ReturnRecord]:
        rows = self._session.scalars(
            select(SaleReturn).where(SaleReturn.sale_id == sale_id).order_by(SaleReturn.created_at)
        ).all()
        found = []
        for ret in rows:
            lines = self._session.scalars(
                select(ReturnLine).where(ReturnLine.return_id == ret.return_id)
            ).all()
            found.append(
                ReturnRecord(
                    return_id=ret.return_id,
                    return_no=ret.return_no,
                    sale_id=ret.sale_id,
                    shift_id=ret.shift_id,
                    location_id=ret.location_id,
                    staff_id=ret.staff_id,
                    created_at=ret.created_at,
                    refund_cents=ret.refund_cents,
                    method=ret.method,
                    lines=tuple(
                        ReturnLineRecord(
                            r.sale_line_id, r.product_id, r.qty, r.refund_cents, r.disposition
                        )
                        for r in lines
                    ),
                    tenders=tuple(
                        RefundTenderRecord(t.method, t.amount_cents, t.reference, t.approval_code)
                        for t in self._session.scalars(
                            select(ReturnTender)
                            .where(ReturnTender.return_id == ret.return_id)
                            .order_by(ReturnTender.position)
                        )
                    ),
                )
            )
        return found

    def add_no_receipt(self, ret: NoReceiptReturnRecord) -> None:
        self._session.add(
            NoReceiptReturn(
                return_id=ret.return_id,
                return_no=ret.return_no,
                shift_id=ret.shift_id,
                location_id=ret.location_id,
                staff_id=ret.staff_id,
                approved_by=ret.approved_by,
                customer_phone=ret.customer_phone,
                price_basis=ret.price_basis,
                created_at=ret.created_at,
                refund_cents=ret.refund_cents,
                method=ret.method,
            )
        )
        self._session.flush()
        self._session.add_all(
            NoReceiptReturnLine(
                return_id=ret.return_id,
                position=position,
                product_id=line.product_id,
                qty=line.qty,
                unit_refund_cents=line.unit_refund_cents,
                refund_cents=line.refund_cents,
                disposition=line.disposition,
            )
            for position, line in enumerate(ret.lines)
        )
        self._session.flush()

    def add_order_return(self, ret: OrderReturnRecord) -> None:
        self._session.add(
            LocalOrderReturn(
                return_id=ret.return_id,
                return_no=ret.return_no,
                shift_id=ret.shift_id,
                location_id=ret.location_id,
                staff_id=ret.staff_id,
                order_kind=ret.order_kind,
                order_id=ret.order_id,
                refund_mode=ret.refund_mode,
                refund_cents=ret.refund_cents,
                method=ret.method,
                created_at=ret.created_at,
            )
        )
        self._session.flush()

    def no_receipt_count(self, customer_phone: str, since: str) -> int:
        return int(
            self._session.scalar(
                select(func.count())
                .select_from(NoReceiptReturn)
                .where(
                    NoReceiptReturn.customer_phone == customer_phone,
                    NoReceiptReturn.created_at >= since,
                )
            )
            or 0
        )

    def lowest_paid_cents(self, location_id: int, product_id: int, since: str) -> int | None:
        # What one piece was paid (its line's total over its quantity, discounts included).
        lowest = self._session.scalar(
            select(func.min(SaleLine.line_total_cents // SaleLine.qty))
            .join(Sale, Sale.sale_id == SaleLine.sale_id)
            .where(
                Sale.location_id == location_id,
                SaleLine.product_id == product_id,
                SaleLine.qty > 0,
                Sale.created_at >= since,
            )
        )
        return None if lowest is None else int(lowest)

    def search_sales(
        self, location_id: int, day: str, amount_cents: int | None, limit: int
    ) -> list[SaleSummary]:
        query = select(Sale.receipt_no, Sale.created_at, Sale.total_cents).where(
            Sale.location_id == location_id,
            Sale.created_at >= day,
            Sale.created_at < day + "\uffff",
        )
        if amount_cents is not None:
            query = query.where(Sale.total_cents == amount_cents)
        rows = self._session.execute(query.order_by(Sale.created_at.desc()).limit(limit))
        return [SaleSummary(r[0], r[1], int(r[2])) for r in rows]


class SqlTenderRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[TenderRecord]:
        rows = self._session.scalars(select(Tender).order_by(Tender.sort_order, Tender.code))
        return [
            TenderRecord(
                r.code,
                r.name_zh,
                r.name_en,
                r.kind,
                bool(r.needs_reference),
                bool(r.active),
                r.sort_order,
            )
            for r in rows
        ]


class SqlUnitOfWork:
    """One session's repositories (``uow.sales``, ``uow.outbox``, ...)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.catalog = SqlCatalogRepository(session)
        self.sales = SqlSaleRepository(session)
        self.staff = SqlStaffRepository(session)
        self.outbox = SqlOutboxRepository(session)
        self.sync_state = SqlSyncStateRepository(session)
        self.audit = SqlAuditRepository(session)
        self.stock_deltas = SqlStockDeltaRepository(session)
        self.stock_warnings = SqlStockWarningRepository(session)

        self.shifts = SqlShiftRepository(session)
        self.einvoices = SqlEinvoiceRepository(session)
        self.reservations = SqlReservationRepository(session)
        self.returns = SqlReturnRepository(session)
        self.tenders = SqlTenderRepository(session)
        self.carts = SqlCartRepository(session)
        self.dropships = SqlDropshipRepository(session)
        self.alerts = SqlAlertRepository(session)
        self.transfers = SqlTransferRepository(session)
        self.counts = SqlCountRepository(session)
