"""The till's e-invoice numbers and invoices (``uow.einvoices``): booklets it holds, the
next number to issue, and the invoices issued with its sales.

Taking a number is an UPDATE of the booklet's ``next_no`` inside the sale's write
transaction (``BEGIN IMMEDIATE``): two sales on one till can never take the same
number, and a sale rolled back gives its number back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from counter_app.core.einvoice import AllowanceRecord, Booklet, InvoiceRecord
from counter_app.core.einvoice_proof import ProofItem
from counter_app.local.models import (
    Einvoice,
    EinvoiceAllowance,
    EinvoiceAllowanceElsewhere,
    EinvoiceBooklet,
    EinvoiceItem,
    EinvoiceVoidElsewhere,
)

_INVOICE_FIELDS = [f.name for f in dataclasses.fields(InvoiceRecord)]


def _booklet(row: EinvoiceBooklet) -> Booklet:
    return Booklet(
        row.booklet_id,
        row.period,
        row.track,
        row.start_no,
        row.end_no,
        row.invoice_type,
        row.next_no,
    )


def _invoice(row: Einvoice) -> InvoiceRecord:
    return InvoiceRecord(**{name: getattr(row, name) for name in _INVOICE_FIELDS})


def _voided_elsewhere(row: EinvoiceVoidElsewhere) -> InvoiceRecord:
    """Another till's invoice as its void here counts: not issued here (no shift)."""
    return InvoiceRecord(
        number=row.number,
        sale_id=row.sale_id,
        booklet_id=0,
        period=row.period,
        random_code="",
        issued_at=row.issued_at,
        sales_amount_cents=0,
        tax_cents=0,
        total_cents=row.total_cents,
        seller_id=row.seller_id,
        voided_at=row.voided_at,
        return_id=row.return_id,
        void_shift_id=row.void_shift_id,
    )


class SqlEinvoiceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_booklets(self, booklets: Iterable[Booklet]) -> None:
        for booklet in booklets:
            if self._session.get(EinvoiceBooklet, booklet.booklet_id) is None:
                self._session.add(
                    EinvoiceBooklet(
                        booklet_id=booklet.booklet_id,
                        period=booklet.period,
                        track=booklet.track,
                        start_no=booklet.start_no,
                        end_no=booklet.end_no,
                        invoice_type=booklet.invoice_type,
                        next_no=booklet.next_no,
                        status="active",
                    )
                )
        self._session.flush()

    def take_number(self, period: str) -> tuple[Booklet, str] | None:
        """The next unused number of ``period`` (lowest booklet first), now taken."""
        row = self._session.scalars(
            select(EinvoiceBooklet)
            .where(
                EinvoiceBooklet.period == period,
                EinvoiceBooklet.status == "active",
                EinvoiceBooklet.next_no <= EinvoiceBooklet.end_no,
            )
            .order_by(EinvoiceBooklet.track, EinvoiceBooklet.start_no)
            .limit(1)
        ).first()
        if row is None:
            return None
        number = row.next_no
        self._session.execute(
            update(EinvoiceBooklet)
            .where(EinvoiceBooklet.booklet_id == row.booklet_id)
            .values(next_no=number + 1)
        )
        self._session.refresh(row)
        return _booklet(row), f"{row.track}{number:08d}"

    def remaining(self, period: str) -> int:
        total = self._session.scalar(
            select(
                func.coalesce(func.sum(EinvoiceBooklet.end_no - EinvoiceBooklet.next_no + 1), 0)
            ).where(
                EinvoiceBooklet.period == period,
                EinvoiceBooklet.status == "active",
                EinvoiceBooklet.next_no <= EinvoiceBooklet.end_no,
            )
        )
        return int(total or 0)

    def held(self) -> list[Booklet]:
        rows = self._session.scalars(
            select(EinvoiceBooklet)
            .where(EinvoiceBooklet.status == "active")
            .order_by(EinvoiceBooklet.period, EinvoiceBooklet.track, EinvoiceBooklet.start_no)
        )
        return [_booklet(row) for row in rows]

    def set_status(self, booklet_ids: Iterable[int], status: str) -> None:
        ids = list(booklet_ids)
        if ids:
            self._session.execute(
                update(EinvoiceBooklet)
                .where(EinvoiceBooklet.booklet_id.in_(ids))
                .values(status=status)
            )

    def with_status(self, status: str) -> list[Booklet]:
        rows = self._session.scalars(
            select(EinvoiceBooklet).where(EinvoiceBooklet.status == status)
        )
        return [_booklet(row) for row in rows]

    def add(self, invoice: InvoiceRecord) -> None:
        self._session.add(Einvoice(**dataclasses.asdict(invoice)))
        self._session.flush()

    def of_sale(self, sale_id: str) -> InvoiceRecord | None:
        """The sale's live invoice (its replacement after a same-period return), else the
        last one voided."""
        row = self._session.scalar(
            select(Einvoice)
            .where(Einvoice.sale_id == sale_id)
            .order_by(
                Einvoice.voided_at.is_not(None), Einvoice.issued_at.desc(), Einvoice.number.desc()
            )
            .limit(1)
        )
        return _invoice(row) if row is not None else None

    def all_of_sale(self, sale_id: str) -> list[InvoiceRecord]:
        """Every invoice of the sale this till issued, live and voided, oldest first."""
        rows = self._session.scalars(
            select(Einvoice)
            .where(Einvoice.sale_id == sale_id)
            .order_by(Einvoice.issued_at, Einvoice.number)
        )
        return [_invoice(row) for row in rows]

    def voided_elsewhere_of_sale(self, sale_id: str) -> set[str]:
        """The numbers of other tills' invoices of the sale that returns here voided."""
        return set(
            self._session.scalars(
                select(EinvoiceVoidElsewhere.number).where(EinvoiceVoidElsewhere.sale_id == sale_id)
            )
        )

    def add_allowance_elsewhere(self, sale_id: str, allowance: AllowanceRecord) -> None:
        """An allowance given here on another till's invoice (of the sale ``sale_id``)."""
        self._session.add(
            EinvoiceAllowanceElsewhere(sale_id=sale_id, **dataclasses.asdict(allowance))
        )
        self._session.flush()

    def allowances_elsewhere_of(self, number: str) -> list[AllowanceRecord]:
        rows = self._session.scalars(
            select(EinvoiceAllowanceElsewhere)
            .where(EinvoiceAllowanceElsewhere.number == number)
            .order_by(EinvoiceAllowanceElsewhere.allowance_no)
        )
        return [_allowance_record(r) for r in rows]

    def set_items(self, number: str, items: Iterable[ProofItem]) -> None:
        """The goods the invoice covers as its proof lists them (a replacement's)."""
        self._session.add_all(
            EinvoiceItem(
                number=number, seq=seq, name=item.name, qty=item.qty, unit_price=item.unit_price
            )
            for seq, item in enumerate(items, start=1)
        )
        self._session.flush()

    def items_of(self, number: str) -> list[ProofItem]:
        """The stored goods of the invoice; [] when none were stored (a sale's own invoice,
        or a replacement issued before they were)."""
        rows = self._session.scalars(
            select(EinvoiceItem).where(EinvoiceItem.number == number).order_by(EinvoiceItem.seq)
        )
        return [ProofItem(r.name, r.qty, r.unit_price) for r in rows]

    def replacement_of(self, number: str) -> InvoiceRecord | None:
        """The invoice issued in place of ``number`` (重開), if any."""
        row = self._session.scalar(select(Einvoice).where(Einvoice.replaces == number))
        return _invoice(row) if row is not None else None

    def by_number(self, number: str) -> InvoiceRecord | None:
        row = self._session.get(Einvoice, number)
        return _invoice(row) if row is not None else None

    def of_shift(self, shift_id: str) -> list[InvoiceRecord]:
        """The invoices issued in the shift and those voided in it (other tills' too)."""
        rows = self._session.scalars(
            select(Einvoice)
            .where(or_(Einvoice.shift_id == shift_id, Einvoice.void_shift_id == shift_id))
            .order_by(Einvoice.issued_at, Einvoice.number)
        )
        elsewhere = self._session.scalars(
            select(EinvoiceVoidElsewhere)
            .where(EinvoiceVoidElsewhere.void_shift_id == shift_id)
            .order_by(EinvoiceVoidElsewhere.issued_at, EinvoiceVoidElsewhere.number)
        )
        return [_invoice(row) for row in rows] + [_voided_elsewhere(row) for row in elsewhere]

    def add_void_elsewhere(self, invoice: InvoiceRecord) -> None:
        """Another till's invoice voided here (``voided_at``, ``void_shift_id``, and the
        return in ``return_id``): kept for this till's register."""
        assert invoice.voided_at is not None and invoice.return_id is not None
        self._session.add(
            EinvoiceVoidElsewhere(
                number=invoice.number,
                sale_id=invoice.sale_id,
                period=invoice.period,
                issued_at=invoice.issued_at,
                total_cents=invoice.total_cents,
                seller_id=invoice.seller_id,
                voided_at=invoice.voided_at,
                void_shift_id=invoice.void_shift_id,
                return_id=invoice.return_id,
            )
        )
        self._session.flush()

    def mark_printed(self, number: str) -> int:
        """Count one more printed proof; answers how many were printed before."""
        row = self._session.get(Einvoice, number)
        if row is None:
            raise KeyError(number)
        before = row.printed
        row.printed = before + 1
        return before

    def mark_voided(self, number: str, voided_at: str, shift_id: str | None = None) -> None:
        row = self._session.get(Einvoice, number)
        if row is None:
            raise KeyError(number)
        row.voided_at = voided_at
        row.void_shift_id = shift_id
        self._session.flush()  # before a replacement takes the sale's one live invoice

    def add_allowance(self, allowance: AllowanceRecord) -> None:
        self._session.add(EinvoiceAllowance(**dataclasses.asdict(allowance)))
        self._session.flush()

    def allowances_of(self, number: str) -> list[AllowanceRecord]:
        rows = self._session.scalars(
            select(EinvoiceAllowance)
            .where(EinvoiceAllowance.number == number)
            .order_by(EinvoiceAllowance.allowance_no)
        )
        return [_allowance_record(r) for r in rows]

    def mark_allowance_voided(self, allowance_no: str, voided_at: str) -> None:
        row = self._session.get(EinvoiceAllowance, allowance_no)
        if row is None:
            raise KeyError(allowance_no)
        row.voided_at = voided_at


def _allowance_record(row: EinvoiceAllowance | EinvoiceAllowanceElsewhere) -> AllowanceRecord:
    """An allowance row, this till's own or one given here on another till's invoice."""
    return AllowanceRecord(
        row.allowance_no,
        row.number,
        row.return_id,
        row.issued_at,
        row.sales_amount_cents,
        row.tax_cents,
        row.total_cents,
        row.voided_at,
    )
