"""The repositories a unit of work hands the services: the only code that touches the
session for them. Each wraps the existing query modules (``catalog_queries``,
``outbox``, ``sync_state``) rather than repeating them, and answers in the plain
records of ``counter_app.core`` so the services never see a row.

They satisfy the protocols in ``counter_app.services.ports`` structurally; this
module does not import the services.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.ops import OutboundOp
from counter_app.core.records import (
    FailedOp,
    OutboxStats,
    PaymentRecord,
    SaleLineRecord,
    SaleRecord,
    SaleSummary,
    StaffRecord,
)
from counter_app.local import catalog_queries, outbox, sync_state
from counter_app.local.einvoice_repository import SqlEinvoiceRepository
from counter_app.local.models import AuditEntry, Payment, PendingStockDelta, Sale, SaleLine, Staff


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
            )
            for p in sale.payments
        )
        self._session.flush()  # a duplicate receipt number fails here, inside the transaction

    def by_receipt_no(self, receipt_no: str) -> SaleRecord | None:
        sale = self._session.scalars(select(Sale).where(Sale.receipt_no == receipt_no)).first()
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
                )
                for r in lines
            ),
            payments=tuple(
                PaymentRecord(
                    p.payment_id, p.method, p.amount_cents, p.tendered_cents, p.change_cents
                )
                for p in payments
            ),
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
        return OutboxStats(stats.waiting, stats.oldest_created_at, stats.failed)

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


class SqlSyncStateRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> str | None:
        return sync_state.get_value(self._session, key)

    def set(self, key: str, value: str) -> None:
        sync_state.set_value(self._session, key, value)

    def next_counter(self, key: str) -> int:
        return sync_state.next_counter(self._session, key)


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
        self.einvoices = SqlEinvoiceRepository(session)
