"""E-invoice numbers (字軌): the admin's import and blank-number report, the tills' claims
and returns of booklets (docs/einvoice.md)."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from warehouse_api.api.deps import DatabaseDep, require_roles
from warehouse_api.models import EinvoiceBooklet
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import (
    BlankNumbersPublic,
    BlankRangePublic,
    BookletClaim,
    BookletClaimPublic,
    BookletPublic,
    BookletReturn,
    BookletReturnPublic,
    EinvoiceImportPublic,
    EinvoiceNumbersImport,
    EinvoicePeriod,
    EinvoicePeriodReport,
    EinvoiceRangePublic,
    TillPeriodPublic,
)
from warehouse_api.services import einvoice
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.retry import write_with_retry

router = APIRouter(tags=["einvoice"])
AdminDevice = Annotated[AuthenticatedDevice, Depends(require_roles("admin"))]
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
