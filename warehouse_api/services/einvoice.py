"""E-invoice numbers (字軌) and the invoices tills issue with them (DESIGN section 9).

The warehouse imports a period's allocation from the MOF platform's CSV, splits it into
booklets of 50 and hands booklets to tills (`claim_booklets`): a till then issues
invoices offline from numbers only it holds. A till gives back what it will not use
(`return_booklets`); at the period's end every number never issued is a blank number
(`blank_numbers`), which must be reported. Each issued invoice arrives as an
`einvoice.issue` op after its sale and is stored with its number UNIQUE.

The claim is race-free on both backends: candidate booklets are read with
`FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite's writers are serialised by
`BEGIN IMMEDIATE`), and each is taken by a conditional UPDATE that matches only while
the booklet is still available, so no booklet is ever handed to two tills.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import (
    Einvoice,
    EinvoiceAllowance,
    EinvoiceBooklet,
    EinvoiceRange,
    EinvoiceUpload,
    Return,
    Sale,
    SyncOp,
    utcnow,
)
from warehouse_api.schemas import (
    EinvoiceAllowancePayload,
    EinvoiceAllowanceVoidPayload,
    EinvoiceIssuePayload,
    EinvoiceVoidPayload,
)
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.operations import (
    AlreadyApplied,
    OpContext,
    op_handler,
    reuse_or_duplicate,
)

BOOKLET_SIZE = 50
TAIPEI = timezone(timedelta(hours=8), "Asia/Taipei")
INVOICE_TYPES = ("07", "08")  # 07: general tax (一般稅額), 08: special tax (特種稅額)

# Accepted CSV headers (case-insensitive), English or the MOF platform's Chinese names.
_COLUMNS = {
    "period": ("period", "期別", "年期別", "發票期別"),
    "track": ("track", "字軌", "發票字軌"),
    "start": ("start", "start_no", "起號", "發票起號"),
    "end": ("end", "end_no", "迄號", "發票迄號"),
    "invoice_type": ("invoice_type", "type", "發票類別", "發票類型"),
}


@dataclass(frozen=True, slots=True)
class AllocationRow:
    period: str
    track: str
    start_no: int
    end_no: int
    invoice_type: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    imported: list[AllocationRow]
    already_imported: list[AllocationRow]
    booklets_created: int


@dataclass(frozen=True, slots=True)
class BlankRange:
    track: str
    first_no: int
    last_no: int

    @property
    def count(self) -> int:
        return self.last_no - self.first_no + 1


def period_of(day: date) -> str:
    """The two-month period a day belongs to: ROC year + its even month (11512)."""
    month = day.month + day.month % 2
    return f"{day.year - 1911:03d}{month:02d}"


_PERIOD_FORMS = (
    re.compile(r"^(\d{3})(\d{2})$"),  # 11512
    re.compile(r"^(\d{3})[/年-](?:\d{1,2}-)?(\d{1,2})月?$"),  # 115/11-12, 115-12, 115年11-12月
)


def normalise_period(text: str) -> str:
    """`11512`, `115/11-12`, `115-12` or `115年11-12月` -> `11512`; ValueError otherwise."""
    cleaned = text.strip().replace(" ", "")
    for form in _PERIOD_FORMS:
        match = form.match(cleaned)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if month in (2, 4, 6, 8, 10, 12) and year >= 100:
                return f"{year:03d}{month:02d}"
            break
    raise ValueError(f"period {text!r}: expected e.g. 11512 or 115/11-12 (ending in an even month)")


def parse_allocation_csv(text: str) -> list[AllocationRow]:
    """The MOF allocation as rows; DomainError (422) naming the line of the first problem."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None:
        raise DomainError("einvoice_csv_invalid", "the file is empty", 422)
    names = [cell.strip().lower() for cell in header]
    index: dict[str, int] = {}
    for key, aliases in _COLUMNS.items():
        for position, name in enumerate(names):
            if name in aliases:
                index[key] = position
                break
        else:
            raise DomainError(
                "einvoice_csv_invalid",
                f"the header lacks the column {key!r} (one of {', '.join(aliases)})",
                422,
            )
    rows: list[AllocationRow] = []
    for line_no, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            rows.append(_row(cells, index))
        except (ValueError, IndexError) as error:
            raise DomainError(
                "einvoice_csv_invalid", f"line {line_no}: {error}", 422, line=line_no
            ) from None
    if not rows:
        raise DomainError("einvoice_csv_invalid", "the file holds no allocation", 422)
    return rows


