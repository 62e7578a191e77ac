"""The store's stock work in the till's journal: transfers to this store (mirrored
from the feed, plus requests queued here), what has been scanned of a shipped
transfer, and scan-to-count sessions. Everything here survives a restart."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.stock_work import (
    CountLineRecord,
    CountSessionRecord,
    TransferLineRecord,
    TransferRecord,
)
from counter_app.local.models import (
    CountSession,
    CountSessionLine,
    OutboxOp,
    Product,
    StoreTransfer,
    TransferScan,
)


def _transfer_record(row: StoreTransfer) -> TransferRecord:
    lines = tuple(
        TransferLineRecord(int(item[0]), int(item[1]), None if item[2] is None else int(item[2]))
        for item in json.loads(row.lines_json)
    )
    return TransferRecord(
        transfer_id=row.transfer_id,
        status=row.status,
        from_location_id=row.from_location_id,
        to_location_id=row.to_location_id,
        lines=lines,
        updated_at=row.updated_at,
        reason=row.reason,
        carrier=row.carrier,
        tracking_no=row.tracking_no,
        reservation_id=row.reservation_id,
        received_here_at=row.received_here_at,
    )


def lines_json(lines: Iterable[TransferLineRecord]) -> str:
    return json.dumps([[line.product_id, line.qty, line.received_qty] for line in lines])


class SqlTransferRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[TransferRecord]:
        rows = self._session.scalars(
            select(StoreTransfer).order_by(StoreTransfer.updated_at.desc())
        )
        return [_transfer_record(row) for row in rows]

    def get(self, transfer_id: str) -> TransferRecord | None:
        row = self._session.get(StoreTransfer, transfer_id)
        return _transfer_record(row) if row is not None else None

    def add_pending(self, record: TransferRecord) -> None:
        self._session.add(
            StoreTransfer(
                transfer_id=record.transfer_id,
                status=record.status,
                from_location_id=record.from_location_id,
                to_location_id=record.to_location_id,
                reason=record.reason,
                lines_json=lines_json(record.lines),
                updated_at=record.updated_at,
            )
        )

    def mark_received_here(self, transfer_id: str, at: str) -> None:
        row = self._session.get(StoreTransfer, transfer_id)
        if row is None:
            raise KeyError(transfer_id)
        row.received_here_at = at

    def scans(self, transfer_id: str) -> dict[int, int]:
        rows = self._session.execute(
            select(TransferScan.product_id, TransferScan.counted).where(
                TransferScan.transfer_id == transfer_id
            )
        )
        return {int(pid): int(n) for pid, n in rows}

    def set_scan(self, transfer_id: str, product_id: int, counted: int) -> None:
        row = self._session.get(TransferScan, (transfer_id, product_id))
        if counted <= 0:
            if row is not None:
                self._session.delete(row)
            return
        if row is None:
            self._session.add(
                TransferScan(transfer_id=transfer_id, product_id=product_id, counted=counted)
            )
        else:
            row.counted = counted

    def clear_scans(self, transfer_id: str) -> None:
        self._session.execute(delete(TransferScan).where(TransferScan.transfer_id == transfer_id))

    def in_transit_to(self, location_id: int) -> dict[int, int]:
        """Units shipped to this store and not yet received here, per product."""
        found: dict[int, int] = {}
        for record in self.all():
            if record.shown_status == "shipped" and record.to_location_id == location_id:
                for line in record.lines:
                    found[line.product_id] = found.get(line.product_id, 0) + line.qty
        return found


def _session_record(row: CountSession) -> CountSessionRecord:
    return CountSessionRecord(
        session_id=row.session_id,
        scope=row.scope,
        category=row.category,
        blind=row.blind,
        status=row.status,
        started_at=row.started_at,
        staff_id=row.staff_id,
        submitted_at=row.submitted_at,
        op_id=row.op_id,
    )


def _line_record(row: CountSessionLine) -> CountLineRecord:
    return CountLineRecord(
        product_id=row.product_id,
        expected=row.expected,
        counted=row.counted,
        scanned=row.scanned,
        recount_asked=row.recount_asked,
        recounted=row.recounted,
    )


class SqlCountRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def open_session(self) -> CountSessionRecord | None:
        row = self._session.scalars(
            select(CountSession)
            .where(CountSession.status == "counting")
            .order_by(CountSession.started_at.desc())
        ).first()
        return _session_record(row) if row is not None else None

    def get(self, session_id: str) -> CountSessionRecord | None:
        row = self._session.get(CountSession, session_id)
        return _session_record(row) if row is not None else None

    def recent(self, limit: int = 20) -> list[CountSessionRecord]:
        rows = self._session.scalars(
            select(CountSession).order_by(CountSession.started_at.desc()).limit(limit)
        )
        return [_session_record(row) for row in rows]

    def add(self, record: CountSessionRecord, lines: Iterable[CountLineRecord]) -> None:
        self._session.add(
            CountSession(
                session_id=record.session_id,
                scope=record.scope,
                category=record.category,
                blind=record.blind,
                status=record.status,
                staff_id=record.staff_id,
                started_at=record.started_at,
            )
        )
        self._session.flush()
        for line in lines:
            self.put_line(record.session_id, line)

    def lines(self, session_id: str) -> list[CountLineRecord]:
        rows = self._session.scalars(
            select(CountSessionLine)
            .where(CountSessionLine.session_id == session_id)
            .order_by(CountSessionLine.product_id)
        )
        return [_line_record(row) for row in rows]

    def line(self, session_id: str, product_id: int) -> CountLineRecord | None:
        row = self._session.get(CountSessionLine, (session_id, product_id))
        return _line_record(row) if row is not None else None

    def put_line(self, session_id: str, line: CountLineRecord) -> None:
        self._session.merge(
            CountSessionLine(
                session_id=session_id,
                product_id=line.product_id,
                expected=line.expected,
                counted=line.counted,
                scanned=line.scanned,
                recount_asked=line.recount_asked,
                recounted=line.recounted,
            )
        )

    def set_status(
        self,
        session_id: str,
        status: str,
        submitted_at: str | None = None,
        op_id: str | None = None,
    ) -> None:
        row = self._session.get(CountSession, session_id)
        if row is None:
            raise KeyError(session_id)
        row.status = status
        if submitted_at is not None:
            row.submitted_at = submitted_at
        if op_id is not None:
            row.op_id = op_id

    def op_outcome(self, op_id: str) -> tuple[str, str | None, str | None]:
        """(state, problem code, problem detail or result) of a queued op; ("gone", ...)
        when the outbox no longer has it."""
        row = self._session.get(OutboxOp, op_id)
        if row is None:
            return ("gone", None, None)
        return (row.state, row.problem_code, row.problem_detail or row.result)

    def products_in_scope(self, location_id: int, category: str | None) -> list[ProductInfo]:
        """Products this store holds (a server figure or a local change), optionally of one
        category, by SKU."""
        sql = (
            "SELECT p.id, p.sku, p.name, p.price_cents, p.category FROM products p "
            "WHERE p.active AND (EXISTS (SELECT 1 FROM stock s WHERE s.location_id = :loc "
            "AND s.product_id = p.id AND s.on_hand <> 0) OR EXISTS (SELECT 1 FROM "
            "pending_stock_deltas d WHERE d.location_id = :loc AND d.product_id = p.id))"
        )
        params: dict[str, object] = {"loc": location_id}
        if category is not None:
            sql += " AND p.category = :cat"
            params["cat"] = category
        rows = self._session.execute(text(sql + " ORDER BY p.sku"), params).all()
        return [
            ProductInfo(id=r[0], sku=r[1], name=r[2], price=Money(r[3]), category=r[4] or "")
            for r in rows
        ]

    def categories(self) -> list[str]:
        rows = self._session.scalars(
            select(Product.category)
            .where(Product.category != "")
            .distinct()
            .order_by(Product.category)
        )
        return [str(c) for c in rows]

    def product(self, product_id: int) -> ProductInfo | None:
        row = self._session.get(Product, product_id)
        if row is None:
            return None
        return ProductInfo(
            id=row.id,
            sku=row.sku,
            name=row.name,
            price=Money(row.price_cents),
            category=row.category,
        )

    def pending_changes(self, location_id: int, product_id: int) -> list[tuple[str, int]]:
        """This till's changes to a product's stock here not yet confirmed by a pulled
        figure, summed per op type (``acked`` once the op is gone from the outbox)."""
        rows = self._session.execute(
            text(
                "SELECT COALESCE(o.type, 'acked'), SUM(d.delta) FROM pending_stock_deltas d "
                "LEFT JOIN outbox o ON o.op_id = d.op_id "
                "WHERE d.location_id = :loc AND d.product_id = :pid "
                "GROUP BY COALESCE(o.type, 'acked') ORDER BY 1"
            ),
            {"loc": location_id, "pid": product_id},
        ).all()
        return [(str(r[0]), int(r[1])) for r in rows if int(r[1]) != 0]

    def queued_count_deltas(self, product_id: int) -> list[int]:
        """For each count waiting to reach the warehouse that names the product, how far
        it moves the figure (counted - expected)."""
        found = []
        for (payload,) in self._session.execute(
            select(OutboxOp.payload).where(
                OutboxOp.type == "stock_count", OutboxOp.state.in_(("ready", "in_flight"))
            )
        ):
            for line in json.loads(payload).get("lines", []):
                if int(line["product_id"]) == product_id:
                    found.append(int(line["counted"]) - int(line["expected_on_hand"]))
        return [d for d in found if d != 0]
