"""E-invoice numbers (字軌): the admin's import and blank-number report, the tills' claims
and returns of booklets (docs/einvoice.md)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy.orm import Session

from warehouse_api.api.deps import DatabaseDep, SettingsDep, require_roles
from warehouse_api.models import EinvoiceBooklet, EinvoiceUpload, utcnow
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import (
    BlankNumbersPublic,
    BlankNumbersReportPublic,
    BlankRangePublic,
    BookletClaim,
    BookletClaimPublic,
    BookletPublic,
    BookletReturn,
    BookletReturnPublic,
    DocumentAtRiskPublic,
    EinvoiceImportPublic,
    EinvoiceNumbersImport,
    EinvoicePeriod,
    EinvoicePeriodReport,
    EinvoiceRangePublic,
    EinvoiceUploadList,
    EinvoiceUploadPublic,
    TillAtRiskPublic,
    TillPeriodPublic,
    UploadDeadlines,
)
from warehouse_api.services import einvoice, einvoice_blanks, einvoice_upload
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.retry import write_with_retry

router = APIRouter(tags=["einvoice"])
AdminDevice = Annotated[AuthenticatedDevice, Depends(require_roles("admin"))]
WatchDevice = Annotated[AuthenticatedDevice, Depends(require_roles("admin", "operator"))]
CounterDevice = Annotated[AuthenticatedDevice, Depends(require_roles("counter"))]
ERRORS = problem_responses(401, 403, 409, 422)


def _range(row: einvoice.AllocationRow) -> EinvoiceRangePublic:
    return EinvoiceRangePublic(
        period=row.period,
        track=row.track,
        start_no=row.start_no,
        end_no=row.end_no,
        invoice_type=row.invoice_type,
    )


def _booklet(booklet: EinvoiceBooklet) -> BookletPublic:
    return BookletPublic(
        booklet_id=booklet.id,
        period=booklet.period,
        track=booklet.track,
        start_no=booklet.start_no,
        end_no=booklet.end_no,
        invoice_type=booklet.invoice_type,
    )


@router.post(
    "/admin/einvoice/numbers",
    response_model=EinvoiceImportPublic,
    status_code=201,
    responses=ERRORS,
    summary="Import a period's number allocation (the MOF platform's CSV) as booklets of 50",
)
def import_numbers(
    body: EinvoiceNumbersImport, device: AdminDevice, db: DatabaseDep
) -> EinvoiceImportPublic:
    rows = einvoice.parse_allocation_csv("\n".join(body.lines))

    def work(session: Session) -> EinvoiceImportPublic:
        result = einvoice.import_numbers(session, rows)
        return EinvoiceImportPublic(
            imported=[_range(row) for row in result.imported],
            already_imported=[_range(row) for row in result.already_imported],
            booklets_created=result.booklets_created,
        )

    return write_with_retry(db, work)


@router.get(
    "/admin/einvoice/blank-numbers",
    response_model=BlankNumbersPublic,
    responses=ERRORS,
    summary="Numbers of a period no invoice was issued with (blank numbers to report)",
)
def blank_numbers(
    device: AdminDevice, db: DatabaseDep, period: Annotated[EinvoicePeriod, Query()]
) -> BlankNumbersPublic:
    with db.read() as session, session.begin():
        ranges = einvoice.blank_numbers(session, period)
    return BlankNumbersPublic(
        period=period,
        ranges=[
            BlankRangePublic(track=r.track, first_no=r.first_no, last_no=r.last_no, count=r.count)
            for r in ranges
        ],
        total=sum(r.count for r in ranges),
    )


@router.post(
    "/admin/einvoice/blank-numbers/report",
    response_model=BlankNumbersReportPublic,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Queue a finished period's blank numbers for the MOF platform (E0402, per track)",
)
def report_blank_numbers(
    device: AdminDevice,
    db: DatabaseDep,
    settings: SettingsDep,
    period: Annotated[EinvoicePeriod, Query()],
) -> BlankNumbersReportPublic:
    def work(session: Session) -> BlankNumbersReportPublic:
        result = einvoice_blanks.queue_period(session, period, settings.einvoice_seller_id)
        return BlankNumbersReportPublic(
            period=period, queued=result.queued, already_queued=result.already_queued
        )

    return write_with_retry(db, work)


@router.get(
    "/admin/einvoice/report",
    response_model=EinvoicePeriodReport,
    responses=ERRORS,
    summary="A period per till: booklets, invoices issued and voided, allowances, blank numbers",
)
def period_report(
    device: AdminDevice, db: DatabaseDep, period: Annotated[EinvoicePeriod, Query()]
) -> EinvoicePeriodReport:
    with db.read() as session, session.begin():
        tills = einvoice.period_report(session, period)
        blanks = sum(r.count for r in einvoice.blank_numbers(session, period))
    return EinvoicePeriodReport(
        period=period,
        tills=[TillPeriodPublic(**dataclasses.asdict(t)) for t in tills],
        blank_numbers=blanks,
    )


@router.post(
    "/einvoice/booklets/claim",
    response_model=BookletClaimPublic,
    responses=ERRORS,
    summary="Hand booklets of invoice numbers to the calling till",
)
def claim_booklets(
    body: BookletClaim, device: CounterDevice, db: DatabaseDep
) -> BookletClaimPublic:
    def work(session: Session) -> BookletClaimPublic:
        taken = einvoice.claim_booklets(session, device, body.period, body.count)
        return BookletClaimPublic(booklets=[_booklet(b) for b in taken])

    return write_with_retry(db, work)


@router.post(
    "/einvoice/booklets/return",
    response_model=BookletReturnPublic,
    responses=ERRORS,
    summary="Give back the numbers of booklets the till will not use",
)
def return_booklets(
    body: BookletReturn, device: CounterDevice, db: DatabaseDep
) -> BookletReturnPublic:
    items = [(item.booklet_id, item.next_unused_no) for item in body.booklets]

    def work(session: Session) -> BookletReturnPublic:
        returned, blanks = einvoice.return_booklets(session, device, items)
        return BookletReturnPublic(returned=returned, blank_numbers=blanks)

    return write_with_retry(db, work)


def _upload(row: EinvoiceUpload) -> EinvoiceUploadPublic:
    return EinvoiceUploadPublic(
        message_type=row.message_type,
        document_no=row.document_no,
        invoice_number=row.invoice_number,
        location_id=row.location_id,
        device_id=row.device_id,
        due_from=row.due_from,
        state=row.state,  # type: ignore[arg-type]
        file_name=row.file_name,
        exported_at=row.exported_at,
        resolved_at=row.resolved_at,
        reason=row.reason,
    )


UploadState = Literal["pending", "exporting", "exported", "accepted", "rejected"]


@router.get(
    "/admin/einvoice/uploads",
    response_model=EinvoiceUploadList,
    responses=ERRORS,
    summary="Each invoice's upload state: MIG messages pending, exported, accepted, rejected",
)
def uploads(
    device: WatchDevice,
    db: DatabaseDep,
    state: Annotated[UploadState | None, Query()] = None,
    invoice_number: Annotated[
        str | None, Query(pattern=r"^[A-Z]{2}[0-9]{8}$", description="one invoice's messages")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> EinvoiceUploadList:
    with db.read() as session, session.begin():
        rows = einvoice_upload.uploads_of(
            session, state=state, invoice_number=invoice_number, limit=limit
        )
        counts = einvoice_upload.upload_counts(session)
        return EinvoiceUploadList(counts=counts, uploads=[_upload(row) for row in rows])


@router.get(
    "/admin/einvoice/upload-deadlines",
    response_model=UploadDeadlines,
    responses=ERRORS,
    summary="Invoices near or past the 48-hour upload deadline, and tills silent long enough "
    "to risk it",
)
def upload_deadlines(device: WatchDevice, db: DatabaseDep) -> UploadDeadlines:
    now = utcnow()
    with db.read() as session, session.begin():
        documents = einvoice_upload.documents_at_risk(session, now)
        tills = einvoice_upload.tills_at_risk(session, now)
    return UploadDeadlines(
        now=now,
        at_risk_after_hours=int(einvoice_upload.AT_RISK_AFTER.total_seconds() // 3600),
        deadline_hours=int(einvoice_upload.DEADLINE.total_seconds() // 3600),
        documents=[DocumentAtRiskPublic(**dataclasses.asdict(d)) for d in documents],
        tills=[TillAtRiskPublic(**dataclasses.asdict(t)) for t in tills],
    )


@router.post(
    "/admin/einvoice/uploads/{message_type}/{document_no}/retry",
    response_model=EinvoiceUploadPublic,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Write a rejected MIG message again (under a new file name)",
)
def retry_upload(
    device: AdminDevice,
    db: DatabaseDep,
    message_type: Annotated[Literal["F0401", "F0501", "G0401", "G0501", "E0402"], Path()],
    document_no: Annotated[str, Path(min_length=1, max_length=16, pattern=r"^[0-9A-Za-z-]+$")],
) -> EinvoiceUploadPublic:
    def work(session: Session) -> EinvoiceUploadPublic:
        return _upload(einvoice_upload.retry(session, message_type, document_no))

    return write_with_retry(db, work)