def _row(cells: Sequence[str], index: dict[str, int]) -> AllocationRow:
    period = normalise_period(cells[index["period"]])
    track = cells[index["track"]].strip().upper()
    if len(track) != 2 or not (track.isascii() and track.isalpha()):
        raise ValueError(f"track {track!r}: two capital letters")
    start_text, end_text = cells[index["start"]].strip(), cells[index["end"]].strip()
    if not (start_text.isdigit() and end_text.isdigit()) or max(len(start_text), len(end_text)) > 8:
        raise ValueError("start and end are numbers of up to 8 digits")
    start, end = int(start_text), int(end_text)
    if end < start:
        raise ValueError(f"end {end_text} is before start {start_text}")
    invoice_type = cells[index["invoice_type"]].strip().zfill(2)
    if invoice_type not in INVOICE_TYPES:
        raise ValueError(f"invoice type {invoice_type!r}: one of {', '.join(INVOICE_TYPES)}")
    return AllocationRow(period, track, start, end, invoice_type)


def import_numbers(session: Session, rows: Iterable[AllocationRow]) -> ImportResult:
    """Store the ranges and their booklets. A range imported before is skipped (the file may
    be imported twice); a range overlapping another is refused and nothing is stored."""
    imported: list[AllocationRow] = []
    skipped: list[AllocationRow] = []
    booklets = 0
    pending: list[AllocationRow] = []
    for row in rows:
        for other in pending:
            if other.period == row.period and other.track == row.track and _overlap(other, row):
                raise DomainError(
                    "einvoice_range_overlap",
                    f"{row.track}{row.start_no:08d}-{row.end_no:08d} overlaps another row",
                    409,
                )
        pending.append(row)
    for row in pending:
        existing = session.scalars(
            select(EinvoiceRange).where(
                EinvoiceRange.period == row.period,
                EinvoiceRange.track == row.track,
                EinvoiceRange.start_no <= row.end_no,
                EinvoiceRange.end_no >= row.start_no,
            )
        ).all()
        if any(
            r.start_no == row.start_no
            and r.end_no == row.end_no
            and r.invoice_type == row.invoice_type
            for r in existing
        ):
            skipped.append(row)
            continue
        if existing:
            raise DomainError(
                "einvoice_range_overlap",
                f"{row.track}{row.start_no:08d}-{row.end_no:08d} overlaps a range already imported",
                409,
            )
        allocation = EinvoiceRange(
            period=row.period,
            track=row.track,
            start_no=row.start_no,
            end_no=row.end_no,
            invoice_type=row.invoice_type,
        )
        session.add(allocation)
        session.flush()
        for first in range(row.start_no, row.end_no + 1, BOOKLET_SIZE):
            session.add(
                EinvoiceBooklet(
                    range_id=allocation.id,
                    period=row.period,
                    track=row.track,
                    start_no=first,
                    end_no=min(first + BOOKLET_SIZE - 1, row.end_no),
                    invoice_type=row.invoice_type,
                    status="available",
                )
            )
            booklets += 1
        imported.append(row)
    session.flush()
    return ImportResult(imported, skipped, booklets)


def _overlap(a: AllocationRow, b: AllocationRow) -> bool:
    return a.start_no <= b.end_no and b.start_no <= a.end_no


