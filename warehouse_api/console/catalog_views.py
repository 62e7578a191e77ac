"""Catalog onboarding in the console (managers): upload, dry run, import, report.

The uploaded file is kept (`catalog_imports`) so the import that follows a clean dry run
writes exactly the file that was checked, checked again against the database as it is
by then; the page after shows what was written.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from warehouse_api.console import accounts
from warehouse_api.console.views import (
    Manager,
    ManagerForm,
    Refused,
    _db,
    done,
    render,
)
from warehouse_api.models import CatalogImport, utcnow
from warehouse_api.services import catalog_import
from warehouse_api.services.retry import write_with_retry

router = APIRouter(prefix="/console", include_in_schema=False)
UPLOAD_LIMIT_BYTES = 16 * 1024 * 1024  # the body limit for this one path (app.py)
SHOWN_PROBLEMS = 500
SHOWN_CHANGES = 300


def _summary(plan: catalog_import.Plan) -> dict[str, Any]:
    return {
        **plan.summary(),
        "problem_rows": [
            [p.row, p.column, p.code, p.message, p.value] for p in plan.problems[:SHOWN_PROBLEMS]
        ],
        "change_rows": [
            [c.sku, c.action, c.changes] for c in plan.changes if c.action != "unchanged"
        ][:SHOWN_CHANGES],
    }


@router.get("/catalog/import", response_class=HTMLResponse)
def upload_page(request: Request, user: Manager) -> Response:
    with _db(request).read() as session:
        recent = list(
            session.execute(
                select(
                    CatalogImport.id,
                    CatalogImport.filename,
                    CatalogImport.status,
                    CatalogImport.uploaded_by,
                    CatalogImport.created_at,
                    CatalogImport.summary,
                )
                .order_by(CatalogImport.id.desc())
                .limit(20)
            )
        )
    return render(request, "catalog_upload.html", {"recent": recent})


@router.post("/catalog/import", response_class=HTMLResponse)
async def upload(request: Request, form: ManagerForm) -> Response:
    upload = form.form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Refused(422, "Choose a CSV or Excel file.")
    data = await upload.read()
    if not data:
        raise Refused(422, "The file is empty.")
    filename = upload.filename[-200:]
    allow = form.get("allow_new_categories") == "1"

    def unit(session: Session) -> int:
        plan = catalog_import.check(session, data, filename, allow_new_categories=allow)
        row = CatalogImport(
            filename=filename,
            sha256=hashlib.sha256(data).hexdigest(),
            content=data,
            allow_new_categories=allow,
            status="checked",
            summary=_summary(plan),
            uploaded_by=form.user.name,
        )
        session.add(row)
        session.flush()
        accounts.audit(
            session,
            form.user,
            "catalog.check",
            import_id=row.id,
            filename=filename,
            problems=len(plan.problems),
        )
        return row.id

    try:
        import_id = write_with_retry(_db(request), unit)
    except catalog_import.CatalogFileError as error:
        raise Refused(
            422, "The file cannot be read: use CSV (UTF-8 or Big5) or Excel .xlsx."
        ) from error
    return done(f"/console/catalog/import/{import_id}", "File checked")


def _load(session: Session, import_id: int) -> CatalogImport:
    row = session.get(CatalogImport, import_id)
    if row is None:
        raise Refused(404, "No such import.")
    return row


@router.get("/catalog/import/{import_id}", response_class=HTMLResponse)
def result_page(request: Request, import_id: int, user: Manager) -> Response:
    with _db(request).read() as session:
        row = _load(session, import_id)
        context = {
            "item": {
                "id": row.id,
                "filename": row.filename,
                "status": row.status,
                "uploaded_by": row.uploaded_by,
                "created_at": row.created_at,
                "imported_at": row.imported_at,
                "allow_new_categories": row.allow_new_categories,
            },
            "summary": row.summary,
        }
    return render(request, "catalog_result.html", context)


@router.post("/catalog/import/{import_id}/apply", response_class=HTMLResponse)
def apply_import(request: Request, import_id: int, form: ManagerForm) -> Response:
    def unit(session: Session) -> bool:
        row = _load(session, import_id)
        if row.status != "checked":
            raise Refused(409, "This file was imported already.")
        try:
            plan = catalog_import.apply(
                session, row.content, row.filename, allow_new_categories=row.allow_new_categories
            )
        except catalog_import.PlanNotClean as refused:
            row.summary = _summary(refused.plan)
            accounts.audit(
                session,
                form.user,
                "catalog.import_refused",
                import_id=row.id,
                problems=len(refused.plan.problems),
            )
            return False
        row.status = "imported"
        row.imported_at = utcnow()
        row.summary = _summary(plan)
        accounts.audit(session, form.user, "catalog.import", import_id=row.id, **plan.counts())
        return True

    imported = write_with_retry(_db(request), unit)
    key = "Catalog imported" if imported else "Not imported: the file has problems now"
    return done(f"/console/catalog/import/{import_id}", key)
