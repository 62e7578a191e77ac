"""A period's blank numbers (空白未使用字軌) reported to the MOF platform as E0402 messages.

At a period's end every number of its allocation that no invoice was issued with must be
reported within 10 days of the next period's start (電子發票實施作業要點). `queue_period`
owes one E0402 (`BranchTrackBlank`) per track that has blank numbers: an
`EinvoiceUpload` row, `pending`, which the Turnkey exchange (services/einvoice_upload.py)
builds, checks against the MIG rules, writes and reads back like every other message.

Reporting a number as blank that was in fact used is worse than reporting late, so a
period is queued only once nothing can change its blank numbers any more: the period is
over, no till still holds one of its booklets (each gave back what it did not use), and
every number below a returned booklet's first unused one has its invoice here (an
invoice still on its way from a till would otherwise be reported blank).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import Einvoice, EinvoiceBooklet, EinvoiceUpload, utcnow
from warehouse_api.services import mig
from warehouse_api.services.einvoice import TAIPEI, BlankRange, blank_numbers, period_of

DOCUMENT_LENGTH = 7  # period (5) + track (2)


@dataclass(frozen=True, slots=True)
class QueueResult:
    period: str
    queued: list[str]
    already_queued: list[str]


def period_end(period: str) -> datetime:
    """The first moment after a period (Taipei time): the 10-day clock starts here."""
    year, month = int(period[:3]) + 1911, int(period[3:])
    if month == 12:
        year, month = year + 1, 0
    return datetime(year, month + 1, 1, tzinfo=TAIPEI)


def seller_tax_id(session: Session, period: str, configured: str | None) -> str:
    """The seller's tax ID for HeadBan and BranchBan: the configured one, else the one
    every invoice of the period carries."""
    if configured:
        return configured
    found = session.scalars(
        select(Einvoice.seller_id).where(Einvoice.period == period).distinct().limit(2)
    ).all()
    if len(found) != 1:
        raise DomainError(
            "einvoice_seller_id_unset",
            f"the invoices of period {period} name {len(found)} sellers: set "
            "WAREHOUSE_EINVOICE_SELLER_ID (the seller's tax ID, 8 digits)",
            409,
            period=period,
        )
    return found[0]


def _check_settled(session: Session, period: str, now: datetime) -> None:
    if period_of(now.astimezone(TAIPEI).date()) <= period:
        raise DomainError(
            "einvoice_period_open",
            f"period {period} is not over: its blank numbers are reported after it",
            409,
            period=period,
        )
    booklets = session.scalars(
        select(EinvoiceBooklet)
        .where(EinvoiceBooklet.period == period)
        .order_by(EinvoiceBooklet.track, EinvoiceBooklet.start_no)
    ).all()
    if not booklets:
        raise DomainError(
            "einvoice_period_unknown", f"no numbers were imported for period {period}", 404
        )
    held = sorted({b.device_id for b in booklets if b.status == "claimed" and b.device_id})
    if held:
        raise DomainError(
            "einvoice_booklets_still_held",
            f"tills {', '.join(map(str, held))} still hold booklets of period {period}: they "
            "give them back at their next top-up once online (or retire the till)",
            409,
            devices=held,
        )
    issued = set(session.scalars(select(Einvoice.number).where(Einvoice.period == period)))
    missing = [
        f"{b.track}{number:08d}"
        for b in booklets
        if b.status == "returned" and b.blank_from is not None
        for number in range(b.start_no, b.blank_from)
        if f"{b.track}{number:08d}" not in issued
    ]
    if missing:
        raise DomainError(
            "einvoice_invoices_missing",
            f"{len(missing)} numbers were used by tills but their invoices have not arrived "
            f"(first {missing[0]}): let the tills sync first",
            409,
            numbers=missing[:20],
        )


def queue_period(
    session: Session, period: str, configured_tax_id: str | None, now: datetime | None = None
) -> QueueResult:
    """Owe one E0402 per track of `period` with blank numbers. Queuing a period twice
    queues nothing new (UNIQUE message type + document, also between two racing calls)."""
    now = now or utcnow()
    _check_settled(session, period, now)
    seller_tax_id(session, period, configured_tax_id)
    first_blank: dict[str, BlankRange] = {}
    for blank in blank_numbers(session, period):
        first_blank.setdefault(blank.track, blank)
    result = QueueResult(period, [], [])
    for track, blank in sorted(first_blank.items()):
        document_no = f"{period}{track}"
        try:
            with session.begin_nested():
                session.add(
                    EinvoiceUpload(
                        message_type="E0402",
                        document_no=document_no,
                        invoice_number=f"{track}{blank.first_no:08d}",
                        location_id=None,
                        device_id=None,
                        due_from=period_end(period),
                        state="pending",
                    )
                )
        except IntegrityError:
            result.already_queued.append(document_no)
        else:
            result.queued.append(document_no)
    return result


def build_blank_track(session: Session, document_no: str, configured_tax_id: str | None) -> bytes:
    """The E0402 of one period + track, from the blank numbers as they stand."""
    period, track = document_no[:5], document_no[5:]
    if len(document_no) != DOCUMENT_LENGTH:
        raise mig.MigError("E0402", [f"{document_no!r} is not a period and a track"])
    ranges = [b for b in blank_numbers(session, period) if b.track == track]
    if not ranges:
        raise mig.MigError("E0402", [f"period {period} has no blank numbers in track {track}"])
    if len(ranges) > mig.MAX_BLANK_RANGES:
        raise mig.MigError("E0402", [f"{len(ranges)} ranges, at most {mig.MAX_BLANK_RANGES}"])
    invoice_type = session.scalar(
        select(EinvoiceBooklet.invoice_type)
        .where(EinvoiceBooklet.period == period, EinvoiceBooklet.track == track)
        .limit(1)
    )
    try:
        tax_id = seller_tax_id(session, period, configured_tax_id)
    except DomainError as error:
        raise mig.MigError("E0402", [error.detail]) from None
    return mig.build_e0402(
        mig.BlankTrackMessage(
            head_ban=tax_id,
            branch_ban=tax_id,
            invoice_type=invoice_type or "07",
            year_month=period,
            track=track,
            ranges=[(b.first_no, b.last_no) for b in ranges],
        )
    )