def _counter(device: AuthenticatedDevice) -> int:
    if device.role != "counter" or device.location_id is None:
        raise DomainError("forbidden", "only a store counter holds invoice numbers", 403)
    return device.location_id


def claim_booklets(
    session: Session, device: AuthenticatedDevice, period: str | None, count: int
) -> list[EinvoiceBooklet]:
    """Hand up to `count` available booklets of `period` (default: the current one) to
    the calling till. None left is an error the till shows (`einvoice_numbers_exhausted`)."""
    location_id = _counter(device)
    wanted = period or period_of(datetime.now(TAIPEI).date())
    now = utcnow()
    taken: list[EinvoiceBooklet] = []
    while len(taken) < count:
        candidates = session.scalars(
            select(EinvoiceBooklet.id)
            .where(EinvoiceBooklet.period == wanted, EinvoiceBooklet.status == "available")
            .order_by(EinvoiceBooklet.track, EinvoiceBooklet.start_no)
            .limit(count - len(taken))
            .with_for_update(skip_locked=True)
        ).all()
        if not candidates:
            break
        for booklet_id in candidates:
            # Matches only while the booklet is still available: a till that read the
            # same candidate (SQLite, or a lock not held) takes nothing here.
            won = session.scalar(
                update(EinvoiceBooklet)
                .where(EinvoiceBooklet.id == booklet_id, EinvoiceBooklet.status == "available")
                .values(
                    status="claimed", device_id=device.id, location_id=location_id, claimed_at=now
                )
                .returning(EinvoiceBooklet.id)
                .execution_options(synchronize_session=False)
            )
            if won is not None:
                booklet = session.get(EinvoiceBooklet, won, populate_existing=True)
                assert booklet is not None
                taken.append(booklet)
    if not taken:
        raise DomainError(
            "einvoice_numbers_exhausted",
            f"no invoice numbers left for period {wanted}: import the next allocation",
            409,
            period=wanted,
        )
    return taken


def return_booklets(
    session: Session, device: AuthenticatedDevice, items: Iterable[tuple[int, int]]
) -> tuple[list[int], int]:
    """The till will issue nothing from `next_unused_no` on in each booklet. A booklet it
    never used goes back to the pool; the rest of a used one become blank numbers.
    Answers the booklet ids and how many numbers became blank."""
    _counter(device)
    returned: list[int] = []
    blanks = 0
    now = utcnow()
    for booklet_id, next_unused in items:
        booklet = session.get(EinvoiceBooklet, booklet_id, with_for_update=True)
        if booklet is None or booklet.device_id != device.id:
            raise DomainError(
                "einvoice_booklet_not_held", f"this till does not hold booklet {booklet_id}", 409
            )
        if booklet.status != "claimed":
            raise DomainError(
                "einvoice_booklet_not_held", f"booklet {booklet_id} was already returned", 409
            )
        if not booklet.start_no <= next_unused <= booklet.end_no + 1:
            raise DomainError(
                "einvoice_number_out_of_booklet",
                f"{next_unused} is not a number of booklet {booklet_id}",
                422,
            )
        issued_after = session.scalar(
            select(Einvoice.number)
            .where(
                Einvoice.booklet_id == booklet.id,
                Einvoice.number >= f"{booklet.track}{next_unused:08d}",
            )
            .limit(1)
        )
        if issued_after is not None:
            raise DomainError(
                "einvoice_number_used",
                f"{issued_after} was issued: the numbers from {next_unused} on are not unused",
                409,
            )
        if next_unused == booklet.start_no:
            booklet.status, booklet.device_id, booklet.location_id = "available", None, None
            booklet.claimed_at = None
        else:
            booklet.status, booklet.blank_from, booklet.returned_at = "returned", next_unused, now
            blanks += booklet.end_no - next_unused + 1
        returned.append(booklet.id)
    return returned, blanks


