"""Receipts: print after a sale, reprint any past sale from the journal, open the drawer."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Protocol

from sqlalchemy import select

from counter_app.core import receipts
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.local.models import AuditEntry, Payment, Sale, SaleLine
from counter_app.local.outbox import now_iso
from counter_app.local.sync_results import receipt_no_for
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.selling import CompletedSale


class ReceiptOutput(Protocol):
    """What the print queue offers; submitting never blocks on the printer."""

    def submit(self, document: receipts.Document, *, title: str | None = None) -> str: ...

    def open_drawer(self, reason: str) -> str: ...


class ReceiptService:
    def __init__(self, db: LocalDatabase, output: ReceiptOutput, store: StoreContext) -> None:
        self._db = db
        self._output = output
        self._store = store

    def print_sale(self, sale: CompletedSale) -> str:
        data = receipts.SaleReceiptData(
            store_name=self._store.name,
            store_code=self._store.code,
            receipt_no=sale.receipt_no,
            cashier_name=sale.cashier_name,
            created_at=sale.created_at,
            lines=[receipts.SaleLine(s.name, s.qty, s.unit_price, s.line_total) for s in sale.lines],
            total=sale.total,
            payments=[receipts.Payment("cash", sale.total, sale.tendered, sale.change)],
        )
        return self._output.submit(receipts.sale_receipt(data), title=sale.receipt_no)

    def open_drawer_for_cash(self, sale: CompletedSale) -> str:
        return self._output.open_drawer(f"cash sale {sale.receipt_no}")

    def reprint(self, receipt_no: str) -> str:
        """Print a past sale again, marked 補印 / REPRINT. Raises LookupError if unknown."""
        with self._db.read() as session:
            # A number the warehouse refused as taken was replaced: the old one still finds the sale.
            current_no = receipt_no_for(session, receipt_no)
            sale = session.scalars(select(Sale).where(Sale.receipt_no == current_no)).first()
            if sale is None:
                raise LookupError(f"no sale {receipt_no} in this till's journal")
            lines = session.scalars(
                select(SaleLine).where(SaleLine.sale_id == sale.sale_id).order_by(SaleLine.position)
            ).all()
            payments = session.scalars(select(Payment).where(Payment.sale_id == sale.sale_id)).all()
        data = receipts.SaleReceiptData(
            store_name=self._store.name,
            store_code=self._store.code,
            receipt_no=sale.receipt_no,
            cashier_name=sale.cashier_name,
            created_at=datetime.fromisoformat(sale.created_at),
            lines=[
                receipts.SaleLine(row.name, row.qty, Money(row.unit_price_cents), Money(row.line_total_cents))
                for row in lines
            ],
            total=Money(sale.total_cents),
            payments=[
                receipts.Payment(p.method, Money(p.amount_cents), Money(p.tendered_cents), Money(p.change_cents))
                for p in payments
            ],
            reprint=True,
        )
        return self._output.submit(receipts.sale_receipt(data), title=f"{receipt_no} 補印")

    def open_drawer_on_demand(self, supervisor: StaffMember, reason: str) -> str:
        """A supervisor opens the drawer without a sale; recorded in the audit log."""
        if not supervisor.is_supervisor:
            raise PermissionError("opening the drawer without a sale needs a supervisor")
        if not reason.strip():
            raise ValueError("a reason is required to open the drawer")
        with self._db.unit_of_work() as session:
            session.add(
                AuditEntry(
                    at=now_iso(),
                    staff_id=supervisor.id,
                    action="drawer.open",
                    detail=json.dumps({"reason": reason}, ensure_ascii=False),
                )
            )
        return self._output.open_drawer(f"supervisor {supervisor.name}: {reason}")

    def recent_sales(self, limit: int = 50) -> list[tuple[str, str, Money]]:
        """(receipt no., created_at, total), newest first, for the reprint list."""
        with self._db.read() as session:
            rows = session.execute(
                select(Sale.receipt_no, Sale.created_at, Sale.total_cents)
                .order_by(Sale.created_at.desc())
                .limit(limit)
            ).all()
        return [(r[0], r[1], Money(r[2])) for r in rows]