def blank_numbers(session: Session, period: str) -> list[BlankRange]:
    """Every number of the period's allocation no invoice was issued with, as ranges."""
    issued: dict[str, set[int]] = {}
    for code in session.scalars(select(Einvoice.number).where(Einvoice.period == period)):
        issued.setdefault(code[:2], set()).add(int(code[2:]))
    ranges: list[BlankRange] = []
    for booklet in session.scalars(
        select(EinvoiceBooklet)
        .where(EinvoiceBooklet.period == period)
        .order_by(EinvoiceBooklet.track, EinvoiceBooklet.start_no)
    ):
        used = issued.get(booklet.track, set())
        first: int | None = None
        for number in range(booklet.start_no, booklet.end_no + 1):
            if number in used:
                if first is not None:
                    ranges.append(BlankRange(booklet.track, first, number - 1))
                    first = None
            elif first is None:
                first = number
        if first is not None:
            ranges.append(BlankRange(booklet.track, first, booklet.end_no))
    return _merge(ranges)


def _merge(ranges: list[BlankRange]) -> list[BlankRange]:
    merged: list[BlankRange] = []
    for item in ranges:
        last = merged[-1] if merged else None
        if last is not None and last.track == item.track and last.last_no + 1 == item.first_no:
            merged[-1] = BlankRange(item.track, last.first_no, item.last_no)
        else:
            merged.append(item)
    return merged


@op_handler("einvoice.issue")
def record_invoice(ctx: OpContext, payload: EinvoiceIssuePayload) -> dict[str, Any]:
    session = ctx.session
    location_id = _counter(ctx.device)
    existing = session.scalar(select(Einvoice).where(Einvoice.number == payload.number))
    if existing is not None:
        if existing.sale_id == payload.sale_id:
            reuse_or_duplicate(
                session, existing.op_id, ctx.body_sha256, f"invoice {payload.number}"
            )
        raise DomainError(
            "einvoice_number_taken", f"invoice {payload.number} belongs to another sale", 409
        )
    if payload.sales_amount_cents + payload.tax_cents != payload.total_cents:
        raise DomainError(
            "einvoice_amounts_do_not_add_up", "sales amount + tax must equal the total", 422
        )
    sale = session.get(Sale, payload.sale_id)
    if sale is None or sale.location_id != location_id:
        raise DomainError("einvoice_sale_unknown", f"no sale {payload.sale_id} at this store", 422)
    if payload.replaces is not None or payload.return_id is not None:
        _check_replacement(session, payload)
    elif _whole_dollars(sale.total_cents) != payload.total_cents:
        raise DomainError(
            "einvoice_amounts_do_not_add_up", "the invoice total differs from the sale's", 422
        )
    track, number = payload.number[:2], int(payload.number[2:])
    booklet = session.scalar(
        select(EinvoiceBooklet).where(
            EinvoiceBooklet.period == payload.period,
            EinvoiceBooklet.track == track,
            EinvoiceBooklet.start_no <= number,
            EinvoiceBooklet.end_no >= number,
        )
    )
    if (
        booklet is None
        or booklet.device_id != ctx.device.id
        or (booklet.blank_from is not None and number >= booklet.blank_from)
    ):
        raise DomainError(
            "einvoice_number_not_held",
            f"{payload.number} is not a number this till holds for period {payload.period}",
            409,
        )
    # A sale's own invoice comes first and once; a replacement only while none is live
    # (the partial unique index holds that under concurrency).
    invoiced = select(Einvoice.id).where(Einvoice.sale_id == payload.sale_id)
    if payload.replaces is not None:
        invoiced = invoiced.where(Einvoice.voided_at.is_(None))
    if session.scalar(invoiced.limit(1)):
        raise DomainError("einvoice_sale_invoiced", f"sale {payload.sale_id} has an invoice", 409)
    session.add(
        Einvoice(
            number=payload.number,
            sale_id=payload.sale_id,
            booklet_id=booklet.id,
            location_id=location_id,
            device_id=ctx.device.id,
            op_id=ctx.op_id,
            period=payload.period,
            random_code=payload.random_code,
            issued_at=payload.issued_at,
            sales_amount_cents=payload.sales_amount_cents,
            tax_cents=payload.tax_cents,
            total_cents=payload.total_cents,
            seller_id=payload.seller_id,
            buyer_id=payload.buyer_id,
            carrier_type=payload.carrier_type,
            carrier_id=payload.carrier_id,
            donation_code=payload.donation_code,
            replaces=payload.replaces,
            return_id=payload.return_id,
        )
    )
    _owe(
        session,
        "F0401",
        payload.number,
        payload.number,
        location_id,
        ctx.device.id,
        payload.issued_at,
    )
    session.flush()
    return {"number": payload.number}


def _whole_dollars(cents: int) -> int:
    return (cents + 50) // 100 * 100  # an invoice's amounts: whole dollars, half up


def _check_replacement(session: Session, payload: EinvoiceIssuePayload) -> None:
    """A replacement (重開) follows the void of the sale's invoice by the same return, in
    the same period, for that invoice's total less the return's refund (more than 0)."""
    replaced = (
        None
        if payload.replaces is None
        else session.scalar(
            select(Einvoice).where(Einvoice.number == payload.replaces).with_for_update()
        )
    )
    taken_back = None if payload.return_id is None else session.get(Return, payload.return_id)
    problem = None
    if replaced is None or taken_back is None:
        problem = "names no voided invoice and return"
    elif replaced.sale_id != payload.sale_id or taken_back.sale_id != payload.sale_id:
        problem = f"is not of the sale of {replaced.number}"
    elif replaced.voided_at is None or replaced.void_return_id != payload.return_id:
        problem = f"does not follow the void of {replaced.number} by its return"
    elif replaced.period != payload.period:
        problem = f"is not of {replaced.number}'s period {replaced.period}"
    elif payload.total_cents <= 0 or payload.total_cents != replaced.total_cents - _whole_dollars(
        taken_back.refund_cents
    ):
        problem = f"is not {replaced.number}'s total less the return's refund"
    if problem is not None:
        raise DomainError(
            "einvoice_replacement_invalid", f"replacement {payload.number} {problem}", 409
        )


def _owe(
    session: Session,
    message_type: str,
    document_no: str,
    invoice_number: str,
    location_id: int,
    device_id: int | None,
    due_from: datetime,
) -> None:
    """The MIG message this document owes the platform, pending until it is exported to
    Turnkey (services/einvoice_upload.py); written in the op's own transaction."""
    session.add(
        EinvoiceUpload(
            message_type=message_type,
            document_no=document_no,
            invoice_number=invoice_number,
            location_id=location_id,
            device_id=device_id,
            due_from=due_from,
            state="pending",
        )
    )


def _store_invoice(ctx: OpContext, number: str, return_id: str | None) -> Einvoice:
    """The invoice a void or allowance settles: one of this store's, or another store's
    whose sale this store took back (the return, recorded first, names the sale)."""
    location_id = _counter(ctx.device)
    invoice = ctx.session.scalar(
        select(Einvoice).where(Einvoice.number == number).with_for_update()
    )
    if invoice is not None and invoice.location_id != location_id and return_id is not None:
        taken_back = ctx.session.get(Return, return_id)
        if (
            taken_back is not None
            and taken_back.sale_id == invoice.sale_id
            and taken_back.location_id == location_id
        ):
            return invoice
    if invoice is None or invoice.location_id != location_id:
        raise DomainError("einvoice_unknown", f"no invoice {number} at this store", 422)
    return invoice


@op_handler("einvoice.void")
def void_invoice(ctx: OpContext, payload: EinvoiceVoidPayload) -> dict[str, Any]:
    """作廢 within the invoice's own period; after it, only an allowance may reduce it."""
    invoice = _store_invoice(ctx, payload.number, payload.return_id)
    if invoice.void_op_id is not None:
        owner = ctx.session.scalar(select(SyncOp).where(SyncOp.op_id == invoice.void_op_id))
        if owner is not None and owner.body_sha256 == ctx.body_sha256:
            raise AlreadyApplied(owner.result)
        raise DomainError("einvoice_voided", f"invoice {invoice.number} is already void", 409)
    if period_of(payload.voided_at.astimezone(TAIPEI).date()) != invoice.period:
        raise DomainError(
            "einvoice_period_closed",
            f"invoice {invoice.number} is of period {invoice.period}: give an allowance instead",
            409,
        )
    if ctx.session.scalar(
        select(EinvoiceAllowance.id).where(
            EinvoiceAllowance.invoice_number == invoice.number,
            EinvoiceAllowance.voided_at.is_(None),
        )
    ):
        raise DomainError(
            "einvoice_has_allowance", f"invoice {invoice.number} has an allowance", 409
        )
    invoice.voided_at = payload.voided_at
    invoice.void_reason = payload.reason
    invoice.void_op_id = ctx.op_id
    invoice.void_return_id = payload.return_id
    _owe(
        ctx.session,
        "F0501",
        invoice.number,
        invoice.number,
        invoice.location_id,
        invoice.device_id,
        payload.voided_at,
    )
    return {"number": invoice.number, "voided": True}


@op_handler("einvoice.allowance")
def record_allowance(ctx: OpContext, payload: EinvoiceAllowancePayload) -> dict[str, Any]:
    """折讓, linked to the invoice it reduces; all of them together never exceed it."""
    session = ctx.session
    existing = session.scalar(
        select(EinvoiceAllowance).where(EinvoiceAllowance.allowance_no == payload.allowance_no)
    )
    if existing is not None:
        reuse_or_duplicate(session, existing.op_id, ctx.body_sha256, payload.allowance_no)
    invoice = _store_invoice(ctx, payload.number, payload.return_id)
    if invoice.voided_at is not None:
        raise DomainError("einvoice_voided", f"invoice {invoice.number} is void", 409)
    if payload.sales_amount_cents + payload.tax_cents != payload.total_cents:
        raise DomainError(
            "einvoice_amounts_do_not_add_up", "sales amount + tax must equal the total", 422
        )
    allowed = invoice.total_cents - (
        session.scalar(
            select(func.coalesce(func.sum(EinvoiceAllowance.total_cents), 0)).where(
                EinvoiceAllowance.invoice_number == invoice.number,
                EinvoiceAllowance.voided_at.is_(None),
            )
        )
        or 0
    )
    if payload.total_cents > allowed:
        raise DomainError(
            "einvoice_allowance_too_large",
            f"invoice {invoice.number} has {allowed // 100} dollars left to allow",
            409,
        )
    session.add(
        EinvoiceAllowance(
            allowance_no=payload.allowance_no,
            invoice_number=invoice.number,
            return_id=payload.return_id,
            location_id=invoice.location_id,
            issued_at=payload.issued_at,
            sales_amount_cents=payload.sales_amount_cents,
            tax_cents=payload.tax_cents,
            total_cents=payload.total_cents,
            op_id=ctx.op_id,
        )
    )
    _owe(
        session,
        "G0401",
        payload.allowance_no,
        invoice.number,
        invoice.location_id,
        invoice.device_id,
        payload.issued_at,
    )
    session.flush()
    return {"allowance_no": payload.allowance_no, "number": invoice.number}


@op_handler("einvoice.allowance_void")
def void_allowance(ctx: OpContext, payload: EinvoiceAllowanceVoidPayload) -> dict[str, Any]:
    """作廢折讓: the allowance stops reducing its invoice (allowances and a void of the
    invoice count without it) and its G0501 is owed. Only the document is withdrawn: the
    return it came with keeps its stock and refund."""
    location_id = _counter(ctx.device)
    allowance = ctx.session.scalar(
        select(EinvoiceAllowance)
        .where(EinvoiceAllowance.allowance_no == payload.allowance_no)
        .with_for_update()
    )
    if allowance is None or allowance.location_id != location_id:
        raise DomainError(
            "einvoice_allowance_unknown", f"no allowance {payload.allowance_no} at this store", 422
        )
    if allowance.void_op_id is not None:
        owner = ctx.session.scalar(select(SyncOp).where(SyncOp.op_id == allowance.void_op_id))
        if owner is not None and owner.body_sha256 == ctx.body_sha256:
            raise AlreadyApplied(owner.result)
        raise DomainError(
            "einvoice_allowance_voided", f"allowance {allowance.allowance_no} is already void", 409
        )
    invoice = ctx.session.scalar(
        select(Einvoice).where(Einvoice.number == allowance.invoice_number)
    )
    assert invoice is not None  # a foreign key
    allowance.voided_at = payload.voided_at
    allowance.void_reason = payload.reason
    allowance.void_op_id = ctx.op_id
    _owe(
        ctx.session,
        "G0501",
        allowance.allowance_no,
        allowance.invoice_number,
        allowance.location_id,
        invoice.device_id,
        payload.voided_at,
    )
    return {"allowance_no": allowance.allowance_no, "voided": True}


@dataclass(frozen=True, slots=True)
class TillPeriodFigures:
    device_id: int | None
    location_id: int | None
    booklets: int
    issued: int
    voided: int
    allowances: int
    allowance_cents: int
    issued_cents: int  # totals of issued invoices that are not void
    blank_numbers: int = 0  # numbers of the booklets it held that no invoice was issued with


def period_report(session: Session, period: str) -> list[TillPeriodFigures]:
    """Per till (device) of a period: booklets held, invoices issued and voided, allowances."""
    figures: dict[int | None, dict[str, Any]] = {}

    def row(device_id: int | None, location_id: int | None) -> dict[str, Any]:
        return figures.setdefault(
            device_id,
            {
                "location_id": location_id,
                "booklets": 0,
                "issued": 0,
                "voided": 0,
                "allowances": 0,
                "allowance_cents": 0,
                "issued_cents": 0,
                "blank_numbers": 0,
            },
        )

    for device_id, location_id, count, numbers in session.execute(
        select(
            EinvoiceBooklet.device_id,
            EinvoiceBooklet.location_id,
            func.count(),
            func.sum(EinvoiceBooklet.end_no - EinvoiceBooklet.start_no + 1),
        )
        .where(EinvoiceBooklet.period == period, EinvoiceBooklet.device_id.is_not(None))
        .group_by(EinvoiceBooklet.device_id, EinvoiceBooklet.location_id)
    ):
        row(device_id, location_id)["booklets"] += count
        row(device_id, location_id)["blank_numbers"] += int(numbers or 0)
    for invoice in session.scalars(select(Einvoice).where(Einvoice.period == period)):
        figures_of = row(invoice.device_id, invoice.location_id)
        figures_of["issued"] += 1
        if invoice.device_id is not None:  # an issued number is not blank
            figures_of["blank_numbers"] -= 1
        if invoice.voided_at is not None:
            figures_of["voided"] += 1
        else:
            figures_of["issued_cents"] += invoice.total_cents
    for device_id, location_id, count, cents in session.execute(
        select(
            Einvoice.device_id,
            Einvoice.location_id,
            func.count(EinvoiceAllowance.id),
            func.coalesce(func.sum(EinvoiceAllowance.total_cents), 0),
        )
        .join(Einvoice, Einvoice.number == EinvoiceAllowance.invoice_number)
        .where(Einvoice.period == period, EinvoiceAllowance.voided_at.is_(None))
        .group_by(Einvoice.device_id, Einvoice.location_id)
    ):
        figures_of = row(device_id, location_id)
        figures_of["allowances"] += count
        figures_of["allowance_cents"] += int(cents)
    return [
        TillPeriodFigures(device_id=device_id, **values)
        for device_id, values in sorted(figures.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    ]
